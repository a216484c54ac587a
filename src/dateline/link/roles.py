"""Role history: who held which office when, as seen in the documents and known from the
knowledge file (for the people the corpus names)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from dateline.link.isodates import interval
from dateline.link.names import country_key, office_family
from dateline.link.people import PersonIndex, is_resolved
from dateline.link.tenures import person_spells
from dateline.models import Annotation, DateEstimate, RoleSpell

_FORMER = ("former", "ex-", "late ", "then-", "outgoing")


def role_sightings(
    annotations: dict[str, Annotation],
    dates: dict[str, DateEstimate | None],
    people: PersonIndex,
) -> list[tuple[str, str, str, str, str | None, str]]:
    """(person key, office family, country key, office as written, country, date, doc)
    minus the family/country split: every role a dated document shows, with its date."""
    out = []
    for doc_id in sorted(annotations):
        ann = annotations[doc_id]
        est = dates.get(doc_id)
        doc_date = est.value if est is not None and est.value else None
        for r in ann.roles:
            if any(f in (r.surface or "").lower() for f in _FORMER):
                continue
            key = people.key(r.person, doc_id, r.country)
            if not is_resolved(key):
                continue
            when = doc_date or r.as_of
            if not when:
                continue
            out.append((key, r.office, r.country or "", when, r.country, doc_id))
    return out  # type: ignore[return-value]


def observations(
    annotations: dict[str, Annotation],
    dates: dict[str, DateEstimate | None],
    people: PersonIndex,
) -> dict[tuple[str, str, str], list[tuple[dt.date, str]]]:
    """(person, office family, country) -> days a day-dated document shows them in office."""
    obs: dict[tuple[str, str, str], list[tuple[dt.date, str]]] = defaultdict(list)
    for key, office, _c, when, country, doc in role_sightings(annotations, dates, people):
        iv = interval(when)
        if iv and iv[0] == iv[1]:
            obs[(key, office_family(office), country_key(country))].append((iv[0], doc))
    return {k: sorted(v) for k, v in obs.items()}


def role_history(
    annotations: dict[str, Annotation],
    dates: dict[str, DateEstimate | None],
    people: PersonIndex,
    knowledge: object | None,
) -> list[RoleSpell]:
    groups: dict[tuple[str, str, str], list[tuple[str, str, str | None, str]]] = defaultdict(list)
    for key, office, _c, when, country, doc in role_sightings(annotations, dates, people):
        groups[(key, office_family(office), country_key(country))].append(
            (when, office, country, doc)
        )
    # an office seen without its country ("the foreign minister") is the one country's
    # office the corpus shows that person holding, when there is exactly one
    for key, fam, ck in sorted(groups):
        if ck:
            continue
        homes = [g for g in groups if g[0] == key and g[1] == fam and g[2]]
        if len(homes) == 1:
            groups[homes[0]] += groups.pop((key, fam, ck))
    spells: list[RoleSpell] = []
    for (key, _fam, _ck), seen in sorted(groups.items()):
        offices = Counter(o for _, o, _, _ in seen)
        office = sorted(offices.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
        countries = Counter(c for _, _, c, _ in seen if c)
        country = (
            sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if countries else None
        )
        ivs = [(interval(w), w) for w, _, _, _ in seen]
        ivs = [(iv, w) for iv, w in ivs if iv]
        first = min(ivs, key=lambda x: (x[0][0], x[0][1]))[1] if ivs else None
        last = max(ivs, key=lambda x: (x[0][1], x[0][0]))[1] if ivs else None
        spells.append(
            RoleSpell(
                person=people.name(key),
                office=office,
                country=country,
                first_seen=first,
                last_seen=last,
                documents=sorted({d for _, _, _, d in seen}),
                origin="corpus",
            )
        )
    if knowledge is not None:
        names = sorted({people.name(k) for k in people.display})
        for name in names:
            for s in person_spells(knowledge, name):
                spells.append(
                    RoleSpell(
                        person=name,
                        office=s.office,
                        country=s.country,
                        first_seen=s.start,
                        last_seen=s.end,
                        documents=[],
                        origin="knowledge",
                    )
                )
    spells.sort(key=lambda r: (r.person, r.first_seen or "", r.origin, r.office))
    return spells
