"""The support card computed from a scan's facts: cause, proof, what was not tested, the next question.

The facts are the checks' fixtures (tests/fixtures/checks/), judged by the real checks; the card is
what support reads first in ``selfcheck show``, report.html, the window's bundle view and the ticket.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from selfcheck import app as app_mod
from selfcheck import i18n, plainwords, supportcard
from selfcheck.runner import Scan, reevaluate

FIXTURES = Path(__file__).parent / "fixtures" / "checks"


def judged(
    app: Any, picks: dict[str, str], symptom: str | None = None, admin_prompt: str | None = None, more: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A scan of the given checks on their fixtures' facts, judged by the real checks (with its diagnosis); the built-in
    checks' registry, as support's selfcheck has it (the tests' guard config turns the network checks off for scans).
    ``admin_prompt``: what the customer's administrator prompt asks, as their scan recorded it (None: not said)."""
    from selfcheck.discovery import Registry, load_builtin

    facts = {cid: json.loads((FIXTURES / cid / f"{name}.json").read_text())["facts"] for cid, name in picks.items()}
    for cid, added in (more or {}).items():  # facts the recording predates (``more``), added to a check's recorded ones
        facts[cid] = {**facts[cid], **added}
    results = [{"id": cid, "title": cid, "status": "pass", "summary": ""} for cid in picks]
    skeleton = Scan.from_dict({"results": results, "symptom": symptom, "admin_prompt": admin_prompt}, facts)
    skeleton.symptom = symptom
    registry = Registry()
    load_builtin(registry)
    return reevaluate(registry, app.config, skeleton).to_dict(), facts


def test_a_full_system_drive_card_names_the_drive_and_keeps_the_firewall_apart() -> None:
    app = app_mod.start((), "en")
    scan, facts = judged(app, {"hardware.disk": "windows_c_full", "security.firewall": "windows_french_public_off"}, symptom="app")
    card = supportcard.build(
        scan, facts, description={"problem": "Word says it cannot save", "symptom": "app"}, registry=app.registry, symptoms=app.config.section("symptoms")
    )
    assert card.cause_id == "hardware.disk"
    assert card.confidence == "high"
    assert "C:\\ (system): 600 MB free of 238 GB." in card.proof
    assert "D:\\ (other): 640 GB free of 1 TB." in card.proof  # the other drive has room: support sees it at once
    assert [line.split(":")[0] for line in card.unrelated] == ["Firewall"], card.unrelated
    assert "Which program showed the message" in card.next_question
    # agent round 19: "the card never says what LibreOffice's error message actually was": said, in one clause, that it was not recorded
    assert card.customer == [
        "Chose: A program does not work properly",
        "Problem: Word says it cannot save",
        "The program's own message was not recorded: only the customer's words above.",
    ]
    quoted = supportcard.build(scan, facts, description={"problem": 'Word says "The disk is full"', "symptom": "app"}, registry=app.registry)
    assert quoted.customer[-1] == 'Problem: Word says "The disk is full"'  # the customer's words carry the message: nothing added


def test_a_full_disk_card_keeps_the_unsaved_document_and_leaves_the_time_zone_out() -> None:
    # agent round 8: "the card never says to keep the program open"; "the time zone note is irrelevant noise for this ticket"
    app = app_mod.start((), "en")
    scan, facts = judged(app, {"hardware.disk": "windows_c_full", "os.timezone": "linux_paris"}, symptom="app")
    assert any(r["id"] == "os.timezone" and r["status"] in ("pass", "info") for r in scan["results"]), scan["results"]
    card = supportcard.build(scan, facts, description={"problem": "Word says it cannot save"}, registry=app.registry, symptoms=app.config.section("symptoms"))
    assert card.cause_id == "hardware.disk"
    # agent round 18: "says 'keep the program open' twice": once on the card, in the reply the agent sends
    text = card.to_text()
    assert text.count("keep the program that cannot save open") + text.count("Keep the program that cannot save open") == 1, text
    assert "keep the program that cannot save open" in card.reply.lower(), card.reply
    assert not any(line.startswith("Time zone") for line in card.ruled_out), card.ruled_out
    # a disk with room: no such advice
    scan, facts = judged(app, {"hardware.disk": "linux_ok", "os.timezone": "linux_paris"}, symptom="app")
    card = supportcard.build(scan, facts, registry=app.registry, symptoms=app.config.section("symptoms"))
    assert "keep the program" not in card.next_question


def test_the_card_speaks_the_readers_language_and_says_when_nothing_was_found() -> None:
    app = app_mod.start((), "fr")
    scan, facts = judged(app, {"hardware.disk": "linux_ok"})
    card = supportcard.build(scan, facts, registry=app.registry)
    assert card.cause is None and card.confidence == "low"
    text = card.to_text()
    assert text.startswith("Fiche support\n")
    assert "Aucune cause trouvée." in text
    assert "Aucun problème trouvé\u00a0: demandez ce qui se passe exactement" in text
    assert "Le client n’a rien écrit." in text


def test_where_the_computer_runs_is_on_the_card() -> None:
    app = app_mod.start((), "en")
    scan, facts = judged(app, {"hardware.disk": "linux_ok"})
    system = {
        "situation": {
            "virtual_machine": {"value": True, "kind": "qemu"},
            "container": {"value": False},
            "remote_session": {"value": True, "kind": "ssh"},
            "managed": None,
        }
    }
    card = supportcard.build(scan, facts, system=system)
    assert card.context == [
        "A virtual machine (qemu): its network, disks and clock are those another computer gives it.",
        "Used through a remote session (ssh).",
    ]
    # the CPU's hypervisor flag says "a virtual machine" without saying which: no "(unknown)" code on the card
    system["situation"]["virtual_machine"] = {"value": True, "kind": "unknown"}
    assert supportcard.build(scan, facts, system=system).context[0].startswith("A virtual machine (which kind is not known): its network")


def test_a_hostile_card_in_a_bundle_is_read_as_inert_text() -> None:
    card = supportcard.SupportCard.from_dict(
        {
            "reference": "ABCD-EFGH",
            "cause": "x\x1b]0;PWNED\x07\x1b[2J",
            "confidence": "<script>",
            "proof": ["a\u202eb", {"nested": 1}, 5],
            "customer": "not a list",
        }
    )
    text = card.to_text()
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\\x1b]0;PWNED\\x07" in text
    assert card.confidence == "low" and card.proof == ["a\u202eb", "5"] and card.customer == []


def test_a_bundle_carries_the_card_and_its_report_shows_it_first(tmp_path) -> None:
    from selfcheck.bundle import make_bundle
    from selfcheck.runner import Runner, select

    app = app_mod.start((), "en")
    selection = [c for c in select(app.registry, app.config) if c.id in ("os.uptime", "hardware.disk")]
    scan = Runner(app.registry, app.config).run(selection)
    info = make_bundle(app, scan, out_path=tmp_path / "b.zip", description={"problem": "slow"}, include_logs=False)
    with zipfile.ZipFile(info.path) as zf:
        names = set(zf.namelist())
        card = json.loads(zf.read("support-card.json"))
        text = zf.read("support-card.txt").decode()
        html = zf.read("report.html").decode()
    assert {"support-card.json", "support-card.txt"} <= names
    assert card["reference"] == info.reference and text.startswith(f"Support card — reference {info.reference}")
    assert "Problem: slow" in card["customer"]
    assert html.index('id="support-card"') < html.index('class="verdict')
    # agent round 10: the draft reply, right after the cause, in the ticket's text and the report (one block to copy)
    assert card["reply"].startswith("Hello,") and "\nReply you can send:\n    Hello,\n" in text
    assert '<blockquote class="reply">Hello,<br>' in html


