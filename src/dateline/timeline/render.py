"""Timeline renderers: terminal, JSON (the documented, stable format), Markdown, static HTML."""

from __future__ import annotations

import html
import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dateline.models import TimelineEntry, TimelineSource

JSON_SCHEMA_VERSION = 1


def to_json_obj(entries: list[TimelineEntry], **meta: Any) -> dict[str, Any]:
    """The timeline JSON object documented in docs/timeline-json.md."""
    return {
        "dateline": {"schema": JSON_SCHEMA_VERSION, **meta},
        "events": [e.to_dict() for e in entries],
    }


def render_json(entries: list[TimelineEntry], **meta: Any) -> str:
    return json.dumps(to_json_obj(entries, **meta), ensure_ascii=False, indent=2)


def _who(entry: TimelineEntry) -> str:
    return ", ".join(p.name for p in entry.participants)


def _where_how(entry: TimelineEntry) -> str:
    where = entry.place
    if entry.venue and entry.venue != entry.place:
        where = f"{entry.venue}, {entry.place}" if entry.place else entry.venue
    bits = [b for b in (where, None if entry.mode == "unknown" else entry.mode) if b]
    return " · ".join(bits)


def display_date(entry: TimelineEntry) -> str:
    if not entry.date:
        return "undated"
    return (
        entry.date if entry.precision in ("day", "unknown") else f"{entry.date} ({entry.precision})"
    )


def render_terminal(entries: list[TimelineEntry], console: Console | None = None) -> None:
    """Entries as blocks: date and label, then who, where and how, then one line per source.

    Blocks rather than a table, so that evidence stays readable in an 80-column terminal.
    """
    console = console or Console()
    if not entries:
        console.print("[dim]No events in this store yet.[/dim]")
        return
    colour = {"planned": "yellow", "cancelled": "red", "happened": "green", "ongoing": "cyan"}
    for e in entries:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=16, no_wrap=True, style="bold blue")
        grid.add_column(ratio=1)
        grid.add_row(display_date(e), Text(e.label, style="bold"))
        facts = Text(e.status, style=colour.get(e.status, "magenta"))
        for bit in (e.type, _where_how(e), f"confidence {e.confidence:.2f}"):
            if bit:
                facts.append(f" · {bit}", style="dim")
        grid.add_row("", facts)
        if e.participants:
            grid.add_row("", Text(_who(e)))
        for line in _source_lines(e):
            grid.add_row("", Text("▸ " + line, style="dim"))
        for c in e.conflicts:
            vals = "; ".join(f"{v} ({', '.join(d)})" for v, d in c.values.items())
            grid.add_row("", Text(f"sources disagree on {c.field}: {vals}", style="red"))
        for line in revision_lines(e, 60):
            grid.add_row("", Text(line, style="yellow"))
        console.print(grid)
        console.print()


def _source_lines(entry: TimelineEntry) -> list[str]:
    """One line per source document (its first evidence sentence), with how many more."""
    by_doc: dict[str, list[TimelineSource]] = {}
    for s in entry.sources:
        by_doc.setdefault(s.document, []).append(s)
    # versions of one article: its newest telling speaks, the older ones are counted
    newest: dict[str, int] = {}
    for s in entry.sources:
        if s.version is not None and s.url:
            newest[s.url] = max(newest.get(s.url, 0), s.version)
    older: dict[str, int] = {}
    lines = []
    for doc, sources in by_doc.items():
        first = sources[0]
        if first.version is not None and first.url and first.version < newest[first.url]:
            older[first.url] = older.get(first.url, 0) + 1
            continue
        more = f" (+{len(sources) - 1} more)" if len(sources) > 1 else ""
        name = first.outlet or first.title or doc[:10]
        lines.append(f"{name}: “{_clip(first.evidence.sentence, 160)}”{more}")
        if first.version is not None and first.url:
            lines[-1] += f" [version {first.version}]"
    for url, n in older.items():
        lines.append(f"{n} earlier version{'s' if n > 1 else ''} of {url} (see revisions)")
    return lines


def revision_lines(entry: TimelineEntry, width: int = 100) -> list[str]:
    """What changed between versions of an article, one line per detail, oldest first."""
    lines = []
    if not entry.current:
        lines.append("withdrawn: the newest version of every article that told it drops it")
    for r in entry.revisions:
        said = " → ".join(
            f"v{v.version} " + (f"“{_clip(v.value, width)}”" if v.value else "(no longer told)")
            for v in r.values
        )
        lines.append(f"{r.field} revised: {said}")
    return lines


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _md(text: str) -> str:
    """Text from a capture, made inert for Markdown viewers that pass HTML through."""
    return html.escape(text, quote=False)


