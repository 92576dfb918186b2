"""Finding checks: built-ins, installed plugins, and a company's folders.

Every source goes through the same path (:func:`register_module` /
:func:`register_class`), so the built-in checks prove daily the mechanism a
company's own checks use:

1. built-in modules from the explicit list ``selfcheck.checks.MODULES``
   (a list, not a folder listing, so frozen builds find them);
2. installed distributions exposing the entry-point group ``selfcheck.checks``
   (a module or a Check class); off with ``checks.autoload_plugins = false``
   or ``SELFCHECK_DISABLE_PLUGIN_AUTOLOAD=1``, and always in frozen builds
   (nothing can be pip-installed into them);
3. the folders in ``checks.folders``: ``*.py`` files holding Check subclasses,
   and ``*.toml`` files of declarative checks (see ``selfcheck.declarative``).

A plugin that fails to import, has bad metadata or invalid TOML becomes a
:class:`LoadProblem`; the runner reports it as an ``error`` result naming the
file and the problem, and every other check still runs.
"""

from __future__ import annotations

import fnmatch
import hashlib
import importlib
import importlib.util
import inspect
import os
import sys
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import ModuleType

from selfcheck.api import Check, LoadProblem, ids_written_in, validate_check_class
from selfcheck.config import Config
from selfcheck.i18n import N_, _, os_error_text

ENTRY_POINT_GROUP = "selfcheck.checks"


@dataclass
class Registry:
    checks: dict[str, type[Check]] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)

    def get(self, check_id: str) -> type[Check] | None:
        return self.checks.get(check_id)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.checks.values())

    def __len__(self) -> int:
        return len(self.checks)

    def register_class(self, cls: type[Check], source: str, distribution: str | None = None) -> bool:
        """Add one check; a problem (bad metadata, a taken id) is recorded instead."""
        if not (inspect.isclass(cls) and issubclass(cls, Check)):
            message = N_("{name} in {file} is not a check (a subclass of selfcheck.api.Check).")
            self.problems.append(LoadProblem.said(source, message, name=repr(cls)[:80], file=_where(source)))
            return False
        problems = validate_check_class(cls)
        if problems:
            message = _("The check {name} in {file} is not valid: {problems}.")
            wanted = getattr(cls, "id", None)
            self.problems.append(
                LoadProblem(
                    source,
                    message.format(name=getattr(cls, "__name__", "?"), file=_where(source), problems=_("; ").join(problems)),
                    check_ids=[wanted] if isinstance(wanted, str) else [],
                )
            )
            return False
        existing = self.checks.get(cls.id)
        if existing is not None and existing is not cls:
            message = N_("The check id {id} in {file} is already used by {other}; this one was left out.")
            problem = LoadProblem.said(source, message, id=cls.id, file=_where(source), other=_where(existing.source))
            problem.check_ids = [cls.id]
            self.problems.append(problem)
            return False
        cls.source = source
        cls.distribution = distribution
        self.checks[cls.id] = cls
        return True

    def register_module(self, module: ModuleType, source: str, distribution: str | None = None) -> int:
        """Register every Check subclass defined in ``module`` (or listed in its ``CHECKS``)."""
        listed = getattr(module, "CHECKS", None)
        if listed is not None and not isinstance(listed, list | tuple):
            self.problems.append(LoadProblem.said(source, N_("CHECKS in {file} must be a list of check classes."), file=_where(source)))
            return 0
        if listed is None:
            listed = [
                obj
                for _name, obj in inspect.getmembers(module, inspect.isclass)
                if issubclass(obj, Check) and obj is not Check and obj.__module__ == module.__name__ and obj.__dict__.get("id")
            ]
        count = 0
        for cls in listed:
            if self.register_class(cls, source, distribution):
                count += 1
        return count


def _where(source: str) -> str:
    """How a message names where a check comes from: a file's name, or the plugin."""
    if source.startswith("entry point ") or source == "builtin" or os.sep not in source and "/" not in source:
        return source
    return Path(source).name


# What importing a plugin may raise without stopping selfcheck (Ctrl+C still stops it).
_LOAD_ERRORS = (Exception, SystemExit, GeneratorExit)


def _problem_from_exception(source: str, exc: BaseException, what: str, **values: str) -> LoadProblem:
    """``what`` (a msgid, with its ``values``) could not be loaded, said again in another language (a bundle's reader)."""
    detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    reason = f"{type(exc).__name__}: {exc}"
    return LoadProblem.said(source, N_("{what} could not be loaded ({reason})."), detail, what={"msgid": what, "values": values}, reason=reason)


