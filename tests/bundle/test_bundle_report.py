"""report.html: self-contained, escaped, statuses in words and icons, and it renders in Chromium."""

from __future__ import annotations

import importlib.util
import shutil
import struct
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from bundle_helpers import IDENTITY, FailingDemoCheck, run_scan

from selfcheck import bundle
from selfcheck.api import Check, Context, Facts, Outcome, Thresholds
from selfcheck.bundle.redact import Identity

ROOT = Path(__file__).resolve().parents[2]


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture
def report(app_and_scan):
    app, scan = app_and_scan
    description = {"problem": "<script>alert('pwned')</script> & <img src=http://evil.example/x.png>", "since": "Monday"}
    plan = bundle.plan_bundle(app, scan, description=description, identity=IDENTITY)
    return plan.files["report.html"].decode("utf-8")


def test_report_is_self_contained_without_scripts_or_external_resources(report):
    parser = Tags()
    parser.feed(report)
    names = [t for t, _ in parser.tags]
    assert "script" not in names and "link" not in names and "iframe" not in names and "object" not in names
    for tag, attrs in parser.tags:
        if tag == "img":
            assert str(attrs.get("src", "")).startswith("data:")
        for attr in ("src", "srcset", "poster", "background"):
            assert attr not in attrs or str(attrs[attr]).startswith("data:")
    assert "@import" not in report and "url(" not in report
    assert "<style>" in report  # inline CSS


def test_user_text_is_escaped(report):
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt; &amp; &lt;img src=http://evil.example/x.png&gt;" in report
    assert "<script>" not in report and "<img src=http" not in report
    assert "The connection is very slow &lt;b&gt;right now&lt;/b&gt;." in report


def test_results_grouped_with_status_words_icons_advice_and_evidence(report):
    parser = Tags()
    parser.feed(report)
    text = " ".join(parser.text)
    for word in ("Problem", "OK", "Internet and network", "Updates and settings", "Demo problem", "Move closer to the Wi-Fi box.", "latency_ms"):
        assert word in text, word
    assert "✖" in text and "✔" in text
    results = text[text.index("Results") :]  # the verdict above lists the problems first; here they sit in their category
    assert results.index("Internet and network") < results.index("Demo problem")
    details = [attrs for tag, attrs in parser.tags if tag == "details"]
    assert details and any("open" in attrs for attrs in details)  # problems are open, the rest collapsed
    assert "This computer" in text and "What was removed to protect privacy" in text and "Files in this bundle" in text


def test_report_in_french(app_and_scan):
    from selfcheck import i18n

    app, scan = app_and_scan
    i18n.set_language("fr")
    try:
        html = bundle.plan_bundle(app, scan, identity=IDENTITY).files["report.html"].decode()
    finally:
        i18n.set_language("en")
    assert 'lang="fr"' in html and "Rapport de diagnostic" in html and "Ce qui a été retiré pour protéger la vie privée" in html


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed (.ci/apt.d/bundle.txt)")
def test_report_renders_in_headless_chromium(report, tmp_path):
    spec = importlib.util.spec_from_file_location("screenshot_report", ROOT / "scripts" / "screenshot_report.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["screenshot_report"] = module
    spec.loader.exec_module(module)
    page = tmp_path / "report.html"
    page.write_text(report, encoding="utf-8")
    png = tmp_path / "report.png"
    proc = module.screenshot(page, png, width=1000, height=1400)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1000, 1400)
    assert len(data) > 20_000  # a rendered page, not a blank image


def test_sizes_and_numbers_match_the_checks_and_the_readers_language():
    """Support compares the report with the check's sentence: same units (1 GB = 10^9 bytes), French units and commas in French."""
    from selfcheck import i18n
    from selfcheck.bundle import report

    system = {
        "memory": {"total_bytes": 25_300_000_000, "used_percent": 12.5},
        "os": {"uptime_seconds": 86400 * 1.5},
        "disks": [{"mountpoint": "/", "total_bytes": 512e9, "free_bytes": 20e9, "used_percent": 96.1}],
    }
    english = report._inventory(system)
    # English writes a percentage without a space ("12.5%"), in the memory's line and in a table's cell alike
    assert "25.3 GB (12.5% in use)" in english and "1.5 days" in english and ">96.1%</td>" in english
    i18n.set_language("fr")
    try:
        french = report._inventory(system)
    finally:
        i18n.set_language("en")
    # « % » kept with its number by a narrow no-break space, in a sentence of the catalogue and in a table's cell alike
    assert "25,3\u00a0Go (12,5\u202f% utilisés)" in french and "1,5\u00a0jours" in french and ">96,1\u202f%</td>" in french
    assert ">512\u00a0Go</td>" in french and ">512 GB</td>" in english  # a size's unit kept with its number, in French only


