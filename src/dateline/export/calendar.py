"""iCalendar export of planned events (and planned events that were called off).

Dates are all-day: a day-precision event is one day, a month- or week-precision one spans its
month or week, so a calendar shows how well the date is known. The output is deterministic
(DTSTAMP comes from the sources, not the clock) so re-exporting changes nothing.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from icalendar import Event as IcsEvent

from dateline.models import LinkedEvent
from dateline.store.base import EventFilter, Store
from dateline.web.text import date_span

CALENDAR_STATUSES = {"planned": "TENTATIVE", "ongoing": "CONFIRMED", "cancelled": "CANCELLED"}


def _is_future_plan(ev: LinkedEvent) -> bool:
    # "cancelled" is kept only where it was a plan: users subscribed to the calendar should
    # see the meeting they noted disappear, not every negated past event.
    return ev.status in ("planned", "cancelled")


def render_ics(store: Store, flt: EventFilter | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//dateline//planned events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "dateline: planned events")
    for ev in store.linked_events(flt):
        if not _is_future_plan(ev):
            continue
        span = date_span(ev.date, ev.precision)
        if span is None:
            continue
        start = dt.date.fromisoformat(span[0])
        end = dt.date.fromisoformat(span[1]) + dt.timedelta(days=1)
        item = IcsEvent()
        item.add("uid", f"{ev.id}@dateline")
        item.add("summary", ev.label)
        item.add("dtstart", start)
        item.add("dtend", end)
        stamp = max((s.date for s in ev.sources if s.date and len(s.date) == 10), default=None)
        item.add("dtstamp", dt.datetime.fromisoformat((stamp or span[0]) + "T00:00:00+00:00"))
        item.add("status", CALENDAR_STATUSES.get(ev.status, "TENTATIVE"))
        if ev.place:
            item.add("location", ev.place)
        lines = [
            f"Status: {ev.status}; date known to the {ev.precision}: {ev.date}",
            "Participants: "
            + ", ".join(p.name + (f" ({p.role})" if p.role else "") for p in ev.participants),
        ]
        for s in ev.sources:
            doc = store.get_document(s.document)
            name = s.outlet or (doc.outlet or doc.title if doc else None) or s.document
            for e in s.evidence[:1]:
                lines.append(f"Source {name}: {' '.join(e.sentence.split())}")
            if doc and doc.url:
                lines.append(doc.url)
        item.add("description", "\n".join(lines))
        item.add("categories", [ev.plover or ev.type])
        cal.add_component(item)
    return cal.to_ical()
