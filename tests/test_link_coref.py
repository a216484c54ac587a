"""Event coreference across documents: merges, refusals, conflicts, explanations."""

from __future__ import annotations

from dateline.link import explain, link_corpus
from dateline.link.people import PersonIndex, is_resolved
from dateline.models import Entity
from test_link_support import AnnBuilder, doc, fake_reanchor


def _meeting(doc_id, body, published, phrase, ev_type, people, place, when, value=None, **kw):
    d = doc(doc_id, body, published)
    b = AnnBuilder(d)
    for p in people:
        b.person(p)
    t = b.time(when, None if value else "WD(prev,2)", value) if when else None
    b.event(phrase, ev_type, people, place=place, time=t, **kw)
    return d, b.ann


def _link(*pairs):
    docs = [d for d, _ in pairs]
    return link_corpus(docs, {d.id: a for d, a in pairs}, None, fake_reanchor)


def test_same_meeting_in_two_outlets_is_one_event_with_all_participants():
    a = _meeting(
        "geneva-wire",
        "GENEVA (Reuters) - Ministers Ana Ruiz and Ken Sato met in Geneva on Wednesday.",
        "2018-09-20",
        "met in Geneva",
        "meeting",
        ["Ana Ruiz", "Ken Sato"],
        "Geneva",
        "Wednesday",
    )
    b = _meeting(
        "geneva-paper",
        "Ruiz, Sato and the envoy Liu Wen held talks in Geneva on Wednesday, 19 September.",
        "2018-09-21",
        "held talks",
        "talks",
        ["Ana Ruiz", "Ken Sato", "Liu Wen"],
        "Geneva",
        "Wednesday",
    )
    res = _link(a, b)
    merged = [e for e in res.events if len(e.sources) == 2]
    assert len(merged) == 1 and len(res.events) == 1
    ev = merged[0]
    assert ev.date == "2018-09-19" and ev.place == "Geneva"
    assert {p.name for p in ev.participants} == {"Ana Ruiz", "Ken Sato", "Liu Wen"}
    assert {s.document for s in ev.sources} == {"geneva-wire", "geneva-paper"}
    assert ev.merge_reasons and "shared participants Ana Ruiz, Ken Sato" in ev.merge_reasons[0]
    text = explain(res, ev.id[:8])
    assert "geneva-wire" in text and "geneva-paper" in text and "Merged" in text


def test_two_people_with_one_surname_are_not_merged():
    a = _meeting(
        "lagos-1",
        "Daniel Okafor met Lena Brandt in Lagos on Wednesday.",
        "2021-03-04",
        "met Lena",
        "meeting",
        ["Daniel Okafor", "Lena Brandt"],
        "Lagos",
        "Wednesday",
    )
    b = _meeting(
        "lagos-2",
        "Grace Okafor met Lena Brandt in Lagos on Wednesday.",
        "2021-03-04",
        "met Lena",
        "meeting",
        ["Grace Okafor", "Lena Brandt"],
        "Lagos",
        "Wednesday",
    )
    res = _link(a, b)
    assert len(res.events) == 2
    assert all(len(e.sources) == 1 for e in res.events)
    text = explain(res, res.events[0].id)
    assert "Not merged" in text and "only one shared participant" in text


def test_bare_surname_shared_by_two_people_stays_unresolved():
    anns = {}
    for doc_id, name in (("k1", "Daniel Okafor"), ("k2", "Grace Okafor"), ("k3", "Okafor")):
        d = doc(doc_id, f"{name} spoke.", "2021-03-04")
        anns[doc_id] = AnnBuilder(d).person(name).ann
    people = PersonIndex(anns)
    assert people.key("Okafor", "k3") != people.key("Daniel Okafor", "k1")
    assert not is_resolved(people.key("Okafor", "k3"))
    assert people.key("Okafor", "k1") == people.key("Daniel Okafor", "k1")
    assert people.key("D. Okafor", "k3") == people.key("Daniel Okafor", "k1")


