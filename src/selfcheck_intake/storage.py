"""Where accepted bundles live: the local disk (default) or S3-compatible object storage.

Both move files from disk to disk (or object store) in chunks; a bundle is
never read whole into memory. With S3, several relay instances can share
the bundles.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from selfcheck_intake.leftovers import part_file
from selfcheck_intake.validate import BUNDLE_ID

log = logging.getLogger("selfcheck_intake.storage")

#: what :func:`object_name` makes, the only names the retention sweep deletes
_STORED = re.compile(rf"\A{BUNDLE_ID}(?:\.[0-9a-f]{{16}})?\.zip\Z")


class StorageUnavailable(Exception):
    """The storage cannot be read right now (the bucket refuses or cannot be reached, the folder is missing or unreadable):
    no sign that a bundle is gone. An agent link then answers 503, never 410 deleted."""


class StorageMissing(Exception):
    """The local storage folder is not there when the relay starts, and the relay may not make it (:class:`LocalStorage`):
    the relay does not start. The message says which folder and what to do."""


def object_name(bundle_id: str, version: str = "") -> str:
    """``<bundle id>.zip``, or ``<bundle id>.<version>.zip`` when instances share a queue: two different bundles sent
    under one id at the same instant (one of them is refused) then never overwrite each other's object."""
    return f"{bundle_id}.{version}.zip" if version else f"{bundle_id}.zip"


class Storage(Protocol):
    #: what a key has before :func:`object_name`
    prefix: str
    #: whether it keeps receipts other relay instances (with queues of their own) read
    receipts: bool

    def put(self, source: Path, bundle_id: str, version: str = "", disposition: str = "") -> str:
        """Store the bundle; returns its key. ``disposition``: the Content-Disposition it downloads with from where the
        storage itself serves it (a bucket's presigned URL; the relay names what it serves from a folder)."""
        ...

    def delete(self, key: str) -> None: ...

    def fetch(self, key: str, target: Path) -> None: ...

    def local_path(self, key: str) -> Path | None: ...

    def exists(self, key: str) -> bool:
        """Whether the bundle is there; raises :class:`StorageUnavailable` when the storage cannot tell now."""
        ...

    def agent_url(self, key: str, seconds: int) -> str | None: ...

    def health(self) -> bool: ...

    def get_receipt(self, bundle_id: str) -> dict[str, Any] | None: ...

    def put_receipt(self, bundle_id: str, receipt: dict[str, Any]) -> None: ...

    def delete_receipt(self, bundle_id: str) -> None:
        """Remove the receipt of a bundle this relay could not record (a receipt with no row would answer its resend)."""
        ...

    def stored_before(self, before: float) -> list[str]:
        """The keys of the stored bundles written before ``before`` (epoch seconds): only the names the relay gives."""
        ...

    def delete_stored(self, keys: list[str]) -> tuple[list[str], list[str], list[str]]:
        """Delete these stored bundles; returns the keys that went (or were gone already), the keys the storage kept (it
        refused them: the sweep clears their record, and says what to do), and the keys it was not asked to delete (it
        failed before them, not refusing: a bucket's 5xx, a local folder gone mid-sweep; their record is cleared, the next
        sweep tries again). A key in none may have gone (the storage did not answer: a timeout, a 5xx): its record stands,
        and a later sweep deletes it again if it is still listed."""
        ...

    def cannot_delete(self) -> str:
        """Where the last :meth:`delete_stored` was refused and what to do, for the administrator (the folder or the
        bucket, the system's reason)."""
        ...

    def abort_stale_uploads(self, before: float) -> int:
        """Abort the unfinished uploads of bundles started before ``before`` (a killed instance's); returns how many."""
        ...


