"""A PLOVER-like event table: one row per linked event, dyadic actors, sources and evidence.

Column meanings are documented in docs/plover-export.md; keep the two in step.
"""

from __future__ import annotations

from typing import Any

from dateline.models import Document, LinkedEvent, Participant
from dateline.store.base import EventFilter, Store
from dateline.web.text import date_span

COLUMNS = [
    "event_id",
    "event_date",
    "date_precision",
    "date_earliest",
    "date_latest",
    "event_type",
    "event_mode",
    "dateline_type",
    "status",
    "actor1_name",
    "actor1_country",
    "actor1_role",
    "actor2_name",
    "actor2_country",
    "actor2_role",
    "other_actors",
    "location",
    "source_count",
    "source_outlets",
    "source_urls",
    "source_documents",
    "evidence",
    "confidence",
    "stories",
    "label",
]

SEP = " | "


def plover_mode(ev: LinkedEvent) -> str:
    """A PLOVER-style mode refining the category from how and in what form it happened."""
    if ev.mode == "phone":
        return "phone"
    if ev.mode == "virtual":
        return "virtual"
    if ev.type in ("visit", "trip"):
        return "visit"
    if ev.mode == "in_person" and ev.plover == "CONSULT":
        return "meet"
    return ""


class _Countries:
    """Where each participant acts for: their role spell at the date, else the entity's
    country in a source document's annotation."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._ann: dict[str, dict[str, str | None]] = {}

    def _entities(self, doc_id: str) -> dict[str, str | None]:
        if doc_id not in self._ann:
            ann = self.store.get_annotation(doc_id)
            self._ann[doc_id] = {e.id: e.country for e in ann.entities} if ann else {}
        return self._ann[doc_id]

    def country(self, p: Participant, ev: LinkedEvent) -> str | None:
        if p.kind == "person" and ev.date:
            for spell in self.store.role_spells(p.name):
                if spell.country and _covers(spell.first_seen, spell.last_seen, ev.date):
                    return spell.country
        if p.entity:
            for s in ev.sources:
                c = self._entities(s.document).get(p.entity)
                if c:
                    return c
        return None


def _covers(first: str | None, last: str | None, date: str) -> bool:
    if first and date[: len(first)] < first[: len(date)]:
        return False
    return not (last and date[: len(last)] > last[: len(date)])


def plover_rows(store: Store, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    countries = _Countries(store)
    docs: dict[str, Document | None] = {}
    rows = []
    for ev in store.linked_events(flt):
        actors = ev.participants
        a1 = actors[0] if actors else None
        a2 = actors[1] if len(actors) > 1 else None
        span = date_span(ev.date, ev.precision)
        for s in ev.sources:
            if s.document not in docs:
                docs[s.document] = store.get_document(s.document)
        urls = [d.url for s in ev.sources if (d := docs[s.document]) and d.url]
        outlets = [
            o for s in ev.sources if (o := s.outlet or getattr(docs[s.document], "outlet", None))
        ]
        evidence = next((e.sentence for s in ev.sources for e in s.evidence if e.sentence), "")
        evidence = " ".join(evidence.split())  # one line per row for CSV readers
        rows.append(
            {
                "event_id": ev.id,
                "event_date": ev.date,
                "date_precision": ev.precision,
                "date_earliest": span[0] if span else None,
                "date_latest": span[1] if span else None,
                "event_type": ev.plover,
                "event_mode": plover_mode(ev),
                "dateline_type": ev.type,
                "status": ev.status,
                "actor1_name": a1.name if a1 else None,
                "actor1_country": countries.country(a1, ev) if a1 else None,
                "actor1_role": a1.role if a1 else None,
                "actor2_name": a2.name if a2 else None,
                "actor2_country": countries.country(a2, ev) if a2 else None,
                "actor2_role": a2.role if a2 else None,
                "other_actors": SEP.join(p.name for p in actors[2:]),
                "location": ev.place,
                "source_count": len(ev.sources),
                "source_outlets": SEP.join(dict.fromkeys(outlets)),
                "source_urls": SEP.join(dict.fromkeys(urls)),
                "source_documents": SEP.join(dict.fromkeys(s.document for s in ev.sources)),
                "evidence": evidence,
                "confidence": ev.confidence,
                "stories": SEP.join(ev.stories),
                "label": ev.label,
            }
        )
    return rows