def test_show_prints_the_card_before_the_results(tmp_path, capsys) -> None:
    from selfcheck import cli
    from selfcheck.bundle import make_bundle
    from selfcheck.runner import Runner, select

    app = app_mod.start((), "en")
    scan = Runner(app.registry, app.config).run([c for c in select(app.registry, app.config) if c.id == "os.uptime"])
    info = make_bundle(app, scan, out_path=tmp_path / "b.zip", description={"problem": "it is slow"}, include_logs=False)
    capsys.readouterr()
    assert cli.main(["show", str(info.path), "--lang", "fr"]) in (0, 1)
    out = capsys.readouterr().out
    assert f"Fiche support — référence {info.reference}" in out
    assert "Problème\u00a0: it is slow" in out
    assert out.index("Fiche support") < out.index("Mises à jour et réglages")  # before the results
    # the card in the reader's language (French), the draft reply in the customer's (the bundle's: English)
    assert "Réponse à envoyer\u00a0:\n    Hello,\n" in out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_show_and_the_report_say_where_the_support_card_ends(tmp_path, capsys, lang) -> None:
    # agent round 32, both agents (and rounds 29-30): "the same finding appears three times (card, customer screen, results
    # list)", and they read the customer's ⚠ block and every result after the card to check they agree: where the card ends
    # is said, and that what follows is for reference (nothing moved or dropped)
    from selfcheck import cli
    from selfcheck.bundle import make_bundle
    from selfcheck.bundle.report import esc
    from selfcheck.runner import Scan

    app = app_mod.start((), "en")
    scan = Scan.from_dict(_line_down_scan(), facts={"network.gateway": {"gateway": "10.77.0.1"}})
    info = make_bundle(app, scan, out_path=tmp_path / "b.zip", include_logs=False)
    end = {
        "en": "End of the support card. Below, for reference: the customer's screen and every result.",
        "fr": "Fin de la fiche support. Ci-dessous, pour référence\u00a0: l’écran du client et tous les résultats.",
    }[lang]
    capsys.readouterr()
    assert cli.main(["show", str(info.path), "--lang", lang, "--report", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr().out
    ask = {"en": "Ask the customer next:", "fr": "À demander ensuite au client"}[lang]
    every = {"en": "Every result", "fr": "Tous les résultats"}[lang]
    assert out.count(end) == 1 and out.index(ask) < out.index(end) < out.index("⚠") < out.index(every), out
    assert out[out.index(end) + len(end) :].startswith("\n\n⚠"), out  # the customer's screen right below it, as before
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.count(esc(end)) == 1 and html.index('id="support-card"') < html.index(esc(end)) < html.index('class="verdict'), html
    assert html.index(esc(end)) < html.index("</section>", html.index('id="support-card"')), html  # inside the card's frame, last
    app_mod.start((), "en")


def test_what_the_user_leaves_out_is_not_on_the_card(tmp_path) -> None:
    from selfcheck.bundle import plan_bundle
    from selfcheck.runner import Runner, select

    app = app_mod.start((), "en")
    scan = Runner(app.registry, app.config).run([c for c in select(app.registry, app.config) if c.id == "os.uptime"])
    plan = plan_bundle(app, scan, description={"problem": "my printer jams"}, include_logs=False)
    assert "my printer jams" in plan.files["support-card.txt"].decode()
    plan.exclude("description.json")
    assert "my printer jams" not in plan.files["support-card.txt"].decode()
    assert "The customer wrote nothing." in plan.files["support-card.txt"].decode()
    assert plan.exclude("support-card.txt") == ["support-card.json", "support-card.txt"]
    assert "support-card.json" not in plan.files and 'id="support-card"' not in plan.files["report.html"].decode()


def test_what_the_customer_already_tried_is_on_the_card() -> None:
    app = app_mod.start((), "en")
    scan, facts = judged(app, {"hardware.disk": "windows_c_full"})
    repairs = {
        "repairs": [
            {"repair": "storage.empty_trash", "title": "Empty the trash", "outcome": "not_fixed", "started_at": "2026-11-24T09:12:44+00:00"},
            {"repair": "x", "title": {"not": "text"}, "outcome": "fixed"},
        ]
    }
    card = supportcard.build(scan, facts, repairs=repairs)
    assert card.tried == ["Empty the trash — done, but the problem was still there (November 24, 2026 at 09:12 UTC)"]
    assert "Already tried by the customer:" in card.to_text()


def test_what_the_customer_already_tried_is_in_the_readers_language() -> None:
    """repairs.json keeps the English title; a French card says the repair in French."""
    app = app_mod.start((), "fr")
    scan, facts = judged(app, {"hardware.disk": "windows_c_full"})
    repairs = {
        "repairs": [
            {"repair": "storage.empty_trash", "title": "Empty the trash", "outcome": "not_fixed", "started_at": "2026-11-24T09:12:44+00:00"},
            {"repair": "acme.reset_vpn", "title": "Reset the VPN", "outcome": "fixed", "started_at": "2026-11-24T09:20:00+00:00"},
        ]
    }
    card = supportcard.build(scan, facts, repairs=repairs)
    assert card.tried[0].startswith("Vider la corbeille — ") and "Empty the trash" not in card.tried[0]
    assert card.tried[1].startswith("Reset the VPN — ")  # a repair this selfcheck does not know: as recorded


def test_the_bundled_log_marks_which_lines_belong_to_this_bundle(tmp_path) -> None:
    from selfcheck import logsetup
    from selfcheck.bundle import make_bundle
    from selfcheck.bundle.make import THIS_BUNDLE_MARK
    from selfcheck.runner import Runner, select

    app = app_mod.start((), "en")
    log_path = logsetup.log_file()
    with open(log_path, "a", encoding="utf-8") as f:  # a line of an earlier run, with another bundle's reference
        f.write("2020-01-01 10:00:00,000 INFO selfcheck.bundle.make [MainThread] bundle OLD1-REF1 written: /tmp/old.zip (1 bytes)\n")
    scan = Runner(app.registry, app.config).run([c for c in select(app.registry, app.config) if c.id == "os.uptime"])
    info = make_bundle(app, scan, out_path=tmp_path / "b.zip", include_logs=True)
    with zipfile.ZipFile(info.path) as zf:
        log = next(zf.read(n).decode() for n in zf.namelist() if n.startswith("logs/") and n.endswith("selfcheck.log"))
    assert log.count(THIS_BUNDLE_MARK) == 1
    earlier, ours = log.split(THIS_BUNDLE_MARK)
    assert "OLD1-REF1" in earlier and "OLD1-REF1" not in ours
    from datetime import datetime

    started = datetime.fromisoformat(scan.started_at.replace("Z", "+00:00")).astimezone().replace(tzinfo=None, microsecond=0)
    stamps = [datetime.strptime(line[:19], "%Y-%m-%d %H:%M:%S") for line in ours.splitlines() if line[:4].isdigit()]
    assert all(t >= started for t in stamps)
    assert [datetime.strptime(line[:19], "%Y-%m-%d %H:%M:%S") for line in earlier.splitlines() if line[:4].isdigit()][-1] < started


def test_the_report_folds_the_process_dump_out_of_the_main_view() -> None:
    import html.parser

    from selfcheck.bundle import report

    system = {"processes": {"by_cpu": [{"name": "zoom", "user": "ann", "cpu_percent": 80, "memory_bytes": 1e9}], "by_memory": []}}
    page = report.render(scan={"results": []}, description=None, system=system, redaction=[], files=[], skipped=[], limits_hit=[], meta={})

    class Where(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open_details, self.zoom_folded = 0, None

        def handle_starttag(self, tag, attrs):
            self.open_details += tag == "details"

        def handle_endtag(self, tag):
            self.open_details -= tag == "details"

        def handle_data(self, data):
            if data == "zoom":
                self.zoom_folded = self.open_details > 0

    where = Where()
    where.feed(page)
    assert where.zoom_folded is True


def test_a_wrong_clock_warns_that_the_bundles_times_are_by_that_clock() -> None:
    app = app_mod.start((), "en")
    scan, facts = judged(app, {"network.clock": "lab_clock_5_hours_behind"})
    card = supportcard.build(scan, facts)
    assert "This computer's clock was 5 h 0 min behind: the times in this bundle are by that clock." in card.context
    assert "The clock is off by a whole number of hours: often a wrong time zone rather than a drifting clock." in card.proof
    right, right_facts = judged(app, {"network.clock": "lab_clock_right"})
    assert not any("clock" in line for line in supportcard.build(right, right_facts).context)


def test_a_full_home_card_asks_where_the_biggest_folder_can_go_and_about_a_full_trash() -> None:
    # the disk check's facts as recorded on the support-reading lab's full /home (docs/usability/support-agent/full-home)
    facts = {
        "trash": {"bytes": 1_400_000_000, "complete": True},
        "largest_folders": {
            "/home": {
                "root": "/home/user-1",
                "folders": [{"name": "Videos", "bytes": 155_100_000_000}, {"name": "Pictures", "bytes": 64_700_000_000}],
                "complete": True,
            }
        },
    }
    question = supportcard.full_volume_question(facts)
    assert question == (
        "The biggest folder is Videos (155 GB): does the customer have an external drive or online storage it can be moved to? "
        "And does saving work again once the trash (1.4 GB) is emptied?"
    )
    assert supportcard.full_volume_question({**facts, "trash": {"bytes": 0, "complete": True}}).endswith("moved to?")
    assert supportcard.full_volume_question({"trash": {"bytes": 0}}) == ""  # nothing known about the folders: the usual question
    # round 5: a program cache among the largest folders is said safe to clear, for the agent (the customer's steps leave it out)
    lines = supportcard._disk_lines(facts)
    assert not any("caches" in line for line in lines), lines
    facts["largest_folders"]["/home"]["folders"].append({"name": ".cache", "bytes": 2_400_000_000})
    assert supportcard._disk_lines(facts)[-1].startswith(".cache (2.4 GB): programs' caches, safe to clear"), supportcard._disk_lines(facts)


def test_where_a_secure_sites_block_is_said_only_as_far_as_the_facts_go() -> None:
    # facts as the lab records them when the network drops port 443 (tests/network/test_support_card_lab.py), over IPv6
    facts = {
        "network.https": {"results": {"https://www.example.org/": {"status": "timeout", "error": "timed out", "address": "2001:db8::80"}}},
        "network.internet": {"addresses": {"[2001:db8::80]:80": {"status": "ok", "ms": 12.0}}},
        "network.gateway": {"gateway": "fe80::1", "tcp": {"443": "refused", "80": "ok"}},
    }
    lines, question = supportcard.https_block_lines(facts)
    assert lines[:2] == [
        "selfcheck's own test sites tried (1), what each did:",
        "  www.example.org (2001:db8::80): no answer on port 443.",  # agent round 14: an entry under its heading, indented
    ]
    assert lines[2].startswith("Where the block is: most likely on the network") and "2001:db8::80 answers on port 80 but not on 443" in lines[2]
    assert question.startswith("If it did not help: do the sites that fail on this computer open on a phone on the same Wi-Fi")
    # agent round 8: developer words ("the router's own secure port 443") said as the agent would say them; the box's port 443
    # is a plain connection (here refused: no secure page was opened): said for what it proves
    assert "the internet box answers it on its secure port, so this computer lets secure connections out" in lines[2]
    assert "secure web page" not in lines[2]
    assert "port 443" not in lines[2].split(";")[0]
    # each branch on its own short line (agent round 8: one run-on sentence)
    # agent round 12: "No:" / "Yes:" read as separate points: each line says which answer to the phone question it follows
    assert [line.split(":")[0] for line in question.splitlines()] == [
        "If it did not help",
        "If they do not open on the phone either",
        "If they open on the phone",
    ]
    assert supportcard.https_cause(facts).startswith(
        "Secure connections (https) to the sites tried are stopped on the network (the internet box or beyond), not by this computer"
    )
    # agent round 6: one story with the customer's screen (stopped at the box or further on, restart first), a filter most often
    assert "most often a filter in the box (parental control" in supportcard.https_cause(facts)
    assert "The customer's screen says the same" in supportcard.https_cause(facts)
    # the next step is about the sites the customer named, in their words
    _lines, named = supportcard.https_block_lines(facts, {"problem": "My bank's website and Gmail do not open"})
    assert named.startswith("If it did not help: do the sites the customer named (“bank”, “Gmail”) open on a phone"), named
    # the router's own port 443 silent too: nothing clears this computer; the question decides
    lines, question = supportcard.https_block_lines({**facts, "network.gateway": {"gateway": "fe80::1", "tcp": {"443": "timeout"}}})
    assert not any("not on this computer" in line for line in lines)
    assert "If they open on the phone: a security program on this computer blocks them" in question
    assert "by this computer or by the network" in supportcard.https_cause({**facts, "network.gateway": {"gateway": "fe80::1", "tcp": {"443": "timeout"}}})
    # a certificate problem is not a silent block: nothing said here
    certificate = {"network.https": {"results": {"https://www.example.org/": {"status": "cert_error", "address": "2001:db8::80"}}}}
    assert supportcard.https_block_lines(certificate) == ([], "")


def test_a_block_proven_on_other_sites_than_the_customer_named_is_not_high_confidence() -> None:
    # round 5: "confidence high" while the customer's bank and Gmail were not tried
    facts = {
        "network.https": {"results": {"https://www.example.org/": {"status": "timeout", "error": "timed out", "address": "2001:db8::80"}}},
        "network.internet": {"addresses": {"[2001:db8::80]:80": {"status": "ok", "ms": 12.0}}},
        "network.gateway": {"gateway": "fe80::1", "tcp": {"443": "refused", "80": "ok"}},
    }
    scan = {
        "results": [{"id": "network.https", "title": "Opening websites", "status": "fail", "summary": "Some websites do not open."}],
        "diagnosis": {"root_causes": ["network.https"]},
    }
    named = supportcard.build(scan, facts, description={"problem": "My bank's website and Gmail do not open, but some other sites do."})
    assert named.confidence == "medium"
    assert any(line.startswith("Not tried: the sites the customer named (“bank”, “Gmail”)") for line in named.proof), named.proof
    # nothing named ("nothing works"), or the very site named was tried: the block proven is the customer's
    for words in ("Plus rien ne marche depuis ce matin", "www.example.org does not open"):
        card = supportcard.build(scan, facts, description={"problem": words})
        assert card.confidence == "high" and not any("Not tried: the sites the customer named" in line for line in card.proof), (words, card.proof)


def test_names_failing_at_a_server_that_is_not_the_router_are_not_blamed_on_the_router() -> None:
    # round 5: "at the router's DNS" on a card whose DNS server was set by hand
    scan = {
        "results": [
            {"id": "network.dns", "title": "Finding websites by name", "status": "fail", "summary": "…"},
            {"id": "network.internet", "title": "The internet beyond your internet box", "status": "pass", "summary": "…"},
        ],
        "diagnosis": {"root_causes": ["network.dns"]},
    }
    facts = {"network.gateway": {"gateway": "10.77.0.1"}, "network.dns": {"resolvers": ["198.51.100.53"], "queries": {}}, "network.internet": {}}
    other = supportcard.build(scan, facts)
    assert other.proof[0].endswith("at the DNS server this computer asks (not the router: set by hand, or by a program or the provider)."), other.proof
    facts["network.dns"]["resolvers"] = ["10.77.0.1"]
    assert supportcard.build(scan, facts).proof[0].endswith("at the router's DNS."), supportcard.build(scan, facts).proof


def test_a_full_home_partition_is_said_once_and_its_history_error_is_not_a_failing_disk() -> None:
    # the disk check's volumes as recorded on the support-reading lab (docs/usability/support-agent/full-home)
    disk = {
        "volumes": [
            {"mountpoint": "/", "device": "/dev/vda", "fstype": "ext4", "role": "system", "total": 270_553_174_016, "free": 55_201_644_544},
            {"mountpoint": "/home", "device": "/dev/loop0", "fstype": "ext4", "role": "home", "total": 256_480_833_536, "free": 12_288},
        ],
    }
    assert supportcard.separate_home_line(disk) == (
        # agent round 15: "51.2 GB free" still made the agent wonder first: "cannot be used" right with the figure (round 93: shorter)
        "The system's part of the disk (/) has 55.2 GB free that the customer's files cannot use: they are on their own part (/home)."
    )
    # agent round 8: "/ (system)" is developer words: which part of the disk holds what
    # agent round 13: "seeing '49.7 GB free' first was briefly confusing": the customer's files' part first
    assert supportcard._disk_lines(disk)[:2] == [
        "The part of the disk that holds the customer's files (/home): 12.3 KB free of 256 GB.",
        # agent round 12: "265 GB" beside "256 GB" read as a typo: the system part's size is left out (it says nothing here)
        "The part of the disk that holds the system (/): 55.2 GB free.",
    ]
    roomy = {"volumes": [disk["volumes"][0], {**disk["volumes"][1], "free": 100_000_000_000}]}
    assert supportcard.separate_home_line(roomy) == ""  # /home has room: nothing to explain
    missing = [{"part": "selfcheck.history", "error": "OperationalError: disk I/O error"}]
    card = supportcard.build({"results": []}, {"hardware.disk": disk}, missing=missing)
    # agent round 8: the alarming "disk I/O error" is said first, in one line, to be the full disk's, not a failing disk
    # agent round 11: "this program" read as the customer's program: the program is named
    # agent round 22: the disk's health in one line (here the kernel's log was not read: only the I/O error is said)
    assert card.proof[0] == (
        "The full drive (/home) shows no sign of a failing disk: the “disk I/O error” in this bundle is selfcheck's own (its history file could "
        "not be written on the full space)."
    )
    # the full part first, then the other part's room in one line that says the customer's files cannot use it (not a bare "55.2 GB free")
    full = {"id": "hardware.disk", "title": "Room on this computer", "status": "fail", "summary": "The space for your files is full."}
    card = supportcard.build({"results": [full], "diagnosis": {"root_causes": ["hardware.disk"]}}, {"hardware.disk": disk}, missing=missing)
    assert card.proof[1:3] == ["The part of the disk that holds the customer's files (/home): 12.3 KB free of 256 GB.", supportcard.separate_home_line(disk)]
    assert not any(line.startswith("The part of the disk that holds the system") for line in card.proof), card.proof
    # agent round 23: the raw "OperationalError: disk I/O error" here made the agent doubt the disk: said plainly (the raw words stay in the bundle)
    assert card.not_tested == ["What changed on this computer lately: unknown: its history could not be saved on the full drive (/home)."]
    # a history that could not be added for another reason is not said to be the full drive's, even on a full drive
    locked = [{"part": "selfcheck.history", "error": "OperationalError: database is locked"}]
    card = supportcard.build({"results": [full], "diagnosis": {"root_causes": ["hardware.disk"]}}, {"hardware.disk": disk}, missing=locked)
    assert card.not_tested == ["What changed on this computer, and since when: unknown, its history could not be read (OperationalError: database is locked)."]
    # with room on the disk the error is not explained away
    card = supportcard.build({"results": []}, {"hardware.disk": roomy}, missing=missing)
    assert not any("disk I/O error" in line for line in card.proof)
    assert card.not_tested == ["What changed on this computer, and since when: unknown, its history could not be read (OperationalError: disk I/O error)."]


def test_fact_lines_never_contradict_each_other_on_dns_or_say_zero_ms() -> None:
    # the lab's comparison server is one the computer also uses: not "not one this computer uses"
    internet = {"second_resolver": {"server": "198.51.100.53", "name": "www.lab.example", "addresses": ["198.51.100.80"]}}
    # the lab's comparison server is one the computer also uses: its answer adds nothing to the DNS lines; its silence is said plainly
    own_servers = {supportcard.OWN_RESOLVERS: ["198.51.100.53", "198.51.100.54"]}
    assert supportcard._internet_lines({**internet, **own_servers}) == []
    silent = {"second_resolver": {"server": "198.51.100.53", "name": "www.lab.example", "status": "timeout"}}
    assert supportcard._internet_lines({**silent, **own_servers}) == ["This computer's own DNS server 198.51.100.53 did not answer either (timeout)."]
    other = supportcard._internet_lines({**internet, supportcard.OWN_RESOLVERS: ["10.77.0.1"]})
    assert other[0].startswith("A public DNS server asked only for comparison (198.51.100.53, not one this computer uses)")
    # ed41919: the box is the computer's DNS server and the line is cut: the comparison server's silence said in words, not
    # a bare ": timeout."
    boxed = supportcard._internet_lines({**silent, supportcard.OWN_RESOLVERS: ["10.77.0.1"]})
    assert boxed == ["A public DNS server asked only for comparison (198.51.100.53, not one this computer uses) did not answer (timeout)."]
    gateway = {"gateway": "10.77.0.1", "ping": {"sent": 3, "received": 3, "rtts_ms": [0.04, 0.05, 0.06]}}
    assert supportcard._gateway_lines(gateway) == ["Router 10.77.0.1: 3 of 3 pings answered (median under 1 ms)."]
    # agent round 16: "no answer to pings … it is on and working" made the agent wonder: one line, no contradiction
    silent = {"gateway": "10.77.0.1", "ping": {"sent": 3, "received": 0, "rtts_ms": []}, "tcp": {"443": "ok", "80": "refused"}}
    assert supportcard._gateway_lines(silent) == ["Router 10.77.0.1: does not answer pings (many boxes don't), but answers connections: it is on."]
    dead = {**silent, "tcp": {"443": "timeout", "80": "timeout"}}
    assert supportcard._gateway_lines(dead) == ["Router 10.77.0.1: no answer to pings (many boxes ignore them); no answer on TCP ports 443, 80."]


def test_a_virtual_machine_flag_says_what_it_means_for_the_reply() -> None:
    app = app_mod.start((), "en")
    scan, facts = judged(app, {"hardware.disk": "windows_c_full"})
    system = {"situation": {"virtual_machine": {"value": True, "kind": "qemu"}, "container": {"value": False}}}
    card = supportcard.build(scan, facts, system=system, registry=app.registry)
    # round 4: the flags confused every reader where they change nothing: one short line, last
    assert card.context == ["Runs in a virtual machine: this changes nothing for this cause."]
    both = {"situation": {"virtual_machine": {"value": True}, "container": {"value": True, "kind": "docker"}}}
    assert supportcard.build(scan, facts, system=both, registry=app.registry).context == [
        "Runs in a virtual machine and in a container: this changes nothing for this cause."
    ]
    system = {"situation": {"virtual_machine": {"value": False}}}
    assert supportcard.build(scan, facts, system=system, registry=app.registry).context == []
    # agent round 6: the line down in a virtual machine: what the facts settle about the router, what they do not, the question
    line_down = {
        "results": [
            {"id": "network.gateway", "title": "Your internet box (router)", "status": "pass", "summary": "…"},
            {"id": "network.internet", "title": "The internet beyond your internet box", "status": "fail", "summary": "…"},
        ],
        "diagnosis": {"root_causes": ["network.internet"]},
    }
    vm = {"situation": {"virtual_machine": {"value": True, "kind": "qemu"}}}
    context = supportcard.build(line_down, {"network.gateway": {"gateway": "10.77.0.1"}}, system=vm).context
    assert context[0].startswith("A virtual machine (qemu)"), context
    assert "Settled: this computer reaches the router 10.77.0.1 and nothing beyond it. Not settled: whether 10.77.0.1 is" in context[-1]
    assert "Ask whether the host computer itself has internet" in context[-1]
    card = supportcard.build(line_down, {"network.gateway": {"gateway": "10.77.0.1"}}, system=vm)
    assert card.next_question.endswith("also ask whether the computer it runs on (the host) has internet (see Context)."), (
        card.next_question
    )  # nothing to explain on an ordinary computer


def test_a_wrong_clock_card_shows_the_certificate_dates_against_the_clock() -> None:
    # network.https's facts as recorded in the clock-wrong lab case (docs/usability/support-agent/clock-wrong), clock 5 h behind
    https = {
        "results": {
            "https://www.lab.example/": {
                "status": "cert_error",
                "verify_message": "certificate is not yet valid",
                "address": "198.51.100.80",
                "certificate": {"not_before": 1796436180, "not_after": 1799028180},
            }
        }
    }
    lines = supportcard.cert_clock_lines(https, "2026-12-04T21:03:14.659+00:00")
    assert lines == [
        "The secure site www.lab.example (198.51.100.80) was refused because of the clock: “certificate is not yet valid”. "
        "Its certificate is valid from December 5, 2026 at 02:03 UTC to January 4, 2027 at 02:03 UTC; this computer's clock showed December 4, 2026 at 21:03 UTC, "
        "before the certificate's first day. That is what breaks secure websites."
    ]
    assert supportcard.cert_clock_lines(https, "2026-12-20T10:00:00+00:00") == []  # dates that agree with the clock: not the clock's doing


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_wrong_clock_card_says_whether_a_second_source_agrees(lang) -> None:
    """Agent round 22 b trusted the card because "Both the time server and a web server's date confirm this": the web
    server's date "agrees" only when the check found it does; when it does not, or nothing else answered, the card says so."""
    from selfcheck.checks.network_clock import ClockCheck, confirmation

    app_mod.start((), lang)
    try:
        server = {"ntp.lab.example": {"address": "198.51.100.123", "status": "ok", "offset_s": 10739561.0}}

        def card_of(clock: dict[str, Any]) -> list[str]:
            clock = {**clock, "confirmation": confirmation(clock, 30)}
            outcome = ClockCheck().evaluate(clock, app_mod.start((), lang).config.thresholds("network.clock"))
            scan = {
                "results": [{"id": "network.clock", "title": "Date and time", "status": outcome.status.value, "summary": outcome.summary}],
                "diagnosis": {"root_causes": ["network.clock"]},
            }
            return supportcard.build(scan, {"network.clock": clock}).proof

        words = {
            "en": (
                "A web server's date header agrees: 10739562 s off.",
                "A web server's date header does not agree: by it, this computer is 1 s behind.",
                "Nothing else confirmed this offset",
                "The time servers do not agree with each other (other.example differs by 10739561 s (124 days)).",
            ),
            "fr": (
                "L’en-tête de date d’un serveur web confirme\u00a0: 10\u202f739\u202f562\u00a0s d’écart.",
                "L’en-tête de date d’un serveur web ne confirme pas\u00a0: d’après lui, cet ordinateur est en retard de 1\u00a0s.",
                "Rien d’autre n’a confirmé cet écart",
                "Les serveurs de temps ne sont pas d’accord entre eux (other.example s’écarte de 10\u202f739\u202f561\u00a0s (124\u00a0jours)).",
            ),
        }[lang]
        agrees, disagrees, alone, servers = words
        both = card_of({"ntp": server, "http_offset_s": 10739561.5})
        assert agrees in both and not any(line.startswith(alone) for line in both), both
        torn = card_of({"ntp": server, "http_offset_s": 1.0})
        assert any(line.startswith(disagrees) for line in torn) and agrees not in torn, torn
        one = card_of({"ntp": server})
        assert any(line.startswith(alone) for line in one) and agrees not in one, one
        two = card_of({"ntp": {**server, "other.example": {"address": "198.51.100.124", "status": "ok", "offset_s": 0.3}}})
        assert any(line.startswith(servers) for line in two), two
        # a bundle made before the comparison was recorded: the web server's date is said without "agrees"
        old = supportcard.build(
            {"results": [{"id": "network.clock", "title": "Date and time", "status": "fail", "summary": "x"}], "diagnosis": {"root_causes": ["network.clock"]}},
            {"network.clock": {"ntp": server, "http_offset_s": 1.0}},
        ).proof
        plain = {
            "en": "A web server's date header: this computer is 1 s behind.",
            "fr": "L’en-tête de date d’un serveur web\u00a0: cet ordinateur est en retard de 1\u00a0s.",
        }[lang]
        assert plain in old and agrees not in old and not any(line.startswith(disagrees) for line in old), old
    finally:
        app_mod.start((), "en")


def test_a_tampered_bundles_time_server_offsets_that_are_not_numbers_are_not_compared() -> None:
    """Review: a bundle's confirmation "by_offset_s" went through float() and a string raised ValueError, so no card at all;
    offsets that are not numbers now leave out the time servers' comparison, the rest of the card is made."""
    app_mod.start((), "en")
    server = {"ntp.lab.example": {"address": "198.51.100.123", "status": "ok", "offset_s": 10739561.0}}
    scan = {
        "results": [{"id": "network.clock", "title": "Date and time", "status": "warn", "summary": "x"}],
        "diagnosis": {"root_causes": ["network.clock"]},
    }
    real = {"status": "disagree", "source": "ntp:ntp.lab.example", "offset_s": 10739561.0, "by": "ntp:other.example", "by_offset_s": 0.3}
    compared = "The time servers do not agree with each other"
    assert any(line.startswith(compared) for line in supportcard.build(scan, {"network.clock": {"ntp": server, "confirmation": real}}).proof)
    for tampered in ({**real, "by_offset_s": "lots"}, {**real, "offset_s": "1e9x"}, {**real, "by_offset_s": True}):
        proof = supportcard.build(scan, {"network.clock": {"ntp": server, "confirmation": tampered}}).proof
        assert not any(line.startswith(compared) for line in proof), proof


def test_a_wrong_clock_card_names_the_switch_and_the_button_as_the_customers_screen_does() -> None:
    # agent round 7: the steps said "Automatic Date & Time", the question "Set time automatically"; the button was not in the Problem row
    facts = {"network.clock": json.loads((FIXTURES / "network.clock" / "lab_clock_5_hours_behind.json").read_text())["facts"]}
    scan = {
        "results": [{"id": "network.clock", "title": "Date and time", "status": "fail", "summary": "This computer's clock is 5 hours behind the right time."}],
        "diagnosis": {"root_causes": ["network.clock"]},
    }
    for platform, switch in (("linux", "Automatic Date & Time"), ("windows", "Set time automatically"), ("darwin", "Set time and date automatically")):
        card = supportcard.build(scan, {"network.clock": {**facts["network.clock"], "platform": platform}})
        assert card.next_question.endswith(f"is the switch “{switch}” on?"), card.next_question
        assert any(line.startswith("The customer's screen offers a “Set the clock automatically” button") for line in card.proof), card.proof
    app_mod.start((), "fr")
    card_fr = supportcard.build(scan, {"network.clock": {**facts["network.clock"], "platform": "windows"}})
    assert "«\u00a0Régler l’horloge automatiquement\u00a0»" in " ".join(card_fr.proof) and "l’interrupteur «\u00a0" in card_fr.next_question


def test_ruled_out_says_only_what_was_ruled_out_and_the_phone_follows_the_link() -> None:
    # agent round 7: "Ruled out: your internet box" beside "a filter in the box"; "a phone on the same Wi-Fi" for a cable
    facts = {
        "network.https": {"results": {"https://www.example.org/": {"status": "timeout", "error": "timed out", "address": "192.0.2.80"}}},
        "network.internet": {"addresses": {"192.0.2.80:80": {"status": "ok", "ms": 12.0}}},
        "network.gateway": {"gateway": "192.168.1.1", "tcp": {"443": "ok", "80": "ok"}, "ping": {"sent": 3, "received": 3, "rtts_ms": [1.0, 1.2, 1.1]}},
        "network.link": {"interfaces": [{"name": "eth0", "up": True, "ipv4": ["192.168.1.20"], "wireless": False}]},
    }
    scan = {
        "results": [
            {"id": "network.gateway", "title": "Your internet box (router)", "status": "pass", "summary": "Your internet box answers quickly (1 ms)."},
            {"id": "network.dns", "title": "Finding websites by name", "status": "pass", "summary": "Websites are found by name quickly."},
            {"id": "network.https", "title": "Opening websites", "status": "fail", "summary": "Some websites do not open."},
        ],
        "diagnosis": {"root_causes": ["network.https"]},
    }
    app_mod.start((), "en")
    card = supportcard.build(scan, facts)
    # agent round 20: "the box being off or out of reach: it answers" read as clearing the box the card suspects
    assert "The internet box switched off: it answered 3 of 3 pings (192.168.1.1)." in card.ruled_out, card.ruled_out
    assert "on a phone connected to the same internet box's Wi-Fi (mobile data off; this computer is on a cable)" in card.next_question
    # its figure on that line, said once, without "working" (the box is the suspect); agent round 24: one line, no sub-item
    assert not any(supportcard.is_sub_item(line) for line in card.ruled_out), card.ruled_out
    assert not any("Router 192.168.1.1" in line for line in card.proof), card.proof
    # agent round 13: "I had to read it twice to be sure the computer itself was cleared": one plain line; agent round 38: after
    # what was seen ("I had to read the 'What proves it' section twice to be comfortable with 'most likely not this computer'")
    assert card.proof[0].startswith("Every secure (https) site tried got no answer at all"), card.proof
    head = card.proof.index("Not this computer, most likely:")
    assert card.proof[1].startswith("  www.example.org (192.0.2.80)") and card.proof[head - 1].startswith("Reached 192.0.2.80:80"), card.proof
    assert card.proof[head + 1] == "  Secure connections do leave this computer: the box itself answered one and accepted it (port 443)."
    wifi = {**facts, "network.link": {"interfaces": [{"name": "wlan0", "up": True, "ipv4": ["192.168.1.20"], "wireless": True}]}}
    assert "on a phone on the same Wi-Fi (mobile data off)" in supportcard.build(scan, wifi).next_question


def test_support_names_a_windows_11_computer_from_its_recorded_build() -> None:
    # sendwords2: a real Windows 11 bundle (Python 3.11 reports release "10" there) read "10 10.0.22631" in the support view
    from selfcheck.bundle.inventory import os_name
    from selfcheck.gui.support import computer_summary

    eleven = {"system": "Windows", "release": "10", "version": "10.0.22631", "distribution": "10 10.0.22631", "architecture": "AMD64"}
    assert os_name(eleven) == "Windows 11 (build 22631)"
    assert computer_summary({"os": eleven, "memory": {"total_bytes": 16 * 1024**3}}) == "Windows 11 (build 22631), AMD64, 16 GB of memory"
    assert os_name({**eleven, "version": "10.0.19045", "distribution": "10 10.0.19045"}) == "Windows 10 (build 19045)"
    assert os_name({"system": "Linux", "distribution": "Debian GNU/Linux 12 (bookworm)"}) == "Debian GNU/Linux 12 (bookworm)"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_full_home_reply_keeps_the_work_first_and_says_the_trash_is_enough_for_now(lang) -> None:
    # agent round 10: the full-home case's facts (docs/usability/support-agent/full-home): the draft reply in the customer's language
    disk = {
        "volumes": [
            {"mountpoint": "/", "role": "system", "total": 270_553_174_016, "free": 55_201_644_544},
            {"mountpoint": "/home", "role": "home", "total": 256_480_833_536, "free": 12_288},
        ],
        "trash": {"bytes": 1_400_000_000, "complete": True},
    }
    result = {"id": "hardware.disk", "title": "Room on this computer", "status": "fail", "summary": "Full."}
    scan = {"results": [result], "language": lang, "diagnosis": {"root_causes": ["hardware.disk"]}}
    card = supportcard.build(scan, {"hardware.disk": disk})  # read by an English-speaking agent
    keys = [key for key, _t, _l in card.sections()]
    assert keys[keys.index("cause") + 1] == "reply", keys
    reply = card.reply.splitlines()
    first, ask = {
        "en": ("1. Keep the program that cannot save open: do not close it, so your work is not lost.", "Then please tell us: can you save your work now?"),
        "fr": (
            "1. Laissez ouvert le programme qui n’arrive pas à enregistrer\u00a0: ne le fermez pas, pour ne pas perdre votre travail.",
            "Ensuite, dites-nous\u00a0: pouvez-vous enregistrer votre travail maintenant\u202f?",
        ),
    }[lang]
    assert reply[2] == first and reply[-1] == ask, reply
    # agent round 12: look first, emptying cannot be undone
    assert reply[3].startswith(
        {
            "en": "2. Look in the Trash first: emptying it cannot be undone.",
            "fr": "2. Regardez d’abord dans la corbeille\u00a0: la vider ne peut pas être annulé.",
        }[lang]
    ), reply
    with i18n.language(lang):
        assert not [why for line in reply for why in plainwords.problems(line)], reply
    # the card itself (the agent's language): a document needs very little room, right after the trash's line
    # agent round 11: that the trash is on the full part is said, not left to assume; agent round 22: in one line with its size
    # (round 93: in fewer words)
    assert "Trash holds 1.4 GB." not in card.proof, card.proof
    assert (
        "Trash holds 1.4 GB, on the full part (/home): emptying it is enough to save a letter or another document now; more room can wait."
    ) in card.proof, card.proof
    assert sum("Trash" in line or "trash" in line for line in card.proof) == 1, card.proof
    # in the ticket's text the reply reads as a letter: indented, no dashes
    assert "\nReply you can send:\n    " + reply[0] + "\n" in card.to_text()


def test_a_card_read_back_keeps_its_reply_and_with_no_cause_the_reply_asks_what_happens() -> None:
    card = supportcard.build({"results": [], "language": "fr"}, {})
    assert card.reply.splitlines()[0] == "Bonjour,"
    assert "Dites-nous ce qui se passe exactement" in card.reply
    again = supportcard.SupportCard.from_dict(card.to_dict())
    assert again.reply == card.reply and [k for k, _t, _l in again.sections()] == [k for k, _t, _l in card.sections()]


def _where(value: str | None, lang: str = "en") -> dict[str, Any]:
    """The describe step's answers with "Where are you?" answered as the window records it (the config's question)."""
    from selfcheck import symptoms

    app = app_mod.start((), lang)
    question = next(q for q in symptoms.questions(app.config, "internet") if q.id == symptoms.WHERE_QUESTION)
    answers = [question.answer(question.values.index(value))] if value else []
    return {"symptom": "internet", "problem": "My bank's website and Gmail do not open.", "answers": answers}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_where_the_customer_is_decides_one_branch_for_secure_sites(lang) -> None:
    # agent round 12: "we don't know if the customer is at home, so 'restart the box' may not apply": the describe step asks
    # "Where are you?" and the card takes ONE branch: at home the box, elsewhere whoever runs that network
    said_home, said_hotel, said_nothing = _where("home", lang), _where("public", lang), _where(None, lang)  # in the customer's language
    app = app_mod.start((), lang)  # the customer's scan, in their language (the draft reply's)
    scan, facts = judged(
        app, {"network.https": "lab_port_443_dropped", "network.internet": "lab_line_works", "network.gateway": "lab_router_answers"}, "internet"
    )
    app = app_mod.start((), "en")  # read by an English-speaking agent
    home = supportcard.build(scan, facts, description=said_home, symptoms=app.config.section("symptoms"))
    hotel = supportcard.build(scan, facts, description=said_hotel, symptoms=app.config.section("symptoms"))
    unanswered = supportcard.build(scan, facts, description=said_nothing, symptoms=app.config.section("symptoms"))
    assert home.cause_id == hotel.cause_id == "network.https", home.to_text()
    # the answer is on the card, in the customer's words
    said = {"en": "Where are you? At home", "fr": "Où êtes-vous\u202f? À la maison"}[lang]
    assert said in home.customer, home.customer
    # agent round 57: left unanswered, the card says so ("nothing on the card saying it was unanswered")
    assert "Where are you? Not answered." in unanswered.customer, unanswered.customer
    assert not any("Not answered" in line for line in home.customer + hotel.customer)
    # at home: restart the box, then the phone test; no company, school or hotel branch anywhere the agent acts from
    for text in (home.reply, home.next_question):
        assert not any(word in text.lower() for word in ("hotel", "hôtel", "school", "école")), text
    # agent round 25: "The card only says “most likely the box, else the line”, so I had to decide myself whether to ask for a
    # restart first or check our line first"; agent round 32: "I had to decide whether to check our line first or send the
    # restart": said where the agent decides, not in "Ask next"; agent round 56: before the reply ("Before you reply")
    assert home.decide == [
        "Send it now: it is right whether the fault is in the box, the line or, less likely, this computer; the restart and its questions tell which.",
        "If the restart does not help, the reply sends them to their internet provider (if that is your company, check the line and the box from your side).",
    ], home.to_text()
    assert home.reply_note[0] == "It does not say whether this computer is at fault: you need not settle that before sending.", home.to_text()
    assert "In this order" not in home.to_text() and "First ask" not in home.next_question, home.next_question
    # agent round 14: "parental control blocking a bank seems unlikely; I'd expect the internet company": every secure site tried
    # was stopped, so the box or the line first, a site filter said to be unlikely; after the restart, one next step
    # agent round 18: "long and dense, read twice": at most three short sentences, the box before the line; the filter under the proof
    # agent round 30: "The card says 'box, else line' without saying which is more likely": the bundle cannot tell, said so
    # agent round 33: "The 'Most likely cause' sentence is dense and had to be read twice": one sentence in the order an agent
    # thinks (what happens, where, how sure); what "About this reply" says (the restart and its questions tell which) not again
    cause = {
        "en": "Every secure (https) site tried gets no answer: something on the way to the websites drops them, most likely the internet box "
        "(a fault or a setting) or the line, less likely this computer; the bundle cannot tell the box from the line.",
        "fr": "Aucun site sécurisé (https) essayé ne répond\u00a0: quelque chose les bloque sur le chemin des sites, le plus probablement la box "
        "internet (une panne ou un réglage) ou la ligne, moins probablement cet ordinateur\u202f; le dossier de diagnostic ne distingue pas la "
        "box de la ligne.",
    }
    assert str(home.cause) == cause["en"], home.cause
    app_mod.start((), lang)  # an agent reading in the customer's language
    said_in = supportcard.build(scan, facts, description=said_home, symptoms=app.config.section("symptoms"))
    app_mod.start((), "en")
    assert str(said_in.cause) == cause[lang] and ". " not in str(said_in.cause), said_in.cause
    assert "the restart" not in str(home.cause) and "Not by this computer" not in str(home.cause), home.cause
    assert "parental" not in str(home.cause)
    # agent round 23: the parental-control line under the proof said "Ask the customer next" again: asked there only
    assert not any("parental" in line for line in home.proof) and "parental control" in home.next_question.lower(), home.to_text()
    # agent round 27 weighed "how much “not this computer” rests on a single fact (the router's secure page opens)" and added
    # "Does your bank's site open on your phone when the phone is on your home Wi-Fi?": asked with the restart, general
    # agent round 16: "a hint about the box's parental-control or firewall settings before the provider": after the restart
    # agent rounds 23 to 29: every agent folded the phone question and the box-settings question into the first reply by hand
    # ("to save a round trip"): the draft asks them, after the restart question; "Ask next" says what each answer means, once
    # agent round 32 ("the card is longer"): one short line for each answer the reply asks for: the restart, the phone, the box
    assert home.next_question.splitlines() == [
        "Sites open after the restart: it was the box, nothing more to do.",
        "Sites open on a phone or tablet on the home Wi-Fi (mobile data off): this computer after all; if not, the box or the line.",
        "Parental control or a firewall turned on in the box: turning it off for a test settles it; if not, and the restart did not help, the line.",
    ], home.next_question
    assert not any(line.rstrip().endswith("?") for line in home.next_question.splitlines()), home.next_question  # not asked twice
    if lang == "fr":  # read by a French-speaking agent
        app_mod.start((), "fr")
        french = supportcard.build(scan, facts, description=said_home, symptoms=app.config.section("symptoms"))
        assert french.next_question.splitlines() == [
            "Les sites s’ouvrent après le redémarrage\u00a0: c’était la box, rien d’autre à faire.",
            "Les sites s’ouvrent sur un téléphone ou une tablette connectés au Wi-Fi de la maison (données mobiles coupées)\u00a0: c’est "
            "finalement cet ordinateur\u202f; sinon, la box ou la ligne.",
            "Un contrôle parental ou un pare-feu activé dans la box\u00a0: le couper le temps d’un essai tranche la question\u202f; sinon, et si le "
            "redémarrage n’a pas aidé, la ligne.",
        ], french.next_question
        assert french.decide[1] == (
            "Si le redémarrage n’aide pas, la réponse envoie le client vers son fournisseur d’accès (si c’est votre entreprise, vérifiez "
            "la ligne et la box de votre côté)."
        ), french.decide
        app_mod.start((), "en")
    # agent rounds 32 and 34: "The card's reply puts three questions in one dense paragraph, so I broke them up": each question
    # on its own line under "Then please tell us:", what to do if nothing helps on its own line after them
    assert (
        home.reply.splitlines()[-5:]
        == {
            "en": [
                "Then please tell us:",
                "- Do the websites open after the restart?",
                "- If they still do not: do they open on a phone or tablet connected to your home Wi-Fi, with its mobile data turned off?",
                "- Has anyone turned on parental control or a firewall in your internet box's settings?",
                "If the websites still do not open, please call your internet provider: they can check your line and your internet box from their side.",
            ],
            "fr": [
                "Ensuite, dites-nous\u00a0:",
                "- Les sites s’ouvrent-ils après le redémarrage\u202f?",
                "- S’ils ne s’ouvrent toujours pas\u00a0: s’ouvrent-ils sur un téléphone ou une tablette connectés au Wi-Fi de la maison, avec ses "
                "données mobiles coupées\u202f?",
                "- Quelqu’un a-t-il activé un contrôle parental ou un pare-feu dans les réglages de votre box internet\u202f?",
                "Si les sites ne s’ouvrent toujours pas, appelez votre fournisseur d’accès\u00a0: il peut vérifier votre ligne et votre box internet de son côté.",
            ],
        }[lang]
    ), home.reply
    assert home.reply.splitlines()[2].startswith({"en": "1. Restart your internet box", "fr": "1. Redémarrez votre box internet"}[lang]), home.reply
    # one secure site opened: a filter on chosen sites is likely again, and the phone test tells which
    some = {**facts, "network.https": {**facts["network.https"], "results": {**facts["network.https"]["results"], "https://b.example/": {"status": "ok"}}}}
    chosen = supportcard.build(scan, some, description=said_home, symptoms=app.config.section("symptoms"))
    assert "in their internet box (parental control" in str(chosen.cause), chosen.cause
    assert "If they do not open on the phone either: the box has parental control or a site filter on" in chosen.next_question
    assert {"en": "If not: do they open on your phone", "fr": "Sinon\u00a0: s’ouvrent-ils sur votre téléphone"}[lang] in chosen.reply, chosen.reply
    # the customer's own site answered normally: not every site is stopped either
    opened = supportcard.build(scan, facts, description=said_home, symptoms=app.config.section("symptoms"), named_site={"status": "ok", "host": "a.example"})
    assert "in their internet box (parental control" in str(opened.cause), opened.cause
    # the ruled-out line of the internet beyond the box says what was OK and what was not (round 14: read as a contradiction)
    # agent round 20: "Ruled out: the internet beyond your internet box … secure sites: stopped" listed the failing part as
    # cleared: only what is ruled out, the line being cut
    assert not any(line.startswith("The internet beyond your internet box") for line in home.ruled_out), home.ruled_out
    assert "The internet line cut: plain (http) sites beyond the box open." in home.ruled_out, home.ruled_out
    # and its line in show's results list (round 15: a green "The internet answers" beside the cause read as a contradiction)
    assert home.marks["network.internet"] == ("Secure (https) sites stopped; reached by its number and plain (http) sites OK (see the support card above)."), (
        home.marks
    )
    assert home.partly == ["network.internet"], home.partly  # round 17: shown "◐ partly", not a green tick
    # elsewhere: no box restart, whoever runs that network is asked
    for text in (hotel.reply, *hotel.next_question.splitlines()[1:]):  # (the first line says the box restart does not apply)
        assert "restart" not in text.lower() and "redémarr" not in text.lower(), text
    assert hotel.next_question.splitlines()[0].startswith("The customer is in a hotel, a café or on other public Wi-Fi, not on their own internet box")
    assert {"en": "the staff of the place (at a hotel, the reception)", "fr": "l’équipe du lieu (à l’hôtel, la réception)"}[lang] in hotel.reply
    # unanswered: as before (the box first, then home or not)
    assert unanswered.next_question.splitlines()[1].startswith("If it did not help: is this their home network")
    with i18n.language(lang):  # the customer reads the reply: plain words
        assert not [why for card in (home, hotel) for line in card.reply.splitlines() for why in plainwords.problems(line)], (home.reply, hotel.reply)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_secure_sites_cut_during_the_greeting_are_not_said_to_get_no_answer(lang) -> None:
    # review of agent round 33's cause sentence: "gets no answer … drops them" beside "What proves it"'s own line for the site,
    # "connected on port 443, then the connection was cut during the secure greeting" (a filter that cuts secure connections):
    # the cause says they are stopped on the way, not that nothing answered
    app = app_mod.start((), lang)
    results = json.loads((FIXTURES / "network.https" / "lab_port_443_dropped.json").read_text())["facts"]["results"]
    cut = {url: {**r, "status": "handshake_reset", "error": "Connection reset by peer"} for url, r in results.items()}
    picks = {"network.https": "lab_port_443_dropped", "network.internet": "lab_line_works", "network.gateway": "lab_router_answers"}
    scan, facts = judged(app, picks, "internet", more={"network.https": {"results": cut}})
    card = supportcard.build(scan, facts, description=_where("home", lang), symptoms=app.config.section("symptoms"))
    assert card.cause_id == "network.https" and supportcard.every_secure_site_stopped(facts), card.to_text()
    assert any("cut" in line or "coupée" in line for line in card.proof), card.proof  # the site's own line says it was cut
    assert (
        str(card.cause)
        == {
            "en": "Every secure (https) site tried is stopped on the way to the websites, most likely by the internet box (a fault or a "
            "setting) or the line, less likely by this computer; the bundle cannot tell the box from the line.",
            "fr": "Chaque site sécurisé (https) essayé est bloqué sur le chemin des sites, le plus probablement par la box internet (une "
            "panne ou un réglage) ou la ligne, moins probablement par cet ordinateur\u202f; le dossier de diagnostic ne distingue pas la box "
            "de la ligne.",
        }[lang]
    ), card.cause
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_secure_sites_at_home_say_what_is_settled_with_its_confidence_then_what_the_reply_covers(lang) -> None:
    # agent round 37 (secure sites, 3-4 minutes): "'Confidence: high' next to 'cannot tell the box from the line' read as a
    # contradiction until I worked out that 'high' refers to the symptom": said as line-down's card says it (read well): what
    # is settled, its confidence after it, then "Not settled (the reply covers each): …"
    app = app_mod.start((), lang)
    picks = {"network.https": "lab_port_443_dropped", "network.internet": "lab_line_works", "network.gateway": "lab_router_answers"}
    scan, facts = judged(app, picks, "internet")
    results = facts["network.https"]["results"]
    cut = {url: {**r, "status": "handshake_reset", "error": "Connection reset by peer"} for url, r in results.items()}
    _cut_scan, cut_facts = judged(app, picks, "internet", more={"network.https": {"results": cut}})
    tried = {"host": "www.mybank.example", "address": "198.51.100.90", "status": "timeout", "ms": 1500.0}
    settled = {
        "en": (
            "Settled: every secure (https) site tried gets no answer: they are dropped on the way, not by the websites, and most likely "
            "not by this computer. (confidence: high)",
            "Settled: every secure (https) site tried is stopped on the way, not by the websites, and most likely not by this computer. (confidence: high)",
            "Not settled (the reply covers each): the internet box (a fault or a setting) or the line.",
        ),
        "fr": (
            "Établi\u00a0: aucun site sécurisé (https) essayé ne répond\u00a0: ils sont bloqués en chemin, pas par les sites, et le plus probablement "
            "pas par cet ordinateur. (confiance\u00a0: élevée)",
            "Établi\u00a0: chaque site sécurisé (https) essayé est bloqué en chemin, pas par les sites, et le plus probablement pas par cet "
            "ordinateur. (confiance\u00a0: élevée)",
            "Pas établi (la réponse couvre chaque cas)\u00a0: la box internet (une panne ou un réglage) ou la ligne.",
        ),
    }[lang]
    for shown, site, said in ((facts, tried, settled[0]), (cut_facts, {**tried, "status": "handshake_reset"}, settled[1])):
        card = supportcard.build(scan, shown, description=_where("home", lang), symptoms=app.config.section("symptoms"), named_site=site)
        assert card.cause_id == "network.https" and card.confidence == "high", card.to_text()
        lines = next(lines for key, _t, lines in card.sections() if key == "cause")
        assert lines[:2] == [said, settled[2]], lines
        assert "cannot tell" not in card.to_text() and "ne distingue pas" not in card.to_text(), card.to_text()
        assert supportcard.SupportCard.from_dict(json.loads(json.dumps(card.to_dict()))).sections() == card.sections()  # kept in the bundle
    # the customer's own site not tried: the confidence is medium, and the cause one sentence, as before (nothing settled is said)
    medium = supportcard.build(scan, facts, description=_where("home", lang), symptoms=app.config.section("symptoms"))
    assert medium.confidence == "medium" and not medium.cause_note and not str(medium.cause).startswith(("Settled", "Établi")), medium.to_text()
    app_mod.start((), "en")


def test_away_from_home_a_box_fault_is_for_whoever_runs_that_network() -> None:
    app = app_mod.start((), "en")
    scan, facts = judged(app, {"network.internet": "lab_line_down", "network.gateway": "lab_router_answers"}, "internet")
    at_work = supportcard.build(scan, facts, description=_where("work"), symptoms=app.config.section("symptoms"))
    assert at_work.cause_id == "network.internet", at_work.to_text()
    assert at_work.reply.splitlines()[1:3] == [
        "Your computer is fine: the internet of the place where you are does not work properly at the moment.",
        "Please ask the people who look after the computers at your work or school to look at it: it is their internet connection, so they can put it right.",
    ], at_work.reply
    assert at_work.next_question.startswith("The customer is at work or at school, not on their own internet box"), at_work.next_question
    home = supportcard.build(scan, facts, description=_where("home"), symptoms=app.config.section("symptoms"))
    unanswered = supportcard.build(scan, facts, description=_where(None), symptoms=app.config.section("symptoms"))
    assert home.next_question == unanswered.next_question  # at home: as before
    # agent rounds 66 and 67: where the customer did not say where they are, the reply asks it, last (the restart is for home)
    where = "- Were you at home when this happened? If not, where were you?"
    # agent round 75: and its steps, which restart the box, say they are for home, before them (at home: as before)
    at_home = home.reply.replace("\nPlease do this now:\n", "\nIf you are at home, please do this now:\n", 1)
    assert unanswered.reply == f"{at_home}\n{where}" and where not in home.reply and at_home != home.reply, unanswered.reply
    assert where not in at_work.reply
    # hostile input: a value the card does not know counts as no answer
    odd = {"answers": [{"id": "where", "question": "Where are you?", "answer": "x", "value": "<script>"}]}
    assert supportcard.customer_where(odd) is None and supportcard.customer_where({"answers": "home"}) is None


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_question_asked_in_a_list_reads_as_a_sentence(lang) -> None:
    # review of b56799f9: the box's own fault, "Where are you?" not answered: "Were you at home …" joined "does it work now?",
    # which, worded for the end of "Then please tell us:", then stood in lower case on a line of its own in the customer's reply
    app = app_mod.start((), lang)
    scan, facts = judged(app, {"network.gateway": "lab_router_gone"}, "internet")
    app = app_mod.start((), "en")
    unanswered = supportcard.build(scan, facts, description=_where(None, lang), symptoms=app.config.section("symptoms"))
    home = supportcard.build(scan, facts, description=_where("home", lang), symptoms=app.config.section("symptoms"))
    assert unanswered.cause_id == "network.gateway", unanswered.to_text()
    asked = {
        "en": ["Then please tell us:", "- Does it work now?", "- Were you at home when this happened? If not, where were you?"],
        "fr": [
            "Ensuite, dites-nous\u00a0:",
            "- Est-ce que cela marche maintenant\u202f?",
            "- Étiez-vous chez vous quand c’est arrivé\u202f? Sinon, où étiez-vous\u202f?",
        ],
    }[lang]
    assert unanswered.reply.splitlines()[-3:] == asked, unanswered.reply
    # one question: still on the line that asks it, in lower case
    said = {"en": "Then please tell us: does it work now?", "fr": "Ensuite, dites-nous\u00a0: est-ce que cela marche maintenant\u202f?"}[lang]
    assert home.reply.splitlines()[-1] == said, home.reply


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_where_the_customer_did_not_say_where_they_are_a_reply_that_restarts_the_box_is_for_home(lang) -> None:
    # agent round 75 (router-dns, "Where are you?" not answered): "I added a line at the top because the customer didn't say
    # where they are, and the card's reply tells them to restart 'your internet box' while only asking about location at the
    # end": its steps say they are for home, before them; where they were is still asked, last; at home, as before
    app = app_mod.start((), lang)
    picks = {"network.gateway": "lab_router_answers", "network.internet": "lab_line_works", "network.dns": "lab_resolvers_dropping"}
    refused = {"www.lab.example": {"status": "refused", "sent": 1}}
    scan, facts = judged(app, picks, "internet", more={"network.dns": {"resolvers": ["10.77.0.1"], "queries": {"10.77.0.1": refused}}})
    symptoms = app.config.section("symptoms")
    unanswered = supportcard.build(scan, facts, description=_where(None, lang), symptoms=symptoms)
    home = supportcard.build(scan, facts, description=_where("home", lang), symptoms=symptoms)
    assert unanswered.cause_id == "network.dns", unanswered.to_text()
    restart = {"en": "1. Restart your internet box", "fr": "1. Redémarrez votre box internet"}[lang]
    at_home = {"en": "If you are at home, please do this now:", "fr": "Si vous êtes chez vous, voici ce qu’il faut faire maintenant\u00a0:"}[lang]
    now = {"en": "Please do this now:", "fr": "Voici ce qu’il faut faire maintenant\u00a0:"}[lang]
    where = {"en": "- Were you at home when this happened?", "fr": "- Étiez-vous chez vous quand c’est arrivé\u202f?"}[lang]
    lines = unanswered.reply.splitlines()
    assert lines[1] == at_home and lines[2].startswith(restart) and lines[-1].startswith(where), unanswered.reply
    assert home.reply.splitlines()[1:3] == [now, home.reply.splitlines()[2]] and home.reply.splitlines()[2].startswith(restart), home.reply
    assert at_home not in home.reply and where not in home.reply, home.reply
    # a reply that restarts no box (the clock) stays as it was, the customer's place unsaid or not
    clock_scan, clock_facts = judged(app, {"network.clock": "lab_clock_5_hours_behind"}, "internet")
    clock = supportcard.build(clock_scan, clock_facts, description=_where(None, lang), symptoms=symptoms)
    assert clock.cause_id == "network.clock" and now in clock.reply.splitlines() and at_home not in clock.reply, clock.reply
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_line_down_box_restart_waits_for_its_lights_10_minutes_at_most_on_the_screen_and_in_the_reply(lang) -> None:
    # agent round 75 (line-down) added by hand: "If a light is still red or blinking after 10 minutes, stop there and tell us"
    # ("If the line is down, the lights may never stop blinking, and the customer could wait forever"): the customer's screen
    # step says it, and the reply quotes that step (the screen's steps, so the draft answers a customer who already did them)
    app = app_mod.start((), lang)
    scan, facts = judged(app, {"network.internet": "lab_line_down", "network.gateway": "lab_router_answers"}, "internet")
    bound = {"en": "wait until its lights stop blinking: a few minutes, 10 at most.", "fr": "ne clignotent plus\u00a0: quelques minutes, 10 au plus."}[lang]
    screen = [step for step in scan["diagnosis"]["verdict"]["action"]["steps"] if bound in step]
    assert len(screen) == 1, scan["diagnosis"]["verdict"]["action"]
    card = supportcard.build(scan, facts, description=_where("home", lang), symptoms=app.config.section("symptoms"))
    assert card.cause_id == "network.internet", card.to_text()
    step = next(line for line in card.reply.splitlines() if line.startswith("2. "))
    assert step.startswith(f"2. {screen[0]} "), card.reply
    assert _t(lang, supportcard.REPLY_ALREADY_DONE) in card.reply.splitlines(), card.reply
    # agent round 93: a note that only says so ("Steps 1, 2 and 3 are the same steps as on the customer's screen") sent agents to check it
    assert card.reply_note == [], card.to_text()
    app_mod.start((), "en")


def test_a_sign_in_page_card_says_whether_the_home_step_applies() -> None:
    scan = {
        "results": [{"id": "network.captive_portal", "title": "Wi-Fi welcome page", "status": "fail", "summary": "A sign-in page."}],
        "diagnosis": {"root_causes": ["network.captive_portal"]},
    }
    app_mod.start((), "en")
    hotel = supportcard.build(scan, {}, description=_where("public"))
    assert (
        "The customer is in a hotel, a café or on other public Wi-Fi: their last step (“At home only”: restart the internet box) does not apply: skip it."
        in (hotel.proof)
    ), hotel.proof
    home = supportcard.build(scan, {}, description=_where("home"))
    assert not any("does not apply" in line for line in home.proof) and any(line.startswith("The customer says they are at home") for line in home.proof)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_sign_in_page_reply_says_where_the_open_the_page_button_is(lang) -> None:
    # agent round 25 (sign-in page): "The card's reply says “Click 'Open the page'” without saying where that button is. I found it in
    # “What proves it” (the blue button under the headline) and added it to the reply"
    app = app_mod.start((), lang)  # the customer's scan, in their language
    scan, facts = judged(app, {"network.captive_portal": "lab_sign_in_redirect", "network.https": "lab_tls_ok"}, "internet")
    app_mod.start((), "en")
    card = supportcard.build(scan, facts, description=_where("public"))
    step = {
        "en": "1. Click “Open the page” (the blue button under the headline of the check window) and press its “Accept” or “Connect” button, then check again.",
        "fr": "1. Cliquez sur «\u00a0Ouvrir la page\u00a0» (le bouton bleu sous le titre de la fenêtre de vérification) et appuyez sur son bouton "
        "«\u00a0Accepter\u00a0» ou «\u00a0Se connecter\u00a0», puis vérifiez à nouveau.",
    }[lang]
    assert f"{step} {REOPEN[lang]}" in card.reply.splitlines(), card.reply  # and how to get the button back (agent round 27)
    # the customer's screen keeps its own words
    assert scan["diagnosis"]["verdict"]["action"]["text"] == step[3:].replace(
        {"en": " (the blue button under the headline of the check window)", "fr": " (le bouton bleu sous le titre de la fenêtre de vérification)"}[lang], ""
    )


def test_the_where_question_keeps_its_value_in_any_language() -> None:
    from selfcheck import symptoms
    from selfcheck.bundle import Description

    app = app_mod.start((), "fr")
    question = next(q for q in symptoms.questions(app.config, "internet") if q.id == "where")
    assert question.text == "Où êtes-vous\u202f?" and question.values == list(symptoms.WHERE_VALUES)
    answer = question.answer(2)
    assert answer == {"id": "where", "question": "Où êtes-vous\u202f?", "answer": "À l’hôtel, au café ou sur un autre Wi-Fi public", "value": "public"}
    # a bundle's description read back keeps the value (only text), and the card reads it whatever the language
    kept = Description.coerce({"answers": [answer, {"id": "x", "question": "?", "answer": "y", "value": 5}]})
    assert kept is not None and kept.answers[0]["value"] == "public" and "value" not in kept.answers[1]
    assert supportcard.customer_where(kept.to_dict()) == "public"
    # the command line records the same answer as the window
    from selfcheck.commands.bundle import where_answer

    assert where_answer(app.config, "internet", "public") == [answer]
    assert where_answer(app.config, "app", "public") == []  # not asked for this kind of problem
    # without --symptom, as --site: the symptom that asks it (the answer was given: not dropped in silence)
    assert where_answer(app.config, None, "public") == [answer]


#: agent rounds 23, 24, 26 and 27: the sentence after a reply's step that names a button of the check window
REOPEN = {
    "en": "If you closed the check window, open it again and click “Check my computer”: the button comes back while the problem is still there.",
    "fr": "Si vous avez fermé la fenêtre de vérification, rouvrez-la et cliquez sur «\u00a0Vérifier mon ordinateur\u00a0»\u00a0: le bouton revient tant que "
    "le problème est toujours là.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_wrong_clock_reply_says_why_the_clock_matters_and_how_to_find_the_button_again(lang) -> None:
    # agent round 12: "the draft does not say why the clock matters; it assumes the selfcheck window is still open"
    app = app_mod.start((), lang)  # the customer's scan, in their language
    scan, facts = judged(app, {"network.clock": "lab_clock_5_hours_behind", "network.https": "lab_clock_wrong"}, "internet")
    app_mod.start((), "en")
    reply = supportcard.build(scan, facts).reply.splitlines()
    why = {
        # verdict round 17: the screen's own why, word for word (this computer checks the websites)
        "en": "Your computer uses its clock to check websites such as your e-mail before it opens them: with a wrong clock, that check fails, "
        "so they do not open.",
        "fr": "Votre ordinateur se sert de son horloge pour vérifier les sites comme celui de vos e-mails avant de les ouvrir\u00a0: avec une horloge "
        "fausse, cette vérification échoue, et ils ne s’ouvrent donc pas.",
    }[lang]
    assert reply[1] == why, reply
    # agent rounds 23, 24, 26 and 27 added by hand "If you closed selfcheck, open it again and let it check the computer; the
    # button comes back": one sentence, right after the step that names the button, in the customer's language; what the
    # window does once opened again (its start page's button checks again); said once, no longer also in "Ask next"
    button = scan["diagnosis"]["verdict"]["action"]["button"]
    reopen = REOPEN[lang]
    named = [line for line in reply if button in line]
    assert len(named) == 1 and named[0].startswith("1. ") and named[0].endswith(f" {reopen}"), reply
    assert sum(reopen in line for line in reply) == 1, reply
    # agent round 34 added by hand "Until the clock is right, please don't click past the 'not private' warnings, especially on
    # your bank's site": with a wrong clock the browser's warnings say nothing (a real attack looks the same): after the steps
    warn = {
        "en": "Until the clock is right, please do not click past the browser's warnings, such as “Your connection is not private”, especially "
        "on your bank's website.",
        "fr": "Tant que l’heure n’est pas juste, ne passez pas outre les avertissements du navigateur, comme «\u00a0Votre connexion n’est pas privée\u00a0», "
        "surtout sur le site de votre banque.",
    }[lang]
    asked = next(i for i, line in enumerate(reply) if line.startswith({"en": "Then please tell us:", "fr": "Ensuite, dites-nous\u00a0:"}[lang]))
    # agent round 61 added by hand "If you already restarted the box when the check told you to …, just tell us": the steps are
    # the screen's, so the customer may have done them: said once, right after them
    already = {
        "en": "If you already did this and it did not help, just tell us.",
        "fr": "Si vous l’avez déjà fait et que cela n’a pas aidé, dites-le-nous simplement.",
    }[lang]
    assert reply[asked - 1] == warn and reply.count(warn) == 1 and reply[asked - 2] == already and reply.count(already) == 1, reply
    assert reply[asked - 3][:3] in ("1. ", "2. ", "3. "), reply
    with i18n.language(lang):  # the label of the start page's button, as the window shows it (gui/pages.py)
        assert f"“{i18n._('Check my computer')}”" in reopen or f"«\u00a0{i18n._('Check my computer')}\u00a0»" in reopen
    assert "closed selfcheck" not in supportcard.build(scan, facts).to_text()
    with i18n.language(lang):
        assert not [why for line in reply for why in plainwords.problems(line)], reply


def test_the_sites_the_customer_named_but_not_tried_are_said_when_the_block_is_general() -> None:
    # agent round 12: "Gmail (in the customer's words) is not in the sites tested"; the bank was tried (named-site.json)
    app = app_mod.start((), "en")
    scan, facts = judged(
        app, {"network.https": "lab_port_443_dropped", "network.internet": "lab_line_works", "network.gateway": "lab_router_answers"}, "internet"
    )
    tried = {"host": "www.mybank.example", "address": "198.51.100.90", "status": "timeout", "ms": 1500.0}
    card = supportcard.build(scan, facts, description={"problem": "My bank's website and Gmail do not open."}, named_site=tried)
    # agent round 23: their site among the sites tried, marked theirs; the name not tried in one short line
    # agent round 52 ("This card is the longest"): each site got no answer on port 443: said once, in the head, not on each site
    assert "  www.mybank.example (198.51.100.90), the site the customer named." in card.proof, card.proof
    assert card.proof[0].startswith(
        "Stopped silently on the way: every secure (https) site tried got no answer at all on port 443 (selfcheck gave up on each after 1.5 s)"
    )
    assert not any("no answer on port 443 (gave up" in line for line in card.proof), card.proof
    # agent round 89 stopped on "surely": why it is the same
    said = "Also named by the customer, not tried: “Gmail”; it uses secure (https) connections too, and every one tried was stopped."
    assert said in card.proof and not any("surely" in line for line in card.proof), card.proof
    opened = supportcard.build(scan, facts, description={"problem": "My bank's website and Gmail do not open."}, named_site={**tried, "status": "ok"})
    assert not any("also named" in line for line in opened.proof), opened.proof  # their site opened: nothing general to extend


def test_a_wrong_clock_card_says_the_time_zone_it_is_set_to_and_where_its_time_would_be_right() -> None:
    # agent round 13: "the card doesn't say where the customer is, so I can't tell them which time zone to pick"
    # (recorded on the reading lab's laptop, set to Europe/London, its clock 5 h behind)
    facts = {"network.clock": json.loads((FIXTURES / "network.clock" / "lab_clock_5_hours_behind_london.json").read_text())["facts"]}
    scan = {
        "results": [{"id": "network.clock", "title": "Date and time", "status": "fail", "summary": "This computer's clock is 5 hours behind the right time."}],
        "diagnosis": {"root_causes": ["network.clock"]},
        "language": "en",
    }
    app_mod.start((), "en")
    card = supportcard.build(scan, facts)
    server = next(i for i, line in enumerate(card.proof) if line.startswith("Time server ntp.lab.example"))
    assert card.proof[server + 1] == "Time zone this computer is set to: Europe/London (UTC+00:00).", card.proof
    # 5 h behind in London's zone: the time it shows is the right one five hours west of London
    assert any(line.startswith("The time it shows is right for UTC-05:00: if the customer is in that time zone") for line in card.proof), card.proof
    assert card.next_question.startswith("The clock is off by whole hours and the computer is set to the time zone Europe/London (UTC+00:00): in which city")
    # agent round 15: "I would ask which city they're in"; agent round 16: "mixes a question (which city?) with steps": the usual
    # question after the steps, the city on its own as the last line
    reply = card.reply.splitlines()
    assert reply[-1] == "And which city are you in? Your computer is set to London.", card.reply
    assert reply[-2] == "Then please tell us: does your computer show the right time now, and do websites open again?"
    assert not any("city" in line for line in reply[:-1]), reply
    with i18n.language("fr"):
        fr = supportcard.build({**scan, "language": "fr"}, facts)
    assert fr.reply.splitlines()[-1] == "Et dans quelle ville êtes-vous\u202f? Votre ordinateur est réglé sur London.", fr.reply
    windows = {**facts["network.clock"], "time_zone": {"zone": "GMT Standard Time", "utc_offset_minutes": 0}}  # no city in a Windows zone name
    assert supportcard.build(scan, {"network.clock": windows}).reply.splitlines()[-1] == (
        "And which city are you in? Your computer is set to the time zone GMT Standard Time."
    )
    utc = {**facts["network.clock"], "time_zone": {"zone": "Etc/UTC", "utc_offset_minutes": 0}}  # "UTC" is no city
    assert supportcard.build(scan, {"network.clock": utc}).reply.splitlines()[-1] == "And which city are you in? Your computer is set to the time zone Etc/UTC."
    # a zone ahead of UTC, a clock 2 h ahead: right two hours east of it
    paris = {**facts["network.clock"], "time_zone": {"zone": "Europe/Paris", "utc_offset_minutes": 60}}
    paris["ntp"] = {"ntp.lab.example": {**paris["ntp"]["ntp.lab.example"], "offset_s": -7200.0}}
    ahead = supportcard.build(scan, {"network.clock": paris})
    assert any(line.startswith("The time it shows is right for UTC+03:00") for line in ahead.proof), ahead.proof
    # a right clock: no time zone line (it says nothing there); a bundle without the zone (an older selfcheck): asked, as before
    right = {**facts["network.clock"], "ntp": {"ntp.lab.example": {**facts["network.clock"]["ntp"]["ntp.lab.example"], "offset_s": 0.2}}}
    assert not any("Time zone" in line for line in supportcard._clock_lines(right))
    older = {k: v for k, v in facts["network.clock"].items() if k != "time_zone"}
    card = supportcard.build(scan, {"network.clock": older})
    assert "which city or time zone does the computer's date and time setting show" in card.next_question, card.next_question
    assert not any(line.startswith(("Time zone this computer", "The time it shows")) for line in card.proof), card.proof
    # hostile input: a zone that is not text is not shown; control characters are shown inert
    assert supportcard._zone({"time_zone": {"zone": ["x"]}}) == ""
    assert "\x1b" not in supportcard._zone({"time_zone": {"zone": "Europe/\x1b[31mLondon"}})


def test_the_dns_server_that_is_the_router_and_a_time_server_name_not_found_are_said_as_the_facts_show() -> None:
    # agent round 13: "DNS server 10.77.0.1" and "Router 10.77.0.1": the same device?; the card said the clock was not
    # checked "probably because" of the names while its facts say the time server's name was not found
    facts = {
        "network.gateway": {"gateway": "10.77.0.1", "ping": {"sent": 3, "received": 3, "rtts_ms": [0.1, 0.1, 0.1]}, "tcp": {"80": "ok"}},
        "network.dns": {"resolvers": ["10.77.0.1"], "queries": {"10.77.0.1": {"www.lab.example": {"status": "refused", "sent": 1}}}},
        "network.clock": {"ntp": {"ntp.lab.example": {"status": "not_found"}}, "platform": "linux"},
    }
    scan = {
        "results": [
            {"id": "network.gateway", "title": "Your internet box (router)", "status": "pass", "summary": "Your internet box answers."},
            {"id": "network.dns", "title": "Finding websites by name", "status": "fail", "summary": "Names are refused."},
            {"id": "network.clock", "title": "Date and time", "status": "skip", "summary": "The clock could not be compared with a time server."},
        ],
        "diagnosis": {"root_causes": ["network.dns"]},
    }
    app_mod.start((), "en")
    card = supportcard.build(scan, facts)
    assert any(line.startswith("DNS server 10.77.0.1 (the router: the internet box itself): its name service is not answering") for line in card.proof), (
        card.proof
    )
    assert "The internet box switched off: it answered 3 of 3 pings (10.77.0.1)." in card.ruled_out, card.ruled_out
    assert card.not_tested[0] == (
        "Date and time: The clock could not be compared with a time server: the time server's name (ntp.lab.example) could not be found, "
        "because “Finding websites by name” failed"
    ), card.not_tested
    # another DNS server: no router label; a time server that did not answer (not a name): still "probably because"
    facts["network.dns"] = {"resolvers": ["198.51.100.53"], "queries": {"198.51.100.53": {"www.lab.example": {"status": "refused", "sent": 1}}}}
    facts["network.clock"] = {"ntp": {"ntp.lab.example": {"status": "timeout"}}}
    card = supportcard.build(scan, facts)
    assert any(line.startswith("DNS server 198.51.100.53: its name service is not answering at all: the server turns") for line in card.proof), card.proof
    assert card.not_tested[0].endswith("(probably because “Finding websites by name” failed)"), card.not_tested


def test_a_line_down_reply_carries_the_screens_call_your_provider_step() -> None:
    # agent round 13: "the window's advice says 'call your provider' and the draft reply does not"
    scan = _line_down_scan()
    reply = supportcard.build(scan, {"network.gateway": {"gateway": "10.77.0.1"}}).reply.splitlines()
    assert reply[2:5] == [
        "1. Look at the lights of your internet box: a red or blinking light often means the line is down.",
        "2. Unplug the internet box, wait 30 seconds, plug it back in, and wait until its lights are steady (a few minutes). Then check again.",
        "3. If other devices at home have no internet either, call your internet provider: the line may be cut.",
    ], reply


def _full_home(lang: str, platform: str = "linux") -> tuple[dict[str, Any], str, list[str]]:
    """A files' volume (/home) with no room left and 1.4 GB in the trash, and the disk check's steps for it in ``lang``, as
    the customer's screen shows them: (the check's facts, its first step, the others)."""
    from checks.hardware_disk import DiskCheck

    disk = {
        "platform": platform,
        "volumes": [{"mountpoint": "/home", "role": "home", "total": 256_480_833_536, "free": 12_288}],
        "trash": {"bytes": 1_400_000_000, "complete": True},
    }
    with i18n.language(lang):
        step, *others = DiskCheck().advice("space", disk["volumes"][0], disk, {"trash_offer_mb": 500})[0]
    return disk, step, others


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("platform", ["linux", "windows"])
def test_a_full_home_reply_takes_the_trash_step_as_the_customers_screen_words_it(lang, platform) -> None:
    # agent round 14: "the customer's on-screen steps say 'Empty the trash' straight away while our reply says 'look in the trash
    # first': I'd want those to match": the reply gives the screen's step, in its words
    # verdict round 17: "on my computer it's called the Recycle Bin": the screen and the reply name it as the customer's system does
    # agent round 15: the screen's step itself says to look first (the customer could lose something): the reply quotes it

    disk, step, others = _full_home(lang, platform)  # the check's steps, as the customer's screen shows them
    name = {"linux": "the Trash", "windows": "the Recycle Bin"}[platform]
    assert (
        step
        == {
            "en": f"Empty {name}, but look in it first and take out anything you still need: emptying cannot be undone.",
            "fr": "Videz la corbeille, mais regardez d’abord dedans et sortez-en ce dont vous avez encore besoin\u00a0: la vider ne peut pas être annulé.",
        }[lang]
    )
    scan = {
        "results": [{"id": "hardware.disk", "title": "Room on this computer", "status": "fail", "summary": "Full."}],
        "language": lang,
        "diagnosis": {"root_causes": ["hardware.disk"], "verdict": {"action": {"text": step, "check_id": "hardware.disk", "steps": others}}},
    }
    app_mod.start((), "en")
    reply = supportcard.build(scan, {"hardware.disk": disk}).reply.splitlines()
    # agent round 16: "the reply and the customer's own on-screen steps don't match": the screen's step as it reads, then saving
    assert (
        reply[2]
        == {
            "en": f"Empty {name}, but look in it first and take out anything you still need: emptying cannot be undone. "
            "Then save again: your work needs very little room.",
            "fr": "Videz la corbeille, mais regardez d’abord dedans et sortez-en ce dont vous avez encore besoin\u00a0: la vider ne peut pas "
            "être annulé. Puis enregistrez à nouveau\u00a0: votre travail demande très peu de place.",
        }[lang]
    ), reply
    # agent rounds 23 and 24 trimmed the draft ("a bit long for a stressed customer"): the screen's later steps, for more room,
    # are pointed at, not written out again
    assert len(others) == 2 and not any(other in line for other in others for line in reply), reply
    later = {
        "en": "The check window's other steps are for more room later.",
        "fr": "Les autres étapes de la fenêtre de vérification servent à faire plus de place plus tard.",
    }[lang]
    assert reply[3] == later, reply
    # agent round 22: "One thing to add to selfcheck's steps" was "selfcheck jargon" in a reply the customer reads
    assert (
        reply[1]
        == {
            "en": "First, keep the program that cannot save open (do not close it), so your work is not lost.",
            "fr": "D’abord, laissez ouvert le programme qui n’arrive pas à enregistrer (ne le fermez pas), pour ne pas perdre votre travail.",
        }[lang]
    ), reply
    assert not any("selfcheck" in line for line in reply), reply
    # agent round 17: "do the steps on your screen" assumed the window still open: what to do now is written out
    assert not any("on your screen" in line or "sur votre écran" in line for line in reply), reply
    assert reply[4:] == [
        {"en": "Then please tell us: can you save your work now?", "fr": "Ensuite, dites-nous\u00a0: pouvez-vous enregistrer votre travail maintenant\u202f?"}[
            lang
        ]
    ]
    # agent round 19: past a memory stick's size, one sentence to the customer after the steps, for that folder
    sentence = {
        # agent round 76: "'move Videos to an external drive' could be read as 'delete Videos'": copy first, delete once the copy opens
        # agent round 102: why not the screen's memory stick, where the drive is named
        "en": "Your Videos folder is very large (155 GB), too big for a memory stick: an external drive (a box that plugs into the computer) is the best place for it. "
        "Copy it there first, check that its files open from the drive, and only then delete it from the computer.",
        "fr": "Votre dossier Videos est très gros (155\u00a0Go), trop pour une clé USB\u00a0: le mieux est de le mettre sur un disque externe (un boîtier qui se branche sur l’ordinateur). "
        "Copiez-le d’abord dessus, vérifiez que ses fichiers s’ouvrent depuis le disque, et seulement ensuite supprimez-le de l’ordinateur.",
    }[lang]
    for gb, big in ((155, True), (40, False)):
        folders = {"/home/user-1": {"folders": [{"name": "Videos", "bytes": gb * 10**9}, {"name": "Pictures", "bytes": 9 * 10**9}]}}
        built = supportcard.build(scan, {"hardware.disk": {**disk, "largest_folders": folders}})
        sized = built.reply.splitlines()
        assert sized[:3] + sized[4:] == reply[:3] + reply[4:], sized
        # agent round 82: both agents checked that drive against the screen's memory stick for photos: the card said why under
        # the reply (round 93: only why, in fewer words); round 102: the reply says it, so no note does
        assert not any("memory stick" in note or "clé USB" in note for note in built.reply_note), built.reply_note
        assert sized[3] == (f"{later} {sentence}" if big else later), sized
        assert not any("selfcheck's steps, with" in line or "étapes de selfcheck, avec" in line for line in sized), sized
        assert sum("keep the program" in line or "laissez ouvert" in line for line in sized) == 1, sized  # first, once
    # with the window's button (agent rounds 20 and 21), its name kept: the whole draft under about 110 words (it was about 190)
    button = {
        "en": f"Empty {name}: this makes room for about 470 more photos",
        "fr": "Vider la corbeille\u00a0: cela fait de la place pour environ 470 photos de plus",
    }[lang]
    action = {**scan["diagnosis"]["verdict"]["action"], "button": button}
    pressed = {**scan, "diagnosis": {**scan["diagnosis"], "verdict": {"action": action}}}
    full = supportcard.build(pressed, {"hardware.disk": {**disk, "largest_folders": folders}}).reply
    # agent round 26 (full-home): how to get the button back if the window was closed, right after the button, before saving again
    assert button in full.splitlines()[2] and len(full.split()) < {"en": 135, "fr": 155}[lang], (len(full.split()), full)
    saving = full.index({"en": "Then save again", "fr": "Puis enregistrez"}[lang])
    assert full.index(button) < full.index(REOPEN[lang]) < saving, full
    assert REOPEN[lang] in full.splitlines()[2] and REOPEN[lang] not in reply[2], full  # the screen's button only


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_wrong_clock_reply_says_the_password_in_one_clause_and_one_plain_order(lang) -> None:
    # agent round 14: "step 1 spends a lot of words on the password"; "I'd warn the customer that if the time zone stays wrong,
    # the clock will still look off after step 1: step 3 covers this, but not in a way they'd notice"
    app = app_mod.start((), lang)
    scan, facts = judged(app, {"network.clock": "lab_clock_5_hours_behind", "network.https": "lab_clock_wrong"}, "internet")
    with i18n.language(lang):  # the customer's screen says the password in full
        from selfcheck.verdict import REPAIR_FIRST_ADMIN

        assert scan["diagnosis"]["verdict"]["action"]["text"] == i18n._(REPAIR_FIRST_ADMIN).format(repair=scan["diagnosis"]["verdict"]["action"]["button"])
    app_mod.start((), "en")
    reply = supportcard.build(scan, facts).reply.splitlines()
    # agent round 18: one name for the password, the screen's ("password or PIN"); agent round 20: the customer sees the
    # draft and the screen, so step 2 reads as the screen's ("If that does not put it right: …")
    one, two = {
        "en": (
            "1. Click “Set the clock automatically” (your computer may ask for the password or PIN you use to start it).",
            "2. If that does not put it right: click “Open the date and time settings”",
        ),
        "fr": (
            "1. Cliquez sur «\u00a0Régler l’horloge automatiquement\u00a0» (votre ordinateur peut vous demander le mot de passe ou code que vous tapez pour l’allumer).",
            "2. Si cela ne règle pas le problème\u00a0: cliquez sur «\u00a0Ouvrir les réglages de date et d",
        ),
    }[lang]
    assert f"{one} {REOPEN[lang]}" in reply, reply
    three = next(i for i, line in enumerate(reply) if line.startswith("3. "))
    assert reply[three - 1].startswith(two), reply
    assert not any("Important" in line for line in reply), reply
    assert not any("the password you use" in line or "mot de passe que vous" in line for line in reply), reply
    # a clock off by minutes, not whole hours: no time-zone step, so no warning either
    ntp = {k: {**v, "offset_s": 17000.0} for k, v in facts["network.clock"]["ntp"].items()}
    drifted = {**facts, "network.clock": {**facts["network.clock"], "ntp": ntp, "http_offset_s": 17000.0}}
    app = app_mod.start((), lang)
    skeleton = Scan.from_dict({"results": [{"id": cid, "title": cid, "status": "pass", "summary": ""} for cid in drifted], "symptom": "internet"}, drifted)
    from selfcheck.discovery import Registry, load_builtin

    registry = Registry()  # as judged(): the built-in checks, whatever the tests' guard config turns off for scans
    load_builtin(registry)
    scan2 = reevaluate(registry, app.config, skeleton).to_dict()
    app_mod.start((), "en")
    again = supportcard.build(scan2, drifted).reply.splitlines()
    assert f"{one} {REOPEN[lang]}" in again and not any(line.startswith("3. ") for line in again), again


CLOCK_PROMPT_WORDS = {  # (the draft's step 1, the card's button line), as the customer's screen says the prompt
    "consent": {
        "en": (
            "1. Click “Set the clock automatically” (your computer then asks you to click “Yes” to allow it: that is normal).",
            "The customer's screen offers a “Set the clock automatically” button (its first step; their computer then asks them to click “Yes”).",
        ),
        "fr": (
            "1. Cliquez sur «\u00a0Régler l’horloge automatiquement\u00a0» (votre ordinateur vous demande alors de cliquer sur «\u00a0Oui\u00a0» pour l’autoriser\u00a0: c’est normal).",
            "L’écran du client propose un bouton «\u00a0Régler l’horloge automatiquement\u00a0» (sa première étape\u202f; son ordinateur lui demande alors de cliquer sur «\u00a0Oui\u00a0»).",
        ),
    },
    "own_password": {
        "en": (
            "1. Click “Set the clock automatically” (your computer then asks for the password or PIN you type to start it: that is normal).",
            "The customer's screen offers a “Set the clock automatically” button (its first step; their computer then asks for the password or PIN they "
            "use to start it).",
        ),
        "fr": (
            "1. Cliquez sur «\u00a0Régler l’horloge automatiquement\u00a0» (votre ordinateur vous demande alors le mot de passe ou le code que vous tapez pour "
            "l’allumer\u00a0: c’est normal).",
            "L’écran du client propose un bouton «\u00a0Régler l’horloge automatiquement\u00a0» (sa première étape\u202f; son ordinateur lui demande alors le mot de "
            "passe ou le code qu’il tape pour l’allumer).",
        ),
    },
    "admin_password": {
        "en": (
            "1. Click “Set the clock automatically” (your computer then asks for the password of the person who manages it, for example whoever set it "
            "up: if you do not have it, tell us).",
            "The customer's screen offers a “Set the clock automatically” button (its first step; their computer then asks for the password of the "
            "person who manages it, not theirs: if they do not have it, their screen tells them to call you).",
        ),
        "fr": (
            "1. Cliquez sur «\u00a0Régler l’horloge automatiquement\u00a0» (votre ordinateur vous demande alors le mot de passe de la personne qui s’en occupe, "
            "par exemple celle qui l’a installé\u00a0: si vous ne l’avez pas, dites-le-nous).",
            "L’écran du client propose un bouton «\u00a0Régler l’horloge automatiquement\u00a0» (sa première étape\u202f; son ordinateur lui demande alors le mot de "
            "passe de la personne qui s’en occupe, pas le sien\u00a0: s’il ne l’a pas, son écran lui dit de vous appeler).",
        ),
    },
    "none": {  # no prompt comes (root, as the agent lab's customer): the screen's own step, and the card says nothing is asked
        "en": (
            "1. Click “Set the clock automatically”: this computer does it for you once you say yes, with no password to type.",
            "The customer's screen offers a “Set the clock automatically” button (its first step; a window then opens whose blue button sets the "
            "clock at once: no password, nothing else is asked).",
        ),
        "fr": (
            "1. Cliquez sur «\u00a0Régler l’horloge automatiquement\u00a0»\u00a0: cet ordinateur le fait pour vous une fois que vous avez dit oui, sans mot de passe à taper.",
            "L’écran du client propose un bouton «\u00a0Régler l’horloge automatiquement\u00a0» (sa première étape\u202f; une fenêtre s’ouvre alors, dont le bouton "
            "bleu règle l’horloge aussitôt\u00a0: aucun mot de passe, rien d’autre n’est demandé).",
        ),
    },
    None: {  # a bundle from before the scan said: the hedge that covers every case
        "en": (
            "1. Click “Set the clock automatically” (your computer may ask for the password or PIN you use to start it).",
            "The customer's screen offers a “Set the clock automatically” button (its first step; it may ask for the password or PIN they use to start "
            "the computer).",
        ),
        "fr": (
            "1. Cliquez sur «\u00a0Régler l’horloge automatiquement\u00a0» (votre ordinateur peut vous demander le mot de passe ou code que vous tapez pour l’allumer).",
            "L’écran du client propose un bouton «\u00a0Régler l’horloge automatiquement\u00a0» (sa première étape\u202f; il peut demander le mot de passe ou code "
            "qu’il tape pour allumer l’ordinateur).",
        ),
    },
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("prompt", ["consent", "own_password", "admin_password", "none", None])
def test_a_wrong_clock_draft_and_card_say_what_the_customers_screen_says_the_prompt_asks(prompt, lang) -> None:
    # issue 21: the customer's screen says what their computer's administrator prompt asks (afbc1b7: a Windows home PC's
    # administrator only clicks "Yes"), but the draft still told them "may ask for the password or PIN" and the card's
    # proof line quoted the same for their screen; a bundle from before, which does not say, keeps that hedge
    app = app_mod.start((), lang)
    try:
        scan, facts = judged(app, {"network.clock": "lab_clock_5_hours_behind", "network.https": "lab_clock_wrong"}, "internet", admin_prompt=prompt)
        assert scan["admin_prompt"] == prompt
        card = supportcard.build(scan, facts)
    finally:
        app_mod.start((), "en")
    step, proof = CLOCK_PROMPT_WORDS[prompt][lang]
    reply = card.reply.splitlines()
    assert f"{step} {REOPEN[lang]}" in reply, reply
    assert proof in card.proof, card.proof
    if prompt == "consent":  # no password anywhere the customer or the agent reads for this computer
        assert not any(w in line for line in (*reply, *card.proof) for w in ("password", "mot de passe")), (reply, card.proof)
    if prompt == "none":  # d274692: nothing is asked; the card said "it may ask for the password or PIN" beside the screen's "no password"
        assert not any(w in line for line in (*reply, *card.proof) for w in ("PIN", "code", "may ask", "peut", "“Yes”", "«\u00a0Oui\u00a0»")), (
            reply,
            card.proof,
        )
    read_back = supportcard.SupportCard.from_dict(json.loads(json.dumps(card.to_dict())))  # as the bundle keeps it
    assert f"{step} {REOPEN[lang]}" in read_back.reply.splitlines() and proof in read_back.proof


def test_the_box_wait_in_the_reply_is_short_sentences_without_a_bracket() -> None:
    # agent round 14 (router-dns): "step 2 of the reply is one long sentence with a long bracket in it"
    app = app_mod.start((), "en")
    scan, facts = judged(
        app, {"network.https": "lab_port_443_dropped", "network.internet": "lab_line_works", "network.gateway": "lab_router_answers"}, "internet"
    )
    reply = supportcard.build(scan, facts).reply.splitlines()
    assert reply[3] == (
        "2. Wait until its lights stop blinking: this takes a few minutes. Then open a website to see if it works again. A home phone or TV that goes through the box "
        "stops for those few minutes only, then works again by itself."
    ), reply
    assert "(" not in reply[3]


def test_the_sites_tried_are_indented_under_their_heading_in_every_rendering() -> None:
    # agent round 14: "the two entries are at the same indent as the heading, so it's hard to see what belongs under what"
    from selfcheck.bundle.report import _support_card

    app = app_mod.start((), "en")
    scan, facts = judged(
        app, {"network.https": "lab_port_443_dropped", "network.internet": "lab_line_works", "network.gateway": "lab_router_answers"}, "internet"
    )
    card = supportcard.build(scan, facts)
    text = card.to_text().splitlines()
    heading = next(i for i, line in enumerate(text) if "every secure (https) site tried got no answer at all" in line)
    pair = text[heading : heading + 2]
    assert pair[0].startswith("  - Stopped silently on the way: every secure") and pair[1].startswith("      - www.lab.example ("), pair
    again = supportcard.SupportCard.from_dict(json.loads(json.dumps(card.to_dict())))  # as the bundle keeps it
    assert again.to_text() == card.to_text()
    html = _support_card(card.to_dict())
    assert '<li class="sub">www.lab.example (' in html and "<li>Stopped silently on the way: every secure (https) site tried" in html, html


def test_the_questions_to_ask_keep_their_numbers_with_no_bullet_in_report_html_as_in_show() -> None:
    # review 38: report.html showed "• 1. Did they restart the internet box…", a bullet before each number, where `show`
    # prints "1. …" (its "1. … needs no dash")
    from selfcheck.bundle import report

    facts = {
        "network.gateway": {"gateway": "10.77.0.1", "ping": {"sent": 3, "received": 3, "rtts_ms": [0.1, 0.1, 0.1]}, "tcp": {"80": "ok"}},
        "network.dns": {"resolvers": ["10.77.0.1"], "queries": {"10.77.0.1": {"www.lab.example": {"status": "refused", "sent": 1}}}},
    }
    results = [
        {"id": "network.gateway", "title": "Your internet box (router)", "status": "pass", "summary": "Your internet box answers."},
        {"id": "network.dns", "title": "Finding websites by name", "status": "fail", "summary": "Names are refused."},
    ]
    app_mod.start((), "en")
    card = supportcard.build({"results": results, "diagnosis": {"root_causes": ["network.dns"]}}, facts)
    asked = card.next_question.splitlines()
    assert len(asked) == 3 and all(supportcard.is_numbered(line) for line in asked), asked
    assert [line for line in card.to_text().splitlines() if line.strip() in asked] == [f"  {line}" for line in asked]  # show
    html = report._support_card(card.to_dict())
    for line in asked:
        assert f'<li class="numbered">{report.esc(line)}</li>' in html, html
    assert f"<li>{report.esc(card.ruled_out[0])}</li>" in html  # the other entries keep their bullet
    assert "section.card li.numbered { list-style: none; }" in report._resource("report.css")  # the number, no bullet before it


def test_a_long_unbroken_address_in_the_customers_words_wraps_in_report_html() -> None:
    # review 38: a customer's words holding a long address with no space ("https://…/login?session=…", up to MAX_SAID
    # characters) ran in one line past the card's edge and out of the page, cut off; the card says it whole, and the page
    # breaks such a word at its edge
    import re

    from selfcheck.bundle import report

    address = "https://www.mybank.example/login?session=" + "A1b2C3d4" * 40
    app_mod.start((), "en")
    card = supportcard.build({"results": []}, {}, description={"problem": f"{address} does not open."})
    assert f"Problem: {address} does not open." in card.customer
    page = report.render(
        scan={"results": []}, description=None, system=None, redaction=[], files=[], skipped=[], limits_hit=[], meta={}, support_card=card.to_dict()
    )
    assert f"<li>Problem: {address} does not open.</li>" in page
    main = re.search(r"^main \{([^}]*)\}", report._resource("report.css"), re.M)
    assert main and "overflow-wrap: break-word" in main.group(1), main  # the card and the customer's words sit in <main>
    assert re.search(r"<main>.*id=\"support-card\".*</main>", page, re.S)


def test_show_folds_notes_unrelated_to_the_complaint_into_one_line_at_the_end() -> None:
    # agent rounds 12-14: the "Time zone and language" note beside a full disk read as noise, three rounds running
    from selfcheck import textreport

    app = app_mod.start((), "en")
    scan_dict, facts = judged(app, {"hardware.disk": "windows_c_full", "os.timezone": "linux_paris"}, symptom="app")
    assert {r["id"]: r["status"] for r in scan_dict["results"]}["os.timezone"] == "info"
    card = supportcard.build(scan_dict, facts, description={"symptom": "app"}, symptoms=app.config.section("symptoms"))
    assert card.aside == ["os.timezone"], card.aside
    scan = Scan.from_dict(scan_dict, facts)
    zone = next(r for r in scan.results if r.check_id == "os.timezone")
    full = textreport.format_scan(scan, app.config)
    folded = textreport.format_scan(scan, app.config, aside=card.aside)
    assert zone.summary.split(";")[0] in full and zone.summary.split(";")[0] not in folded  # its own entry is gone
    assert folded.splitlines()[-1] == f"ℹ For information, unrelated to the complaint (in full in report.html): {zone.title}.", folded
    # still counted, nothing hidden; agent round 16: "the count didn't match what I could see": where that note is, said
    assert "1 note (unrelated, at the end)" in folded and "1 note (unrelated" not in full, folded
    # the card and the bundle keep it; a wrong clock's card keeps the time zone in the list (it bears on that cause)
    clock_scan, clock_facts = judged(app, {"network.clock": "lab_clock_5_hours_behind", "os.timezone": "linux_paris"}, "internet")
    clock = supportcard.build(clock_scan, clock_facts, description={"symptom": "internet"}, symptoms=app.config.section("symptoms"))
    assert clock.cause_id == "network.clock" and clock.aside == [], clock.aside
    # no cause found: nothing is unrelated to it, so nothing is folded
    ok_scan, ok_facts = judged(app, {"os.timezone": "linux_paris"}, symptom="app")
    assert supportcard.build(ok_scan, ok_facts, description={"symptom": "app"}, symptoms=app.config.section("symptoms")).aside == []


def test_show_words_the_results_list_as_the_card_reads_it() -> None:
    # agent round 15: (secure sites) a green "The internet answers" beside "secure sites beyond the box are blocked" read as a
    # contradiction; (line down) the "Because of it" row of names said "restarting your internet box usually sorts it out",
    # more hopeful than the cause; (router-dns) "the contact button at the bottom of the window": "what is that button?"
    from selfcheck import textreport

    app = app_mod.start((), "en")
    scan_dict, facts = judged(
        app, {"network.https": "lab_port_443_dropped", "network.internet": "lab_line_works", "network.gateway": "lab_router_answers"}, "internet"
    )
    card = supportcard.build(scan_dict, facts, description={"where": "home"})
    listed = textreport.format_scan(Scan.from_dict(scan_dict, facts), app.config, marks=card.marks, partly=card.partly).splitlines()
    row = next(i for i, line in enumerate(listed) if line.endswith("The internet beyond your internet box"))
    # agent round 17 (the fourth time): its "✔ OK" under "secure sites beyond the box are stopped" read as a contradiction:
    # a neutral mark, and its line led by what is stopped
    assert listed[row].split()[:2] == ["◐", "partly"], listed[row]
    assert listed[row + 1].split()[:4] == ["Secure", "(https)", "sites", "stopped;"], listed[row : row + 3]
    assert "reached by its number and plain (http) sites OK" in " ".join(listed[row + 1 : row + 3]), listed[row : row + 3]
    counts = next(line for line in listed if line.startswith("Every result"))
    assert ", 1 partly," in counts and "OK, 1 partly" in counts, counts  # counted as shown
    green = [line for line in listed if line.lstrip().startswith("✔ OK")]
    assert len(green) == int(counts.split(": ")[1].split(" OK")[0]), (green, counts)
    assert "The internet answers beyond your internet box." not in "\n".join(listed)
    # what "gave up after 1.5 s" shows, in the proof: never answered, while plain ones to the same server were
    # agent round 22: its own long line took a minute ("gave up" versus "refused"): said in a few words where the sites are listed
    # agent round 23: "the most evidence to read": in one line, the sites under it
    tried = next(i for i, line in enumerate(card.proof) if line.startswith("Stopped silently on the way: every secure (https) site tried"))
    # agent round 52: how long selfcheck waited, once in that line (each site's line under it names the site only); agent round 55:
    # the finding first
    assert card.proof[tried] == (
        "Stopped silently on the way: every secure (https) site tried got no answer at all on port 443 (selfcheck gave up on each after "
        "1.5 s), while plain (http) on the same server (198.51.100.80) answered at once."
    ), card.proof
    assert card.proof[tried + 1] == "  www.lab.example (198.51.100.80).", card.proof
    assert not any(line.startswith("“Gave up”") for line in card.proof), card.proof
    plain = textreport.format_scan(Scan.from_dict(scan_dict, facts), app.config)  # the customer's own terminal: unchanged
    assert "The internet answers beyond your internet box." in plain

    down_dict, down_facts = judged(
        app, {"network.internet": "lab_line_down", "network.gateway": "lab_router_answers", "network.dns": "lab_resolvers_dropping"}, "internet"
    )
    down = supportcard.build(down_dict, down_facts)
    assert down.cause_id == "network.internet" and "network.dns" in down.marks, (down.cause_id, down.marks)
    # agent round 17: "never says what to do if the other devices DO work": that branch follows the question, on its own line
    asked = down.next_question.splitlines()
    assert asked[1] == "Do other devices have internet?" and asked[3].startswith("If other devices do have internet: the box stops only this computer"), asked
    assert "parental control" in asked[3] and "VPN" in asked[3] and asked[4].startswith("Check yourself"), asked
    listed = textreport.format_scan(Scan.from_dict(down_dict, down_facts), app.config, marks=down.marks).splitlines()
    row = next(i for i, line in enumerate(listed) if "Because of it" in line and line.endswith("Finding websites by name"))
    assert listed[row + 1].strip() == "Websites do not open." and "sorts it out" not in "\n".join(listed), listed[row : row + 3]
    assert supportcard.first_sentence("Les sites ne s’ouvrent pas. Votre ordinateur n’y est pour rien.") == "Les sites ne s’ouvrent pas."

    step = "If websites still do not open, ask for help with the contact button at the bottom of the window."
    verdict = {"diagnosis": {"verdict": {"action": {"text": "Restart your internet box.", "steps": [step]}}}, "language": "en"}
    assert supportcard.contact_note(verdict) == "(The contact button at the bottom of the customer's window reads “Contact support”.)"
    with i18n.language("fr"):  # a French customer's screen, read by an English-speaking agent: the label as they see it
        fr_step = i18n._("If websites still do not open, ask for help with the contact button at the bottom of the window.")
    french = {"diagnosis": {"verdict": {"action": {"text": "Redémarrez.", "steps": [fr_step]}}}, "language": "fr"}
    assert supportcard.contact_note(french) == "(The contact button at the bottom of the customer's window reads “Contacter l’assistance”.)"
    assert supportcard.contact_note({"diagnosis": {"verdict": {"action": {"text": "Empty the trash.", "steps": []}}}}) == ""


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_full_windows_computers_reply_quotes_its_long_step_whole(lang) -> None:
    """The reply quoted the screen's steps; it cut each at 400 characters, so a full Windows computer's step 2 (files, then
    where programs are removed, ~470 characters in French) ended mid-word: « enlevez-les dans l’a ». (Send round 19: where
    programs are removed is now the last step, which the window folds.) Agent round 24: the reply now quotes the first step
    only, whole, and points at the others."""
    from checks.hardware_disk import DiskCheck

    disk = {
        "platform": "windows",
        "volumes": [{"mountpoint": "C:\\", "role": "system", "total": 237_900_000_000, "free": 12_288}],
        "trash": {"bytes": 1_400_000_000, "complete": True},
    }
    with i18n.language(lang):
        step, *others = DiskCheck().advice("space", disk["volumes"][0], disk, {"trash_offer_mb": 500})[0]
    assert others[-1].endswith(("“Uninstall”.", "«\u00a0Désinstaller\u00a0»."))
    forged = "word " * 2000
    scan = {
        "results": [{"id": "hardware.disk", "title": "Room on this computer", "status": "fail", "summary": "Full."}],
        "language": lang,
        "diagnosis": {"root_causes": ["hardware.disk"], "verdict": {"action": {"text": step, "check_id": "hardware.disk", "steps": [*others, forged]}}},
    }
    app_mod.start((), "en")
    reply = supportcard.build(scan, {"hardware.disk": disk}).reply.splitlines()
    # agent rounds 23 and 24 ("a bit long for a stressed customer"): the later steps, the long one and a forged one, stay on
    # the customer's screen, pointed at; the first is quoted whole
    assert reply[2].startswith(step) and not any(other in line for other in [*others, "word word"] for line in reply), reply
    assert max(len(line) for line in reply) <= supportcard.MAX_STEP, reply


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_ruled_out_says_the_internet_beyond_the_box_once(lang) -> None:
    # agent round 18 (router-dns): "under 'Ruled out' the internet beyond the box is stated twice in one line"
    app = app_mod.start((), "en")
    scan, facts = judged(
        app,
        {"network.clock": "lab_clock_5_hours_behind", "network.internet": "lab_line_works", "network.gateway": "lab_router_answers"},
        "internet",
    )
    app_mod.start((), lang)
    card = supportcard.build(scan, facts)
    assert card.cause_id == "network.clock", card.to_text()
    once = {"en": "The internet beyond your internet box: it answers.", "fr": "Internet au-delà de votre box\u00a0: il répond."}[lang]
    assert once in card.ruled_out, card.ruled_out
    beyond = [line for line in card.ruled_out if "beyond your internet box" in line or "au-delà de votre box" in line]
    assert beyond == [once], card.ruled_out


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(
    "case",
    [
        {"network.clock": "lab_clock_5_hours_behind", "network.https": "lab_clock_wrong"},
        {"network.clock": "lab_clock_right", "network.https": "lab_port_443_dropped"},
        {"network.clock": "lab_clock_right", "network.https": "lab_tls_ok", "network.captive_portal": "lab_sign_in_redirect"},
    ],
    ids=["clock", "secure-sites", "sign-in"],
)
def test_facts_that_only_clear_a_suspect_sit_under_its_ruled_out_line_said_once(case: dict[str, str], lang: str) -> None:
    # agent round 20: "What proves it" is read whole before the card is trusted (secure sites 15 lines, clock 11): the router's
    # pings, the DNS servers' answers, the time server when the clock is right and "reached … by its number" only clear other
    # suspects: said once, under the "Ruled out" line they support, with their figures
    app = app_mod.start((), lang)
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.dns": "lab_two_resolvers",
        "network.proxy": "lab_direct",
        "network.quality": "lab_steady",
        "network.captive_portal": "lab_open_internet",
        **case,
    }
    scan, facts = judged(app, picks, "internet")
    card = supportcard.build(scan, facts, description={"symptom": "internet"}, symptoms=app.config.section("symptoms"))
    assert card.cause_id in ("network.clock", "network.https", "network.captive_portal"), card.to_text()
    with i18n.language(lang):  # the lines that only clear a suspect, as the card words them
        clearing = [
            *supportcard._gateway_lines(facts["network.gateway"]),
            *supportcard._dns_lines({k: v for k, v in facts["network.dns"].items() if k != "source"}),
            *supportcard._address_lines(facts["network.internet"]),
        ]
    assert len(clearing) >= 3, clearing
    assert not set(clearing) & set(card.proof), card.to_text()
    # agent round 24: "I read every line of the evidence and the “ruled out” list": each item one line, its figure folded in
    assert not any(supportcard.is_sub_item(line) for line in card.ruled_out), card.ruled_out
    assert not any(line.startswith(_t(lang, "The internet line works: reached beyond the router without looking up a name.")) for line in card.proof)
    figures = [facts["network.gateway"]["gateway"], *facts["network.dns"]["queries"], *facts["network.internet"]["addresses"]]
    for figure in figures:  # the router, the DNS servers, the address reached: on their "Ruled out" line, once, not in the proof
        assert sum(figure in line for line in card.ruled_out) == 1, (figure, card.ruled_out)
        assert not any(figure in line for line in card.proof if "DNS" not in line and "Router" not in line), (figure, card.proof)
    subs: list[str] = []
    with i18n.language(lang):
        timed = supportcard._clock_lines(facts["network.clock"])
    if card.cause_id == "network.clock":  # the time server's answer proves the cause: in the proof
        assert timed and set(timed) <= set(card.proof) and not set(timed) & set(subs), card.to_text()
    if card.cause_id == "network.https":  # the clock is right: its time server only clears the clock, on its line
        assert timed and not set(timed) & set(card.proof), card.to_text()
        server = next(iter(facts["network.clock"]["ntp"]))
        assert sum(server in line for line in card.ruled_out) == 1, card.ruled_out
        # agent round 20: "Ruled out: the internet beyond your internet box … secure sites: stopped" and "the box being off or
        # out of reach: it answers" read as clearing what the card suspects: only what is ruled out
        cut, off = {
            "en": ("The internet line cut: plain (http) sites beyond the box open (", "The internet box switched off: it answered "),
            "fr": ("La ligne internet coupée\u00a0: les sites simples (http) au-delà de la box s’ouvrent (", "La box internet éteinte\u00a0: elle a répondu "),
        }[lang]
        assert any(line.startswith(cut) for line in card.ruled_out) and any(line.startswith(off) for line in card.ruled_out), card.ruled_out
        assert not any(line.startswith(_t(lang, "The internet beyond your internet box")) for line in card.ruled_out), card.ruled_out
        where = _t(lang, supportcard.HTTPS_BLOCK_NETWORK).split("{", 1)[0]
        assert not any(line.startswith(where) for line in card.proof), card.proof
    if card.cause_id == "network.captive_portal":  # agent round 20: "Wi-Fi welcome page" for a laptop on a cable
        assert card.cause.startswith({"en": "Network sign-in page — ", "fr": "Page de connexion du réseau — "}[lang]), card.cause


def _t(lang: str, text: str) -> str:
    from selfcheck.i18n import language

    with language(lang):
        return supportcard._(text)


def _lab_trace(lang: str, ours: bool = True, connected: bool = True) -> str:
    """The trace line of "What proves it" (round 104) for the lab's hops: secure to www.lab.example (198.51.100.80) answered by
    the box (10.77.0.1) one step out, plain answered by the router behind it (10.77.1.2) two steps out, connected three out."""
    secure = _t(lang, supportcard.HTTPS_TRACE_SECURE).format(site="www.lab.example (198.51.100.80)", box="10.77.0.1")
    return f"{secure} {_t(lang, supportcard.HTTPS_TRACE_PLAIN[ours, connected]).format(router='10.77.1.2')}"


def _line_down_scan() -> dict[str, Any]:
    return {
        "results": [
            {"id": "network.gateway", "title": "Your internet box (router)", "status": "pass", "summary": "Your internet box answers."},
            {"id": "network.internet", "title": "The internet beyond your internet box", "status": "fail", "summary": "Nothing answers."},
        ],
        "diagnosis": {
            "root_causes": ["network.internet"],
            "verdict": {
                "action": {
                    "text": "Look at the lights of your internet box: a red or blinking light often means the line is down.",
                    "steps": [
                        "Unplug the internet box, wait 30 seconds, plug it back in, and wait until its lights are steady (a few minutes). Then check again.",
                        "If other devices at home have no internet either, call your internet provider: the line may be cut.",
                    ],
                }
            },
        },
        "language": "en",
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_line_down_cause_says_what_is_settled_and_what_is_not_in_one_reading(lang) -> None:
    # agent rounds 28 and 29: "the confidence line is qualified (“high that the signal goes no further than the box”) and then
    # says line versus box is “not known yet”, so it took a second read to see what was settled and what wasn't"
    app_mod.start((), lang)  # the agent's language
    card = supportcard.build(_line_down_scan(), {"network.gateway": {"gateway": "10.77.0.1"}})
    assert card.confidence == "high", card.to_text()
    cause = next(lines for key, _t, lines in card.sections() if key == "cause")
    assert (
        cause[:5]
        == {  # agent round 102: the open cases one short line each, what settles it after, no aside in brackets
            "en": [
                "Settled: the internet box answers, but nothing beyond it does, even without names. (confidence: high)",
                "Not settled, and the reply covers each case:",
                "  A box that lost its line: the restart brings the internet back.",
                "  A line outage: after the restart, their other devices still have no internet.",
                "  Neither, if their other devices have internet: something stops only this computer.",
            ],
            "fr": [
                "Établi\u00a0: la box internet répond, mais rien au-delà, même sans les noms. (confiance\u00a0: élevée)",
                "Pas établi, et la réponse couvre chaque cas\u00a0:",
                "  Une box qui a perdu sa ligne\u00a0: le redémarrage ramène internet.",
                "  Une panne de la ligne\u00a0: après le redémarrage, ses autres appareils n’ont toujours pas internet.",
                "  Ni l’un ni l’autre, si ses autres appareils ont internet\u00a0: quelque chose n’arrête que cet ordinateur.",
            ],
        }[lang]
    ), cause
    # said once: not again at the top of "What proves it"
    assert not any(line.startswith(("Settled", "Not settled", "Établi", "Pas établi")) for line in card.proof), card.proof
    # agent round 33: "the 'Not settled' line made me stop to confirm the reply was safe in both cases": the line says it; away
    # from home the reply is not the line-down draft (whoever runs that network is asked), so the line does not claim it
    hotel = {"symptom": "internet", "problem": "No internet.", "answers": [{"id": "where", "question": "Where are you?", "answer": "Hotel", "value": "public"}]}
    away = supportcard.build(_line_down_scan(), {"network.gateway": {"gateway": "10.77.0.1"}}, description=hotel)
    assert away.cause_note.startswith({"en": "Not settled: ", "fr": "Pas établi\u00a0: "}[lang]), away.cause_note
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_company_that_is_the_customers_internet_provider_checks_the_line_itself(lang, tmp_path, capsys) -> None:
    # agent round 21: both agents rewrote the draft's "call your internet provider": Clearline sells the line. [support]
    # internet_provider = true says so; unknown (the default), the card keeps sending the customer to their provider
    app = app_mod.start((), lang)
    assert app.config.get("support.internet_provider") is False
    ours = {
        "en": "call us, or reply from your phone with its Wi-Fi turned off: we will check your line and your internet box from our side.",
        "fr": "appelez-nous, ou répondez depuis votre téléphone, Wi-Fi coupé\u00a0: nous vérifierons votre ligne et votre box internet de notre côté.",
    }[lang]
    # line-down: the draft's last step, and "Ask next" starts with our own outage board
    facts = {"network.gateway": {"gateway": "10.77.0.1"}}
    theirs_card = supportcard.build(_line_down_scan(), facts)
    our_card = supportcard.build(_line_down_scan(), facts, provider=True)
    assert our_card.reply.splitlines()[4] == "3. If other devices at home have no internet either, " + ours if lang == "en" else True
    assert ours in our_card.reply if lang == "en" else True  # the draft is in the customer's language (the scan's: en)
    assert "call your internet provider" in theirs_card.reply and "call your internet provider" not in our_card.reply, our_card.reply
    # agent rounds 23-31 (3-4 minutes "including the outage look-up"): our own look-up after sending, under the reply
    outage = {
        "en": "Then look for an outage in their area and tell them if there is one.",
        "fr": "Cherchez ensuite une panne dans le secteur du client et dites-le-lui s’il y en a une.",
    }[lang]
    assert our_card.decide[0].endswith(outage) and outage not in our_card.next_question, our_card.to_text()
    assert not any(word in our_card.next_question for word in ("their internet provider", "leur fournisseur", "son fournisseur"))
    assert outage not in theirs_card.to_text()
    # secure sites stopped at home: the draft's closing question, and the agent's next step
    said_home = _where("home", lang)
    scan, facts = judged(
        app, {"network.https": "lab_port_443_dropped", "network.internet": "lab_line_works", "network.gateway": "lab_router_answers"}, "internet"
    )
    symptoms = app.config.section("symptoms")
    theirs = supportcard.build(scan, facts, description=said_home, symptoms=symptoms)
    mine = supportcard.build(scan, facts, description=said_home, symptoms=symptoms, provider=True)
    assert mine.reply.splitlines()[-1].endswith(ours) and not theirs.reply.splitlines()[-1].endswith(ours), mine.reply
    # agent rounds 23 to 29: the phone and box-settings questions asked in the draft itself, before "we will check your line"
    asked = {
        "en": ("phone or tablet connected to your home Wi-Fi", "parental control or a firewall"),
        "fr": ("téléphone ou une tablette", "contrôle parental ou un pare-feu"),
    }[lang]
    assert all(any(words in line for line in mine.reply.splitlines()[-4:-1]) for words in asked), mine.reply
    # agent round 25: "I had to decide myself whether to ask for a restart first or check our line first"; agent round 32: "I had
    # to decide whether to check our line first or send the restart": under the reply, where the agent decides
    order = {
        "en": "Check the line and the box from your side only if the restart does not help.",
        "fr": "Ne vérifiez la ligne et la box de votre côté que si le redémarrage n’aide pas.",
    }[lang]
    assert mine.decide[1] == order and order not in theirs.to_text(), mine.to_text()
    assert not any(word in mine.to_text() for word in ("fournisseur", "provider")), mine.to_text()
    assert {"en": "sends them to their internet provider", "fr": "envoie le client vers son fournisseur d’accès"}[lang] in theirs.decide[1]
    # the setting reaches the card that `selfcheck show` prints, from the support reader's configuration
    from selfcheck import cli
    from selfcheck.bundle import make_bundle
    from selfcheck.runner import Scan

    bundle = make_bundle(
        app, Scan.from_dict(_line_down_scan(), facts={"network.gateway": {"gateway": "10.77.0.1"}}), out_path=tmp_path / "b.zip", include_logs=False
    )
    company = tmp_path / "company.toml"
    company.write_text("[support]\ninternet_provider = true\n")
    for extra, said in (([], False), (["--config", str(company)], True)):
        capsys.readouterr()
        cli.main(["show", str(bundle.path), "--lang", lang, *extra])
        assert (outage in capsys.readouterr().out) is said


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_full_home_reply_names_the_windows_empty_the_trash_button(lang) -> None:
    # agent rounds 20 and 21: "the easiest way for the customer is the window's Empty the Trash button": step 1 names it as shown

    disk, step, others = _full_home(lang)
    button = {
        "en": "Empty the Trash: this makes room for about 470 more photos",
        "fr": "Vider la corbeille\u00a0: cela fait de la place pour environ 470 photos de plus",
    }[lang]
    action = {"text": step, "check_id": "hardware.disk", "steps": others, "button": button}
    scan = {
        "results": [{"id": "hardware.disk", "title": "Room on this computer", "status": "fail", "summary": "Full."}],
        "language": lang,
        "diagnosis": {"root_causes": ["hardware.disk"], "verdict": {"action": action}},
    }
    app_mod.start((), "en")
    first = supportcard.build(scan, {"hardware.disk": disk}).reply.splitlines()[2]
    said = {
        "en": f"In the check window, the button “{button}” does just that. {REOPEN['en']} Then save again:",
        "fr": f"Dans la fenêtre de vérification, le bouton «\u00a0{button}\u00a0» fait exactement cela. {REOPEN['fr']} Puis enregistrez à nouveau\u00a0:",
    }[lang]
    assert first.startswith(f"{step} {said}"), first


def _full_home_disk(errors: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "platform": "linux",
        "volumes": [
            {"mountpoint": "/", "device": "/dev/nvme0n1p2", "role": "system", "total": 265_170_116_608, "free": 79_985_389_568},
            {"mountpoint": "/home", "device": "/dev/loop0", "role": "home", "total": 256_480_833_536, "free": 12_288},
        ],
        "trash": {"bytes": 1_400_000_000, "complete": True},
        "kernel_log": "dmesg",
        "fs_errors": errors,
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_kernel_disk_errors_are_said_with_the_drive_they_concern(lang) -> None:
    # agent round 21: "EXT4-fs (loop1): shut down requested" in the facts, from a device that holds none of the listed drives,
    # and a card silent about it: "not a failing disk" doubted for 3-4 minutes
    from selfcheck.platforms.kernellog import volume_of

    app_mod.start((), lang)
    scan = {
        "results": [{"id": "hardware.disk", "title": "Room on this computer", "status": "fail", "summary": "Full."}],
        "diagnosis": {"root_causes": ["hardware.disk"]},
    }
    history_error = [{"part": "selfcheck.history", "error": "OperationalError: disk I/O error"}]
    elsewhere = [
        {"time": "2026-12-05T08:45:19+00:00", "device": "loop1", "text": "EXT4-fs (loop1): shut down requested (2)"},
        {"time": "2026-12-05T08:45:19+00:00", "device": "loop1", "text": "Aborting journal on device loop1-8."},
    ]
    card = supportcard.build(
        scan, {"hardware.disk": {**_full_home_disk(elsewhere), "smart": {"available": False, "reason": "smartctl is not installed"}}}, missing=history_error
    )
    # agent round 22: "disk I/O error" and "Aborting journal" still made the agent rule out a dying disk first, over three lines:
    # one line, first, says what each is
    health = {
        "en": "The full drive (/home) shows no sign of a failing disk: the “disk I/O error” in this bundle is selfcheck's own (its history file "
        "could not be written on the full space); the kernel's log has no disk error on it; its disk errors “EXT4-fs (loop1): shut down "
        "requested (2)”, “Aborting journal on device loop1-8.” are on a device that holds none of the drives listed here (another program's "
        "disk image, or on Ubuntu a snap package).",
        "fr": "Le disque plein (/home) ne montre aucun signe de panne\u00a0: l’«\u00a0erreur d’E/S disque\u00a0» (disk I/O error) de ce paquet vient de selfcheck "
        "lui-même (son fichier d’historique n’a pas pu être écrit sur l’espace plein)\u202f; le journal du noyau n’y montre aucune erreur de "
        "disque\u202f; ses erreurs de disque “EXT4-fs (loop1): shut down requested (2)”, “Aborting journal on device loop1-8.” sont sur un "
        "périphérique qui ne porte aucun des disques listés ici (l’image disque d’un autre programme, ou sous Ubuntu un paquet snap).",
    }[lang]
    assert card.proof[0] == health, card.proof
    assert [line for line in card.proof if "loop1" in line or "I/O" in line or "E/S" in line] == [health], card.proof
    # the disk's own health report was not read: said once, under "Not tested"
    smart = {
        "en": "The disk's own health report (SMART): not read: the program that reads it (smartctl) is not installed on this computer.",
        "fr": "Le bilan de santé du disque lui-même (SMART)\u00a0: non lu\u00a0: le programme qui le lit (smartctl) n’est pas installé sur cet ordinateur.",
    }[lang]
    assert [line for line in card.not_tested if "SMART" in line] == [smart], card.not_tested
    # the same two messages again (the lab's kernel log after a second shutdown of that device): each quoted once
    again = supportcard.build(scan, {"hardware.disk": _full_home_disk(elsewhere + elsewhere)}, missing=history_error)
    assert again.proof[0] == health, again.proof
    read = {**_full_home_disk(elsewhere), "smart": {"available": True, "disks": [{"device": "/dev/nvme0n1", "passed": True}]}}
    assert not any("SMART" in line for line in supportcard.build(scan, {"hardware.disk": read}, missing=history_error).not_tested)
    none = health.split(";")[0]
    # an error on the full drive itself: named with it, and the card no longer says "not a failing disk"
    on_it = [{"time": "2026-12-05T08:45:19+00:00", "device": "loop0", "text": "EXT4-fs error (device loop0): ext4_find_entry: reading directory lblock 0"}]
    card = supportcard.build(scan, {"hardware.disk": _full_home_disk(on_it)}, missing=history_error)
    assert not any(line.startswith(none.split(":")[0]) or "failing disk" in line for line in card.proof), card.proof
    assert any(
        line.startswith(
            {
                "en": "Disk errors in the kernel's log on /home: “EXT4-fs error",
                "fr": "Erreurs de disque dans le journal du noyau sur /home\u00a0: «\u00a0EXT4-fs error",
            }[lang].replace("«\u00a0", "“")
        )
        for line in card.proof
    ), card.proof
    # the disk check's own answer wins; a whole disk holds its partitions
    volumes = _full_home_disk([])["volumes"]
    assert volume_of("nvme0n1", volumes) == "/" and volume_of("loop1", volumes) is None and volume_of("loop0", volumes) == "/home"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_failing_disk_is_ruled_out_in_one_line_only_when_the_write_test_and_the_kernels_log_say_so(lang) -> None:
    # agent rounds 21-23: "disk I/O error" plus "SMART not read" sent the agent to facts/hardware.disk.json every time (3-4 minutes,
    # a bar of two) to rule out a failing disk: "/home is on /dev/loop0 and all the kernel errors are on loop1 [...] a small test
    # write to the home folder succeeded". The card says it in one place, from those facts
    app_mod.start((), lang)
    scan = {
        "results": [{"id": "hardware.disk", "title": "Room on this computer", "status": "fail", "summary": "Full."}],
        "diagnosis": {"root_causes": ["hardware.disk"]},
    }
    history_error = [{"part": "selfcheck.history", "error": "OperationalError: disk I/O error"}]
    elsewhere = [
        {"time": "2026-12-05T08:45:28+00:00", "device": "loop1", "text": "EXT4-fs (loop1): shut down requested (2)", "volume": None},
        {"time": "2026-12-05T08:45:28+00:00", "device": "loop1", "text": "Aborting journal on device loop1-8.", "volume": None},
    ]
    smart = {"available": False, "reason": "smartctl is not installed"}
    written = {"result": "ok", "folder": "/home/user-1"}
    disk = {**_full_home_disk(elsewhere + elsewhere), "smart": smart, "write_test": written}
    card = supportcard.build(scan, {"hardware.disk": disk}, missing=history_error)
    # agent round 24: "'10 disk errors' on loop1 [...] look alarming"; round 25: "“loop1, a device that holds none of the drives listed
    # here” [...] too technical for first-line staff and made me stop to make sure the disk wasn't failing": only what decides it
    ruled_out = {
        "en": [
            "A failing disk: a test write in the customer's folder worked during this scan, and the kernel's log has no disk error on the full drive (/home) "
            "or on any other drive listed here.",
        ],
        "fr": [
            "Un disque en panne\u00a0: un essai d’écriture dans le dossier du client a réussi pendant cette vérification, et le journal du noyau n’a aucune "
            "erreur de disque ni sur le disque plein (/home) ni sur aucun autre disque listé ici.",
        ],
    }[lang]
    assert card.ruled_out[0] == ruled_out[0] and not any(supportcard.is_sub_item(line) for line in card.ruled_out), card.ruled_out
    assert not any(char.isdigit() for char in ruled_out[0]), ruled_out  # no count
    # said once: the long "no sign of a failing disk" line and the raw error are off the card (the device stays in the facts)
    text = card.to_text()
    assert not any("I/O" in line or "E/S" in line for line in card.proof + card.not_tested), text
    assert "OperationalError" not in text and "loop" not in text and "périphérique" not in text and "device" not in text, text
    # the disk's own health report, not read: what stands in for it here
    assert [line for line in card.not_tested if "SMART" in line] == [
        {
            "en": "The disk's own health report (SMART): not read: the program that reads it (smartctl) is not installed on this computer; the test "
            "write and the kernel's log stand in for it here (see “Ruled out”).",
            "fr": "Le bilan de santé du disque lui-même (SMART)\u00a0: non lu\u00a0: le programme qui le lit (smartctl) n’est pas installé sur cet ordinateur\u202f; "
            "l’essai d’écriture et le journal du noyau en tiennent lieu ici (voir «\u00a0Écarté\u00a0»).",
        }[lang]
    ], card.not_tested
    # one error on a device, two devices: the same line, no device named
    one = supportcard.build(scan, {"hardware.disk": {**disk, "fs_errors": elsewhere[:1]}}, missing=history_error)
    assert one.ruled_out[0] == ruled_out[0], one.ruled_out
    loop3 = [{**elsewhere[0], "device": "loop3", "text": "EXT4-fs (loop3): shut down requested (2)"}]
    two = supportcard.build(scan, {"hardware.disk": {**disk, "fs_errors": elsewhere + loop3 + elsewhere}}, missing=history_error)
    assert two.ruled_out[0] == ruled_out[0], two.ruled_out
    # no error anywhere: no other device named
    clean = supportcard.build(scan, {"hardware.disk": {**disk, "fs_errors": []}}, missing=history_error)
    assert (
        clean.ruled_out[0]
        == {
            "en": "A failing disk: a test write in the customer's folder worked during this scan, and the kernel's log has no disk error on the full drive (/home).",
            "fr": "Un disque en panne\u00a0: un essai d’écriture dans le dossier du client a réussi pendant cette vérification, et le journal du noyau n’a aucune "
            "erreur de disque sur le disque plein (/home).",
        }[lang]
    ), clean.ruled_out
    assert not any(supportcard.is_sub_item(line) for line in clean.ruled_out + card.ruled_out), card.ruled_out

    # never more than the facts: the test write failed, an error is on the full drive, another listed drive, the log was not read,
    # or the disk's own report says it is failing: no "A failing disk" line, and the doubt stays where it was
    on_it = [{"time": "2026-12-05T08:45:19+00:00", "device": "loop0", "text": "EXT4-fs error (device loop0): ext4_find_entry: reading directory lblock 0"}]
    on_system = [{"time": "2026-12-05T08:45:19+00:00", "device": "nvme0n1p2", "text": "I/O error, dev nvme0n1p2, sector 2048"}]
    failing = {"available": True, "disks": [{"device": "/dev/nvme0n1", "passed": False}]}
    failed_write = {"result": "failed", "errno": "EIO", "error": "Input/output error", "folder": "/home/user-1"}
    doubts = {
        "write test failed": {**disk, "write_test": failed_write},
        "no write test": {k: v for k, v in disk.items() if k != "write_test"},
        "an error on the full drive": {**disk, "fs_errors": elsewhere + on_it},
        "an error on another listed drive": {**disk, "fs_errors": on_system},
        "the log not read": {**disk, "kernel_log": "dmesg is not installed", "fs_errors": []},
        "SMART says failing": {**disk, "smart": failing},
        # an encrypted (LUKS) or LVM drive: the kernel names the disk under it, which matches no listed drive's device
        "an error on the disk under an encrypted drive": {
            **disk,
            "volumes": [
                {**disk["volumes"][0], "device": "/dev/mapper/vgubuntu-root"},
                {**disk["volumes"][1], "device": "/dev/mapper/vgubuntu-home"},
            ],
            "fs_errors": [{"time": "2026-12-05T08:45:19+00:00", "device": "nvme0n1", "text": "I/O error, dev nvme0n1, sector 4096", "volume": None}],
        },
    }
    for why, facts in doubts.items():
        doubted = supportcard.build(scan, {"hardware.disk": facts}, missing=history_error)
        assert not any(line.startswith(ruled_out[0].split(":")[0]) for line in doubted.ruled_out), (why, doubted.ruled_out)
        assert not any("stand in" in line or "tiennent lieu" in line for line in doubted.not_tested), (why, doubted.not_tested)
    # the write test failed: the kernel's log is said where it was (the full drive's health line, first in the proof)
    doubted = supportcard.build(scan, {"hardware.disk": doubts["write test failed"]}, missing=history_error)
    assert doubted.proof[0].startswith({"en": "The full drive (/home) shows no sign", "fr": "Le disque plein (/home) ne montre"}[lang]), doubted.proof
    # an error on the full drive: named with it, in the proof
    doubted = supportcard.build(scan, {"hardware.disk": doubts["an error on the full drive"]}, missing=history_error)
    assert any("ext4_find_entry" in line for line in doubted.proof), doubted.proof


def test_a_clock_stopped_months_back_is_not_a_time_zone_and_a_clock_under_a_day_off_breaks_only_new_certificates() -> None:
    # agent round 21: the lab's certificate was seconds old, so a clock 5 hours behind was bound to refuse it; real certificates
    # are days or weeks old, and a clock that breaks every site is months off (a dead clock battery)
    app = app_mod.start((), "en")
    scan, facts = judged(app, {"network.clock": "lab_clock_5_hours_behind"})
    days = 97 * 86400  # a whole number of hours too, but no time zone is that far off
    months = {"network.clock": {**facts["network.clock"], "ntp": {"ntp.lab.example": {**facts["network.clock"]["ntp"]["ntp.lab.example"], "offset_s": days}}}}
    card = supportcard.build(scan, months)
    assert not any("whole number of hours" in line for line in card.proof), card.proof
    assert "London" not in card.reply and "London" not in card.next_question, card.reply  # no "is the time zone London right?"
    https = {
        "results": {
            "https://www.lab.example/": {
                "status": "cert_error",
                "verify_message": "certificate is not yet valid",
                "address": "198.51.100.80",
                "certificate": {"not_before": 1796436180, "not_after": 1799028180},
            }
        }
    }
    under = supportcard.cert_clock_lines(https, "2026-12-04T21:03:14+00:00", 18000)
    assert under[0].endswith("before the certificate's first day. " + supportcard._(supportcard.CERT_CLOCK_UNDER_A_DAY)), under
    assert "That is what breaks secure websites" not in under[0]
    over = supportcard.cert_clock_lines(https, "2026-08-04T21:03:14+00:00", 124 * 86400)
    assert over[0].endswith("That is what breaks secure websites."), over


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_clock_that_lost_its_time_has_the_reply_ask_to_hear_if_it_happens_again_and_about_the_battery(lang) -> None:
    # agent rounds 29, 30, 32 and 33 each added by hand "If the clock is wrong again the next time you turn the computer on,
    # please tell us, and whether its battery had run completely empty" (the card's "Ask next" and the customer's step 3)
    app = app_mod.start((), lang)  # the customer's language: the reply's
    scan, facts = judged(app, {"network.clock": "lab_clock_5_hours_behind"})
    behind = {
        "network.clock": {**facts["network.clock"], "ntp": {"ntp.lab.example": {**facts["network.clock"]["ntp"]["ntp.lab.example"], "offset_s": 124 * 86400}}}
    }
    card = supportcard.build(scan, behind)
    asked = {
        "en": "Then please tell us: does your computer show the right time now, and do websites open again? If the clock is wrong again the next "
        "time you turn the computer on, please tell us, and whether the computer's battery had run completely empty.",
        "fr": "Ensuite, dites-nous\u00a0: votre ordinateur affiche-t-il maintenant la bonne heure, et les sites s’ouvrent-ils à nouveau\u202f? Si l’heure "
        "est de nouveau fausse la prochaine fois que vous allumez l’ordinateur, dites-le-nous, en précisant si sa batterie était complètement vide.",
    }[lang]
    assert card.reply.splitlines()[-1] == asked, card.reply
    with i18n.language(lang):
        assert not plainwords.problems(card.reply), card.reply  # the customer reads it
    # off by whole hours (a time zone): the reply asks about the zone; no battery question
    zone = supportcard.build(scan, facts)
    assert not any(word in zone.reply for word in ("battery", "batterie")), zone.reply
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_clock_months_behind_says_its_time_zone_offset_is_the_one_of_its_wrong_date(lang) -> None:
    # agent round 22: "Europe/London (UTC+01:00)" on a December bundle whose clock read August "looks wrong for December":
    # the offset is the summer-time one of the computer's (wrong) date, said when the zone's rules show it differs at the true date
    app_mod.start((), lang)
    behind = 10_739_561.0  # the reading lab's clock-wrong bundle: 124 days behind, 2026-08-03 by its clock, 2026-12-05 by the time server
    clock = {
        "local_time": 1_785_721_502.98,
        "ntp": {"ntp.lab.example": {"address": "198.51.100.123", "status": "ok", "offset_s": behind}},
        "time_zone": {"abbreviation": "BST", "utc_offset_minutes": 60, "daylight_saving": True, "zone": "Europe/London"},
    }
    scan = {
        "results": [{"id": "network.clock", "title": "Date and time", "status": "fail", "summary": "This computer's clock is 124 days behind the right time."}],
        "diagnosis": {"root_causes": ["network.clock"]},
        "language": lang,
    }
    card = supportcard.build(scan, {"network.clock": clock})
    zone = next(line for line in card.proof if "Europe/London" in line)
    assert (
        zone
        == {
            "en": "Time zone this computer is set to: Europe/London (UTC+01:00), summer time at the wrong date its clock showed (August 3, 2026); "
            "at the true date: UTC+00:00.",
            "fr": "Fuseau horaire réglé sur cet ordinateur\u00a0: Europe/London (UTC+01:00), l’heure d’été à la date fausse qu’affichait son horloge "
            "(3 août 2026)\u202f; à la vraie date\u00a0: UTC+00:00.",
        }[lang]
    ), card.proof
    plain = {
        "en": "Time zone this computer is set to: Europe/London (UTC+01:00).",
        "fr": "Fuseau horaire réglé sur cet ordinateur\u00a0: Europe/London (UTC+01:00).",
    }[lang]
    # the same offset at both dates (a clock behind by a whole year), a zone this computer's rules do not know, or no clock reading:
    # nothing claimed
    year = {**clock, "ntp": {"ntp.lab.example": {**clock["ntp"]["ntp.lab.example"], "offset_s": 364 * 86400.0}}}
    unknown = {**clock, "time_zone": {**clock["time_zone"], "zone": "GMT Standard Time"}}
    unread = {k: v for k, v in clock.items() if k != "local_time"}
    for facts in (year, unread):
        assert plain in supportcard.build(scan, {"network.clock": facts}).proof
    assert any(line.endswith("GMT Standard Time (UTC+01:00).") for line in supportcard.build(scan, {"network.clock": unknown}).proof)
    # the recorded offset is not the zone's at the clock's date (the facts disagree): nothing claimed either
    odd = {**clock, "time_zone": {**clock["time_zone"], "utc_offset_minutes": 0}}
    assert not any("true date" in line or "vraie date" in line for line in supportcard.build(scan, {"network.clock": odd}).proof)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_dns_servers_typed_in_by_hand_the_card_asks_about_the_setting_not_the_box(lang: str) -> None:
    """Review: the customer whose DNS servers were typed in by hand is told to set them back to automatic, not to restart
    the box: the card's question says what they were told, with the servers, instead of "was told to restart the box"."""
    app = app_mod.start((), lang)
    picks = {"network.gateway": "lab_router_answers", "network.internet": "lab_line_works", "network.dns": "lab_resolvers_dropping"}
    hand = {"network.dns": {"dns_setting": "hand", "dns_by_hand": ["198.51.100.53", "198.51.100.54"]}}
    scan, facts = judged(app, picks, "internet", more=hand)
    card = supportcard.build(scan, facts, description={"symptom": "internet"}, symptoms=app.config.section("symptoms"))
    assert card.cause_id == "network.dns", card.to_text()
    assert "198.51.100.53, 198.51.100.54" in card.next_question, card.next_question
    assert card.next_question.startswith(_t(lang, supportcard.DNS_HAND_QUESTION).split("(")[0]), card.next_question
    assert card.next_question != _t(lang, supportcard.NEXT_QUESTION["network.dns"])  # not "was told to restart the box"
    automatic = judged(app, picks, "internet", more={"network.dns": {"dns_setting": "automatic"}})
    told_restart = supportcard.build(*automatic, description={"symptom": "internet"}, symptoms=app.config.section("symptoms"))
    assert told_restart.next_question == _t(lang, supportcard.NEXT_QUESTION["network.dns"]), told_restart.next_question


def test_a_tampered_bundles_dns_servers_typed_by_hand_are_named_only_as_addresses_and_a_few() -> None:
    """Review: a bundle is hostile input; its dns_by_hand was joined raw: a string letter by letter ("1, 9, 8, ..."), a number
    raised, and any text or any number of entries reached the agent's question. Only addresses are named, at most four."""
    app = app_mod.start((), "en")
    picks = {"network.gateway": "lab_router_answers", "network.internet": "lab_line_works", "network.dns": "lab_resolvers_dropping"}

    def question(typed: Any) -> str:
        scan, facts = judged(app, picks, "internet", more={"network.dns": {"dns_setting": "hand", "dns_by_hand": typed}})
        card = supportcard.build(scan, facts, description={"symptom": "internet"}, symptoms=app.config.section("symptoms"))
        assert card.cause_id == "network.dns", card.to_text()
        return card.next_question

    assert "(198.51.100.53)" in question(["198.51.100.53"])  # a real bundle's list, unchanged
    assert "1, 9, 8" not in question("198.51.100.53") and "()" in question("198.51.100.53")
    assert "()" in question(53)  # no TypeError
    many = [f"198.51.100.{n}" for n in range(1, 7)]
    assert "(198.51.100.1, 198.51.100.2, 198.51.100.3, 198.51.100.4)" in question(["Call 0900 123 456 now", *many, 7])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_secure_site_stopped_is_proved_in_three_lines_and_clears_this_computer_fact_by_fact(lang) -> None:
    # agent round 23 (secure sites, 3-4 minutes): "This card has the most evidence to read (the timed-out connections on port
    # 443, the certificate check, the parental-control reasoning). Noticing that an e-mail reply might not reach someone whose
    # Gmail is broken took extra thought."
    app = app_mod.start((), "en")
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.dns": "lab_two_resolvers",
        "network.proxy": "lab_direct",
        "network.quality": "lab_steady",
        "network.captive_portal": "lab_open_internet",
        "network.clock": "lab_clock_right",
        "network.https": "lab_port_443_dropped",
    }
    scan, facts = judged(app, picks, "internet")  # the lab's secure-sites bundle (docs/usability/support-agent/secure-sites-blocked)
    tried = {"host": "www.mybank.example", "address": "198.51.100.90", "status": "timeout", "ms": 1500.0}
    app = app_mod.start((), lang)  # the agent's language
    card = supportcard.build(scan, facts, description=_where("home", lang), symptoms=app.config.section("symptoms"), named_site=tried)
    facts_only = [line for line in card.proof if not supportcard.is_sub_item(line)]
    # agent round 38 (4 minutes): "I had to read the 'What proves it' section twice to be comfortable with 'most likely not this
    # computer'": what was seen first (the sites and their answers, the plain http that answered), the reasoning after it
    assert facts_only == [
        _t(lang, supportcard.HTTPS_ALL_SILENT_WAITED).format(address="198.51.100.80", seconds={"en": "1.5", "fr": "1,5"}[lang]),
        _t(lang, supportcard.HTTPS_ALSO_NOT_TRIED).format(named={"en": "“Gmail”", "fr": "«\u00a0Gmail\u00a0»"}[lang]),
        _t(lang, supportcard.HTTPS_ALL_CLEARED),
    ], card.to_text()
    # agent round 27: "how much “not this computer” rests on a single fact (the router's secure page opens)"; round 28: "What
    # took time was deciding how far “not this computer” holds": each fact the bundle has, under it, for what it proves; the
    # box refused its port 443 (no secure page was opened); what none can show, and the question that settles it
    # agent rounds 30 and 31 (4-5 minutes): "the dense “What proves it” part … takes networking knowledge to follow": a short
    # head, each fact in plain words first (the detail in brackets), what none can show last
    # agent round 34 (3-4 minutes): "'refused, the box has no secure page' is jargon", "takes some careful reading": what it
    # proves in an agent's words first (the box itself answered one), the port last
    cleared = {
        "en": [
            "Not this computer, most likely:",
            "  Secure connections do leave this computer: the box itself answered one, turning it away as a box without a secure page does (port 443).",
            "  No security program or company inspection reads its secure connections (no program answered with its own certificate, as they do).",
            "  Would not show here: a security program on it that stops only secure sites beyond the box (the phone question settles that).",
        ],
        "fr": [
            "Pas cet ordinateur, très probablement\u00a0:",
            "  Les connexions sécurisées sortent bien de cet ordinateur\u00a0: la box elle-même a répondu à l’une d’elles, en la refusant comme le "
            "fait une box sans page sécurisée (port 443).",
            "  Aucun programme de sécurité ni inspection d’entreprise ne lit ses connexions sécurisées (aucun programme n’a répondu avec son "
            "propre certificat, comme ils le font).",
            "  Ne se verrait pas ici\u00a0: un programme de sécurité qui, sur lui, n’arrêterait que les sites sécurisés au-delà de la box (la question "
            "du téléphone le tranche).",
        ],
    }[lang]
    assert card.proof[-4:] == cleared, card.to_text()
    # agent round 32 ("the card is longer"): no web relay, said once: by the proxy check's own line under "Ruled out"
    relay = _t(lang, supportcard.HTTPS_CLEARED_NO_RELAY)
    assert relay not in card.to_text() and [line for line in card.ruled_out if line.startswith(_t(lang, "Proxy server"))], card.to_text()
    # agent round 52 ("This card is the longest"): what was found in a few words, not the customer's sentence after the title;
    # round 55: not what follows from it ("this computer connects directly")
    direct = {"en": "Proxy server: none set.", "fr": "Serveur proxy\u00a0: aucun n’est réglé."}
    assert direct[lang] in card.ruled_out, card.to_text()
    # and the connection, in the agent's language (the bundle's summary is the customer's: "Connected to the network by cable.")
    cable = {
        "en": "Network connection (cable or Wi-Fi): connected by cable.",
        "fr": "Connexion au réseau (câble ou Wi-Fi)\u00a0: l’ordinateur est relié par câble.",
    }
    assert cable[lang] in card.ruled_out, card.to_text()
    link = next(r for r in scan["results"] if r["id"] == "network.link")
    wifi = {**link, "evidence": {**link["evidence"], "interfaces": [{**i, "wireless": True} for i in link["evidence"]["interfaces"]]}}
    on_wifi = {**scan, "results": [wifi if r["id"] == "network.link" else r for r in scan["results"]]}
    by_wifi = supportcard.build(on_wifi, facts, description=_where("home", lang), symptoms=app.config.section("symptoms"), named_site=tried)
    assert cable[lang].replace({"en": "by cable", "fr": "par câble"}[lang], "par Wi-Fi" if lang == "fr" else "by Wi-Fi") in by_wifi.ruled_out, by_wifi.to_text()
    assert "own secure page" not in card.to_text() and "page sécurisée de la box internet elle-même" not in card.to_text(), card.to_text()
    assert _t(lang, supportcard.HTTPS_NO_INSPECTION) not in card.proof, card.proof  # said once, under "Not this computer"
    accepted = {**facts, "network.gateway": {**facts["network.gateway"], "tcp": {**facts["network.gateway"]["tcp"], "443": "ok"}}}
    relayed = {**accepted, "network.proxy": {"settings": {"proxies": {"https": "http://relay.example:3128"}, "source": "env"}}}
    other = supportcard.build(scan, relayed, description=_where("home", lang), symptoms=app.config.section("symptoms"), named_site=tried).proof
    assert other[-3:] == ["  " + _t(lang, supportcard.HTTPS_CLEARED_BOX_ACCEPTED), cleared[2], cleared[3]], other
    # a scan without the proxy check: the relay's setting said under "Not this computer", as before
    unjudged = {**scan, "results": [r for r in scan["results"] if r["id"] != "network.proxy"]}
    alone = supportcard.build(unjudged, facts, description=_where("home", lang), symptoms=app.config.section("symptoms"), named_site=tried).proof
    assert alone[-5:] == [*cleared[:3], "  " + relay, cleared[3]], alone
    sites = [line.strip() for line in card.proof[:-4] if supportcard.is_sub_item(line)]
    # agent round 52: each got no answer on port 443, said once in the line above them: each site's line names it only
    assert sites == [
        {"en": "www.mybank.example (198.51.100.90), the site the customer named.", "fr": "www.mybank.example (198.51.100.90), le site cité par le client."}[
            lang
        ],
        "www.lab.example (198.51.100.80).",
    ], sites
    assert supportcard.is_sub_item(card.proof[1]) and supportcard.is_sub_item(card.proof[2])  # under the line they prove
    # nothing says the cause again, nor "Ask the customer next"
    assert not any(line.startswith(_t(lang, supportcard.HTTPS_CUSTOMER_SEES)[:40]) for line in card.proof), card.proof
    # agent round 39: "they need to read this on their phone using mobile data, because a phone on the home Wi-Fi goes through
    # the same broken box": said for the box's faults (here its secure sites), where a phone on the same Wi-Fi meets them too
    reach = {
        "en": "Phone them if you can, or expect them to read the reply on their phone's mobile data: their webmail may not open on that computer, nor on a phone on the same Wi-Fi.",
        "fr": "Appelez le client si vous le pouvez, ou attendez-vous à ce qu’il lise la réponse sur son téléphone, avec ses données mobiles\u00a0: sa messagerie web risque de ne pas s’ouvrir sur cet ordinateur, ni sur un téléphone connecté au même Wi-Fi.",
    }[lang]
    keys = [key for key, _title, _lines in card.sections()]
    # agent round 56 ("how to reach the customer, since email may fail for them" decided after reading past the reply): in
    # "Before you reply", right above the reply; agent rounds 60-61 ("decide between phone and email" after the other lines):
    # its first line, what they do first
    assert keys[keys.index("reply") - 1] == "decide", card.to_text()
    assert card.sections()[keys.index("decide")][2][0] == reach, card.to_text()
    assert card.to_text().count(reach) == 1
    assert supportcard.SupportCard.from_dict(json.loads(json.dumps(card.to_dict()))).reach == reach  # kept in the bundle's card


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_reply_says_why_it_can_go_now_and_which_of_its_steps_the_customer_s_screen_has(lang) -> None:
    # agent round 31, secure sites (4-5 minutes): "I had to follow the “not this computer” argument … before I trusted it enough
    # to tell a customer their computer is fine"; line-down (3-4 minutes "including the outage look-up"): the outage looked up
    # before sending, "Not settled" re-read to check the reply covers each possibility; rounds 29 and 30: "the same advice
    # appears three times … I had to confirm they said the same thing"
    app = app_mod.start((), "en")
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.proxy": "lab_direct",
        "network.https": "lab_port_443_dropped",
    }
    scan, facts = judged(app, picks, "internet")
    tried = {"host": "www.mybank.example", "address": "198.51.100.90", "status": "timeout", "ms": 1500.0}
    app = app_mod.start((), lang)  # the agent's language; the reply stays in the customer's (en)
    symptoms = app.config.section("symptoms")
    card = supportcard.build(scan, facts, description=_where("home", lang), symptoms=symptoms, named_site=tried, provider=True)
    # agent round 56 (secure sites 4-5 minutes: "most of the time went on two decisions", answered only after the reply): what
    # the agent decides (send now, when to check the line) before the reply, with how to reach the customer; under it, only
    # what explains the draft (the restart being safe is in the draft's own words: not said again)
    decide = {
        "en": [
            _t(lang, supportcard.REACH_BY_PHONE_DATA),
            "Send it now: it is right whether the fault is in the box, the line or, less likely, this computer; the restart and its questions tell which.",
            "Check the line and the box from your side only if the restart does not help.",
        ],
        "fr": [
            _t(lang, supportcard.REACH_BY_PHONE_DATA),
            "Envoyez-la tout de suite\u00a0: elle est juste que la panne soit dans la box, sur la ligne ou, moins probablement, sur cet "
            "ordinateur\u202f; le redémarrage et ses questions disent lequel.",
            "Ne vérifiez la ligne et la box de votre côté que si le redémarrage n’aide pas.",
        ],
    }[lang]
    # agent round 93: no note that only says its steps are the screen's ("Steps 1 and 2 are the same steps as on the customer's
    # screen" sent both agents to check it below the card)
    note = {
        "en": ["It does not say whether this computer is at fault: you need not settle that before sending."],
        "fr": ["Elle ne dit pas si cet ordinateur est en cause\u00a0: inutile de trancher cela avant de l’envoyer."],
    }[lang]
    keys = [key for key, _title, _lines in card.sections()]
    assert keys[keys.index("reply") - 1] == "decide" and card.sections()[keys.index("decide")][2] == decide, card.to_text()
    assert keys[keys.index("reply") + 1] == "reply_note" and card.sections()[keys.index("reply_note")][2] == note, card.to_text()
    text = card.to_text()
    before = {"en": "Before you reply:", "fr": "Avant de répondre\u00a0:"}[lang]
    assert text.index(before) < text.index({"en": "Reply you can send:", "fr": "Réponse à envoyer\u00a0:"}[lang]), text
    assert {"en": "About this reply:", "fr": "À propos de cette réponse\u00a0:"}[lang] in text
    assert not any(line.startswith(("The restart is safe", "Le redémarrage est sans risque")) for line in card.reply_note + card.decide), text
    again = supportcard.SupportCard.from_dict(json.loads(json.dumps(card.to_dict())))
    assert (again.decide, again.reply_note) == (decide[1:], note)  # kept in the bundle's card
    # the steps compared as they read: the screen's step 1 as it is, its step 2 in the reply's shorter sentences
    screen = [scan["diagnosis"]["verdict"]["action"]["text"], *scan["diagnosis"]["verdict"]["action"]["steps"]]
    assert card.reply.splitlines()[2] == f"1. {screen[0]}" and card.reply.splitlines()[3] != f"2. {screen[1]}", card.reply
    # away from home the reply asks whoever runs the network: no box restart, so neither line
    hotel = supportcard.build(scan, facts, description=_where("public", lang), symptoms=symptoms, named_site=tried)
    assert hotel.reply_note == [], hotel.to_text()
    # line-down: right with or without an outage; our own look-up after sending (only when the line is ours to check)
    ours = supportcard.build(_line_down_scan(), {"network.gateway": {"gateway": "10.77.0.1"}}, provider=True)
    theirs = supportcard.build(_line_down_scan(), {"network.gateway": {"gateway": "10.77.0.1"}})
    # agent round 32: "before sending, I check our outage map": said in the order an agent acts, short (the order stays theirs)
    # agent round 33: "Not settled" itself says the reply covers each case (not again here); one "Send it now:" for both notes
    covers = {
        "en": "Send it now: it is right with or without an outage.",
        "fr": "Envoyez-la tout de suite\u00a0: elle est juste avec ou sans panne dans le secteur.",
    }[lang]
    after = {
        "en": " Then look for an outage in their area and tell them if there is one.",
        "fr": " Cherchez ensuite une panne dans le secteur du client et dites-le-lui s’il y en a une.",
    }[lang]
    # the screen's steps in the reply: not said so (agent round 93), the draft answers a customer who already did them
    assert ours.decide == [covers + after] and ours.reply_note == [], ours.to_text()
    assert theirs.decide == [covers] and theirs.reply_note == [], theirs.to_text()
    assert all(_t("en", supportcard.REPLY_ALREADY_DONE) in c.reply.splitlines() for c in (ours, theirs, card)), card.reply  # the customer's (en)
    assert {"en": "Not settled", "fr": "Pas établi"}[lang] in next(lines for key, _t2, lines in ours.sections() if key == "cause")[1]
    # which steps are the screen's (the note a recording's card still gives), and a reply whose steps are not the screen's: nothing
    other = {**_line_down_scan(), "diagnosis": {**_line_down_scan()["diagnosis"], "verdict": {"action": {"text": "Something else.", "steps": []}}}}
    one = {"en": "Step 1 is the same step as on the customer's screen.", "fr": "L’étape 1 est la même que sur l’écran du client."}[lang]
    assert supportcard.screen_steps_note(other, "Hello,\n1. Something else. If you closed it, open it again.\n2. Something else.") == one
    assert supportcard.screen_steps_note(other, "Hello,\n1. Look at the lights.\nThen please tell us: does it work now?") == ""
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_secure_sites_reply_says_it_does_not_settle_whether_this_computer_is_at_fault_and_proves_what_was_seen_first(lang) -> None:
    # agent round 38 (secure sites, 4 minutes, the one card still at 3-4 minutes): "I had to read the 'What proves it' section
    # twice to be comfortable with 'most likely not this computer'. The reasoning about the box answering the secure
    # connection itself is technical … The reply is safe whichever it is, and that is what let me send it."
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.proxy": "lab_direct",
        "network.https": "lab_port_443_dropped",
    }
    tried = {"host": "www.mybank.example", "address": "198.51.100.90", "status": "timeout", "ms": 1500.0}
    send_now, not_said = (_t(lang, text) for text in (supportcard.REPLY_NOTE_HTTPS, supportcard.REPLY_NOTE_HTTPS_NOT_SAID))
    assert (
        not_said
        == {
            "en": "It does not say whether this computer is at fault: you need not settle that before sending.",
            "fr": "Elle ne dit pas si cet ordinateur est en cause\u00a0: inutile de trancher cela avant de l’envoyer.",
        }[lang]
    )
    seen = _t(lang, supportcard.HTTPS_ALL_SILENT_WAITED).format(address="198.51.100.80", seconds={"en": "1.5", "fr": "1,5"}[lang])
    head = _t(lang, supportcard.HTTPS_ALL_CLEARED)
    for customer in ("en", "fr"):  # the draft in the customer's language: it says nothing of this computer, so the note is true
        scan, facts = judged(app_mod.start((), customer), picks, "internet")
        symptoms = app_mod.start((), lang).config.section("symptoms")  # the agent's language
        for provider in (False, True):
            card = supportcard.build(scan, facts, description=_where("home", lang), symptoms=symptoms, named_site=tried, provider=provider)
            assert card.decide[0] == send_now and card.reply_note[0] == not_said, card.to_text()  # "Send it now" before the reply
            assert not any(word in card.reply.lower() for word in ("computer", "ordinateur")), card.reply
            # what was seen first (the sites and their answers, the plain http that answered), then "Not this computer"
            assert card.proof[0] == seen and card.proof.index(head) > 2, card.to_text()
            assert all(supportcard.is_sub_item(line) for line in card.proof[card.proof.index(head) + 1 :]), card.to_text()
        # only where it is said: not away from home (another reply), not when only some sites are stopped (no "Send it now")
        hotel = supportcard.build(scan, facts, description=_where("public", lang), symptoms=symptoms, named_site=tried)
        results = {**facts["network.https"]["results"], "https://b.example/": {"status": "ok", "address": "192.0.2.7"}}
        some = {**facts, "network.https": {**facts["network.https"], "results": results}}
        opened = supportcard.build(scan, some, description=_where("home", lang), symptoms=symptoms, named_site=tried)
        for card in (hotel, opened):
            assert not_said not in card.reply_note, card.to_text()
        assert opened.proof[0] == _t(lang, supportcard.HTTPS_CUSTOMER_SEES_SOME) and opened.proof.index(head) > 2, opened.to_text()
    line_down = supportcard.build(_line_down_scan(), {"network.gateway": {"gateway": "10.77.0.1"}})
    assert not_said not in line_down.reply_note, line_down.to_text()
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_some_secure_sites_stopped_clears_this_computer_fact_by_fact_not_on_the_box_s_secure_page(lang) -> None:
    # 7e5d2c2 (agent rounds 27 and 28: "how far “not this computer” holds"): when only some secure sites are stopped, the card
    # still said "Not this computer: it reaches the internet box's own secure page": the gateway check only tries a plain
    # connection to the box's port 443, and the lab's box refuses it. The same lines as when every site is stopped, each true
    app = app_mod.start((), "en")
    line, box = {"network.internet": "lab_line_works"}, {"network.gateway": "lab_router_answers"}
    picks = {"network.link": "lab_wired", "network.proxy": "lab_direct", "network.https": "lab_port_443_dropped", **line, **box}
    scan, facts = judged(app, picks, "internet")
    app = app_mod.start((), lang)
    symptoms = app.config.section("symptoms")
    head, refused, accepted, certificate, relay, inspection, unseen = (
        _t(lang, text)
        for text in (
            supportcard.HTTPS_ALL_CLEARED,
            supportcard.HTTPS_CLEARED_BOX_REFUSED,
            supportcard.HTTPS_CLEARED_BOX_ACCEPTED,
            supportcard.HTTPS_CLEARED_NO_CERTIFICATE,
            supportcard.HTTPS_CLEARED_NO_RELAY,
            supportcard.HTTPS_NO_INSPECTION,
            supportcard.HTTPS_CLEARED_UNSEEN,
        )
    )
    results = facts["network.https"]["results"]
    # one of selfcheck's sites opened: it answered with a certificate (an inspecting program this computer trusts would
    # too), so "no program answered with its own certificate" is not said under "Not this computer"
    opened = {**facts, "network.https": {**facts["network.https"], "results": {**results, "https://b.example/": {"status": "ok"}}}}
    card = supportcard.build(scan, opened, description=_where("home", lang), symptoms=symptoms)
    # agent round 38: "I had to read the 'What proves it' section twice to be comfortable with 'most likely not this computer'":
    # what was seen first (the customer's screen, the sites and their answers), "Not this computer" after it
    assert card.proof[-3:] == [head, "  " + refused, "  " + unseen], card.to_text()  # the relay: under "Ruled out" (agent round 32)
    assert relay not in card.to_text(), card.to_text()
    assert card.proof[0] == _t(lang, supportcard.HTTPS_CUSTOMER_SEES_SOME), card.to_text()
    assert "own secure page" not in card.to_text() and "page sécurisée de la box internet" not in card.to_text(), card.to_text()
    assert inspection in card.proof and certificate not in "".join(card.proof), card.proof  # its own, weaker line, as before
    # the customer's own site refused (no certificate from any site), the box accepted its port 443: each fact under the head,
    # the certificate said once
    theirs = {"host": "www.mybank.example", "address": "198.51.100.90", "status": "refused", "ms": 3.0}
    gateway = {**facts["network.gateway"], "tcp": {**facts["network.gateway"]["tcp"], "443": "ok"}}
    card = supportcard.build(scan, {**facts, "network.gateway": gateway}, description=_where("home", lang), symptoms=symptoms, named_site=theirs)
    assert card.proof[-4:] == [head, "  " + accepted, "  " + certificate, "  " + unseen], card.to_text()
    assert inspection not in card.proof and "".join(card.proof).count(certificate) == 1, card.proof
    assert "own secure page" not in card.to_text() and "page sécurisée de la box internet" not in card.to_text(), card.to_text()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_some_secure_sites_stopped_says_nothing_the_sites_below_contradict(lang) -> None:
    # issue 21 item 6 (7772bfd's author): with only some secure sites stopped, "every secure (https) site tried failed,
    # including the one the customer named" sat right above "b.example: opened normally"; and "No program in between showed
    # its own certificate" was said even when a site failed because of its certificate
    app = app_mod.start((), "en")
    picks = {
        "network.link": "lab_wired",
        "network.proxy": "lab_direct",
        "network.https": "lab_port_443_dropped",
        "network.internet": "lab_line_works",
        "network.gateway": "lab_router_answers",
    }
    scan, facts = judged(app, picks, "internet")
    app = app_mod.start((), lang)
    symptoms = app.config.section("symptoms")
    every, some, theirs_opened, inspection = (
        _t(lang, text)
        for text in (
            supportcard.HTTPS_CUSTOMER_SEES,
            supportcard.HTTPS_CUSTOMER_SEES_SOME,
            supportcard.HTTPS_CUSTOMER_SEES_THEIRS_OPENED,
            supportcard.HTTPS_NO_INSPECTION,
        )
    )
    results = facts["network.https"]["results"]

    def with_b(r: dict[str, Any]) -> dict[str, Any]:
        return {**facts, "network.https": {**facts["network.https"], "results": {**results, "https://b.example/": r}}}

    def card_for(f: dict[str, Any], named: dict[str, Any] | None = None) -> Any:
        return supportcard.build(scan, f, description=_where("home", lang), symptoms=symptoms, named_site=named)

    # one of selfcheck's sites opened: the screen's "some websites", not "every site tried failed"
    card = card_for(with_b({"status": "ok", "address": "192.0.2.7"}))
    assert some in card.proof and every not in card.proof and theirs_opened not in card.proof, card.to_text()
    assert inspection in card.proof, card.to_text()  # no site answered with a certificate problem: said as before
    # selfcheck's own sites all stopped, the customer's own site opened: said so, not "including the one the customer named"
    bank = {"host": "www.mybank.example", "address": "198.51.100.90", "ms": 3.0}
    card = card_for(facts, {**bank, "status": "ok"})
    assert theirs_opened in card.proof and every not in card.proof and some not in card.proof, card.to_text()
    # a site refused its certificate (an intercepting program's): no line says no program showed its own certificate
    certificate = {"issuer": "Intercepting Proxy CA", "subject": "b.example", "names": ["b.example"], "self_signed": False}
    refused = {"status": "cert_error", "address": "192.0.2.7", "verify_message": "unable to get local issuer certificate", "certificate": certificate}
    card = card_for(with_b(refused))
    assert inspection not in card.proof and _t(lang, supportcard.HTTPS_CLEARED_NO_CERTIFICATE) not in "".join(card.proof), card.to_text()
    assert every in card.proof, card.to_text()  # every site tried did fail: the line stays
    card = card_for(facts, {**bank, "status": "cert_error", "verify_message": "unable to get local issuer certificate", "certificate": certificate})
    assert inspection not in card.proof and _t(lang, supportcard.HTTPS_CLEARED_NO_CERTIFICATE) not in "".join(card.proof), card.to_text()


def test_how_to_reach_the_customer_is_said_only_when_no_web_page_opens_on_that_computer() -> None:
    app = app_mod.start((), "en")
    symptoms = app.config.section("symptoms")

    def card_for(picks: dict[str, str], **more: Any) -> supportcard.SupportCard:
        scan, facts = judged(app, picks, "internet")
        return supportcard.build(scan, facts, description={"symptom": "internet"}, symptoms=symptoms, **more)

    box, line = {"network.gateway": "lab_router_answers"}, {"network.internet": "lab_line_works"}
    no_web = {
        "line down": {"network.internet": "lab_line_down", **box},
        "router DNS down": {"network.dns": "lab_resolvers_dropping", **line, **box},
        "sign-in page": {"network.captive_portal": "lab_sign_in_redirect", "network.https": "lab_tls_ok", **line, **box},
        "box gone": {"network.gateway": "lab_router_gone"},
        "cable unplugged": {"network.link": "lab_cable_unplugged"},
        "secure sites": {"network.https": "lab_port_443_dropped", **line, **box},
    }
    for name, picks in no_web.items():
        card = card_for(picks)
        assert card.cause_id is not None and "their webmail may not open on that computer" in card.reach, (name, card.to_text())
    # their web works: no such line
    scan, facts = judged(app, {"network.https": "lab_port_443_dropped", **line, **box}, "internet")
    some = {**facts, "network.https": {**facts["network.https"], "results": {**facts["network.https"]["results"], "https://b.example/": {"status": "ok"}}}}
    works = {
        "one secure site opens": supportcard.build(scan, some, description={"symptom": "internet"}, symptoms=symptoms),
        "their own site opens": card_for({"network.https": "lab_port_443_dropped", **line, **box}, named_site={"status": "ok", "host": "a.example"}),
        "a wrong clock": card_for({"network.clock": "lab_clock_5_hours_behind", "network.https": "lab_clock_wrong", **line, **box}),
        "a proxy": card_for({"network.proxy": "lab_proxy_refusing", **line, **box}),
        "slow DNS, answered": card_for({"network.quality": "lab_500ms_latency", "network.dns": "lab_two_resolvers", **line, **box}),
    }
    for name, card in works.items():
        assert card.reach == "" and "Reaching the customer" not in card.to_text(), (name, card.cause_id, card.to_text())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_line_down_card_says_to_phone_the_mobile_as_a_home_phone_through_the_box_is_likely_down_too(lang) -> None:
    # agent round 36 (line-down): "I'd phone their mobile, not the landline: if the landline goes through the box it's probably
    # dead too. The card's 'phone them if you can' doesn't warn about this, and that's the one gap I found."
    app = app_mod.start((), "en")  # the customer's scans
    box, line = {"network.gateway": "lab_router_answers"}, {"network.internet": "lab_line_works"}
    scans = {
        "line down": judged(app, {"network.internet": "lab_line_down", **box}, "internet"),
        # a home phone through the box still works: the line does (the box's name service, secure sites, a sign-in page)
        "router DNS down": judged(app, {"network.dns": "lab_resolvers_dropping", **line, **box}, "internet"),
        "secure sites": judged(app, {"network.https": "lab_port_443_dropped", **line, **box}, "internet"),
        "sign-in page": judged(app, {"network.captive_portal": "lab_sign_in_redirect", "network.https": "lab_tls_ok", **line, **box}, "internet"),
        # the computer does not reach its box: whether anything beyond it answers is not known
        "box gone": judged(app, {"network.gateway": "lab_router_gone"}, "internet"),
    }
    app = app_mod.start((), lang)  # the agent's language
    symptoms = app.config.section("symptoms")
    mobile = {
        "en": "Phone their mobile if you can, or expect them to read the reply on it: their webmail may not open on that computer, and a home phone through the box is likely down too.",
        "fr": "Appelez son portable si vous le pouvez, ou attendez-vous à ce qu’il y lise la réponse\u00a0: sa messagerie web risque de ne pas s’ouvrir sur cet ordinateur, et un téléphone fixe branché sur la box est sans doute coupé lui aussi.",
    }[lang]
    phone = {
        "en": "Phone them if you can, or expect them to read the reply on their phone: their webmail may not open on that computer.",
        "fr": "Appelez le client si vous le pouvez, ou attendez-vous à ce qu’il lise la réponse sur son téléphone\u00a0: sa messagerie web risque de ne pas s’ouvrir sur cet ordinateur.",
    }[lang]
    for where in ({"symptom": "internet"}, _where("home", lang)):  # at home, or not said (the labs' line-down card)
        scan, facts = scans["line down"]
        card = supportcard.build(scan, facts, description=where, symptoms=symptoms)
        assert card.reach == mobile and f"  - {mobile}" in card.to_text(), card.to_text()
        assert supportcard.SupportCard.from_dict(json.loads(json.dumps(card.to_dict()))).reach == mobile  # kept in the bundle's card
    # agent round 39 (router DNS): "they need to read this on their phone using mobile data, because a phone on the home
    # Wi-Fi goes through the same broken box. The card only says 'on their phone'"
    data = {
        "en": "Phone them if you can, or expect them to read the reply on their phone's mobile data: their webmail may not open on that computer, nor on a phone on the same Wi-Fi.",
        "fr": "Appelez le client si vous le pouvez, ou attendez-vous à ce qu’il lise la réponse sur son téléphone, avec ses données mobiles\u00a0: sa messagerie web risque de ne pas s’ouvrir sur cet ordinateur, ni sur un téléphone connecté au même Wi-Fi.",
    }[lang]
    for name in ("router DNS down", "secure sites", "sign-in page", "box gone"):
        scan, facts = scans[name]
        card = supportcard.build(scan, facts, description=_where("home", lang), symptoms=symptoms)
        assert card.reach == data, (name, card.cause_id, card.to_text())
    # away from home the line that is down is not theirs: their home phone is not said to be down, but a phone on that Wi-Fi
    # meets the same dead line
    scan, facts = scans["line down"]
    assert supportcard.build(scan, facts, description=_where("public", lang), symptoms=symptoms).reach == data
    # this computer's own cable: a phone on the Wi-Fi is not said to fail
    scan, facts = judged(app_mod.start((), "en"), {"network.link": "lab_cable_unplugged"}, "internet")
    app_mod.start((), lang)
    assert supportcard.build(scan, facts, description=_where("home", lang), symptoms=symptoms).reach == phone
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_reply_that_names_a_button_of_the_customers_window_leaves_it_to_the_screen_below_the_card(lang) -> None:
    # agent round 36 (full drive, 3 minutes): "the reply points the customer to a button in a “check window” I've never seen, so I
    # had to take the card's word that it exists"; rounds 37-92 said under the reply where below the card its name is; agent round
    # 93: "I checked that the button named in the reply appears in the customer's screen text under the card, and it does" (both
    # agents verify every claim the card makes): the screen below shows it; the card does not say so again
    from selfcheck import textreport, verdict

    app = app_mod.start((), lang)  # the customer's scans, in their language
    box, line = {"network.gateway": "lab_router_answers"}, {"network.internet": "lab_line_works"}
    portal = judged(app, {"network.captive_portal": "lab_sign_in_redirect", "network.https": "lab_tls_ok", **line, **box}, "internet")
    clock = judged(app, {"network.clock": "lab_clock_5_hours_behind", "network.https": "lab_clock_wrong", **line, **box}, "internet")
    disk, step, others = _full_home(lang)
    trash = {
        "en": "Empty the Trash: this makes room for about 470 more photos",
        "fr": "Vider la corbeille\u00a0: cela fait de la place pour environ 470 photos de plus",
    }[lang]
    full = {
        "results": [{"id": "hardware.disk", "title": "Room on this computer", "status": "fail", "summary": "Full."}],
        "language": lang,
        "diagnosis": {"root_causes": ["hardware.disk"], "verdict": {"action": {"text": step, "check_id": "hardware.disk", "steps": others, "button": trash}}},
    }
    cards = {
        "sign-in page": (supportcard.build(*portal, description=_where("public", lang)), portal),
        "full drive": (supportcard.build(full, {"hardware.disk": disk}), (full, {"hardware.disk": disk})),
        "clock": (supportcard.build(*clock, description=_where("home", lang)), clock),
    }
    said = {"en": "in the customer's window", "fr": "dans la fenêtre du client"}[lang]
    for name, (card, (scan, facts)) in cards.items():
        action = scan["diagnosis"]["verdict"]["action"]
        buttons = [b for b in (action.get("button"), action.get("fallback_button")) if b]
        if name == "full drive":  # its button is named in the line under the screen's steps, as show prints it
            with i18n.language(lang):
                below = " ".join((verdict.Action(text=step, steps=others, button=trash).button_note() or "").split())
        else:
            below = " ".join(textreport.format_scan(Scan.from_dict(scan, facts)).split())
        reply = " ".join(card.reply.split())
        assert buttons and all(" ".join(b.split()) in reply for b in buttons[:1]), (name, card.reply)  # the reply names it
        assert all(" ".join(b.split()) in below for b in buttons), (name, below)  # the customer's screen below the card shows it
        assert not any(said in note for note in card.reply_note) and said not in card.to_text(), (name, card.to_text())
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_item_ruled_out_on_a_network_card_is_one_line_with_the_figure_that_proves_it(lang) -> None:
    # agent round 24 (secure sites, 3-4 minutes): "a less common diagnosis, so I read every line of the evidence and the
    # “ruled out” list": 8 lines and 5 sub-items that only gave each line's numbers
    app = app_mod.start((), lang)
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.dns": "lab_two_resolvers",
        "network.proxy": "lab_direct",
        "network.quality": "lab_steady",
        "network.captive_portal": "lab_open_internet",
        "network.clock": "lab_clock_right",
        "network.https": "lab_port_443_dropped",
    }
    scan, facts = judged(app, picks, "internet")
    symptoms = app.config.section("symptoms")
    card = supportcard.build(scan, facts, description={"symptom": "internet", "where": "home"}, symptoms=symptoms)
    assert card.cause_id == "network.https", card.to_text()
    assert not any(supportcard.is_sub_item(line) for line in card.ruled_out), card.ruled_out
    router = facts["network.gateway"]["gateway"]
    dns = ", ".join(facts["network.dns"]["queries"])
    ntp = next(iter(facts["network.clock"]["ntp"]))
    reached = next(iter(facts["network.internet"]["addresses"]))
    expected = {
        "en": [
            # agent round 55: what, then the one fact
            f"The internet box switched off: it answered 3 of 3 pings ({router}).",
            f"The internet line cut: plain (http) sites beyond the box open ({reached}, by number).",
            f"Date and time: right within 1 s (time server {ntp}).",
        ],
        "fr": [
            f"La box internet éteinte\u00a0: elle a répondu à 3 pings sur 3 ({router}).",
            f"La ligne internet coupée\u00a0: les sites simples (http) au-delà de la box s’ouvrent ({reached}, par son numéro).",
            f"Date et heure\u00a0: à l’heure à 1\u00a0s près (serveur de temps {ntp}).",
        ],
    }[lang]
    for line in expected:
        assert line in card.ruled_out, (line, card.ruled_out)
    names = {
        "en": f"DNS servers {dns} each found all 4 test names (slowest ",
        "fr": f"les serveurs DNS {dns} ont chacun trouvé les 4 noms de test (le plus lent ",
    }
    assert any(names[lang] in line for line in card.ruled_out), card.ruled_out
    # the line where no secure site opens: its address reached by number, on its line (the internet works beyond the box)
    beyond = supportcard.build(scan, facts, description={"symptom": "internet"}, symptoms=symptoms)
    assert not any(supportcard.is_sub_item(line) for line in beyond.ruled_out), beyond.ruled_out

    # a DNS server that did not answer says what the line does not: kept under it, the one that answered on the line
    first, second = list(facts["network.dns"]["queries"])
    silent = {name: {"status": "timeout", "sent": 2} for name in facts["network.dns"]["queries"][second]}
    half = {**facts, "network.dns": {**facts["network.dns"], "queries": {**facts["network.dns"]["queries"], second: silent}}}
    card = supportcard.build(scan, half, description={"symptom": "internet", "where": "home"}, symptoms=symptoms)
    one = {"en": f"DNS server {first} found all 4 test names (slowest ", "fr": f"le serveur DNS {first} a trouvé les 4 noms de test (le plus lent "}[lang]
    at = next(i for i, line in enumerate(card.ruled_out) if one in line)
    assert card.ruled_out[at + 1].strip().startswith({"en": f"DNS server {second}: no answer", "fr": f"Serveur DNS {second}\u00a0: "}[lang]), card.ruled_out
    assert sum(supportcard.is_sub_item(line) for line in card.ruled_out) == 1, card.ruled_out

    # a box that ignores pings but takes connections: its line stays as it was, with what it says
    deaf = {**facts, "network.gateway": {**facts["network.gateway"], "ping": {"sent": 3, "received": 0, "rtts_ms": []}}}
    card = supportcard.build(scan, deaf, description={"symptom": "internet", "where": "home"}, symptoms=symptoms)
    off = {"en": "The internet box switched off: it answers.", "fr": "La box internet éteinte\u00a0: elle répond."}[lang]
    at = card.ruled_out.index(off)
    assert supportcard.is_sub_item(card.ruled_out[at + 1]), card.ruled_out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_line_down_reply_and_its_questions_say_what_a_home_phone_through_the_box_does(lang) -> None:
    # agent round 24 (line-down, 3 minutes): "The card's reply also leaves out the phone warning the first ticket had, and for
    # a phone company 'does your home phone work?' is a useful clue, so I added both by hand."
    app = app_mod.start((), lang)
    scan, facts = judged(app, {"network.gateway": "lab_router_answers", "network.internet": "lab_line_down"}, "internet")
    scan["language"] = lang
    card = supportcard.build(scan, facts, description={"symptom": "internet", "where": "home"}, symptoms=app.config.section("symptoms"))
    assert card.cause_id == "network.internet", card.to_text()
    off, works, asked = {
        "en": (
            "Then check again. A home phone or TV that goes through the box is off during those few minutes.",
            "If you have a home phone that goes through the box, does it work?",
            # agent round 103: a box that lost its line silences that phone too: a dead one tells the box has no line
            "If they have a home phone that goes through the box: does it work? Dead too: the box has no line, not just this computer.",
        ),
        "fr": (
            "Puis vérifiez à nouveau. Un téléphone fixe ou une télévision branchés sur la box sont coupés pendant ces quelques minutes.",
            "Si vous avez un téléphone fixe qui passe par la box, fonctionne-t-il\u202f?",
            "S’il a un téléphone fixe qui passe par la box\u00a0: fonctionne-t-il\u202f? Muet lui aussi\u00a0: la box n’a plus de ligne, ce n’est pas que cet ordinateur.",
        ),
    }[lang]
    step = next(line for line in card.reply.splitlines() if line.startswith("2. "))
    assert step.endswith(off), card.reply
    assert f"- {works}" in card.reply.splitlines(), card.reply  # one question a line (agent rounds 32 and 34)
    assert asked in card.next_question.splitlines(), card.next_question
    ours = supportcard.build(scan, facts, description={"symptom": "internet", "where": "home"}, symptoms=app.config.section("symptoms"), provider=True)
    assert asked in ours.next_question.splitlines() and off in ours.reply, ours.to_text()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_clock_off_enough_to_break_secure_sites_says_how_to_reach_the_customer(lang) -> None:
    # agent round 24 (clock-wrong): "this card has no note about how to reach the customer, unlike the other two. Their web
    # e-mail will probably fail as well"
    app = app_mod.start((), lang)
    picks = {"network.clock": "lab_clock_5_hours_behind", "network.https": "lab_clock_wrong", "network.gateway": "lab_router_answers"}
    scan, facts = judged(app, {**picks, "network.internet": "lab_line_works"}, "internet")
    reach = {"en": "Phone them if you can", "fr": "Appelez le client si vous le pouvez"}[lang]
    hours = supportcard.build(scan, facts, description={"symptom": "internet"}, symptoms=app.config.section("symptoms"))
    assert hours.cause_id == "network.clock" and hours.reach == "", hours.to_text()  # 5 hours: only new certificates, not said
    days = 124 * 86400
    ntp = {name: {**r, "offset_s": days} for name, r in facts["network.clock"]["ntp"].items()}
    months = {**facts, "network.clock": {**facts["network.clock"], "ntp": ntp, "http_offset_s": days}}
    https = facts["network.https"]["results"]
    start = min(r["certificate"]["not_before"] for r in https.values() if isinstance(r.get("certificate"), dict))
    import datetime as dt

    behind = {**scan, "started_at": dt.datetime.fromtimestamp(start - days, dt.UTC).isoformat()}
    card = supportcard.build(behind, months, description={"symptom": "internet"}, symptoms=app.config.section("symptoms"))
    assert card.cause_id == "network.clock", card.to_text()
    with i18n.language(lang):
        assert any(line.endswith(supportcard._(supportcard.CERT_CLOCK_BREAKS)) for line in card.proof), card.proof
    assert card.reach.startswith(reach), card.to_text()
    # no certificate refused by the clock (the sites' dates agree with it): not said
    agree = {**scan, "started_at": dt.datetime.fromtimestamp(start + 3600, dt.UTC).isoformat()}
    assert supportcard.build(agree, months, description={"symptom": "internet"}, symptoms=app.config.section("symptoms")).reach == ""


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_routers_dns_line_tells_a_refused_connection_from_a_refusal_and_the_providers_draft_says_we_check_the_box(lang) -> None:
    # agent rounds 23 and 26: the card said "it answers, but says no to every name" where each query's connection was
    # refused ("which means the box's name service isn't answering at all, not that it declines names")
    app_mod.start((), lang)
    names = ("www.lab.example", "support.lab.example")
    turned_away = {n: {"status": "refused", "error": "[Errno 111] Connection refused", "sent": 1} for n in names}
    says_no = {n: {"status": "answer", "rcode": "REFUSED", "addresses": [], "sent": 1, "ms": 0.4} for n in names}
    box = {
        "en": (
            "DNS server 10.77.0.1 (the router: the internet box itself): its name service is not answering at all: the box turns the connection "
            "away (2 test names, each “connection refused”), so that part of the box has stopped.",
            "DNS server 10.77.0.1 (the router: the internet box itself): it answers, but says no to every name it is asked to find (2 test names, all refused).",
        ),
        "fr": (
            "Serveur DNS 10.77.0.1 (le routeur\u00a0: la box internet elle-même)\u00a0: son service de noms ne répond pas du tout\u00a0: la box refuse la connexion "
            "(2 noms d’essai, chaque fois «\u00a0connexion refusée\u00a0»), cette partie de la box est donc arrêtée.",
            "Serveur DNS 10.77.0.1 (le routeur\u00a0: la box internet elle-même)\u00a0: il répond, mais refuse chaque nom qu’on lui demande de trouver "
            "(2 noms d’essai, tous refusés).",
        ),
    }[lang]
    assert supportcard._dns_lines({"queries": {"10.77.0.1": turned_away}, supportcard.GATEWAY_KEY: "10.77.0.1"}) == [box[0]]
    assert supportcard._dns_lines({"queries": {"10.77.0.1": says_no}, supportcard.GATEWAY_KEY: "10.77.0.1"}) == [box[1]]
    # a server that is not the box: not "that part of the box"
    other = supportcard._dns_lines({"queries": {"198.51.100.53": turned_away}, supportcard.GATEWAY_KEY: "10.77.0.1"})
    assert len(other) == 1 and other[0].startswith(
        {"en": "DNS server 198.51.100.53: its name service", "fr": "Serveur DNS 198.51.100.53\u00a0: son service"}[lang]
    )
    assert "box" not in other[0], other
    # agent round 26: "The only pause was adding “we'll check from our side” to the reply, since that step is only in
    # “Ask next”": a company that is the customer's internet provider ends the draft as the line-down one does
    scan = {
        "results": [
            {"id": "network.gateway", "title": "Your internet box (router)", "status": "pass", "summary": "Your internet box answers."},
            {"id": "network.dns", "title": "Finding websites by name", "status": "fail", "summary": "Names are refused."},
        ],
        "language": lang,
        "diagnosis": {"root_causes": ["network.dns"]},
    }
    facts = {"network.gateway": {"gateway": "10.77.0.1"}, "network.dns": {"resolvers": ["10.77.0.1"], "queries": {"10.77.0.1": turned_away}}}
    # agent round 32 dropped "reset it from our side": "a reset can wipe the customer's own box settings, and I'd rather not
    # promise it before checking": a restart (what a provider does from its side, and what a stopped name service needs)
    ours = {
        "en": "If websites still do not open, please call us, or reply from your phone with its Wi-Fi turned off: we will check your internet box and "
        "restart it from our side.",
        "fr": "Si les sites ne s’ouvrent toujours pas, appelez-nous, ou répondez depuis votre téléphone, Wi-Fi coupé\u00a0: nous vérifierons votre box "
        "internet et la redémarrerons de notre côté.",
    }[lang]
    theirs = supportcard.build(scan, facts).reply.splitlines()
    card = supportcard.build(scan, facts, provider=True)
    mine = card.reply.splitlines()
    assert mine == [*theirs, ours], mine  # on its own line, after the questions (one a line: agent rounds 32 and 34)
    step = {
        "en": "3. Still failing: check the box and restart it from your side (your company is their internet provider).",
        "fr": "3. Toujours en panne\u00a0: vérifiez la box et redémarrez-la de votre côté (votre entreprise est son fournisseur d’accès).",
    }[lang]
    assert card.next_question.splitlines()[-1] == step, card.next_question
    assert not any(word in card.to_text().lower() for word in ("reset", "réinitialis", "remettez-la à zéro")), card.to_text()
    assert ours not in theirs, theirs
    # the company is not the provider (r32-a: "reset" can mean wiping the box's settings): the provider restarts it; the factory
    # settings only for a box the customer bought, said as what they are
    other = supportcard.build(scan, facts).next_question.splitlines()[-1]
    assert (
        other
        == {
            "en": "3. Still failing: if the box comes from the internet provider (most do), the provider can check it and restart it from their side "
            "(the customer calls them); a box the customer bought themselves can, as a last resort, be put back to its factory settings: this wipes "
            "its own settings, its Wi-Fi name and password too (its maker's instructions say how).",
            "fr": "3. Toujours en panne\u00a0: si la box vient du fournisseur d’accès (c’est le cas le plus courant), le fournisseur peut la vérifier et la "
            "redémarrer à distance (le client l’appelle)\u202f; une box achetée par le client lui-même peut, en dernier recours, être remise à ses réglages "
            "d’usine\u00a0: cela efface ses propres réglages, y compris le nom et le mot de passe du Wi-Fi (les instructions de son fabricant disent comment).",
        }[lang]
    ), other
    assert not any(word in other.lower() for word in ("reset", "réinitialis")), other
    with i18n.language(lang):  # the customer reads it
        assert not [why for line in mine for why in plainwords.problems(line)], mine


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_errors_on_the_full_drive_are_said_with_what_the_scan_saw_of_it_after_them(lang) -> None:
    # agent round 35: "Disk errors in the kernel's log on /home" and nothing beside them; the agent opened facts/hardware.disk.json
    # for 9 minutes: "Two lines on the card would have let me send it in 3 minutes: 'write test on the customer's folder: OK after
    # these errors' and 'drive not read-only'"
    app_mod.start((), lang)
    scan = {
        "started_at": "2026-12-05T14:04:40.150+00:00",
        "results": [
            {"id": "hardware.disk", "title": "Room on this computer", "status": "fail", "summary": "Full.", "started_at": "2026-12-05T14:04:40.150+00:00"}
        ],
        "diagnosis": {"root_causes": ["hardware.disk"]},
    }
    on_it = [
        {"time": "2026-12-05T13:59:50+00:00", "device": "loop0", "text": "EXT4-fs (loop0): shut down requested (2)", "volume": "/home"},
        {"time": "2026-12-05T13:59:50+00:00", "device": "loop0", "text": "Aborting journal on device loop0-8.", "volume": "/home"},
    ]
    disk = _full_home_disk(on_it)
    disk["volumes"][1]["readonly"] = False
    disk["write_test"] = {"result": "ok", "folder": "/home/user-1"}
    errors = {"en": "Disk errors in the kernel's log on /home: ", "fr": "Erreurs de disque dans le journal du noyau sur /home\u00a0: "}[lang]
    after = {
        "en": "After these errors, during this scan: a test write in the customer's folder worked; the drive (/home) is not mounted read-only.",
        "fr": "Après ces erreurs, pendant cette vérification\u00a0: un essai d’écriture dans le dossier du client a réussi\u202f; le disque (/home) n’est "
        "pas monté en lecture seule.",
    }[lang]
    proof = supportcard.build(scan, {"hardware.disk": disk}).proof
    at = next(i for i, line in enumerate(proof) if line.startswith(errors))
    assert proof[at + 1] == after, proof
    assert supportcard.build(scan, {"hardware.disk": disk}).to_text().count(after) == 1
    # only what the facts say: a failed write (the drive refused it, or no room), a drive mounted read-only, an error logged
    # in the second the check started (not surely before the write), no write test and no read-only flag
    refused = {**disk, "write_test": {"result": "failed", "errno": "EIO", "error": "Input/output error", "folder": "/home/user-1"}}
    no_room = {**disk, "write_test": {"result": "failed", "errno": "ENOSPC", "error": "No space left on device", "folder": "/home/user-1"}}
    read_only = {**disk, "volumes": [disk["volumes"][0], {**disk["volumes"][1], "readonly": True}], "write_test": refused["write_test"]}
    late = {**disk, "fs_errors": [*on_it, {**on_it[0], "time": "2026-12-05T14:04:40+00:00"}]}
    unknown = {**{k: v for k, v in disk.items() if k != "write_test"}, "volumes": [disk["volumes"][0], _full_home_disk([])["volumes"][1]]}
    said = {
        "en": {
            "refused": "After these errors, during this scan: a test write in the customer's folder failed: “Input/output error”; the drive (/home) "
            "is not mounted read-only.",
            "no_room": "After these errors, during this scan: a test write in the customer's folder failed for want of room; the drive (/home) is "
            "not mounted read-only.",
            "read_only": "After these errors, during this scan: a test write in the customer's folder failed: “Input/output error”; the drive "
            "(/home) is mounted read-only: nothing can be saved on it.",
            "late": "During this scan: a test write in the customer's folder worked; the drive (/home) is not mounted read-only.",
        },
        "fr": {
            "refused": "Après ces erreurs, pendant cette vérification\u00a0: un essai d’écriture dans le dossier du client a échoué\u00a0: «\u00a0Input/output error\u00a0»\u202f; "
            "le disque (/home) n’est pas monté en lecture seule.",
            "no_room": "Après ces erreurs, pendant cette vérification\u00a0: un essai d’écriture dans le dossier du client a échoué faute de place\u202f; le "
            "disque (/home) n’est pas monté en lecture seule.",
            "read_only": "Après ces erreurs, pendant cette vérification\u00a0: un essai d’écriture dans le dossier du client a échoué\u00a0: «\u00a0Input/output error\u00a0»"
            "\u202f; le disque (/home) est monté en lecture seule\u00a0: rien ne peut y être enregistré.",
            "late": "Pendant cette vérification\u00a0: un essai d’écriture dans le dossier du client a réussi\u202f; le disque (/home) n’est pas monté en lecture seule.",
        },
    }[lang]
    for name, facts in {"refused": refused, "no_room": no_room, "read_only": read_only, "late": late}.items():
        proof = supportcard.build(scan, {"hardware.disk": facts}).proof
        at = next(i for i, line in enumerate(proof) if line.startswith(errors))
        assert proof[at + 1] == said[name], (name, proof)
    proof = supportcard.build(scan, {"hardware.disk": unknown}).proof
    assert not any(line.startswith(("After", "During", "Après", "Pendant")) for line in proof), proof
    # no error on the full drive: nothing said beside errors (the "Ruled out" line speaks of the write)
    elsewhere = [{**error, "device": "loop1", "volume": None} for error in on_it]
    proof = supportcard.build(scan, {"hardware.disk": {**disk, "fs_errors": elsewhere}}).proof
    assert not any(line.startswith(("After", "During", "Après", "Pendant")) for line in proof), proof


_OWN_READ = {"read": True, "sources": ["nftables"], "why_not": None, "default_block": False, "secure_blocks": [], "other_firewalls": []}
_OWN_RULE = {"rule": "ip daddr 198.51.100.0/24 tcp dport 443 drop", "where": "inet selfcheck_block out", "only_to": "198.51.100.0/24", "program": None}


def _own_card(lang: str, own: dict[str, Any] | None, where: str = "home") -> Any:
    """The lab's secure-sites bundle (every secure site dropped beyond the box), its network.https facts carrying what this
    computer's own firewall does to outgoing connections (security.firewall's "outbound", as network.https copies it)."""
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.proxy": "lab_direct",
        "network.https": "lab_port_443_dropped",
    }
    more = {"network.https": {"own_firewall": own}} if own is not None else None
    scan, facts = judged(app_mod.start((), lang), picks, "internet", more=more)
    tried = {"host": "www.mybank.example", "address": "198.51.100.90", "status": "timeout", "ms": 1500.0}
    symptoms = app_mod.start((), lang).config.section("symptoms")
    return supportcard.build(scan, facts, description=_where(where, lang), symptoms=symptoms, named_site=tried, provider=True)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_secure_sites_card_settles_not_this_computer_where_its_own_firewall_was_read_and_stops_none(lang) -> None:
    # issue 21, agent round 38 (4 minutes): "I had to read the 'What proves it' section twice to be comfortable with 'most
    # likely not this computer'"; round 39 (3 minutes): "I had to read 'About this reply' to be sure sending now was right"
    card = _own_card(lang, _OWN_READ)
    text = card.to_text()
    assert card.cause == _t(lang, supportcard.HTTPS_SETTLED_HOME_ALL_OWN), text
    assert {"en": "most likely", "fr": "le plus probablement"}[lang] not in card.cause, text
    head = card.proof.index(_t(lang, supportcard.HTTPS_CLEARED))
    under = card.proof[head + 1 :]
    assert (
        under[-1]
        == supportcard.SUB_ITEM
        + {
            "en": "Its own firewall was read and stops no secure connection going out (nftables).",
            "fr": "Son propre pare-feu a été lu et n’arrête aucune connexion sécurisée sortante (nftables).",
        }[lang]
    ), text
    assert _t(lang, supportcard.HTTPS_ALL_CLEARED) not in card.proof and not any(_t(lang, supportcard.HTTPS_CLEARED_UNSEEN) in line for line in card.proof), (
        text
    )
    # "About this reply": right for the box or the line; nothing on "less likely, this computer" or "does not say"
    assert card.decide[0] == _t(lang, supportcard.REPLY_NOTE_HTTPS_SETTLED), text
    assert _t(lang, supportcard.REPLY_NOTE_HTTPS_NOT_SAID) not in card.reply_note and _t(lang, supportcard.REPLY_NOTE_HTTPS) not in card.decide
    # the phone question told this computer from the box: settled, it goes (the restart and the box's settings stay)
    phone = _t(lang, supportcard.REPLY_HTTPS_PHONE)
    assert phone not in card.reply and _t(lang, supportcard.HTTPS_PHONE_ANSWER_HOME_ALL) not in card.next_question, text
    assert _t(lang, supportcard.HTTPS_RESTART_ANSWER_HOME_ALL) in card.next_question and _t(lang, supportcard.HTTPS_SETTING_ANSWER) in card.next_question
    # not read (not root), another firewall whose rules cannot be read, an older bundle: exactly as before
    before = _own_card(lang, None)
    for own in ({**_OWN_READ, "read": False, "why_not": "not_root", "sources": []}, {**_OWN_READ, "other_firewalls": ["Norton Firewall"]}):
        same = _own_card(lang, own)
        assert (same.cause, same.proof, same.reply, same.decide, same.reply_note, same.next_question) == (
            before.cause,
            before.proof,
            before.reply,
            before.decide,
            before.reply_note,
            before.next_question,
        ), same.to_text()
    assert _t(lang, supportcard.HTTPS_ALL_CLEARED) in before.proof and phone in before.reply
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_secure_sites_card_does_not_settle_not_this_computer_where_a_third_party_antivirus_is_registered(lang) -> None:
    # issue 21 (review): Windows' own rules read and stopping none, but Security Center lists a third-party antivirus, whose
    # web shield may drop secure connections where no rule shows it: "most likely not this computer", as before the rules
    # were read; Microsoft's own antivirus alone (none kept) settles it
    read = {**_OWN_READ, "sources": ["windows"]}
    settled = _own_card(lang, {**read, "other_security": []})
    assert settled.cause == _t(lang, supportcard.HTTPS_SETTLED_HOME_ALL_OWN), settled.to_text()
    card = _own_card(lang, {**read, "other_security": ["Norton 360"]})
    before = _own_card(lang, None)
    assert (card.cause, card.proof, card.reply, card.decide, card.reply_note, card.next_question) == (
        before.cause,
        before.proof,
        before.reply,
        before.decide,
        before.reply_note,
        before.next_question,
    ), card.to_text()
    assert card.cause == _t(lang, supportcard.HTTPS_SETTLED_HOME_ALL), card.to_text()
    assert any(_t(lang, supportcard.HTTPS_CLEARED_UNSEEN) in line for line in card.proof), card.to_text()
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_secure_sites_card_names_the_rule_of_this_computers_own_firewall_that_stops_them(lang) -> None:
    # issue 21: the box's port 443 answered, so the card cleared this computer ("most likely"), though its own firewall
    # dropped secure connections to the sites' network only (what HTTPS_CLEARED_UNSEEN warned of): settled, and named
    for where in ("home", "public"):
        card = _own_card(lang, {**_OWN_READ, "secure_blocks": [_OWN_RULE]}, where)
        text = card.to_text()
        assert card.cause == _t(lang, supportcard.HTTPS_OWN_CAUSE) and not card.cause_note, text
        head = card.proof.index(_t(lang, supportcard.HTTPS_OWN_HEAD).format(source="nftables"))
        assert card.proof[head + 1 :] == [
            supportcard.SUB_ITEM
            + {
                "en": "Rule “ip daddr 198.51.100.0/24 tcp dport 443 drop”, in inet selfcheck_block out.",
                "fr": "Règle «\u00a0ip daddr 198.51.100.0/24 tcp dport 443 drop\u00a0», dans inet selfcheck_block out.",
            }[lang],
            supportcard.SUB_ITEM + _t(lang, supportcard.HTTPS_OWN_ONLY_TO).format(only_to="198.51.100.0/24"),
        ], text
        assert not any(line.startswith(_t(lang, supportcard.HTTPS_ALL_CLEARED)[:12]) for line in card.proof), text
        # no box restart, no "your computer is fine" away from home: a call (or a remote session) to change the setting
        assert {"en": "Restart", "fr": "Redémarrez"}[lang] not in card.reply, card.reply
        assert _t(lang, supportcard.REPLY_OWN_CALL) in card.reply.splitlines(), card.reply
        assert card.decide == [_t(lang, supportcard.REPLY_NOTE_HTTPS_OWN)], text
        assert card.next_question == _t(lang, supportcard.HTTPS_OWN_ASK), text
        # a phone on the same Wi-Fi is not stopped by this computer's firewall: "on their phone", not "with its mobile data"
        assert card.reach == _t(lang, supportcard.REACH_BY_PHONE), text
    # a rule to other addresses does not stop these sites: not named; this computer settled (issue 21, fwrel)
    other = _own_card(lang, {**_OWN_READ, "secure_blocks": [{**_OWN_RULE, "only_to": "203.0.113.0/24"}]})
    assert other.cause == _t(lang, supportcard.HTTPS_SETTLED_HOME_ALL_OWN), other.to_text()
    assert supportcard.SUB_ITEM + _t(lang, supportcard.HTTPS_CLEARED_OWN_BROWSER).format(source="nftables") in other.proof, other.to_text()
    # one the rules cannot tell (a named set): not named, and this computer not settled either ("most likely", as before)
    unread = _own_card(lang, {**_OWN_READ, "secure_blocks": [{**_OWN_RULE, "rule": "ip daddr @blocked tcp dport 443 drop", "only_to": "@blocked"}]})
    assert unread.cause != _t(lang, supportcard.HTTPS_OWN_CAUSE) and _t(lang, supportcard.HTTPS_ALL_CLEARED) in unread.proof, unread.to_text()
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_secure_sites_card_settles_this_computers_firewall_only_for_a_rule_read_whole_that_nothing_contradicts(lang) -> None:
    # issue 21 review: a default block on outgoing connections (Windows' DefaultOutboundAction=1, an nft output chain's
    # policy drop) with an accept rule not read (a VPN's kill switch, an allow-list) and a rule with a condition not read
    # ("ct state invalid drop", an interface, a user) made the card say "Settled: this computer's own firewall stops …"
    # for every address; so did a rule that a secure attempt to the site's own address, reaching the box, proves wrong.
    # Each is undecided: the card as when the rules were not read ("Not this computer, most likely")
    not_read = _own_card(lang, {**_OWN_READ, "read": False, "why_not": "not_root", "sources": []})
    own_head = _t(lang, supportcard.HTTPS_OWN_HEAD).split("(")[0]
    for own in (
        {**_OWN_READ, "sources": ["windows"], "default_block": True},
        {**_OWN_READ, "default_block": True},
        {**_OWN_READ, "secure_blocks": [{**_OWN_RULE, "rule": "ct state invalid drop", "only_to": None, "unread": True}]},
        {**_OWN_READ, "secure_blocks": [{**_OWN_RULE, "rule": "oifname wg0 ip daddr 198.51.100.0/24 tcp dport 443 drop", "unread": True}]},
    ):
        card = _own_card(lang, own)
        text = card.to_text()
        assert card.cause == not_read.cause and card.cause != _t(lang, supportcard.HTTPS_OWN_CAUSE), text
        assert _t(lang, supportcard.HTTPS_ALL_CLEARED) in card.proof and not any(line.startswith(own_head) for line in card.proof), text
        assert (card.reply, card.next_question) == (not_read.reply, not_read.next_question), text
    # the same rule read whole is named (as before) ...
    named = _own_card(lang, {**_OWN_READ, "secure_blocks": [_OWN_RULE]})
    assert named.cause == _t(lang, supportcard.HTTPS_OWN_CAUSE), named.to_text()
    # ... but not where a secure attempt to the site's own address left this computer and reached the box (hops 443@1)
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.proxy": "lab_direct",
        "network.https": "lab_port_443_dropped",
    }
    hops = {"address": "198.51.100.80", "plain_port": 80, "probes": {"443@1": {"status": "time_exceeded", "from": "10.77.0.1"}}}
    more = {"network.https": {"own_firewall": {**_OWN_READ, "secure_blocks": [_OWN_RULE]}, "hops": hops}}
    scan, facts = judged(app_mod.start((), lang), picks, "internet", more=more)
    tried = {"host": "www.mybank.example", "address": "198.51.100.90", "status": "timeout", "ms": 1500.0}
    symptoms = app_mod.start((), lang).config.section("symptoms")
    card = supportcard.build(scan, facts, description=_where("home", lang), symptoms=symptoms, named_site=tried, provider=True)
    assert card.cause != _t(lang, supportcard.HTTPS_OWN_CAUSE) and not any(line.startswith(own_head) for line in card.proof), card.to_text()
    # nor a rule for every program to every address where a secure connection to the box itself left this computer
    everywhere = {**_OWN_RULE, "rule": "tcp dport 443 drop", "only_to": None, "to": None}
    assert supportcard.own_stops(supportcard.own_firewall({**_OWN_READ, "secure_blocks": [everywhere]}), ["198.51.100.80"])
    assert not supportcard.own_stops(supportcard.own_firewall({**_OWN_READ, "secure_blocks": [everywhere]}), ["198.51.100.80"], {"box_tcp_443": "ok"})
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_box_is_settled_by_the_hops_only_when_the_router_one_step_out_is_the_gateway(lang) -> None:
    # issue 21 review: "the box" was whichever router answered the secure attempt sent one step, never compared with
    # network.gateway's router address (10.77.0.1 in the lab's recording): another address one step out is not the box
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.proxy": "lab_direct",
        "network.https": "lab_port_443_dropped",
    }
    silent = {"status": "silent"}
    symptoms = app_mod.start((), lang).config.section("symptoms")

    def card_with(first: str, https: dict[str, Any] | None = None) -> Any:
        probes = {
            "443@1": {"status": "time_exceeded", "from": first},
            "80@2": {"status": "time_exceeded", "from": "10.77.1.2"},
            "443@2": silent,
            "443@2 again": silent,
            "80@3": silent,
            "443@3": silent,
        }
        hops = {"address": "198.51.100.80", "plain_port": 80, "probes": probes}
        scan, facts = judged(app_mod.start((), lang), picks, "internet", more={"network.https": {"hops": hops, **(https or {})}})
        tried = {"host": "www.mybank.example", "address": "198.51.100.90", "status": "timeout", "ms": 1500.0}
        return supportcard.build(scan, facts, description=_where("home", lang), symptoms=symptoms, named_site=tried, provider=True)

    box = card_with("10.77.0.1")
    assert box.cause == _t(lang, supportcard.HTTPS_SETTLED_BOX_OURS).format(router="10.77.1.2"), box.to_text()
    # agent rounds 46, 47: both checked other customers behind the provider's router ("the card doesn't say how to check it
    # from our side"): for the provider, after sending, what settles that router, in place of "only if the restart does not help"
    # agent rounds 65-68 ("an extra task, though it doesn't hold up the reply"): after sending; rounds 74-82: as the order of
    # work's second step, before the reply (nothing before it to decide, nothing under it for later)
    # agent round 89: phoning decided, the router's check meanwhile; round 92: the card passed on now, to the network team;
    # round 93: both in one paragraph, the timing decided
    # round 96 (both paused on the two-part action): two numbered actions, the card passed on first, then the customer phoned
    ours = [
        _t(lang, supportcard.ORDER_HTTPS_BOX_OURS_NOW).format(team=_t(lang, supportcard.YOUR_NETWORK_TEAM)),
        _t(lang, supportcard.ORDER_HTTPS_BOX_OURS_PHONE),
    ]
    assert box.order == ours and box.decide == [], box.to_text()
    assert not any("10.77.1.2" in note for note in box.reply_note), box.to_text()
    # agent round 53: "the card's last line says 'the line' where everything above it says box or router": that router;
    # round 86: what each of the reply's answers tells (the reply asks both questions), that router last; round 93: in one line
    assert box.answers == [_t(lang, supportcard.HTTPS_TELLS_OURS_BOX), _t(lang, supportcard.HTTPS_TELLS_OURS_ROUTER)] and not box.next_question, box.to_text()
    assert _t(lang, supportcard.HTTPS_SETTING_ANSWER) not in box.to_text(), box.to_text()
    # agent round 46: "took a second read before I trusted that the PC's own firewall was ruled out" (b13b4ce: a first line of
    # "Ruled out"); round 52 (4-5 minutes): "I reread the section on where the traffic stops to make sure it isn't the
    # computer's firewall"; round 56 (4-5 minutes): "I also had to check for myself that 'this computer's firewall blocks
    # nothing' really rules out the PC", inside that long sentence: its own line under "Ruled out", with the rules' source only
    # where they were read and stop none
    # round 86: the hop test in one line of "What proves it"; round 104: the trace as recorded (80@3 silent here: no "hop 3
    # connected")
    stops = _lab_trace(lang, connected=False)
    assert stops in box.proof, box.to_text()
    # agent round 89 ("Ruled out" in one or two short lines): its part of the line of what could stop them and does not
    box_firewall = _t(lang, supportcard.NONE_STOPS_FIREWALL)
    assert sum(box_firewall in line for line in box.ruled_out) == 1, box.to_text()
    read = card_with("10.77.0.1", {"own_firewall": _OWN_READ})
    assert stops in read.proof, read.to_text()
    # agent round 99 b ("read from nftables" was jargon he skipped): where its rules were read, the firewall named alone (where
    # from is in the bundle's facts)
    firewall_line = {"en": "this computer's firewall.", "fr": "le pare-feu de cet ordinateur."}[lang]
    assert sum(line.endswith(firewall_line) for line in read.ruled_out) == 1 and "nftables" not in read.to_text(), read.to_text()
    firewall = {"en": "firewall", "fr": "pare-feu"}[lang]
    for card in (box, read):  # its own firewall said once, on its line under "Ruled out", not in the proof
        assert sum(line.lower().count(firewall) for line in [*card.proof, *card.ruled_out]) == 1, card.to_text()
    listed = card_with("10.77.0.1", {"own_firewall": {**_OWN_READ, "secure_blocks": [{**_OWN_RULE, "program": "C:\\x\\backup.exe"}]}})
    assert stops in listed.proof, listed.to_text()
    other = card_with("10.77.0.9")
    hop_heads = (stops.split(",")[0], _t(lang, supportcard.HTTPS_HOPS_HEAD).split(":")[0])
    assert not any(line.startswith(hop_heads) for line in other.proof), other.to_text()
    # the same lines, folded the same; where the box is settled, the checks that cannot stop secure sites alone not at all
    # (agent round 92: the card's length; their OK is in every result below the card)
    assert not any(line.startswith(("Also fine", "En ordre aussi")) for line in box.ruled_out), box.to_text()
    assert [x.replace(box_firewall, "") for x in box.ruled_out] == [x.replace(firewall_line[:-1], "") for x in read.ruled_out], (box.to_text(), read.to_text())
    assert other.cause != _t(lang, supportcard.HTTPS_SETTLED_BOX_OURS).format(router="10.77.1.2"), other.to_text()
    assert not any("10.77.0.9" in line for line in other.proof), other.to_text()
    assert other.next_question.splitlines()[-1] == _t(lang, supportcard.HTTPS_SETTING_ANSWER), other.to_text()
    assert _t(lang, supportcard.HTTPS_ALL_CLEARED) in other.proof, other.to_text()
    app_mod.start((), "en")


