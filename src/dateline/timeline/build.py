"""From stored linked events (or, before any event is known, documents) to timeline entries."""

from __future__ import annotations

from collections.abc import Mapping

from dateline.models import (
    Evidence,
    LinkedEvent,
    TimelineEntry,
    TimelineSource,
)
from dateline.store.base import DocumentMeta, EventFilter, Store


def build_timeline(store: Store, flt: EventFilter | None = None) -> list[TimelineEntry]:
    """The events of the store in date order, each with its sources and evidence."""
    events = store.linked_events(flt)
    meta = store.document_meta({s.document for ev in events for s in ev.sources})
    return [entry_from_event(ev, meta) for ev in events]


def entry_from_event(ev: LinkedEvent, meta: Mapping[str, DocumentMeta]) -> TimelineEntry:
    sources: list[TimelineSource] = []
    for src in ev.sources:
        d = meta.get(src.document)
        for evidence in src.evidence or [Evidence(src.document, "", 0, 0)]:
            sources.append(
                TimelineSource(
                    document=src.document,
                    evidence=evidence,
                    title=d.title if d else None,
                    outlet=(d.outlet if d else None) or src.outlet,
                    url=d.url if d else None,
                    published=d.published if d else None,
                    version=src.version,
                    current=src.current,
                )
            )
    return TimelineEntry(
        id=ev.id,
        date=ev.date,
        precision=ev.precision,
        type=ev.type,
        status=ev.status,
        mode=ev.mode,
        place=ev.place,
        label=ev.label,
        participants=list(ev.participants),
        sources=sources,
        confidence=ev.confidence,
        plover=ev.plover,
        stories=list(ev.stories),
        conflicts=list(ev.conflicts),
        revisions=list(ev.revisions),
        current=ev.current,
        venue=ev.venue,
    )


def document_timeline(store: Store) -> list[TimelineEntry]:
    """One entry per dated document: its date and lead sentence (the view before events)."""
    entries: list[TimelineEntry] = []
    for d in store.documents():
        if d.published is None or d.published.value is None:
            continue
        sentence, start, end = lead_sentence(d.body)
        entries.append(
            TimelineEntry(
                id=f"doc:{d.id}",
                date=d.published.value,
                precision=d.published.precision,
                type="document",
                status="published",
                mode="unknown",
                place=None,
                label=d.title or sentence[:120],
                sources=[
                    TimelineSource(
                        document=d.id,
                        evidence=Evidence(d.id, sentence, start, end),
                        title=d.title,
                        outlet=d.outlet,
                        url=d.url,
                        published=d.published.value,
                    )
                ],
                confidence=d.published.confidence,
            )
        )
    entries.sort(key=lambda e: (e.date or "", e.id))
    return entries


def lead_sentence(body: str) -> tuple[str, int, int]:
    """The first sentence of the body with its character span (a cheap splitter is enough
    here: the evidence span is what matters, and it is always exact)."""
    text = body.lstrip()
    start = len(body) - len(text)
    para_end = text.find("\n")
    para = text if para_end < 0 else text[:para_end]
    cut = len(para)
    for i, ch in enumerate(para):
        if ch in ".!?" and (i + 1 == len(para) or para[i + 1] == " ") and i > 20:
            cut = i + 1
            break
    sentence = para[:cut].strip()
    return sentence, start, start + len(sentence)