def load_builtin(registry: Registry) -> None:
    builtin = importlib.import_module("selfcheck.checks")
    for name in builtin.MODULES:
        try:
            module = importlib.import_module(name)
        except _LOAD_ERRORS as exc:  # a broken built-in must not stop the others
            registry.problems.append(_problem_from_exception(name, exc, N_("The built-in check module {name}"), name=name))
            continue
        registry.register_module(module, "builtin")


def load_entry_points(registry: Registry) -> None:
    try:
        entry_points = list(metadata.entry_points(group=ENTRY_POINT_GROUP))
    except Exception as exc:  # a broken installed distribution's metadata
        registry.problems.append(_problem_from_exception(ENTRY_POINT_GROUP, exc, N_("The installed plugins")))
        return
    for ep in entry_points:
        dist = f"{ep.dist.name} {ep.dist.version}" if ep.dist else None
        source = f"entry point {ep.name} = {ep.value}"
        try:
            obj = ep.load()
        except _LOAD_ERRORS as exc:
            registry.problems.append(_problem_from_exception(source, exc, N_("The plugin {name}"), name=ep.name))
            continue
        if isinstance(obj, ModuleType):
            before = len(registry.problems)
            if registry.register_module(obj, source, dist) == 0 and len(registry.problems) == before:
                registry.problems.append(LoadProblem.said(source, N_("The plugin {name} defines no check."), name=ep.name))
        elif inspect.isclass(obj) and issubclass(obj, Check):
            registry.register_class(obj, source, dist)
        elif isinstance(obj, list | tuple) and obj:
            for item in obj:
                registry.register_class(item, source, dist)
        else:
            registry.problems.append(LoadProblem.said(source, N_("The plugin {name} does not point to a check or a module of checks."), name=ep.name))


def _import_file(path: Path) -> ModuleType:
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:10]
    name = f"selfcheck_company_{path.stem.replace('-', '_')}_{digest}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def load_folder(registry: Registry, folder: Path) -> None:
    from selfcheck import declarative, i18n

    if not folder.is_dir():
        registry.problems.append(LoadProblem.said(str(folder), N_("The check folder {folder} does not exist."), folder=str(folder)))
        return
    locale_dir = folder / "locale"
    if locale_dir.is_dir():
        i18n.add_catalogue_dir(locale_dir)
    # shared code of a company's checks lives in files starting with "_" (not checks themselves),
    # imported as `import _acme_common`; appended, so a file can never shadow a real module
    if str(folder) not in sys.path:
        sys.path.append(str(folder))
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        registry.problems.append(
            LoadProblem(str(folder), _("The check folder {folder} cannot be read ({reason}).").format(folder=folder, reason=os_error_text(exc)))
        )
        return
    for path in entries:
        if path.name.startswith((".", "_")):
            continue
        if path.suffix == ".py":
            try:
                module = _import_file(path)
            except _LOAD_ERRORS as exc:  # SyntaxError, SystemExit, anything
                problem = _problem_from_exception(str(path), exc, N_("The check file {file}"), file=path.name)
                problem.check_ids = ids_written_in(path)
                registry.problems.append(problem)
                continue
            if registry.register_module(module, str(path)) == 0 and not any(p.source == str(path) for p in registry.problems):
                registry.problems.append(LoadProblem.said(str(path), N_("The check file {file} defines no check."), file=path.name))
        elif path.suffix == ".toml":
            for item in declarative.load_file(path, registry.problems):
                registry.register_class(item, str(path))


def discover(config: Config, extra_folders: Iterable[str | Path] = ()) -> Registry:
    """Every check available with this configuration, and every load problem."""
    registry = Registry()
    load_builtin(registry)
    # a frozen app (the installers) has no installed distributions to scan: company checks come from folders
    frozen = getattr(sys, "frozen", False)
    autoload = config.get("checks.autoload_plugins", True) and not os.environ.get("SELFCHECK_DISABLE_PLUGIN_AUTOLOAD") and not frozen
    if autoload:
        load_entry_points(registry)
    for folder in [*(config.get("checks.folders") or []), *extra_folders]:
        load_folder(registry, Path(os.path.expandvars(os.path.expanduser(str(folder)))))
    _apply_enabled(registry, config)
    return registry


def _apply_enabled(registry: Registry, config: Config) -> None:
    enabled = config.get("checks.enabled") or []
    disabled = config.get("checks.disabled") or []
    for cid in list(registry.checks):
        if enabled and not any(fnmatch.fnmatchcase(cid, pat) for pat in enabled):
            del registry.checks[cid]
        elif any(fnmatch.fnmatchcase(cid, pat) for pat in disabled):
            del registry.checks[cid]