#: agent round 64 (secure sites, 4 and 7-8 minutes): one agent opened facts/network.https.json because "the card's wording
#: didn't let me see that for myself", and read it step by step: "a secure test at the first step got an answer from the box.
#: At the second step, plain http was answered by 10.77.1.2 and secure got silence"
#: agent rounds 65-68 (3-5 minutes: "The hop-test paragraph is dense … and I read it twice"): the head names the test (its
#: finding is the cause's "Settled" line), each step one short sentence
_HOPS_STEPS_SEEN = {
    # agent round 69: "the box 'answered a secure test connection', yet the card says the box is the likelier cause"
    # agent round 74 (both read "answered a secure test connection set to stop there" twice): a short sentence each
    # agent round 75 ("'The box answered a secure connection' sounded at first like the box was cleared"): what reached
    # where, not who answered; agent round 76: the company is the provider (_hops_card's default): the router is named theirs
    # rounds 41-83 (secure sites 3-5 minutes in every form, the card about 700 words): one line, what the agents quoted of it
    # agent round 92 ("the hop wording also takes some network knowledge to trust"): what was seen in support's words, the
    # plain (http) try of the same servers in it
    # agent rounds 95-96 (read it twice): one short plain line, where secure ones stop and where plain ones pass; round 99 b
    # ("Hop test" jargon, skipped): without the name, in plain words
    # round 104 (agents opened the facts for the trace before paging the network team): the trace as recorded, compact
    ("box", "en"): [
        "Trace (for the network team), secure (https) to www.lab.example (198.51.100.80): hop 1, the box (10.77.0.1), answered; hops 2 and 3 "
        "silent (hop 2 tried twice). Plain (http): hop 2, our router (10.77.1.2), answered; hop 3 connected."
    ],
    ("box", "fr"): [
        "Trace (pour l’équipe réseau), sécurisé (https) vers www.lab.example (198.51.100.80)\u00a0: saut 1, la box (10.77.0.1), a répondu\u202f; "
        "sauts 2 et 3 muets (saut 2 essayé deux fois). Simple (http)\u00a0: saut 2, notre routeur (10.77.1.2), a répondu\u202f; saut 3 connecté."
    ],
    # agent round 75: the box that passes them on, in the same shape
    ("beyond", "en"): [
        "The hop test (how far secure connections get):",
        "  One step out: secure test connections reach the internet box (10.77.0.1), so this computer lets them out.",
        "  Three steps out: a secure one reaches a router beyond the box (10.77.1.2) too, so the box passes them on.",
    ],
    ("beyond", "fr"): [
        "Le test par étapes (jusqu’où vont les connexions sécurisées)\u00a0:",
        "  À une étape\u00a0: les connexions sécurisées d’essai arrivent jusqu’à la box internet (10.77.0.1), donc cet ordinateur les laisse sortir.",
        "  À trois étapes\u00a0: une sécurisée arrive aussi jusqu’à un routeur au-delà de la box (10.77.1.2), donc la box les laisse passer.",
    ],
}


