"""Dating clues found in the document itself: a partial date, the weekday of the news,
relative expressions said of the same thing, dated past events, version time stamps.

``dateline.link.dating`` is the stage's entry point; it re-exports every clue.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dateline.link.isodates import interval
from dateline.link.names import content_words
from dateline.link.solve import (
    _DCT_M,
    _DCT_Y,
    _MON_SYM,
    _REPORTING,
    EPOCH,
    MONTHS,
    WEEKDAYS,
    Constraint,
    _bare_weekday,
    _fmt,
    _sentence_index,
    _sentence_of,
    _sentence_start,
)
from dateline.models import Annotation, Document, Evidence, TimeExpression


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
    # the weekday an event is told on: a plan's or a called-off plan's day is not the news
    # day, a happened event's day in the lead is the best peg there is
    told: dict[tuple[int, int], set[str]] = {}
    for ev in ann.events:
        if ev.time is not None:
            told.setdefault((ev.time.start, ev.time.end), set()).add(ev.status)
    for t in sorted(ann.times, key=lambda x: x.start):
        wd = _bare_weekday(t)
        if wd is None or wd in seen:
            continue
        statuses = told.get((t.start, t.end), set())
        if statuses and not statuses & {"happened", "ongoing"}:
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
        # rank: a lead weekday of a reported happening, then a reporting verb's weekday,
        # then a lead weekday of nothing in particular (often a background detail)
        rank = 0 if lead and statuses else (1 if reporting else 2)
        ev = _sentence_of(ann, doc, t.start, t.end, doc.id)
        c = Constraint(
            (0.76, 0.75, 0.7)[rank],
            lambda d, wd=wd: d.weekday() == wd,
            f"'{t.text}' with {cue} tells the day of the news, so the document was "
            f"published on a {WEEKDAYS[wd]}.",
            [ev],
            describe=_describe_weekday(doc, wd),
        )
        found.append((rank, t.start, c))
    # the lead's news peg comes first, as "X said on Monday" deeper down is often a day or
    # two back; a runner-up is kept (weaker) for when stronger clues rule the first out,
    # and is set aside by the solver when the first stands
    out = [c for _, _, c in sorted(found, key=lambda x: (x[0], x[1]))]
    return out[:2]


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


def relative_pair_clues(doc: Document, ann: Annotation) -> list[Constraint]:
    """A named month and "last month" said of the same thing give the month of writing.

    Two expressions are taken to be about the same thing when the words around them share
    at least two content words ("strategies released in mid-December" / "strategies adopted
    last month"). The same works for a named year and "last year".
    """
    # Two expressions in one sentence are two times ("had the sale gone through last year,
    # the jets would have been delivered by 2011"): their shared words show nothing.
    sentence_of = {id(t): _sentence_index(ann, t.start) for t in ann.times}

    def apart(a: TimeExpression, b: TimeExpression) -> bool:
        return sentence_of[id(a)] != sentence_of[id(b)]

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
            if not apart(t1, t2):
                continue
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
            if len(common) >= 2 and apart(t1, t2):
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
