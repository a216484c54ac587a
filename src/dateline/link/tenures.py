"""Reading office tenures from a ``dateline.knowledge.Knowledge`` without depending on its
internals: a tenure is anything with person, office, country, start and end attributes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dateline.link.isodates import interval
from dateline.link.names import country_key, office_family


@dataclass(frozen=True)
class Spell:
    person: str
    office: str
    country: str | None
    start: str | None
    end: str | None
    source: str | None = None

    def span(self, today: dt.date) -> tuple[dt.date, dt.date]:
        lo = interval(self.start)
        hi = interval(self.end)
        return (lo[0] if lo else dt.date(1900, 1, 1), hi[1] if hi else today)


def _get(obj: Any, *names: str) -> Any:
    for n in names:
        if isinstance(obj, dict) and n in obj:
            return obj[n]
        if hasattr(obj, n):
            return getattr(obj, n)
    return None


def _iso(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def as_spell(t: Any) -> Spell:
    return Spell(
        person=str(_get(t, "person", "name", "holder") or ""),
        office=str(_get(t, "office", "role", "position") or ""),
        country=_get(t, "country", "state"),
        start=_iso(_get(t, "start", "began", "start_date", "from_date", "since")),
        end=_iso(_get(t, "end", "ended", "end_date", "to_date", "until")),
        source=_get(t, "source", "url", "reference"),
    )


def person_spells(knowledge: Any, person: str) -> list[Spell]:
    """Every known tenure of ``person``."""
    if knowledge is None or not person:
        return []
    key = (id(knowledge), person)
    if _CACHE.get("owner") is not knowledge:  # a new knowledge object: forget the old answers
        _CACHE.clear()
        _CACHE["owner"] = knowledge
    if key not in _CACHE:
        try:
            raw = knowledge.tenures(person) or []
        except Exception:  # a user-supplied knowledge object must not break linking
            raw = []
        # name matching (nicknames, aliases) is the knowledge object's job
        spells = [as_spell(t) for t in raw]
        _CACHE[key] = sorted(spells, key=lambda s: (s.start or "", s.office, s.country or ""))
    return list(_CACHE[key])


_CACHE: dict[Any, Any] = {}


def matching(spells: list[Spell], office: str, country: str | None) -> list[Spell]:
    fam, ck = office_family(office), country_key(country)
    return [
        s
        for s in spells
        if office_family(s.office) == fam
        and (not ck or not s.country or country_key(s.country) == ck)
    ]