def _hops_card(where: str, lang: str, provider: bool = True, also: dict[str, str] | None = None) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """A home's card where every secure site is stopped and the hops settle ``where`` ("box": the provider's router 10.77.1.2
    answered a plain one two steps out, the secure ones nothing; "beyond": it answered a secure one three steps out), with its
    facts and the site the customer named; ``also``: more checks on their fixtures."""
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.proxy": "lab_direct",
        "network.https": "lab_port_443_dropped",
        **(also or {}),
    }
    silent = {"status": "silent"}
    past = {"status": "time_exceeded", "from": "10.77.1.2"}
    probes = {
        "443@1": {"status": "time_exceeded", "from": "10.77.0.1"},
        "80@2": past,
        "443@2": silent,
        "443@2 again": silent,
        "80@3": {"status": "answered", "how": "connected"},
        "443@3": past if where == "beyond" else silent,
    }
    hops = {"address": "198.51.100.80", "plain_port": 80, "probes": probes}
    app = app_mod.start((), lang)
    scan, facts = judged(app, picks, "internet", more={"network.https": {"hops": hops}})
    tried = {"host": "www.mybank.example", "address": "198.51.100.90", "status": "timeout", "ms": 1500.0}
    symptoms = app.config.section("symptoms")
    card = supportcard.build(scan, facts, description=_where("home", lang), symptoms=symptoms, named_site=tried, provider=provider)
    return card, facts, tried


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("where", ["box", "beyond"])
def test_the_hop_test_is_shown_step_by_step_with_who_answered_at_each(where, lang) -> None:
    # the test's head, then one line under it per step out: the box's address and the secure one it answered (this
    # computer cleared, the box not), the router's address and what it answered (box case: a plain one, the secure ones
    # silent; beyond: a secure one, three steps out here, as 443@2 got no answer)
    card, facts, tried = _hops_card(where, lang)
    assert supportcard.hops_where(facts, tried) == where
    lines = _HOPS_STEPS_SEEN[(where, lang)]
    assert lines[0] in card.proof, card.to_text()
    at = card.proof.index(lines[0])
    assert card.proof[at : at + len(lines)] == lines, card.to_text()
    if where == "box":  # agent rounds 69-72: the hop lines read twice "to see that 'not settled' means our router versus the box"
        # rounds 74-82: no "Not settled" line; round 92 ("I'd need to know who to contact and whether I'm allowed to escalate on
        # one bundle"): the order's last step passes the card on now, saying why one bundle is enough (our router not ruled out)
        # round 96: the card passed on first, why in brackets (that router may be at fault); round 100: why now, in words
        why = {"en": "if it is our router, other customers have it too.", "fr": "si c’est notre routeur, d’autres clients ont la même panne."}
        assert card.order[0].endswith(why[lang]) and not card.cause_note, card.to_text()
    # the steps sit under the finding, each an entry of its own, in the text support reads (the box: one line)
    text = card.to_text()
    assert "".join(f"      - {line.strip()}\n" if supportcard.is_sub_item(line) else f"  - {line}\n" for line in lines) in text, text
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_secure_sites_card_says_where_they_stop_once_and_the_router_check_after_sending(lang) -> None:
    # agent rounds 65-68 (secure sites, 3-5 minutes where the other cases take 2): "The hop-test paragraph is dense … and I read
    # it twice"; "Checking the router for other affected homes is an extra task, though it doesn't hold up the reply"
    card, _facts, _tried = _hops_card("box", lang)
    card_part = card.to_text()  # the card alone, without the customer's screen and every result under it
    # where they stop (the box or the provider's router right behind it) is said once: the cause's "Settled" line
    behind = {"en": "right behind it", "fr": "juste derrière elle"}[lang]
    assert behind in card.cause and card_part.count(behind) == 1, card_part
    # the router's check: the second step of the order of work, after phoning (rounds 74-82: in the order, before the reply, no
    # more a note for later under it); round 92: the card passed on to the network team now, the router's address only where
    # the hop test shows it; round 93: in the same paragraph as phoning, after it
    # round 96: the card passed on first, its own numbered action
    then = {"en": "pass this card to your network team", "fr": "transmettez cette fiche à votre équipe réseau"}[lang]
    sent = {"en": "Reply you can send:", "fr": "Réponse à envoyer\u00a0:"}[lang]
    assert len(card.order) == 2 and 0 < card.order[0].index(then) and card_part.index(card.order[1]) < card_part.index(sent), card_part
    assert card_part.count("10.77.1.2") == 1 and "10.77.1.2" in " ".join(card.proof), card_part
    assert not any("10.77.1.2" in line for line in [*card.decide, *card.reply_note, *card.order]), card_part
    # the company that is not the provider: the reply sends them to their provider if the restart does not help
    theirs, _facts, _tried = _hops_card("box", lang, provider=False)
    assert theirs.order[1] == _t(lang, supportcard.ORDER_HTTPS_BOX_PROVIDER) and not any(then[:12] in line for line in theirs.to_text().splitlines()), (
        theirs.to_text()
    )
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_companys_own_router_is_named_so_from_its_first_mention_and_only_where_it_is_theirs(lang) -> None:
    # agent round 76 (secure sites, 3-4 minutes each): both reread "the note that 10.77.1.2 is our router … to make sure I
    # wasn't blaming the customer for something on our side": the card called it "the provider's router" in the cause and the
    # hop test, and said it was theirs only at the bottom ("For later … that router (10.77.1.2) is yours")
    ours = {"en": "our router", "fr": "notre routeur"}[lang]
    theirs = {"en": "provider's router", "fr": "routeur du fournisseur"}[lang]
    first = {"en": "or at our router right behind it:", "fr": "ou à notre routeur juste derrière elle\u00a0:"}[lang]  # round 94: then what tells
    card, _facts, _tried = _hops_card("box", lang)  # the company is the provider
    card_part = card.to_text()
    router_lines = [line for line in card_part.splitlines() if "10.77.1.2" in line or theirs in line or ours in line]
    # the first line that speaks of that router (the cause's Settled line) names it theirs; round 92 ("the hop wording also
    # takes some network knowledge to trust"): its address where the hop test shows it only
    assert first in card.cause and card.cause in router_lines[0], card_part
    assert ours in card.order[0] and "10.77.1.2" not in card.order[0], card_part  # the order of work: the card passed on now
    hops = _HOPS_STEPS_SEEN[("box", lang)][0]
    assert hops in card.proof and f"{ours} (10.77.1.2)" in hops, card_part  # the hop test
    # every line naming that router names it theirs, none "the provider's", and "is yours" is no more needed at the bottom
    assert all(ours in line for line in router_lines) and theirs not in card_part, card_part
    assert not any(word in card_part for word in ("is yours", "est le vôtre")), card_part
    # a company that is not the provider: the provider's router, never "your router"
    other, _facts, _tried = _hops_card("box", lang, provider=False)
    other_part = other.to_text()
    assert theirs in other.cause and ours not in other_part, other_part
    assert any(f"{theirs} (10.77.1.2)" in line for line in other.proof), other_part
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_support_service_failing_with_the_cause_is_said_once_where_the_sites_tried_are_not_in_the_cause(lang) -> None:
    # agent round 74 (secure sites, 4 minutes each): "'Support service: failing because of it' made me stop and work out how
    # the bundle reached us at all"; "the bundle clearly arrived, so it doesn't matter": the block that settles the cause
    # holds no word of it; round 82 (both agents stopped at the note under the reply, "nothing to do" and how the bundle came):
    # once, in a short line right under the secure sites tried, as one more of them
    card, _facts, _tried = _hops_card("box", lang, also={"network.support": "lab_port_443_dropped"})
    title = {"en": "Support service", "fr": "Service d’assistance"}[lang]
    cause = dict((key, lines) for key, _title, lines in card.sections())["cause"]
    assert not any(title in line for line in cause) and card.follows == [], card.to_text()
    # round 86: where the box is settled, after the three short lines that prove it (the sites tried the first of them);
    # round 104: failed as the other sites did, the support service adds nothing to the proof: not said on the card
    assert card.to_text().count(title) == 0 and not any(title in note for note in card.reply_note), card.to_text()
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("provider", [True, False])
def test_the_secure_sites_card_says_its_order_of_work_once_before_the_reply_and_the_support_service_once_short(provider, lang) -> None:
    # agent rounds 74-82 (secure sites about 4 minutes each, every other case 2): "I had to think about 'the box or our router'
    # before accepting that the reply is safe either way (a restart and the parental-control question test the box)"; "I had
    # to believe the note saying to send the reply before checking the router"; the card said it three times (the cause's
    # "Not settled (the reply covers each)", "Before you reply: Send it now, before checking that router", "About this
    # reply: For later, once the reply is sent"). And both stopped at "“Support service” failed too: … nothing to do. The
    # bundle still reached you: …". Now: the order of work once, right under the cause, before the reply; the open question
    # as its reason, once; the support service once, one short line
    card, _facts, _tried = _hops_card("box", lang, provider=provider, also={"network.support": "lab_port_443_dropped"})
    text = card.to_text()  # the card alone: the customer's screen and every result are not in it
    sections = [key for key, _title, _lines in card.sections()]
    assert sections.index("cause") + 1 == sections.index("order") < sections.index("reply"), sections
    assert "decide" not in sections, text  # nothing left to decide before the reply
    heading = {"en": "What to do:", "fr": "Que faire\u00a0:"}[lang]
    steps = dict((key, lines) for key, _title, lines in card.sections())["order"]
    # 1. the reply now: it tests the box (round 86: what each answer tells is under "What their answers tell"); agent round 89
    # ("choosing a phone call over email"): how to reach the customer decided, in the step
    # round 92: in fewer words, the customer first
    send = {
        "en": "1. Phone the customer first and read them the reply below: it tests the box. No answer: send it; they can read it on "
        "their phone with its Wi-Fi off.",
        "fr": "1. Appelez d’abord le client et lisez-lui la réponse ci-dessous\u00a0: elle teste la box. Pas de réponse\u00a0: envoyez-la\u202f; "
        "il pourra la lire sur son téléphone, Wi-Fi coupé.",
    }[lang]
    # 2. that router meanwhile (agent round 89), with the network team; round 92: the card passed on now, one bundle enough;
    # round 93 ("this card asks for two actions (phone first, escalate to the NOC now) rather than just a reply. I had to decide
    # whether to escalate now or wait for the restart result"): where that router is ours, one paragraph, the timing decided
    # round 96 (both paused on that paragraph): two numbered actions in the order an agent does them, the card passed on first
    decided = {
        # round 100 (both still decided whether to call before the restart's answer, and whether the restart is harmless if
        # the fault is ours): both now, why the network team now, the restart harmless
        "en": [
            "1. Now, without waiting for the restart's answer: pass this card to your network team; if it is our router, other customers have it too.",
            "2. Now too: phone the customer, read them the reply (the restart does no harm if the fault is ours); no answer: send it (they can read "
            "it on their phone, Wi-Fi off).",
        ],
        "fr": [
            "1. Tout de suite, sans attendre ce que donne le redémarrage\u00a0: transmettez cette fiche à votre équipe réseau\u202f; si c’est notre "
            "routeur, d’autres clients ont la même panne.",
            "2. Tout de suite aussi\u00a0: appelez le client, lisez-lui la réponse (le redémarrage ne gêne en rien si la panne est chez nous)\u202f; "
            "pas de réponse\u00a0: envoyez-la (il peut la lire sur son téléphone, Wi-Fi coupé).",
        ],
    }[lang]
    then = {
        "en": "2. If the restart does not help, the reply sends them to their internet provider (if that is your company, check "
        "the line and the box from your side).",
        "fr": "2. Si le redémarrage n’aide pas, la réponse envoie le client vers son fournisseur d’accès (si c’est votre "
        "entreprise, vérifiez la ligne et la box de votre côté).",
    }[lang]
    # why that order, last, where the reply sends them to their provider: the hop test cannot tell the box from that router; why
    # the box is likelier (round 92: where that router is ours, nothing waits: both steps now, no order to explain)
    why = {
        "en": "Why this order: the tests cannot tell the box from the provider's router (10.77.1.2). The box is likelier: a "
        "fault in that router would hit every home behind it.",
        "fr": "Pourquoi cet ordre\u00a0: les essais ne peuvent pas distinguer la box du routeur du fournisseur (10.77.1.2). La "
        "box est plus probable\u00a0: une panne de ce routeur toucherait tous les foyers derrière lui.",
    }[lang]
    assert steps == (decided if provider else [send, then, why]) and not card.reach, steps
    # in the text support reads: the block right under the cause, its steps numbered
    block = f"\n{heading}\n  {decided[0]}\n  {decided[1]}\n\n" if provider else f"\n{heading}\n  {send}\n  {then}\n  - {why}\n"
    assert block in text, text
    assert text.index(heading) < text.index({"en": "Reply you can send:", "fr": "Réponse à envoyer\u00a0:"}[lang]), text
    # said once: the open question (no "Not settled" line), sending now, the hop test's verdict, the likelier box, the router's check
    once = {
        "en": ("pass this card" if provider else "tests cannot tell", "send it", "network team", "if the restart does not help"),
        "fr": (
            "transmettez cette fiche" if provider else "essais ne peuvent pas",
            "envoyez-la",
            "équipe réseau",
            "si le redémarrage n’aide pas",
        ),
    }[lang]
    for words in once[:2]:
        assert text.count(words) == 1, (words, text)
    # (round 104: the trace's label names whom it is for, not an order of work)
    trace_label = {"en": "trace (for the network team)", "fr": "trace (pour l’équipe réseau)"}[lang]
    assert text.lower().replace(trace_label, "").count(once[2 if provider else 3]) == 1, text
    assert not card.cause_note and not any(word in text for word in ("Not settled", "Pas établi", "For later", "Pour plus tard")), text
    # the support service's failure: not under the reply, no "nothing to do", no how the bundle came; round 104: failed as the
    # other sites did, it adds nothing to the proof and is not said (its row below the card says it follows from the cause)
    title = {"en": "Support service", "fr": "Service d’assistance"}[lang]
    assert not [line for line in text.splitlines() if title in line], text
    assert not any(words in text for words in ("nothing to do", "rien à faire", "reached you", "vous est quand même parvenu")), text
    app_mod.start((), "en")


