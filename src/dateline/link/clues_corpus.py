"""Dating clues from the rest of the corpus and the knowledge file: office holders, events
shared with dated documents, dated copies."""

from __future__ import annotations

import datetime as dt
import re

from dateline.link.isodates import interval
from dateline.link.match import Prepared, compare
from dateline.link.names import country_key, office_family
from dateline.link.people import PersonIndex, is_resolved
from dateline.link.solve import (
    _FORMER,
    _MON_SYM,
    _REL_WORDS,
    _WD_SYM,
    EPOCH,
    Constraint,
    DatedEvent,
    _fmt,
    window,
)
from dateline.link.tenures import Spell, matching, person_spells
from dateline.models import Annotation, Document


def role_clues(
    doc: Document,
    ann: Annotation,
    knowledge: object | None,
    observed: dict[tuple[str, str, str], list[tuple[dt.date, str]]],
    people: PersonIndex,
    today: dt.date,
    conflicts: list[str],
) -> list[Constraint]:
    """Office holders: the document can only be from when each named holder held the office.

    Tenures come from the knowledge file; a dated document of the corpus that shows the
    person in the office outside a known tenure overrides it (the tenure is stretched to
    include that day) and the conflict is reported.
    """
    out: list[Constraint] = []
    done: set[tuple[str, str, str]] = set()
    for role in sorted(ann.roles, key=lambda r: (r.person, r.office, r.country or "")):
        if _FORMER.search(role.surface or "") or _FORMER.search(role.office):
            continue
        key = people.key(role.person, doc.id, role.country)
        if not is_resolved(key):
            continue  # a bare surname could be anyone's tenure
        fam, ck = office_family(role.office), country_key(role.country)
        if (key, fam, ck) in done:
            continue
        done.add((key, fam, ck))
        spells = matching(person_spells(knowledge, people.name(key)), role.office, role.country)
        if not spells:
            c = corpus_tenure_clue(key, fam, ck, role.office, observed, people)
            if c is not None:
                out.append(c)
            continue
        spans = [s.span(today) for s in spells]
        notes: list[str] = []
        for seen_on, seen_doc in observed.get((key, fam, ck), []):
            if not any(lo <= seen_on <= hi for lo, hi in spans):
                # the corpus wins over the knowledge file: stretch the nearest tenure
                i = min(
                    range(len(spans)),
                    key=lambda j: min(
                        abs((spans[j][0] - seen_on).days), abs((spans[j][1] - seen_on).days)
                    ),
                )
                lo, hi = spans[i]
                spans[i] = (min(lo, seen_on), max(hi, seen_on))
                msg = (
                    f"Document {seen_doc} (dated {_fmt(seen_on)}) shows {people.name(key)} as "
                    f"{role.office}, outside the knowledge file's tenure; the corpus is "
                    f"followed and the tenure stretched to {_fmt(spans[i][0])} – {_fmt(spans[i][1])}."
                )
                notes.append(msg)
                conflicts.append(msg)
        tenure_txt = "; ".join(_spell_text(s, today) for s in spells)
        ev = [role.evidence] if role.evidence else []
        reason = f"{people.name(key)} is called {role.surface or role.office}; {tenure_txt}." + (
            "" if not notes else " " + " ".join(notes)
        )
        out.append(
            Constraint(
                0.95,
                lambda d, spans=tuple(spans): any(lo <= d <= hi for lo, hi in spans),
                reason,
                ev,
                bounds=(min(lo for lo, _ in spans), max(hi for _, hi in spans)),
            )
        )
    return out


EXCLUSIVE = ("foreign", "defence", "head of government", "head of state", "finance")


