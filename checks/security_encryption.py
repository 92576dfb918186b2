"""security.encryption: is the system disk encrypted (BitLocker, FileVault, LUKS)?

A stolen laptop with an unencrypted disk gives away every file on it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from selfcheck.api import Check, Context, Facts, Outcome, SkipCheck, Status, Thresholds
from selfcheck.i18n import N_, _
from selfcheck.wording import number

SHELL_QUERY = "(New-Object -ComObject Shell.Application).NameSpace('{drive}').Self.ExtendedProperty('System.Volume.BitLockerProtection')"


class EncryptionCheck(Check):
    id = "security.encryption"
    category = "security"
    title = N_("Disk encryption")
    timeout = 8.0
    priority = 60
    at_risk = True  # a lost or stolen computer gives its files away: a failure gets the red cross

    def collect(self, ctx: Context) -> Facts:
        if ctx.platform == "windows":  # pragma: no cover - Windows only
            return self._windows(ctx)
        if ctx.platform == "darwin":
            from selfcheck.platforms.macos import parse_fdesetup_status

            out = ctx.run(["fdesetup", "status"], timeout=4)
            if not out.ok:
                raise SkipCheck(_("macOS did not say whether FileVault is on."))
            return {"platform": "darwin", "filevault": parse_fdesetup_status(out.stdout), "output": out.stdout.strip()[:300]}
        from selfcheck.platforms.linux import parse_lsblk_inverse

        out = ctx.run(["lsblk", "-J", "-s", "-o", "NAME,TYPE,FSTYPE,MOUNTPOINT"], timeout=4)
        mounts = parse_lsblk_inverse(out.stdout) if out.ok else {}
        home = str(Path.home())
        home_mount = max((m for m in mounts if home == m or home.startswith(m.rstrip("/") + "/")), key=len, default=None)
        facts: dict[str, Any] = {"platform": "linux", "root": mounts.get("/"), "home_mount": home_mount}
        if home_mount and home_mount != "/":
            facts["home"] = mounts[home_mount]
        # eCryptfs / fscrypt home folders encrypt the files, not the device
        try:
            with open("/proc/mounts", encoding="utf-8") as fh:
                facts["home_ecryptfs"] = any(line.split()[2] == "ecryptfs" and home.startswith(line.split()[1]) for line in fh if len(line.split()) > 2)
        except OSError:
            facts["home_ecryptfs"] = False
        if facts["root"] is None and not facts["home_ecryptfs"]:
            raise SkipCheck(_("This program could not find which disk holds the system (this is common in containers)."))
        return facts

    @staticmethod
    def _windows(ctx: Context) -> dict[str, Any]:  # pragma: no cover - Windows only
        from selfcheck.platforms.windows import SHELL_BITLOCKER, parse_manage_bde_status

        drive = os.environ.get("SystemDrive", "C:")
        out = ctx.run(["manage-bde", "-status", drive], timeout=5)
        parsed = parse_manage_bde_status(out.stdout + out.stderr)
        facts: dict[str, Any] = {"platform": "windows", "system_drive": drive, "manage_bde": parsed}
        if not parsed["volumes"]:
            shell = ctx.run(["powershell", "-NoProfile", "-NonInteractive", "-Command", SHELL_QUERY.format(drive=drive)], timeout=6)
            try:
                facts["shell_state"] = SHELL_BITLOCKER.get(int(shell.stdout.strip()), "off")
            except ValueError:
                facts["shell_state"] = None
        return facts

    def evaluate(self, facts: Facts, thresholds: Thresholds) -> Outcome:
        off_status = Status.FAIL if str(thresholds["off_status"]) == "fail" else Status.WARN
        platform = facts.get("platform")
        if platform == "windows":
            vols = (facts.get("manage_bde") or {}).get("volumes") or []
            drive = str(facts.get("system_drive") or "C:")
            vol = next((v for v in vols if v.get("drive", "").upper() == drive.upper()), vols[0] if vols else None)
            evidence: dict[str, Any] = {"volume": vol, "shell_state": facts.get("shell_state")}
            if vol is not None:
                encrypted = (vol.get("percent_encrypted") or 0) >= 100
                state = (
                    "on"
                    if encrypted and vol.get("protection_on")
                    else "suspended"
                    if encrypted
                    else "encrypting"
                    if (vol.get("percent_encrypted") or 0) > 0
                    else "off"
                )
            else:
                state = facts.get("shell_state")  # type: ignore[assignment]
            if state is None:
                return Outcome.skip(_("Whether BitLocker is on can only be seen with administrator rights."), evidence=evidence)
            return self._verdict(state, _("BitLocker"), off_status, evidence, platform="windows", percent=(vol or {}).get("percent_encrypted"))
        if platform == "darwin":
            fv = facts.get("filevault") or {}
            evidence = {"fdesetup": facts.get("output")}
            fv_state = fv.get("state")
            if fv_state is None:
                return Outcome.skip(_("macOS did not say whether FileVault is on."), evidence=evidence)
            return self._verdict(
                "encrypting" if fv_state == "pending" else str(fv_state), _("FileVault"), off_status, evidence, platform="darwin", percent=fv.get("percent")
            )
        root = facts.get("root") or {}
        home = facts.get("home") or root
        evidence = {"system": root.get("chain"), "home": home.get("chain"), "home_ecryptfs": facts.get("home_ecryptfs")}
        if home.get("encrypted") or facts.get("home_ecryptfs"):
            if root.get("encrypted"):
                return Outcome.ok(_("The disk is encrypted: your files are safe if the computer is lost or stolen."), evidence=evidence)
            return Outcome.ok(_("Your personal files are encrypted."), evidence=evidence)
        return self._verdict("off", _("disk encryption"), off_status, evidence, platform="linux")

    @staticmethod
    def _verdict(state: str, name: str, off_status: Status, evidence: dict[str, Any], platform: str, percent: float | None = None) -> Outcome:
        if state == "on":
            return Outcome.ok(
                _("The disk is encrypted with {name}: your files are safe if the computer is lost or stolen.").format(name=name), evidence=evidence
            )
        if state == "encrypting":
            return Outcome.info(
                _("{name} is encrypting the disk ({percent}% done).").format(name=name, percent=number(percent or 0, 0)),
                advice=[_("Keep the computer plugged in until it has finished.")],
                evidence=evidence,
            )
        if state == "suspended":
            return Outcome.warn(
                _("{name} is paused: the disk is encrypted but not protected right now.").format(name=name),
                advice=[_("Restart the computer; if it stays paused, turn protection back on in the BitLocker settings or ask support.")],
                evidence=evidence,
            )
        advice = {
            "windows": [_("Open Settings, search for “BitLocker” (or “Device encryption”) and turn it on; keep the recovery key somewhere safe.")],
            "darwin": [_("Open System Settings, then Privacy & Security, then FileVault, and turn it on; keep the recovery key somewhere safe.")],
        }.get(platform, [_("Encrypting an existing Linux disk means reinstalling it with encryption: ask support to plan it.")])
        advice.append(_("On a company computer, contact support first."))
        return Outcome(
            off_status,
            _("The disk is not encrypted: anyone who takes this computer can read your files."),
            advice=advice,
            evidence=evidence,
            urgency="later",  # a standing risk, not something stopping the computer now
        )
