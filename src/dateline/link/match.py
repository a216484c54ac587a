"""Comparing two events told by different documents: type, people, place, date.

The same comparison serves event coreference (``coref``) and dating by shared events
(``dating``); the decision rules live here so both stages agree on what "same happening"
means and can say why in one sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dateline.link.isodates import interval
from dateline.link.names import content_words, fold, is_country
from dateline.link.people import PersonIndex, is_resolved
from dateline.models import Event

# Types that can name the same happening ("talks" in one outlet, "meeting" in another).
TYPE_GROUPS = [
    {"meeting", "talks", "summit", "consult", "consultation", "conference", "negotiation",
     "dialogue", "session", "visit"},
    {"call", "phone call", "telephone call", "videoconference"},
    {"agreement", "deal", "treaty", "signing", "accord"},
    {"attack", "strike", "bombing", "shelling", "assault"},
    {"election", "vote", "referendum", "ballot"},
    {"cancellation", "cancel", "postponement"},
]  # fmt: skip


CALL_GROUP = "g1"  # TYPE_GROUPS[1]


def type_group(ev_type: str, plover: str) -> str:
    """A key that is equal for event types that can name the same happening."""
    t = (ev_type or "").lower().strip()
    for cand in (t, t[:-1] if t.endswith("s") else t):  # "negotiations" -> "negotiation"
        for i, group in enumerate(TYPE_GROUPS):
            if cand in group:
                return f"g{i}"
    if (plover or "").upper() == "CONSULT":  # any consultation is a meeting of some kind
        return "g0"
    if t in ("", "other", "event", "unknown"):
        return f"p:{(plover or '').upper()}" if plover else "other"
    return t


def place_key(place: str | None) -> str:
    if not place:
        return ""
    p = fold(place)
    for prefix in ("the ", "in ", "at "):
        if p.startswith(prefix):
            p = p[len(prefix) :]
    return p


@dataclass
class Prepared:
    event: Event
    doc: str
    date: str | None
    precision: str
    group: str
    place: str
    persons: frozenset[str]
    others: frozenset[str]
    words: frozenset[str] = field(default_factory=frozenset)
    doc_date: str | None = None  # the telling document's date: bounds an undated event

    resolved_persons: frozenset[str] = frozenset()  # persons with a corpus-wide key
    interval: tuple[dt.date, dt.date] | None = None


def prepare(ev: Event, people: PersonIndex, doc_date: str | None = None) -> Prepared:
    persons = set()
    others = set()
    for p in ev.participants:
        if p.kind == "person":
            country = None
            if p.role and " of " in p.role:
                country = p.role.rsplit(" of ", 1)[1]
            persons.add(people.key(p.name, ev.document, country))
        else:
            others.add(fold(p.name))
    return Prepared(
        event=ev,
        doc=ev.document,
        date=ev.date,
        precision=ev.precision if ev.date else "unknown",
        group=type_group(ev.type, ev.plover),
        place=place_key(ev.place),
        persons=frozenset(persons),
        others=frozenset(o for o in others if o),
        words=frozenset(content_words(f"{ev.label} {ev.trigger}")),
        doc_date=doc_date,
        resolved_persons=frozenset(p for p in persons if is_resolved(p)),
        interval=interval(ev.date),
    )


def window(p: Prepared) -> tuple[dt.date, dt.date] | None:
    """Days the event can be on: its date, else around its document's date by its status
    (a past event told in a document of day D happened in the month before D; a plan
    within the year after; a cancelled one on either side)."""
    iv = interval(p.date)
    if iv:
        return iv
    dv = interval(p.doc_date)
    if not dv:
        return None
    day = dt.timedelta(days=1)
    status = p.event.status
    if status in ("happened", "ongoing", "negated"):
        return dv[0] - 31 * day, dv[1] + day
    # a cancelled event keeps the day it was planned for, which is often still ahead
    if status == "planned":
        return dv[0] - day, dv[1] + 366 * day
    return dv[0] - 31 * day, dv[1] + 366 * day


@dataclass
class Verdict:
    same: bool
    score: float
    reason: str
    date_conflict: bool = False
    place_conflict: bool = False


def _names(keys: set[str] | frozenset[str], people: PersonIndex) -> str:
    return ", ".join(sorted(people.name(k) for k in keys))


def compare(a: Prepared, b: Prepared, people: PersonIndex, use_dates: bool = True) -> Verdict:
    """Whether two events are one happening, with a score and the reason in words."""
    if a.group != b.group:
        return Verdict(False, 0.0, f"different kinds of event ({a.event.type} / {b.event.type})")
    if use_dates and (stale := _plan_after_outcome(a, b) or _plan_after_outcome(b, a)):
        return Verdict(False, 0.0, stale)
    shared = a.resolved_persons & b.resolved_persons
    shared_others = a.others & b.others
    if not shared and not (shared_others and not a.persons and not b.persons):
        return _NOTHING
    gap = _gap(a.interval, b.interval) if use_dates else None
    both_day = a.precision == "day" and b.precision == "day"
    if a.place and b.place:
        if a.place == b.place or a.place in b.place or b.place in a.place:
            place_state = "same"
        elif is_country(a.place) or is_country(b.place):
            place_state = "unknown"
        else:
            place_state = "differ"
    else:
        place_state = "unknown"
    kind = (
        f"both {a.event.type}" if a.event.type == b.event.type else f"{a.event.type}/{b.event.type}"
    )
    bits = [kind]
    if shared:
        bits.append(f"shared participants {_names(shared, people)}")
    if place_state == "same":
        bits.append(f"same place ({a.event.place})")
    if gap == 0:
        bits.append(
            f"dates agree ({a.date} / {b.date})" if a.date != b.date else f"same date {a.date}"
        )

    union = len(a.resolved_persons | b.resolved_persons) or 1
    score = len(shared) / union + (0.3 if place_state == "same" else 0.0)
    score += 0.2 if (gap == 0 and both_day) else 0.0
    score += 0.1 * len(a.words & b.words) / max(1, len(a.words | b.words))

    if use_dates and gap is not None and gap > (2 if both_day else 0):
        return Verdict(False, 0.0, f"dates too far apart ({a.date} / {b.date}, {gap} days)")
    plausible = False
    if use_dates and gap is None:
        wa, wb = window(a), window(b)
        if wa and wb:
            if wa[0] > wb[1] or wb[0] > wa[1]:
                return Verdict(
                    False, 0.0, "one is undated and the documents' dates rule out the other's date"
                )
            plausible = True
            bits.append("the undated telling fits the date by its document's date and tense")
    if len(shared) >= 2:
        if gap == 0 or not use_dates:
            if place_state == "differ" and not both_day:
                return Verdict(False, 0.0, f"different places ({a.event.place} / {b.event.place})")
            return Verdict(True, score, "; ".join(bits), place_conflict=place_state == "differ")
        if gap is not None and place_state == "same":  # 1-2 days apart: time zones, late copy
            bits.append(f"dates {a.date} / {b.date} differ by {gap} day(s), kept as a conflict")
            return Verdict(True, score - 0.2, "; ".join(bits), date_conflict=True)
        if plausible and (place_state == "same" or (len(shared) >= 3 and place_state != "differ")):
            return Verdict(True, score - 0.1, "; ".join(bits))
        # a call has no place to confirm it: the very same people on a call, one telling
        # undated but placed by its document in the other's window, is that call (a meeting
        # still needs the place or a third name)
        if (
            plausible
            and a.group == CALL_GROUP
            and place_state != "differ"
            and a.resolved_persons == b.resolved_persons
        ):
            bits.append("a call between the same people, one telling undated")
            return Verdict(True, score - 0.15, "; ".join(bits))
        if gap is None and len(shared) >= 3 and place_state == "same":
            bits.append("one side undated, but three or more participants and the place agree")
            return Verdict(True, score - 0.2, "; ".join(bits))
        return Verdict(False, 0.0, "shared participants, but the date or place cannot confirm it")
    if len(shared) == 1:
        alone = len(a.resolved_persons) == 1 and len(b.resolved_persons) == 1
        # one side tells only the shared person (the other may name a companion)
        subset = len(a.resolved_persons) == 1 or len(b.resolved_persons) == 1
        if alone and both_day and gap == 0 and place_state == "same":
            return Verdict(True, score, "; ".join(bits))
        # the same person's only act of one kind on one day ("sworn in" told twice): with
        # no place on either side the exact type has to agree
        same_type = (a.event.type or "").lower() == (b.event.type or "").lower()
        if alone and both_day and gap == 0 and place_state == "unknown" and same_type:
            bits.append("the only participant and the day agree, and no place is given")
            return Verdict(True, score - 0.1, "; ".join(bits))
        # a cancellation is of the plan it calls off: the same person's planned event of
        # that kind whose date the cancelled one can be on; two tellings of a cancelled
        # trip to one place are one call-off
        statuses = {a.event.status, b.event.status}
        if (
            subset
            and (
                (statuses == {"planned", "cancelled"} and place_state != "differ")
                or (statuses == {"cancelled"} and place_state == "same")
            )
            and (gap == 0 or plausible)
        ):
            bits.append(
                "a plan and its cancellation, by the same person"
                if len(statuses) == 2
                else "the same person's cancelled plan"
            )
            return Verdict(True, score - 0.1, "; ".join(bits))
        return Verdict(False, 0.0, f"only one shared participant ({_names(shared, people)})")
    if not a.persons and not b.persons and len(shared_others) >= 1:
        label_sim = len(a.words & b.words) / max(1, len(a.words | b.words))
        if both_day and gap == 0 and (place_state == "same" or label_sim >= 0.5):
            bits.append(f"shared actors {', '.join(sorted(shared_others))}")
            return Verdict(True, score + label_sim, "; ".join(bits))
    return Verdict(False, 0.0, "no participant in common")


_NOTHING = Verdict(False, 0.0, "no participant in common")


def _plan_after_outcome(plan: Prepared, other: Prepared) -> str:
    """A document that still tells a plan after the other telling's happening was over
    speaks of another occasion (the next round), whatever its date says."""
    if plan.event.status != "planned" or other.event.status not in ("happened", "ongoing"):
        return ""
    told = interval(plan.doc_date)
    over = other.interval or interval(other.doc_date)
    if not told or not over or told[0] <= over[1] + dt.timedelta(days=1):
        return ""
    return (
        f"one is told as a plan on {plan.doc_date}, after the other had happened "
        f"({other.date or 'by ' + str(other.doc_date)})"
    )


def _gap(ia: tuple[dt.date, dt.date] | None, ib: tuple[dt.date, dt.date] | None) -> int | None:
    if not ia or not ib:
        return None
    if ia[0] <= ib[1] and ib[0] <= ia[1]:
        return 0
    return min(abs((ia[0] - ib[1]).days), abs((ib[0] - ia[1]).days))


def weekday_of(value: str | None) -> int | None:
    iv = interval(value)
    if iv and iv[0] == iv[1]:
        return iv[0].weekday()
    return None