def corpus_tenure_clue(
    key: str,
    fam: str,
    ck: str,
    office: str,
    observed: dict[tuple[str, str, str], list[tuple[dt.date, str]]],
    people: PersonIndex,
) -> Constraint | None:
    """A tenure learnt from the corpus alone, for an office one person holds at a time.

    If dated documents show someone else in the office before the person's first sighting
    and after their last one, the person's spell lies between those two sightings.
    """
    mine = observed.get((key, fam, ck), [])
    if fam not in EXCLUSIVE or not ck or not mine:
        return None
    first, last = mine[0][0], mine[-1][0]
    before: tuple[dt.date, str, str] | None = None
    after: tuple[dt.date, str, str] | None = None
    for (other, f, c), seen in observed.items():
        if other == key or f != fam or c != ck:
            continue
        for day, doc_id in seen:
            if day < first and (before is None or day > before[0]):
                before = (day, other, doc_id)
            if day > last and (after is None or day < after[0]):
                after = (day, other, doc_id)
    if before is None and after is None:
        return None
    lo = before[0] + dt.timedelta(days=1) if before else EPOCH
    hi = after[0] - dt.timedelta(days=1) if after else dt.date.max
    parts = [f"the corpus shows {people.name(key)} as {office} from {_fmt(first)} to {_fmt(last)}"]
    if before:
        parts.append(
            f"{people.name(before[1])} in that office on {_fmt(before[0])} (document {before[2]})"
        )
    if after:
        parts.append(f"{people.name(after[1])} on {_fmt(after[0])} (document {after[2]})")
    return Constraint(
        0.85,
        lambda d: lo <= d <= hi,
        "No known tenure, but " + ", ".join(parts) + "; one holder at a time puts the "
        f"document between {_fmt(lo) if before else 'any date'} and {_fmt(hi) if after else 'now'}.",
        bounds=(lo, hi),
    )


def _spell_text(s: Spell, today: dt.date) -> str:
    end = s.end or "today"
    src = f" (source: {s.source})" if s.source else ""
    country = f" of {s.country}" if s.country else ""
    return f"{s.person} held {s.office}{country} from {s.start or '?'} to {end}{src}"


def shared_event_clues(
    undated: list[Prepared],
    dated: list[DatedEvent],
    people: PersonIndex,
    doc: Document,
    ann: Annotation,
    index: dict[str, list[int]] | None = None,
) -> list[Constraint]:
    """An event told by a dated document: the undated one was written around it.

    A bare weekday on the event ("meeting Thursday") that matches the dated event's weekday
    bounds publication to that week (before it for plans, after it for past events); an
    event without a weekday only bounds it to within a month.
    """
    out: list[Constraint] = []
    if index is None:
        index = index_dated(dated)
    for u in undated:
        # the weekday the text gives the event: its own time, else a bare weekday in one of
        # the sentences that tell it ("are meeting Thursday in Tokyo")
        spans = [(x.start, x.end) for x in u.event.evidence]
        if u.event.time is not None:
            weekday_times = [u.event.time]
        else:
            weekday_times = [
                t
                for t in sorted(ann.times, key=lambda x: x.start)
                if any(a <= t.start < b for a, b in spans)
            ]
        rel_times = [t for t in weekday_times if t.symbolic]
        options: dict[tuple[dt.date, dt.date], tuple[float, str]] = {}
        for d in _candidates(u, dated, index):
            if d.document == u.doc:
                continue
            verdict = compare(u, d.prepared, people, use_dates=False)
            if not verdict.same:
                continue
            e = d.date
            own = interval(u.event.date) if u.event.time is not None else None
            if own and not u.event.time.symbolic and not own[0] <= e <= own[1]:  # type: ignore[union-attr]
                continue  # the text dates it otherwise ("in March"): another occurrence
            found = None
            for t in rel_times:
                w = anchor_window(t.symbolic or "", e, t.text)
                if w is not None:
                    found = (t, w)
                    break
            if found is None and u.event.time is not None and u.event.time.symbolic:
                continue  # its own relative date cannot fall on that event's day
            if found is not None:
                t, (lo, hi) = found
                how = f"'{t.text}' (said of that event)"
                strength = 0.9
            else:
                if u.event.status in ("planned",):
                    lo, hi = e - dt.timedelta(days=31), e
                else:
                    lo, hi = e, e + dt.timedelta(days=31)
                how = "its tense"
                strength = 0.8
            if (lo, hi) not in options:
                options[(lo, hi)] = (
                    strength,
                    f"It tells the same {u.event.type} as document {d.document} "
                    f"({verdict.reason}), which dates it {_fmt(e)}; by {how} the document is "
                    f"from {_fmt(lo)} to {_fmt(hi)}.",
                )
        if not options:
            continue
        windows = sorted(options)
        ev = list(u.event.evidence[:1])
        if len(windows) == 1:
            strength, reason = options[windows[0]]
        else:
            # the same people met more than once: any of those occasions may be the one
            strength = min(x for x, _ in options.values())
            reason = (
                f"Its {u.event.type} matches {len(windows)} occasions told by dated documents, "
                "so it is one of them: " + " Or: ".join(options[w][1] for w in windows)
            )
        out.append(
            Constraint(
                strength,
                lambda day, ws=tuple(windows): any(lo <= day <= hi for lo, hi in ws),
                reason,
                ev,
                bounds=(windows[0][0], max(hi for _, hi in windows)),
            )
        )
    return out