def test_support_reads_the_logs_in_the_page_redacted_and_only_when_included(app_and_scan):
    """A support agent with only a browser sees the newest log lines; the user's name stays masked; left-out logs are not shown."""
    from selfcheck import logsetup

    app, scan = app_and_scan
    logsetup.log_file().parent.mkdir(parents=True, exist_ok=True)
    old = [f"2026-01-01 INFO old line {i}" for i in range(500)]
    logsetup.log_file().write_text("\n".join([*old, "2026-01-02 ERROR upload failed for /home/jdupont/report.pdf"]) + "\n", encoding="utf-8")
    plan = bundle.plan_bundle(app, scan, identity=IDENTITY)
    html = plan.files["report.html"].decode()
    assert "logs/selfcheck/selfcheck.log" in html and "upload failed for /home/user-1/report.pdf" in html
    assert "jdupont" not in html
    assert "old line 499" in html and "old line 0<" not in html and "old line 0\n" not in html  # only the newest lines
    plan.exclude("logs/")
    assert "upload failed" not in plan.files["report.html"].decode()


class _NamesCheck(Check):
    """Facts that hold the company keyword, the user and the host of the test machine."""

    id = "test.names"
    category = "os"
    title = "Names"

    def collect(self, ctx: Context) -> Facts:
        return {"hostname": "main", "user": "src", "note": "Meta Platforms agent installed by src on main"}

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        return Outcome.warn(f"{facts['note']}.", evidence={"host": facts["hostname"]})


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_redaction_never_rewrites_the_report_markup(make_app, tmp_path):
    """Issue 12 item 7: a keyword "Meta", a user "src" and a host "main" are redacted in the data,
    while the page keeps its <meta> policy (charset, referrer, CSP) and its <main>."""
    app = make_app('[redaction]\nkeywords = ["Meta"]\n', checks=(_NamesCheck,))
    scan = run_scan(app, ("test.names",))
    info = bundle.make_bundle(app, scan, identity=Identity(user="src", home="/home/src", host="main"), out_path=tmp_path / "b.zip", include_logs=False)
    with zipfile.ZipFile(info.path) as zf:
        html = zf.read("report.html").decode("utf-8")
    parser = _Tags()
    parser.feed(html)
    metas = [attrs for tag, attrs in parser.tags if tag == "meta"]
    assert {"charset": "utf-8"} in metas
    assert {"name": "referrer", "content": "no-referrer"} in metas
    csp = [m for m in metas if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0]["content"] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert "main" in [tag for tag, _attrs in parser.tags]
    assert not [tag for tag, _attrs in parser.tags if "-" in tag], "a tag was renamed into a pseudonym"
    # the data itself is redacted before rendering
    assert "Meta Platforms" not in html and "keyword-1 Platforms" in html
    assert "by src on main" not in html and "by user-1 on host-1" in html


def test_the_recording_chart_is_drawn_from_redacted_data_not_redacted_as_markup(make_app, tmp_path):
    """Like report.html: a company keyword "rect" must not rewrite the chart's <rect> elements,
    while the user's mark naming the keyword is still redacted."""
    import time
    import xml.etree.ElementTree as ET

    from selfcheck.history import record

    app = make_app('[redaction]\nkeywords = ["rect", "text"]\n')
    samples = [{"t": t, "cpu": 10 + t, "mem": 30, "support_ms": 12.0} for t in range(4)]
    record.save(record.Recording(time.time(), 1.0, samples, [{"t": 2, "label": "the rect text moved"}]))
    scan = run_scan(app, ("os.uptime",))
    plan = bundle.plan_bundle(app, scan, identity=IDENTITY, include_logs=False)
    svg = plan.files["recording/timeline.svg"].decode("utf-8")
    root = ET.fromstring(svg)  # still well-formed SVG
    tags = {element.tag.split("}")[-1] for element in root.iter()}
    assert {"rect", "text", "polyline"} <= tags and not [t for t in tags if t.startswith("keyword-")]
    assert "the rect text moved" not in svg and "keyword-" in svg


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_report_is_headed_with_the_companys_name_for_the_program_in_the_customers_language(make_app, lang):
    """docs/configuration.md says branding.product_name is shown in reports; report.html was headed "selfcheck" for every
    company (Clearline's customers never heard the name), and a name given per language is the customer's one."""
    from selfcheck import i18n

    names = {"en": "Clearline — computer check", "fr": "Clearline — vérification"}
    app = make_app('[branding]\nproduct_name = { en = "Clearline — computer check", fr = "Clearline — vérification" }\n', checks=(FailingDemoCheck,))
    i18n.set_language(lang)
    try:
        plan = bundle.plan_bundle(app, run_scan(app, (FailingDemoCheck.id,)), identity=IDENTITY)
    finally:
        i18n.set_language("en")
    page = plan.files["report.html"].decode("utf-8")
    assert f'<div class="brand">{names[lang]}</div>' in page, page[:2000]


