"""Renderers for a ``VersionDiff``: terminal (rich), plain text, HTML side by side, excerpt.

All renderers read the same ``VersionDiff``; none of them re-diffs. The HTML renderer escapes
every piece of article text, since article text comes from the open web.
"""

from __future__ import annotations

import io
from html import escape

from rich.console import Console, Group
from rich.text import Text

from dateline.versions.diff import Block, Change, VersionDiff, WordOp


def _plain_words(words: list[WordOp]) -> str:
    out = []
    for w in words:
        if w.op == "equal":
            out.append(w.text)
        elif w.op == "delete":
            out.append(f"[-{w.text}-]")
        else:
            out.append(f"{{+{w.text}+}}")
    return "".join(out)


def _header_lines(diff: VersionDiff) -> list[str]:
    lines = [f"Summary: {diff.summary()}"]
    if diff.title_change:
        old, new = diff.title_change
        lines.append(f"Title: {old or '(none)'} -> {new or '(none)'}")
    if diff.byline_change:
        old, new = diff.byline_change
        lines.append(f"Byline: {old or '(none)'} -> {new or '(none)'}")
    for c in diff.corrections:
        lines.append(f"Correction added: {c}")
    return lines


def render_plain(diff: VersionDiff) -> str:
    """Plain text, wdiff style: ``[-removed-]{+added+}``, one labelled line per change."""
    lines = _header_lines(diff)
    for c in diff.changes:
        lines.append(_plain_change(c))
    return "\n".join(lines) + "\n"


def _plain_change(c: Change) -> str:
    where = f"¶{(c.new_index if c.new_index is not None else c.old_index or 0) + 1}"
    if c.kind == "edit":
        return f"~ edit {where}: {_plain_words(c.words)}"
    if c.kind == "addition":
        return f"+ addition {where}: {c.new}"
    if c.kind == "deletion":
        return f"- deletion {where}: {c.old}"
    src = (c.old_index or 0) + 1
    dst = (c.new_index or 0) + 1
    return f"> move ¶{src} -> ¶{dst}: {_plain_words(c.words) if c.words else c.new}"


def _rich_words(words: list[WordOp]) -> Text:
    t = Text()
    for w in words:
        if w.op == "equal":
            t.append(w.text)
        elif w.op == "delete":
            t.append(w.text, style="bold red strike")
        else:
            t.append(w.text, style="bold green underline")
    return t


def rich_renderable(diff: VersionDiff) -> Group:
    """A rich renderable: call-outs, then each change with an inline coloured word diff."""
    parts: list[Text] = [Text(f"Summary: {diff.summary()}", style="bold")]
    if diff.title_change:
        old, new = diff.title_change
        t = Text("Title: ", style="bold yellow")
        t.append(old or "(none)", style="red strike")
        t.append(" → ")
        t.append(new or "(none)", style="green")
        parts.append(t)
    if diff.byline_change:
        old, new = diff.byline_change
        t = Text("Byline: ", style="bold yellow")
        t.append(old or "(none)", style="red strike")
        t.append(" → ")
        t.append(new or "(none)", style="green")
        parts.append(t)
    for c in diff.corrections:
        parts.append(Text(f"Correction added: {c}", style="bold magenta"))
    for c in diff.changes:
        if c.kind == "edit":
            line = Text("~ edit      ", style="yellow")
            line.append_text(_rich_words(c.words))
        elif c.kind == "addition":
            line = Text("+ addition  ", style="green")
            line.append(c.new, style="green")
        elif c.kind == "deletion":
            line = Text("- deletion  ", style="red")
            line.append(c.old, style="red strike")
        else:
            line = Text(
                f"> move ¶{(c.old_index or 0) + 1}→¶{(c.new_index or 0) + 1} ", style="cyan"
            )
            if c.words and any(w.op != "equal" for w in c.words):
                line.append_text(_rich_words(c.words))
            else:
                line.append(c.new, style="cyan")
        parts.append(line)
    return Group(*parts)


def render_terminal(diff: VersionDiff, color: bool = True, width: int = 100) -> str:
    """The rich rendering as a string with ANSI colours; without colour, the plain form
    (colour is the only thing marking insertions in the rich rendering)."""
    if not color:
        return render_plain(diff)
    buf = io.StringIO()
    console = Console(
        file=buf,
        force_terminal=color,
        no_color=not color,
        width=width,
        color_system="standard" if color else None,
    )
    console.print(rich_renderable(diff))
    return buf.getvalue()


def _html_words(words: list[WordOp]) -> str:
    out = []
    for w in words:
        text = escape(w.text)
        if w.op == "equal":
            out.append(text)
        elif w.op == "delete":
            out.append(f"<del>{text}</del>")
        else:
            out.append(f"<ins>{text}</ins>")
    return "".join(out)


def _html_cell(block: Block, side: str) -> str:
    text = block.old if side == "old" else block.new
    if text is None:
        return '<td class="empty"></td>'
    if block.status == "changed":
        words = block.old_words if side == "old" else block.new_words
        return f'<td class="changed">{_html_words(words)}</td>'
    return f'<td class="{block.status}">{escape(text)}</td>'


def render_html(diff: VersionDiff, old_label: str = "Before", new_label: str = "After") -> str:
    """A self-contained HTML fragment: call-outs, then a two-column table (old | new)."""
    head = []
    head.append(f'<p class="diff-summary">{escape(diff.summary())}</p>')
    if diff.title_change:
        old, new = diff.title_change
        head.append(
            f'<p class="diff-title">Title: <del>{escape(old or "")}</del> '
            f"<ins>{escape(new or '')}</ins></p>"
        )
    if diff.byline_change:
        old, new = diff.byline_change
        head.append(
            f'<p class="diff-byline">Byline: <del>{escape(old or "")}</del> '
            f"<ins>{escape(new or '')}</ins></p>"
        )
    for c in diff.corrections:
        head.append(f'<p class="diff-correction">Correction added: {escape(c)}</p>')
    rows = [
        f'<tr class="{escape(b.status)}">{_html_cell(b, "old")}{_html_cell(b, "new")}</tr>'
        for b in diff.blocks
    ]
    return (
        '<div class="version-diff">'
        + "".join(head)
        + '<table class="side-by-side"><thead><tr>'
        + f"<th>{escape(old_label)}</th><th>{escape(new_label)}</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )


def render_excerpt(diff: VersionDiff, limit: int = 280) -> str:
    """A short plain-text excerpt for feed entries: the summary and the first changes."""
    parts = [diff.summary()]
    if diff.title_change:
        parts.append(f"Title now: {diff.title_change[1] or '(none)'}")
    for c in diff.corrections[:1]:
        parts.append(c)
    for c in diff.changes:
        if c.kind == "edit":
            parts.append(_plain_words([w for w in c.words if w.op != "equal" or len(w.text) < 40]))
        elif c.kind == "addition":
            parts.append(f"+ {c.new}")
        elif c.kind == "deletion":
            parts.append(f"- {c.old}")
        if sum(len(p) for p in parts) > limit:
            break
    text = " | ".join(p.strip() for p in parts if p.strip())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text