def index_dated(dated: list[DatedEvent]) -> dict[str, list[int]]:
    """Dated events by the people (or, for person-less events, actors) they involve."""
    index: dict[str, list[int]] = {}
    for i, d in enumerate(dated):
        keys = d.prepared.resolved_persons or {f"org:{o}" for o in d.prepared.others}
        for k in keys:
            index.setdefault(k, []).append(i)
    return index


def _candidates(
    u: Prepared, dated: list[DatedEvent], index: dict[str, list[int]]
) -> list[DatedEvent]:
    keys = u.resolved_persons or {f"org:{o}" for o in u.others}
    hits = sorted({i for k in keys for i in index.get(k, [])})
    return [dated[i] for i in hits]


def _month_shift(d: dt.date, n: int) -> tuple[dt.date, dt.date]:
    idx = d.year * 12 + d.month - 1 + n
    y, m = idx // 12, idx % 12 + 1
    first = dt.date(y, m, 1)
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def anchor_window(symbolic: str, e: dt.date, text: str = "") -> tuple[dt.date, dt.date] | None:
    """The days a document could be written on for ``symbolic`` to mean day ``e``.

    The inverse of resolving a relative expression: "yesterday" (DCT-1D) said of e means
    written on e+1; "Thursday" (WD) means within the week around e and only if e is a
    Thursday; "last month" (DCT-1M) means written in the month after e's. None when the
    expression cannot mean e at all.
    """
    day = dt.timedelta(days=1)
    if m := _WD_SYM.match(symbolic):
        if e.weekday() != int(m.group(2)):
            return None
        # "last Thursday" / "next Thursday" may skip a week: allow it
        span = 13 if text and _REL_WORDS.search(text) else 6
        return {"prev": (e, e + span * day), "next": (e - span * day, e)}.get(
            m.group(1), (e - 3 * day, e + 3 * day)
        )
    if m := re.fullmatch(r"MD\((prev|next|near),(\d{1,2}),(\d{1,2})\)", symbolic):
        if (e.month, e.day) != (int(m.group(2)), int(m.group(3))):
            return None
        return {"prev": (e, e + 364 * day), "next": (e - 364 * day, e)}.get(
            m.group(1), (e - 182 * day, e + 182 * day)
        )
    if m := re.fullmatch(r"DCT([+-])(\d+)([DWMY])", symbolic):
        n = int(m.group(2)) * (1 if m.group(1) == "+" else -1)
        unit = m.group(3)
        if unit == "D":
            return e - n * day, e - n * day
        if unit == "W":
            start = e - e.weekday() * day - 7 * n * day
            return start, start + 6 * day
        if unit == "M":
            return _month_shift(e, -n)
        return dt.date(e.year - n, 1, 1), dt.date(e.year - n, 12, 31)
    if m := _MON_SYM.match(symbolic):
        if e.month != int(m.group(2)):
            return None
        rel = m.group(1)
        first, last = _month_shift(e, 0)
        if rel == "prev":
            return first, _month_shift(e, 11)[1]
        if rel == "next":
            return _month_shift(e, -11)[0], last
        return _month_shift(e, -6)[0], _month_shift(e, 6)[1]
    return None


def duplicate_clues(doc_id: str, copies: list[tuple[str, dt.date]]) -> list[Constraint]:
    out = []
    for other, d in copies[:1]:
        out.append(
            window(
                0.85,
                d - dt.timedelta(days=1),
                d + dt.timedelta(days=3),
                f"It is a copy or version of document {other} (dated {_fmt(d)}); copies run within days.",
            )
        )
        out.append(
            window(
                0.6,
                d,
                d,
                f"Syndicated copies usually run the same day ({_fmt(d)}).",
            )
        )
    return out


# --------------------------------------------------------------------------- solving
