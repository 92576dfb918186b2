"""Recording while the problem happens: bounded, marked, charted, real sampling."""

from __future__ import annotations

import socket
import threading
import time

from selfcheck.config import from_dict
from selfcheck.history import record


def test_recording_stops_at_its_time_limit_and_keeps_bounded_samples():
    calls = []

    def sampler():
        calls.append(1)
        return {"cpu": 10.0, "mem": 20.0, "support_ms": 1.0}

    rec = record.Recorder(None, interval=0.05, max_seconds=1.0, sampler=sampler)
    rec.start()
    assert rec.wait(5), "the recorder must stop by itself at its limit"
    result = rec.stop()
    assert result.stopped_because == "time limit"
    assert len(result.samples) <= rec.max_samples == 21
    assert result.samples[-1]["t"] <= 1.05


def test_the_limit_cannot_be_configured_past_the_hard_cap():
    rec = record.Recorder(from_dict({"record": {"max_seconds": 10_000}}))
    assert rec.max_seconds == record.MAX_SECONDS_LIMIT


def test_marks_are_placed_at_the_moment_the_user_presses():
    now = [1000.0]
    rec = record.Recorder(None, interval=0.05, max_seconds=1, clock=lambda: now[0], sampler=lambda: {"cpu": 1, "mem": 1})
    now[0] = 1012.5
    assert rec.mark() == 12.5
    assert rec.recording.marks == [{"t": 12.5, "label": "It happened now"}]


def test_real_sampling_sees_the_support_host_answer_then_stop_answering():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    port = server.getsockname()[1]
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _addr = server.accept()
                conn.close()
            except OSError:
                continue

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    config = from_dict({"support": {"url": f"http://127.0.0.1:{port}/"}})
    rec = record.Recorder(config, interval=0.1, max_seconds=5)
    rec.start()
    time.sleep(0.45)
    stop.set()
    t.join()
    server.close()
    rec.mark("outage")
    time.sleep(0.45)
    result = rec.stop()
    answered = [s["support_ms"] is not None for s in result.samples]
    assert answered[0] is True and answered[-1] is False
    assert all(0 <= s["cpu"] <= 100 and 0 < s["mem"] <= 100 for s in result.samples)
    assert result.target == f"127.0.0.1:{port}"


def test_timeline_chart_shows_lines_reachability_and_marks():
    rec = record.Recording(
        0.0, 1.0, [{"t": t, "cpu": t * 10, "mem": 50, "support_ms": None if t > 3 else 5.0} for t in range(6)], [{"t": 4, "label": "It happened now"}]
    )
    svg = record.timeline_svg(rec)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('fill="#dc2626"') >= 2  # samples where the support host did not answer (+ legend)
    assert "It happened now" in svg and "<polyline" in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # self-contained


def test_saved_recording_is_offered_to_the_next_bundle(selfcheck_home):
    rec = record.Recording(time.time(), 1.0, [{"t": 0, "cpu": 5, "mem": 5, "support_ms": 2.0}], [])
    record.save(rec)
    parts = dict(record.bundle_parts(None, None))
    assert set(parts) == {"recording/recording.json", "recording/timeline.svg"}
