"""Terminal views of one document, one event's provenance and an article's versions."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from dateline.api import DocumentDigest
from dateline.models import Document, LinkedEvent


def render_digest(digest: DocumentDigest, console: Console) -> None:
    doc = digest.document
    ann = digest.annotation
    p = console.print
    p(f"[bold]{escape(doc.title or doc.name)}[/bold]")
    p(f"[dim]id {doc.id} · {escape(doc.source)}[/dim]")
    pub = doc.published
    if pub and pub.value:
        p(f"published {pub.value} ({pub.precision}, {pub.basis}, confidence {pub.confidence:.2f})")
        for reason in pub.reasons:
            p(f"  [dim]-[/dim] {escape(reason)}")
    else:
        p("published: [yellow]undated[/yellow] — the capture states no date")
    for key in ("outlet", "url", "language"):
        value = getattr(doc, key)
        if value:
            why = doc.metadata_evidence.get(key)
            p(f"{key}: {escape(str(value))}" + (f"  [dim]({escape(why)})[/dim]" if why else ""))
    if doc.versions:
        p(f"versions: {len(doc.versions)} ({', '.join(v.label for v in doc.versions)})")
    for note in doc.notes:
        p(f"[dim]note:[/dim] {escape(note)}")
    if ann is None:
        p("[yellow]not annotated[/yellow]")
        return
    for note in ann.notes:
        p(f"[dim]note:[/dim] {escape(note)}")
    people = [e for e in ann.entities if e.kind == "person"]
    if people:
        p("\n[bold]People[/bold]")
        for e in people:
            roles = [
                f"{r.office}" + (f" of {r.country}" if r.country else "")
                for r in ann.roles
                if r.person == e.name
            ]
            aliases = sorted({m.text for m in e.mentions} - {e.name})
            line = f"  {escape(e.name)}"
            if roles:
                line += f" — {escape('; '.join(dict.fromkeys(roles)))}"
            if aliases:
                line += f"  [dim](also: {escape(', '.join(aliases[:6]))})[/dim]"
            p(line)
    others = [e for e in ann.entities if e.kind != "person"]
    if others:
        p("\n[bold]Organisations and places[/bold]")
        p("  " + escape(", ".join(f"{e.name} ({e.kind})" for e in others)))
    if ann.times:
        p("\n[bold]Time expressions[/bold]")
        for t in ann.times:
            val = t.value or f"unresolved {t.symbolic or ''}".strip()
            p(f"  “{escape(t.text)}” → {escape(val)} [dim]({t.precision})[/dim]")
    if ann.events:
        p("\n[bold]Events[/bold]")
        for ev in ann.events:
            when = ev.date or "undated"
            who = ", ".join(x.name for x in ev.participants)
            extra = " · ".join(
                x for x in (ev.place, None if ev.mode == "unknown" else ev.mode) if x
            )
            p(f"  {when} [bold]{escape(ev.label)}[/bold] [{ev.type}/{ev.plover}, {ev.status}]")
            if who or extra:
                p(f"    {escape(who)}" + (f" · {escape(extra)}" if extra else ""))
            for evd in ev.evidence[:1]:
                p(f"    [dim]“{escape(_clip(evd.sentence))}” ({evd.start}–{evd.end})[/dim]")
    if ann.quotes:
        p("\n[bold]Quotes[/bold]")
        for q in ann.quotes:
            p(f"  {escape(q.speaker or 'unattributed')}: “{escape(_clip(q.text))}”")


def _clip(text: str, n: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def render_explanation(ev: LinkedEvent, console: Console) -> None:
    p = console.print
    p(f"[bold]{escape(ev.label)}[/bold] [dim]{ev.id}[/dim]")
    p(
        f"{ev.date or 'undated'} ({ev.precision}) · {ev.type}/{ev.plover} · {ev.status} · {ev.mode}"
        + (f" · {escape(ev.place)}" if ev.place else "")
    )
    p(f"confidence {ev.confidence:.2f}")
    if ev.participants:
        p(
            "participants: "
            + escape(
                "; ".join(x.name + (f" ({x.role})" if x.role else "") for x in ev.participants)
            )
        )
    p(f"\n[bold]{len(ev.sources)} source(s)[/bold]")
    for s in ev.sources:
        version = ""
        if s.version is not None:
            version = f", version {s.version}" + ("" if s.current else " (replaced by a later one)")
        p(
            f"  {escape(s.outlet or '')} document {s.document} (its event {s.event}), "
            f"dated {s.date or '?'}{version}"
        )
        for evd in s.evidence:
            p(f"    “{escape(_clip(evd.sentence, 300))}” [dim]chars {evd.start}–{evd.end}[/dim]")
    if ev.conflicts:
        p("\n[bold]Sources disagree[/bold]")
        for c in ev.conflicts:
            for value, docs in c.values.items():
                p(f"  {c.field} = {escape(value)}: {', '.join(docs)}")
    if ev.revisions or not ev.current:
        p("\n[bold]Changed between versions[/bold] (the newest version decides)")
        if not ev.current:
            p("  withdrawn: the newest version of every article that told it no longer does")
        for r in ev.revisions:
            p(f"  {r.field} in {escape(r.article)}:")
            for v in r.values:
                seen = f" [dim](seen {v.seen})[/dim]" if v.seen else ""
                said = f"“{escape(_clip(v.value, 300))}”" if v.value else "no longer tells it"
                p(f"    version {v.version}{seen}: {said}")
    p("\n[bold]How dateline got here[/bold]")
    for reason in ev.merge_reasons or ["Told by one document only; nothing merged."]:
        p(f"  - {escape(reason)}")


def render_version_diffs(doc: Document, v1: int | None, v2: int | None, console: Console) -> None:
    """Every step between the document's versions, or ``v1`` against ``v2`` (the newest when
    ``v2`` is None)."""
    from dateline.versions import count_changes, diff_texts, version_pairs
    from dateline.versions.render import rich_renderable

    try:
        pairs = version_pairs(doc.versions, v1, v2 if v1 is not None else None)
    except ValueError as exc:
        raise LookupError(f"document {doc.id}: {exc}") from None
    changes = count_changes(doc.versions)
    console.print(
        f"[bold]{escape(doc.title or doc.name)}[/bold]: {len(doc.versions)} versions, "
        f"{changes} changed"
    )
    for a, b in pairs:
        console.print(f"\n[bold]{escape(a.label)} → {escape(b.label)}[/bold]")
        console.print(rich_renderable(diff_texts(a.text, b.text, a.title, b.title)))
