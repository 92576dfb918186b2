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
