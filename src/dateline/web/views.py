"""What each page shows, as plain JSON-able data built from a store.

The HTML page and its ``.json`` twin are rendered from the same dict, so scripts see exactly
what analysts see. Templates escape every string; nothing here builds markup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from dateline.link.revisions import supporting_quotes
from dateline.models import Document, Evidence, LinkedEvent, RoleSpell, TimelineEntry
from dateline.store.base import EventFilter, Store
from dateline.timeline import build_timeline, to_json_obj
from dateline.versions import count_changes, version_pairs, word_diff
from dateline.web.text import (
    Segment,
    date_span,
    display_date,
    highlight,
    in_context,
    locate,
    safe_href,
)

# Event kinds offered in the filter form (free text is accepted too).
KNOWN_TYPES = [
    "meeting",
    "talks",
    "visit",
    "call",
    "summit",
    "agreement",
    "statement",
    "announcement",
    "election",
    "appointment",
    "resignation",
    "protest",
    "attack",
    "CONSULT",
    "AGREE",
    "COOPERATE",
    "AID",
    "DEMAND",
    "ACCUSE",
    "THREATEN",
    "PROTEST",
    "ASSAULT",
]
STATUSES = ["happened", "ongoing", "planned", "cancelled", "negated", "uncertain"]


class NotFound(LookupError):
    """The page's subject is not in the store (rendered as a 404)."""


def _segments(segs: list[Segment]) -> list[dict[str, str]]:
    return [s.to_dict() for s in segs]


