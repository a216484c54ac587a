"""Issue 4 acceptance on the seed captures: ingest -> clean -> understand -> link with the
default knowledge file and no dates supplied. Skips until every stage is importable."""

from __future__ import annotations

from typing import Any

import pytest

from dateline.link.isodates import interval
from dateline.link.match import type_group


@pytest.fixture(scope="module")
def linked(seeds_dir) -> tuple[Any, dict[str, str]]:
    ingest = pytest.importorskip("dateline.ingest")
    clean = pytest.importorskip("dateline.clean")
    understand = pytest.importorskip("dateline.understand")
    knowledge = pytest.importorskip("dateline.knowledge")
    link = pytest.importorskip("dateline.link")
    docs = [d for cap in ingest.read_paths([seeds_dir]) for d in clean.documents_from_capture(cap)]
    anns = {d.id: understand.annotate(d) for d in docs}
    result = link.link_corpus(docs, anns, knowledge.Knowledge.load(), understand.reanchor)
    result_docs = {d.name: d for d in docs}
    return result, result_docs


def _date_of(result, d) -> str | None:
    if d.published is not None and d.published.value:
        return d.published.value
    est = result.dates.get(d.id)
    return est.value if est else None


def _inside(value: str | None, lo: str, hi: str) -> bool:
    iv = interval(value)
    return bool(iv) and lo <= iv[0].isoformat() and iv[1].isoformat() <= hi


def test_every_seed_is_dated_inside_its_gold_range(linked, gold):
    result, docs = linked
    for name, g in gold["documents"].items():
        d = docs[name]
        value = _date_of(result, d)
        lo, hi = g["accept"]
        if value is None and name not in ("000_ae85d146ed43b62a.txt", "004_9c6cc9a4abd8fbcc.txt"):
            est = result.dates.get(d.id)  # undecidable is allowed: then a range with reasons
            assert est is not None and est.reasons
            continue
        assert _inside(value, lo, hi), (name, value, g["accept"])
        if d.id in result.dates:
            assert result.dates[d.id].reasons and result.dates[d.id].basis == "inferred"


def test_000_and_004_are_dated_to_the_day(linked):
    result, docs = linked
    for name in ("000_ae85d146ed43b62a.txt", "004_9c6cc9a4abd8fbcc.txt"):
        est = result.dates[docs[name].id]
        assert est.precision == "day" and est.value


def test_003_is_dated_to_january_2023_through_office_holders(linked):
    result, docs = linked
    est = result.dates[docs["003_ffa0d745df750192.txt"].id]
    assert _inside(est.value, "2023-01-01", "2023-01-31")
    assert any("Hamada" in r for r in est.reasons)
    dated = [
        e
        for e in result.events
        if any(s.document == docs["003_ffa0d745df750192.txt"].id for s in e.sources) and e.date
    ]
    washington = [e for e in dated if e.place == "Washington"]
    assert washington and all(_inside(e.date, "2023-01-01", "2023-01-31") for e in washington)


def _matches(ev, g, docs) -> bool:
    if type_group(ev.type, ev.plover) != type_group(g["kind"], ""):
        return False
    sources = {s.document for s in ev.sources}
    if not {docs[n].id for n in g["sources"]} <= sources:
        return False
    people = {p.name for p in ev.participants if p.kind == "person"}
    want = set(g["participants"])
    if want and len(people & want) / len(people | want) <= 0.5:
        return False
    iv, gv = interval(ev.date), interval(g["date"])
    return bool(iv and gv and iv[0] <= gv[1] and gv[0] <= iv[1])


def test_timeline_lists_every_must_event_once_in_date_order(linked, gold):
    result, docs = linked
    for g in gold["events"]:
        if g["must"]:
            found = [e for e in result.events if _matches(e, g, docs)]
            assert len(found) == 1, (g["id"], [(e.label, e.date) for e in found])
            assert found[0].sources
    starts = [interval(e.date)[0] for e in result.events if interval(e.date)]
    assert starts == sorted(starts)


def test_tokyo_2013_two_plus_two_is_one_event_with_four_participants(linked):
    result, docs = linked
    a, b = docs["000_ae85d146ed43b62a.txt"].id, docs["002_207b1119a36f4e11.txt"].id
    both = [e for e in result.events if {a, b} <= {s.document for s in e.sources}]
    assert len(both) == 1
    names = {p.name for p in both[0].participants}
    assert {"John Kerry", "Chuck Hagel", "Fumio Kishida", "Itsunori Onodera"} <= names
    assert both[0].date == "2013-10-03" and both[0].merge_reasons


def test_kishida_role_history_shows_both_offices(linked):
    result, _ = linked
    spells = [r for r in result.roles if r.person == "Fumio Kishida" and r.origin == "corpus"]
    offices = {r.office: r for r in spells}
    assert offices["Minister for Foreign Affairs"].first_seen.startswith("2013-10")
    pm = offices["Prime Minister"]
    assert pm.first_seen == "2022-01-07" and pm.last_seen.startswith("2023-01")


def test_seeds_form_one_story_named_after_its_countries(linked):
    result, docs = linked
    story = next(s for s in result.stories if docs["000_ae85d146ed43b62a.txt"].id in s.documents)
    assert len(story.documents) == 5
    assert "Japan" in story.name and "United States" in story.name
