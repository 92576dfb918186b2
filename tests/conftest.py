"""Shared test setup: every test gets its own selfcheck home (config, data, logs).

Network safety: tests must never probe a real network. Each test's home gets a
system-wide config layer that turns the network checks off and points every
network target at a closed loopback port. The network lab (tests/netlab.py)
runs its scans with a home of its own inside its namespaces, where the checks
are on; a test that needs them elsewhere must give lab/loopback targets.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NETWORK_GUARD = """\
# written by tests/conftest.py: no test may reach a real network
[checks]
disabled = ["network.*"]

[network]
dns_names = ["selfcheck.invalid"]
connectivity_url = "http://127.0.0.1:9/generate_204"
https_urls = ["https://127.0.0.1:9/"]
ntp_servers = ["127.0.0.1"]
proxy = "none"
internet_addresses = ["127.0.0.1:9"]
second_resolver = "127.0.0.1"

[support]
url = "https://127.0.0.1:9/"
named_site = false
"""


@pytest.fixture(autouse=True)
def selfcheck_home(tmp_path, monkeypatch):
    home = tmp_path / "selfcheck-home"
    (home / "system").mkdir(parents=True)
    (home / "system" / "config.toml").write_text(NETWORK_GUARD, encoding="utf-8")
    monkeypatch.setenv("SELFCHECK_HOME", str(home))
    monkeypatch.delenv("SELFCHECK_CONFIG", raising=False)
    monkeypatch.setenv("SELFCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    # a message queued by a test adds its at-login entry (selfcheck.upload.atlogin) here, never in the real ~/.config
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    # network probes may only reach loopback and the network lab (never a real network)
    monkeypatch.setenv("SELFCHECK_NETWORK_ALLOW", "127.0.0.0/8,::1/128,10.77.0.0/16,198.51.100.0/24")
    from selfcheck import i18n

    i18n.set_language("en")
    yield home
    i18n.set_language("en")
