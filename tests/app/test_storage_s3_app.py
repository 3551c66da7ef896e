"""The app with KICK_MEDIA_BACKEND=s3: uploads land in the bucket and /media serves them from it."""
import io

from PIL import Image

from tests.support.s3 import FakeS3


def test_upload_and_serve_through_s3(app_config, monkeypatch):
    from app import create_app
    from app.media.service import save_image

    fake = FakeS3()
    monkeypatch.setattr("app.media.storage._boto3_client", lambda endpoint: fake)
    app = create_app({**app_config, "KICK_MEDIA_BACKEND": "s3", "KICK_S3_BUCKET": "kick-test"})
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "#1F3A5F").save(buffer, "JPEG")
    with app.test_request_context():
        stored = save_image(buffer.getvalue(), "shops/1")
    assert {key for (_, key) in fake.objects} == set(stored.keys.values())
    response = app.test_client().get(f"/media/{stored.thumb_key}")
    assert response.status_code == 200 and response.data == fake.objects[("kick-test", stored.thumb_key)]["body"]
    assert app.test_client().get("/media/shops/1/missing-thumb.webp").status_code == 404
