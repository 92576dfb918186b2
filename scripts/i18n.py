#!/usr/bin/env python3
"""Translation upkeep.

    python scripts/i18n.py missing [--lang fr]        list strings with no translation
    python scripts/i18n.py add FILE.po [--lang fr]    append the missing strings to FILE.po
                                                      (empty msgstr, to be translated by hand)
    python scripts/i18n.py unused [--lang fr]         list catalogue entries no code can produce
    python scripts/i18n.py prune [--lang fr]          remove them (after a string's words changed)
    ... --from src/selfcheck/bundle --from checks/hardware_   only strings used in files whose
                                                      path starts with one of these (your own area)

Strings are found in src/, checks/ and resources/ (declarative check files are
not scanned: they carry their own translations). A string is marked with
_("..."), N_("..."), or ngettext("...", "...", n).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "src", ROOT / "checks"]
MARKERS = {"_", "N_", "gettext"}


def extract(paths: list[Path] | None = None) -> dict[str, tuple[str | None, list[str]]]:
    """msgid -> (plural or None, ["file:line", ...])"""
    found: dict[str, tuple[str | None, list[str]]] = {}
    for base in paths or SOURCES:
        for file in sorted(base.rglob("*.py")):
            try:
                tree = ast.parse(file.read_text(encoding="utf-8"))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else None
                args = node.args
                where = f"{file.relative_to(ROOT)}:{node.lineno}"
                if name in MARKERS and args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                    msgid, plural = args[0].value, None
                elif name == "ngettext" and len(args) >= 2 and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args[:2]):
                    msgid, plural = args[0].value, args[1].value  # type: ignore[union-attr]
                else:
                    continue
                if not msgid:
                    continue
                prev = found.get(msgid)
                found[msgid] = (plural or (prev[0] if prev else None), [*(prev[1] if prev else []), where])
    return found


def missing(lang: str) -> dict[str, tuple[str | None, list[str]]]:
    sys.path.insert(0, str(ROOT / "src"))
    from selfcheck import i18n

    i18n._catalogues.clear()
    catalogue = i18n.catalogue(lang)
    return {k: v for k, v in extract().items() if k not in catalogue}


_ENTRY_SEPARATOR = re.compile(r"\n\s*\n")
_MSGID = re.compile(r'^msgid ((?:"(?:[^"\\]|\\.)*"\s*)+)', re.M)
_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')


def _entries(po: Path) -> list[tuple[str, str]]:
    """(msgid, the entry's text with its comments) per blank-line separated entry; the header's msgid is ""."""
    sys.path.insert(0, str(ROOT / "src"))
    from selfcheck.i18n import _unquote

    found = []
    for block in _ENTRY_SEPARATOR.split(po.read_text(encoding="utf-8").rstrip("\n")):
        match = _MSGID.search(block)
        msgid = "".join(_unquote(t) for t in _LITERAL.findall(match.group(1))) if match and not block.lstrip().startswith("#~") else ""
        found.append((msgid, block))
    return found


def unused(lang: str) -> dict[Path, list[str]]:
    """Per catalogue of ``lang``, the msgids no _(), N_() or ngettext() in the code asks for."""
    used = set(extract())
    found: dict[Path, list[str]] = {}
    for po in sorted((ROOT / "resources" / "locale" / lang).glob("*.po")):
        stale = [msgid for msgid, _block in _entries(po) if msgid and msgid not in used]
        if stale:
            found[po] = stale
    return found


def prune(lang: str) -> int:
    count = 0
    for po, stale in unused(lang).items():
        gone = set(stale)
        kept = [block for msgid, block in _entries(po) if msgid not in gone]
        po.write_text("\n\n".join(kept) + "\n", encoding="utf-8")
        count += len(stale)
    return count


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("missing")
    m.add_argument("--lang", default="fr")
    a = sub.add_parser("add")
    a.add_argument("po")
    a.add_argument("--lang", default="fr")
    for p in (m, a):
        p.add_argument("--from", dest="prefixes", action="append", default=[], metavar="PATH", help="only strings used in files under this path prefix")
    for name in ("unused", "prune"):
        sub.add_parser(name).add_argument("--lang", default="fr")
    args = parser.parse_args()
    if args.cmd == "unused":
        stale = unused(args.lang)
        for po, msgids in stale.items():
            for msgid in msgids:
                print(f"{po.relative_to(ROOT)}: {msgid}")
        return 1 if stale else 0
    if args.cmd == "prune":
        print(f"removed {prune(args.lang)} entries no code asks for")
        return 0
    todo = missing(args.lang)
    if args.prefixes:
        todo = {k: v for k, v in todo.items() if any(w.startswith(tuple(args.prefixes)) for w in v[1])}
    if args.cmd == "missing":
        for msgid, (_plural, where) in todo.items():
            print(f"{where[0]}: {msgid}")
        print(f"{len(todo)} missing", file=sys.stderr)
        return 1 if todo else 0
    po = Path(args.po)
    with po.open("a", encoding="utf-8") as out:
        if po.stat().st_size == 0:
            header = (
                'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {lang}\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
            )
            out.write(header.format(lang=args.lang))
        for msgid, (plural, where) in todo.items():
            out.write(f"\n#: {' '.join(where[:3])}\nmsgid {_quote(msgid)}\n")
            if plural:
                out.write(f'msgid_plural {_quote(plural)}\nmsgstr[0] ""\nmsgstr[1] ""\n')
            else:
                out.write('msgstr ""\n')
    print(f"added {len(todo)} entries to {po}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
