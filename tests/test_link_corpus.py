"""Role history, stories, timelines by story/person/place/text, incremental linking, and
determinism, over a small fictional corpus with two story threads and a stray capture."""

from __future__ import annotations

import random

from dateline.link import LinkResult, link_corpus, link_incremental, timeline
from test_link_support import AnnBuilder, FakeKnowledge, Tenure, doc, fake_reanchor

KNOWLEDGE = FakeKnowledge(
    [
        Tenure("Ken Sato", "Minister for Foreign Affairs", "Japan", "2017-08-03", "2019-09-11"),
        Tenure("Ken Sato", "Prime Minister", "Japan", "2021-10-04", None),
    ]
)


def _g(doc_id, published, body, roles, phrase, ev_type, people, place, value, **kw):
    d = doc(doc_id, body, published)
    b = AnnBuilder(d)
    for person, office, country, surface in roles:
        b.role(person, office, country, surface)
    t = b.time(value, None, value)
    b.event(phrase, ev_type, people, place=place, time=t, **kw)
    return d, b.ann


def corpus() -> list[tuple]:
    sato_fm = ("Ken Sato", "Minister for Foreign Affairs", "Japan", "Foreign Minister")
    sato_pm = ("Ken Sato", "Prime Minister", "Japan", "Prime Minister")
    ruiz = ("Ana Ruiz", "Minister for Foreign Affairs", "Spain", "Foreign Minister")
    okafor = ("Daniel Okafor", "Minister of Trade", "Nigeria", "Trade Minister")
    brandt = ("Lena Brandt", "Minister of Economy", "Germany", "Economy Minister")
    return [
        _g(
            "g1",
            "2018-09-20",
            "GENEVA - Foreign Minister Ken Sato and Foreign Minister Ana Ruiz "
            "met in Geneva on 2018-09-19 to discuss fishing rights and a shipping accord.",
            [sato_fm, ruiz],
            "met in Geneva",
            "meeting",
            ["Ken Sato", "Ana Ruiz"],
            "Geneva",
            "2018-09-19",
        ),
        _g(
            "g2",
            "2022-01-08",
            "Prime Minister Ken Sato held video talks with Foreign Minister "
            "Ana Ruiz on 2022-01-07 about fishing rights and the shipping accord.",
            [sato_pm, ruiz],
            "held video talks",
            "talks",
            ["Ken Sato", "Ana Ruiz"],
            None,
            "2022-01-07",
            mode="virtual",
        ),
        _g(
            "g3",
            "2023-01-06",
            "Madrid, 6 January 2023 - Prime Minister Ken Sato will visit Madrid "
            "on 2023-01-20 to sign the shipping accord with Ana Ruiz, officials said.",
            [sato_pm, ruiz],
            "will visit Madrid",
            "visit",
            ["Ken Sato", "Ana Ruiz"],
            "Madrid",
            "2023-01-20",
            status="planned",
        ),
        _g(
            "l1",
            "2021-03-04",
            "LAGOS - Trade Minister Daniel Okafor and Economy Minister Lena "
            "Brandt opened a trade fair in Lagos on 2021-03-03 with a pledge on cocoa tariffs.",
            [okafor, brandt],
            "opened a trade fair",
            "meeting",
            ["Daniel Okafor", "Lena Brandt"],
            "Lagos",
            "2021-03-03",
        ),
        _g(
            "l2",
            "2021-06-11",
            "Daniel Okafor and Lena Brandt signed the cocoa tariff pact in "
            "Berlin on 2021-06-10, weeks after the Lagos trade fair.",
            [okafor, brandt],
            "signed the cocoa",
            "agreement",
            ["Daniel Okafor", "Lena Brandt"],
            "Berlin",
            "2021-06-10",
        ),
        (
            doc(
                "cats",
                "The Leeds cat show drew record crowds on Sunday; a Persian called Biscuit "
                "won best in show, organisers said.",
                "2019-11-04",
            ),
            None,
        ),
    ]


def _run(pairs, knowledge=KNOWLEDGE) -> LinkResult:
    docs = [d for d, _ in pairs]
    anns = {d.id: (a if a is not None else AnnBuilder(d).ann) for d, a in pairs}
    return link_corpus(docs, anns, knowledge, fake_reanchor)


def test_role_history_shows_each_office_with_first_and_last_seen():
    res = _run(corpus())
    spells = [r for r in res.roles if r.person == "Ken Sato" and r.origin == "corpus"]
    got = {(r.office, r.first_seen, r.last_seen) for r in spells}
    assert got == {
        ("Minister for Foreign Affairs", "2018-09-20", "2018-09-20"),
        ("Prime Minister", "2022-01-08", "2023-01-06"),
    }
    assert next(r for r in spells if r.office == "Prime Minister").documents == ["g2", "g3"]
    known = [r for r in res.roles if r.person == "Ken Sato" and r.origin == "knowledge"]
    assert {(r.office, r.first_seen) for r in known} == {
        ("Minister for Foreign Affairs", "2017-08-03"),
        ("Prime Minister", "2021-10-04"),
    }


def test_stories_follow_shared_people_across_years_and_a_stray_capture_stays_alone():
    res = _run(corpus())
    by_docs = {tuple(s.documents): s for s in res.stories}
    assert set(by_docs) == {("g1", "g2", "g3"), ("l1", "l2"), ("cats",)}
    sato = by_docs[("g1", "g2", "g3")]
    assert "Japan" in sato.name and "Spain" in sato.name
    assert (sato.start, sato.end) == ("2018-09-19", "2023-01-20")
    assert len(sato.events) == 3
    assert by_docs[("cats",)].events == []
    for ev in res.events:
        assert len(ev.stories) == 1


