"""Linking a corpus: duplicates, dates, events, roles, stories, in that order.

The corpus is cut into *components*: documents that share a person (by surname, which
over-connects on purpose), an actor of a person-less event, or a duplicate/version group.
Dating and event coreference only ever look inside one component, so a component's result
depends on its documents alone; ``link_incremental`` re-links only the components a new
document touches and reuses the rest, and gives what a fresh ``link_corpus`` gives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from dateline.link import dating
from dateline.link.coref import build_linked, cluster_events
from dateline.link.dedup import _UF, near_duplicates, signature
from dateline.link.isodates import coarsen, finer, interval
from dateline.link.match import prepare
from dateline.link.names import country_key, fold, given_initial, name_tokens, office_family
from dateline.link.people import PersonIndex
from dateline.link.revisions import retold_pairs, version_infos
from dateline.link.roles import observations, role_history
from dateline.link.stories import build_stories
from dateline.models import (
    Annotation,
    DateEstimate,
    Document,
    LinkedEvent,
    RoleSpell,
    Story,
)

Reanchor = Callable[[Document, Annotation, str], Annotation]
MAX_ROUNDS = 3


@dataclass
class Component:
    """What linking one component produced (cached for incremental runs)."""

    documents: tuple[str, ...]
    offices: dict[tuple[str, str], list[tuple[str, str, str]]]  # corpus sightings it used
    dates: dict[str, DateEstimate]
    annotations: dict[str, Annotation]
    events: list[LinkedEvent]
    explanations: dict[str, list[str]]
    conflicts: list[str]


@dataclass
class LinkResult:
    events: list[LinkedEvent] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    roles: list[RoleSpell] = field(default_factory=list)
    dates: dict[str, DateEstimate] = field(default_factory=dict)
    annotations: dict[str, Annotation] = field(default_factory=dict)
    duplicates: list[list[str]] = field(default_factory=list)
    versions: list[list[str]] = field(default_factory=list)  # same URL, oldest first
    explanations: dict[str, list[str]] = field(default_factory=dict)
    role_conflicts: list[str] = field(default_factory=list)
    # inputs and per-component results, kept for link_incremental; not part of the answer
    documents: dict[str, Document] = field(default_factory=dict, compare=False, repr=False)
    base: dict[str, Annotation] = field(default_factory=dict, compare=False, repr=False)
    signatures: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)
    components: dict[tuple[str, ...], Component] = field(
        default_factory=dict, compare=False, repr=False
    )

    def event(self, event_id: str) -> LinkedEvent | None:
        return next((e for e in self.events if e.id == event_id), None)

    def answer(self) -> dict[str, object]:
        """The result as plain data, without the caches (for comparisons and JSON)."""
        return {
            f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self) if f.compare
        }


def _plain(value: object) -> object:
    if hasattr(value, "to_dict"):
        return value.to_dict()  # type: ignore[union-attr]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# --------------------------------------------------------------------------- components


def _keys(doc: Document, ann: Annotation | None) -> set[str]:
    """What can tie this document to another: "f:" a surname with a first initial, "s:" a
    bare surname (it may resolve to any full name with that surname), "t:" the surname of a
    full name (joined only through an "s:" key), "o:" an actor of a person-less event."""
    keys: set[str] = set()
    if ann is None:
        return keys
    names = [e.name for e in ann.entities if e.kind == "person"]
    names += [r.person for r in ann.roles]
    for ev in ann.events:
        people = [p for p in ev.participants if p.kind == "person"]
        names += [p.name for p in people]
        if not people:
            keys.update("o:" + fold(p.name) for p in ev.participants if p.name.strip())
    for name in names:
        toks = name_tokens(name)
        if not toks:
            continue
        if len(toks) >= 2:
            # surname and the initial of the (unshortened) first name: "Joe"/"Joseph"/"J."
            # Biden meet here, and so, harmlessly, do Jill and Joe
            keys.add(f"f:{toks[-1]}|{given_initial(toks[0])}")
            keys.add("t:" + toks[-1])
        else:
            keys.add("s:" + toks[-1])
    return keys


def components(
    documents: dict[str, Document],
    annotations: dict[str, Annotation],
    groups: list[list[str]],
) -> list[tuple[str, ...]]:
    """Groups of documents that linking must see together (see the module docstring)."""
    uf = _UF(documents)
    holders: dict[str, list[str]] = {}
    for d in sorted(documents):
        for k in sorted(_keys(documents[d], annotations.get(d))):
            holders.setdefault(k, []).append(d)
    for k, ds in sorted(holders.items()):
        if k.startswith("t:"):
            continue  # two full names with one surname are two people...
        members = list(ds)
        if k.startswith("s:"):  # ...unless a bare surname could be either of them
            members += holders.get("t:" + k[2:], [])
        for other in members[1:]:
            uf.union(members[0], other)
    for g in groups:
        for other in g[1:]:
            if other in documents and g[0] in documents:
                uf.union(g[0], other)
    return [tuple(g) for g in uf.groups()]


Sightings = dict[tuple[str, str, str], list[tuple[dt.date, str]]]


def _sightings(docs: dict[str, Document], anns: dict[str, Annotation]) -> Sightings:
    """Office holders seen on a day by documents whose date was given or stated (never
    inferred: that would reason in a circle)."""
    known = {d: doc.published for d, doc in docs.items() if _known(doc) and d in anns}
    return observations({d: anns[d] for d in known}, known, PersonIndex(anns))  # type: ignore[arg-type]


def _offices_used(
    sightings: Sightings, wanted: set[tuple[str, str]]
) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    out: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for (person, fam, ck), seen in sorted(sightings.items()):
        if (fam, ck) in wanted:
            out.setdefault((fam, ck), []).extend((person, d.isoformat(), doc) for d, doc in seen)
    return out


def _known(doc: Document) -> bool:
    return doc.published is not None and doc.published.value is not None


def _cap(ann: Annotation, est: DateEstimate) -> Annotation:
    """Cut dates that depend on the anchor to the estimate's precision: a month-precise
    document cannot date "Wednesday" to the day."""
    if est.precision == "day" or not est.value:
        return ann
    prec = est.precision
    for t in ann.times:
        if t.symbolic and t.value and finer(t.precision, prec):
            t.value, t.precision = coarsen(t.value, prec)  # type: ignore[assignment]
    for ev in ann.events:
        if ev.time is not None and ev.time.symbolic and ev.date and finer(ev.precision, prec):
            ev.date, ev.precision = coarsen(ev.date, prec)  # type: ignore[assignment]
    for r in ann.roles:
        r.as_of = est.value
    ann.notes.append(
        f"Re-anchored on an inferred date known to the {prec} ({est.value}); relative dates "
        f"are given to the {prec} at best."
    )
    return ann


def link_component(
    ids: tuple[str, ...],
    documents: dict[str, Document],
    base: dict[str, Annotation],
    duplicates: list[list[str]],
    knowledge: object | None,
    reanchor: Reanchor | None,
    today: dt.date,
    sightings: Sightings | None = None,
    version_groups: list[list[str]] | None = None,
) -> Component:
    """Date, re-anchor and link the events of one component.

    ``sightings`` are the office holders seen in documents with a stated or given date,
    across the whole corpus (an office is shared by people of different components).
    ``duplicates`` holds copies and same-URL versions alike (both date each other);
    ``version_groups`` are the same-URL groups alone, whose newest version speaks for the
    article (``revisions``).
    """
    docs = {d: documents[d] for d in ids}
    anns = {d: base[d] for d in ids if d in base}
    people = PersonIndex(anns)
    labels = {d: docs[d].name for d in ids}
    current: dict[str, Annotation] = dict(anns)
    known: dict[str, DateEstimate] = {d: docs[d].published for d in ids if _known(docs[d])}  # type: ignore[misc]
    inferred: dict[str, DateEstimate] = {}
    conflicts: list[str] = []
    undated = [d for d in ids if not _known(docs[d])]
    prepared_base = {d: [prepare(e, people) for e in anns[d].events] for d in undated if d in anns}
    groups_of: dict[str, list[list[str]]] = {}
    for g in duplicates:
        for d in g:
            if d in docs:
                groups_of.setdefault(d, []).append(g)
    for _round in range(MAX_ROUNDS):
        dates_now = {**known, **{d: e for d, e in inferred.items() if e.value}}
        day_dated = {d for d, e in dates_now.items() if e.precision == "day" and e.value}
        dated_events = []
        for d in sorted(day_dated):
            if d not in current:
                continue
            for ev in current[d].events:
                iv = interval(ev.date)
                if iv and iv[0] == iv[1]:
                    prepared = prepare(ev, people, dates_now[d].value)
                    dated_events.append(dating.DatedEvent(prepared, iv[0], d))
        # office holders are learnt from documents whose date was given or stated, never
        # from inferred ones (that would reason in a circle)
        obs = sightings if sightings is not None else _sightings(docs, anns)
        index = dating._index(dated_events)
        round_conflicts: list[str] = []
        new: dict[str, DateEstimate] = {}
        for d in undated:
            doc, ann = docs[d], anns.get(d)
            if ann is None:
                new[d] = dating.solve([], today, d)
                continue
            cs: list[dating.Constraint] = []
            if c := dating.partial_clue(doc):
                cs.append(c)
            cs += dating.weekday_clues(doc, ann)
            cs += dating.role_clues(doc, ann, knowledge, obs, people, today, round_conflicts)
            cs += dating.shared_event_clues(prepared_base[d], dated_events, people, doc, ann, index)
            cs += dating.relative_pair_clues(doc, ann)
            cs += dating.event_bound_clues(doc, ann)
            cs += dating.version_clues(doc)
            copies = [
                (o, iv[0])
                for g in groups_of.get(d, [])
                for o in g
                if o != d
                and o in dates_now
                and (iv := interval(dates_now[o].value))
                and iv[0] == iv[1]
            ]
            cs += dating.duplicate_clues(d, copies)
            new[d] = dating.solve(cs, today, d)
        changed = new != inferred
        for d, est in new.items():  # re-anchor only what changed since the last round
            if d in anns and inferred.get(d) != est:
                current[d] = _reanchored(docs[d], anns[d], est, reanchor)
        inferred = new
        conflicts = round_conflicts
        if not changed:
            break
    final = {**known, **inferred}
    events_in = [
        prepare(e, people, final[d].value if d in final else None)
        for d in sorted(current)
        for e in current[d].events
    ]
    copies = {d: g[0] for g in duplicates for d in g if d in docs}
    versions = version_infos(docs, version_groups or [])
    told: dict[str, list[tuple[str, str, list]]] = {}
    for p in events_in:
        if p.doc in versions:
            told.setdefault(p.doc, []).append((p.event.id, p.group, p.event.evidence))
    retold = retold_pairs(told, current, versions)
    clusters, misses = cluster_events(events_in, people, labels, copies, retold, versions)
    places = frozenset(
        fold(e.name) for d in sorted(current) for e in current[d].entities if e.kind == "place"
    )
    dated_docs = {**docs, **_dated_docs(docs, inferred)}
    linked = [build_linked(c, people, dated_docs, places, versions, current) for c in clusters]
    explanations = {
        ev.id: _explain(ev, c, misses, labels) for ev, c in zip(linked, clusters, strict=True)
    }
    wanted = {
        (office_family(r.office), country_key(r.country))
        for d in undated
        if d in anns
        for r in anns[d].roles
    }
    used = _offices_used(sightings or {}, wanted)
    return Component(
        documents=ids,
        offices=used,
        dates=inferred,
        annotations={d: current[d] for d in sorted(current)},
        events=linked,
        explanations=explanations,
        conflicts=sorted(set(conflicts)),
    )


def _dated_docs(
    docs: dict[str, Document], inferred: dict[str, DateEstimate]
) -> dict[str, Document]:
    out = {}
    for d, est in inferred.items():
        if est.value:
            out[d] = dataclasses.replace(docs[d], published=est)
    return out


def _reanchored(
    doc: Document, ann: Annotation, est: DateEstimate, reanchor: Reanchor | None
) -> Annotation:
    day = dating.representative_day(est)
    if reanchor is None or day is None:
        return ann
    fresh = reanchor(doc, Annotation.from_dict(ann.to_dict()), day)
    return _cap(fresh, est)


def _explain(
    ev: LinkedEvent, cluster: object, misses: dict[str, list[str]], labels: dict[str, str]
) -> list[str]:
    lines = [
        f"{ev.label} ({ev.type}, {ev.date or 'undated'}{', ' + ev.place if ev.place else ''})."
    ]
    for s in ev.sources:
        lines.append(
            f"Told by {labels.get(s.document, s.document)}"
            + (f" ({s.outlet})" if s.outlet else "")
            + f", dated there {s.date or 'not at all'}."
        )
    lines += ev.merge_reasons
    if len(ev.sources) == 1:
        lines.append("No other document tells it with enough agreement to merge.")
    for r in ev.revisions:
        said = "; ".join(
            f"version {v.version}"
            + (f" (seen {v.seen})" if v.seen else "")
            + " "
            + (f"says {v.value!r}" if v.value else "no longer tells it")
            for v in r.values
        )
        lines.append(f"The {r.field} changed between versions of {r.article}: {said}.")
    if not ev.current:
        lines.append(
            "No longer current: the newest version of every article that told it has dropped it."
        )
    for c in ev.conflicts:
        said = "; ".join(
            f"{v} says {', '.join(labels.get(d, d) for d in ds)}" for v, ds in c.values.items()
        )
        lines.append(f"Sources disagree on the {c.field}: {said}.")
    seen: set[str] = set()
    for s in ev.sources:
        for m in misses.get(s.event, []):
            if m not in seen:
                seen.add(m)
                lines.append(m)
    return lines[:40]


# --------------------------------------------------------------------------- entry points


def link_corpus(
    documents: list[Document],
    annotations: dict[str, Annotation],
    knowledge: object | None = None,
    reanchor: Reanchor | None = None,
) -> LinkResult:
    """Link every document with every other; see the module docstring."""
    return _link(documents, annotations, knowledge, reanchor, LinkResult())


def link_incremental(
    previous: LinkResult,
    new_docs: list[Document],
    new_annotations: dict[str, Annotation],
    knowledge: object | None = None,
    reanchor: Reanchor | None = None,
) -> LinkResult:
    """Add documents to an earlier result, re-linking only the components they touch."""
    docs = dict(previous.documents)
    docs.update({d.id: d for d in new_docs})
    base = dict(previous.base)
    base.update(new_annotations)
    return _link(list(docs.values()), base, knowledge, reanchor, previous)


def _link(
    documents: list[Document],
    annotations: dict[str, Annotation],
    knowledge: object | None,
    reanchor: Reanchor | None,
    previous: LinkResult,
) -> LinkResult:
    today = dt.date.today()
    docs = {d.id: d for d in sorted(documents, key=lambda d: d.id)}
    base = {d: annotations[d] for d in docs if d in annotations}
    sigs = {
        d: previous.signatures[d]
        if d in previous.signatures and _same(previous.documents.get(d), docs[d])
        else signature(docs[d].body)
        for d in docs
    }
    duplicates, versions = near_duplicates(list(docs.values()), sigs)
    comps: dict[tuple[str, ...], Component] = {}
    sightings = _sightings(docs, base)
    for ids in components(docs, base, duplicates + versions):
        old = previous.components.get(ids)
        reuse = (
            old is not None
            and all(
                _same(previous.documents.get(d), docs[d])
                and _same(previous.base.get(d), base.get(d))
                for d in ids
            )
            # a new dated sighting of an office the component's dating relied on changes it
            and _offices_used(sightings, set(old.offices)) == old.offices
        )
        comps[ids] = (
            old
            if reuse and old is not None
            else link_component(
                ids,
                docs,
                base,
                duplicates + versions,
                knowledge,
                reanchor,
                today,
                sightings,
                versions,
            )
        )
    result = LinkResult(duplicates=duplicates, versions=versions)
    for comp in comps.values():
        result.dates.update(comp.dates)
        result.annotations.update(comp.annotations)
        result.events.extend(comp.events)
        result.explanations.update(comp.explanations)
        result.role_conflicts.extend(comp.conflicts)
    result.dates = dict(sorted(result.dates.items()))
    result.annotations = dict(sorted(result.annotations.items()))
    result.role_conflicts = sorted(set(result.role_conflicts))
    all_dates: dict[str, DateEstimate | None] = {
        d: (doc.published if _known(doc) else result.dates.get(d)) for d, doc in docs.items()
    }
    people = PersonIndex(result.annotations)
    result.roles = role_history(result.annotations, all_dates, people, knowledge)
    result.stories = build_stories(
        docs, result.annotations, result.events, duplicates + versions, all_dates, people
    )
    story_of: dict[str, list[str]] = {}
    for s in result.stories:
        for e in s.events:
            story_of.setdefault(e, []).append(s.id)
    for ev in result.events:
        ev.stories = sorted(story_of.get(ev.id, []))
    result.events.sort(key=_event_order)
    result.explanations = {e.id: result.explanations.get(e.id, []) for e in result.events}
    result.documents, result.base, result.signatures, result.components = docs, base, sigs, comps
    return result


def _same(a: object, b: object) -> bool:
    return a is b or a == b  # identity first: incremental runs hand back the same objects


def _event_order(ev: LinkedEvent) -> tuple[int, str, str]:
    iv = interval(ev.date)
    return (0 if iv else 1, iv[0].isoformat() if iv else "", ev.id)


def explain(result: LinkResult, event_id: str) -> str:
    """Why an event is what it is: its sources, merge decisions, conflicts and near misses."""
    matches = [e for e in result.events if e.id == event_id] or [
        e for e in result.events if e.id.startswith(event_id)
    ]
    if len(matches) != 1:
        return f"No single event matches {event_id!r}."
    return "\n".join(result.explanations.get(matches[0].id, []))