def test_dates_a_day_apart_are_merged_with_the_conflict_kept():
    a = _meeting(
        "rome-a",
        "Leaders Sofia Marino and Jan de Vries met in Rome on 1 April 2019.",
        "2019-04-02",
        "met in Rome",
        "summit",
        ["Sofia Marino", "Jan de Vries"],
        "Rome",
        "1 April 2019",
        value="2019-04-01",
    )
    b = _meeting(
        "rome-b",
        "Sofia Marino and Jan de Vries held a summit in Rome on April 2, 2019.",
        "2019-04-03",
        "held a summit",
        "summit",
        ["Sofia Marino", "Jan de Vries"],
        "Rome",
        "April 2, 2019",
        value="2019-04-02",
    )
    res = _link(a, b)
    assert len(res.events) == 1
    ev = res.events[0]
    conflict = next(c for c in ev.conflicts if c.field == "date")
    assert conflict.values == {"2019-04-01": ["rome-a"], "2019-04-02": ["rome-b"]}
    assert "Sources disagree on the date" in explain(res, ev.id)


def test_the_same_ministers_a_year_apart_are_two_events():
    a = _meeting(
        "series-1",
        "Sofia Marino and Jan de Vries met in Rome on 1 April 2019.",
        "2019-04-02",
        "met in Rome",
        "meeting",
        ["Sofia Marino", "Jan de Vries"],
        "Rome",
        "1 April 2019",
        value="2019-04-01",
    )
    b = _meeting(
        "series-2",
        "Sofia Marino and Jan de Vries met in Rome on 3 April 2020.",
        "2020-04-04",
        "met in Rome",
        "meeting",
        ["Sofia Marino", "Jan de Vries"],
        "Rome",
        "3 April 2020",
        value="2020-04-03",
    )
    res = _link(a, b)
    assert len(res.events) == 2
    assert [e.date for e in res.events] == ["2019-04-01", "2020-04-03"]
    assert "dates too far apart" in explain(res, res.events[0].id)


def test_a_plan_and_its_report_merge_and_the_later_status_wins():
    a = _meeting(
        "plan",
        "Sofia Marino and Jan de Vries will meet in Rome on 3 April 2020.",
        "2020-03-30",
        "will meet",
        "meeting",
        ["Sofia Marino", "Jan de Vries"],
        "Rome",
        "3 April 2020",
        value="2020-04-03",
        status="planned",
    )
    b = _meeting(
        "report",
        "Sofia Marino and Jan de Vries met in Rome on 3 April 2020.",
        "2020-04-04",
        "met in Rome",
        "meeting",
        ["Sofia Marino", "Jan de Vries"],
        "Rome",
        "3 April 2020",
        value="2020-04-03",
    )
    res = _link(a, b)
    assert len(res.events) == 1
    assert res.events[0].status == "happened"
    assert not res.events[0].conflicts


def test_two_events_of_one_document_are_never_merged_together():
    d = doc(
        "two",
        "Sofia Marino met Jan de Vries in Rome on Monday. Later Marino, de Vries and Ole Berg "
        "held talks in Rome.",
        "2020-04-07",
    )
    b = AnnBuilder(d)
    t = b.time("Monday", "WD(prev,0)")
    b.event("met Jan", "meeting", ["Sofia Marino", "Jan de Vries"], place="Rome", time=t)
    b.event(
        "held talks", "talks", ["Sofia Marino", "Jan de Vries", "Ole Berg"], place="Rome", time=t
    )
    other = _meeting(
        "other",
        "Sofia Marino, Jan de Vries and Ole Berg held talks in Rome on Monday.",
        "2020-04-07",
        "held talks",
        "talks",
        ["Sofia Marino", "Jan de Vries", "Ole Berg"],
        "Rome",
        "Monday",
        value="2020-04-06",
    )
    res = _link((d, b.ann), other)
    assert len(res.events) == 2
    big = next(e for e in res.events if len(e.sources) == 2)
    assert {s.document for s in big.sources} == {"two", "other"}
    assert len(big.participants) == 3


def test_person_less_events_merge_only_with_the_same_day_and_actors():
    pairs = []
    for doc_id, value in (
        ("quake-1", "2020-10-30"),
        ("quake-2", "2020-10-30"),
        ("quake-3", "2020-11-30"),
    ):
        d = doc(doc_id, f"An earthquake struck Izmir on {value}, officials said.", value)
        b = AnnBuilder(d)
        t = b.time(value, None, value)
        b.event(
            "An earthquake",
            "earthquake",
            [],
            place="Izmir",
            time=t,
            others=["Turkey"],
            label="Earthquake in Izmir",
        )
        pairs.append((d, b.ann))
    res = _link(*pairs)
    assert sorted(len(e.sources) for e in res.events) == [1, 2]


def test_explain_an_unknown_event_says_so():
    res = link_corpus([], {}, None, None)
    assert res.events == [] and res.stories == []
    assert "No single event" in explain(res, "feedface")


