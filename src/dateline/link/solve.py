"""Constraints on a publication date and how they are intersected.

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

from dateline.link.match import Prepared
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
