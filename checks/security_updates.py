"""security.updates: operating system updates waiting to be installed.

Never touches the network: Linux reads what the package manager already knows
(apt-get -s, dnf -C), macOS the result of its last automatic check, Windows the
date of the last installed update.

Where the system adds updates by itself (unattended-upgrades on Debian and Ubuntu,
dnf-automatic on Fedora, Software Update's automatic installs on a Mac), waiting
updates are not the person's job: the check reads those settings in the system's
own structured form (``apt-config dump``, automatic.conf, ``systemctl is-enabled``,
the Software Update plist) and says so, unless the automatic round has not run for
too long, or unless it ran after the package lists last brought something new and left the updates waiting (held
back, from an archive it does not take, a question to answer, an error): those it will not add.
"""

from __future__ import annotations

import os
import re
import time
from datetime import date
from typing import Any

from selfcheck.api import Check, Context, Facts, Outcome, SkipCheck, Thresholds
from selfcheck.i18n import N_, _, ngettext
from selfcheck.wording import held_together

APT_LISTS = "/var/lib/apt/lists"
APT_STAMPS = ("/var/lib/apt/periodic/update-success-stamp", "/var/lib/apt/lists/partial", "/var/lib/apt/lists")
# unattended-upgrade writes this itself once a run has weighed the waiting updates: nothing to add, or after trying (also when
# a package failed or waits for a question). Not upgrade-stamp: apt.systemd.daily touches that one whenever unattended-upgrade
# exits 0, also when it looked at nothing (not one of Unattended-Upgrade::Update-Days, InstallOnShutdown), and not after a
# run that failed, so it would say "will be added by itself" of what a run just left and "tried" of what no run saw
UNATTENDED_STAMP = "/var/lib/apt/periodic/unattended-upgrades-stamp"
UNATTENDED_PROGRAM = "/usr/bin/unattended-upgrade"
DNF_AUTOMATIC_CONF = "/etc/dnf/automatic.conf"
# dnf5 (Fedora 41 and later) keeps its metadata in /var/cache/libdnf5 and leaves dnf 4's folder as it was: the freshest
DNF_CACHES = ("/var/cache/libdnf5", "/var/cache/dnf")
DNF_INSTALL_TIMER = "dnf-automatic-install.timer"  # installs whatever automatic.conf says
DNF_TIMERS = (DNF_INSTALL_TIMER, "dnf-automatic.timer", "dnf5-automatic.timer")  # these two install if apply_updates = yes
SOFTWAREUPDATE_PLIST = "/Library/Preferences/com.apple.SoftwareUpdate.plist"
UNIT_STATES = {
    "enabled",
    "enabled-runtime",
    "linked",
    "linked-runtime",
    "alias",
    "static",
    "indirect",
    "generated",
    "transient",
    "disabled",
    "masked",
    "masked-runtime",
    "bad",
    "not-found",
}
# macOS puts these in with "Install Security Responses and system files" (CriticalUpdateInstall, ConfigDataInstall); everything
# else it offers (macOS itself, its "Security Update 20xx-nnn", Safari, camera RAW support) with "Install macOS updates"
MAC_RESPONSES = r"rapid security|security response|background security|xprotect|gatekeeper|mrt"


def _age_days(path: str, digits: int = 1) -> float | None:
    try:
        return round((time.time() - os.path.getmtime(path)) / 86400, digits)
    except OSError:
        return None


def _apt_lists_changed_days() -> float | None:
    """Days since the package lists last brought something new: the freshest package index of the archives that protect
    the computer (of all archives where none is named so), else the lists folder. apt leaves an unchanged index as it
    was (a refresh touches only the Release files) and dates a new one with the archive's own date, so when it arrived
    here is its inode's change time."""
    try:
        names = [name for name in os.listdir(APT_LISTS) if "_Packages" in name]
    except OSError:
        return None
    times = []
    for name in [n for n in names if "securi" in n.lower()] or names:
        try:
            times.append(os.stat(os.path.join(APT_LISTS, name)).st_ctime)
        except OSError:
            pass
    if not times:
        return _age_days(APT_LISTS, 2)
    return round((time.time() - max(times)) / 86400, 2)


def _unit_state(ctx: Context, unit: str) -> str | None:
    """``systemctl is-enabled UNIT``: one word ("enabled", "disabled", "masked"...), the same in every language; None when unknown."""
    out = ctx.run(["systemctl", "is-enabled", unit], timeout=3)
    word = out.stdout.strip().split("\n")[0].strip() if not out.missing and not out.timed_out else ""
    return word if word in UNIT_STATES else None


