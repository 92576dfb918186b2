"""Fixtures giving tests a real Request Tracker 5 on loopback (see rt_server.py).

One RT serves the whole test session; RTs configured to drop or truncate long attachments start only
for the test modules that ask for them, and stop after them. Both start from a copy of one initialised database. When RT cannot be
installed or started here, the tests that need it skip with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .rt_server import RTInstance, RTUnavailable, clone, create_template

#: RT keeps attachments up to this size in the drop-long-attachments instance; larger ones become a note.
SMALL_LIMIT = 64 * 1024


@pytest.fixture(scope="session")
def rt_template(tmp_path_factory: pytest.TempPathFactory) -> RTInstance:
    try:
        return create_template(tmp_path_factory.mktemp("rt-template"))
    except RTUnavailable as exc:
        pytest.skip(f"no Request Tracker here: {exc}")


def _started(instance: RTInstance) -> Iterator[RTInstance]:
    try:
        instance.start()
    except RTUnavailable as exc:
        pytest.skip(f"Request Tracker did not start: {exc}")
    try:
        yield instance
    finally:
        instance.stop()


@pytest.fixture(scope="session")
def rt(rt_template: RTInstance, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RTInstance]:
    """The session's RT: keeps attachments of any size."""
    yield from _started(clone(rt_template, Path(tmp_path_factory.mktemp("rt"))))


@pytest.fixture(scope="module")
def rt_dropping(rt_template: RTInstance, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RTInstance]:
    """An RT that silently replaces attachments over SMALL_LIMIT bytes by a short text note (and still answers 201)."""
    settings = {"MaxAttachmentSize": SMALL_LIMIT, "DropLongAttachments": 1, "TruncateLongAttachments": 0}
    yield from _started(clone(rt_template, Path(tmp_path_factory.mktemp("rt-drop")), settings))


@pytest.fixture(scope="module")
def rt_truncating(rt_template: RTInstance, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RTInstance]:
    """An RT that cuts attachments to SMALL_LIMIT bytes (and still answers 201)."""
    settings = {"MaxAttachmentSize": SMALL_LIMIT, "TruncateLongAttachments": 1}
    yield from _started(clone(rt_template, Path(tmp_path_factory.mktemp("rt-trunc")), settings))
