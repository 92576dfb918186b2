"""report.html: one self-contained page support staff open in any browser.

Inline CSS, no script, no external resource (a Content-Security-Policy forbids
them). Rendered from data that is already redacted, with a tiny escaping
renderer over ``string.Template`` (resources/report/report.html): every value
goes through :func:`esc`. Statuses are shown with a word and an icon, never
colour alone; details (advice, evidence) are in collapsible ``<details>``.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from string import Template
from typing import Any

from selfcheck import evidence as evidence_words
from selfcheck import wording
from selfcheck.api import CATEGORIES, CATEGORY_TITLES, Status
from selfcheck.bundle.inventory import os_name, os_short_name
from selfcheck.bundle.manifest import left_out_words
from selfcheck.diagnosis import chain_roots
from selfcheck.i18n import N_, _, current_language, ngettext
from selfcheck.verdict import ALSO, LATER, Verdict, icon_status

ICONS = {Status.PASS: "✔", Status.INFO: "ℹ", Status.WARN: "⚠", Status.FAIL: "✖", Status.ERROR: "?", Status.SKIP: "–"}


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _resource(name: str) -> str:
    return (resources.files("selfcheck.resources") / "report" / name).read_text(encoding="utf-8")


def _status(value: Any) -> Status:
    try:
        return Status(str(value))
    except ValueError:
        return Status.ERROR


def status_badge(status: Status, words: str | None = None) -> str:
    """A status's sign and colour, with its label or the verdict's urgency words."""
    return f'<span class="st s-{status.value}"><span class="icon" aria-hidden="true">{ICONS[status]}</span> {esc(words or status.label)}</span>'


def _pretty(value: Any) -> str:
    return esc(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def _evidence(evidence: Any, check_id: str) -> str:
    """A result's evidence as the window's "Technical details" shows it: each key named in the reader's language
    (selfcheck.evidence), each value in its words; the key as recorded is the name's tooltip, and a code's (or a
    timestamp's) value as recorded its words', for the technician who looks it up in results.json (a French page read
    "oom_kills", "top_processes" as JSON, review of stop 46; "ending_soon", "cert_error", 1798215910, review 47)."""
    out = []
    for line in evidence_words.lines(evidence, check_id):
        at = "    " * line.depth
        # a code's or a timestamp's words, the code as recorded as their tooltip (« certificat refusé », title cert_error)
        value = esc(line.value) if line.code is None else f'<span class="code" title="{esc(line.code)}">{esc(line.value)}</span>'
        if line.label is None:
            out.append(at + (("-" if line.value is None else f"- {value}") if line.item else value))
            continue
        label = esc(line.label) if line.label == line.key else f'<span class="key" title="{esc(line.key)}">{esc(line.label)}</span>'
        if line.value is None:
            out.append(at + esc(_("{label}:")).format(label=label))
        else:
            out.append(at + esc(_("{label}: {value}")).format(label=label, value=value))
    return "\n".join(out)


def _size(n: Any) -> str:
    """The same units as the checks' sentences (1 GB = 10^9 bytes), in the reader's language: '25.3 GB' / '25,3 Go'."""
    try:
        value = float(n)
    except (TypeError, ValueError, OverflowError):  # OverflowError: a received bundle's 400-digit number
        return esc(n)
    return esc(wording.size(value))


def _seconds(value: Any) -> str:
    """A check's time taken: '1.23' / '1,23' in French (not a received bundle's raw '0.0123456'), 0 when not said."""
    try:
        return wording.number(float(value or 0), 2)
    except (TypeError, ValueError, OverflowError):
        return str(value)


def _percent(value: Any) -> str:
    """'13.0' -> '13' / '12.5' -> '12,5' in French."""
    try:
        return wording.number(float(value))
    except (TypeError, ValueError, OverflowError):
        return str(value)


def _speed(mbps: Any) -> str:
    """A network link's speed as the window's review writes it: '1000 Mbit/s' / '1 000 Mbit/s' in French (not 'Mb/s')."""
    try:
        return _("{n} Mbit/s").format(n=wording.number(float(mbps), 0))
    except (TypeError, ValueError, OverflowError):
        return str(mbps)


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]], numeric: Sequence[int] = ()) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    if not body:
        return f'<p class="muted">{esc(_("Nothing to show."))}</p>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _kv(pairs: Iterable[tuple[str, Any]]) -> str:
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in pairs if v not in (None, "", [], {}))
    return f'<table class="kv"><tbody>{rows}</tbody></table>' if rows else ""


def _verdict_model(scan: Mapping[str, Any]) -> Verdict | None:
    """The customer verdict the scan carries (already redacted like the rest), else one built from its results."""
    from selfcheck.runner import Scan

    told = (scan.get("diagnosis") or {}).get("verdict")
    if told:
        try:
            return Verdict.from_dict(told)
        except (KeyError, TypeError, ValueError):
            pass
    try:
        return Scan.from_dict(scan).diagnosis.verdict
    except (KeyError, TypeError, ValueError):
        return None


def _verdict(scan: Mapping[str, Any]) -> str:
    """The verdict section of ``scan`` alone (the tests'): :func:`render` builds the model once and passes it."""
    return _verdict_section(scan, _verdict_model(scan))


def _verdict_section(scan: Mapping[str, Any], v: Verdict | None) -> str:
    """The verdict the customer saw (``v``, from :func:`_verdict_model`): headline, cause, the one action, then the problems by urgency."""
    diagnosis = scan.get("diagnosis") or {}
    if v is None:
        status = _status(diagnosis.get("status") or scan.get("status") or "pass")
        return f'<section class="verdict s-{status.value}"><p class="headline">{status_badge(status)} {esc(diagnosis.get("headline", ""))}</p></section>'
    # the sign and colour of the window's icon (a calm one for what is easy or can wait), with its urgency words
    status = icon_status(v.icon)
    words = v.top.urgency_text if v.top is not None else None
    parts = [
        f'<section class="verdict s-{status.value}" data-verdict="headline">',
        f'<p class="headline">{status_badge(status, words)} <span class="headline-text">{esc(v.headline)}</span></p>',
    ]
    if v.cause:
        parts.append(f'<p class="cause"><strong>{esc(_("Why:"))}</strong> <span class="cause-text">{esc(v.cause)}</span></p>')
    if v.action:
        if v.action.steps:  # one list from 1., the action first, as the text report numbers them (it read as a missing step 1)
            first = f'<li><span class="action-text">{esc(v.action.text)}</span></li>'
            steps = "".join(f"<li>{esc(step)}</li>" for step in v.action.steps)
            parts.append(f'<p class="action"><strong>{esc(_("What to do now:"))}</strong></p>')
            parts.append(f'<ol class="steps">{first}{steps}</ol>')
        else:
            parts.append(f'<p class="action"><strong>{esc(_("What to do now:"))}</strong> <span class="action-text">{esc(v.action.text)}</span></p>')
        note = v.action.button_note()
        if note:
            parts.append(f'<p class="muted">{esc(note)}</p>')
    if v.count_line:
        parts.append(f'<p class="muted count">{esc(v.count_line)}</p>')
    top = v.top
    if top is not None:
        parts.append(f'<p class="urgency" data-check-id="{esc(top.check_id)}">{esc(top.urgency_text)} · {esc(top.title)}</p>')
    for group in (ALSO, LATER):
        items = v.group(group)
        if not items:
            continue
        rows = "".join(
            f'<li data-check-id="{esc(i.check_id)}">{status_badge(icon_status(i.icon), i.urgency_text)} <span class="summary">{esc(i.summary)}</span>'
            + (f'<br><span class="muted">{esc(i.reassurance)}</span>' if i.reassurance else "")
            + "</li>"
            for i in items
        )
        parts.append(f'<h3 data-group="{group}">{esc(v.group_title(group))}</h3><ul class="problems">{rows}</ul>')
    if scan.get("cancelled"):
        parts.append(f"<p>{esc(_('The scan was cancelled; some checks were not done.'))}</p>")
    parts.append("</section>")
    return "".join(parts)


def _support_card(card: Mapping[str, Any] | None) -> str:
    """The support card at the top: what support reads first (every line escaped)."""
    if not card:
        return ""
    from selfcheck.supportcard import SupportCard, is_numbered, is_sub_item

    parsed = SupportCard.from_dict(card)
    parts = [f'<section class="card" id="support-card"><h2>{esc(_("Support card"))}</h2><dl>']
    for key, title, lines in parsed.sections():
        if key == "reply":  # a letter to copy, not a list
            body = "<br>".join(esc(line) for line in lines)
            parts.append(f'<div class="card-reply"><dt>{esc(title)}</dt><dd><blockquote class="reply">{body}</blockquote></dd></div>')
            continue
        items = "".join(
            f'<li class="sub">{esc(line.strip())}</li>'
            if is_sub_item(line)
            else f'<li class="numbered">{esc(line)}</li>'  # "1. …" carries its number: no bullet before it
            if is_numbered(line)
            else f"<li>{esc(line)}</li>"
            for line in lines
        )
        parts.append(f'<div class="card-{esc(key)}"><dt>{esc(title)}</dt><dd><ul>{items}</ul></dd></div>')
    parts.append(f'</dl><p class="card-end muted">{esc(parsed.ends)}</p></section>')  # what follows repeats it, for reference
    return "".join(parts)


def _description(description: Mapping[str, Any] | None) -> str:
    if not description:
        return ""
    rows = [
        (_("What is the problem?"), description.get("problem")),
        (_("Since when?"), description.get("since")),
        (_("What changed recently?"), description.get("changed")),
        (_("Kind of problem"), description.get("symptom")),
    ]
    body = "".join(f"<h3>{esc(label)}</h3><p>{esc(value)}</p>" for label, value in rows if str(value or "").strip())
    return f'<h2>{esc(_("What the user wrote"))}</h2><section class="desc">{body}</section>'


def _result(
    r: Mapping[str, Any], by_id: Mapping[str, Any], causes: Mapping[str, Any], above: str | None = None, titles: Mapping[str, str] | None = None
) -> str:
    """One result, open when a problem. ``above``: the id of the check whose steps the verdict shows under "What to do now"
    (agent round 25: "the same advice appears three times"): its steps are not listed again. ``titles``: a check's title as the
    support card names it (supportcard.card_titles), so the card and the list agree."""
    titles = titles or {}
    status = _status(r.get("status"))
    problem = status.is_problem
    body: list[str] = []
    # the failures at the top of r's chain (names fail because the line is down: the line); causes is built once by _results
    roots = [titles.get(c) or by_id[c].get("title", c) if c in by_id else c for c in chain_roots(r.get("consequence_of"), causes, below=str(r.get("id")))]
    if roots and problem:  # not a second fault: said so, naming the root of the chain as the support card does
        body.append(f'<p class="consequence">{esc(_("(follows from “{roots}”: not a separate problem)").format(roots=", ".join(str(x) for x in roots)))}</p>')
    elif roots:
        body.append(f'<p class="consequence">{esc(_("(a consequence of: {roots})").format(roots=", ".join(str(x) for x in roots)))}</p>')
    advice = r.get("advice") or []
    if advice and above is not None and str(r.get("id")) == above:
        from selfcheck.textreport import STEPS_ABOVE

        body.append(f'<h3>{esc(_("Advice"))}</h3><p class="advice">{esc(_(STEPS_ABOVE))}</p>')
    elif advice:
        steps = "".join(f"<li>{esc(a)}</li>" for a in advice)
        body.append(f'<h3>{esc(_("Advice"))}</h3><ol class="advice">{steps}</ol>')
    if r.get("help_url"):
        url = str(r["help_url"])
        link = f'<a href="{esc(url)}" rel="noreferrer noopener">{esc(url)}</a>' if url.startswith(("https://", "http://")) else esc(url)
        body.append(f"<p>{esc(_('More help:'))} {link}</p>")
    if r.get("evidence"):
        body.append(f'<h3>{esc(_("Evidence"))}</h3><pre class="evidence">{_evidence(r["evidence"], str(r.get("id")))}</pre>')
    if r.get("traceback"):
        body.append(f"<details><summary>{esc(_('Technical details'))}</summary><pre>{esc(r['traceback'])}</pre></details>")
    body.append(f'<p class="muted">{esc(r.get("id"))} · {esc(_("{seconds} s").format(seconds=_seconds(r.get("duration"))))}</p>')
    cls = f"result s-{status.value}" + (" problem" if problem else "")
    open_attr = " open" if problem and not roots else ""
    return (
        f'<details class="{cls}"{open_attr}><summary>{status_badge(status)} <span class="title">{esc(titles.get(str(r.get("id"))) or r.get("title"))}</span>'
        f'<span class="summary">{esc(r.get("summary"))}</span></summary><div class="body">{"".join(body)}</div></details>'
    )


def _results(scan: Mapping[str, Any], verdict: Verdict | None, support_card: Mapping[str, Any] | None = None, outside_cut: bool = False) -> str:
    """Every result; ``verdict``: the one the page shows above (its action's steps are not listed again); ``support_card``:
    the card above, each check as it names it (agent rounds 24-30, supportcard.list_titles); ``outside_cut``: the results
    were made outside the cuts the customer's recording shows, said in the heading (agent round 56)."""
    results = [r for r in scan.get("results") or [] if isinstance(r, Mapping)]
    by_id = {str(r.get("id")): r for r in results}
    causes = {cid: other.get("consequence_of") for cid, other in by_id.items()}  # once per report, not once per result
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for r in results:
        groups.setdefault(str(r.get("category", "app")), []).append(r)
    above = verdict.action.check_id if verdict is not None and verdict.action is not None and verdict.action.check_id else None
    from selfcheck.supportcard import list_titles

    titles = list_titles(support_card, (str(r.get("id")) for r in results))
    out = [f"<h2>{esc(_('Results'))}</h2>"]
    if not results:
        out.append(f'<p class="muted">{esc(_("Nothing to show."))}</p>')
    # agent round 96 (cuts-sometimes: ten green results "look like nothing is wrong, until you read the note"): said first, in
    # words of its own, as `show` says it; the OKs in one folded line naming them (each one click away), the others as usual
    compact = [r for r in results if outside_cut and _status(r.get("status")) is Status.PASS]
    if outside_cut and results:
        from selfcheck.textreport import BETWEEN_CUTS_FIRST

        out.append(f'<p class="between-cuts"><strong>{esc(_(BETWEEN_CUTS_FIRST))}</strong></p>')
    if compact:
        named = _(", ").join(str(titles.get(str(r.get("id"))) or r.get("title")) for r in compact)
        rows = "".join(_result(r, by_id, causes, above, titles) for r in compact)
        out.append(
            f'<details class="result s-pass ok-between"><summary>{status_badge(Status.PASS)} <span class="title">{esc(named)}</span></summary>'
            f'<div class="body">{rows}</div></details>'
        )
    for category in [c for c in CATEGORIES if c in groups] + [c for c in groups if c not in CATEGORIES]:
        kept = [r for r in groups[category] if not any(r is c for c in compact)]
        if not kept:
            continue
        out.append(f"<h3>{esc(_(CATEGORY_TITLES.get(category, category)))}</h3>")
        ordered = sorted(kept, key=lambda r: -_status(r.get("status")).rank)
        out.extend(_result(r, by_id, causes, above, titles) for r in ordered)
    problems = [*(scan.get("config_problems") or []), *(scan.get("load_problems") or [])]
    if problems:
        out.append(f"<h3>{esc(_('Settings and plugin problems'))}</h3><pre>{_pretty(problems)}</pre>")
    return "".join(out)


def _outside_cut(support_card: Mapping[str, Any] | None) -> bool:
    """The card says the results were made between the cuts a recording caught: SupportCard.outside_cut decides, for this
    page as for `selfcheck show` and the window's bundle view (one rule)."""
    if not support_card:
        return False
    from selfcheck.supportcard import SupportCard

    return SupportCard.from_dict(support_card).outside_cut


def _proxy_text(value: Any) -> str:
    """ "direct (no proxy)" or "http://proxy:3128 (from: environment)" rather than raw JSON."""
    if not value:
        return _("none")
    if isinstance(value, Mapping) and "proxies" in value:
        proxies = value.get("proxies") or {}
        extra = [f"PAC {value['pac_url']}"] if value.get("pac_url") else []
        if not proxies and not extra:
            return _("direct (no proxy)") + (f" · {value.get('source')}" if value.get("source") not in (None, "direct") else "")
        # listed as the reader's language lists (French: « http : …, https : … ; PAC … »)
        shown = _(", ").join(_("{label}: {value}").format(label=k, value=v) for k, v in proxies.items()) if isinstance(proxies, Mapping) else str(proxies)
        return _("; ").join([x for x in [shown, *extra] if x]) + " " + _("(from: {source})").format(source=value.get("source", "?"))
    return json.dumps(value, ensure_ascii=False)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _uptime(seconds: Any) -> str | None:
    """'12 days' from a number of seconds (« 12 jours » held together in French); None when there is none or it is no
    number ("x", 400 digits, NaN)."""
    try:
        days = float(seconds) / 86400
    except (TypeError, ValueError, OverflowError):
        return None
    return wording.held_together(_("{days} days").format(days=wording.number(days))) if days and math.isfinite(days) else None


def _inventory(system: Mapping[str, Any] | None) -> str:
    if not system:
        return ""
    out = [f"<h2>{esc(_('This computer'))}</h2>"]
    # a received bundle's system.json: a part that is not an object is left out, not read (`"os": 5`)
    os_info, machine, cpu, memory = (_mapping(system.get(key)) for key in ("os", "machine", "cpu", "memory"))
    out.append(
        _kv(
            [
                (_("Operating system"), os_name(os_info)),
                (_("Kernel / version"), f"{os_info.get('release', '')} {os_info.get('version', '')}".strip()),
                (_("Architecture"), os_info.get("architecture")),
                (_("Machine"), " ".join(str(machine.get(k)) for k in ("sys_vendor", "vendor", "product_name", "model") if machine.get(k))),
                (_("Processor"), cpu.get("model") or cpu.get("processor")),
                (_("Cores"), f"{cpu.get('physical_cores') or '?'} / {cpu.get('logical_cores') or '?'}"),
                (
                    _("Memory"),
                    _("{total} ({percent}% in use)").format(total=_size(memory.get("total_bytes")), percent=_percent(memory.get("used_percent", "?")))
                    if memory.get("total_bytes")
                    else None,
                ),
                (_("Uptime"), _uptime(os_info.get("uptime_seconds"))),
                (_("selfcheck version"), os_info.get("selfcheck")),
            ]
        )
    )
    disks = system.get("disks") or []
    if isinstance(disks, list):
        out.append(f"<h3>{esc(_('Disks and volumes'))}</h3>")
        out.append(
            _table(
                [_("Mounted at"), _("Device"), _("Type"), _("Size"), _("Free"), _("Used")],
                (
                    [
                        esc(d.get("mountpoint")),
                        esc(d.get("device")),
                        esc(d.get("fstype")),
                        _size(d.get("total_bytes")) if "total_bytes" in d else esc(d.get("error", "")),
                        _size(d.get("free_bytes")) if "free_bytes" in d else "",
                        esc(wording.percent(_percent(d.get("used_percent")))) if "used_percent" in d else "",
                    ]
                    for d in disks
                    if isinstance(d, Mapping)
                ),
                numeric=(3, 4, 5),
            )
        )
    interfaces = system.get("network_interfaces") or []
    if isinstance(interfaces, list):
        out.append(f"<h3>{esc(_('Network interfaces'))}</h3>")
        out.append(
            _table(
                [_("Name"), _("Up"), _("Addresses"), _("MAC"), _("Speed")],
                (
                    [
                        esc(i.get("name")),
                        esc(_("yes") if i.get("up") else _("no")),
                        "<br>".join(esc(a.get("address")) for a in i.get("addresses") or [] if isinstance(a, Mapping)),
                        esc(i.get("mac", "")),
                        esc(_speed(i["speed_mbps"])) if i.get("speed_mbps") else "",
                    ]
                    for i in interfaces
                    if isinstance(i, Mapping)
                ),
            )
        )
    routes = system.get("routes")
    if routes:
        out.append(f"<h3>{esc(_('Routes'))}</h3>")
        if isinstance(routes, list):
            out.append(
                _table(
                    [_("Destination"), _("Gateway"), _("Interface"), _("Metric")],
                    (
                        [esc(r.get("destination")), esc(r.get("gateway")), esc(r.get("interface")), esc(r.get("metric"))]
                        for r in routes
                        if isinstance(r, Mapping)
                    ),
                )
            )
        else:
            out.append(f"<pre>{_pretty(routes)}</pre>")
    dns = system.get("dns") or {}
    proxies = system.get("proxies") or {}
    out.append(f"<h3>{esc(_('DNS and proxy'))}</h3>")
    out.append(
        _kv(
            [
                (_("DNS servers"), ", ".join(str(s) for s in dns.get("servers") or []) or dns.get("error")),
                (_("DNS search domains"), ", ".join(str(s) for s in dns.get("search") or [])),
                (_("Proxy in use"), _proxy_text(proxies.get("system"))),
                (_("Proxy (environment)"), json.dumps(proxies.get("environment"), ensure_ascii=False) if proxies.get("environment") else _("none")),
            ]
        )
    )
    processes = system.get("processes") or {}
    if isinstance(processes, Mapping) and processes.get("by_cpu") is not None:
        # a dump for those who need it: folded, so the report reads as a report
        out.append(f'<details class="dump"><summary>{esc(_("Programs running at the time (busiest first)"))}</summary>')
        out.append(f"<h3>{esc(_('Busiest programs'))}</h3>")
        out.append(
            _table(
                [_("Program"), _("User"), _("CPU"), _("Memory")],
                (
                    [esc(p.get("name")), esc(p.get("user")), esc(wording.percent(_percent(p.get("cpu_percent")))), _size(p.get("memory_bytes"))]
                    for p in (processes.get("by_cpu") or [])[:10]
                    if isinstance(p, Mapping)
                ),
                numeric=(2, 3),
            )
        )
        out.append(f"<h3>{esc(_('Programs using the most memory'))}</h3>")
        out.append(
            _table(
                [_("Program"), _("User"), _("CPU"), _("Memory")],
                (
                    [esc(p.get("name")), esc(p.get("user")), esc(wording.percent(_percent(p.get("cpu_percent")))), _size(p.get("memory_bytes"))]
                    for p in (processes.get("by_memory") or [])[:10]
                    if isinstance(p, Mapping)
                ),
                numeric=(2, 3),
            )
        )
        out.append("</details>")
    out.append(f"<details><summary>{esc(_('Full inventory (system.json)'))}</summary><pre>{_pretty(system)}</pre></details>")
    return "".join(out)


def _privacy(
    redaction: Sequence[Mapping[str, Any]], files: Sequence[Mapping[str, Any]], skipped: Sequence[Mapping[str, Any]], limits: Sequence[Mapping[str, Any]]
) -> str:
    from selfcheck.bundle.redact import KINDS

    out = [f"<h2>{esc(_('What was removed to protect privacy'))}</h2>"]
    if redaction:
        totals: dict[str, int] = {}
        for item in redaction:
            totals[str(item.get("kind"))] = totals.get(str(item.get("kind")), 0) + int(item.get("count") or 0)
        out.append(_table([_("What"), _("How many")], ([esc(_(KINDS.get(k, k))), esc(n)] for k, n in sorted(totals.items())), numeric=(1,)))
        out.append(
            f"<details><summary>{esc(_('By file'))}</summary>"
            + _table(
                [_("File"), _("What"), _("How many")],
                ([esc(i.get("file")), esc(_(KINDS.get(str(i.get("kind")), str(i.get("kind"))))), esc(i.get("count"))] for i in redaction),
                numeric=(2,),
            )
            + "</details>"
        )
    else:
        out.append(f'<p class="muted">{esc(_("Nothing needed to be removed."))}</p>')
    out.append(f"<h2>{esc(_('Files in this bundle'))}</h2>")
    out.append(_table([_("File"), _("Size")], ([esc(f.get("path")), _size(f.get("size"))] for f in files), numeric=(1,)))
    if skipped:
        out.append(f"<h3>{esc(_('Left out'))}</h3>")
        out.append(_table([_("What"), _("Why")], ([esc(w) for w in left_out_words(s)] for s in skipped)))
    if limits:
        out.append(f"<h3>{esc(_('Limits reached'))}</h3>")
        out.append(_table([_("Where"), _("What happened")], ([esc(x.get("path")), esc(x.get("detail"))] for x in limits)))
    return "".join(out)


#: lines of each log shown in the page (the whole file stays in the bundle)
LOG_TAIL_LINES = 200


def _logs(logs: Mapping[str, bytes] | None) -> str:
    """The newest lines of each log, so support reads them in the browser without unpacking the bundle."""
    if not logs:
        return ""
    out = [
        f"<h2>{esc(_('Logs'))}</h2>",
        f'<p class="muted">{esc(_("The last {n} lines of each log; the whole files are in the bundle.").format(n=LOG_TAIL_LINES))}</p>',
    ]
    for path, data in sorted(logs.items()):
        lines = data.decode("utf-8", "replace").splitlines()
        out.append(f"<details><summary>{esc(path)} ({_size(len(data))})</summary><pre>{esc(chr(10).join(lines[-LOG_TAIL_LINES:]))}</pre></details>")
    return "".join(out)


def _over_time(history: Mapping[str, Any] | None, timeline_svg: str | None) -> str:
    """What changed since the last good scan, trends, and the recording (from the history feature)."""
    if not history and not timeline_svg:
        return ""
    out = [f"<h2>{esc(_('Over time'))}</h2>"]
    for item in (history or {}).get("what_changed") or []:
        if isinstance(item, Mapping) and item.get("text"):
            out.append(f"<p><strong>{esc(item.get('check_id'))}</strong>: {esc(item.get('text'))}</p>")
    trends = (history or {}).get("trends") or {}
    forecasts = trends.get("disk_days_until_full") or {}
    if forecasts:
        out.append(_table([_("Volume"), _("Days until full")], ([esc(v), esc(d)] for v, d in sorted(forecasts.items())), numeric=[1]))
    recent = (history or {}).get("recent") or []
    if recent:
        out.append(f"<h3>{esc(_('Earlier scans'))}</h3>")
        out.append(_table([_("When"), _("Status"), _("Headline")], ([esc(r.get("started_at")), esc(r.get("status")), esc(r.get("headline"))] for r in recent)))
    if timeline_svg and timeline_svg.lstrip().startswith("<svg"):
        # made by selfcheck.history.record.timeline_svg: every text in it is escaped there
        out.append(f"<h3>{esc(_('Recording while the problem happened'))}</h3><figure>{timeline_svg}</figure>")
    return "".join(out)


#: agent round 100 (clock-wrong, a): "The first line ("made August 5, 2026") made me pause for a few seconds until the next
#: line explained it was the wrong clock's date": when the bundle knows its computer's clock was wrong, the "made" words say
#: so themselves, with the right time (the time servers' answer)
MADE_BY_CLOCK_BEHIND = N_("{made} by the computer's clock, which was {amount} behind (the right time was about {real})")
MADE_BY_CLOCK_AHEAD = N_("{made} by the computer's clock, which was {amount} ahead (the right time was about {real})")


#: past two years a clock's error is said in years ("26 years behind": a computer whose clock battery died went back to
#: 2000), not "9490 days"
CLOCK_YEARS = 2 * 365 * 86400
#: no bundle was made before selfcheck existed: a "right time" earlier than this (or after the reader's own time) is no
#: time server's answer but a damaged or hostile bundle, and the date is said alone
EARLIEST_REAL = "2020-01-01T00:00:00+00:00"


#: a manifest's created_at that is a number (an older or a hostile bundle's) is a date when it is a POSIX time from 2000 (a
#: clock whose battery died) to 2100; any other is no date, and the reader is told the date is missing (issue 21: "made ?")
SANE_EPOCH = (946_684_800, 4_102_444_800)
MADE_MISSING = N_("the date it was made is missing")


def made_iso(created: Any) -> str | None:
    """A manifest's ``created_at`` (hostile) as the ISO moment the maker writes: text as it is, a sane POSIX time as its
    moment in UTC; None when there is none (missing, empty, a number out of range, a yes/no, a list)."""
    if isinstance(created, str):
        return created.strip() or None
    number = _number(created)
    if number is None or not SANE_EPOCH[0] <= number < SANE_EPOCH[1]:
        return None
    import datetime as dt

    return dt.datetime.fromtimestamp(number, dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _number(value: Any) -> float | None:
    """A number a bundle recorded (finite, not a yes/no), else None."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) else None


def clock_error(facts: Mapping[str, Any] | None) -> float | None:
    """How far behind (positive) the computer's clock was, as the date and time check judged it (network.clock's
    best_offset): the time servers that answered (their median), else the web server's date; None when the check claimed
    no error (its two sources disagreed: it asked the customer to compare with a phone) or the bundle holds no answer."""
    clock = facts.get("network.clock") if isinstance(facts, Mapping) else None
    if not isinstance(clock, Mapping):
        return None
    confirmation = clock.get("confirmation")
    if isinstance(confirmation, Mapping) and confirmation.get("status") == "disagree":
        return None
    ntp = clock.get("ntp")
    answers = sorted(
        offset
        for r in (ntp.values() if isinstance(ntp, Mapping) else ())
        if isinstance(r, Mapping) and r.get("status") == "ok" and (offset := _number(r.get("offset_s"))) is not None
    )
    return answers[len(answers) // 2] if answers else _number(clock.get("http_offset_s"))


def _clock_amount(seconds: float) -> str:
    """How far off, as the card says it: whole minutes under a day, whole days under two years, then whole years; in French
    each number held to its unit (« 124 jours » never split at the end of a line, issue 21)."""
    if seconds >= CLOCK_YEARS:
        years = round(seconds / (365.25 * 86400))
        return wording.held_together(ngettext("{n} year", "{n} years", years).format(n=years))
    return wording.held_together(wording.duration(round(seconds / 86400) * 86400 if seconds >= 86400 else round(seconds / 60) * 60))


def made_words(created: Any, facts: Mapping[str, Any] | None) -> str:
    """When a bundle was made (its manifest's ``created_at``) as its reader says it: "December 7, 2026 at 09:24 UTC"; when
    the date and time check found the computer's clock off by two minutes or more (:func:`clock_error`), by that clock and
    how far off, with the right time: "August 5, 2026 at 11:31 UTC by the computer's clock, which was 124 days behind (the
    right time was about December 7, 2026 at 18:44 UTC)". ``facts`` come from a bundle (hostile): odd ones, or a right
    time no bundle can have (before selfcheck existed, after now), give the plain date. A ``created_at`` that is a POSIX
    time is said as its date; none at all (or a number no date can be made of) as "the date it was made is missing"."""
    import datetime as dt

    created = made_iso(created)
    if created is None:
        return _(MADE_MISSING)
    plain = wording.date_time(created)
    try:
        offset = clock_error(facts)
        made = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
        if offset is None or abs(offset) < 120:
            return plain
        made = made.replace(tzinfo=dt.UTC) if made.tzinfo is None else made
        real = made + dt.timedelta(seconds=offset)
        if not dt.datetime.fromisoformat(EARLIEST_REAL) <= real <= dt.datetime.now(dt.UTC) + dt.timedelta(days=1):
            return plain
    except (ValueError, OverflowError, TypeError):
        return plain
    words = MADE_BY_CLOCK_BEHIND if offset > 0 else MADE_BY_CLOCK_AHEAD
    return _(words).format(made=plain, amount=_clock_amount(abs(offset)), real=wording.date_time(real.isoformat()))


def render(
    *,
    scan: Mapping[str, Any],
    description: Mapping[str, Any] | None,
    system: Mapping[str, Any] | None,
    redaction: Sequence[Mapping[str, Any]],
    files: Sequence[Mapping[str, Any]],
    skipped: Sequence[Mapping[str, Any]],
    limits_hit: Sequence[Mapping[str, Any]],
    meta: Mapping[str, Any],
    product: str = "selfcheck",
    history: Mapping[str, Any] | None = None,
    timeline_svg: str | None = None,
    logs: Mapping[str, bytes] | None = None,
    support_card: Mapping[str, Any] | None = None,
    facts: Mapping[str, Any] | None = None,
) -> str:
    """The whole page as a string (every value escaped). ``facts``: the scan's facts by check, for the computer's clock."""
    meta_items = [
        ("ref", _("Reference"), meta.get("reference")),
        # as people say them (not "2026-12-07T09:24:00Z", "linux", "en"), in the reader's language; by a wrong clock, said
        # there (agent round 100: "made August 5, 2026" made the agent pause)
        ("", _("Created"), made_words(meta.get("created_at"), facts) if meta.get("created_at") else None),
        ("", _("selfcheck version"), meta.get("selfcheck_version")),
        ("", _("System"), os_short_name(_mapping(_mapping(system).get("os")), scan.get("platform"))),
        ("", _("Language"), wording.locale_name(str(scan["language"])) if scan.get("language") else None),
    ]
    meta_html = "".join(f'<div class="{cls}"><dt>{esc(label)}</dt><dd>{esc(value)}</dd></div>' for cls, label, value in meta_items if value)
    verdict = _verdict_model(scan)  # once per page: the verdict section and the results' "steps above" read the same one
    body = "".join(
        [
            _support_card(support_card),
            _verdict_section(scan, verdict),
            _description(description),
            _over_time(history, timeline_svg),
            _results(
                scan,
                verdict,
                support_card=support_card,
                outside_cut=_outside_cut(support_card),
            ),
            _inventory(system),
            _logs(logs),
            _privacy(redaction, files, skipped, limits_hit),
        ]
    )
    footer = esc(_("Bundle {bundle_id}. This page needs no internet connection and runs no scripts.").format(bundle_id=meta.get("bundle_id", "")))
    page = Template(_resource("report.html")).substitute(
        lang=esc(current_language()),
        title=esc(_("Diagnostic report")),
        product=esc(product),
        css=_resource("report.css"),
        meta=meta_html,
        body=body,
        footer=footer,
    )
    return page
