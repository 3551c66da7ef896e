"""An in-memory fake of the boto3 S3 client (no network, no boto3 needed), for the storage tests."""
import io


class ClientError(Exception):
    """Shaped like botocore.exceptions.ClientError: the S3 error code lives in .response."""

    def __init__(self, code: str):
        super().__init__(code)
        self.response = {"Error": {"Code": code}}


class FakeS3:
    def __init__(self):
        self.objects: dict[tuple[str, str], dict] = {}
        self.calls: list[str] = []

    def put_object(self, *, Bucket, Key, Body, ContentType, CacheControl):
        self.calls.append("put")
        self.objects[(Bucket, Key)] = {"body": Body, "type": ContentType, "cache": CacheControl}

    def get_object(self, *, Bucket, Key):
        if (Bucket, Key) not in self.objects:
            raise ClientError("NoSuchKey")
        return {"Body": io.BytesIO(self.objects[(Bucket, Key)]["body"])}

    def head_object(self, *, Bucket, Key):
        if (Bucket, Key) not in self.objects:
            raise ClientError("404")
        return {}

    def delete_object(self, *, Bucket, Key):
        self.objects.pop((Bucket, Key), None)  # S3 answers 204 for missing keys too
