"""The selfcheck: scheme as the Windows installer and the macOS app bundle register it, read from the files.

No Windows or macOS machine runs here, so the installer script and the spec are parsed and held to the
vendors' documentation:

- Microsoft, "Registering an Application to a URI Scheme" (learn.microsoft.com, aa767914): a key named
  after the scheme with a "URL Protocol" string value (empty), DefaultIcon ("path,index"), and
  shell\\open\\command whose default value starts the program with the URI as "%1".
- Inno Setup help, [Registry] section (jrsoftware.org/ishelp/topic_registrysection.htm): "Using HKCR is not
  recommended, use HKA with the Subkey parameter set to Software\\Classes instead"; HKA is HKCU in a
  non-administrative (per-user) install; keys are only removed at uninstall with an uninsdelete* flag.
- Apple, Information Property List, CFBundleURLTypes: an array of dictionaries with CFBundleURLName
  (reverse-DNS), CFBundleURLSchemes (the scheme names) and CFBundleTypeRole.
The real-machine checks that remain are in docs/release.md.
"""

from __future__ import annotations

import ast
import plistlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "selfcheck.iss"
SPEC = ROOT / "packaging" / "selfcheck.spec"


def inno_params(line: str) -> dict[str, str]:
    """An entry line's parameters as Inno Setup reads them: ``Name: value; Name: "quoted, "" is one quote"``."""
    params: dict[str, str] = {}
    i = 0
    while i < len(line):
        match = re.compile(r"\s*(\w+)\s*:\s*").match(line, i)
        assert match, f"not an Inno Setup entry: {line[i:]!r}"
        name, i = match.group(1), match.end()
        if line[i : i + 1] == '"':
            value, i = "", i + 1
            while True:
                end = line.index('"', i)
                value += line[i:end]
                if line[end + 1 : end + 2] == '"':  # "" is one quote
                    value, i = value + '"', end + 2
                    continue
                i = end + 1
                break
        else:
            end = line.find(";", i)
            end = len(line) if end < 0 else end
            value, i = line[i:end].strip(), end
        params[name] = value
        rest = line[i:].lstrip()
        i = len(line) - len(rest) + (1 if rest.startswith(";") else 0)
    return params


def iss_section(name: str) -> list[str]:
    lines, inside = [], False
    for raw in ISS.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if line.startswith("["):
            inside = line == f"[{name}]"
        elif inside and line and not line.startswith(";"):
            lines.append(line)
    return lines


def iss_defines() -> dict[str, str]:
    return dict(re.findall(r'^\s*#define\s+(\w+)\s+"([^"]*)"', ISS.read_text(encoding="utf-8-sig"), re.M))


def expand(value: str) -> str:
    defines = iss_defines()
    return re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], value)


def test_the_windows_installer_registers_the_scheme_as_microsoft_documents_it():
    entries = [inno_params(line) for line in iss_section("Registry")]
    scheme_entries = [e for e in entries if e["Subkey"].lower().startswith("software\\classes\\selfcheck")]
    assert [(e["Root"], expand(e["Subkey"]), e.get("ValueType"), e.get("ValueName"), expand(e.get("ValueData", ""))) for e in scheme_entries] == [
        ("HKA", "Software\\Classes\\selfcheck", "string", "", "URL:selfcheck support request"),
        ("HKA", "Software\\Classes\\selfcheck", "string", "URL Protocol", ""),  # without it, Windows never starts the handler
        ("HKA", "Software\\Classes\\selfcheck\\DefaultIcon", "string", "", "{app}\\selfcheck-gui.exe,0"),
        ("HKA", "Software\\Classes\\selfcheck\\shell\\open\\command", "string", "", '"{app}\\selfcheck-gui.exe" "%1"'),
    ]
    # removed at uninstall: the whole key (with its subkeys) is deleted by the flag on the scheme's own key
    assert "uninsdeletekey" in scheme_entries[0].get("Flags", "").split()
    # HKA is HKCU\Software\Classes for this per-user install (no administrator rights), HKLM's for "all users"
    setup = dict(line.split("=", 1) for line in iss_section("Setup") if "=" in line and not line.startswith("#"))
    assert setup["PrivilegesRequired"] == "lowest"


def test_the_windows_handler_is_the_windowed_exe_the_spec_builds():
    """A click must open the window without a console flashing: the command names the spec's console=False twin."""
    defines = iss_defines()
    spec = SPEC.read_text(encoding="utf-8")
    assert defines["GuiExe"] == "selfcheck-gui.exe" and 'GUI_EXE_NAME = env("SELFCHECK_GUI_EXE_NAME") or "selfcheck-gui"' in spec
    gui_exe = next(
        call
        for call in ast.walk(ast.parse(spec))
        if isinstance(call, ast.Call)
        and getattr(call.func, "id", "") == "EXE"
        and any(k.arg == "name" and getattr(k.value, "id", "") == "GUI_EXE_NAME" for k in call.keywords)
    )
    assert {k.arg: getattr(k.value, "value", None) for k in gui_exe.keywords}["console"] is False


def bundle_info_plist(product: str, app_id: str, version: str) -> dict:
    """The Info.plist PyInstaller's BUNDLE writes from the spec's info_plist (it merges the dict, then plistlib.dump)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    bundle = next(c for c in ast.walk(tree) if isinstance(c, ast.Call) and getattr(c.func, "id", "") == "BUNDLE")
    info = next(k.value for k in bundle.keywords if k.arg == "info_plist")
    values = eval(compile(ast.Expression(info), str(SPEC), "eval"), {"__builtins__": {}}, {"PRODUCT_NAME": product, "APP_ID": app_id, "version": version})  # noqa: S307 - our own spec
    return plistlib.loads(plistlib.dumps(values))


def test_the_mac_app_bundle_claims_the_scheme_as_apple_documents_it():
    plist = bundle_info_plist("ACME Support Check", "com.acme.SupportCheck", "1.2.3")
    assert plist["CFBundleURLTypes"] == [
        {"CFBundleURLName": "com.acme.SupportCheck.request", "CFBundleTypeRole": "Viewer", "CFBundleURLSchemes": ["selfcheck"]},
    ]


def test_the_mac_bootloader_leaves_link_events_to_qt():
    """argv emulation would turn the first open-URL event into sys.argv and drop the ones after it."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "EXE":
            emulation = {k.arg: k.value for k in call.keywords}.get("argv_emulation")
            assert emulation is None or getattr(emulation, "value", None) is False


def test_every_platform_registers_the_scheme_the_relay_page_opens():
    from selfcheck_intake import support_requests

    page_scheme = re.search(r'href="(\w+)://request/', Path(support_requests.__file__).read_text(encoding="utf-8"))
    assert page_scheme and page_scheme.group(1) == "selfcheck"
    desktop = (ROOT / "packaging" / "build").read_text(encoding="utf-8")
    assert "MimeType=x-scheme-handler/selfcheck;" in desktop  # Linux (.deb)
    assert bundle_info_plist("selfcheck", "org.selfcheck.SelfCheck", "0")["CFBundleURLTypes"][0]["CFBundleURLSchemes"] == ["selfcheck"]  # macOS
    assert any(inno_params(line)["Subkey"] == "Software\\Classes\\selfcheck" for line in iss_section("Registry"))  # Windows
