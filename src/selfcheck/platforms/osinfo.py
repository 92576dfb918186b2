"""Which operating system and version this is (facts shared by os.version and security.os_support)."""

from __future__ import annotations

import platform
from typing import Any

from selfcheck.api import Context


def os_facts(ctx: Context) -> dict[str, Any]:
    """OS identity: name, version, build, edition; the keys eol.support_info reads."""
    if ctx.platform == "windows":  # pragma: no cover - Windows only
        from selfcheck.platforms.windows import read_registry_values, windows_version_facts

        values = read_registry_values(
            r"SOFTWARE\Microsoft\Windows NT\CurrentVersion",
            ["ProductName", "DisplayVersion", "ReleaseId", "CurrentBuild", "CurrentBuildNumber", "UBR", "EditionID"],
        )
        if not values.get("CurrentBuild"):
            values["CurrentBuild"] = platform.version().rsplit(".", 1)[-1]
        return windows_version_facts(values)
    if ctx.platform == "darwin":
        from selfcheck.platforms.macos import parse_sw_vers

        out = ctx.run(["sw_vers"], timeout=3)
        values = parse_sw_vers(out.stdout) if out.ok else {}
        version = values.get("ProductVersion") or platform.mac_ver()[0]
        return {
            "system": "darwin",
            "pretty_name": f"{values.get('ProductName', 'macOS')} {version}".strip(),
            "product_version": version,
            "build": values.get("BuildVersion", ""),
            "kernel": platform.release(),
        }
    from selfcheck.platforms.linux import read_os_release

    rel = read_os_release()
    return {
        "system": "linux",
        "id": rel.get("ID", ""),
        "id_like": rel.get("ID_LIKE", "").split(),
        "version_id": rel.get("VERSION_ID", ""),
        "codename": rel.get("VERSION_CODENAME", ""),
        "pretty_name": rel.get("PRETTY_NAME") or rel.get("NAME") or "Linux",
        "kernel": platform.release(),
    }