def test_timeline_by_story_person_place_and_text():
    res = _run(corpus())
    story = next(s for s in res.stories if "g1" in s.documents)
    assert [e.date for e in timeline(res, story=story.id)] == [
        "2018-09-19",
        "2022-01-07",
        "2023-01-20",
    ]
    assert [e.date for e in timeline(res, person="Sato")] == [
        "2018-09-19",
        "2022-01-07",
        "2023-01-20",
    ]
    assert [e.date for e in timeline(res, person="Lena Brandt")] == ["2021-03-03", "2021-06-10"]
    assert [e.place for e in timeline(res, place="berlin")] == ["Berlin"]
    assert [e.type for e in timeline(res, query="Okafor agreement")] == ["agreement"]
    assert timeline(res, person="Grace Okafor") == []


def test_link_is_deterministic_whatever_the_input_order():
    pairs = corpus()
    first = _run(pairs).answer()
    shuffled = list(pairs)
    random.Random(4).shuffle(shuffled)
    assert _run(shuffled).answer() == first


def test_incremental_linking_equals_a_fresh_build_and_reuses_untouched_components():
    pairs = corpus()
    early = [p for p in pairs if p[0].id in ("g1", "l1", "cats")]
    late = [p for p in pairs if p[0].id not in ("g1", "l1", "cats")]
    prev = _run(early)
    new_docs = [d for d, _ in late]
    new_anns = {d.id: a for d, a in late}
    inc = link_incremental(prev, new_docs, new_anns, KNOWLEDGE, fake_reanchor)
    assert inc.answer() == _run(pairs).answer()
    cats = ("cats",)
    assert inc.components[cats] is prev.components[cats]  # not re-linked
    assert inc.components[("g1", "g2", "g3")] is not None


def test_incremental_dating_of_a_late_undated_copy_matches_a_fresh_build():
    pairs = corpus()
    undated = doc("g3-copy", pairs[2][0].body)  # the same text, no date
    b = AnnBuilder(undated)
    b.role("Ken Sato", "Prime Minister", "Japan", "Prime Minister")
    b.role("Ana Ruiz", "Minister for Foreign Affairs", "Spain", "Foreign Minister")
    prev = _run(pairs)
    inc = link_incremental(prev, [undated], {undated.id: b.ann}, KNOWLEDGE, fake_reanchor)
    fresh = _run([*pairs, (undated, b.ann)])
    assert inc.answer() == fresh.answer()
    assert fresh.dates["g3-copy"].value == "2023-01-06"
    assert ["g3", "g3-copy"] in fresh.duplicates


def test_components_join_full_names_and_bare_surnames_but_not_namesakes():
    from dateline.link.corpus import components

    docs, anns = {}, {}
    for doc_id, name in (("a", "Daniel Okafor"), ("b", "Grace Okafor"), ("c", "Daniel Okafor")):
        d = doc(doc_id, f"{name} spoke.", "2021-03-04")
        docs[doc_id], anns[doc_id] = d, AnnBuilder(d).person(name).ann
    assert sorted(components(docs, anns, [])) == [("a", "c"), ("b",)]
    d = doc("x", "Okafor spoke.", "2021-03-05")
    docs["x"], anns["x"] = d, AnnBuilder(d).person("Okafor").ann
    assert components(docs, anns, []) == [("a", "b", "c", "x")]


def test_a_story_of_companies_is_named_after_them():
    pairs = []
    for doc_id, body in (
        ("m1", "Nordbank agreed on 2020-02-03 to buy Westfield Mining for 4 billion crowns."),
        ("m2", "Westfield Mining accepted a takeover by Nordbank on 2020-02-03, its board said."),
    ):
        d = doc(doc_id, body, "2020-02-04")
        b = AnnBuilder(d)
        t = b.time("2020-02-03", None, "2020-02-03")
        b.event(
            body.split()[1],
            "agreement",
            [],
            others=["Nordbank", "Westfield Mining"],
            time=t,
            label="Nordbank to buy Westfield Mining",
        )
        pairs.append((d, b.ann))
    res = _run(pairs, None)
    assert len(res.events) == 1 and len(res.stories) == 1
    assert res.stories[0].name.startswith("Nordbank – Westfield Mining")


def test_odd_annotations_do_not_break_linking():
    from dateline.models import Event, Participant, Role, TimeExpression

    d1 = doc("odd-1", "", None, partial="--02-30")
    d2 = doc("odd-2", "Mr. met nobody on a day that never was.", "2013-SU")
    d3 = doc("odd-3", "Text", None)
    a2 = AnnBuilder(d2).ann
    a2.roles.append(Role("", "", None, None))
    a2.roles.append(Role("Mr.", "former Deputy Prime Minister", "Nowhere", None))
    a2.times.append(TimeExpression("x", 0, 1, "P5Y", "year", symbolic="WEIRD(1)"))
    a2.events.append(
        Event(
            "e1",
            "odd-2",
            "",
            "",
            "",
            "",
            "uncertain",
            date="PRESENT_REF",
            participants=[Participant("", None, None, "person"), Participant(" ", kind="place")],
        )
    )
    res = link_corpus([d1, d2, d3], {"odd-2": a2, "odd-3": AnnBuilder(d3).ann}, None, None)
    assert set(res.dates) == {"odd-1", "odd-3"}
    assert res.dates["odd-1"].value is None
    assert len(res.events) == 1 and res.events[0].date == "PRESENT_REF"