def _apt_automatic(ctx: Context) -> dict[str, Any]:
    """Whether unattended-upgrades adds security updates by itself: apt's settings as ``apt-config dump`` gives them.

    Read on every scan, not cached with apt's list: both commands take about 8 ms (apt-get -s about 1.2 s), and a cached
    answer would hide the person turning automatic updates on or off until the key noticed."""
    from selfcheck.platforms.linux import apt_automatic_settings

    dump = ctx.run(["apt-config", "dump", "APT"], timeout=3, env={**os.environ, "LC_ALL": "C"})
    return {
        "read": dump.ok,
        **apt_automatic_settings(dump.stdout if dump.ok else ""),
        "program": os.path.exists(UNATTENDED_PROGRAM),
        "timer": _unit_state(ctx, "apt-daily-upgrade.timer"),
    }


def _dnf_automatic(ctx: Context) -> dict[str, Any]:
    """Whether dnf-automatic installs updates by itself: automatic.conf's [commands] and its timers."""
    from selfcheck.platforms.linux import parse_dnf_automatic_conf

    try:
        with open(DNF_AUTOMATIC_CONF, encoding="utf-8", errors="replace") as fh:
            commands = parse_dnf_automatic_conf(fh.read())
    except OSError:
        commands = {}
    return {
        "apply_updates": commands.get("apply_updates"),
        "upgrade_type": commands.get("upgrade_type"),
        "timers": {unit: _unit_state(ctx, unit) for unit in DNF_TIMERS},
    }


def _days_between(earlier: Any, later: Any) -> int | None:
    try:
        return (date.fromisoformat(str(later)[:10]) - date.fromisoformat(str(earlier)[:10])).days
    except ValueError:
        return None


def automatic_interval_days(facts: Facts) -> float:
    """How often the system's automatic round is meant to run, in days: unattended-upgrades' APT::Periodic interval
    (apt-daily-upgrade.timer runs once a day, so "always" and shorter intervals are daily); the others run daily."""
    from selfcheck.platforms.linux import apt_periodic_days

    if facts.get("manager") != "apt":
        return 1.0
    return max(1.0, apt_periodic_days((facts.get("auto") or {}).get("unattended_upgrade")) or 1.0)


def automatic(facts: Facts) -> tuple[bool, bool, float | None]:
    """(the waiting updates that protect the computer are added by the system itself, all waiting updates are,
    days since the system's last automatic round: its last unattended run, or its last check for updates)."""
    from selfcheck.platforms.linux import apt_periodic_on

    auto = facts.get("auto") or {}
    manager = facts.get("manager")
    if manager == "apt":
        on = bool(
            auto.get("program")
            and apt_periodic_on(auto.get("unattended_upgrade"))
            and str(auto.get("periodic_enable") or "1").strip().lower() not in ("0", "false", "no")
            and auto.get("timer") not in ("disabled", "masked", "masked-runtime")
        )
        last = facts.get("auto_last_run_days")
        # unattended-upgrades installs from the security archives only (Ubuntu's default; Debian's adds point releases)
        return on, False, float(last) if last is not None else facts.get("info_age_days")
    if manager == "dnf":
        timers = auto.get("timers") or {}

        def enabled(unit: str) -> bool:
            return timers.get(unit) in ("enabled", "enabled-runtime")

        applies = str(auto.get("apply_updates") or "").strip().lower() in ("yes", "true", "1", "on")
        on = enabled(DNF_INSTALL_TIMER) or (applies and any(enabled(u) for u in DNF_TIMERS[1:]))
        everything = on and str(auto.get("upgrade_type") or "default").strip().lower() != "security"
        return on, everything, facts.get("info_age_days")
    if manager == "softwareupdate":
        if facts.get("automatic_check") is False:
            return False, False, None
        responses = facts.get("auto_install_security") is not False and facts.get("auto_install_data") is not False
        macos = facts.get("auto_install_macos") is True and facts.get("auto_download") is not False
        names = [str(n) for n in facts.get("updates") or []]

        def covered(name: str) -> bool:
            return responses if re.search(MAC_RESPONSES, name, re.IGNORECASE) else macos

        protecting = [n for n in names if re.search(r"secur|background|xprotect|rapid", n, re.IGNORECASE)]
        waiting = int(facts.get("count") or 0)
        everything = bool(names or waiting) and all(covered(n) for n in names) and (macos or waiting <= len(names))
        age = _days_between(facts.get("last_check"), facts.get("today")) if facts.get("last_check") else None
        return bool(protecting) and all(covered(n) for n in protecting), everything, age
    return False, False, None


