"""Dating undated documents from what the text and the rest of the corpus say.

Every clue becomes a constraint on the set of possible publication days between 1990-01-01
and today; constraints are intersected from the strongest to the weakest, and a clue that
would leave no day at all is set aside (and said so) instead of wiping out the rest. The
evidence chain is the list of sentences each applied clue produced; the estimate is a day
only when one day is left, else a week, month or year, else a range with its candidates.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dateline.link.isodates import interval
from dateline.link.match import Prepared, compare
from dateline.link.names import content_words, country_key, office_family
from dateline.link.people import PersonIndex, is_resolved
from dateline.link.tenures import Spell, matching, person_spells
from dateline.models import Annotation, DateEstimate, Document, Evidence, TimeExpression

EPOCH = dt.date(1990, 1, 1)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
_WD_SYM = re.compile(r"^WD\((prev|next|near),(\d)\)$")
_MON_SYM = re.compile(r"^(?:MON|MD)\((prev|next|near),(\d{1,2})")
_DCT_M = re.compile(r"^DCT([+-])(\d+)M$")
_DCT_Y = re.compile(r"^DCT([+-])(\d+)Y$")
_REL_WORDS = re.compile(r"\b(last|next|this|coming|past|previous)\b", re.I)
_REPORTING = re.compile(
    r"\b(said|says|told|announced|stated|reported|confirmed|declared|added)\b", re.I
)
_FORMER = re.compile(r"\b(former|ex-|late|then-|outgoing|incoming|designate|elect)\b", re.I)


@dataclass
class Constraint:
    strength: float  # 1 = as good as stated; soft clues are lower and give way on conflict
    allowed: Callable[[dt.date], bool]
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    describe: Callable[[list[dt.date]], str] | None = None  # sentence once applied
    bounds: tuple[dt.date, dt.date] | None = None  # no allowed day outside these (for speed)


@dataclass
class DatedEvent:
    """An event of an already dated document, usable to date others."""

    prepared: Prepared
    date: dt.date
    document: str


def between(lo: dt.date, hi: dt.date) -> Callable[[dt.date], bool]:
    return lambda d: lo <= d <= hi


def window(strength: float, lo: dt.date, hi: dt.date, reason: str) -> Constraint:
    return Constraint(strength, between(lo, hi), reason, bounds=(lo, hi))


def _fmt(d: dt.date) -> str:
    return d.isoformat()


def _sentence_of(ann: Annotation, doc: Document, start: int, end: int, doc_id: str) -> Evidence:
    for s in ann.sentences:
        if s.start <= start < s.end or s.start < end <= s.end:
            return Evidence(doc_id, s.text, s.start, s.end)
    lo = doc.body.rfind("\n", 0, start) + 1
    hi = doc.body.find("\n", end)
    hi = len(doc.body) if hi < 0 else hi
    return Evidence(doc_id, doc.body[lo:hi].strip(), lo, hi)


def _sentence_index(ann: Annotation, pos: int) -> int:
    for s in ann.sentences:
        if s.start <= pos < s.end:
            return s.index
    return 0 if pos < 300 else 99


def _sentence_start(ann: Annotation, pos: int) -> int:
    for s in ann.sentences:
        if s.start <= pos < s.end:
            return s.start
    return pos


def _bare_weekday(t: TimeExpression) -> int | None:
    m = _WD_SYM.match(t.symbolic or "")
    if not m or _REL_WORDS.search(t.text):
        return None
    return int(m.group(2))


# --------------------------------------------------------------------------- clues


def partial_date(doc: Document) -> tuple[int, int | None] | None:
    raw = (doc.metadata_evidence or {}).get("partial_date", "")
    m = re.search(r"--(\d{2})(?:-(\d{2}))?", raw)
    if not m:
        return None
    month, day = int(m.group(1)), int(m.group(2)) if m.group(2) else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return month, day


def partial_clue(doc: Document) -> Constraint | None:
    pd = partial_date(doc)
    if pd is None:
        return None
    month, day = pd
    why = (doc.metadata_evidence or {}).get("partial_date_evidence") or (
        doc.metadata_evidence or {}
    ).get("partial_date", "")
    what = f"{day} {MONTHS[month - 1]}" if day else MONTHS[month - 1]
    if day:
        return Constraint(
            0.97,
            lambda d: d.month == month and d.day == day,
            f"The document gives the date {what} without a year ({why}).",
        )
    return Constraint(
        0.97, lambda d: d.month == month, f"The document gives the month {what} without a year."
    )


def weekday_clues(doc: Document, ann: Annotation) -> list[Constraint]:
    """A bare weekday told as the day of the news: publication fell on that weekday.

    Two cues count: a reporting verb next to the weekday ("officials said on Friday"), or a
    weekday in the lead sentences (the lead tells the day's news). News often runs a day
    late, so this is a soft clue and gives way to anything stronger.
    """
    found: list[tuple[int, int, Constraint]] = []
    seen: set[int] = set()
    first = min((s.index for s in ann.sentences), default=0)
    for t in sorted(ann.times, key=lambda x: x.start):
        wd = _bare_weekday(t)
        if wd is None or wd in seen:
            continue
        before = doc.body[max(0, t.start - 45) : t.start]
        after = doc.body[t.end : t.end + 25]
        reporting = bool(_REPORTING.search(before) or _REPORTING.match(after.lstrip(" ,")))
        lead = _sentence_index(ann, t.start) <= first + 1 or _sentence_start(ann, t.start) < 300
        # a plan in the lead ("will fly to Paris on Monday") is not the day of the news
        lead = lead and not (t.symbolic or "").startswith("WD(next")
        if not (reporting or lead):
            continue
        seen.add(wd)
        cue = "a reporting verb" if reporting else "the lead"
        ev = _sentence_of(ann, doc, t.start, t.end, doc.id)
        c = Constraint(
            0.75 if reporting else 0.7,
            lambda d, wd=wd: d.weekday() == wd,
            f"'{t.text}' with {cue} tells the day of the news, so the document was "
            f"published on a {WEEKDAYS[wd]}.",
            [ev],
            describe=_describe_weekday(doc, wd),
        )
        found.append((0 if lead else 1, t.start, c))
    # one weekday of publication (a second would contradict the first); the lead's news peg
    # comes first, as "X said on Monday" deeper down is often a day or two back
    out = [c for _, _, c in sorted(found, key=lambda x: (x[0], x[1]))]
    return out[:1]  # one weekday of publication; a second one would contradict the first


def _describe_weekday(doc: Document, wd: int) -> Callable[[list[dt.date]], str] | None:
    pd = partial_date(doc)
    if pd is None or pd[1] is None:
        return None
    month, day = pd

    def describe(_left: list[dt.date]) -> str:
        today = dt.date.today()
        years = []
        for y in range(EPOCH.year, today.year + 1):
            try:
                if dt.date(y, month, day).weekday() == wd:
                    years.append(str(y))
            except ValueError:
                continue
        listed = ", ".join(years[:-1]) + f" and {years[-1]}" if len(years) > 1 else "".join(years)
        return (
            f"Between {EPOCH.year} and {today.year}, {day} {MONTHS[month - 1]} fell on a "
            f"{WEEKDAYS[wd]} in {listed or 'no year'}."
        )

    return describe


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
        index = _index(dated)
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


def _index(dated: list[DatedEvent]) -> dict[str, list[int]]:
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


def relative_pair_clues(doc: Document, ann: Annotation) -> list[Constraint]:
    """A named month and "last month" said of the same thing give the month of writing.

    Two expressions are taken to be about the same thing when the words around them share
    at least two content words ("strategies released in mid-December" / "strategies adopted
    last month"). The same works for a named year and "last year".
    """
    named: list[tuple[TimeExpression, int, set[str]]] = []
    rel_m: list[tuple[TimeExpression, int, set[str]]] = []
    years: list[tuple[TimeExpression, int, set[str]]] = []
    rel_y: list[tuple[TimeExpression, int, set[str]]] = []
    for t in ann.times:
        ctx = _context(doc, ann, t)
        sym = t.symbolic or ""
        if m := _MON_SYM.match(sym):
            named.append((t, int(m.group(2)), ctx))
        elif m := _DCT_M.match(sym):
            n = int(m.group(2)) * (1 if m.group(1) == "+" else -1)
            if n != 0:
                rel_m.append((t, n, ctx))
        elif m := _DCT_Y.match(sym):
            n = int(m.group(2)) * (1 if m.group(1) == "+" else -1)
            if n != 0:
                rel_y.append((t, n, ctx))
        elif not sym and t.value and re.fullmatch(r"\d{4}", t.value):
            years.append((t, int(t.value), ctx))
    votes: dict[int, list[tuple[int, str]]] = {}
    for t1, month, c1 in named:
        rel = _MON_SYM.match(t1.symbolic or "").group(1)  # type: ignore[union-attr]
        for t2, n, c2 in rel_m:
            if (rel == "prev" and n > 0) or (rel == "next" and n < 0):
                continue  # a past month cannot be "next month"
            common = c1 & c2
            if len(common) < 2:
                continue
            written = (month - 1 - n) % 12 + 1  # "December" is "last month" -> January
            votes.setdefault(written, []).append(
                (
                    len(common),
                    f"'{t1.text}' and '{t2.text}' are said of the same thing "
                    f"({', '.join(sorted(common)[:5])}), so the document was written in "
                    f"{MONTHS[written - 1]}.",
                )
            )
    out: list[Constraint] = []
    # pairs vote with the number of words they share; a clear winner is needed
    ranked = sorted(
        ((sum(w for w, _ in v), m, v) for m, v in votes.items()), key=lambda x: (-x[0], x[1])
    )
    if ranked and (len(ranked) == 1 or ranked[0][0] >= 2 * ranked[1][0]):
        _, written, reasons = ranked[0]
        best = max(reasons, key=lambda r: r[0])[1]
        if len(ranked) > 1:
            best += f" (A weaker pairing pointing to {MONTHS[ranked[1][1] - 1]} is outvoted.)"
        out.append(Constraint(0.85, lambda d, w=written: d.month == w, best))
    yvotes: dict[int, str] = {}
    for t1, year, c1 in years:
        for t2, n, c2 in rel_y:
            common = c1 & c2
            if len(common) >= 2:
                yvotes.setdefault(
                    year - n,
                    f"'{t1.text}' and '{t2.text}' are said of the same thing "
                    f"({', '.join(sorted(common)[:4])}), so the document was written in {year - n}.",
                )
    if len(yvotes) == 1:
        year, reason = next(iter(yvotes.items()))
        out.append(Constraint(0.85, lambda d, y=year: d.year == y, reason))
    return out


def _context(doc: Document, ann: Annotation, t: TimeExpression) -> set[str]:
    """Content words around a time expression, within its sentence, whole words only,
    without the words of other time expressions."""
    ev = _sentence_of(ann, doc, t.start, t.end, doc.id)
    lo = max(ev.start, t.start - 90)
    hi = min(ev.end if ev.end > t.end else t.end + 60, t.end + 60)
    body = doc.body
    while lo > 0 and body[lo - 1].isalnum():
        lo -= 1
    while hi < len(body) and body[hi].isalnum():
        hi += 1
    chars = list(body[lo:hi])
    for other in ann.times:  # blank out every time expression, this one included
        for i in range(max(other.start, lo), min(other.end, hi)):
            chars[i - lo] = " "
    return {w for w in content_words("".join(chars)) if not w.isdigit()}


def event_bound_clues(doc: Document, ann: Annotation) -> list[Constraint]:
    """An event the text says has happened, on an absolute date, bounds publication below."""
    latest: tuple[dt.date, str, Evidence | None] | None = None
    for ev in ann.events:
        t = ev.time
        if ev.status != "happened" or t is None or t.symbolic or not t.value:
            continue
        iv = interval(t.value)
        if iv is None or iv[0] < EPOCH:
            continue
        if latest is None or iv[0] > latest[0]:
            latest = (iv[0], t.text, ev.evidence[0] if ev.evidence else None)
    if latest is None:
        return []
    lo, text, evidence = latest
    return [
        Constraint(
            0.9,
            lambda d, lo=lo: d >= lo,
            f"It reports as done something dated '{text}', so it cannot be from before {_fmt(lo)}.",
            [evidence] if evidence else [],
            bounds=(lo, dt.date.max),
        )
    ]


def version_clues(doc: Document) -> list[Constraint]:
    stamps = sorted(iv[0] for v in doc.versions if (iv := interval((v.timestamp or "")[:10])))
    if not stamps:
        return []
    first = stamps[0]
    return [
        Constraint(
            0.95,
            lambda d: d <= first,
            f"Its first version is time-stamped {_fmt(first)}, so it was published by then.",
            bounds=(EPOCH, first),
        )
    ]


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


# An estimate without a value still says "inferred": the pipeline forgets inferred dates
# before every relink, so a document undated today can be dated by tomorrow's documents.
NO_DATE_BASIS = "inferred"

_DAYS: dict[dt.date, list[dt.date]] = {}


def all_days(today: dt.date) -> list[dt.date]:
    """Every day from 1990-01-01 to ``today`` (built once per day, shared read-only)."""
    if today not in _DAYS:
        _DAYS.clear()
        _DAYS[today] = [EPOCH + dt.timedelta(days=i) for i in range((today - EPOCH).days + 1)]
    return _DAYS[today]


def solve(constraints: list[Constraint], today: dt.date, doc_id: str) -> DateEstimate:
    """Intersect the constraints, strongest first, and turn what is left into an estimate."""
    if not constraints:
        return DateEstimate(
            value=None,
            precision="unknown",
            basis=NO_DATE_BASIS,
            confidence=0.0,
            reasons=["Neither the text nor the other documents give a clue to its date."],
        )
    days = all_days(today)
    reasons: list[str] = []
    evidence: list[Evidence] = []
    confidence = 1.0
    applied = 0
    order = sorted(enumerate(constraints), key=lambda ic: (-ic[1].strength, ic[0]))
    for _, c in order:
        pool = days
        if c.bounds is not None:
            pool = days[
                bisect.bisect_left(days, c.bounds[0]) : bisect.bisect_right(days, c.bounds[1])
            ]
        left = [d for d in pool if c.allowed(d)]
        if not left:
            reasons.append(f"Set aside, as it contradicts the stronger clues: {c.reason}")
            confidence *= 0.9
            continue
        days = left
        applied += 1
        reasons.append(c.reason)
        if c.describe is not None:
            reasons.append(c.describe(days))
        evidence.extend(e for e in c.evidence if e is not None)
        confidence = min(confidence, c.strength) if c.strength >= 0.9 else confidence * c.strength
    est = _estimate(days, today)
    est.reasons = [*reasons, est.reasons[0]]
    est.evidence = evidence
    est.confidence = round(max(0.05, confidence * est.confidence), 3)
    return est


def _estimate(days: list[dt.date], today: dt.date) -> DateEstimate:
    lo, hi = days[0], days[-1]
    full_span = lo == EPOCH and hi == today and len(days) == (today - EPOCH).days + 1
    iso = [_fmt(d) for d in days] if len(days) <= 12 else [_fmt(lo), _fmt(hi)]
    if len(days) == 1:
        return DateEstimate(
            iso[0],
            "day",
            "inferred",
            1.0,
            [f"That leaves one day: {iso[0]}."],
            earliest=iso[0],
            latest=iso[0],
        )
    if full_span:
        return DateEstimate(
            None, "unknown", NO_DATE_BASIS, 0.0, ["The clues do not narrow the date down."]
        )
    cands = iso if len(days) <= 12 else []
    y, w, _ = lo.isocalendar()
    if (hi - lo).days < 7 and hi.isocalendar()[:2] == (y, w):
        value, precision, conf = f"{y:04d}-W{w:02d}", "week", 0.9
    elif (lo.year, lo.month) == (hi.year, hi.month):
        value, precision, conf = f"{lo.year:04d}-{lo.month:02d}", "month", 0.85
    elif lo.year == hi.year:
        value, precision, conf = f"{lo.year:04d}", "year", 0.7
    else:
        if not cands:
            years = sorted({d.year for d in days})
            cands = [str(y) for y in years] if len(years) <= 12 else []
        why = f"The clues leave {len(days)} possible days from {iso[0]} to {iso[-1]}" + (
            f": {', '.join(cands)}." if cands else "."
        )
        return DateEstimate(
            None,
            "unknown",
            "inferred",
            0.5,
            [why],
            earliest=iso[0],
            latest=iso[-1],
            candidates=cands,
        )
    why = f"That leaves {len(days)} possible days from {iso[0]} to {iso[-1]}, all in {value}."
    return DateEstimate(
        value, precision, "inferred", conf, [why], earliest=iso[0], latest=iso[-1], candidates=cands
    )  # type: ignore[arg-type]


def representative_day(est: DateEstimate) -> str | None:
    """The day to re-anchor relative expressions against: the day itself, else the first
    candidate (the caller coarsens what comes out to the estimate's precision)."""
    if est.value and est.precision == "day":
        return est.value
    if est.candidates and re.fullmatch(r"\d{4}-\d{2}-\d{2}", est.candidates[0]) and est.value:
        return est.candidates[0]
    if est.value and est.earliest:
        return est.earliest
    return None
