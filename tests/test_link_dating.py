"""Dating undated documents: every clue, the evidence chain, and re-anchoring."""

from __future__ import annotations

from dateline.link import link_corpus, link_incremental
from test_link_support import AnnBuilder, FakeKnowledge, Tenure, doc, fake_reanchor

QUINTELA = Tenure(
    "Marta Quintela", "Minister for Foreign Affairs", "Portugal", "2019-10-26", "2024-03-28"
)


def _wire_lisbon() -> tuple:
    d = doc(
        "lis",
        "Lisbon, 7 January (Iberia Wire) - Foreign Minister Marta Quintela met her Spanish "
        "counterpart Tomas Ferrer on Friday to discuss fishing quotas. The talks were the "
        "first since the autumn.",
        partial="--01-07",
    )
    b = AnnBuilder(d)
    b.role("Marta Quintela", "Minister for Foreign Affairs", "Portugal", "Foreign Minister")
    b.person("Tomas Ferrer", "Spain")
    t = b.time("Friday", "WD(prev,4)")
    b.event(
        "met her Spanish", "meeting", ["Marta Quintela", "Tomas Ferrer"], place="Lisbon", time=t
    )
    return d, b.ann


def test_partial_date_and_weekday_without_knowledge_gives_candidate_years():
    d, ann = _wire_lisbon()
    est = link_corpus([d], {d.id: ann}, None, fake_reanchor).dates["lis"]
    assert est.value is None
    for day in ("1994-01-07", "2000-01-07", "2005-01-07", "2011-01-07", "2022-01-07"):
        assert day in est.candidates
    assert "2001-01-07" not in est.candidates  # a Sunday
    assert any("1994, 2000, 2005, 2011 and 2022" in r for r in est.reasons)


def test_partial_date_weekday_and_office_holder_give_the_day_and_reanchor_events():
    d, ann = _wire_lisbon()
    res = link_corpus([d], {d.id: ann}, FakeKnowledge([QUINTELA]), fake_reanchor)
    est = res.dates["lis"]
    assert (est.value, est.precision, est.basis) == ("2022-01-07", "day", "inferred")
    assert any("Marta Quintela held Minister for Foreign Affairs" in r for r in est.reasons)
    assert any("7 January" in r for r in est.reasons)
    assert 0 < est.confidence < 1
    # the annotation was re-anchored: "Friday" is now a date, and so is the meeting
    assert res.annotations["lis"].events[0].date == "2022-01-07"
    assert res.events[0].date == "2022-01-07"


def test_weekday_that_contradicts_stronger_clues_is_set_aside():
    d = doc(
        "lis2",
        "Lisbon, 7 January - Foreign Minister Marta Quintela opened the conference on "
        "Thursday, officials said.",
        partial="--01-07",
    )
    b = AnnBuilder(d)
    b.role("Marta Quintela", "Minister for Foreign Affairs", "Portugal", "Foreign Minister")
    b.time("Thursday", "WD(prev,3)")
    tight = Tenure(
        "Marta Quintela", "Minister for Foreign Affairs", "Portugal", "2021-11-10", "2022-08-10"
    )
    est = link_corpus([d], {d.id: b.ann}, FakeKnowledge([tight]), fake_reanchor).dates["lis2"]
    assert est.value == "2022-01-07"  # a Friday: the Thursday clue gives way
    assert any(r.startswith("Set aside") and "Thursday" in r for r in est.reasons)


def _oslo_pair() -> tuple:
    dated = doc(
        "osl-dated",
        "OSLO — Energy ministers Ingrid Solberg and Piotr Nowicki met on Thursday in Oslo and "
        "signed a deal on a power cable.",
        "2016-05-13",
    )
    b1 = AnnBuilder(dated)
    b1.person("Ingrid Solberg", "Norway")
    b1.person("Piotr Nowicki", "Poland")
    t1 = b1.time("Thursday", "WD(prev,3)")
    b1.event(
        "met on Thursday", "meeting", ["Ingrid Solberg", "Piotr Nowicki"], place="Oslo", time=t1
    )
    undated = doc(
        "osl-undated",
        "Ingrid Solberg and Piotr Nowicki are meeting Thursday in Oslo to discuss the cable. "
        "Solberg said on Monday that a deal was close.",
    )
    b2 = AnnBuilder(undated)
    b2.person("Ingrid Solberg", "Norway")
    b2.person("Piotr Nowicki", "Poland")
    t2 = b2.time("Thursday", "WD(near,3)")
    b2.time("Monday", "WD(prev,0)")
    b2.event(
        "are meeting",
        "talks",
        ["Ingrid Solberg", "Piotr Nowicki"],
        place="Oslo",
        status="ongoing",
        time=t2,
    )
    return dated, b1.ann, undated, b2.ann