def _apt_key() -> list[float]:
    """What apt's answer depends on: the installed packages and the package lists."""
    key = []
    for path in ("/var/lib/dpkg/status", "/var/cache/apt/pkgcache.bin", "/var/lib/apt/lists"):
        try:
            key.append(os.path.getmtime(path))
        except OSError:
            key.append(0.0)
    return key


def _apt_cache_file() -> str:
    from selfcheck import paths

    return str(paths.user_cache_dir() / "apt-upgrades.json")


def _apt_cached() -> dict[str, Any] | None:
    """apt-get -s takes seconds; its answer only changes when dpkg or the lists do."""
    import json

    try:
        with open(_apt_cache_file(), encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    return data.get("result") if isinstance(data, dict) and data.get("key") == _apt_key() else None


def _apt_save(result: dict[str, Any]) -> None:
    import json

    path = _apt_cache_file()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            json.dump({"key": _apt_key(), "result": result}, fh)
    except OSError:
        pass


class UpdatesCheck(Check):
    id = "security.updates"
    category = "security"
    title = N_("Updates for this computer")  # verdict round 10: "System" quoted; small-screen rounds 24-25: "Updates to what?"
    timeout = 15.0
    priority = 50
    at_risk = True  # security fixes not installed: a failure gets the red cross

    def collect(self, ctx: Context) -> Facts:
        facts: dict[str, Any] = {"platform": ctx.platform, "today": ctx.now().date().isoformat()}
        if ctx.platform == "linux":
            from selfcheck.platforms.linux import parse_apt_simulate, parse_dnf_check_update

            if os.path.exists("/usr/bin/apt-get"):
                cached = _apt_cached()
                if cached is None:
                    apt = ctx.run(["apt-get", "-s", "-q", "-o", "Debug::NoLocking=1", "upgrade"], timeout=10, env={**os.environ, "LC_ALL": "C"})
                    if apt.ok:
                        cached = parse_apt_simulate(apt.stdout)
                        _apt_save(cached)
                    elif apt.timed_out:
                        raise SkipCheck(_("Reading the list of pending updates took too long; try again in a moment."))
                if cached is not None:
                    facts.update(manager="apt", **cached)
                    facts["info_age_days"] = next((a for a in (_age_days(p) for p in APT_STAMPS) if a is not None), None)
                    facts["auto"] = _apt_automatic(ctx)
                    facts["auto_last_run_days"] = _age_days(UNATTENDED_STAMP, 2)
                    facts["lists_changed_days"] = _apt_lists_changed_days()
                    return facts
            dnf = ctx.run(["dnf", "-C", "-q", "check-update"], timeout=8, env={**os.environ, "LC_ALL": "C"})
            parsed = None if dnf.missing else parse_dnf_check_update(dnf.stdout, dnf.returncode)
            if parsed is not None:
                facts.update(manager="dnf", **parsed)
                facts["info_age_days"] = min((a for a in (_age_days(p) for p in DNF_CACHES) if a is not None), default=None)
                facts["auto"] = _dnf_automatic(ctx)
                return facts
            raise SkipCheck(_("This program cannot tell which updates are pending with this system's package manager."))
        if ctx.platform == "darwin":
            import plistlib

            from selfcheck.platforms.macos import parse_softwareupdate_plist

            try:
                with open(SOFTWAREUPDATE_PLIST, "rb") as fh:
                    facts.update(manager="softwareupdate", **parse_softwareupdate_plist(plistlib.load(fh)))
            except (OSError, ValueError, plistlib.InvalidFileException):
                raise SkipCheck(_("macOS has not recorded any update check yet.")) from None
            return facts
        if ctx.platform == "windows":  # pragma: no cover - Windows only
            from selfcheck.platforms.windows import parse_hotfix_json

            out = ctx.run(
                [
                    "powershell",
                    "-NoProfile",
                    "-NonInteractive",
                    "-Command",
                    "Get-CimInstance Win32_QuickFixEngineering | Select-Object HotFixID,InstalledOn | ConvertTo-Json",
                ],
                timeout=10,
            )
            if not out.ok:
                raise SkipCheck(_("Windows did not say when updates were last installed."))
            facts.update(manager="windows_update", **parse_hotfix_json(out.stdout))
            return facts
        raise SkipCheck(_("This check does not apply to this operating system."))

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        manager = facts.get("manager")
        evidence = {
            k: facts.get(k)
            for k in ("manager", "count", "security_count", "info_age_days", "lists_changed_days", "last_installed", "last_check", "updates")
            if facts.get(k) is not None
        }
        if facts.get("packages"):
            evidence["packages"] = facts["packages"][:20]
        install_advice = {
            "windows_update": _("Open Settings, then Windows Update, click “Check for updates” and install what is offered."),
            "softwareupdate": _("Open System Settings, then General, then Software Update, and install what is offered."),
        }.get(str(manager), _("Open the “Software Updater” (or your system's update tool) and install the updates."))
        advice = [install_advice, _("Restart the computer if it asks you to.")]
        if manager == "windows_update":
            last = facts.get("last_installed")
            if not last:
                return Outcome.skip(_("Windows did not say when updates were last installed."), evidence=evidence)
            today = date.fromisoformat(str(facts.get("today"))[:10])
            age = (today - date.fromisoformat(str(last)[:10])).days
            evidence["days_since_last_update"] = age
            if age >= int(thresholds["warn_windows_stale_days"]):
                return Outcome.warn(
                    held_together(_("Windows has not installed any update for {days} days: security fixes are probably missing.").format(days=age)),
                    advice=advice,
                    evidence=evidence,
                )
            return Outcome.ok(held_together(_("Windows installed updates {days} days ago.").format(days=age)), evidence=evidence)
        count = int(facts.get("count") or 0)
        security = facts.get("security_count")
        info_age = facts.get("info_age_days")
        stale = float(thresholds["warn_stale_days"])
        auto_protecting, auto_all, auto_age = automatic(facts)
        if auto_protecting or auto_all:
            evidence["installs_by_itself"] = "all" if auto_all else "security"
            if auto_age is not None:
                evidence["days_since_automatic_round"] = int(float(auto_age))
        # the system's own round is late: the updates wait although nobody is meant to add them by hand. The threshold is
        # for a round that runs every day; one that runs every 14 days (APT::Periodic::Unattended-Upgrade "14") gets 13 more
        limit = float(thresholds["warn_auto_stale_days"]) + automatic_interval_days(facts) - 1
        late = auto_age is not None and float(auto_age) > limit
        # unattended-upgrades ran after the package lists last brought something new: it saw these updates and left them
        # (held back, from an archive it does not take, a question to answer, an error): they will not come by themselves
        run, seen = facts.get("auto_last_run_days"), facts.get("lists_changed_days")
        seen = info_age if seen is None else seen  # a bundle without it: the last refresh, no older than the last change
        tried = manager == "apt" and run is not None and seen is not None and float(run) < float(seen)
        days = int(float(auto_age)) if auto_age is not None else 0
        # what a person does where the computer adds them: nothing to install (send rounds 55-60: "do I have to do that myself?")
        auto_advice = [
            _("Leave the computer switched on and connected to the internet now and then: it does the updates by itself."),
            _("Restart the computer if it asks you to."),
        ]
        if security and int(security) >= int(thresholds["warn_security_count"]):
            if auto_protecting and tried and not late:
                return Outcome.warn(
                    ngettext(
                        # send round 104: the same words as the line of updates not done yet (send rounds 101-103: "from viruses"
                        # worried every reader), in every line of the check
                        "{n} update (a small fix for this computer's programs, sent by their makers) has not been done: the computer tried to do it by itself and could not.",
                        "{n} updates (small fixes for this computer's programs, sent by their makers) have not been done: the computer tried to do them by itself and could not.",
                        int(security),
                    ).format(n=security),
                    advice=advice,
                    evidence=evidence,
                )
            if auto_protecting and not late:
                return Outcome.info(
                    ngettext(
                        "{n} update (a small fix for this computer's programs, sent by their makers) will be done by the computer itself.",
                        "{n} updates (small fixes for this computer's programs, sent by their makers) will be done by the computer itself.",
                        int(security),
                    ).format(n=security),
                    advice=auto_advice,
                    evidence=evidence,
                )
            if auto_protecting:
                return Outcome.warn(
                    held_together(
                        ngettext(
                            "{n} update (a small fix for this computer's programs, sent by their makers) has not been done, although the computer should do it by itself: "
                            "it has not done so for {days} days.",
                            "{n} updates (small fixes for this computer's programs, sent by their makers) have not been done, although the computer should do them by itself: "
                            "it has not done so for {days} days.",
                            int(security),
                        ).format(n=security, days=days)
                    ),
                    advice=advice,
                    evidence=evidence,
                )
            return Outcome.warn(
                ngettext(
                    # "security updates" was quoted (round 5): what they do, in the person's words
                    # send rounds 39-42 (en, fr): "installed" ("what does 'installed' mean, and do I have to do something?"),
                    # « attendent d'être installées »: what happens to them, in everyday words
                    # send rounds 55-60 (en, fr): "ready to be added to it": "Do I have to do that myself?", « qui les ajoute, et
                    # est-ce que je dois faire quelque chose ? »: who adds them (the person; how is under "What to do")
                    # send rounds 59-80 (en, fr): "waiting for you to add them": "I don't know how to 'add' updates", « qui
                    # attendent que vous les ajoutiez »: the words people use for their phone: updates are done (« faire les
                    # mises à jour »)
                    # send rounds 89-90 (en, fr): "updates that protect your computer": "Protect from what?", « contre quoi ? »,
                    # "what's an update?": from what, in every message of the kind (the lay word: viruses)
                    # send rounds 90-91 (en): "'Can wait' doesn't say until when", "The word viruses frightens me, yet it says
                    # 'Can wait'. Should I be worried or not?": when to do them
                    # send round 92 (en): "'Can wait' sits next to 'do them in the next few days', so which is it?": the card's
                    # word, and until when
                    # send rounds 98-100 (en, fr): "Updates, and what 'have not been done yet' means I should do", "(how do I do
                    # them?)": what the person does, and when: nothing today (how: the card's fold under it)
                    # review of send rounds 98-100: "as shown below" pointed at nothing in the light scan's notification (this
                    # line is its whole body), at the next problem in the terminal's and report.html's list of what can wait,
                    # and at a closed fold in the window: the line points at no place
                    # send rounds 101-103 (en, fr): "from viruses" worried every reader (point 4: "The word viruses frightens
                    # me", « le mot « virus » me fait peur ») beside "Can wait": from what, said without the alarming word
                    # send rounds 110-111 (en, fr): "that keep your computer safe on the internet" ("sounds like I'm unsafe, even
                    # though it says it can wait"), « qui protègent votre ordinateur sur internet », and "Updates" ("I know the word a
                    # little, but not what it does"): what updates are, in plain words and no fear word, in every line of the check
                    "{n} update (a small fix for this computer's programs, sent by their makers) has not been done yet. Nothing is needed today: do it within a few days.",
                    "{n} updates (small fixes for this computer's programs, sent by their makers) have not been done yet. Nothing is needed today: do them within a few days.",
                    int(security),
                ).format(n=security),
                advice=advice,
                evidence=evidence,
            )
        if info_age is not None and float(info_age) > stale:
            return Outcome.warn(
                held_together(
                    _("The computer has not looked for updates for {days} days, so security fixes may be missing.").format(days=int(float(info_age)))
                ),
                advice=advice,
                evidence=evidence,
            )
        if manager == "softwareupdate" and facts.get("os_update_pending"):
            if auto_all and not late:
                return Outcome.info(_("A macOS update will be done by the computer itself."), advice=auto_advice, evidence=evidence)
            if auto_all:
                return Outcome.warn(
                    held_together(
                        _(
                            "A macOS update has not been done, although the computer should do it by itself: it has not looked for updates for {days} days."
                        ).format(days=days)
                    ),
                    advice=advice,
                    evidence=evidence,
                )
            return Outcome.warn(_("A macOS update has not been done yet."), advice=advice, evidence=evidence)
        if count >= int(thresholds["info_count"]):
            if auto_all and not late:
                return Outcome.info(
                    ngettext("{n} update will be done by the computer itself.", "{n} updates will be done by the computer itself.", count).format(n=count),
                    advice=auto_advice,
                    evidence=evidence,
                )
            if auto_all:
                return Outcome.warn(
                    held_together(
                        ngettext(
                            "{n} update has not been done, although the computer should do it by itself: it has not done so for {days} days.",
                            "{n} updates have not been done, although the computer should do them by itself: it has not done so for {days} days.",
                            count,
                        ).format(n=count, days=days)
                    ),
                    advice=advice,
                    evidence=evidence,
                )
            return Outcome.info(
                ngettext("{n} update has not been done yet.", "{n} updates have not been done yet.", count).format(n=count),
                advice=advice,
                evidence=evidence,
            )
        # verdict round 10 read "System" as a word of its own (the title was changed for it); review 40: the up-to-date line said it
        return Outcome.ok(_("This computer is up to date."), evidence=evidence)
