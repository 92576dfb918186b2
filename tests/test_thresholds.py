"""Thresholds have one source: the default config (resources/config/*.toml).

A built-in check reads its thresholds by key (``thresholds["warn_percent"]``) with no default of
its own in code, every key it reads exists in ``[thresholds."<its id>"]``, every key there is
read, and the names follow one vocabulary: ``info_*`` / ``warn_*`` / ``fail_*`` for a limit that
sets a status, anything else for a setting (a duration, a count of probes, a switch).
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ROOT / "checks"


def config_thresholds() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "resources" / "config").glob("*.toml")):
        for check_id, values in (tomllib.loads(path.read_text(encoding="utf-8")).get("thresholds") or {}).items():
            found.setdefault(check_id, set()).update(values)
    return found


def _is_thresholds(node: ast.AST, names: set[str]) -> bool:
    return (isinstance(node, ast.Name) and node.id in names) or (isinstance(node, ast.Attribute) and node.attr == "thresholds")


def reads(path: Path) -> tuple[list[str], set[str], list[str]]:
    """(ids the file defines, threshold keys it reads, reads with a default in code)."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    ids = [
        node.value.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "id" for t in node.targets)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    ]
    # evaluate's parameter, and any name bound to ctx.thresholds (``t = ctx.thresholds``)
    names = {"thresholds"} | {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute) and node.value.attr == "thresholds"
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    keys: set[str] = set()
    defaults: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and _is_thresholds(node.value, names) and isinstance(node.slice, ast.Constant):
            keys.add(node.slice.value)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and _is_thresholds(node.func.value, names):
            if node.args and isinstance(node.args[0], ast.Constant):
                keys.add(node.args[0].value)
                defaults.append(f"{path.name}:{node.lineno}")
    return ids, keys, defaults


def built_in_files() -> list[Path]:
    return [p for p in sorted(CHECKS.glob("*.py")) if p.name != "__init__.py" and reads(p)[0]]


def test_the_scan_finds_the_threshold_reads():
    ids, keys, defaults = reads(CHECKS / "hardware_memory.py")
    assert ids == ["hardware.memory"] and {"warn_available_percent", "fail_available_percent", "top_processes"} <= keys
    assert not defaults


@pytest.mark.parametrize("path", built_in_files(), ids=lambda p: p.stem)
def test_every_key_a_check_reads_is_in_the_default_config_and_every_key_there_is_read(path):
    ids, keys, defaults = reads(path)
    assert len(ids) == 1, f"{path.name}: one check per file"
    configured = config_thresholds().get(ids[0], set())
    assert not defaults, f"defaults in code (the default config holds them): {defaults}"
    assert keys <= configured, f"{ids[0]} reads keys the default config lacks: {sorted(keys - configured)}"
    assert configured <= keys, f"[thresholds.{ids[0]!r}] holds keys the check never reads: {sorted(configured - keys)}"


def test_every_configured_check_exists_and_no_built_in_carries_its_own_defaults():
    from selfcheck.config import from_dict
    from selfcheck.discovery import discover

    registry = discover(from_dict({}))
    assert set(config_thresholds()) <= {c.id for c in registry}
    builtins = [c for c in registry if c.source == "builtin"]
    assert builtins and all(not c.default_thresholds for c in builtins)


STATUS_WORDS = re.compile(r"(^|_)(warn|fail|info)(_|$)")


def test_limits_that_set_a_status_are_named_warn_fail_or_info_first():
    wrong = [
        f"{check_id}.{key}"
        for check_id, keys in config_thresholds().items()
        for key in keys
        if STATUS_WORDS.search(key) and not key.startswith(("warn_", "fail_", "info_"))
    ]
    assert not wrong


def test_the_configuration_docs_name_the_renamed_keys():
    """docs/configuration.md is where an admin looks a key up: the names there are the config's."""
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for old in ("temperature_warn_c", "loss_warn_percent", "system_crash_warn", "pressure_warn", "slow_ms"):
        assert not re.search(rf"(?<![a-z_]){old}(?![a-z_])", text), old