def test_event_shared_with_a_dated_document_dates_the_undated_one():
    dated, a1, undated, a2 = _oslo_pair()
    res = link_corpus([dated, undated], {dated.id: a1, undated.id: a2}, None, fake_reanchor)
    est = res.dates["osl-undated"]
    assert est.value == "2016-05-12"
    assert any("osl-dated" in r and "2016-05-12" in r for r in est.reasons)
    assert "osl-dated" not in res.dates  # documents with a date keep theirs
    merged = [e for e in res.events if len(e.sources) == 2]
    assert len(merged) == 1 and merged[0].date == "2016-05-12"


def test_relative_month_pair_and_office_holder_give_the_month():
    d = doc(
        "mehta",
        "NEW DELHI (AP) - Finance chief Arnav Mehta said on Friday that the budget rules, "
        "published in mid-March, would be reviewed. The budget rules adopted last month "
        "tighten borrowing limits for the states.",
    )
    b = AnnBuilder(d)
    b.role("Arnav Mehta", "Minister of Finance", "India", "Finance chief")
    b.time("Friday", "WD(prev,4)")
    b.time("mid-March", "MON(near,3)")
    b.time("last month", "DCT-1M")
    k = FakeKnowledge(
        [Tenure("Arnav Mehta", "Minister of Finance", "India", "2019-06-01", "2021-02-28")]
    )
    est = link_corpus([d], {d.id: b.ann}, k, fake_reanchor).dates["mehta"]
    assert (est.value, est.precision) == ("2020-04", "month")
    assert est.candidates == ["2020-04-03", "2020-04-10", "2020-04-17", "2020-04-24"]
    assert any("'mid-March' and 'last month'" in r and "April" in r for r in est.reasons)


def test_corpus_observation_overrides_the_knowledge_file_and_says_so():
    k = FakeKnowledge(
        [Tenure("Hana Novak", "Minister of Defence", "Czechia", "2015-01-01", "2017-12-31")]
    )
    seen = doc(
        "novak-2019", "Defence Minister Hana Novak inspected the base on Tuesday.", "2019-03-05"
    )
    b1 = AnnBuilder(seen)
    b1.role("Hana Novak", "Minister of Defence", "Czechia", "Defence Minister")
    undated = doc(
        "novak-x",
        "Prague, 10 June - Defence Minister Hana Novak visited troops.",
        partial="--06-10",
    )
    b2 = AnnBuilder(undated)
    b2.role("Hana Novak", "Minister of Defence", "Czechia", "Defence Minister")
    res = link_corpus([seen, undated], {seen.id: b1.ann, undated.id: b2.ann}, k, fake_reanchor)
    est = res.dates["novak-x"]
    assert est.value is None
    assert "2018-06-10" in est.candidates  # only possible because the corpus stretched the tenure
    assert "2019-06-10" not in est.candidates
    assert any("corpus is followed" in r for r in est.reasons)
    assert res.role_conflicts and "novak-2019" in res.role_conflicts[0]


def test_document_with_no_clue_stays_undated_with_a_reason():
    d = doc("cats", "The cat show drew record crowds, organisers said.")
    res = link_corpus([d], {d.id: AnnBuilder(d).ann}, None, fake_reanchor)
    est = res.dates["cats"]
    assert est.value is None and est.precision == "unknown" and est.confidence == 0
    assert est.reasons and "clue" in est.reasons[0]
    assert res.annotations["cats"].events == []


def test_month_precise_document_does_not_date_weekdays_to_the_day():
    d = doc(
        "mehta2",
        "Finance chief Arnav Mehta said on Friday he will meet bankers on Wednesday. The "
        "budget rules, published in mid-March, are tough. The budget rules adopted last month "
        "stay.",
    )
    b = AnnBuilder(d)
    b.role("Arnav Mehta", "Minister of Finance", "India", "Finance chief")
    b.person("Lara Bose", "India")
    b.time("Friday", "WD(prev,4)")
    wed = b.time("Wednesday", "WD(next,2)")
    b.time("mid-March", "MON(near,3)")
    b.time("last month", "DCT-1M")
    b.event("will meet bankers", "meeting", ["Arnav Mehta"], status="planned", time=wed)
    k = FakeKnowledge(
        [Tenure("Arnav Mehta", "Minister of Finance", "India", "2019-06-01", "2021-02-28")]
    )
    res = link_corpus([d], {d.id: b.ann}, k, fake_reanchor)
    ev = res.annotations["mehta2"].events[0]
    assert (ev.date, ev.precision) == ("2020-04", "month")


