"""The store as flat tables: documents, events, participants, sources, quotes, roles.

Every table has a fixed column list with types, so CSV headers and Parquet schemas are the
same whether a selection is empty or not, and scripts can rely on them.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from dateline.models import LinkedEvent
from dateline.store.base import EventFilter, Store

# table -> [(column, type)], type one of "str", "int", "float"
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "events": [
        ("id", "str"),
        ("date", "str"),
        ("precision", "str"),
        ("type", "str"),
        ("plover", "str"),
        ("label", "str"),
        ("status", "str"),
        ("mode", "str"),
        ("place", "str"),
        ("venue", "str"),
        ("confidence", "float"),
        ("participants", "str"),
        ("stories", "str"),
        ("source_count", "int"),
        ("documents", "str"),
        ("conflicts", "str"),
        ("revisions", "str"),
        ("current", "int"),
    ],
    "participants": [
        ("event", "str"),
        ("name", "str"),
        ("kind", "str"),
        ("role", "str"),
        ("entity", "str"),
    ],
    "sources": [
        ("event", "str"),
        ("document", "str"),
        ("doc_event", "str"),
        ("outlet", "str"),
        ("date", "str"),
        ("precision", "str"),
        ("sentence", "str"),
        ("start", "int"),
        ("end", "int"),
        ("version", "int"),
        ("current", "int"),
    ],
    "documents": [
        ("id", "str"),
        ("source", "str"),
        ("record", "int"),
        ("kind", "str"),
        ("url", "str"),
        ("title", "str"),
        ("outlet", "str"),
        ("language", "str"),
        ("published", "str"),
        ("published_precision", "str"),
        ("published_basis", "str"),
        ("published_confidence", "float"),
        ("chars", "int"),
        ("versions", "int"),
    ],
    "quotes": [
        ("document", "str"),
        ("speaker", "str"),
        ("text", "str"),
        ("start", "int"),
        ("end", "int"),
        ("sentence", "str"),
        ("confidence", "float"),
    ],
    "roles": [
        ("person", "str"),
        ("office", "str"),
        ("country", "str"),
        ("first_seen", "str"),
        ("last_seen", "str"),
        ("origin", "str"),
        ("documents", "str"),
    ],
}
TABLES = tuple(COLUMNS)

SEP = "; "  # joins list values inside one CSV cell


def _selective(flt: EventFilter | None) -> bool:
    """Whether the filter narrows the events (paging alone does not)."""
    if flt is None:
        return False
    fields = dataclasses.asdict(flt)
    return any(v for k, v in fields.items() if k not in ("limit", "offset")) or (
        flt.limit is not None or bool(flt.offset)
    )


def event_rows(events: list[LinkedEvent]) -> dict[str, list[dict[str, Any]]]:
    events_t, parts_t, sources_t = [], [], []
    for ev in events:
        events_t.append(
            {
                "id": ev.id,
                "date": ev.date,
                "precision": ev.precision,
                "type": ev.type,
                "plover": ev.plover,
                "label": ev.label,
                "status": ev.status,
                "mode": ev.mode,
                "place": ev.place,
                "venue": ev.venue,
                "confidence": ev.confidence,
                "participants": SEP.join(p.name for p in ev.participants),
                "stories": SEP.join(ev.stories),
                "source_count": len(ev.sources),
                "documents": SEP.join(dict.fromkeys(s.document for s in ev.sources)),
                "conflicts": json.dumps([c.to_dict() for c in ev.conflicts], ensure_ascii=False)
                if ev.conflicts
                else "",
                "revisions": json.dumps([r.to_dict() for r in ev.revisions], ensure_ascii=False)
                if ev.revisions
                else "",
                "current": int(ev.current),
            }
        )
        for p in ev.participants:
            parts_t.append(
                {"event": ev.id, "name": p.name, "kind": p.kind, "role": p.role, "entity": p.entity}
            )
        for s in ev.sources:
            for e in s.evidence or [None]:
                sources_t.append(
                    {
                        "event": ev.id,
                        "document": s.document,
                        "doc_event": s.event,
                        "outlet": s.outlet,
                        "date": s.date,
                        "precision": s.precision,
                        "sentence": e.sentence if e else None,
                        "start": e.start if e else None,
                        "end": e.end if e else None,
                        # the article version the source is (watched URLs), else the
                        # version of a version table the sentence is in
                        "version": s.version
                        if s.version is not None
                        else (e.version if e else None),
                        "current": int(s.current),
                    }
                )
    return {"events": events_t, "participants": parts_t, "sources": sources_t}


def build_tables(store: Store, flt: EventFilter | None = None) -> dict[str, list[dict[str, Any]]]:
    """All tables for the events ``flt`` selects.

    With no filter every document, quote and role spell is exported; with one, only the
    documents that are sources of the selected events, their quotes, and the role spells of
    their participants.
    """
    events = store.linked_events(flt)
    out = event_rows(events)
    narrow = _selective(flt)
    wanted_docs = {s.document for ev in events for s in ev.sources}
    people = {p.name for ev in events for p in ev.participants}

    docs = []
    for d in store.documents():
        if narrow and d.id not in wanted_docs:
            continue
        pub = d.published
        docs.append(
            {
                "id": d.id,
                "source": d.source,
                "record": d.record,
                "kind": d.kind,
                "url": d.url,
                "title": d.title,
                "outlet": d.outlet,
                "language": d.language,
                "published": pub.value if pub else None,
                "published_precision": pub.precision if pub else None,
                "published_basis": pub.basis if pub else None,
                "published_confidence": pub.confidence if pub else None,
                "chars": len(d.body),
                "versions": len(d.versions),
            }
        )
    out["documents"] = docs
    out["quotes"] = [
        {
            "document": doc_id,
            "speaker": q.speaker,
            "text": q.text,
            "start": q.start,
            "end": q.end,
            "sentence": q.evidence.sentence if q.evidence else None,
            "confidence": q.confidence,
        }
        for doc_id, q in store.quotes()
        if not narrow or doc_id in wanted_docs
    ]
    out["roles"] = [
        {
            "person": r.person,
            "office": r.office,
            "country": r.country,
            "first_seen": r.first_seen,
            "last_seen": r.last_seen,
            "origin": r.origin,
            "documents": SEP.join(r.documents),
        }
        for r in store.role_spells()
        if not narrow or r.person in people
    ]
    return {name: out[name] for name in TABLES}
