"""Event coreference across documents: one LinkedEvent per happening.

Candidate pairs are judged by ``match.compare``; merges are made best pair first, and a
merge is refused when it would put two events of one document together (the
understanding stage already decided those are different) or two events whose dates are
far apart. Details the sources disagree on are kept side by side as ``Conflict``s.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from dateline.link.isodates import PRECISION_RANK, gap_days, interval
from dateline.link.match import Prepared, Verdict, compare, window
from dateline.link.names import fold, is_country
from dateline.link.people import PersonIndex, is_resolved
from dateline.link.revisions import (
    Telling,
    VersionInfo,
    revisions,
    still_told,
    superseded,
    withdrawn,
)
from dateline.models import (
    Annotation,
    Conflict,
    Document,
    Evidence,
    LinkedEvent,
    Participant,
    Source,
    content_hash,
)


@dataclass
class Cluster:
    members: list[Prepared]
    reasons: list[str]


def _block_pairs(members: list[int], events: list[Prepared]) -> set[tuple[int, int]]:
    """Pairs of events from different documents within one block. A block of someone in
    every story is cut by month (each month against itself and the next), so it stays
    small; undated events in such a block are left to their other keys."""
    pairs: set[tuple[int, int]] = set()
    if len(members) <= BLOCK:
        groups = [(members, members)]
    else:
        by_month: dict[int, list[int]] = defaultdict(list)
        for i in members:
            iv = events[i].interval
            if iv:
                by_month[iv[0].year * 12 + iv[0].month].append(i)
        groups = [(ms, ms + by_month.get(m + 1, [])) for m, ms in sorted(by_month.items())]
    for left, right in groups:
        for i in left:
            for j in right:
                if i < j and events[i].doc != events[j].doc:
                    pairs.add((i, j))
    return pairs


BLOCK = 400


def cluster_events(
    events: list[Prepared],
    people: PersonIndex,
    doc_label: dict[str, str],
    copies: dict[str, str] | None = None,
    retold: dict[tuple[str, str], str] | None = None,
    versions: dict[str, VersionInfo] | None = None,
) -> tuple[list[Cluster], dict[str, list[str]]]:
    """Group prepared events into clusters; also return, per event id, near misses in words.

    ``copies`` maps a document to its duplicate group (its canonical document): events that
    copies of one article tell in the same words are one event even without named people.
    ``retold`` pairs events of consecutive versions of one article told in the same (maybe
    edited) sentence (``revisions.retold_pairs``); they are one event whatever the edit did
    to the date, and a telling a newer version replaced does not count in the date check.
    """
    events = sorted(events, key=lambda p: (p.doc, p.event.id))
    copies = copies or {}
    retold = retold or {}
    versions = versions or {}
    by_person: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(events):
        for k in sorted(p.resolved_persons | {f"org:{o}" for o in p.others}):
            by_person[k].append(i)
        if p.doc in copies:
            by_person[f"copy:{copies[p.doc]}|{p.group}"].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_person.values():
        pairs |= _block_pairs(members, events)
    index_of = {p.event.id: i for i, p in enumerate(events)}
    for x, y in retold:
        if x in index_of and y in index_of:
            pairs.add((min(index_of[x], index_of[y]), max(index_of[x], index_of[y])))
    scored: list[tuple[float, int, int, Verdict]] = []
    misses: dict[str, list[str]] = defaultdict(list)
    for i, j in sorted(pairs):
        a, b = events[i], events[j]
        why = retold.get((a.event.id, b.event.id)) or retold.get((b.event.id, a.event.id))
        if why:
            v = Verdict(True, 2.5, why)
        elif copies.get(a.doc) and copies.get(a.doc) == copies.get(b.doc) and _same_words(a, b):
            v = Verdict(
                True, 2.0, "the documents are copies of one article and tell it in the same words"
            )
        else:
            v = compare(a, b, people)
        if v.same:
            scored.append((v.score, i, j, v))
        elif a.group == b.group:
            for x, y in ((a, b), (b, a)):
                misses[x.event.id].append(
                    f"Not merged with {doc_label.get(y.doc, y.doc)}'s "
                    f"'{y.event.label}': {v.reason}."
                )
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    parent = list(range(len(events)))
    docs_of: dict[int, set[str]] = {i: {p.doc} for i, p in enumerate(events)}
    members_of: dict[int, list[int]] = {i: [i] for i in range(len(events))}
    reasons_of: dict[int, list[str]] = {i: [] for i in range(len(events))}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, i, j, v in scored:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        a, b = events[i], events[j]
        if docs_of[ri] & docs_of[rj]:
            misses[a.event.id].append(
                f"Not merged with {doc_label.get(b.doc, b.doc)}'s '{b.event.label}': it would "
                "join two events one document tells apart."
            )
            continue
        # every member of one side must be able to be on the date of every member of the
        # other, not just the pair that matched: a telling months off never joins
        gone = superseded({events[x].doc for x in members_of[ri] + members_of[rj]}, versions)
        far = any(
            _too_far(events[x], events[y])
            for x in members_of[ri]
            for y in members_of[rj]
            if events[x].doc not in gone and events[y].doc not in gone
        )
        if far:
            misses[a.event.id].append(
                f"Not merged with {doc_label.get(b.doc, b.doc)}'s '{b.event.label}': another "
                "telling already merged with one of them is dated too far from the other."
            )
            continue
        lo, hi = sorted((ri, rj))
        parent[hi] = lo
        docs_of[lo] |= docs_of.pop(hi)
        members_of[lo] += members_of.pop(hi)
        reasons_of[lo] += [
            *reasons_of.pop(hi),
            f"Merged {doc_label.get(a.doc, a.doc)}'s '{a.event.label}' with "
            f"{doc_label.get(b.doc, b.doc)}'s '{b.event.label}': {v.reason}.",
        ]
    for r, ms in sorted(members_of.items()):
        if len(ms) != 1 or r not in members_of:
            continue
        target = _plan_of(events[ms[0]], events, members_of, docs_of)
        if target is None:
            continue
        plan = events[ms[0]]
        members_of[target] += members_of.pop(r)
        docs_of[target] |= docs_of.pop(r)
        reasons_of[target] += [
            *reasons_of.pop(r),
            f"Merged {doc_label.get(plan.doc, plan.doc)}'s '{plan.event.label}' into "
            f"'{events[members_of[target][0]].event.label}': a plan that names no one, of the "
            "same kind at the same place, whose time holds this event and no other.",
        ]
    clusters = [
        Cluster(sorted((events[m] for m in ms), key=lambda p: (p.doc, p.event.id)), reasons_of[r])
        for r, ms in sorted(members_of.items())
    ]
    return clusters, dict(misses)


def _plan_of(
    plan: Prepared,
    events: list[Prepared],
    members_of: dict[int, list[int]],
    docs_of: dict[int, set[str]],
) -> int | None:
    """The one cluster a person-less plan ("the two governments will hold a summit in X in
    mid-October") announces: of its kind, at its place, dated inside its time and not before
    the plan was told, with named people. None unless exactly one cluster fits."""
    if plan.event.status != "planned" or plan.persons or plan.others:
        return None
    if not plan.place or plan.interval is None or plan.group == "other":
        return None
    told = interval(plan.doc_date)
    fits = []
    for root, ms in members_of.items():
        if plan.doc in docs_of[root]:
            continue  # its own cluster, or another event its document tells apart
        tellings = [events[m] for m in ms]
        if not any(t.persons for t in tellings) or any(t.group != plan.group for t in tellings):
            continue
        if not any(t.place and (t.place in plan.place or plan.place in t.place) for t in tellings):
            continue
        dated = [t.interval for t in tellings if t.interval and t.precision == "day"]
        if not dated or not all(plan.interval[0] <= iv[0] <= plan.interval[1] for iv in dated):
            continue
        if told and any(iv[0] < told[0] for iv in dated):
            continue  # already over when the plan was told: another occasion
        fits.append(root)
    return fits[0] if len(fits) == 1 else None


def _telling_first(p: Prepared) -> list[Evidence]:
    """The event's sentences, the one that names most of its participants (then its
    trigger) first: views show the first, and a lead sentence that also mentions the event
    in passing is a poor witness of it."""
    names = [
        fold(part.name).split()[-1]
        for part in p.event.participants
        if part.kind == "person" and part.name.strip()
    ]
    trigger = fold(p.event.trigger or "")

    def rank(item: tuple[int, Evidence]) -> tuple[int, int, int]:
        i, e = item
        text = fold(e.sentence)
        named = sum(1 for n in names if n and n in text)
        return (-named, 0 if trigger and trigger in text else 1, i)

    return [e for _, e in sorted(enumerate(p.event.evidence), key=rank)]


def _too_far(a: Prepared, b: Prepared) -> bool:
    """Dates more than two days apart; an undated telling counts by the days its document's
    date and tense allow (``match.window``)."""
    g = gap_days(a.date, b.date)
    if g is not None:
        return g > 2
    wa, wb = window(a), window(b)
    if wa is None or wb is None:
        return False
    slack = dt.timedelta(days=2)
    return wa[0] > wb[1] + slack or wb[0] > wa[1] + slack


def _same_words(a: Prepared, b: Prepared) -> bool:
    if a.group != b.group or a.event.label != b.event.label:
        return False
    sa = {fold(e.sentence) for e in a.event.evidence}
    sb = {fold(e.sentence) for e in b.event.evidence}
    return bool(sa & sb) or (not sa and not sb)


def _pick(values: dict[str, list[str]], prefer: list[str]) -> str:
    """The value most documents give; ties go to the document that comes first in ``prefer``."""
    rank = {d: i for i, d in enumerate(prefer)}
    return sorted(
        values.items(),
        key=lambda kv: (-len(set(kv[1])), min(rank.get(d, len(rank)) for d in kv[1]), kv[0]),
    )[0][0]


def build_linked(
    cluster: Cluster,
    people: PersonIndex,
    documents: dict[str, Document],
    places: frozenset[str] = frozenset(),
    versions: dict[str, VersionInfo] | None = None,
    annotations: dict[str, Annotation] | None = None,
) -> LinkedEvent:
    """One LinkedEvent from a cluster. ``places`` are folded names the corpus tags as places:
    a "person" participant by such a name that resolves to no known person is a place the
    understanding stage mistook for someone, and is shown as a place.

    ``versions`` (``revisions.version_infos``) says which documents are versions of one
    article: only each article's newest telling decides the event's details, and what the
    older versions said is kept as ``revisions``."""
    versions = versions or {}
    every = cluster.members
    gone = superseded({p.doc for p in every}, versions)
    ms = [p for p in every if p.doc not in gone]

    def trust(doc_id: str) -> tuple[int, str]:
        d = documents.get(doc_id)
        basis = d.published.basis if d and d.published else "undated"
        return ({"given": 0, "stated": 1, "inferred": 2}.get(basis, 3), doc_id)

    prefer = sorted({p.doc for p in ms}, key=trust)
    conflicts: list[Conflict] = []

    # date: the finest value among those that agree with the majority
    date_vals: dict[str, list[str]] = defaultdict(list)
    for p in ms:
        if p.date:
            date_vals[p.date].append(p.doc)
    date, precision = None, "unknown"
    if date_vals:
        groups: list[list[str]] = []  # values that overlap belong together
        for v in sorted(date_vals, key=_start):
            for g in groups:
                if all(gap_days(v, w) == 0 for w in g):
                    g.append(v)
                    break
            else:
                groups.append([v])
        if len(groups) > 1:
            conflicts.append(
                Conflict("date", {v: sorted(set(date_vals[v])) for v in sorted(date_vals)})
            )
        by_group = {
            min(g, key=lambda v: (PRECISION_RANK.get(_prec(ms, v), 7), v)): sorted(
                {d for v in g for d in date_vals[v]}
            )
            for g in groups
        }
        date = _pick(by_group, prefer)
        precision = _prec(ms, date)

    # "Tokyo" and "Tokyo, Japan" agree (a country only says where the city is); so do
    # "Chancery" and "the Chancery"
    place = _where(ms, "place", prefer, conflicts)
    venue = _where(ms, "venue", prefer, conflicts)

    mode_vals: dict[str, list[str]] = defaultdict(list)
    for p in ms:
        if p.event.mode != "unknown":
            mode_vals[p.event.mode].append(p.doc)
    if len(mode_vals) > 1:
        conflicts.append(
            Conflict("mode", {k: sorted(set(v)) for k, v in sorted(mode_vals.items())})
        )
    mode = _pick(mode_vals, prefer) if mode_vals else "unknown"

    # status: the latest telling wins (a plan that later happened is not a conflict), but a
    # "happened" against a "cancelled" is kept side by side
    def pub(doc_id: str) -> str:
        d = documents.get(doc_id)
        return (d.published.value or "") if d and d.published else ""

    status_vals: dict[str, list[str]] = defaultdict(list)
    for p in ms:
        status_vals[p.event.status].append(p.doc)
    # a plan never overrides an outcome another telling reports (a later text that still
    # calls it planned is stale or speaks loosely)
    deciding = [p for p in ms if p.event.status != "planned"] or ms
    latest = max(deciding, key=lambda p: (pub(p.doc), -prefer.index(p.doc), p.event.id))
    status = latest.event.status
    if {"happened", "ongoing"} & set(status_vals) and {"cancelled", "negated"} & set(status_vals):
        conflicts.append(
            Conflict("status", {k: sorted(set(v)) for k, v in sorted(status_vals.items())})
        )

    types = Counter(p.event.type for p in ms)
    ev_type = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    plovers = Counter(p.event.plover for p in ms if p.event.plover)
    plover = sorted(plovers.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if plovers else ""
    # the label of the fullest telling, preferring one that names the place the event got
    label_src = sorted(
        ms,
        key=lambda p: (
            p.event.status != status,  # a label saying "(planned)" on a held event misleads
            -len(p.persons),
            0 if not place or place.lower() in p.event.label.lower() else 1,
            prefer.index(p.doc),
            -len(p.event.label),
            p.event.id,
        ),
    )[0]

    participants: dict[str, Participant] = {}
    for p in sorted(ms, key=lambda p: (prefer.index(p.doc), p.event.id)):
        for part in p.event.participants:
            kind = part.kind
            if kind == "person":
                key = people.key(part.name, p.doc)
                if not is_resolved(key) and fold(part.name) in places and not part.role:
                    kind = "place"
            if kind == "person":
                name = people.name(key) if is_resolved(key) else part.name
            else:
                key, name = f"{kind}:{part.name.lower()}", part.name
            if key not in participants:
                participants[key] = Participant(name, None, part.role, kind)
            elif participants[key].role is None and part.role:
                participants[key].role = part.role
    sources = [
        Source(
            document=p.doc,
            event=p.event.id,
            evidence=_telling_first(p),
            date=p.date,
            precision=p.precision,  # type: ignore[arg-type]
            outlet=documents[p.doc].outlet if p.doc in documents else None,
            version=versions[p.doc].number if p.doc in versions else None,
            seen=versions[p.doc].seen if p.doc in versions else None,
            current=_current(p, versions, documents, gone),
        )
        for p in every
    ]
    tellings = [
        Telling(
            p.doc,
            p.date,
            p.event.place,
            p.event.mode,
            p.event.status,
            [_person_name(part.name, p.doc, people) for part in p.event.participants
             if part.kind == "person"],
            _telling_first(p),
        )
        for p in every
        if p.doc in versions
    ]  # fmt: skip
    changed = revisions(tellings, versions, annotations or {}, documents)
    conf = max(p.event.confidence for p in ms)
    conf = min(0.99, conf + 0.05 * (len({p.doc for p in ms}) - 1))
    return LinkedEvent(
        id=content_hash("|".join(sorted(p.event.id for p in ms))),
        type=ev_type,
        plover=plover,
        label=label_src.event.label,
        status=status,
        mode=mode,  # type: ignore[arg-type]
        date=date,
        precision=precision,  # type: ignore[arg-type]
        place=place,
        participants=sorted(participants.values(), key=lambda x: (x.kind, x.name)),
        sources=sources,
        conflicts=conflicts,
        confidence=round(conf, 3),
        merge_reasons=list(cluster.reasons),
        revisions=changed,
        current=any(src.current for src in sources),
        venue=venue,
    )


def _where(
    ms: list[Prepared], name: str, prefer: list[str], conflicts: list[Conflict]
) -> str | None:
    """The place (or venue) most tellings give; values that contain one another agree, and
    values that do not are kept as a ``Conflict``."""
    vals: dict[str, list[str]] = defaultdict(list)
    for p in ms:
        if value := getattr(p.event, name):
            vals[value].append(p.doc)
    if not vals:
        return None
    keys = sorted(vals)
    distinct = {k for k in keys if not any(k != o and k.lower() in o.lower() for o in keys)}
    if name == "place" and any(not is_country(k) for k in distinct):
        distinct = {k for k in distinct if not is_country(k)}
    if len({k.lower() for k in distinct}) > 1:
        conflicts.append(Conflict(name, {k: sorted(set(vals[k])) for k in keys}))
    return _pick({k: vals[k] for k in distinct} or vals, prefer)


def _current(
    p: Prepared,
    versions: dict[str, VersionInfo],
    documents: dict[str, Document],
    gone: set[str],
) -> bool:
    """Whether a telling still stands: not when a newer version of its article in the same
    event retells it (``gone``: that telling is the current one, unless it kept the sentence
    word for word), nor when the article's newest version dropped it (``withdrawn``)."""
    info = versions.get(p.doc)
    if info is None or info.newest == p.doc:
        return True
    evidence = _telling_first(p)
    newest = documents.get(info.newest)
    if p.doc in gone:
        return still_told(evidence, newest)
    return not withdrawn(evidence, info, newest)


def _person_name(name: str, doc: str, people: PersonIndex) -> str:
    key = people.key(name, doc)
    return people.name(key) if is_resolved(key) else name


def _start(value: str) -> tuple[int, str]:
    iv = interval(value)
    return (iv[0].toordinal() if iv else 0, value)


def _prec(ms: list[Prepared], value: str) -> str:
    precs = [p.precision for p in ms if p.date == value]
    return min(precs, key=lambda x: PRECISION_RANK.get(x, 7)) if precs else "unknown"