class LocalStorage:
    """Bundles as files under one folder, written atomically (temp file, fsync, rename).

    The relay makes the folder only on its first setup (``create``: its queue has no bundle yet), and only inside a folder
    that exists. Otherwise a missing folder is a disk not mounted (or a folder removed): made again, it would take new
    bundles on the disk under the mount point, which vanish from support's view once the real disk is mounted back. The
    relay then refuses to start (:class:`StorageMissing`); under systemd it is started again until the disk is there."""

    prefix = ""
    receipts = False  # one instance: its queue is the only record
    #: why the folder last refused to delete a bundle (the system's words)
    refused = ""

    def __init__(self, root: Path, *, create: bool = True) -> None:
        self.root = root
        if root.is_dir():
            return
        make = f"install -d -m 0700 -o selfcheck-intake {root}"
        if not create:
            raise StorageMissing(
                f"the storage folder {root} (storage.path) is missing, and this relay's queue already records bundles: is its "
                "disk mounted? Mount it, then start the relay again. The relay does not make this folder again by itself: new "
                "bundles would land on the wrong disk, and support would lose sight of them once the disk is back. To start "
                f"over with an empty folder, make it yourself for the relay's user (for instance: {make})."
            )
        try:
            root.mkdir(mode=0o700)  # inside a folder that exists: never a chain of folders where a mount point should be
        except FileNotFoundError:
            raise StorageMissing(
                f"the storage folder {root} (storage.path) is missing, and so is the folder it goes in, {root.parent}: is its "
                f"disk mounted? Mount it, or make the folder for the relay's user (for instance: {make}), then start the relay again."
            ) from None
        except FileExistsError:
            if not root.is_dir():
                raise StorageMissing(f"storage.path is {root}, which is not a folder: give it a folder") from None
        except OSError as exc:
            raise StorageMissing(f"cannot make the storage folder {root} (storage.path): {exc.strerror or exc}") from exc

    def _path(self, key: str) -> Path:
        return self.root / key

    def put(self, source: Path, bundle_id: str, version: str = "", disposition: str = "") -> str:
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
        try:
            return stat.S_ISREG(os.stat(self._path(key)).st_mode)
        except FileNotFoundError:
            if self.root.is_dir():
                return False
            raise StorageUnavailable(f"the storage folder {self.root} is missing (not mounted?)") from None
        except OSError as exc:  # unreadable, a file where the folder was, a mount gone stale
            raise StorageUnavailable(f"cannot read the storage folder {self.root}: {exc.strerror or exc}") from exc

    def agent_url(self, key: str, seconds: int) -> str | None:
        return None  # served by the relay's own agent endpoint

    def get_receipt(self, bundle_id: str) -> dict[str, Any] | None:
        return None  # one instance: its queue is the only record

    def put_receipt(self, bundle_id: str, receipt: dict[str, Any]) -> None:
        return None

    def delete_receipt(self, bundle_id: str) -> None:
        return None

    def health(self) -> bool:
        return self.root.is_dir() and os.access(self.root, os.W_OK)

    def stored_before(self, before: float) -> list[str]:
        """Regular files of the relay's own user directly in the folder, never a link (nor what it points to)."""
        keys = []
        with os.scandir(self.root) as entries:
            for entry in entries:
                if not _STORED.match(entry.name):
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode) and info.st_mtime < before and (not hasattr(os, "getuid") or info.st_uid == os.getuid()):
                    keys.append(entry.name)
        return keys

    def delete_stored(self, keys: list[str]) -> tuple[list[str], list[str], list[str]]:
        deleted: list[str] = []
        kept: list[str] = []
        for index, key in enumerate(keys):
            if not _STORED.match(key):  # a name in the folder, never a path leading out of it
                kept.append(key)
                continue
            try:
                os.unlink(self.root / key)  # a link put there since is removed itself, never what it points to
            except FileNotFoundError:  # another instance sharing the folder deleted it first: done, unless the folder went
                if self.root.is_dir():
                    deleted.append(key)
                    continue
                # the folder went mid-sweep (its disk unmounted, the folder moved): nothing refused, nothing to change in
                # its permissions; this one and the rest were not deleted (their record is cleared), the next sweep tries
                log.warning(
                    f"cannot delete bundles older than storage.keep_days now: the storage folder {self.root} (storage.path) "
                    "went missing during the sweep: is its disk mounted? Nothing refused to delete them; the next sweep, in an "
                    "hour, tries again",
                    extra={"count": len(keys) - index},
                )
                return deleted, kept, keys[index:]
            except OSError as exc:  # its permissions, a read-only disk, an append-only or immutable folder or file
                kept.append(key)
                self.refused = exc.strerror or str(exc)
            else:
                deleted.append(key)
        return deleted, kept, []

    def cannot_delete(self) -> str:
        return (
            f"the storage folder {self.root} (storage.path) refuses to delete them ({self.refused or 'refused'}). Let the "
            f"relay's user delete files there: it needs write permission on the folder (ls -ld {self.root}), whose disk must "
            f"not be read-only, and neither the folder nor the files may be append-only or immutable (lsattr -d {self.root})"
        )

    def abort_stale_uploads(self, before: float) -> int:
        return 0  # a copy a killed relay left half-written is a .part file: leftovers.remove_leftovers


