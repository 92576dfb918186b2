"""devices.printer against a real print service (private cupsd) and a simulated network printer
(ippeveprinter): every fault made for real, named right in English and French, and the fix verified."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import devicelab
from selfcheck import i18n
from selfcheck.api import Context, Fix, Status
from selfcheck.checks.devices_printer import PrinterCheck
from selfcheck.config import load
from selfcheck.devices.actions import device_action


@pytest.fixture(autouse=True)
def cups_env(cups, monkeypatch):
    monkeypatch.setenv("CUPS_SERVER", cups.socket)
    monkeypatch.setenv("HOME", str(cups.dir))  # no ~/.cups of the person running the tests
    monkeypatch.delenv("LPDEST", raising=False)
    monkeypatch.delenv("PRINTER", raising=False)


def scan(clock=None):
    check = PrinterCheck()
    thresholds = PrinterCheck.thresholds_from(load())
    facts = check.collect(Context(thresholds=thresholds, clock=clock, platform="linux"))
    return facts, check.evaluate(facts, thresholds)


def french(facts):
    i18n.set_language("fr")
    try:
        return PrinterCheck().evaluate(facts, PrinterCheck.thresholds_from(load())).summary
    finally:
        i18n.set_language("en")


def remove_all(cups):
    for line in cups.run("lpstat", "-v", check=False).stdout.splitlines():
        # "device for Office: ipp://..."
        name = line.split(":", 1)[0].removeprefix("device for ").strip()
        if name:
            cups.run("lpadmin", "-x", name, check=False)


def test_no_printer_set_up(cups):
    remove_all(cups)
    facts, outcome = scan()
    assert facts["service"] == "running" and facts["printers"] == []
    assert outcome.status is Status.FAIL
    assert outcome.summary == "No printer is set up on this computer."
    assert french(facts) == "Aucune imprimante n’est installée sur cet ordinateur."


def test_a_ready_printer_passes_and_reports_its_toner(cups, printer):
    remove_all(cups)
    printer.web_form("supplies", supply0=25, supply1=75)
    cups.add_printer("Office", printer.uri, default=True)
    facts, outcome = scan()
    assert outcome.status is Status.PASS, outcome.summary
    assert outcome.summary == "The printer “Office” is ready."
    office = facts["printers"][0]
    assert office["direct"]["status"] == "ok"
    assert {s.get("type"): s.get("level") for s in office["direct"]["supplies"]}["toner"] == 75
    assert "ipp://" not in str(facts), "no printer address in the facts: the connection kind only"


def test_two_printers_and_no_default(cups, printer):
    remove_all(cups)
    cups.add_printer("Office", printer.uri)
    cups.add_printer("Upstairs", printer.uri)
    facts, outcome = scan()
    assert facts["default"] is None
    assert outcome.status is Status.WARN
    assert outcome.summary == "No printer is chosen as the one to use first."


def test_toner_low_then_empty_asked_from_the_printer_itself(cups, printer):
    remove_all(cups)
    cups.add_printer("Office", printer.uri, default=True)
    printer.web_form("supplies", supply0=25, supply1=4)
    facts, outcome = scan()
    assert outcome.status is Status.WARN
    assert outcome.summary == "The printer “Office” is low on ink or toner (4% left)."
    assert facts["printers"][0]["reasons"] == [], "the print service itself does not know: only the printer does"
    printer.web_form("supplies", supply0=25, supply1=0)
    facts, outcome = scan()
    assert outcome.status is Status.FAIL
    assert outcome.summary == "The printer “Office” is out of ink or toner."
    assert french(facts) == "L’imprimante «\u00a0Office\u00a0» n’a plus d’encre ou de toner."
    printer.web_form("supplies", supply0=25, supply1=75)


def test_out_of_paper(cups, printer):
    remove_all(cups)
    cups.add_printer("Office", printer.uri, default=True)
    printer.set_paper(0)
    try:
        facts, outcome = scan()
        assert "media-empty" in {r.removesuffix("-error").removesuffix("-report") for r in facts["printers"][0]["direct"]["reasons"]}
        assert outcome.summary == "The printer named “Office” is out of paper."  # its name, not a room (round 3)
        assert french(facts) == "L’imprimante qui porte le nom «\u00a0Office\u00a0» n’a plus de papier."
    finally:
        printer.set_paper(250)


def test_paper_jam_reported_while_printing(cups, printer):
    remove_all(cups)
    cups.add_printer("Office", printer.uri, default=True)
    printer.set_print_state("+media-jam")
    try:
        printer.print_directly()
        devicelab.wait_for(lambda: "media-jam" in str(scan()[0]["printers"][0]["direct"]), timeout=15, what="the printer to report the jam")
        facts, outcome = scan()
        assert outcome.status is Status.FAIL
        assert outcome.summary == "Paper is stuck in the printer “Office”."
        assert french(facts) == "Du papier est coincé dans l’imprimante «\u00a0Office\u00a0»."
    finally:
        printer.set_print_state("-media-jam")
        printer.print_directly()  # the next job clears the reason
        devicelab.wait_for(lambda: "media-jam" not in str(scan()[0]["printers"][0]["direct"]), timeout=15, what="the jam to clear")
        printer.set_print_state("")


def test_paused_and_rejecting_queues(cups, printer):
    remove_all(cups)
    cups.add_printer("Office", printer.uri, default=True)
    cups.run("cupsdisable", "Office")
    facts, outcome = scan()
    assert outcome.status is Status.FAIL and outcome.summary == "Printing is paused on the printer “Office”."
    assert french(facts) == "L’impression est en pause sur l’imprimante «\u00a0Office\u00a0»."
    cups.run("cupsenable", "Office")
    cups.run("cupsreject", "Office")
    facts, outcome = scan()
    assert outcome.status is Status.FAIL and outcome.summary == "The printer “Office” does not take new documents."
    cups.run("cupsaccept", "Office")
    assert scan()[1].status is Status.PASS


def test_printer_switched_off_then_stuck_job_cancelled_after_consent(cups, printer, tmp_path, request):
    remove_all(cups)
    off = devicelab.IppPrinter(tmp_path / "off", name="Switched Off").start()
    request.addfinalizer(off.stop)  # the printer is "switched off" below, but its private bus must not outlive the test
    cups.add_printer("Office", off.uri, default=True)
    off.kill()
    job = cups.submit("Office")
    facts, outcome = scan()
    assert outcome.status is Status.FAIL
    assert outcome.summary == "The printer “Office” does not answer: it may be switched off or disconnected."
    assert outcome.fix is None, "a document sent a moment ago is not stuck"
    # 45 minutes later the document is still there
    later = datetime.now(UTC) + timedelta(minutes=45)
    facts, outcome = scan(clock=lambda: later)
    assert outcome.summary.startswith("The printer “Office” does not answer")
    assert outcome.fix is not None and outcome.fix.action == "cancel_print_jobs" and outcome.fix.arg == str(job)
    assert any("cancel the waiting documents" in a for a in outcome.advice)
    ok, message = device_action(outcome.fix, "linux")
    assert ok, message
    facts, outcome = scan(clock=lambda: later)
    assert facts["jobs"] == [] and outcome.fix is None


def test_stuck_job_made_under_libfaketime_names_its_age(tmp_path, monkeypatch):
    """A print service whose clock is 45 minutes behind makes a job 45 minutes old, for real;
    the printer answers but never finishes it."""
    if devicelab.have("faketime"):
        pytest.skip("faketime is not installed")
    lab = devicelab.CupsLab(faketime="-45m").start()
    busy = devicelab.IppPrinter(tmp_path / "busy", name="Busy Printer")
    busy.set_print_state("", busy=True)
    busy.start()
    try:
        monkeypatch.setenv("CUPS_SERVER", lab.socket)
        lab.add_printer("Office", busy.uri, default=True)
        job = lab.submit("Office")
        devicelab.wait_for(lambda: scan()[0]["printers"][0]["direct"].get("state") == "processing", what="the printer to take the document")
        facts, outcome = scan()
        assert [j["id"] for j in facts["jobs"]] == [job]
        assert 44 * 60 <= facts["now"] - facts["jobs"][0]["created"] <= 47 * 60
        assert outcome.status is Status.WARN
        assert outcome.summary == "A document has been waiting to print for 45 minutes."
        assert french(facts) == "Un document attend d’être imprimé depuis 45 minutes."
        assert outcome.fix is not None and outcome.fix.arg == str(job)
        assert device_action(outcome.fix, "linux")[0]
        facts, outcome = scan()
        assert facts["jobs"] == [] and outcome.status is Status.PASS
    finally:
        busy.stop()
        lab.stop()


def test_print_service_not_running(cups, tmp_path, monkeypatch):
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-such.sock"))
    facts, outcome = scan()
    assert facts["service"] == "not_running"
    assert outcome.status is Status.FAIL
    assert outcome.summary == "The printing service of this computer is not running."
    assert french(facts) == "Le service d’impression de cet ordinateur ne fonctionne pas."
    assert device_action(Fix("cancel_print_jobs", "x", arg="1"), "linux")[0] is False