def test_british_dateline_with_weekday_and_prime_minister_gives_the_day():
    d = doc(
        "bridge",
        "LONDON, Tuesday 14 March — The Prime Minister, Eleanor Whitcombe, on Tuesday opened "
        "the new Thames crossing, a fortnight later than planned.",
        partial="--03-14",
    )
    b = AnnBuilder(d)
    b.role("Eleanor Whitcombe", "Prime Minister", "United Kingdom", "The Prime Minister")
    t = b.time("Tuesday", "WD(prev,1)")
    b.event("opened", "opening", ["Eleanor Whitcombe"], place="London", time=t)
    k = FakeKnowledge(
        [
            Tenure(
                "Eleanor Whitcombe", "Prime Minister", "United Kingdom", "2015-05-01", "2019-07-24"
            )
        ]
    )
    res = link_corpus([d], {d.id: b.ann}, k, fake_reanchor)
    est = res.dates["bridge"]
    assert (est.value, est.precision) == ("2017-03-14", "day")
    assert res.events[0].date == "2017-03-14"


def test_a_meeting_series_leaves_an_undated_report_undecided_between_occasions():
    dated = []
    anns = {}
    for doc_id, published in (("oslo-2016", "2016-05-13"), ("oslo-2017", "2017-06-09")):
        d = doc(doc_id, "Ingrid Solberg and Piotr Nowicki met on Thursday in Oslo.", published)
        b = AnnBuilder(d)
        t = b.time("Thursday", "WD(prev,3)")
        b.event("met on", "meeting", ["Ingrid Solberg", "Piotr Nowicki"], place="Oslo", time=t)
        dated.append(d)
        anns[doc_id] = b.ann
    u = doc("oslo-x", "Ingrid Solberg and Piotr Nowicki are meeting Thursday in Oslo.")
    b = AnnBuilder(u)
    t = b.time("Thursday", "WD(near,3)")
    b.event("are meeting", "meeting", ["Ingrid Solberg", "Piotr Nowicki"], place="Oslo", time=t)
    anns["oslo-x"] = b.ann
    res = link_corpus([*dated, u], anns, None, fake_reanchor)
    est = res.dates["oslo-x"]
    assert est.value is None
    assert est.candidates == ["2016-05-12", "2017-06-08"]
    assert any("matches 2 occasions" in r for r in est.reasons)
    # and, undated, its meeting is merged with neither occasion
    assert all(len(e.sources) == 1 for e in res.events)


def test_yesterday_said_of_a_dated_event_gives_the_next_day():
    dated = doc(
        "quay-1",
        "Harbour master Sven Aalto and mayor Rita Lind opened the new quay on Tuesday.",
        "2019-06-05",
    )
    b1 = AnnBuilder(dated)
    t1 = b1.time("Tuesday", "WD(prev,1)")
    b1.event("opened the new quay", "opening", ["Sven Aalto", "Rita Lind"], place="Turku", time=t1)
    later = doc(
        "quay-2",
        "The quay that Sven Aalto and Rita Lind opened yesterday in Turku is already busy.",
    )
    b2 = AnnBuilder(later)
    t2 = b2.time("yesterday", "DCT-1D")
    b2.event("opened yesterday", "opening", ["Sven Aalto", "Rita Lind"], place="Turku", time=t2)
    res = link_corpus([dated, later], {"quay-1": b1.ann, "quay-2": b2.ann}, None, fake_reanchor)
    est = res.dates["quay-2"]
    assert (est.value, est.precision) == ("2019-06-05", "day")
    assert any("'yesterday'" in r for r in est.reasons)
    assert [len(e.sources) for e in res.events] == [2]


def test_anchor_window_inverts_relative_expressions():
    import datetime as dt

    from dateline.link.dating import anchor_window

    e = dt.date(2013, 10, 3)  # a Thursday
    assert anchor_window("WD(near,3)", e) == (dt.date(2013, 9, 30), dt.date(2013, 10, 6))
    assert anchor_window("WD(prev,4)", e) is None  # "Friday" cannot mean a Thursday
    assert anchor_window("DCT+1D", e) == (dt.date(2013, 10, 2),) * 2  # "tomorrow"
    assert anchor_window("DCT-1M", e) == (dt.date(2013, 11, 1), dt.date(2013, 11, 30))
    assert anchor_window("MON(prev,11)", e) is None


