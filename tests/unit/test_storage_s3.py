"""S3Storage against an in-memory fake of the boto3 S3 client (no network, no boto3 needed)."""

import pytest

from app.media.storage import InvalidKey, LocalStorage, S3Storage, Storage, storage_from_config
from tests.support.s3 import ClientError, FakeS3


@pytest.fixture
def fake():
    return FakeS3()


@pytest.fixture
def store(fake):
    return S3Storage("kick-media", fake, prefix="prod/")


def test_satisfies_the_storage_protocol(store):
    assert isinstance(store, Storage)


def test_round_trip_with_content_type_prefix_and_long_cache(store, fake):
    store.save("shops/12/ab-phone.jpg", b"\xff\xd8jpeg", "image/jpeg")
    saved = fake.objects[("kick-media", "prod/shops/12/ab-phone.jpg")]
    assert saved["type"] == "image/jpeg" and "immutable" in saved["cache"]
    assert store.exists("shops/12/ab-phone.jpg")
    assert store.open("shops/12/ab-phone.jpg") == b"\xff\xd8jpeg"
    assert store.url_key("shops/12/ab-phone.jpg") == "shops/12/ab-phone.jpg"


def test_missing_objects_behave_like_missing_files(store):
    assert not store.exists("nope.jpg")
    with pytest.raises(FileNotFoundError):
        store.open("nope.jpg")
    store.delete("nope.jpg")  # idempotent, like LocalStorage


def test_delete_removes(store):
    store.save("a.jpg", b"1", "image/jpeg")
    store.delete("a.jpg")
    assert not store.exists("a.jpg")


def test_other_errors_are_not_swallowed(fake):
    class Broken(FakeS3):
        def get_object(self, **kwargs):
            raise ClientError("AccessDenied")

        def head_object(self, **kwargs):
            raise ClientError("AccessDenied")
    store = S3Storage("b", Broken())
    with pytest.raises(ClientError):
        store.open("a.jpg")
    with pytest.raises(ClientError):
        store.exists("a.jpg")


@pytest.mark.parametrize("key", ["../etc/passwd", "/abs.jpg", "a//b.jpg", "a\\b.jpg", ".hidden", "a\x00b", ""])
def test_unsafe_keys_never_reach_the_bucket(store, fake, key):
    for call in (lambda: store.save(key, b"x", "image/jpeg"), lambda: store.open(key),
                 lambda: store.exists(key), lambda: store.delete(key)):
        with pytest.raises(InvalidKey):
            call()
    assert fake.calls == [] and fake.objects == {}


def test_bytes_only(store):
    with pytest.raises(TypeError):
        store.save("a.jpg", "text", "image/jpeg")  # type: ignore[arg-type]


def test_bucket_is_required(fake):
    with pytest.raises(ValueError):
        S3Storage("", fake)


def test_storage_from_config(tmp_path, monkeypatch):
    assert isinstance(storage_from_config({"MEDIA_ROOT": str(tmp_path)}), LocalStorage)
    assert isinstance(storage_from_config({"KICK_MEDIA_BACKEND": "local", "MEDIA_ROOT": str(tmp_path)}), LocalStorage)
    made = {}
    monkeypatch.setattr("app.media.storage._boto3_client", lambda endpoint: made.setdefault("endpoint", endpoint) and FakeS3())
    store = storage_from_config({"KICK_MEDIA_BACKEND": "s3", "KICK_S3_BUCKET": "city-media",
                                 "KICK_S3_ENDPOINT_URL": "https://s3.example.test", "MEDIA_ROOT": str(tmp_path)})
    assert isinstance(store, S3Storage) and store.bucket == "city-media"
    assert made["endpoint"] == "https://s3.example.test"
    with pytest.raises(ValueError):
        storage_from_config({"KICK_MEDIA_BACKEND": "ftp", "MEDIA_ROOT": str(tmp_path)})
