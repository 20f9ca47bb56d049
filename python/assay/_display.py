"""Rich HTML views for Jupyter: `Report._repr_html_` and `Corpus._repr_html_`.

A report shows its text with every fact as a ``<mark>`` coloured by metric; the
mark's ``title`` (the hover tooltip) lists the fact's resolved columns. A corpus
shows documents by status, facts by commodity and metric, and its errors.
Everything is inline-styled so the views survive notebook sanitizers and
renderers that drop ``<style>`` blocks.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._api import Corpus, Report

#: Background colour of each metric's marks (light, so the text stays readable).
METRIC_COLORS = {
    "production": "#bfdbfe",
    "operating_rate": "#fde68a",
    "capacity": "#e9d5ff",
    "exports": "#bbf7d0",
    "imports": "#d9f99d",
    "inventory": "#fed7aa",
    "sales": "#99f6e4",
    "demand": "#c7d2fe",
    "price": "#fecdd3",
    "share": "#a5f3fc",
    "other": "#e5e7eb",
}
_FALLBACK_COLOR = "#e5e7eb"
_TITLE_COLUMNS = ("commodity", "metric", "period", "basis", "value", "unit", "forecast")
_EXTRA_COLUMNS = ("region", "partner", "segment", "approx")
_FONT = "font-family:ui-sans-serif,system-ui,sans-serif;font-size:13px"
_MAX_ERRORS = 20


def metric_color(metric: str | None) -> str:
    return METRIC_COLORS.get(metric or "", _FALLBACK_COLOR)


def format_period(start: dt.date | None, end: dt.date | None) -> str:
    """Compact period: ``2025-12`` for a calendar month, ``2025`` for a year,
    ``2025-12-31`` for a day, else ``start/end``; empty when unknown."""
    if start is None and end is None:
        return ""
    if start is None or end is None:
        return (start or end).isoformat()  # type: ignore[union-attr]
    if start == end:
        return start.isoformat()
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        if start.month == 1 and end.month == 12 and start.year == end.year:
            return f"{start.year}"
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.year}-{start.month:02d}"
        return f"{start.year}-{start.month:02d}/{end.year}-{end.month:02d}"
    return f"{start.isoformat()}/{end.isoformat()}"


def _format_value(fact: dict[str, Any]) -> str:
    def num(x: float) -> str:
        return f"{x:,.10g}"

    value = fact.get("value")
    if value is None:
        return ""
    high = fact.get("value_high")
    return num(value) if high is None else f"{num(value)} to {num(high)}"


def fact_title(fact: dict[str, Any]) -> str:
    """The tooltip of one fact: its resolved columns, one per line."""
    cells = {
        "commodity": fact.get("commodity"),
        "metric": fact.get("metric"),
        "period": format_period(fact.get("period_start"), fact.get("period_end")) or None,
        "basis": fact.get("basis"),
        "value": _format_value(fact),
        "unit": fact.get("unit"),
        "forecast": "true" if fact.get("forecast") else "false",
    }
    lines = [f"{k}: {'null' if cells[k] is None else cells[k]}" for k in _TITLE_COLUMNS]
    for k in _EXTRA_COLUMNS:
        v = fact.get(k)
        if v is not None and not (k == "approx" and v == "exact"):
            lines.append(f"{k}: {v}")
    return "\n".join(lines)


def _mark_open(fact: dict[str, Any]) -> str:
    metric = fact.get("metric") or "other"
    style = f"background:{metric_color(metric)};padding:0 2px;border-radius:3px"
    if fact.get("forecast"):
        style += ";outline:1px dashed #6b7280"
    title = html.escape(fact_title(fact), quote=True).replace("\n", "&#10;")
    attrs = f'class="assay-fact" data-metric="{html.escape(metric)}" title="{title}"'
    return f'<mark {attrs} style="{style}">'


def highlight(text: str, facts: list[dict[str, Any]]) -> str:
    """``text`` HTML-escaped, with one ``<mark>`` per fact around ``text[start:end]``.

    Offsets are Python string indices. Marks nest when spans nest; a span that
    crosses the end of an enclosing one is cut at that end, so every fact keeps
    exactly one well-formed mark.
    """
    n = len(text)
    spans = []
    for i, f in enumerate(facts):
        s = min(max(int(f["start"]), 0), n)
        e = min(max(int(f["end"]), s), n)
        spans.append((s, -e, i))
    spans.sort()
    out: list[str] = []
    stack: list[int] = []  # end offsets of the open marks
    pos = 0

    def emit_to(p: int) -> None:
        nonlocal pos
        if p > pos:
            out.append(html.escape(text[pos:p], quote=False))
            pos = p

    def close_to(p: int) -> None:
        # Close the marks that end at or before p (innermost first).
        while stack and stack[-1] <= p:
            emit_to(stack.pop())
            out.append("</mark>")

    for s, neg_e, i in spans:
        close_to(s)
        e = -neg_e
        if stack:
            e = min(e, stack[-1])
        emit_to(s)
        out.append(_mark_open(facts[i]))
        stack.append(e)
    close_to(n)
    emit_to(n)
    return "".join(out)


def _legend(metrics: list[str]) -> str:
    items = "".join(
        f'<mark style="background:{metric_color(m)};padding:0 4px;margin-right:4px;'
        f'border-radius:3px">{html.escape(m)}</mark>'
        for m in metrics
    )
    return f'<div style="margin:4px 0 8px 0">{items}</div>'


def report_html(report: Report) -> str:
    """The HTML view of one report (see the module docstring)."""
    facts = report.facts.to_pylist()
    doc = report.document.to_pylist()[0] if len(report.document) else {}
    title = doc.get("title") or report.doc_id
    meta = [
        f"{len(facts)} facts",
        f"{len(report.sections)} sections",
        f"{len(report.page_text if report.page_text is not None else report.text):,} chars",
    ]
    if doc.get("published"):
        meta.insert(0, f"published {doc['published'].isoformat()}")
    counts = Counter(f["metric"] for f in facts)
    metrics = sorted(counts, key=lambda m: (-counts[m], m))
    if report.page_text is None:
        body = highlight(report.text, facts)
    else:
        # A web page shows as the text read from it, its facts marked there.
        moved = [
            {**f, "start": report.page_offset(f["start"]), "end": report.page_offset(f["end"])}
            for f in facts
        ]
        body = highlight(report.page_text, moved)
    return (
        f'<div class="assay-report" style="{_FONT}">'
        f"<div><b>{html.escape(str(title))}</b> "
        f'<span style="color:#6b7280">{html.escape(" · ".join(meta))}</span></div>'
        f"{_legend(metrics)}"
        '<div style="white-space:pre-wrap;line-height:1.6;max-height:40em;overflow-y:auto;'
        'border:1px solid #e5e7eb;padding:8px;font-family:ui-serif,Georgia,serif;font-size:14px">'
        f"{body}</div></div>"
    )


def _table(header: list[str], rows: list[list[Any]], dot_zeros: bool = False) -> str:
    cell = "padding:2px 8px;border-bottom:1px solid #e5e7eb;text-align:{}"

    def td(v: Any, j: int) -> str:
        align = "right" if isinstance(v, (int, float)) and not isinstance(v, bool) else "left"
        text = "" if v is None else (f"{v:,}" if isinstance(v, int) else str(v))
        if dot_zeros and isinstance(v, int) and v == 0:
            text = '<span style="color:#d1d5db">·</span>'
        else:
            text = html.escape(text)
        tag = "th" if j == 0 else "td"
        return f'<{tag} style="{cell.format(align)}">{text}</{tag}>'

    head = "".join(f'<th style="{cell.format("left")}">{html.escape(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(td(v, j) for j, v in enumerate(r)) + "</tr>" for r in rows)
    style = "border-collapse:collapse;margin:4px 0 10px 0"
    return f'<table style="{style}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def corpus_html(corpus: Corpus) -> str:
    """The HTML summary of a corpus (see the module docstring)."""
    status = corpus.status_counts()
    facts = corpus.facts.to_arrow().select(["commodity", "metric"])
    pairs = Counter(zip(facts.column("commodity").to_pylist(), facts.column("metric").to_pylist()))
    by_metric: Counter[str] = Counter()
    by_commodity: Counter[str | None] = Counter()
    for (c, m), n in pairs.items():
        by_metric[m] += n
        by_commodity[c] += n
    metrics = sorted(by_metric, key=lambda m: (-by_metric[m], m))
    commodities = sorted(by_commodity, key=lambda c: (-by_commodity[c], c or "~"))
    rows = [
        [
            c if c is not None else "(none)",
            by_commodity[c],
            *[pairs.get((c, m), 0) for m in metrics],
        ]
        for c in commodities
    ]
    status_row = [[s, n] for s, n in status.items()]
    errors = corpus.errors.to_pylist()
    parts = [
        f'<div class="assay-corpus" style="{_FONT}">',
        f"<div><b>assay.Corpus</b>: {len(corpus.documents):,} documents, "
        f"{len(corpus.sections):,} sections, {len(corpus.facts):,} facts, "
        f"{len(errors):,} errors</div>",
        '<div style="display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap">',
        "<div><div><b>Documents by status</b></div>",
        _table(["status", "documents"], status_row),
        "</div>",
        "<div><div><b>Facts by commodity and metric</b></div>",
        _table(["commodity", "facts", *metrics], rows, dot_zeros=True)
        if rows
        else "<div>no facts</div>",
        "</div></div>",
    ]
    if errors:
        shown = [
            [e["doc_id"], e["severity"], e["path"], e["message"]] for e in errors[:_MAX_ERRORS]
        ]
        parts += [
            "<div><b>Errors</b></div>",
            _table(["doc_id", "severity", "path", "message"], shown),
        ]
        if len(errors) > _MAX_ERRORS:
            parts.append(f"<div>… {len(errors) - _MAX_ERRORS} more errors</div>")
    parts.append("</div>")
    return "".join(parts)
