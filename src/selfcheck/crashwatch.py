"""A check that closes the whole program (``os._exit`` in a company check, a native library that crashes, the customer
ending a program that hangs) closes it at most once.

Checks run in threads of selfcheck's own process (:mod:`selfcheck.runner`): an exception or a hang becomes a result,
but a crash takes the scan and the window with it, and did so again at every scan. So, as an office suite does with an
add-in that crashed it:

1. While a scan runs, this process keeps a small owner-only *watch file* in the data folder (``running-<pid>.json``)
   naming the checks running now, its pid and its start time (a reused pid is not mistaken for it). It is rewritten
   at each check's start and end and removed when the scans end (also when cancelled, and at the interpreter's exit).
2. The next scan, in any process, reads the watch files of processes that are gone: the checks they name are
   *suspects*, kept in ``crashes.json`` until they are run again.
3. A suspect runs alone in a child process (:func:`child_command`, :func:`run_child`), its collection and its
   judgement of what it collected: if the child dies without answering, the check is *set aside* (its code's
   fingerprint, when, how the child ended) and is not run again until its code changes; if it answers, it is
   innocent and runs in the process again next time.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import inspect
import json
import logging
import os
import stat
import subprocess
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from selfcheck import __version__, paths
from selfcheck.api import _stop as stop_process  # the check's own ctx.run's: it and what it started (its group, taskkill /T)

log = logging.getLogger(__name__)

FOLDER = "crashwatch"
WATCH_PREFIX = "running-"
STORE = "crashes.json"
#: the hidden command a child runs (``selfcheck _run-check``, selfcheck.cli.main)
CHILD_ARG = "_run-check"
#: the most a child may answer: what is longer is not a check's facts
OUTPUT_CAP = 16 * 1024 * 1024


def folder() -> Path:
    return paths.user_data_dir() / FOLDER


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_private(path: Path, data: Mapping[str, Any]) -> None:
    """Write ``path`` whole or not at all (a reader never sees half a file), readable by its owner only."""
    paths.write_private(path, json.dumps(data))


#: the most a watch file or the record may hold: what is longer was not written by selfcheck
READ_CAP = 1024 * 1024
#: the most check names one watch file may add to the suspects (a scan runs a few at once)
NAMES_CAP = 100


def _read(path: Path) -> dict[str, Any] | None:
    """A file of ours, read as hostile: a link, a pipe or a device (which could block or never end) or a file
    longer than :data:`READ_CAP` is no file of ours (None), as is what is not a JSON object."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                return None
            text = f.read(READ_CAP + 1)
        if len(text) > READ_CAP:
            return None
        data = json.loads(text.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _create_time(pid: int) -> float | None:
    """When process ``pid`` started (None when there is no such process, or only what is left of one that ended,
    a zombie its parent has not collected yet: a window the customer has just ended is gone)."""
    import psutil

    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return None
        return float(process.create_time())
    except (psutil.Error, OSError, ValueError):
        return None


# -- this process's watch file -------------------------------------------------------------


class _Watch:
    """The checks this process runs now, written to its watch file; shared by every scan of the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: Counter[str] = Counter()
        self._scans = 0
        self._pid = -1
        self._born = 0.0
        self._exit_hook = False
        self._fd: int | None = None  # the watch file, open while this process scans (written in place: see _write_locked)
        self._fd_pid = -1
        self._length = 0

    @property
    def path(self) -> Path:
        return folder() / f"{WATCH_PREFIX}{os.getpid()}.json"

    def identity(self) -> tuple[int, float]:
        if self._pid != os.getpid():  # a forked child is another process
            self._pid, self._born = os.getpid(), _create_time(os.getpid()) or 0.0
        return self._pid, self._born

    def begin(self) -> None:
        with self._lock:
            self._scans += 1
            if not self._exit_hook:
                atexit.register(self.remove)
                self._exit_hook = True

    def end(self) -> None:
        with self._lock:
            self._scans = max(0, self._scans - 1)
            if self._scans == 0:
                self._running.clear()
                self._remove_locked()

    def started(self, check_id: str) -> None:
        with self._lock:
            self._running[check_id] += 1
            self._write_locked()

    def finished(self, check_id: str) -> None:
        with self._lock:
            if self._running[check_id] <= 1:
                self._running.pop(check_id, None)  # also gone when its scan ended while it ran on past its time
            else:
                self._running[check_id] -= 1
            if self._scans:
                self._write_locked()

    def remove(self) -> None:
        with self._lock:
            self._remove_locked()

    def _write_locked(self) -> None:
        """The file is made whole once (written aside and renamed in: a reader never sees it half made), then rewritten
        in place, in one write at its start, padded with spaces (which JSON allows) to its longest length so no old
        byte is left after the end: two renames per check cost about 0.6 ms, a write in place a few microseconds."""
        pid, born = self.identity()
        data = {"pid": pid, "create_time": born, "running": sorted(self._running), "updated": _now_iso(), "version": __version__}
        try:
            if self._fd is None or self._fd_pid != pid:  # the first write of this process (a forked one has its own file)
                self._close_locked()
                paths.private_dir(self.path.parent)
                _write_private(self.path, data)
                self._fd = os.open(self.path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
                self._fd_pid, self._length = pid, os.fstat(self._fd).st_size
                return
            text = json.dumps(data).encode("utf-8")
            self._length = max(self._length, len(text))
            _write_at_start(self._fd, text.ljust(self._length))
        except OSError:  # a full disk or a read-only home: the scan goes on, unwatched
            log.debug("could not write the crash watch file", exc_info=True)

    def _close_locked(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
        self._fd, self._fd_pid, self._length = None, -1, 0

    def _remove_locked(self) -> None:
        self._close_locked()  # closed first: Windows removes no file that is open
        with contextlib.suppress(OSError):
            self.path.unlink()


def _write_at_start(fd: int, data: bytes) -> None:
    """``data`` over the start of the file, in one system call where there is one (a process that dies leaves either
    the old text or the new one, never half of each)."""
    if hasattr(os, "pwrite"):
        os.pwrite(fd, data, 0)
    else:  # pragma: no cover - Windows: the offset is this process's own, under the watch's lock
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, data)


watch = _Watch()


# -- what crashed: suspects and checks set aside --------------------------------------------

_store_lock = threading.Lock()


def _store() -> dict[str, Any]:
    data = _read(folder() / STORE) or {}
    suspects = data.get("suspects")
    aside = data.get("set_aside")
    suspects = suspects if isinstance(suspects, dict) else {}
    aside = aside if isinstance(aside, dict) else {}
    return {
        "suspects": {str(k): v for k, v in suspects.items() if isinstance(v, dict)},
        "set_aside": {str(k): v for k, v in aside.items() if isinstance(v, dict)},
    }


@contextlib.contextmanager
def _locked_store() -> Any:
    """The store, to this process's threads and to every other selfcheck process (a window and a command scanning at
    once): a change read from the store and written back never undoes another's (a check set aside, found innocent).
    A folder where the lock cannot be made (read-only) is changed unlocked, as before."""
    lock = folder() / ".crashes.lock"
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    with _store_lock:
        try:
            try:
                fd = os.open(lock, flags, paths.PRIVATE_FILE_MODE)
            except FileNotFoundError:
                paths.private_dir(lock.parent)
                fd = os.open(lock, flags, paths.PRIVATE_FILE_MODE)
        except OSError:
            log.debug("could not lock %s", STORE, exc_info=True)
            yield
            return
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows only
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # tries for 10 s, then raises
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX)  # held for a read and a write of a small file
        except OSError:
            log.debug("could not lock %s", STORE, exc_info=True)
        try:
            yield
        finally:
            if sys.platform == "win32":  # pragma: no cover - Windows only
                with contextlib.suppress(OSError):
                    msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            os.close(fd)  # the lock goes with it


def _change(edit: Callable[[dict[str, Any]], None]) -> None:
    with _locked_store():
        store = _store()
        edit(store)
        try:
            _write_private(folder() / STORE, store)
        except OSError:
            log.warning("could not write %s", STORE, exc_info=True)


#: a watch file that does not read is removed once it is this old (seconds): younger, it may be in the middle of a write
STALE_UNREADABLE = 60.0
#: a child's exchange folder, in the temporary folder (:func:`run_child`)
EXCHANGE_PREFIX = "selfcheck-check-"
#: an exchange folder this old (seconds) was left by a selfcheck that was killed (its child ends by itself at its limit)
STALE_EXCHANGE = 3600.0


def _remove_stale_exchanges() -> None:
    """Remove the exchange folders a killed selfcheck left behind (the check's request: its config and facts): this
    user's own real folders only, an hour old (a live child's is minutes old at most)."""
    import shutil
    import tempfile

    try:
        entries = list(Path(tempfile.gettempdir()).glob(EXCHANGE_PREFIX + "*"))
    except OSError:
        return
    uid = os.getuid() if hasattr(os, "getuid") else None  # Windows: the temporary folder is the user's own
    for path in entries:
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode) and (uid is None or info.st_uid == uid) and time.time() - info.st_mtime > STALE_EXCHANGE:
            shutil.rmtree(path, ignore_errors=True)


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - os.lstat(path).st_mtime > seconds
    except OSError:
        return False


def collect_suspects() -> None:
    """Turn the watch files of processes that are gone into suspects (kept in the store), and delete them.

    A process still alive with the same start time is another window or command scanning now: left alone."""
    try:
        files = sorted(folder().glob(f"{WATCH_PREFIX}*.json"))
    except OSError:
        return
    own_pid, own_born = watch.identity()
    found: dict[str, dict[str, Any]] = {}
    for path in files:
        data = _read(path) or {}
        pid, born, running = data.get("pid"), data.get("create_time"), data.get("running")
        if isinstance(pid, int) and isinstance(born, int | float):
            alive = _create_time(pid) if pid != own_pid else own_born
            if alive is not None and abs(alive - float(born)) < 0.1:
                continue  # still running (this process, or another one scanning)
            running = running[:NAMES_CAP] if isinstance(running, list) else []
            for check_id in running:
                if isinstance(check_id, str) and 0 < len(check_id) <= 200:
                    found[check_id] = {"since": str(data.get("updated") or _now_iso()), "pid": pid}
            log.warning("a selfcheck process (pid %s) ended while these checks ran: %s", pid, ", ".join(map(str, running)) or "none")
        elif not _older_than(path, STALE_UNREADABLE):
            continue  # not readable now (another process writing it in place at this very moment): left for later
        with contextlib.suppress(OSError):
            path.unlink()
    if found:
        _change(lambda store: store["suspects"].update(found))
    _remove_stale_exchanges()


def suspects() -> set[str]:
    return set(_store()["suspects"])


def set_aside_records() -> dict[str, dict[str, Any]]:
    return _store()["set_aside"]


def innocent(check_id: str) -> None:
    """It ran alone and answered: nothing is held against it any more."""

    def edit(store: dict[str, Any]) -> None:
        store["suspects"].pop(check_id, None)
        store["set_aside"].pop(check_id, None)

    _change(edit)


def set_aside(cls: type, ended: Mapping[str, Any]) -> dict[str, Any]:
    """It ran alone and its process died: left out of scans until its code changes. Returns the record."""
    record = {"fingerprint": fingerprint(cls), "since": _now_iso(), "source": str(getattr(cls, "source", "")), **ended}

    def edit(store: dict[str, Any]) -> None:
        store["suspects"].pop(cls.id, None)  # type: ignore[attr-defined]
        store["set_aside"][cls.id] = record  # type: ignore[attr-defined]

    _change(edit)
    return record


def fingerprint(cls: type) -> str:
    """What identifies this version of a check's code: its file's bytes (the company's .py or .toml, the built-in's
    module), and selfcheck's version for built-ins. A change of either tries the check again."""
    digest = hashlib.sha256()
    source = str(getattr(cls, "source", "") or "")
    files: list[str] = []
    if source and source != "builtin" and not source.startswith("entry point ") and os.path.isfile(source):
        files.append(source)
    else:
        with contextlib.suppress(TypeError, OSError):
            files.append(inspect.getfile(cls))
    for name in files:
        try:
            digest.update(Path(name).read_bytes())
        except OSError:
            digest.update(name.encode("utf-8", "replace"))
    if source == "builtin" or not files:
        digest.update(f"selfcheck {__version__}".encode())
    digest.update(str(getattr(cls, "distribution", "") or "").encode())
    digest.update(str(getattr(cls, "id", "")).encode())
    return digest.hexdigest()