def test_an_undated_telling_merges_only_with_more_than_two_names_or_the_same_place():
    dated = _meeting(
        "paris-dated",
        "Sofia Marino and Jan de Vries met in Paris on 25 February 2020.",
        "2020-03-01",
        "met in Paris",
        "meeting",
        ["Sofia Marino", "Jan de Vries"],
        "Paris",
        "25 February 2020",
        value="2020-02-25",
    )
    for place, merged in ((None, False), ("Paris", True)):
        d = doc("vague", "Sofia Marino and Jan de Vries have met, aides said.", "2020-03-10")
        b = AnnBuilder(d)
        b.event("have met", "meeting", ["Sofia Marino", "Jan de Vries"], place=place)
        res = _link(dated, (d, b.ann))
        assert (len(res.events) == 1) is merged


def test_name_matching_with_initials_middle_names_and_short_forms():
    from dateline.link.names import same_person

    assert same_person("J. Kerry", "John Kerry")
    assert same_person("Joe Biden", "Joseph Biden")
    assert same_person("Mr. Hagel", "Chuck Hagel")
    assert not same_person("George W. Bush", "George H. W. Bush")
    assert not same_person("Daniel Okafor", "Grace Okafor")
    assert not same_person("Kim Jong Un", "Kim Yo Jong")


def test_short_forms_of_one_name_share_a_person_key_but_namesakes_do_not():
    anns = {}
    names = ("Joe Biden", "Joseph Biden", "George W. Bush", "George H. W. Bush", "George Bush")
    for i, name in enumerate(names):
        d = doc(f"n{i}", f"{name} spoke.", "2021-03-04")
        anns[d.id] = AnnBuilder(d).person(name).ann
    people = PersonIndex(anns)
    assert people.key("Joe Biden", "n0") == people.key("Joseph Biden", "n1")
    assert people.key("George W. Bush", "n2") != people.key("George H. W. Bush", "n3")


# --------------------------------------------------------------------------- plans and outcomes


def test_a_monarchs_plan_and_its_cancellation_are_one_cancelled_event():
    """A cancellation calls off the plan: the regnal name resolves across documents and the
    cancelled visit takes the plan's date."""
    plan_doc = doc(
        "accra-plan",
        "COPENHAGEN - Queen Ingrid IV will pay a state visit to Ghana in June, the palace said.",
        "2019-05-02",
    )
    b = AnnBuilder(plan_doc)
    b.person("Queen Ingrid IV")
    t = b.time("in June", None, "2019-06")
    b.event("state visit", "visit", ["Queen Ingrid IV"], place="Ghana", time=t, status="planned")
    off_doc = doc(
        "accra-off",
        "Queen Ingrid IV has called off her state visit to Ghana on medical advice.",
        "2019-05-20",
    )
    c = AnnBuilder(off_doc)
    c.person("Queen Ingrid IV")
    c.event("state visit", "visit", ["Queen Ingrid IV"], place="Ghana", status="cancelled")
    res = _link((plan_doc, b.ann), (off_doc, c.ann))
    assert len(res.events) == 1
    ev = res.events[0]
    assert ev.status == "cancelled" and ev.date == "2019-06"
    assert {p.name for p in ev.participants} == {"Ingrid IV"}
    assert "a plan and its cancellation" in " ".join(ev.merge_reasons)


def test_a_plan_told_after_the_happening_is_another_occasion():
    """Talks that happened in February and talks 'to be held again this year' told in May are
    two events, although the year contains February."""
    done = _meeting(
        "lima-feb",
        "LIMA - Ana Ruiz and Ken Sato held talks in Lima on Monday.",
        "2020-02-04",
        "held talks",
        "talks",
        ["Ana Ruiz", "Ken Sato"],
        "Lima",
        "Monday",
        value="2020-02-03",
    )
    later_doc = doc(
        "lima-may",
        "Ruiz and Sato will hold talks in Lima again this year, aides said.",
        "2020-05-10",
    )
    b = AnnBuilder(later_doc)
    b.person("Ana Ruiz").person("Ken Sato")
    t = b.time("this year", None, "2020")
    b.event("hold talks", "talks", ["Ana Ruiz", "Ken Sato"], place="Lima", time=t, status="planned")
    res = _link(done, (later_doc, b.ann))
    assert len(res.events) == 2
    happened = next(e for e in res.events if e.date == "2020-02-03")
    assert happened.status == "happened"
    assert "after the other had happened" in explain(res, happened.id)


