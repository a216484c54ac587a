"""Timelines cut out of a link result: by story, person, place or a text query."""

from __future__ import annotations

from dateline.link.corpus import LinkResult
from dateline.link.names import fold, same_person
from dateline.models import LinkedEvent


def _text(ev: LinkedEvent) -> str:
    parts = [ev.label, ev.type, ev.plover, ev.place or "", ev.status, ev.mode]
    parts += [p.name for p in ev.participants] + [p.role or "" for p in ev.participants]
    return fold(" ".join(parts))


def timeline(
    result: LinkResult,
    story: str | None = None,
    person: str | None = None,
    place: str | None = None,
    query: str | None = None,
) -> list[LinkedEvent]:
    """Events in date order (undated last) that match every filter given.

    ``story`` is a story id (or its prefix) or words of its name; ``person`` matches a
    participant by name (a bare surname matches every person with it); ``place`` matches
    the event's place; ``query`` needs every one of its words in the event's text.
    """
    events = list(result.events)
    if story:
        wanted = {
            s.id for s in result.stories if s.id.startswith(story) or fold(story) in fold(s.name)
        }
        events = [e for e in events if wanted & set(e.stories)]
    if person:
        events = [
            e
            for e in events
            if any(p.kind == "person" and _person_matches(person, p.name) for p in e.participants)
        ]
    if place:
        key = fold(place)
        events = [e for e in events if e.place and key in fold(e.place)]
    if query:
        words = fold(query).split()
        events = [e for e in events if all(w in _text(e) for w in words)]
    return events


def _person_matches(query: str, name: str) -> bool:
    if len(fold(query).split()) == 1:
        return fold(name).split()[-1:] == fold(query).split()
    return same_person(query, name)