class DocCache:
    """Documents fetched once per request (an event page shows several sources per doc)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._docs: dict[str, Document | None] = {}

    def __call__(self, doc_id: str) -> Document | None:
        if doc_id not in self._docs:
            self._docs[doc_id] = self.store.get_document(doc_id)
        return self._docs[doc_id]


def doc_ref(doc: Document | None, doc_id: str) -> dict[str, Any]:
    """The few fields a link to a document needs."""
    if doc is None:
        return {"id": doc_id, "title": None, "outlet": None, "url": None, "published": None}
    return {
        "id": doc.id,
        "title": doc.title or doc.name,
        "outlet": doc.outlet,
        "url": safe_href(doc.url),
        "published": doc.published.value if doc.published else None,
    }


# --------------------------------------------------------------------------- timeline


def entry_view(entry: TimelineEntry) -> dict[str, Any]:
    """A timeline entry plus what the page draws: readable date, span on the scale."""
    data = entry.to_dict()
    span = date_span(entry.date, entry.precision)
    data["display_date"] = display_date(entry.date, entry.precision)
    data["start"], data["end"] = span if span else (None, None)
    data["documents"] = sorted({s.document for s in entry.sources})
    data["outlets"] = sorted({s.outlet for s in entry.sources if s.outlet})
    return data


def timeline_view(store: Store, flt: EventFilter) -> dict[str, Any]:
    """One page of the timeline (``flt.limit`` events from ``flt.offset``)."""
    limit = flt.limit if flt.limit is not None else 100
    probe = dataclasses.replace(flt, limit=limit + 1)  # one extra tells us a next page exists
    entries = build_timeline(store, probe)
    more = len(entries) > limit
    entries = entries[:limit]
    filters = {
        k: v
        for k, v in dataclasses.asdict(flt).items()
        if k not in ("limit", "offset") and v not in (None, "")
    }
    # The meta block comes from the documented renderer; events are serialised once, below.
    obj = to_json_obj(
        [],
        filters=filters,
        limit=limit,
        offset=flt.offset,
        next_offset=flt.offset + limit if more else None,
        prev_offset=max(0, flt.offset - limit) if flt.offset else None,
    )
    obj["events"] = [entry_view(e) for e in entries]
    return obj


def filter_options(store: Store) -> dict[str, Any]:
    return {
        "stories": [{"id": s.id, "name": s.name} for s in store.stories()],
        "types": KNOWN_TYPES,
        "statuses": STATUSES,
    }


# --------------------------------------------------------------------------- event


def _within(spell: RoleSpell, date: str) -> bool:
    """Whether a role spell covers ``date`` (ISO prefixes compare at the coarser precision)."""
    if spell.first_seen and date[: len(spell.first_seen)] < spell.first_seen[: len(date)]:
        return False
    return not (spell.last_seen and date[: len(spell.last_seen)] > spell.last_seen[: len(date)])


def roles_at(store: Store, person: str, date: str | None) -> list[dict[str, Any]]:
    """Offices a person is known to have held on ``date``."""
    if not date:
        return []
    # The corpus and the reference list can both know the same office: show it once, over
    # the widest span either gives.
    merged: dict[tuple[str, str | None], dict[str, Any]] = {}
    for s in store.role_spells(person):
        if not _within(s, date):
            continue
        key = (s.office, s.country)
        row = merged.get(key)
        if row is None:
            merged[key] = {
                "office": s.office,
                "country": s.country,
                "first_seen": s.first_seen,
                "last_seen": s.last_seen,
                "origins": [s.origin],
            }
            continue
        if s.first_seen and (not row["first_seen"] or s.first_seen < row["first_seen"]):
            row["first_seen"] = s.first_seen
        if s.last_seen and (not row["last_seen"] or s.last_seen > row["last_seen"]):
            row["last_seen"] = s.last_seen
        if s.origin not in row["origins"]:
            row["origins"].append(s.origin)
    return list(merged.values())


def event_view(store: Store, event_id: str) -> dict[str, Any]:
    ev = store.get_linked_event(event_id)
    if ev is None:
        raise NotFound(f"no event with id {event_id!r}")
    docs = DocCache(store)
    participants = [
        {
            **p.to_dict(),
            "roles_at_date": roles_at(store, p.name, ev.date) if p.kind == "person" else [],
        }
        for p in ev.participants
    ]
    sources = []
    for src in ev.sources:
        doc = docs(src.document)
        sources.append(
            {
                **doc_ref(doc, src.document),
                "outlet": (doc.outlet if doc else None) or src.outlet,
                "doc_event": src.event,
                "date": src.date,
                "precision": src.precision,
                "display_date": display_date(src.date, src.precision),
                "version": src.version,
                "seen": src.seen,
                "current": src.current,
                "evidence": [
                    {**e.to_dict(), "context": _segments(in_context(doc, e))} for e in src.evidence
                ],
            }
        )
    conflicts = [
        {
            "field": c.field,
            "values": [
                {"value": value, "documents": [doc_ref(docs(d), d) for d in ds]}
                for value, ds in c.values.items()
            ],
        }
        for c in ev.conflicts
    ]
    story_names = {s.id: s.name for s in store.stories()}
    revisions = [revision_view(r.to_dict()) for r in ev.revisions]
    people = [p.name for p in ev.participants if p.kind == "person"]
    quotes = []
    for src in ev.sources:
        if not src.current:
            continue  # what older versions quoted is in the revisions
        doc = docs(src.document)
        for q in supporting_quotes(store.get_annotation(src.document), src.evidence, people):
            quotes.append(
                {
                    "speaker": q.speaker,
                    "text": q.text,
                    "confidence": q.confidence,
                    "document": doc_ref(doc, src.document),
                    "context": _segments(
                        in_context(doc, Evidence(src.document, q.text, q.start, q.end))
                    ),
                }
            )
    span = date_span(ev.date, ev.precision)
    return {
        "event": {
            **{
                k: v
                for k, v in ev.to_dict().items()
                if k not in ("participants", "sources", "conflicts", "revisions")
            },
            "display_date": display_date(ev.date, ev.precision),
            "start": span[0] if span else None,
            "end": span[1] if span else None,
        },
        "participants": participants,
        "sources": sources,
        "conflicts": conflicts,
        "revisions": revisions,
        "quotes": quotes,
        "stories": [{"id": s, "name": story_names.get(s, s)} for s in ev.stories],
    }


def revision_view(rev: dict[str, Any]) -> dict[str, Any]:
    """A revision as the event page shows it: each version's value, and for the sentence
    itself the words that changed from the version before."""
    values = []
    previous: str | None = None
    for v in rev["values"]:
        words: list[dict[str, str]] = []
        if rev["field"] == "telling" and previous and v["value"]:
            words = [{"op": w.op, "text": w.text} for w in word_diff(previous, v["value"])]
        values.append({**v, "words": words, "seen_display": _moment(v.get("seen"))})
        previous = v["value"] or previous
    return {**rev, "values": values}


def _moment(stamp: str | None) -> str | None:
    """An ISO time as a reader sees it: "2026-03-06 09:00 UTC" (as given when not ISO)."""
    if not stamp:
        return None
    try:
        t = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if t.tzinfo is not None:
        t = t.astimezone(dt.UTC)
        return t.strftime("%Y-%m-%d %H:%M UTC")
    return t.strftime("%Y-%m-%d %H:%M")


# --------------------------------------------------------------------------- person


def _event_summary(ev: LinkedEvent) -> dict[str, Any]:
    return {
        "id": ev.id,
        "date": ev.date,
        "precision": ev.precision,
        "display_date": display_date(ev.date, ev.precision),
        "type": ev.type,
        "status": ev.status,
        "mode": ev.mode,
        "place": ev.place,
        "label": ev.label,
        "participants": [{"name": p.name, "kind": p.kind} for p in ev.participants],
        "sources": len(ev.sources),
    }


def person_view(store: Store, name: str, limit: int = 500) -> dict[str, Any]:
    spells = store.role_spells(name)
    loose = store.linked_events(EventFilter(person=name, limit=limit))
    exact = [e for e in loose if any(p.name.lower() == name.lower() for p in e.participants)]
    events = exact or loose
    canonical = spells[0].person if spells else None
    if canonical is None:
        for e in exact:
            canonical = next(p.name for p in e.participants if p.name.lower() == name.lower())
            break
    canonical = canonical or name
    docs = DocCache(store)
    quotes = []
    for doc_id, q in store.quotes(canonical):
        doc = docs(doc_id)
        quotes.append(
            {
                "text": q.text,
                "document": doc_ref(doc, doc_id),
                "evidence": q.evidence.to_dict(),
                # Mark the quoted words themselves, in their paragraph.
                "context": _segments(
                    in_context(
                        doc,
                        Evidence(doc_id, q.text, q.start, q.end, q.evidence.version)
                        if q.text
                        else q.evidence,
                    )
                ),
            }
        )
    if not spells and not events and not quotes:
        raise NotFound(f"no person called {name!r} in this store")
    quotes.sort(key=lambda q: (q["document"]["published"] or "", q["document"]["id"]))
    return {
        "name": canonical,
        "roles": [s.to_dict() for s in spells],
        "events": [_event_summary(e) for e in events],
        "quotes": quotes,
        "exact": bool(exact or spells),
    }


def people_view(store: Store) -> dict[str, Any]:
    return {"people": store.people()}


# --------------------------------------------------------------------------- document

_FACT_KINDS = ("event", "quote", "role", "time")


def document_view(store: Store, doc_id: str) -> dict[str, Any]:
    doc = store.get_document(doc_id)
    if doc is None:
        raise NotFound(f"no document with id {doc_id!r}")
    ann = store.get_annotation(doc_id)
    spans: list[tuple[int, int, str, str]] = []
    facts: dict[str, list[dict[str, Any]]] = {k: [] for k in _FACT_KINDS}
    if ann is not None:
        for ev in ann.events:
            facts["event"].append(
                {
                    "label": ev.label,
                    "type": ev.type,
                    "status": ev.status,
                    "date": ev.date,
                    "precision": ev.precision,
                    "place": ev.place,
                }
            )
            for e in ev.evidence:
                if e.version is None and (span := locate(doc.body, e)):
                    spans.append((*span, "event", f"{ev.type}: {ev.label}"))
        for q in ann.quotes:
            facts["quote"].append({"text": q.text, "speaker": q.speaker})
            if 0 <= q.start < q.end <= len(doc.body):
                spans.append((q.start, q.end, "quote", f"quote: {q.speaker or 'unattributed'}"))
        for r in ann.roles:
            facts["role"].append(
                {"person": r.person, "office": r.office, "country": r.country, "as_of": r.as_of}
            )
        for t in ann.times:
            facts["time"].append(
                {"text": t.text, "value": t.value, "precision": t.precision, "kind": t.kind}
            )
            if 0 <= t.start < t.end <= len(doc.body):
                spans.append((t.start, t.end, "time", f"time: {t.value or 'unresolved'}"))
    pub = doc.published
    versions = [
        {
            "index": v.index,
            "label": v.label,
            "title": v.title,
            "timestamp": v.timestamp,
            "chars": len(v.text),
        }
        for v in doc.versions
    ]
    return {
        "document": {
            "id": doc.id,
            "name": doc.name,
            "title": doc.title,
            "outlet": doc.outlet,
            "url": doc.url,
            "href": safe_href(doc.url),
            "source": doc.source,
            "kind": doc.kind,
            "language": doc.language,
            "published": pub.to_dict() if pub else None,
            "display_published": display_date(pub.value, pub.precision) if pub else "undated",
            "metadata_evidence": doc.metadata_evidence,
            "notes": doc.notes,
            "removed_lines": doc.removed_lines,
        },
        "body": _segments(highlight(doc.body, spans)),
        "facts": facts,
        "annotated": ann is not None,
        "events": [_event_summary(e) for e in store.linked_events(EventFilter(document=doc.id))],
        "versions": versions,
        "changes": count_changes(doc.versions),
        "diffs": version_diffs(doc),
        "raw": doc.raw,
    }


def watch_status(state: Any, url: str | None) -> dict[str, Any] | None:
    """Whether the watcher follows this article: its state, and the next check or why
    checking stopped (e.g. "not checked since 2026-03-02: 40 days unchanged")."""
    if state is None or not url:
        return None
    item = state.item_by_url(url)
    if item is None:
        return None
    from dateline.watch.watcher import iso

    summary = (
        f"next check {iso(item.next_check)}"
        if item.state == "active"
        else item.reason or item.state
    )
    return {"state": item.state, "summary": summary, "last_checked": iso(item.last_checked)}


def version_diffs(doc: Document) -> list[dict[str, Any]]:
    """Each step between consecutive versions, as structured blocks (old | new).

    Uses ``dateline.versions.diff_texts`` when it is installed; if it is missing or fails on
    odd input, the page still shows the versions, just without the diff.
    """
    if len(doc.versions) < 2:
        return []
    try:
        from dateline.versions import diff_texts
    except ImportError:  # pragma: no cover - the versions package ships with dateline
        return []
    out = []
    for old, new in version_pairs(doc.versions):
        try:
            diff = diff_texts(old.text, new.text, old.title, new.title)
        except Exception as exc:  # a broken diff must not take the document page down
            out.append({"from": old.label, "to": new.label, "error": str(exc), "blocks": []})
            continue
        out.append(
            {
                "from": old.label,
                "to": new.label,
                "summary": diff.summary() if hasattr(diff, "summary") else "",
                "noise_only": diff.noise_only,
                "title_change": list(diff.title_change) if diff.title_change else None,
                "corrections": list(diff.corrections),
                "blocks": [dataclasses.asdict(b) for b in diff.blocks],
            }
        )
    return out


# --------------------------------------------------------------------------- stories


def story_view(store: Store, story_id: str, limit: int = 1000) -> dict[str, Any]:
    story = next((s for s in store.stories() if s.id == story_id), None)
    if story is None:
        raise NotFound(f"no story with id {story_id!r}")
    entries = build_timeline(store, EventFilter(story=story.id, limit=limit))
    docs = DocCache(store)
    return {
        "story": story.to_dict(),
        "events": [entry_view(e) for e in entries],
        "documents": [doc_ref(docs(d), d) for d in story.documents[:limit]],
    }


def stories_view(store: Store) -> dict[str, Any]:
    return {"stories": [s.to_dict() for s in store.stories()]}


# --------------------------------------------------------------------------- search


def search_view(
    store: Store,
    q: str,
    outlet: str | None = None,
    year: str | None = None,
    type_: str | None = None,
    limit: int = 50,
    offset: int = 0,
    pool: int = 200,
) -> dict[str, Any]:
    """Full-text hits with facets (outlet, year, event type) counted over the top ``pool``."""
    hits = store.search(q, limit=pool) if q.strip() else []
    # one query for every hit's metadata: the whole documents (raw captures included) are
    # only read for a hit with no title, to name it by its file
    meta = store.document_meta({h.document for h in hits})
    rows = []
    for h in hits:
        m = meta.get(h.document)
        types = sorted({e.type for e in store.linked_events(EventFilter(document=h.document))})
        pub = m.published if m else None
        title = h.title or (m.title if m else None)
        if not title:
            doc = store.get_document(h.document)
            title = doc.name if doc else h.document
        rows.append(
            {
                "document": h.document,
                "title": title,
                "snippet": _segments([Segment(t, "match" if x else "") for t, x in h.parts()]),
                "score": h.score,
                "outlet": m.outlet if m else None,
                "published": pub,
                "year": pub[:4] if pub else None,
                "types": types,
            }
        )
    facets = {
        "outlet": _facet(r["outlet"] for r in rows),
        "year": _facet(r["year"] for r in rows),
        "type": _facet(t for r in rows for t in r["types"]),
    }
    chosen = [
        r
        for r in rows
        if (not outlet or r["outlet"] == outlet)
        and (not year or r["year"] == year)
        and (not type_ or type_ in r["types"])
    ]
    events = build_timeline(store, EventFilter(text=q, limit=20)) if q.strip() else []
    return {
        "q": q,
        "filters": {k: v for k, v in (("outlet", outlet), ("year", year), ("type", type_)) if v},
        "total": len(chosen),
        "limit": limit,
        "offset": offset,
        "hits": chosen[offset : offset + limit],
        "facets": facets,
        "events": [entry_view(e) for e in events],
    }


def _facet(values: Any) -> list[dict[str, Any]]:
    counts = Counter(v for v in values if v)
    return [
        {"value": v, "count": n} for v, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    ]


ViewFn = Callable[..., dict[str, Any]]