def test_one_persons_swearing_in_told_twice_is_one_event_without_a_place():
    a = _meeting(
        "oath-1",
        "Maria Lopez was sworn in as president on Monday.",
        "2022-08-08",
        "sworn in",
        "appointment",
        ["Maria Lopez"],
        None,
        "Monday",
        value="2022-08-08",
    )
    b = _meeting(
        "oath-2",
        "On Monday Lopez took the oath of office, becoming the first woman in the post.",
        "2022-08-09",
        "took the oath",
        "appointment",
        ["Maria Lopez"],
        None,
        "Monday",
        value="2022-08-08",
    )
    res = _link(a, b)
    assert len(res.events) == 1 and len(res.events[0].sources) == 2


def test_same_day_one_person_events_of_different_kinds_stay_apart_without_a_place():
    a = _meeting(
        "day-1",
        "Maria Lopez was sworn in as president on Monday.",
        "2022-08-08",
        "sworn in",
        "appointment",
        ["Maria Lopez"],
        None,
        "Monday",
        value="2022-08-08",
    )
    b = _meeting(
        "day-2",
        "Lopez held talks on Monday evening, aides said.",
        "2022-08-09",
        "held talks",
        "talks",
        ["Maria Lopez"],
        None,
        "Monday",
        value="2022-08-08",
    )
    assert len(_link(a, b).events) == 2


def test_a_place_mistaken_for_a_person_is_shown_as_a_place():
    d = doc(
        "kiev-1", "Olena Bondar will travel to Kharkiv. Kharkiv is near the border.", "2021-06-01"
    )
    b = AnnBuilder(d)
    b.person("Olena Bondar")
    b.ann.entities.append(Entity("pl1", "place", "Kharkiv"))
    b.event("travel to Kharkiv", "visit", ["Olena Bondar", "Kharkiv"], status="planned")
    res = _link((d, b.ann))
    kinds = {p.name: p.kind for p in res.events[0].participants}
    assert kinds == {"Olena Bondar": "person", "Kharkiv": "place"}


def test_two_tellings_of_one_called_off_trip_are_one_event():
    """The day-dated call-off and a later brief's undated 'called off a visit last week' to
    the same city are one cancelled visit; a called-off trip elsewhere stays apart."""
    first = doc(
        "trip-1", "Ana Ruiz has called off a visit to Quito planned for Friday.", "2021-03-03"
    )
    b = AnnBuilder(first)
    b.person("Ana Ruiz")
    t = b.time("Friday", None, "2021-03-05")
    b.event("visit to Quito", "visit", ["Ana Ruiz"], place="Quito", time=t, status="cancelled")
    later = doc(
        "trip-2",
        "Ruiz, who called off a visit to Quito last week, spoke to reporters. "
        "She has also dropped a visit to Lima.",
        "2021-03-10",
    )
    c = AnnBuilder(later)
    c.person("Ana Ruiz")
    c.event("visit to Quito", "visit", ["Ana Ruiz"], place="Quito", status="cancelled")
    c.event("visit to Lima", "visit", ["Ana Ruiz"], place="Lima", status="cancelled")
    res = _link((first, b.ann), (later, c.ann))
    quito = [e for e in res.events if e.place == "Quito"]
    assert len(quito) == 1 and len(quito[0].sources) == 2
    assert quito[0].date == "2021-03-05" and quito[0].status == "cancelled"
    assert len(res.events) == 2


def test_an_undated_call_between_the_same_two_people_joins_the_dated_call():
    dated = _meeting(
        "call-1",
        "Ana Ruiz and Ken Sato spoke by telephone on Monday afternoon.",
        "2022-05-02",
        "spoke by telephone",
        "call",
        ["Ana Ruiz", "Ken Sato"],
        None,
        "Monday",
        value="2022-05-02",
        mode="phone",
    )
    d = doc("call-2", "Ken Sato telephoned Ana Ruiz to congratulate her, aides said.", "2022-05-02")
    b = AnnBuilder(d)
    b.event("telephoned", "call", ["Ken Sato", "Ana Ruiz"], mode="phone")
    other = doc("call-3", "Ken Sato telephoned Liu Wen, aides said.", "2022-05-02")
    c = AnnBuilder(other)
    c.event("telephoned", "call", ["Ken Sato", "Liu Wen"], mode="phone")
    res = _link(dated, (d, b.ann), (other, c.ann))
    assert sorted(len(e.sources) for e in res.events) == [1, 2]
    merged = next(e for e in res.events if len(e.sources) == 2)
    assert merged.date == "2022-05-02"
    assert "a call between the same people" in " ".join(merged.merge_reasons)


