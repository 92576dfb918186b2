"""moto's S3-compatible server as its own process on loopback (the relay's shared-storage tests and benchmarks)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import requests

from sendkit import free_port

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


class S3Server:
    def __init__(self, log: Path | None = None) -> None:
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.log = log
        out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - handed to the child process
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)], stdout=out, stderr=out, env={**os.environ, **CREDENTIALS}
        )
        end = time.monotonic() + 30
        while True:
            try:
                requests.get(self.endpoint + "/moto-api/", timeout=1)
                break
            except requests.RequestException:
                if time.monotonic() > end or self.proc.poll() is not None:
                    raise AssertionError("moto did not start: " + (log.read_text(errors="replace") if log else "")) from None
                time.sleep(0.1)
        import boto3

        self.client = boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")

    def bucket(self, prefix: str = "b/") -> dict[str, Any]:
        """A new bucket; returns the relay's ``[storage]`` table for it."""
        name = f"bundles-{uuid.uuid4().hex[:12]}"
        self.client.create_bucket(Bucket=name)
        return {"kind": "s3", "bucket": name, "prefix": prefix, "endpoint_url": self.endpoint, "access_key_id": "testing", "secret_access_key": "testing"}

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def truthful_upload_times(monkeypatch: Any) -> None:
    """Make an in-process moto server (``ThreadedMotoServer``) say when each multipart upload started.

    moto 5 answers ListMultipartUploads with one fixed ``Initiated`` for every upload (2010-11-10, written in
    moto/s3/responses.py), where S3 gives the time CreateMultipartUpload was called: every upload would look years old.
    This records that time on moto's own upload object and answers with it; :func:`age_upload` moves it back."""
    import datetime

    from moto.s3.models import FakeMultipart
    from moto.s3.responses import S3Response

    made = FakeMultipart.__init__
    listed = S3Response.list_multipart_uploads

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        self.initiated = datetime.datetime.now(datetime.UTC)

    def list_multipart_uploads(self: Any) -> Any:
        serialized = self.serialized

        def with_times(action_result: Any) -> Any:
            uploads = self.backend.list_multipart_uploads(self.bucket_name)
            for item in action_result.result.get("Uploads", []):
                upload = uploads.get(item["UploadId"])
                if upload is not None and hasattr(upload, "initiated"):
                    item["Initiated"] = upload.initiated.strftime("%Y-%m-%dT%H:%M:%S.000Z")
            return serialized(action_result)

        self.serialized = with_times
        try:
            return listed(self)
        finally:
            del self.serialized

    monkeypatch.setattr(FakeMultipart, "__init__", init)
    monkeypatch.setattr(S3Response, "list_multipart_uploads", list_multipart_uploads)


def _moto_bucket(bucket: str) -> Any:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.s3.models import s3_backends

    return s3_backends[DEFAULT_ACCOUNT_ID]["aws"].buckets[bucket]


def age_upload(bucket: str, upload_id: str, days: float) -> None:
    """An in-process moto's multipart upload, started ``days`` earlier (with :func:`truthful_upload_times`)."""
    import datetime

    upload = _moto_bucket(bucket).multiparts[upload_id]
    upload.initiated -= datetime.timedelta(days=days)


def age_object(bucket: str, key: str, days: float) -> None:
    """An in-process moto's object, written ``days`` earlier (its LastModified)."""
    import datetime

    _moto_bucket(bucket).keys[key].last_modified -= datetime.timedelta(days=days)


def stored_long_ago(bucket: str, key: str, body: bytes, days: float) -> None:
    """An object put straight into an in-process moto's bucket, written ``days`` earlier: what a PutObject over HTTP
    stores (a thousand of them through the server took about 12 s), for a test of what is done with it later."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.s3.models import s3_backends

    s3_backends[DEFAULT_ACCOUNT_ID]["aws"].put_object(bucket, key, body)
    age_object(bucket, key, days)