def current_record(cls: type, records: Mapping[str, Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The check's set-aside record when its code is the same as when it was set aside."""
    record = records.get(cls.id)  # type: ignore[attr-defined]
    if record is not None and record.get("fingerprint") == fingerprint(cls):
        return record
    return None


def how_it_ended(returncode: int | None) -> dict[str, Any]:
    """How a child ended, for support: the signal that killed it or its exit code."""
    if returncode is None:
        return {"ended": "no exit status"}
    if returncode < 0:
        import signal

        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return {"signal": -returncode, "ended": f"killed by {name} ({-returncode})"}
    return {"exit_code": returncode, "ended": f"exit code {returncode}"}


# -- the child ------------------------------------------------------------------------------


def child_command() -> list[str]:
    """How to start selfcheck again to run one check: the frozen build's executable, or this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_ARG]
    return [sys.executable, "-m", "selfcheck", CHILD_ARG]


def request(cls: type, config: Mapping[str, Any], facts: Mapping[str, Any], seconds: float, language: str, usual: bool) -> dict[str, Any]:
    """What the child reads (its exchange folder's request file): which check (and where to load it from), the config, the facts of
    the checks it depends on, its time, the language."""
    source = str(getattr(cls, "source", "") or "")
    where: dict[str, Any] = {}
    if source == "builtin":
        where["module"] = cls.__module__
    elif source.startswith("entry point "):
        where["entry_points"] = True
    elif source:
        where["folder"] = str(Path(source).parent)
    return {"check": cls.id, **where, "config": config, "facts": dict(facts), "seconds": seconds, "language": language, "usual": usual}  # type: ignore[attr-defined]


@dataclass
class ChildOutcome:
    """What came back from a child: ``answer`` (its parsed document) when it ended normally, else how it ended.

    ``started`` says the child reached the check's own code: a child that ends without answering before that is this
    program's own failure to start it (a build whose executable cannot run it), not the check's, and is no crash."""

    answer: dict[str, Any] | None
    returncode: int | None
    problem: str | None = None
    timed_out: bool = False
    cancelled: bool = False
    started: bool = True

    @property
    def died(self) -> bool:
        """The check's code ran and the child ended without answering: a signal, os._exit, a nonzero exit."""
        if self.timed_out or self.cancelled or not self.started:
            return False
        return self.returncode != 0 or self.answer is None and self.problem is None


#: the files of a child's exchange, in a private folder of its own named on its command line: no standard stream is
#: used, as a windowed build (Windows' selfcheck-gui.exe, started without a console) may have none
REQUEST, STARTED, ANSWER = "request.json", "started", "answer.json"


def run_child(payload: Mapping[str, Any], deadline: float, cancelled: threading.Event, argv: list[str] | None = None) -> ChildOutcome:
    """Run one check in a child, kill it at ``deadline`` (monotonic) or when cancelled; its answer is read as hostile.

    The child gets the folder of the exchange as its last argument: it reads :data:`REQUEST` there, creates
    :data:`STARTED` just before the check's own code runs and writes :data:`ANSWER` whole (renamed into place)."""
    import shutil
    import tempfile

    argv = argv or child_command()
    kwargs: dict[str, Any] = {}
    if sys.platform.startswith("win"):  # pragma: no cover - Windows only
        kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    else:
        kwargs["start_new_session"] = True  # its own process group: stopped with what it started
    exchange = Path(tempfile.mkdtemp(prefix=EXCHANGE_PREFIX))  # the owner's only (0700)
    try:
        try:
            _write_private(exchange / REQUEST, json.loads(json.dumps(payload, default=str)))
            # what the check prints goes nowhere: the parent's own output (a scan's JSON) stays its own
            proc = subprocess.Popen([*argv, str(exchange)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, **kwargs)
        except (OSError, ValueError) as exc:
            return ChildOutcome(None, None, problem=f"could not start: {exc}", started=False)
        _live(proc, exchange)
        timed_out = stopped = False
        while proc.poll() is None:
            if cancelled.is_set():
                stopped = True
            elif time.monotonic() >= deadline:
                timed_out = True
            if stopped or timed_out:
                stop_process(proc)
                break
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=min(0.1, max(0.01, deadline - time.monotonic())))
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
        started = (exchange / STARTED).exists()
        stopped = stopped or _closing.is_set()  # this program ends and stopped it (_stop_children): nothing learnt
        if timed_out or stopped:
            return ChildOutcome(None, proc.returncode, timed_out=timed_out, cancelled=stopped, started=started)
        return _read_answer(exchange / ANSWER, proc.returncode, started)
    finally:
        with _children_lock:
            _children.pop(str(exchange), None)
        shutil.rmtree(exchange, ignore_errors=True)


#: the children running now (by their exchange folder): stopped when this program ends before their worker stops them
_children: dict[str, tuple[subprocess.Popen[bytes], Path]] = {}
_children_lock = threading.Lock()
_children_hook = False
_closing = threading.Event()


def _live(proc: subprocess.Popen[bytes], exchange: Path) -> None:
    global _children_hook
    with _children_lock:
        if not _children_hook:
            atexit.register(_stop_children)
            _children_hook = True
        _children[str(exchange)] = (proc, exchange)


def _stop_children() -> None:
    """At this program's end: a child its scan no longer waits for (timed out a moment before its own deadline, or
    the scan cancelled by Ctrl+C) would otherwise go on holding a processor until its own last resort ends it, its
    exchange folder left behind; it is stopped with what it started and its folder removed."""
    import shutil

    _closing.set()
    with _children_lock:
        left = list(_children.values())
        _children.clear()
    for proc, exchange in left:
        if proc.poll() is None:
            stop_process(proc)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=2)
        shutil.rmtree(exchange, ignore_errors=True)


def _read_answer(path: Path, returncode: int | None, started: bool) -> ChildOutcome:
    """The child's answer file, read as hostile: no bigger than :data:`OUTPUT_CAP`, strict JSON, one known key."""
    try:
        with path.open("rb") as f:
            text = f.read(OUTPUT_CAP + 1)
    except FileNotFoundError:
        return ChildOutcome(None, returncode, started=started)
    except OSError as exc:
        return ChildOutcome(None, returncode, problem=f"its answer could not be read ({exc})", started=started)
    if len(text) > OUTPUT_CAP:
        return ChildOutcome(None, returncode, problem=f"it answered more than {OUTPUT_CAP} bytes", started=started)
    try:
        answer = json.loads(text.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        return ChildOutcome(None, returncode, problem=f"its answer is not JSON ({str(exc)[:200]})", started=started)
    problem = _answer_problem(answer)
    if problem:
        return ChildOutcome(None, returncode, problem=problem, started=started)
    return ChildOutcome(answer, returncode, started=started)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _answer_problem(answer: Any) -> str | None:
    if not isinstance(answer, dict) or len(answer) != 1:
        return "its answer is not one of facts, skip, error or unknown"
    key, value = next(iter(answer.items()))
    if key == "facts":
        return None if isinstance(value, dict) else "its facts are not a dict"
    if key == "skip":
        return None if isinstance(value, str) else "its skip reason is not text"
    if key == "error":
        ok = isinstance(value, dict) and isinstance(value.get("error"), str) and isinstance(value.get("traceback"), str)
        return None if ok else "its error is not described"
    if key == "unknown":
        return None
    return f"its answer says {key[:40]!r}"


def child_main(args: list[str] | None = None) -> int:
    """``selfcheck _run-check FOLDER``: read the :func:`request` in FOLDER, run that one check's collection (no
    questions to the customer: the check's non-interactive path) then its judgement (only so that one that closes
    the program does so here; the parent judges the facts itself), and write ``{"facts": …}`` (or ``skip``,
    ``error``, ``unknown``) there as JSON (see :func:`run_child`). What the check prints on its standard output goes
    nowhere (:func:`run_child`)."""
    args = sys.argv[2:] if args is None else args
    if len(args) != 1 or not Path(args[0]).is_dir():
        return 2
    exchange = Path(args[0])
    try:
        answer = _collect(json.loads((exchange / REQUEST).read_bytes().decode("utf-8")), exchange / STARTED)
    except Exception:  # this side's own failure, not the check's: the parent runs it as before, in its process
        logging.getLogger("selfcheck").exception("the child process could not run the check")
        answer = {"unknown": True}
    _write_private(exchange / ANSWER, answer)
    return 0


def _collect(req: Mapping[str, Any], started: Path) -> dict[str, Any]:
    from selfcheck import i18n, logsetup
    from selfcheck.api import Context, SkipCheck
    from selfcheck.config import Config
    from selfcheck.discovery import Registry, load_entry_points, load_folder

    config = Config(data=dict(req.get("config") or {}))
    i18n.set_language(str(req.get("language") or "en"))
    logsetup.setup(logsetup.level_from(config.get("logging.level")))
    seconds = float(req.get("seconds") or 10)
    import faulthandler

    # the last resort when the check holds the interpreter: the child ends a little after its time, whatever happens
    faulthandler.dump_traceback_later(seconds + 5, exit=True, file=logsetup._fault_file or sys.stderr)
    registry = Registry()
    module = req.get("module")
    if isinstance(module, str) and module.startswith("selfcheck."):
        import importlib

        registry.register_module(importlib.import_module(module), "builtin")
    elif req.get("entry_points"):
        load_entry_points(registry)
    elif isinstance(req.get("folder"), str):
        load_folder(registry, Path(req["folder"]))
    cls = registry.get(str(req.get("check")))
    if cls is None:
        return {"unknown": True}
    usual = None
    if req.get("usual"):
        from selfcheck.history import usual as usual_from_history  # what the scan's own ctx.usual reads (selfcheck.scan)

        usual = usual_from_history
    facts = req.get("facts") if isinstance(req.get("facts"), dict) else {}
    ctx = Context(config.data, cls.thresholds_from(config), deadline=time.monotonic() + seconds, facts=facts, usual=usual)
    logging.getLogger("selfcheck").info("running check %s alone in a child process", cls.id)
    started.touch(mode=0o600)  # from here on, a child that ends without answering is the check's doing
    try:
        collected = cls().collect(ctx)
        if not isinstance(collected, dict):
            raise TypeError(f"collect() returned {type(collected).__name__}, not a dict")
        json.dumps(collected)
    except SkipCheck as skip:
        return {"skip": str(skip)}
    except BaseException as exc:  # noqa: BLE001 - as in the runner: anything a check raises is its result
        return {"error": {"error": f"{type(exc).__name__}: {exc}"[:500], "traceback": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))}}
    # its judgement too, here, before the parent judges these facts itself: a check whose evaluate() makes the program
    # close dies in the child (set aside) instead of closing the parent at every scan; what it says is the parent's
    with contextlib.suppress(BaseException):
        cls().evaluate(collected, ctx.thresholds)
    return {"facts": collected}
