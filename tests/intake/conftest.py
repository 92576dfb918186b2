"""Shared by the relay's tests: the test helpers' folder on the path, and moto's S3 in this process (``s3``: its endpoint, a
boto3 client and a bucket of the test's own; tests/intake/test_multi_instance.py runs moto as its own process instead and
keeps its own ``s3``)."""

import sys
import uuid
from pathlib import Path

import boto3
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sendkit import free_port  # noqa: E402  (after the path above)

CREDS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture
def s3(monkeypatch):
    from moto.server import ThreadedMotoServer

    for k, v in CREDS.items():
        monkeypatch.setenv(k, v)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    bucket = f"bundles-{uuid.uuid4().hex[:12]}"  # moto keeps its state per process: one bucket per test
    client.create_bucket(Bucket=bucket)
    yield endpoint, client, bucket
    server.stop()
