"""Second review of relay review 47 (bcc454ed): what it left half done.

- a local storage folder that went missing during a sweep (its disk unmounted, the folder moved) counted the bundles it
  was deleting as refused, and the log told the admin to give the relay's user write permission on the folder, while
  /healthz said "retention": false: nothing had refused; said now as it happened, and the next sweep deletes them;
- a relay started on a queue damaged past its first pages, with its local storage folder missing, stopped in the storage's
  first-setup check with "cannot read the queue database (database disk image is malformed)": no file named, nothing to
  do; it stops now with the queue's own line, the file and what to do, as a queue damaged in its first pages did;
- the API's description still said queue_unavailable is a queue that "cannot be read": it is read or written now."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import time
import uuid

import requests
from test_sweep_unanswered_deletes import ZIP, _link, _relay, _ticketed

from sendkit import Relay, make_bundle, manifest_of

DAY = 86400


def _warnings() -> tuple[logging.Handler, list[logging.LogRecord]]:
    caught: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = caught.append  # type: ignore[method-assign]
    logging.getLogger("selfcheck_intake").addHandler(handler)
    return handler, caught


def test_a_storage_folder_gone_during_the_sweep_is_said_missing_not_refusing_and_the_next_sweep_deletes_its_bundles(tmp_path, monkeypatch):
    from selfcheck_intake import retention

    settings, app = _relay(tmp_path)
    relay = app.state.relay
    folder = tmp_path / "state" / "bundles"
    keys = [str(uuid.uuid4()) for _ in range(3)]
    then = time.time() - 31 * DAY
    for key in keys:
        file = folder / f"{key}.zip"
        file.write_bytes(ZIP)
        os.utime(file, (then, then))
        _ticketed(settings, relay.queue, key, file.name)
    aside = tmp_path / "unmounted"
    real = relay.storage.delete_stored

    def unmounted_first(listed):  # the folder listed, then its disk unmounted before the deletes
        folder.rename(aside)
        return real(listed)

    handler, caught = _warnings()
    try:
        monkeypatch.setattr(relay.storage, "delete_stored", unmounted_first)
        retention.sweep_storage(settings, relay.storage, relay.queue, overdue=relay.overdue)
        said = [r.getMessage() for r in caught]
        assert len(said) == 1, said
        assert said[0].startswith(f"cannot delete bundles older than storage.keep_days now: the storage folder {folder} (storage.path) went missing"), said
        assert "is its disk mounted?" in said[0] and "the next sweep, in an hour, tries again" in said[0], said
        assert "permission" not in said[0] and "refuses" not in said[0], said
        assert relay.overdue.count == 0  # /healthz: no bundle said refused ("retention" stays true)

        monkeypatch.setattr(relay.storage, "delete_stored", real)
        aside.rename(folder)  # the disk mounted again
        assert _link(app, keys[0])[0] == 200  # not deleted, and not recorded as deleted: the link gives it
        retention.sweep_storage(settings, relay.storage, relay.queue, overdue=relay.overdue)  # the next sweep
        assert list(folder.iterdir()) == []
        assert [_link(app, key)[0] for key in keys] == [410, 410, 410]
        assert len(caught) == 1, [r.getMessage() for r in caught]
    finally:
        logging.getLogger("selfcheck_intake").removeHandler(handler)
        relay.queue.close()


def test_a_relay_started_on_a_queue_damaged_past_its_first_pages_with_its_folder_missing_says_the_queue_file_and_what_to_do(tmp_path):
    relay = Relay(tmp_path / "relay").start()
    try:
        for number in range(40):  # rows enough for the queue to fill pages past its schema
            bundle = make_bundle(tmp_path / f"b{number}.zip", description="x" * 2000)
            key = manifest_of(bundle)["bundle_id"]
            headers = {"Content-Type": "application/zip", "Idempotency-Key": key}
            assert requests.post(relay.url + "/v1/bundles", data=bundle.read_bytes(), headers=headers, timeout=30).status_code in (201, 202)
    finally:
        relay.stop()
    state = relay.workdir / "state"
    database = state / "queue.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        size = db.execute("PRAGMA page_size").fetchone()[0]
    assert pages > 6
    with open(database, "r+b") as file:  # the schema's pages intact, the rows' and the index's overwritten
        file.seek(3 * size)
        file.write(os.urandom((pages - 3) * size))
    shutil.rmtree(relay.workdir / "bundles")  # and its storage folder missing (a disk not mounted)
    relay.start(wait=False)
    assert relay.proc is not None and relay.proc.wait(timeout=60) == 2, relay.log.read_text()[-2000:]
    log = relay.log.read_text()
    assert "Traceback" not in log, log[-3000:]
    started = [e["message"] for e in relay.logs() if e.get("message", "").startswith("cannot start: ")]
    assert len(started) == 1, log[-3000:]
    assert started[0].startswith(f"cannot start: cannot read the queue database {database} ("), started
    assert "The file is damaged: stop the relay" in started[0], started
    assert "storage" not in started[0], started
    assert not (relay.workdir / "bundles").exists()  # not made again on the wrong disk


def test_the_api_description_says_queue_unavailable_is_a_queue_that_cannot_be_read_or_written_wherever_it_is_answered():
    from selfcheck_intake.openapi import document

    text = str(document())
    assert "cannot be read now" not in text and "the database cannot be read." not in text
    paths = document()["paths"]
    for path, method in (
        ("/v1/bundles", "post"),
        ("/v1/bundles/{bundle_id}", "get"),
        ("/v1/requests", "post"),
        ("/v1/requests/{code}", "get"),
        ("/r/{code}", "get"),
        ("/v1/agent/bundles/{bundle_id}", "get"),
    ):
        answer = str(paths[path][method]["responses"].get("503", ""))  # each answers 503 when the queue cannot be used
        assert "read or written" in answer, (path, answer)


def test_an_upload_while_the_sweep_clears_customers_data_and_a_backup_reads_the_queue_is_recorded_and_the_data_goes_later(tmp_path, caplog):
    """The sweep empties the queue's write-ahead log after clearing customers' data (the rows as they were stay there
    otherwise). While another program reads the file (a backup, an sqlite3 shell), that waits for it, holding every write
    back, for the sweep's 30 s: an upload then answered 503 after its 3 s and the log said another program held the queue
    locked. Now the sweep waits a moment only, the upload is recorded, and a later sweep empties the log."""
    import threading

    from selfcheck_intake.queue import TICKETED, Queue

    database = tmp_path / "queue.sqlite3"
    queue = Queue(database)
    queue.insert(bundle_id="old", sha256="0" * 64, size=1, reference="K7H-94W-XCM", storage_key="old.zip", requester_email="bob@example.org")
    queue.mark_ticketed("old", "4711", "#4711", None, True)
    with sqlite3.connect(database) as db:
        db.execute("UPDATE bundles SET created=?", (time.time() - 31 * DAY,))
    backup = sqlite3.connect(database, isolation_level=None)  # reading the file, as sqlite3's .backup does
    backup.execute("BEGIN")
    backup.execute("SELECT COUNT(*) FROM bundles").fetchall()
    emptying = threading.Event()
    queue._db.set_trace_callback(lambda sql: emptying.set() if "wal_checkpoint" in sql else None)
    sweep = threading.Thread(target=queue.forget, args=(time.time() - 30 * DAY, []))
    try:
        with caplog.at_level("INFO", logger="selfcheck_intake"):
            sweep.start()
            assert emptying.wait(30)
            record, created = queue.insert(bundle_id="new", sha256="1" * 64, size=1, reference="P3M-2QX-7LD", storage_key="new.zip")  # an upload
            assert created and record.status == "pending"
            sweep.join(60)
            assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        backup.execute("COMMIT")
        queue._db.set_trace_callback(None)
        queue.forget(time.time() - 30 * DAY, [])  # the next sweep, nothing new to clear
        assert queue.get("old").status == TICKETED and queue.get("old").requester_email is None
        for file in tmp_path.glob("queue.sqlite3*"):  # the customer's address is in none of the queue's files
            assert b"bob@example.org" not in file.read_bytes(), file.name
    finally:
        backup.close()
        queue.close()
