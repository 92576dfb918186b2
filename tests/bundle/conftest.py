"""Fixtures for the bundle tests: an app with a test config, and a scan to bundle."""

from __future__ import annotations

from typing import Any

import pytest
from bundle_helpers import FailingDemoCheck, run_scan, write_config

from selfcheck import app as app_mod
from selfcheck.api import Check


@pytest.fixture
def make_app(tmp_path):
    def factory(config_text: str = "", checks: tuple[type[Check], ...] = ()) -> Any:
        app = app_mod.start([write_config(tmp_path, config_text)], "en")
        for cls in checks:
            app.registry.register_class(cls, "test")
        return app

    return factory


@pytest.fixture
def app_and_scan(make_app):
    app = make_app(checks=(FailingDemoCheck,))
    return app, run_scan(app, ("os.uptime", FailingDemoCheck.id))
