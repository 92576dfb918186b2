"""Start-up shared by every front end: config, language, logging, checks."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from selfcheck import hooks, i18n, logsetup, paths
from selfcheck.config import Config, check_company_thresholds
from selfcheck.config import load as load_config
from selfcheck.discovery import Registry, discover

log = logging.getLogger("selfcheck")


@dataclass
class App:
    config: Config
    registry: Registry
    log_path: Path | None


def start(config_files: Iterable[str | Path] = (), lang: str | None = None, *, extra_folders: Iterable[str | Path] = ()) -> App:
    """Load the config layers, pick the language, open the log and find the checks."""
    paths.tighten_own_folders()  # what an older version left readable by every local user
    config = load_config(config_files)
    i18n.set_language(lang or config.get("language") or None)
    log_path = logsetup.setup(
        logsetup.level_from(config.get("logging.level")),
        max_bytes=int(config.get("logging.max_kb", 1000)) * 1000,
        backups=int(config.get("logging.backups", 3)),
    )
    for problem in config.problems:
        log.warning("config problem: %s", problem)
    if config.get("history.enabled", True):
        from selfcheck import history
        from selfcheck.history.wording import headlines

        history.install(headlines)
        from selfcheck.repairs import history as repair_history

        repair_history.install()  # the repairs tried go in the next bundle
    if config.get("bundle.reuse_scan_minutes", 5):
        # the bundle code is imported when a scan finishes, not now: commands that never scan start faster
        hooks.add_after_scan_lazy("selfcheck.bundle.cache:_hook")  # `selfcheck bundle` reuses a scan of the last minutes
    registry = discover(config, extra_folders)
    for check in registry:
        if check.default_thresholds:  # a company check's own thresholds: judged now that its defaults are known
            for problem in check_company_thresholds(config, check.id, check.default_thresholds):
                log.warning("config problem: %s", problem)
    for load_problem in registry.problems:
        log.warning("check load problem: %s: %s", load_problem.source, load_problem.message)
    return App(config, registry, log_path)
