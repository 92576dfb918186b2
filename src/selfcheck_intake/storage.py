"""Where accepted bundles live: the local disk (default) or S3-compatible object storage.

Both move files from disk to disk (or object store) in chunks; a bundle is
never read whole into memory. With S3, several relay instances can share
the bundles.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any, Protocol

from selfcheck_intake.leftovers import part_file


def object_name(bundle_id: str, version: str = "") -> str:
    """``<bundle id>.zip``, or ``<bundle id>.<version>.zip`` when instances share a queue: two different bundles sent
    under one id at the same instant (one of them is refused) then never overwrite each other's object."""
    return f"{bundle_id}.{version}.zip" if version else f"{bundle_id}.zip"


class Storage(Protocol):
    def put(self, source: Path, bundle_id: str, version: str = "") -> str: ...

    def delete(self, key: str) -> None: ...

    def fetch(self, key: str, target: Path) -> None: ...

    def local_path(self, key: str) -> Path | None: ...

    def exists(self, key: str) -> bool: ...

    def agent_url(self, key: str, seconds: int) -> str | None: ...

    def health(self) -> bool: ...

    def get_receipt(self, bundle_id: str) -> dict[str, Any] | None: ...

    def put_receipt(self, bundle_id: str, receipt: dict[str, Any]) -> None: ...


class LocalStorage:
    """Bundles as files under one folder, written atomically (temp file, fsync, rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        return self.root / key

    def put(self, source: Path, bundle_id: str, version: str = "") -> str:
        key = object_name(bundle_id, version)
        target = self._path(key)
        tmp = part_file(self.root, key)  # the relay's sweep removes one a killed relay left (leftovers)
        try:
            shutil.copyfile(source, tmp)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)  # a copy that failed (disk full) leaves nothing
        return key

    def fetch(self, key: str, target: Path) -> None:
        shutil.copyfile(self._path(key), target)

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def local_path(self, key: str) -> Path | None:
        return self._path(key)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def agent_url(self, key: str, seconds: int) -> str | None:
        return None  # served by the relay's own agent endpoint

    def get_receipt(self, bundle_id: str) -> dict[str, Any] | None:
        return None  # one instance: its queue is the only record

    def put_receipt(self, bundle_id: str, receipt: dict[str, Any]) -> None:
        return None

    def health(self) -> bool:
        return self.root.is_dir() and os.access(self.root, os.W_OK)


class S3Storage:
    """Bundles as objects in an S3-compatible bucket (AWS, MinIO, Ceph, Garage...)."""

    def __init__(self, settings: dict[str, Any]) -> None:
        import boto3
        from botocore.config import Config as BotoConfig

        self.bucket = str(settings["bucket"])
        self.prefix = str(settings.get("prefix", "bundles/"))
        self.client = boto3.client(
            "s3",
            endpoint_url=settings.get("endpoint_url") or None,
            region_name=settings.get("region") or "us-east-1",
            aws_access_key_id=settings.get("access_key_id") or None,
            aws_secret_access_key=settings.get("secret_access_key") or None,
            config=BotoConfig(retries={"max_attempts": 5, "mode": "standard"}, s3={"addressing_style": settings.get("addressing_style", "path")}),
        )

    def put(self, source: Path, bundle_id: str, version: str = "") -> str:
        key = self.prefix + object_name(bundle_id, version)
        self.client.upload_file(str(source), self.bucket, key, ExtraArgs={"ContentType": "application/zip"})
        return key

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=key)

    def fetch(self, key: str, target: Path) -> None:
        self.client.download_file(self.bucket, key, str(target))

    def local_path(self, key: str) -> Path | None:
        return None

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=key)
            return True
        except ClientError:
            return False

    def agent_url(self, key: str, seconds: int) -> str | None:
        return str(self.client.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": key}, ExpiresIn=seconds))

    def _receipt_key(self, bundle_id: str) -> str:
        return f"{self.prefix}receipts/{bundle_id}.json"

    def get_receipt(self, bundle_id: str) -> dict[str, Any] | None:
        """The receipt another relay instance wrote for this bundle (shared idempotency), if any."""
        from botocore.exceptions import ClientError

        try:
            body = self.client.get_object(Bucket=self.bucket, Key=self._receipt_key(bundle_id))["Body"].read(65536)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                return None
            raise
        data = json.loads(body)
        return data if isinstance(data, dict) else None

    def put_receipt(self, bundle_id: str, receipt: dict[str, Any]) -> None:
        body = json.dumps(receipt).encode()
        self.client.put_object(Bucket=self.bucket, Key=self._receipt_key(bundle_id), Body=body, ContentType="application/json")

    def health(self) -> bool:
        try:
            self.client.head_bucket(Bucket=self.bucket)
            return True
        except Exception:
            return False


def open_storage(settings: dict[str, Any]) -> Storage:
    if settings.get("kind") == "s3":
        return S3Storage(settings)
    return LocalStorage(Path(settings["path"]))