#: a Windows 11 computer as its bundle's system.json records it (Python before 3.12 says release "10"; the build says 11), with
#: a wired link and a proxy with its automatic settings file
WINDOWS_11 = {
    "os": {"system": "Windows", "release": "10", "version": "10.0.22631"},
    "network_interfaces": [{"name": "Ethernet", "up": True, "speed_mbps": 1000, "addresses": []}],
    "proxies": {
        "system": {"proxies": {"http": "http://proxy:3128", "https": "http://proxy:3128"}, "pac_url": "http://wpad/wpad.dat", "source": "windows-user"}
    },
}

HEADINGS = {
    "en": ("December 7, 2026 at 09:24 UTC", "Windows 11", "French"),
    "fr": ("7 décembre 2026 à 9\u00a0h\u00a024 UTC", "Windows 11", "français"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_heading_says_when_and_on_what_system_as_people_say_them(lang):
    """The page's heading read « Créé 2026-12-07T09:24:00Z », « Système linux », « Langue fr »: the moment, the system and the
    language as the reader names them (the system as people call it, from the bundle's facts; the time in UTC, as recorded)."""
    from selfcheck import i18n
    from selfcheck.bundle import report

    scan = {"platform": "windows", "language": "fr", "results": []}
    meta = {"reference": "WXA-7E3-TFE", "created_at": "2026-12-07T09:24:00Z", "selfcheck_version": "0.1.0"}
    with i18n.language(lang):
        page = report.render(scan=scan, description=None, system=WINDOWS_11, redaction=[], files=[], skipped=[], limits_hit=[], meta=meta)
    heading = page.split('<dl class="meta">', 1)[1].split("</dl>", 1)[0]
    created, system, language = HEADINGS[lang]
    assert f"<dd>{created}</dd>" in heading and f"<dd>{system}</dd>" in heading and f"<dd>{language}</dd>" in heading, heading
    assert "2026-12-07T" not in heading and "<dd>windows</dd>" not in heading and "<dd>fr</dd>" not in heading


def test_the_heading_names_each_system_as_people_do_even_without_its_facts():
    from selfcheck.bundle.inventory import os_short_name

    assert os_short_name({"system": "Windows", "release": "10", "version": "10.0.19045"}) == "Windows 10"
    assert os_short_name({"system": "Darwin", "release": "23.2.0", "distribution": "macOS 14.2"}) == "macOS 14"
    assert os_short_name({"system": "Darwin", "distribution": "macOS 10.15.7"}) == "macOS 10.15"
    assert os_short_name({"system": "Linux", "distribution": "Debian GNU/Linux 12 (bookworm)"}) == "Linux"
    # a bundle without its system.json (left out by the customer): the scan's platform, named
    assert [os_short_name({}, p) for p in ("linux", "windows", "darwin", None)] == ["Linux", "Windows", "macOS", ""]
    # a received bundle's odd values are left out, not shown
    assert os_short_name({"system": "Windows", "release": "<b>x</b>"}) == "Windows" and os_short_name({"system": "<b>"}) == ""


def test_french_writes_a_links_speed_in_mbit_s_and_lists_proxies_as_french_does():
    """In French the network table said « 1000 Mb/s » where the window's review says « Vitesse (Mbit/s) », and the proxies were
    listed « http: …; PAC … » with English punctuation: « http : …, https : … ; PAC … » as the support card lists."""
    from selfcheck import i18n
    from selfcheck.bundle import report

    english = report._inventory(WINDOWS_11)
    assert "<td>1000 Mbit/s</td>" in english
    assert "<td>http: http://proxy:3128, https: http://proxy:3128; PAC http://wpad/wpad.dat (from: windows-user)</td>" in english
    with i18n.language("fr"):
        french = report._inventory(WINDOWS_11)
    assert "<td>1\u202f000\u00a0Mbit/s</td>" in french and "Mb/s" not in french
    assert "<td>http\u00a0: http://proxy:3128, https\u00a0: http://proxy:3128\u202f; PAC http://wpad/wpad.dat (source\u00a0: windows-user)</td>" in french