#: the lab case's other network checks (scripts/support_reading.py --case secure-sites-blocked), on their lab recordings
_LAB_CHECKS = {
    "network.support": "lab_port_443_dropped",
    "network.dns": "lab_two_resolvers",
    "network.clock": "lab_clock_right",
    "network.quality": "lab_steady",
    "network.captive_portal": "lab_open_internet",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("provider", [True, False])
def test_the_secure_sites_card_at_the_box_proves_it_in_three_short_lines_and_says_under_400_words_of_its_own(provider, lang) -> None:
    # agent rounds 41-83 (about sixty readings): secure sites 3-5 minutes in every form tried, 4 and 4-5 in round 83, where
    # every other case takes about 2; the card was about 700 words, the reading seeming to follow its length. "What proves it"
    # said the cause again at length (each site with its address, the wait, the hop test in two long lines), "Ruled out" had
    # nine lines, "Ask the customer next" asked the reply's questions again. What the agents quoted stays: the router's address,
    # the hop test's result, why the box is likelier, the order of work, phoning or mobile data, the customer's named sites
    card, _facts, _tried = _hops_card("box", lang, provider=provider, also=_LAB_CHECKS)
    text = card.to_text()
    proof = {
        "en": [
            # agent round 93 (each line checked): why Gmail is the same, in fewer words
            # agent round 95 ("the card says '3 sites', and I briefly looked for the third one"): which, by name
            "No secure (https) answer from the customer's www.mybank.example, www.lab.example. “Gmail”, not tried, uses https too.",
            # agent round 92 ("the hop wording also takes some network knowledge to trust"): in support's words, with the plain one;
            # rounds 95-96 (read twice): one short plain line; round 104: the trace as recorded, for the network team; the
            # support service, failed as the other sites did, adds nothing: no line
            _lab_trace(lang, ours=provider),
        ],
        "fr": [
            "Aucune réponse en sécurisé (https) de www.mybank.example (celui du client), www.lab.example. «\u00a0Gmail\u00a0», pas essayé, est aussi en https.",
            _lab_trace(lang, ours=provider),
        ],
    }[lang]
    assert card.proof == proof, text
    # "Ruled out": what could stop secure sites in one line (names, proxy, clock, the line, this computer's firewall; agent round
    # 89: one or two short lines, the figures in the results and the bundle), the rest in one line (not "the box itself": the
    # box is the likelier place)
    # (round 93: the line without why: the hop test's line says plain (http) ones go through)
    none_stops = {
        "en": "Checked, none stops them: finding websites by name, the proxy, the date and time, the line, this computer's firewall "
        "(secure test connections reach the box).",
        "fr": "Vérifiés, aucun ne les arrête\u00a0: la recherche des sites par leur nom, le proxy, la date et l’heure, la ligne, le pare-feu "
        "de cet ordinateur (des connexions sécurisées d’essai arrivent jusqu’à la box).",
    }[lang]
    # round 92 (the card's length): what cannot stop secure sites alone (the link, the box switched on, a steady connection, no
    # sign-in page) is no line of the card: their OK is in every result below it
    assert card.ruled_out == [none_stops], text
    # the reply asks whether the sites open after the restart and about parental control: what each answer tells, one line
    # each, in place of "Ask the customer next" (as the cuts card); round 93: one line where that router is ours (the card is
    # passed on at once, whatever they answer)
    tells = (
        [supportcard.HTTPS_TELLS_OURS_BOX, supportcard.HTTPS_TELLS_OURS_ROUTER]
        if provider
        else [supportcard.HTTPS_RESTART_ANSWER_HOME_ALL, supportcard.HTTPS_SETTING_TELLS, supportcard.HTTPS_NEITHER_TELLS]
    )
    assert card.answers == [_t(lang, line) for line in tells] and not card.next_question, text
    assert {"en": "What their answers tell:", "fr": "Ce que ses réponses indiquent\u00a0:"}[lang] in text, text
    # what the agents quoted stays: the router's address (round 92: in the hop test only) and the order of work, phoning
    team = _t(lang, supportcard.YOUR_NETWORK_TEAM)
    assert "(10.77.1.2)" not in card.cause and card.order[-1] == (
        _t(lang, supportcard.ORDER_HTTPS_BOX_OURS_PHONE) if provider else _t(lang, supportcard.ORDER_HTTPS_BOX_WHY).format(router="10.77.1.2")
    ), text
    assert card.order[0] == (_t(lang, supportcard.ORDER_HTTPS_BOX_OURS_NOW).format(team=team) if provider else _t(lang, supportcard.ORDER_HTTPS_BOX_PHONE))
    assert not card.reach, text
    # the card's own words (the customer's words and the reply to send are not the card's to shorten: 196 of them here) under
    # the issue's 400, French a fifth longer: 456 and 547 before
    own = sum(len(f"{title} {' '.join(lines)}".split()) for key, title, lines in card.sections() if key not in ("customer", "reply"))
    assert own <= {"en": 400, "fr": 480}[lang], (own, text)
    app_mod.start((), "en")


def _windows_rules() -> dict[str, str]:
    """The real Windows 11 24H2 FirewallRules export (tests/fixtures/windows/SOURCES), read as test_firewall_outbound reads it."""
    from test_firewall_outbound import registry_rules

    return registry_rules("firewall_rules_sharedaccess.reg")


def _windows_outbound(rules: dict[str, str]) -> dict[str, Any]:
    """security.firewall's "outbound" facts from registry rules, every profile's firewall on, nothing blocked by default."""
    from selfcheck.platforms import windows

    return windows.windows_outbound(rules, {"domain": 0, "private": 0, "public": 0}, {"domain": True, "private": True, "public": True}, [])


def _firewalld_outbound() -> dict[str, Any]:
    """security.firewall's "outbound" facts on a firewalld computer (nftables' own recording of firewalld's ruleset)."""
    from selfcheck.platforms import linux

    parsed = linux.parse_nft_json_outbound((Path(__file__).parent / "fixtures" / "linux" / "nft_j_ruleset_firewalld.json").read_text())
    assert parsed is not None
    read = {"read": True, "sources": ["nftables"], "why_not": None, "other_firewalls": []}
    return {**read, "default_block": parsed["default_block"], "secure_blocks": parsed["secure_blocks"], "more": parsed["more"]}


#: the secure sites tried: the lab's test site (198.51.100.80, a documentation address standing for a public one, as the
#: plain (http) probe to the same server has it) and the customer's own at a public IPv6 address (www.example.com's)
_PUBLIC = ("198.51.100.80", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")


def _public_card(lang: str, own: dict[str, Any], addresses: tuple[str, str] = _PUBLIC) -> Any:
    """_own_card's bundle with the secure sites tried (selfcheck's and the customer's own) at ``addresses``."""
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.proxy": "lab_direct",
        "network.https": "lab_port_443_dropped",
    }
    results = {"https://www.lab.example/": {"status": "timeout", "error": "timed out", "ms": 1502.7, "address": addresses[0]}}
    scan, facts = judged(app_mod.start((), lang), picks, "internet", more={"network.https": {"own_firewall": own, "results": results}})
    tried = {"host": "www.mybank.example", "address": addresses[1], "status": "timeout", "ms": 1500.0}
    symptoms = app_mod.start((), lang).config.section("symptoms")
    return supportcard.build(scan, facts, description=_where("home", lang), symptoms=symptoms, named_site=tried, provider=True)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_secure_sites_card_settles_not_this_computer_on_a_real_windows_11_and_a_real_firewalld_computer(lang) -> None:
    # issue 21 (fwrel): a real Windows 11 blocks outgoing TCP 443 with 36 of its own rules, 35 for one program, service or
    # Store app (svchost.exe's telemetry, Store packages), the only one for every program to "IntrAnet" (local addresses
    # only); firewalld rejects outgoing connections to IPv6 forms of private ranges. None stops a web browser reaching public
    # sites: the card said "most likely not this computer" for ever on them; the facts settle it
    own_line = {
        "en": "Its own firewall was read and stops no secure connection of a web browser to the sites tried ({source}).",
        "fr": "Son propre pare-feu a été lu et n’arrête aucune connexion sécurisée d’un navigateur web vers les sites essayés ({source}).",
    }[lang]
    for own, source in ((_windows_outbound(_windows_rules()), {"en": "Windows Firewall", "fr": "Pare-feu Windows"}[lang]), (_firewalld_outbound(), "nftables")):
        assert own["secure_blocks"], own  # rules are listed: they stop secure connections of other programs, or to other places
        card = _public_card(lang, own)
        text = card.to_text()
        assert card.cause == _t(lang, supportcard.HTTPS_SETTLED_HOME_ALL_OWN), text
        head = card.proof.index(_t(lang, supportcard.HTTPS_CLEARED))
        assert card.proof[head + 1 :][-1] == supportcard.SUB_ITEM + own_line.format(source=source), text
        assert _t(lang, supportcard.HTTPS_ALL_CLEARED) not in card.proof and card.decide[0] == _t(lang, supportcard.REPLY_NOTE_HTTPS_SETTLED), text
        assert not any(line.startswith(_t(lang, supportcard.HTTPS_OWN_HEAD).split("(")[0]) for line in card.proof), text
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_secure_sites_card_keeps_most_likely_where_a_program_decides_outgoing_connections(lang) -> None:
    # an application firewall (OpenSnitch) adds to the real firewalld ruleset an output chain whose rule hands every new
    # connection to its program ("ct state new queue num 0 bypass": OpenSnitch's daemon/firewall/nftables/rules.go,
    # QueueConnections, in table inet mangle; the queue expression as nftables' own tests/py/any/queue.t.json writes it):
    # that program may deny the browser, and its rules are not read: "Not this computer" is not settled
    from selfcheck.platforms import linux

    ruleset = json.loads((Path(__file__).parent / "fixtures" / "linux" / "nft_j_ruleset_firewalld.json").read_text())
    mangle = {"family": "inet", "table": "mangle", "name": "output"}
    ruleset["nftables"] += [
        {"table": {"family": "inet", "name": "mangle", "handle": 900}},
        {"chain": {**mangle, "handle": 1, "type": "route", "hook": "output", "prio": -150, "policy": "accept"}},
        {
            "rule": {
                "family": "inet", "table": "mangle", "chain": "output", "handle": 2,
                "expr": [{"match": {"op": "in", "left": {"ct": {"key": "state"}}, "right": ["new", "related"]}}, {"queue": {"num": 0, "flags": "bypass"}}],
            }
        },
    ]  # fmt: skip
    parsed = linux.parse_nft_json_outbound(json.dumps(ruleset))
    assert parsed is not None
    own = {**_firewalld_outbound(), "more": parsed["more"]}
    card = _public_card(lang, own)
    text = card.to_text()
    assert card.cause != _t(lang, supportcard.HTTPS_SETTLED_HOME_ALL_OWN) and _t(lang, supportcard.HTTPS_CLEARED) not in card.proof, text
    assert _t(lang, supportcard.HTTPS_ALL_CLEARED) in card.proof, text
    # legacy iptables' filter table handing them to a program: the same
    assert linux.parse_iptables_s_output("-P OUTPUT ACCEPT\n-A OUTPUT -m conntrack --ctstate NEW -j NFQUEUE --queue-num 0 --queue-bypass\n")["more"] is True
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_secure_sites_card_names_a_browsers_own_rule_and_a_range_that_holds_a_site_tried(lang) -> None:
    # a real rule of that Windows 11 export (deviceenroller.exe's outgoing TCP 80 and 443 block): the rule string is real,
    # only its App= is changed to Google Chrome's program: a rule for the customer's browser stops what they complain of
    name = "Microsoft-Windows-DeviceManagement-deviceenroller-TCP-Out"
    rules = _windows_rules()
    rules[name] = rules[name].replace(r"App=%SystemRoot%\system32\deviceenroller.exe", r"App=%ProgramFiles%\Google\Chrome\Application\chrome.exe")
    assert "chrome.exe" in rules[name]
    card = _public_card(lang, _windows_outbound(rules))
    text = card.to_text()
    assert card.cause == _t(lang, supportcard.HTTPS_OWN_CAUSE), text
    head = card.proof.index(_t(lang, supportcard.HTTPS_OWN_HEAD).format(source={"en": "Windows Firewall", "fr": "Pare-feu Windows"}[lang]))
    [named] = card.proof[head + 1 :]
    assert "App=chrome.exe" in named and name in named and "RPort=443" in named, text  # the IntrAnet rule and svchost.exe's: not named
    # the real firewalld rule, a site tried at a 6to4 address in its last range (2002:e000::/19, past what its shown
    # destination holds): named
    card = _public_card(lang, _firewalld_outbound(), ("198.51.100.80", "2002:e000::1"))
    text = card.to_text()
    assert card.cause == _t(lang, supportcard.HTTPS_OWN_CAUSE), text
    assert any(line.startswith(supportcard.SUB_ITEM) and "firewalld filter_OUTPUT" in line for line in card.proof), text
    app_mod.start((), "en")


def test_own_firewall_facts_from_a_bundle_are_bounded_and_inert() -> None:
    # another process's text (the rule as nft or the registry shows it) in a hostile bundle
    own = supportcard.own_firewall(
        {
            "read": "yes",
            "sources": ["nftables", "evil", 3],
            "why_not": "x" * 50,
            "secure_blocks": [{"rule": "a\nb" + "x" * 500, "where": "w" * 200, "program": "C:\\Users\\jane\\chrome.exe"}] * 20 + ["nope"],
            "other_firewalls": "Norton",
        }
    )
    assert own is not None and own["read"] is False and own["sources"] == ["nftables"] and own["why_not"] is None
    assert len(own["secure_blocks"]) == 10 and own["other_firewalls"] == []
    block = own["secure_blocks"][0]
    assert "\n" not in block["rule"] and len(block["rule"]) == 160 and len(block["where"]) == 80 and block["program"] == "chrome.exe"
    assert supportcard.own_firewall(None) is None and supportcard.own_firewall([1]) is None


def _refused_card(lang: str, own: dict[str, Any] | None = None, theirs: str = "forbidden") -> Any:
    """The lab's secure-sites bundle where this computer refused every secure site itself (netprobe's "forbidden": Windows'
    WinError 10013, as for a firewall rule or a security program's block), the customer's own site tried too."""
    picks = {
        "network.link": "lab_wired",
        "network.gateway": "lab_router_answers",
        "network.internet": "lab_line_works",
        "network.proxy": "lab_direct",
        "network.https": "lab_port_443_dropped",
    }
    refused = {"status": "forbidden", "errno": 13, "winerror": 10013, "ms": 0.4, "address": "198.51.100.80"}
    more: dict[str, Any] = {"results": {"https://www.lab.example/": refused}}
    if own is not None:
        more["own_firewall"] = own
    scan, facts = judged(app_mod.start((), lang), picks, "internet", more={"network.https": more})
    tried = {"host": "www.mybank.example", "address": "198.51.100.90", "status": theirs, "errno": 13}
    symptoms = app_mod.start((), lang).config.section("symptoms")
    return supportcard.build(scan, facts, description=_where("home", lang), symptoms=symptoms, named_site=tried, provider=True)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_secure_sites_card_settles_that_this_computer_refused_them_itself(lang) -> None:
    # issue 21: Windows answers "access forbidden" (WinError 10013) at once for a firewall rule or a security program's block;
    # the card looked only at sites that got no answer, so it never reached "this computer stops them" though the system said so
    card = _refused_card(lang)
    text = card.to_text()
    assert (
        card.cause
        == {
            "en": "Settled: every secure (https) site tried failed because this computer refused to open them itself: the system answered "
            "“access forbidden”, as it does for a firewall rule or a security program's block; not the internet box, the line or the websites.",
            "fr": "Établi\u00a0: chaque site sécurisé (https) essayé a échoué parce que cet ordinateur a refusé lui-même de les ouvrir\u00a0: le système a "
            "répondu «\u00a0accès interdit\u00a0», comme il le fait pour une règle de pare-feu ou le blocage d’un programme de sécurité\u202f; ni la box "
            "internet, ni la ligne, ni les sites.",
        }[lang]
    ), text
    assert card.confidence == "high" and not card.cause_note, text
    outcome = {
        "en": "refused by this computer itself before anything left it (the system answered “access forbidden”)",
        "fr": "refusé par cet ordinateur lui-même avant que quoi que ce soit n’en sorte (le système a répondu «\u00a0accès interdit\u00a0»)",
    }[lang]
    assert (
        supportcard.SUB_ITEM + {"en": "www.lab.example (198.51.100.80): ", "fr": "www.lab.example (198.51.100.80)\u00a0: "}[lang] + outcome + "." in card.proof
    ), text
    assert any(line.startswith(("The site the customer named", "Le site cité")) and outcome in line for line in card.proof), text
    # the own-setting reply and question: no box restart, a call to change the setting together
    assert card.reply.splitlines()[1:3] == [_t(lang, supportcard.REPLY_OWN_SETTING), _t(lang, supportcard.REPLY_OWN_CALL)], card.reply
    assert {"en": "Restart", "fr": "Redémarrez"}[lang] not in card.reply, card.reply
    assert card.next_question == _t(lang, supportcard.HTTPS_OWN_ASK) and card.decide == [_t(lang, supportcard.REPLY_NOTE_HTTPS_OWN)], text
    # the rule, when its own firewall names one for these sites
    rule = {"rule": "Block web", "where": "outgoing rules", "only_to": None, "program": None, "to": None}
    own = {"read": True, "sources": ["windows"], "why_not": None, "default_block": False, "secure_blocks": [rule], "other_firewalls": []}
    named = _refused_card(lang, own)
    head = named.proof.index(_t(lang, supportcard.HTTPS_OWN_HEAD).format(source=_t(lang, "Windows Firewall")))
    assert (
        named.proof[head + 1]
        == supportcard.SUB_ITEM + {"en": "Rule “Block web”, in outgoing rules.", "fr": "Règle «\u00a0Block web\u00a0», dans outgoing rules."}[lang]
    )
    assert named.cause == card.cause, named.to_text()
    # the customer's own site got no answer: not every site was refused here: not settled so
    other = _refused_card(lang, theirs="timeout")
    assert other.cause != card.cause and other.next_question != card.next_question, other.to_text()
    app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_cards_figures_are_written_as_the_agent_writes_numbers(lang) -> None:
    """French review (s32): a French agent's card said "(abandon après 1.5 s)" and "en retard de 18000 s", English
    decimals and a long number in one block. Now '1,5 s' and '18 000 s' (narrow no-break space, as French groups digits
    and as the photos' count already did); English as it was ('1.5 s', '18000 s': a measured count as the computer gave it)."""
    app = app_mod.start((), lang)
    try:
        scan, facts = judged(
            app, {"network.https": "lab_port_443_dropped", "network.internet": "lab_line_works", "network.gateway": "lab_router_answers"}, "internet"
        )
        proof = supportcard.build(scan, facts).proof
        # agent round 52: said once, in the line over the sites; a wait that differs from site to site as a range
        waited = {"en": "(selfcheck gave up on each after 1.5 s)", "fr": "(selfcheck a abandonné chacun après 1,5\u00a0s)"}[lang]
        assert waited in proof[0], proof
        theirs = {"host": "www.mybank.example", "address": "198.51.100.90", "status": "timeout", "ms": 1600.0}
        proof = supportcard.build(scan, facts, named_site=theirs).proof
        ranged = {"en": "(selfcheck gave up on each after 1.5 to 1.6 s)", "fr": "(selfcheck a abandonné chacun après 1,5 à 1,6\u00a0s)"}[lang]
        assert ranged in proof[0], proof
        scan, facts = judged(app, {"network.clock": "lab_clock_5_hours_behind", "network.https": "lab_clock_wrong"}, "internet")
        proof = supportcard.build(scan, facts).proof
        behind = {
            "en": "Time server ntp.lab.example (198.51.100.123): this computer is 18000 s (5 h 0 min) behind.",
            "fr": "Serveur de temps ntp.lab.example (198.51.100.123)\u00a0: cet ordinateur est en retard de 18\u202f000\u00a0s (5\u00a0h\u00a00\u00a0min).",
        }[lang]
        assert behind in proof, proof
    finally:
        app_mod.start((), "en")


def test_read_only_volumes_without_a_disk_of_their_own_are_left_out_of_the_card() -> None:
    """A lab computer with 200 read-only tmpfs mounts, full by design (like snap images), and a full USB stick: the card's
    "What proves it" listed all 200 (the check passes them as read-only media), burying the stick that is the cause."""
    system = {"mountpoint": "/", "device": "/dev/nvme0n1p2", "fstype": "ext4", "role": "system", "total": 271 * 10**9, "free": 64_700_000_000}
    stick = {"mountpoint": "/media/lab-stick", "device": "/dev/sdb1", "fstype": "ext4", "role": "other", "total": 57_400_000, "free": 0}
    images = [
        {"mountpoint": f"/mnt/lab-snap/app{n}", "device": "tmpfs", "fstype": "tmpfs", "role": "other", "total": 2_100_000, "free": 94_200, "readonly": True}
        for n in range(1, 201)
    ]
    broken = {**stick, "mountpoint": "/media/old-stick", "device": "/dev/sdc1", "readonly": True}  # a disk mounted read-only after errors stays
    lines = supportcard._disk_lines({"volumes": [system, stick, *images, broken]})
    assert [line.split(" ", 1)[0] for line in lines] == ["/", "/media/lab-stick", "/media/old-stick"], lines


def test_a_disk_image_mounted_read_only_is_left_out_of_the_card_like_other_images() -> None:
    """An ext4 image mounted with ``mount -o ro,loop`` at /mnt/s32-image (tried for real): the card's "What proves it"
    listed '/mnt/s32-image (other): 52.7 MB free of 57.4 MB.' as if it were one of the customer's disks."""
    system = {"mountpoint": "/", "device": "/dev/vda", "fstype": "ext4", "role": "system", "total": 271 * 10**9, "free": 63_600_000_000}
    image = {
        "mountpoint": "/mnt/s32-image",
        "device": "/dev/loop0",
        "fstype": "ext4",
        "role": "other",
        "total": 57_400_000,
        "free": 52_700_000,
        "readonly": True,
    }
    broken = {**image, "mountpoint": "/media/old-stick", "device": "/dev/sdc1"}  # a disk mounted read-only after errors stays
    lines = supportcard._disk_lines({"volumes": [system, image, broken]})
    assert [line.split(" ", 1)[0] for line in lines] == ["/", "/media/old-stick"], lines


def test_a_folder_name_that_is_no_text_is_shown_inert_on_the_card() -> None:
    """A folder named with bytes that are no UTF-8 and a line break, as an older selfcheck (or a hostile bundle) recorded it:
    the card showed it raw (its line broken in two, the bytes as they came); now escaped, on one line, bounded."""
    facts = {
        "largest_folders": {
            "/home": {
                "root": "/home/marie",
                "folders": [{"name": "Bad\udcff\udcfe name\nsecond line\x1b[2J", "bytes": 50_000_000}, {"name": "x" * 300, "bytes": 10_000_000}],
                "complete": True,
            }
        }
    }
    question = supportcard.full_volume_question(facts)
    assert question.startswith("The biggest folder is Bad\\xff\\xfe name\\nsecond line\\x1b[2J (50 MB): "), question
    line = supportcard._disk_lines(facts)[0]
    assert "Bad\\xff\\xfe name\\nsecond line\\x1b[2J 50 MB, " + "x" * 79 + "… 10 MB." in line, line
    assert line.encode("utf-8") and "\n" not in line and "\x1b" not in line


def test_where_answered_with_a_choice_of_no_known_value_is_not_said_unanswered() -> None:
    """Review of 5585b65: "Where are you? Not answered." was said under the customer's own answer to it ("Where are you? At
    a friend's") where that answer held no value the card knows: a company's own choice (a value of its own, or none), or a
    bundle of a version that kept none. The agent read that the customer both answered and did not."""
    app = app_mod.start((), "en")
    scan, facts = judged(
        app, {"network.https": "lab_port_443_dropped", "network.internet": "lab_line_works", "network.gateway": "lab_router_answers"}, "internet"
    )
    symptoms = app.config.section("symptoms")
    own = [
        {"id": "where", "question": "Where are you?", "answer": "At a friend's"},  # no value
        {"id": "where", "question": "Where are you?", "answer": "At school", "value": "school"},  # a company's value
    ]
    for answer in own:
        said = {"symptom": "internet", "problem": "My bank's website does not open.", "answers": [answer]}
        card = supportcard.build(scan, facts, description=said, symptoms=symptoms)
        assert f"Where are you? {answer['answer']}" in card.customer, card.customer
        assert "Where are you? Not answered." not in card.customer, card.customer
    blank = {"symptom": "internet", "problem": "My bank's website does not open.", "answers": [{"id": "where", "question": "Where are you?", "answer": " "}]}
    assert "Where are you? Not answered." in supportcard.build(scan, facts, description=blank, symptoms=symptoms).customer


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_full_home_reply_names_the_program_the_customer_named(lang) -> None:
    # agent rounds 63 and 66: both wrote "keep LibreOffice open" where the card's reply said "the program that cannot save":
    # where the customer answered "Which program does it happen in?", the reply names it, once, in their words

    disk, step, others = _full_home(lang)
    scan = {
        "results": [{"id": "hardware.disk", "title": "Room on this computer", "status": "fail", "summary": "Full."}],
        "language": lang,
        "diagnosis": {"root_causes": ["hardware.disk"], "verdict": {"action": {"text": step, "check_id": "hardware.disk", "steps": others}}},
    }
    app_mod.start((), "en")

    def reply(answer: object) -> list[str]:
        said = {"problem": "It cannot save my letter", "answers": [{"id": "which_program", "question": "Which program?", "answer": answer}]}
        return supportcard.build(scan, {"hardware.disk": disk}, description=said).reply.splitlines()

    named = {
        "en": "First, keep LibreOffice Writer open (do not close it), so your work is not lost.",
        "fr": "D’abord, laissez LibreOffice Writer ouvert (ne le fermez pas), pour ne pas perdre votre travail.",
    }[lang]
    plain = {
        "en": "First, keep the program that cannot save open (do not close it), so your work is not lost.",
        "fr": "D’abord, laissez ouvert le programme qui n’arrive pas à enregistrer (ne le fermez pas), pour ne pas perdre votre travail.",
    }[lang]
    assert reply("  LibreOffice\n Writer ")[1] == named
    assert sum("LibreOffice" in line for line in reply("LibreOffice Writer")) == 1
    # not answered, a sentence rather than a name, a doubt, or not text: the plain words
    for answer in ("", "I was writing to my sister when the message came and then it said it could not", 5, "I don't know", "je ne sais pas", "?"):
        assert reply(answer)[1] == plain, answer
    # review 38c: "Word." read "keep Word. open", "In Word" "keep In Word open": the name alone
    for answer in ("LibreOffice Writer.", "In LibreOffice Writer", "dans LibreOffice Writer"):
        assert reply(answer)[1] == named, answer
    # a bundle is hostile: a control character in the name is shown, not sent raw
    assert "\x1b" not in "\n".join(reply("Word\x1b[2J"))


@pytest.mark.parametrize("customer_lang", ["en", "fr"])
@pytest.mark.parametrize("agent_lang", ["en", "fr"])
def test_keep_the_program_open_is_said_once_whatever_the_agent_and_customer_languages(customer_lang, agent_lang) -> None:
    # agent round 18: "says 'keep the program open' twice". The reply is in the customer's language and the card in the
    # agent's: a French customer's card read in English said it twice, the reply's words looked for in the agent's language
    disk, step, others = _full_home(customer_lang)
    scan = {
        "results": [{"id": "hardware.disk", "title": "Room on this computer", "status": "fail", "summary": "Full."}],
        "language": customer_lang,
        "diagnosis": {"root_causes": ["hardware.disk"], "verdict": {"action": {"text": step, "check_id": "hardware.disk", "steps": others}}},
    }
    app_mod.start((), agent_lang)
    try:
        for answer in ("LibreOffice Writer", ""):
            said = {"problem": "It cannot save my letter", "answers": [{"id": "which_program", "question": "Which program?", "answer": answer}]}
            card = supportcard.build(scan, {"hardware.disk": disk}, description=said)
            keep = {"en": "keep", "fr": "laissez"}[customer_lang]
            assert sum(keep in line.lower() for line in card.reply.splitlines()) == 1, card.reply  # the reply says it
            # and the card's own question does not say it again, in the agent's words
            assert not any(w in card.next_question.lower() for w in ("keep the program", "laisser ouvert", "laissez ouvert", "garder")), card.next_question
    finally:
        app_mod.start((), "en")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("provider", [True, False])
def test_the_secure_sites_card_reads_in_under_two_minutes_its_first_step_decided(provider, lang) -> None:
    # support-agent round 89 (secure sites, 3-4 minutes each where the issue asks two): the card's length (564 words: reading
    # alone takes more than two minutes at 250 a minute), "choosing a phone call over email", "checking the other homes behind our
    # router" and when ("I'd check the other homes right away rather than wait for the customer"), and "I also stopped briefly
    # on 'Gmail not tried: surely the same'". Words counted, not time: the whole card, the customer's words and the reply too,
    # 552 and 636 before (a company that is not the provider 549 and 641), 505 and 567 after (508 and 576)
    card, _facts, _tried = _hops_card("box", lang, provider=provider, also=_LAB_CHECKS)
    text = card.to_text()
    words = len(text.split())
    assert words <= {"en": 515, "fr": 585}[lang], (words, text)
    steps = dict((key, lines) for key, _title, lines in card.sections())["order"]
    # one decided first action, the way to reach them in it (no second line to weigh); the router meanwhile where it is ours
    # (round 92: passed on now; round 93: in the same paragraph, without waiting for the restart)
    # round 96: where it is ours, two numbered actions, the card passed on first, then the customer phoned
    first = supportcard.ORDER_HTTPS_BOX_OURS_NOW if provider else supportcard.ORDER_HTTPS_BOX_PHONE
    assert steps[0] == _t(lang, first).format(team=_t(lang, supportcard.YOUR_NETWORK_TEAM)), steps
    assert not provider or steps[1] == _t(lang, supportcard.ORDER_HTTPS_BOX_OURS_PHONE), steps
    assert not any(supportcard.is_sub_item(line) for line in steps) and len(steps) == (2 if provider else 3), steps
    # why the named site not tried is the same, in place of "surely"
    assert not any(word in text for word in ("surely", "sûrement")), text
    assert _t(lang, supportcard.HTTPS_BOX_ALSO).format(named=_t(lang, "“{word}”").format(word="Gmail")) in card.proof[0], card.proof
    # "Ruled out" in one short line (round 92: "Also fine" no more), no figures (they are in the results and the bundle)
    assert len(card.ruled_out) == 1 and not any(re.search(r"\d", line) for line in card.ruled_out), card.ruled_out
    app_mod.start((), "en")


@pytest.mark.parametrize(
    "lang, proof",
    [
        # a key the company's check names nowhere, as the window and report.html show it: "_" as spaces
        ("en", ["connected: no", "latency ms: 14.2", "gateways: vpn1, vpn2", "tries: 1.5; 2.25"]),
        ("fr", ["connected\u00a0: non", "latency ms\u00a0: 14,2", "gateways\u00a0: vpn1, vpn2", "tries\u00a0: 1,5\u202f; 2,25"]),
    ],
)
def test_a_checks_own_evidence_reads_in_the_cards_language(lang, proof) -> None:
    """A company check's evidence, shown as it is where the card has no words of its own for it, read « connected: False »,
    « latency_ms: 14.2 » on a French card: yes and no, and decimals, as the reader writes them; the colon as French writes it."""
    scan = {
        "results": [
            {
                "id": "acme.vpn",
                "title": "ACME VPN",
                "status": "fail",
                "summary": "The VPN does not answer.",
                "category": "network",
                "evidence": {"connected": False, "latency_ms": 14.2, "gateways": ["vpn1", "vpn2"], "tries": [1.5, 2.25]},
            }
        ],
        "diagnosis": {"root_causes": ["acme.vpn"]},
    }
    with i18n.language(lang):
        card = supportcard.build(scan, {})
    assert card.cause_id == "acme.vpn" and card.proof == proof


@pytest.mark.parametrize(
    "question, answer, line",
    [
        ("Which website does not open? (its address, if you know it)", "www.mybank.example", "Which website does not open? www.mybank.example"),
        ("Quel site ne s’ouvre pas ? (son adresse, si vous la connaissez)", "www.mabanque.example", "Quel site ne s’ouvre pas ? www.mabanque.example"),
        ("Where are you?", "At home", "Where are you? At home"),
        ("(optional)", "yes", "(optional) yes"),  # a question that is only a hint stays as written
    ],
)
def test_the_customers_answer_is_not_stuck_to_the_questions_hint(question, answer, line) -> None:
    # the lab's secure-sites card (agent rounds 93-96) read "Which website does not open? (its address, if you know it)
    # www.mybank.example": the hint the customer saw, then the answer, on one line; the card shows the question and the answer
    assert supportcard.customer_answers({"answers": [{"question": question, "answer": answer}]}) == [line]
