"""Shared test setup: every test gets its own selfcheck home (config, data, logs)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def selfcheck_home(tmp_path, monkeypatch):
    home = tmp_path / "selfcheck-home"
    monkeypatch.setenv("SELFCHECK_HOME", str(home))
    monkeypatch.delenv("SELFCHECK_CONFIG", raising=False)
    monkeypatch.setenv("SELFCHECK_DISABLE_PLUGIN_AUTOLOAD", "1")
    from selfcheck import i18n

    i18n.set_language("en")
    yield home
    i18n.set_language("en")
