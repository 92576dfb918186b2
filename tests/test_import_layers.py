"""Imports run one way (front ends down to the core): no module of src/ imports, even inside a
function, a module that imports it back (directly or through others)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of src/ it imports anywhere in its code.

    ``from package import submodule`` counts as importing the submodule, not the package's
    ``__init__`` (which re-exports its submodules and is no layer of its own).
    """
    mods = modules()
    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in mods.items():
        package = name if is_package else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, node.module] if node.module else base)
                else:
                    target = node.module or ""
                submodules = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in mods]
                deps.update(submodules)
                if len(submodules) < len(node.names):
                    deps.add(target)
        graph[name] = {d for d in deps if d in mods and d != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for dep in sorted(graph[node]):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in on_stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_in_src():
    graph = import_graph()
    found = circles(graph)
    detail = "\n".join(" <-> ".join(group) + ": " + "; ".join(f"{m} imports {sorted(graph[m] & set(group))}" for m in group) for group in found)
    assert not found, "import circles:\n" + detail


def test_the_graph_sees_imports_inside_functions_and_relative_imports():
    graph = import_graph()
    assert "selfcheck.gui.mainwindow" in graph["selfcheck.gui.application"]  # imported inside run()
    assert "selfcheck.gui.settings" in graph["selfcheck.gui.support_dialog"]  # from .settings import ...
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_core_never_imports_the_gui_or_the_relay():
    graph = import_graph()
    core = [
        m
        for m in graph
        if m.startswith("selfcheck.") and not m.startswith(("selfcheck.gui", "selfcheck.commands")) and m not in ("selfcheck.cli", "selfcheck.__main__")
    ]
    wrong = {m: sorted(d for d in graph[m] if d.startswith(("selfcheck.gui", "selfcheck_intake"))) for m in core}
    assert not {m: d for m, d in wrong.items() if d}


def test_the_core_never_imports_a_built_in_check_and_checks_get_the_history_through_their_context():
    """A built-in check is a plugin like a company's: the core may not lean on one, and a check
    reads what the history knows only through ``ctx.usual`` (selfcheck.scan wires it)."""
    graph = import_graph()
    core = {m: sorted(d for d in deps if d.startswith("selfcheck.checks")) for m, deps in graph.items() if not m.startswith("selfcheck.checks")}
    assert not {m: d for m, d in core.items() if d}
    checks = Path(__file__).resolve().parents[1] / "checks"
    for path in sorted(checks.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.startswith("selfcheck.history") for n in names), f"{path.name} imports the history"


def test_the_readme_layout_and_the_architecture_map_name_every_package():
    root = SRC.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout") :]
    architecture = (root / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = sorted(p.name for p in (SRC / "selfcheck").iterdir() if (p / "__init__.py").is_file())
    assert packages
    for name in packages:
        assert f"`{name}/`" in layout or f"({name}/" in layout or f"`{name}/`," in layout, f"README Layout does not name {name}/"
        assert f"selfcheck.{name}" in architecture, f"docs/architecture.md does not place selfcheck.{name}"
    assert "selfcheck_intake" in layout and "selfcheck_intake" in architecture


def test_every_package_of_src_is_installed():
    """pyproject lists its packages one by one: a package left out works from a checkout (editable
    install) but is missing from the wheel, the .deb and a fresh machine's `pip install .`."""
    import tomllib

    listed = set(tomllib.loads((SRC.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(SRC).parts) for p in SRC.rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(found - listed)}"