def render_markdown(entries: list[TimelineEntry], title: str = "Timeline") -> str:
    lines = [f"# {_md(title)}", ""]
    for e in entries:
        where = _where_how(e)
        lines.append(f"## {display_date(e)} — {_md(e.label)}")
        lines.append("")
        meta = [f"**{e.type}**", e.status]
        if where:
            meta.append(_md(where))
        meta.append(f"confidence {e.confidence:.2f}")
        lines.append(" · ".join(meta))
        if e.participants:
            lines.append("")
            lines.append(
                "Participants: "
                + "; ".join(
                    _md(p.name) + (f" ({_md(p.role)})" if p.role else "") for p in e.participants
                )
            )
        lines.append("")
        for s in e.sources:
            who = _md(s.outlet or s.title or s.document)
            lines.append(f"> {_md(_clip(s.evidence.sentence, 400))}")
            lines.append(
                f">\n> — {who}, document `{s.document}` chars {s.evidence.start}–{s.evidence.end}"
            )
            lines.append("")
        for c in e.conflicts:
            vals = "; ".join(f"{_md(v)} ({', '.join(d)})" for v, d in c.values.items())
            lines.append(f"*Sources disagree on {c.field}:* {vals}")
            lines.append("")
        for line in revision_lines(e, 200):
            lines.append(f"*{_md(line)}*")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}}
h1{{font-size:1.6rem}} .ev{{border-left:4px solid #2f5d8a;padding:.4rem 1rem;margin:1.2rem 0}}
.ev.planned{{border-color:#b07d00}} .ev.cancelled{{border-color:#a33}}
.date{{font-weight:600;color:#2f5d8a}} .meta{{color:#555;font-size:.9rem}}
blockquote{{margin:.4rem 0;padding:.2rem .8rem;background:#f4f6f8;font-size:.95rem}}
.src{{color:#555;font-size:.85rem}} .conflict{{color:#a33;font-size:.9rem}}
.revision{{color:#7a5a00;font-size:.9rem}}
</style></head><body>
<h1>{title}</h1>
<p class="meta">{count} events. Every line points at the sentence it came from.</p>
{items}
</body></html>
"""


def render_html(entries: list[TimelineEntry], title: str = "Timeline") -> str:
    """A self-contained static page; every string from a capture is escaped."""
    esc = html.escape
    items = []
    for e in entries:
        parts = [
            f'<section class="ev {esc(e.status)}" id="{esc(e.id)}">',
            f'<div class="date">{esc(display_date(e))}</div>',
            f"<h2>{esc(e.label)}</h2>",
            f'<div class="meta">{esc(e.type)} · {esc(e.status)}'
            + (f" · {esc(_where_how(e))}" if _where_how(e) else "")
            + f" · confidence {e.confidence:.2f}</div>",
        ]
        if e.participants:
            who = "; ".join(
                esc(p.name) + (f" <span class=meta>({esc(p.role)})</span>" if p.role else "")
                for p in e.participants
            )
            parts.append(f"<p>{who}</p>")
        for s in e.sources:
            parts.append(f"<blockquote>{esc(s.evidence.sentence)}</blockquote>")
            link = esc(s.url) if s.url and s.url.startswith(("http://", "https://")) else None
            name = esc(s.outlet or s.title or s.document)
            ref = f'<a href="{link}" rel="nofollow noopener">{name}</a>' if link else name
            parts.append(
                f'<div class="src">{ref} · document {esc(s.document)} · '
                f"chars {s.evidence.start}–{s.evidence.end}</div>"
            )
        for c in e.conflicts:
            vals = "; ".join(f"{esc(v)} ({esc(', '.join(d))})" for v, d in c.values.items())
            parts.append(f'<p class="conflict">Sources disagree on {esc(c.field)}: {vals}</p>')
        for line in revision_lines(e, 200):
            parts.append(f'<p class="revision">{esc(line)}</p>')
        parts.append("</section>")
        items.append("\n".join(parts))
    return _PAGE.format(title=esc(title), count=len(entries), items="\n".join(items))