def test_a_called_off_trip_told_with_and_without_the_host_is_one_event():
    """One telling names only the traveller, the other also the host: the call-off of one
    trip to one city."""
    first = doc(
        "host-1", "Ana Ruiz has called off a visit to Quito to meet Ken Sato.", "2021-03-03"
    )
    b = AnnBuilder(first)
    b.event(
        "visit to Quito",
        "visit",
        ["Ana Ruiz", "Ken Sato"],
        place="Quito",
        status="cancelled",
    )
    later = doc("host-2", "Ruiz, who called off a visit to Quito, spoke on Tuesday.", "2021-03-09")
    c = AnnBuilder(later)
    c.event("visit to Quito", "visit", ["Ana Ruiz"], place="Quito", status="cancelled")
    res = _link((first, b.ann), (later, c.ann))
    assert len(res.events) == 1 and res.events[0].status == "cancelled"


def test_a_held_event_is_not_labelled_as_planned():
    plan = _meeting(
        "label-1",
        "Ana Ruiz and Ken Sato will meet in Lima on Friday.",
        "2019-04-01",
        "will meet",
        "meeting",
        ["Ana Ruiz", "Ken Sato", "Liu Wen"],
        "Lima",
        "Friday",
        value="2019-04-05",
        status="planned",
        label="Meeting between Ana Ruiz, Ken Sato and Liu Wen in Lima (planned)",
    )
    held = _meeting(
        "label-2",
        "Ana Ruiz and Ken Sato met in Lima on Friday.",
        "2019-04-06",
        "met in Lima",
        "meeting",
        ["Ana Ruiz", "Ken Sato"],
        "Lima",
        "Friday",
        value="2019-04-05",
        label="Ana Ruiz and Ken Sato meet in Lima",
    )
    res = _link(plan, held)
    assert len(res.events) == 1
    ev = res.events[0]
    assert ev.status == "happened" and "planned" not in ev.label


def _summit_plan(doc_id="plan", published="2021-09-06"):
    """A plan that names no one: "the two governments will hold a summit in Valmont this
    month" (its document names a minister, which puts it in the summit's component)."""
    d = doc(
        doc_id,
        "Foreign Minister Lea Holm said the two governments will hold a summit in Valmont "
        "later this month.",
        published,
    )
    b = AnnBuilder(d)
    b.person("Lea Holm")
    t = b.time("later this month", None, published[:7])
    b.event("hold a summit", "summit", [], place="Valmont", status="planned", time=t)
    return d, b.ann


def _summit(doc_id, day, people, published):
    d = doc(
        doc_id,
        f"{people[0]} and {people[1]} held a summit in Valmont on {day}, with Lea Holm present.",
        published,
    )
    b = AnnBuilder(d)
    for p in [*people, "Lea Holm"]:
        b.person(p)
    t = b.time(day, None, day)
    b.event("held a summit", "summit", people, place="Valmont", time=t)
    return d, b.ann


def test_a_plan_naming_no_one_joins_the_one_event_it_announces():
    res = _link(
        _summit_plan(), _summit("held", "2021-09-20", ["Ivo Dane", "Mara Sund"], "2021-09-21")
    )
    (ev,) = [e for e in res.events if e.type == "summit"]
    assert {s.document for s in ev.sources} == {"plan", "held"}
    assert ev.status == "happened" and ev.date == "2021-09-20"
    assert any("a plan that names no one" in r for r in ev.merge_reasons)


def test_a_plan_naming_no_one_stays_alone_when_two_events_fit():
    res = _link(
        _summit_plan(),
        _summit("first", "2021-09-14", ["Ivo Dane", "Mara Sund"], "2021-09-15"),
        _summit("second", "2021-09-28", ["Tor Veld", "Ana Brek"], "2021-09-29"),
    )
    plans = [e for e in res.events if {s.document for s in e.sources} == {"plan"}]
    assert len(plans) == 1 and plans[0].status == "planned"


def test_a_plan_told_after_the_event_is_another_occasion():
    res = _link(
        _summit_plan(published="2021-09-22"),
        _summit("held", "2021-09-20", ["Ivo Dane", "Mara Sund"], "2021-09-21"),
    )
    assert not any(len(e.sources) == 2 for e in res.events)