def _norland() -> list[tuple]:
    pairs = []
    for doc_id, name, published in (
        ("fm-1", "Bo Falk", "2014-05-02"),
        ("fm-2", "Ada Lund", "2016-03-03"),
        ("fm-3", "Cai Moe", "2019-08-08"),
    ):
        d = doc(doc_id, f"Norland's Foreign Minister {name} spoke in Oslo on Friday.", published)
        pairs.append((d, AnnBuilder(d).role(name, "Minister for Foreign Affairs", "Norland").ann))
    u = doc(
        "fm-x",
        "Oslo, 20 November - Foreign Minister Ada Lund on Tuesday signed the fisheries pact.",
        partial="--11-20",
    )
    b = AnnBuilder(u)
    b.role("Ada Lund", "Minister for Foreign Affairs", "Norland", "Foreign Minister")
    b.time("Tuesday", "WD(prev,1)")
    pairs.append((u, b.ann))
    return pairs


def test_tenure_learnt_from_the_corpus_alone_bounds_an_undated_document():
    pairs = _norland()
    res = link_corpus([d for d, _ in pairs], {d.id: a for d, a in pairs}, None, fake_reanchor)
    est = res.dates["fm-x"]
    # 20 November fell on a Tuesday in 2001, 2007, 2012 and 2018; only 2018 lies between
    # Bo Falk's last and Cai Moe's first sighting
    assert (est.value, est.precision) == ("2018-11-20", "day")
    assert any("one holder at a time" in r and "Cai Moe" in r for r in est.reasons)


def test_new_sightings_of_an_office_re_date_an_untouched_component_incrementally():
    pairs = _norland()
    early = [p for p in pairs if p[0].id in ("fm-2", "fm-x")]
    late = [p for p in pairs if p[0].id not in ("fm-2", "fm-x")]
    prev = link_corpus([d for d, _ in early], {d.id: a for d, a in early}, None, fake_reanchor)
    assert prev.dates["fm-x"].value is None  # Ada Lund alone bounds nothing
    inc = link_incremental(
        prev, [d for d, _ in late], {d.id: a for d, a in late}, None, fake_reanchor
    )
    fresh = link_corpus([d for d, _ in pairs], {d.id: a for d, a in pairs}, None, fake_reanchor)
    assert inc.answer() == fresh.answer()
    assert inc.dates["fm-x"].value == "2018-11-20"


def test_a_called_off_plans_weekday_is_not_the_day_of_the_news():
    """'a visit planned for Friday' in the lead is the plan's day; the statement 'on
    Wednesday' dates the news, and with the partial date and the tenure gives the year."""
    d = doc(
        "lis3",
        "Lisbon, 8 January - Marta Quintela has called off a visit to Madrid that was planned "
        'for Friday. "We cannot go now," she said in a statement on Wednesday.',
        partial="--01-08",
    )
    b = AnnBuilder(d)
    b.role("Marta Quintela", "Minister for Foreign Affairs", "Portugal", "Foreign Minister")
    fri = b.time("Friday", "WD(near,4)")
    b.time("Wednesday", "WD(prev,2)")
    b.event(
        "visit to Madrid", "visit", ["Marta Quintela"], place="Madrid", time=fri, status="cancelled"
    )
    est = link_corpus([d], {d.id: b.ann}, FakeKnowledge([QUINTELA]), fake_reanchor).dates["lis3"]
    # in Quintela's tenure 8 January was a Wednesday only in 2020 (a Friday in 2021)
    assert (est.value, est.precision) == ("2020-01-08", "day"), est.reasons
    assert any("'Wednesday' with a reporting verb" in r for r in est.reasons)


def test_two_times_in_one_sentence_are_not_one_time():
    """A counterfactual names two different times in one sentence; their shared words must
    not make them "the same thing" (that would date the text to 2019 + 1 = 2020)."""
    d = doc(
        "fleet",
        "Had the fleet order gone through last year, the first jets would have been "
        "delivered by 2019. Delivery of the fleet order is now expected later.",
    )
    b = AnnBuilder(d)
    b.time("last year", "DCT-1Y")
    b.time("2019", None, "2019")
    est = link_corpus([d], {d.id: b.ann}, None, fake_reanchor).dates["fleet"]
    assert not any("said of the same thing" in r for r in est.reasons)
    assert est.value is None or not est.value.startswith("2020")


def test_a_year_and_last_year_in_two_sentences_still_date_the_year():
    d = doc(
        "strategy",
        "The coastal strategy was adopted by parliament in 2019. Critics of the coastal "
        "strategy adopted by parliament last year say it is too timid.",
    )
    b = AnnBuilder(d)
    b.time("2019", None, "2019")
    b.time("last year", "DCT-1Y")
    est = link_corpus([d], {d.id: b.ann}, None, fake_reanchor).dates["strategy"]
    assert est.value == "2020"
    assert any("'2019' and 'last year' are said of the same thing" in r for r in est.reasons)
