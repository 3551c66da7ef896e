import os

import pytest

from app.media.storage import InvalidKey, LocalStorage, Storage, validate_key


@pytest.fixture
def store(tmp_path):
    return LocalStorage(tmp_path / "media")


def test_local_storage_satisfies_protocol(store):
    assert isinstance(store, Storage)


def test_round_trip_creates_directories(store, tmp_path):
    key = "shops/12/photo-1_phone.jpg"
    assert not store.exists(key)
    store.save(key, b"\xff\xd8 jpeg bytes", "image/jpeg")
    assert store.exists(key)
    assert store.open(key) == b"\xff\xd8 jpeg bytes"
    assert (tmp_path / "media" / "shops" / "12" / "photo-1_phone.jpg").read_bytes() == (
        b"\xff\xd8 jpeg bytes"
    )
    assert store.url_key(key) == key


def test_save_overwrites_atomically_and_leaves_no_temp_files(store, tmp_path):
    store.save("a/b.txt", b"one", "text/plain")
    store.save("a/b.txt", b"two", "text/plain")
    assert store.open("a/b.txt") == b"two"
    assert os.listdir(tmp_path / "media" / "a") == ["b.txt"]
    assert (os.stat(tmp_path / "media" / "a" / "b.txt").st_mode & 0o777) == 0o644


def test_failed_write_cleans_up_temp_file(store, tmp_path):
    store.save("a/keep.txt", b"x", "text/plain")
    with pytest.raises(TypeError):
        store.save("a/bad.txt", "not bytes", "text/plain")  # type: ignore[arg-type]
    assert os.listdir(tmp_path / "media" / "a") == ["keep.txt"]


def test_delete_and_missing(store):
    store.save("x.jpg", b"1", "image/jpeg")
    store.delete("x.jpg")
    assert not store.exists("x.jpg")
    store.delete("x.jpg")  # idempotent
    with pytest.raises(FileNotFoundError):
        store.open("x.jpg")


@pytest.mark.parametrize(
    "key",
    [
        "",
        "../secret",
        "a/../../etc/passwd",
        "..",
        "a/..",
        "/etc/passwd",
        "a\\..\\b",
        "a\\b.jpg",
        "a//b.jpg",
        "a/./b.jpg",
        "a/",
        ".hidden",
        "a/.tmp-123",
        "caf\u00e9.jpg",
        "a b.jpg",
        "a%2e%2e/b",
        "a\x00b",
        "C:/x.jpg",
        "~/x",
        "x" * 256,
    ],
)
def test_rejects_unsafe_keys(store, key):
    with pytest.raises(InvalidKey):
        validate_key(key)
    for call in (
        lambda: store.save(key, b"data", "image/jpeg"),
        lambda: store.open(key),
        lambda: store.exists(key),
        lambda: store.delete(key),
        lambda: store.url_key(key),
    ):
        with pytest.raises(InvalidKey):
            call()


def test_invalid_key_is_a_value_error():
    assert issubclass(InvalidKey, ValueError)


def test_nothing_written_outside_root_on_traversal(store, tmp_path):
    with pytest.raises(InvalidKey):
        store.save("../escaped.txt", b"x", "text/plain")
    assert not (tmp_path / "escaped.txt").exists()


def test_symlink_escape_is_refused(store, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "link").symlink_to(outside, target_is_directory=True)
    with pytest.raises(InvalidKey):
        store.save("link/x.txt", b"x", "text/plain")
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("key", ["a.jpg", "shops/1/2/3.webp", "A-Z_0.9/x.y.z", "x" * 255])
def test_accepts_safe_keys(key):
    assert validate_key(key) == key
