"""Which program names are web browsers: a firewall rule limited to one program stops what the customer complains of
("websites do not open") only when that program is their web browser (issue 21, the support card's secure-sites proof).

The list: the desktop browsers in use on Windows, macOS and Linux (Chrome, Edge, Firefox, Safari, Opera, Brave, Vivaldi,
Chromium, Internet Explorer, and the Linux desktops' own GNOME Web, Falkon, Konqueror), each under the file name its
own installer or package puts on disk: Windows' ``C:\\Program Files\\<vendor>\\...\\<name>.exe`` (what a Windows Firewall
rule's App= holds; selfcheck keeps its file name only), macOS's ``<App>.app/Contents/MacOS/<name>``, the Linux packages'
programs in /usr/bin and /opt; and the Microsoft Store packages of Edge and Firefox (a Store app's rule holds its package
family name, PFN=, "<name>_<publisher id>"). Compared without case. A program missing here is taken as not a browser:
its rule is then not named on the card as stopping the sites (add it here when support meets one).
"""

from __future__ import annotations

#: file names (Windows with ".exe"), compared in lower case
BROWSER_PROGRAMS = frozenset(
    {
        # Windows
        "chrome.exe",
        "msedge.exe",
        "microsoftedge.exe",  # the first Edge (Windows 10 before 2020)
        "microsoftedgecp.exe",
        "firefox.exe",
        "brave.exe",
        "opera.exe",
        "vivaldi.exe",
        "iexplore.exe",
        "chromium.exe",
        # macOS (the program inside the app bundle)
        "google chrome",
        "microsoft edge",
        "safari",
        "brave browser",
        # Linux (and macOS's Firefox, Opera, Vivaldi)
        "chrome",
        "google-chrome",
        "google-chrome-stable",
        "msedge",
        "microsoft-edge",
        "microsoft-edge-stable",
        "firefox",
        "firefox-bin",
        "firefox-esr",
        "chromium",
        "chromium-browser",
        "brave",
        "brave-browser",
        "opera",
        "vivaldi",
        "vivaldi-bin",
        "epiphany",
        "falkon",
        "konqueror",
    }
)
#: Microsoft Store package family names without their publisher id (the part before "_"), compared in lower case
BROWSER_PACKAGES = frozenset(
    {
        "microsoft.microsoftedge",  # Microsoft.MicrosoftEdge_8wekyb3d8bbwe
        "microsoft.microsoftedge.stable",
        "microsoft.microsoftedge.beta",
        "microsoft.microsoftedge.dev",
        "microsoft.microsoftedge.canary",
        "mozilla.firefox",  # Mozilla.Firefox_n80bbvh6b1yt2
    }
)


def is_browser(program: str | None) -> bool:
    """``program`` (a file name, without its folder, or a Store package family name) is a web browser's."""
    if not program:
        return False
    name = str(program).replace("\\", "/").rsplit("/", 1)[-1].strip().lower()
    return name in BROWSER_PROGRAMS or name.split("_", 1)[0] in BROWSER_PACKAGES