class S3Storage:
    """Bundles as objects in an S3-compatible bucket (AWS, MinIO, Ceph, Garage...)."""

    receipts = True
    #: why the bucket last refused to delete bundles (its error code)
    refused = ""

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

    def put(self, source: Path, bundle_id: str, version: str = "", disposition: str = "") -> str:
        """The object carries ``disposition`` (its Content-Disposition): an agent link's presigned URL downloads it under
        the name the ticket's attachment has, not under its key."""
        key = self.prefix + object_name(bundle_id, version)
        extra = {"ContentType": "application/zip", **({"ContentDisposition": disposition} if disposition else {})}
        self.client.upload_file(str(source), self.bucket, key, ExtraArgs=extra)
        return key

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=key)

    def fetch(self, key: str, target: Path) -> None:
        self.client.download_file(self.bucket, key, str(target))

    def local_path(self, key: str) -> Path | None:
        return None

    def exists(self, key: str) -> bool:
        """A HEAD answers 404 for a missing bucket as for a missing key: the bucket is asked then. Any other refusal
        (403: credentials revoked or rotated; 5xx after boto's retries) or no answer at all cannot tell."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=key)
            return True
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") not in ("NoSuchKey", "404", "NotFound"):
                raise StorageUnavailable(str(exc)) from exc
        except BotoCoreError as exc:  # no connection, a timeout, no credentials
            raise StorageUnavailable(str(exc)) from exc
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except (ClientError, BotoCoreError) as exc:
            raise StorageUnavailable(f"the bucket {self.bucket} cannot be read: {exc}") from exc
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

    def delete_receipt(self, bundle_id: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._receipt_key(bundle_id))

    def health(self) -> bool:
        try:
            self.client.head_bucket(Bucket=self.bucket)
            return True
        except Exception:
            return False

    def _ours(self, key: str) -> bool:
        """A bundle's object under the prefix (not a receipt, not another application's object)."""
        return key.startswith(self.prefix) and bool(_STORED.match(key[len(self.prefix) :]))

    def stored_before(self, before: float) -> list[str]:
        keys = []
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix, Delimiter="/")
        for page in pages:
            for item in page.get("Contents", []):
                if self._ours(item["Key"]) and item["LastModified"].timestamp() < before:
                    keys.append(item["Key"])
        return keys

    def delete_stored(self, keys: list[str]) -> tuple[list[str], list[str], list[str]]:
        """A key already gone counts as deleted (S3 answers so; a NoSuchKey error too). A request the bucket refused (4xx)
        kept its keys, and those after it (they would be refused alike); one it did not answer (a timeout, the connection
        cut) or answered 5xx may have deleted them, as a delete that went through before its answer was lost: neither
        deleted nor kept (their record stands). A 5xx is the bucket failing, not refusing: the keys after it were not
        asked (untried: their record is cleared), the log says so once, and the next sweep tries them again."""
        from botocore.exceptions import ClientError

        deleted: list[str] = []
        kept = [key for key in keys if not self._ours(key)]
        mine = [key for key in keys if self._ours(key)]
        for start in range(0, len(mine), 1000):  # DeleteObjects takes 1000 keys at most
            chunk = mine[start : start + 1000]
            try:
                answer = self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": [{"Key": key} for key in chunk], "Quiet": True})
            except Exception as exc:  # the bucket went away mid-sweep: what went before is said, and recorded
                status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0) if isinstance(exc, ClientError) else 0
                if 0 < status < 500:  # refused: said by the sweep (retention.Overdue), with what to do
                    self.refused = str(exc)
                    kept += mine[start:]
                    break
                failed = f"answered {status}" if status else f"did not answer ({type(exc).__name__})"
                log.warning(
                    f"cannot delete bundles older than storage.keep_days now: the bucket {self.bucket} {failed}: it is failing, "
                    "not refusing them, so there is nothing to change on this relay; the next sweep, in an hour, tries again",
                    extra={"count": len(mine) - start, "error": str(exc)},
                )
                return deleted, kept, mine[start + 1000 :]
            errors = [error for error in answer.get("Errors", []) if error.get("Code") != "NoSuchKey"]
            refused_keys = {error.get("Key") for error in errors}
            deleted += [key for key in chunk if key not in refused_keys]
            kept += [key for key in chunk if key in refused_keys]
            if errors:  # answered 200 all the same, refused key by key (no s3:DeleteObject): the sweep says it, once
                self.refused = str(errors[0].get("Code", ""))
        return deleted, kept, []

    def cannot_delete(self) -> str:
        return (
            f"the bucket {self.bucket} refuses to delete them ({self.refused or 'refused'}). Give the relay's credentials "
            f"s3:DeleteObject on the bucket (under {self.prefix or 'its prefix'})"
        )

    def abort_stale_uploads(self, before: float) -> int:
        """A multipart upload (a bundle over 8 MB) cut short by a killed instance keeps its parts in the bucket, unlisted
        and billed, until it is aborted."""
        from botocore.exceptions import ClientError

        aborted = 0
        for page in self.client.get_paginator("list_multipart_uploads").paginate(Bucket=self.bucket, Prefix=self.prefix):
            for upload in page.get("Uploads", []):
                if self._ours(upload["Key"]) and upload["Initiated"].timestamp() < before:
                    try:
                        self.client.abort_multipart_upload(Bucket=self.bucket, Key=upload["Key"], UploadId=upload["UploadId"])
                        aborted += 1
                    except ClientError as exc:
                        if exc.response.get("Error", {}).get("Code") != "NoSuchUpload":  # another instance's sweep was first
                            raise
        return aborted


def open_storage(settings: dict[str, Any], *, first_setup: Callable[[], bool] = lambda: True) -> Storage:
    """The storage ``[storage]`` names; a local folder that is missing is made only when ``first_setup()`` says this relay
    has stored no bundle yet (:class:`LocalStorage`), else :class:`StorageMissing`."""
    if settings.get("kind") == "s3":
        return S3Storage(settings)
    root = Path(settings["path"])
    return LocalStorage(root, create=root.is_dir() or first_setup())
