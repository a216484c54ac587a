"""annotate() on fictional texts in many styles: wire, British, tokenised, live updates.

The people, places and events here are invented; each test states the behaviour a reader
of the text would expect, never a quirk of one article.
"""

from __future__ import annotations

import pytest

from dateline.models import Annotation, DateEstimate, Document, Event
from dateline.understand import annotate, load_nlp, reanchor
from dateline.understand.nlp import chunks

THURSDAY = "2024-03-14"


def doc(
    body: str,
    published: str | None = THURSDAY,
    language: str | None = None,
    title: str | None = None,
) -> Document:
    return Document(
        id="t",
        source="test.txt",
        kind="text",
        body=body,
        title=title,
        language=language,
        published=DateEstimate(published) if published else None,
    )


def events_of(ann: Annotation, etype: str) -> list[Event]:
    return [e for e in ann.events if e.type == etype]


def names(ev: Event) -> set[str]:
    return {p.name for p in ev.participants}


def role_of(ann: Annotation, person: str) -> tuple[str, str | None]:
    rs = [r for r in ann.roles if r.person == person]
    assert rs, (person, [(r.person, r.office) for r in ann.roles])
    return rs[0].office, rs[0].country


WIRE = """BERLIN (Newswire) — German Foreign Minister Anna Keller met her French counterpart Luc Moreau in Berlin on Tuesday to discuss energy security, officials said.

“We agreed that Europe must act together,” Keller told reporters after the meeting.

Moreau said the two countries will sign a new gas agreement in Paris next month.
"""


def test_wire_roles_counterpart_and_meeting() -> None:
    ann = annotate(doc(WIRE))
    assert ann.anchor == THURSDAY
    assert role_of(ann, "Anna Keller") == ("Minister for Foreign Affairs", "Germany")
    # an untitled counterpart takes the parallel office, with the country the text gives
    assert role_of(ann, "Luc Moreau") == ("Minister for Foreign Affairs", "France")
    [meeting] = events_of(ann, "meeting")
    assert (meeting.date, meeting.precision, meeting.status) == ("2024-03-12", "day", "happened")
    assert meeting.place == "Berlin" and meeting.mode == "in_person"
    assert {"Anna Keller", "Luc Moreau"} <= names(meeting)
    assert meeting.plover == "CONSULT" and meeting.evidence[0].start >= 0
    [q] = [q for q in ann.quotes if q.text.startswith("We agreed")]
    assert q.speaker == "Anna Keller"


def test_wire_planned_signing_next_month() -> None:
    ann = annotate(doc(WIRE))
    signed = [e for e in events_of(ann, "agreement") if e.place == "Paris"]
    assert signed, [(e.label, e.date) for e in ann.events]
    assert (signed[0].status, signed[0].date, signed[0].precision) == (
        "planned",
        "2024-04",
        "month",
    )
    assert signed[0].plover == "AGREE"


BRITISH = """Britain's Defence Secretary, Ruth Okafor, travelled to Warsaw on Monday for talks with Poland's defence minister, Piotr Zielinski.

Ms Okafor said the partnership would grow.

‘This is a partnership built to last,’ she said. ‘We will be back in the summer.’
"""


def test_british_style_roles_quotes_and_talks() -> None:
    ann = annotate(doc(BRITISH))
    assert role_of(ann, "Ruth Okafor") == ("Minister of Defense", "United Kingdom")
    assert role_of(ann, "Piotr Zielinski") == ("Minister of Defense", "Poland")
    talks = events_of(ann, "talks")
    assert talks and talks[0].date == "2024-03-11" and talks[0].status == "happened"
    assert talks[0].place == "Warsaw"
    assert {"Ruth Okafor", "Piotr Zielinski"} <= names(talks[0])
    quoted = {q.text.split()[0]: q.speaker for q in ann.quotes}
    assert quoted.get("This") == "Ruth Okafor"
    assert quoted.get("We") == "Ruth Okafor"  # split quote, same speaker


def test_coreference_titles_surnames_and_pronouns() -> None:
    text = (
        "U.S. Defense Secretary Mark Ellison arrived in Manila on Wednesday.\n\n"
        "Ellison is the first Pentagon chief to visit in a decade. Mr. Ellison met President Rosa Dizon at the Malacanang Palace.\n\n"
        "After the meeting, the Pentagon chief said the alliance was strong.\n\n"
        "“We stand with our friends,” he said."
    )
    ann = annotate(doc(text))
    people = [e for e in ann.entities if e.kind == "person"]
    ellison = [p for p in people if p.name == "Mark Ellison"]
    assert len(ellison) == 1
    surfaces = {m.text for m in ellison[0].mentions}
    assert {"Ellison", "the Pentagon chief"} <= surfaces
    assert not any(p.name in ("Ellison", "Mr. Ellison") for p in people)
    assert role_of(ann, "Mark Ellison") == ("Secretary of Defense", "United States")
    [q] = ann.quotes
    assert q.speaker == "Mark Ellison"
    meet = events_of(ann, "meeting")
    assert meet and {"Mark Ellison", "Rosa Dizon"} <= names(meet[0])


def test_surname_after_title_is_a_person_whatever_the_tagger_says() -> None:
    text = "Foreign Minister Haruto Ishikawa spoke to reporters. Ishikawa said the talks went well."
    ann = annotate(doc(text))
    person = [e for e in ann.entities if e.kind == "person" and e.name == "Haruto Ishikawa"]
    assert person and len(person[0].mentions) == 2
    assert not [e for e in ann.entities if e.kind != "person" and "Ishikawa" in e.name]


def test_live_updates_virtual_meeting() -> None:
    text = (
        "10:42 GMT — Finance ministers begin virtual meeting\n"
        "Finance Minister Sara Lind of Sweden opened a virtual meeting with her G7 counterparts on Thursday.\n"
        "11:05 GMT — Lind: we are not there yet\n"
        "“We are not there yet,” Lind said in her opening remarks.\n"
    )
    ann = annotate(doc(text))
    assert role_of(ann, "Sara Lind") == ("Minister of Finance", "Sweden")
    meet = events_of(ann, "meeting")
    assert meet and meet[0].mode == "virtual" and meet[0].status == "happened"
    assert meet[0].date == THURSDAY
    assert ann.quotes and ann.quotes[0].speaker == "Sara Lind"


def test_tokenised_text_planned_visit() -> None:
    text = (
        "President Ana Alvarez of Chile will visit Canberra next week , the foreign ministry said ."
    )
    ann = annotate(doc(text))
    [visit] = events_of(ann, "visit")
    assert (visit.status, visit.date, visit.precision, visit.place) == (
        "planned",
        "2024-W12",
        "week",
        "Canberra",
    )
    assert "Ana Alvarez" in names(visit)
    assert role_of(ann, "Ana Alvarez") == ("President", "Chile")


def test_expected_to_meet_is_planned_with_both_people() -> None:
    text = "South Korean Defense Minister Kim Soo-jin is expected to meet NATO Secretary-General Erik Vaag in Brussels on Friday."
    ann = annotate(doc(text))
    [meet] = events_of(ann, "meeting")
    assert (meet.status, meet.date, meet.place, meet.mode) == (
        "planned",
        "2024-03-15",
        "Brussels",
        "in_person",
    )
    assert {"Kim Soo-jin", "Erik Vaag"} <= names(meet)


def test_cancellation_is_an_event_that_happened() -> None:
    text = "Prime Minister Lena Varga on Wednesday cancelled her trip to Brussels, citing a crisis at home."
    ann = annotate(doc(text))
    [c] = events_of(ann, "cancellation")
    assert (c.status, c.date, c.plover) == ("happened", "2024-03-13", "RETREAT")
    assert "Lena Varga" in names(c)
    visits = events_of(ann, "visit")
    assert all(v.status == "cancelled" for v in visits)


def test_phone_call_mode() -> None:
    text = "President Omar Haddad held a phone call with Chancellor Greta Brandt on Wednesday."
    ann = annotate(doc(text))
    [call] = events_of(ann, "call")
    assert (call.mode, call.status, call.date) == ("phone", "happened", "2024-03-13")
    assert {"Omar Haddad", "Greta Brandt"} <= names(call)


def test_negated_meeting() -> None:
    text = "Foreign Minister Ivo Petrov did not meet his Serbian counterpart in Geneva on Monday."
    ann = annotate(doc(text))
    meet = events_of(ann, "meeting")
    assert meet and meet[0].status == "negated"


def test_repeated_mentions_merge_into_one_event() -> None:
    text = (
        "Trade ministers from Chile and Peru held talks in Lima on Tuesday.\n\n"
        "Chilean Trade Minister Pablo Rojas said the talks were productive.\n\n"
        "During the talks, Peruvian Trade Minister Elena Quispe raised tariffs on copper."
    )
    ann = annotate(doc(text))
    talks = events_of(ann, "talks")
    assert len(talks) == 1, [(t.label, t.date) for t in talks]
    assert len(talks[0].evidence) == 3
    assert talks[0].date == "2024-03-12" and talks[0].place == "Lima"


def test_guillemets_and_standalone_quote_paragraph() -> None:
    text = (
        "Interior Minister Claire Dubois said on Tuesday that the plan was ready.\n\n"
        "«We have waited long enough, and the country needs this reform.»\n\n"
        "Her spokesman declined to comment."
    )
    ann = annotate(doc(text))
    [q] = ann.quotes
    assert q.text.startswith("We have waited") and q.speaker == "Claire Dubois"


def test_straight_quotes_split_around_the_verb() -> None:
    text = '"The deal is done," Governor Maya Brooks said on Friday, "and it is a good one."'
    ann = annotate(doc(text))
    assert [q.speaker for q in ann.quotes] == ["Maya Brooks", "Maya Brooks"]


def test_no_anchor_keeps_times_symbolic_then_reanchor() -> None:
    d = doc("Foreign Minister Anna Keller met Luc Moreau in Berlin on Tuesday.", published=None)
    ann = annotate(d)
    assert ann.anchor is None
    [meet] = events_of(ann, "meeting")
    assert meet.date is None and meet.time is not None and meet.time.symbolic == "WD(prev,1)"
    again = reanchor(d, ann, THURSDAY)
    [meet2] = events_of(again, "meeting")
    assert (meet2.date, meet2.precision) == ("2024-03-12", "day")
    assert all(r.as_of == THURSDAY for r in again.roles)
    assert ann.events[0].date is None  # the original is not modified


def test_reanchor_matches_a_fresh_annotation() -> None:
    text = "Officials said on Friday that the ministers will meet in Rome next month and met in Oslo last week."
    d = doc(text, published="2020-01-01")
    moved = reanchor(d, annotate(d), THURSDAY)
    fresh = annotate(doc(text))
    assert [(t.text, t.value) for t in moved.times] == [(t.text, t.value) for t in fresh.times]


def test_non_english_is_detected_and_not_parsed() -> None:
    text = "Der deutsche Außenminister traf am Dienstag seinen französischen Amtskollegen in Berlin. Die Gespräche dauerten drei Stunden und waren sehr konstruktiv."
    ann = annotate(doc(text))
    assert ann.language == "de"
    assert ann.events == [] and ann.entities == []
    assert any("language" in n for n in ann.notes)


@pytest.mark.parametrize("body", ["", "   \n\n  ", "!!! ??? ...", "12 34 56", "“", "« »"])
def test_degenerate_text_does_not_crash(body: str) -> None:
    ann = annotate(doc(body))
    assert isinstance(ann, Annotation)


def test_unbalanced_quotes_do_not_crash() -> None:
    text = "“This never ends, the minister said.\n\nAnd then “another one started. «Mixed marks” everywhere »"
    ann = annotate(doc(text))
    assert isinstance(ann.quotes, list)


def test_long_document_is_chunked_with_correct_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.understand import nlp

    monkeypatch.setattr(nlp, "CHUNK_CHARS", 1000)  # many chunks without a slow test
    para = "Foreign Minister Anna Keller met Luc Moreau in Berlin on Tuesday. They agreed to meet again next month.\n\n"
    body = para * 60
    ann = annotate(doc(body))
    assert len(ann.sentences) >= 120
    for s in ann.sentences[-3:]:
        assert body[s.start : s.end] == s.text
    for e in ann.events[:3]:
        for ev in e.evidence:
            assert body[ev.start : ev.end] == ev.sentence


def test_chunks_cover_text_exactly() -> None:
    text = ("A sentence here. " * 50 + "\n\n") * 30
    parts = list(chunks(text, size=500))
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= 500 for _, p in parts)
    assert [o for o, _ in parts] == sorted(o for o, _ in parts)


def test_model_is_loaded_once() -> None:
    assert load_nlp() is load_nlp()


def test_annotation_round_trips_as_json() -> None:
    ann = annotate(doc(WIRE))
    assert Annotation.from_dict(ann.to_dict()) == ann


def test_every_test_capture_annotates_with_spans_inside_the_body() -> None:
    """The ingest/clean test captures (many layouts): offsets always point into the body."""
    from pathlib import Path

    clean = pytest.importorskip("dateline.clean")
    ingest = pytest.importorskip("dateline.ingest")
    captures = Path(__file__).parent / "captures"
    if not captures.is_dir():
        pytest.skip("no test captures")
    seen = 0
    for cap in ingest.read_paths([captures], on_error=lambda e: None):
        for d in clean.documents_from_capture(cap):
            ann = annotate(d)
            seen += 1
            for s in ann.sentences:
                assert d.body[s.start : s.end] == s.text
            for q in ann.quotes:
                assert d.body[q.start : q.end] == q.text
            for ev in ann.events:
                assert ev.label and ev.evidence
                for e in ev.evidence:
                    assert d.body[e.start : e.end] == e.sentence
            for t in ann.times:
                assert d.body[t.start : t.end] == t.text
    assert seen >= 5


def test_unknown_country_from_the_possessive() -> None:
    text = "Vestmark's prime minister, Ola Rand, met Norland's foreign minister, Piet Haller, in Oslo on Monday."
    ann = annotate(doc(text))
    assert role_of(ann, "Ola Rand") == ("Prime Minister", "Vestmark")
    assert role_of(ann, "Piet Haller") == ("Minister for Foreign Affairs", "Norland")


def test_agreed_to_hold_talks_is_planned() -> None:
    text = "Foreign Minister Ana Ruiz and her Chilean counterpart Pablo Rojas agreed on Monday to hold talks in Lima next week."
    ann = annotate(doc(text))
    talks = events_of(ann, "talks")
    assert talks and talks[0].status == "planned" and talks[0].place == "Lima"
    agreed = events_of(ann, "agreement")
    assert agreed and agreed[0].status == "happened" and agreed[0].date == "2024-03-11"


def test_named_as_envoy_is_an_appointment_not_talks() -> None:
    text = "Norland named a veteran diplomat, Ingrid Moe, as its special envoy for the border talks on Tuesday."
    ann = annotate(doc(text))
    assert not events_of(ann, "talks")
    [appt] = events_of(ann, "appointment")
    assert "Ingrid Moe" in names(appt) and appt.date == "2024-03-12"


def test_invented_demonym_gives_the_country_named_in_the_text() -> None:
    text = (
        "Talks between Tarvania and Oskeland opened in Brill on Monday.\n\n"
        "Tarvanian Foreign Minister Mila Sorn met the Oskelandic defence secretary, Per Vang, in Brill."
    )
    ann = annotate(doc(text))
    office, country = role_of(ann, "Mila Sorn")
    assert office == "Minister for Foreign Affairs"
    assert country in ("Tarvania", None)  # never a made-up or US default
    _, vang_country = role_of(ann, "Per Vang")
    assert vang_country != "United States"


def test_us_title_default_needs_the_us_in_the_text() -> None:
    text = "Defence Secretary Per Vang said the border was calm. Vang spoke in Brill, the capital of Oskeland."
    ann = annotate(doc(text))
    assert role_of(ann, "Per Vang")[1] != "United States"
    text_us = "Defense Secretary Mark Ellison said U.S. forces were ready."
    assert role_of(annotate(doc(text_us)), "Mark Ellison") == (
        "Secretary of Defense",
        "United States",
    )


def test_regnal_names_are_one_person() -> None:
    text = "King Harald IV will visit Brill next month. Harald is expected to meet the president."
    ann = annotate(doc(text))
    kings = [e for e in ann.entities if e.kind == "person" and e.name.startswith("Harald")]
    assert len(kings) == 1 and kings[0].name == "Harald IV"
    assert role_of(ann, "Harald IV")[0] == "King"


def test_was_to_have_met_is_cancelled() -> None:
    text = "Foreign Minister Mila Sorn was to have met her counterpart Per Vang in Brill on Friday, but the trip was called off."
    ann = annotate(doc(text))
    meet = events_of(ann, "meeting")
    assert meet and meet[0].status == "cancelled"


def test_spoke_by_telephone_is_a_call() -> None:
    text = "Prime Minister Ola Rand spoke by telephone with President Ana Alvarez on Wednesday."
    ann = annotate(doc(text))
    [call] = events_of(ann, "call")
    assert (call.mode, call.status, call.date) == ("phone", "happened", "2024-03-13")


def test_mode_only_for_meetings() -> None:
    text = "Gunmen fired on a border post on Monday, the ministers said by phone."
    ann = annotate(doc(text))
    assert all(
        e.mode == "unknown"
        for e in ann.events
        if e.type not in ("meeting", "talks", "summit", "visit", "call")
    )


def test_unknown_place_names_after_in_and_at() -> None:
    text = "Prime Minister Ola Rand and President Ana Alvarez signed a ceasefire at the Chancery in Brill on Monday."
    ann = annotate(doc(text))
    [agr] = events_of(ann, "agreement")
    assert agr.place in ("Chancery", "Brill") and agr.date == "2024-03-11"
    assert {"Ola Rand", "Ana Alvarez"} <= names(agr)


def test_observers_are_not_participants() -> None:
    text = "The Chamber of Commerce of Brill welcomed the visit by President Ana Alvarez on Monday."
    ann = annotate(doc(text))
    visits = events_of(ann, "visit")
    assert visits and "Ana Alvarez" in names(visits[0])
    assert not any("Chamber" in n for n in names(visits[0]))


def test_he_said_skips_names_inside_the_quote_and_the_wrong_gender() -> None:
    text = (
        "Ms Sorn met Mr Vang in Brill on Monday.\n\n"
        "Mr Vang was warm about her. “Mila Sorn is a tough negotiator,” he said."
    )
    ann = annotate(doc(text))
    [q] = ann.quotes
    assert q.speaker and q.speaker.endswith("Vang")


def test_single_word_scare_quotes_are_not_quotations() -> None:
    ann = annotate(
        doc('The so-called "2+2" talks were held in Brill, Foreign Minister Mila Sorn said.')
    )
    assert ann.quotes == []


def test_country_mentions_share_one_canonical_place() -> None:
    ann = annotate(
        doc(
            "The U.S. and Japan met. The United States said America would help. Tokyo hosted the US delegation."
        )
    )
    us = [e for e in ann.entities if e.kind == "place" and e.name == "United States"]
    assert len(us) == 1 and len(us[0].mentions) >= 3
    assert any(e.name == "Tokyo" for e in ann.entities)


def test_without_agreement_is_negated_and_called_for_talks_is_planned() -> None:
    ann = annotate(
        doc(
            "The commission's meeting in Brill on Monday ended without agreement, Minister Mila Sorn said."
        )
    )
    assert all(e.status == "negated" for e in events_of(ann, "agreement"))
    ann2 = annotate(doc("President Ana Alvarez on Monday called for talks with Oskeland in Brill."))
    talks = events_of(ann2, "talks")
    assert talks and talks[0].status == "planned"


def test_datetime_anchor_is_cut_to_its_day() -> None:
    ann = annotate(
        doc("Foreign Minister Mila Sorn met Per Vang in Brill on Thursday."),
        anchor="2024-03-14T09:30:00Z",
    )
    assert ann.anchor == THURSDAY
    [meet] = events_of(ann, "meeting")
    assert (meet.date, meet.status) == (THURSDAY, "happened")


def test_wire_story_with_family_name_first_and_another_countrys_title() -> None:
    text = (
        "Separately, Defense Minister Lee Jong-sup will travel to Washington next Tuesday for talks "
        "with U.S. Defense Secretary Lloyd Austin at the Pentagon.\n\n"
        "“We will discuss the extended deterrence,” Lee told reporters on Wednesday."
    )
    ann = annotate(doc(text, published="2023-03-15"))
    assert role_of(ann, "Lee Jong-sup")[1] != "United States"  # the U.S. belongs to Austin's title
    assert role_of(ann, "Lloyd Austin") == ("Secretary of Defense", "United States")
    assert ann.quotes[0].speaker == "Lee Jong-sup"
    [talks] = events_of(ann, "talks")
    assert (talks.status, talks.date, talks.place) == ("planned", "2023-03-21", "Pentagon")


def test_postponed_visit_is_cancelled_with_its_planned_date() -> None:
    text = "A planned visit by Foreign Minister Wang Yi to Seoul, originally scheduled for next week, has been postponed, officials said."
    ann = annotate(doc(text, published="2023-03-15"))
    [visit] = events_of(ann, "visit")
    assert visit.status == "cancelled" and "Wang Yi" in names(visit)


def test_british_yesterday_last_night_and_counterpart_apposition() -> None:
    text = (
        "The Foreign Secretary, Tom Hale, flew to Oslo last night for talks with his Norwegian counterpart, "
        "Ingrid Dahl, the first such visit in six years.\n\n"
        "Mr Hale, who met the Norwegian prime minister yesterday, said the talks were ‘frank’.\n\n"
        "‘We will not always agree,’ he told reporters. ‘But we must talk.’"
    )
    ann = annotate(doc(text, published="2024-10-18"))
    assert role_of(ann, "Ingrid Dahl") == ("Minister for Foreign Affairs", "Norway")
    talks = events_of(ann, "talks")
    assert talks and talks[0].date == "2024-10-17" and talks[0].place == "Oslo"
    assert {"Tom Hale", "Ingrid Dahl"} <= names(talks[0])
    speakers = {q.text.split()[0]: q.speaker for q in ann.quotes}
    assert speakers.get("We") == speakers.get("But") == "Tom Hale"


AP_STYLE = """WASHINGTON (Newswire) — Secretary of State Maria Velez said Thursday that Tuesday's meeting with Mexican Foreign Minister Jorge Ruiz produced a framework deal on migration.

Velez spoke to reporters at the State Department after a call with Canadian Prime Minister Ann Lewis earlier this week.

President Tom Hart, who is traveling in Asia, did not attend the meeting. He is scheduled to host Lewis at the White House on May 3.
"""


def test_ap_style_possessive_weekday_calls_and_hosting() -> None:
    ann = annotate(doc(AP_STYLE, published="2024-04-18"))
    assert role_of(ann, "Maria Velez") == ("Secretary of State", "United States")
    meetings = events_of(ann, "meeting")
    met = [m for m in meetings if m.date == "2024-04-16"]
    assert met and met[0].status == "happened"
    assert {"Maria Velez", "Jorge Ruiz"} <= names(met[0]) and "Tom Hart" not in names(met[0])
    [call] = events_of(ann, "call")
    assert (
        call.mode == "phone"
        and call.status == "happened"
        and {"Maria Velez", "Ann Lewis"} <= names(call)
    )
    hosted = [m for m in meetings if m.date == "2024-05-03"]
    assert hosted and hosted[0].status == "planned" and hosted[0].place == "White House"


def test_hard_wrapped_lines_are_one_sentence_and_still_yield_events() -> None:
    text = (
        "The foreign and defence ministers of Tarvania, led by Foreign Minister\n"
        "Mila Sorn, met their Oskelandic counterparts in Brill on Tuesday for talks\n"
        "that officials described as frank and useful.\n"
    )
    ann = annotate(doc(text))
    assert len(ann.sentences) == 1
    meet = events_of(ann, "meeting")
    assert meet and meet[0].date == "2024-03-12" and meet[0].place == "Brill"


def test_called_off_visit_keeps_its_traveller_planned_day_and_destination() -> None:
    text = "Valdoria's foreign minister, Irena Kovalt, has called off a visit to Castelmere that was planned for Friday."
    ann = annotate(doc(text, published="2015-01-07"))  # a Wednesday
    [visit] = events_of(ann, "visit")
    assert (visit.status, visit.date, visit.place) == ("cancelled", "2015-01-09", "Castelmere")
    assert "Irena Kovalt" in names(visit)
    [cancel] = events_of(ann, "cancellation")
    assert cancel.status == "happened" and cancel.place is None and "Irena Kovalt" in names(cancel)


# --------------------------------------------------------------------------- places, not people
# Invented towns the small model has never seen: the text's own cues must make them places.


def places_of(ann: Annotation) -> set[str]:
    return {e.name for e in ann.entities if e.kind == "place"}


def people_of(ann: Annotation) -> set[str]:
    return {e.name for e in ann.entities if e.kind == "person"}


def all_participants(ann: Annotation) -> set[str]:
    return {p.name for e in ann.events for p in e.participants}


def test_wire_dateline_town_is_a_place_not_a_participant() -> None:
    text = (
        "BRENNICK, June 3 (Newswire) - Ostrelan Foreign Minister Mira Jansk met her Quellish "
        "counterpart Paul Drevic on Monday for talks on fishing rights, officials said.\n\n"
        "Drevic will travel to Brennick again next month to sign the accord.\n"
    )
    ann = annotate(doc(text, published="2025-06-03"))
    assert "Brennick" in places_of(ann)
    assert "Brennick" not in people_of(ann) and "BRENNICK" not in people_of(ann)
    assert "Brennick" not in all_participants(ann)
    assert any(e.place == "Brennick" for e in ann.events), [(e.label, e.place) for e in ann.events]


def test_british_capital_apposition_and_flight_make_a_place() -> None:
    text = (
        "The Quellish capital, Rovigard, braced for protests on Tuesday.\n\n"
        "Mr Drevic flew to Rovigard on Tuesday for talks with the Ostrelan foreign secretary, "
        "Mira Jansk, who arrived in Rovigard on Monday evening.\n"
    )
    ann = annotate(doc(text, published="2025-06-04"))
    assert "Rovigard" in places_of(ann)
    assert "Rovigard" not in people_of(ann)
    talks = events_of(ann, "talks")
    assert talks, [(e.label, e.type) for e in ann.events]
    assert "Rovigard" not in names(talks[0])
    assert talks[0].place == "Rovigard"


def test_ap_dateline_with_country_and_place_noun() -> None:
    text = (
        "CASTELLAN, Ostrela (AP) — The leaders of Ostrela and Quellin will hold a summit in "
        "Castellan on Friday, after a ferry collision off the port city of Ostmere.\n\n"
        "Prime Minister Karl Hoven visited Ostmere on Wednesday and met survivors.\n"
    )
    ann = annotate(doc(text, published="2025-06-04"))
    assert {"Castellan", "Ostmere"} <= places_of(ann)
    assert not {"Castellan", "Ostmere"} & people_of(ann)
    assert not {"Castellan", "Ostmere"} & all_participants(ann)
    summit = events_of(ann, "summit")
    assert summit and summit[0].place == "Castellan" and summit[0].status == "planned"
    visit = events_of(ann, "visit")
    assert visit and visit[0].place == "Ostmere" and "Karl Hoven" in names(visit[0])


def test_tokenised_arrival_town_is_a_place_and_a_titled_name_stays_a_person() -> None:
    text = (
        "Mira Jansk arrived in Marwick on Monday .\n"
        "She met Ambassador Lorne Kessel in Marwick on Monday evening .\n"
    )
    ann = annotate(doc(text, published="2025-06-03"))
    assert "Marwick" in places_of(ann)
    assert "Lorne Kessel" in people_of(ann)
    meeting = events_of(ann, "meeting")
    assert meeting, [(e.label, e.type) for e in ann.events]
    assert meeting[0].place == "Marwick"
    assert "Lorne Kessel" in names(meeting[0]) and "Marwick" not in names(meeting[0])


# --------------------------------------------------------------------------- thin background events


def test_background_year_mentions_are_not_events() -> None:
    text = (
        "Ostrela and Quellin signed a fisheries protocol in Tarven on Monday.\n\n"
        "Officials said the hotline agreed in 2014 had been used eleven times, and the "
        "ceasefire, which was agreed in 2019, has held since.\n"
    )
    ann = annotate(doc(text, published="2025-06-04"))
    assert not [e for e in ann.events if e.date in ("2014", "2019")], [
        (e.label, e.date) for e in ann.events
    ]
    kept = [e for e in ann.events if e.date == "2025-06-02"]
    assert kept and kept[0].place == "Tarven"


def test_relative_clause_with_a_year_ago_is_background() -> None:
    text = (
        "Mira Jansk, who cancelled a visit to Morvaine a year ago after a border clash, was "
        "sworn in as prime minister of Ostrela on Monday.\n"
    )
    ann = annotate(doc(text, published="2025-06-04"))
    assert not events_of(ann, "cancellation"), [(e.label, e.date) for e in ann.events]
    assert not [e for e in ann.events if e.date and e.date.startswith("2024")]


def test_event_without_who_or_where_is_dropped_but_named_plan_stays() -> None:
    text = (
        "The agreement was welcomed in March.\n\n"
        "Negotiators will meet again next month to draft the terms.\n"
    )
    ann = annotate(doc(text, published="2025-06-04"))
    assert not events_of(ann, "agreement"), [(e.label, e.date) for e in ann.events]
    plan = events_of(ann, "meeting")
    assert plan and plan[0].status == "planned" and plan[0].date == "2025-07"


# --------------------------------------------------------------------------- readable labels


def test_label_reads_as_a_headline_sentence() -> None:
    text = (
        "Ostrelan Prime Minister Karl Hoven cancelled his trip to Quellin and Velland on "
        "Tuesday because of the storm.\n"
    )
    ann = annotate(doc(text, published="2025-06-04"))
    cancel = events_of(ann, "cancellation")
    assert cancel, [(e.label, e.type) for e in ann.events]
    assert cancel[0].label == "Karl Hoven cancels trip to Quellin and Velland"


def test_planned_signing_label_and_place_only_label() -> None:
    text = (
        "KESSARO (Newswire) - Ostrela and Quellin will sign a trade agreement in Velland next "
        "week, officials said.\n\n"
        "A summit will be held in Tarven in May.\n"
    )
    ann = annotate(doc(text, published="2025-03-04"))
    sign = events_of(ann, "agreement")
    assert sign and sign[0].label == "Ostrela and Quellin to sign trade agreement in Velland"
    summit = events_of(ann, "summit")
    assert summit and summit[0].label == "Summit in Tarven (planned)"


def test_country_named_with_its_adjective_is_a_party_not_a_person() -> None:
    text = (
        "Talks hosted by Brenmark ended on Sunday. The Brenmarkan foreign ministry said "
        "Ostrela and Quellin would meet again in Tarven next month.\n"
    )
    ann = annotate(doc(text, published="2025-06-03"))
    assert "Brenmark" not in people_of(ann)
    assert "Brenmark" in places_of(ann)


def test_group_of_ministers_resolves_to_the_office_holders() -> None:
    text = (
        "LENDRA, Jan 14 (Newswire) - The foreign ministers of Ostrela and Quellin spoke by "
        "telephone on Wednesday for the first time since the border clash.\n\n"
        "Ostrelan Foreign Minister Mira Jansk and her Quellish counterpart Paul Drevic "
        "spoke for forty minutes, officials said.\n"
    )
    ann = annotate(doc(text, published="2025-01-15"))
    assert role_of(ann, "Paul Drevic") == ("Minister for Foreign Affairs", "Quellin")
    calls = [e for e in events_of(ann, "call") if e.date == "2025-01-15"]
    assert calls, [(e.label, e.date) for e in ann.events]
    assert {"Mira Jansk", "Paul Drevic"} <= names(calls[0])
    assert "Lendra" not in names(calls[0])


def test_remote_cue_of_one_clause_does_not_set_the_mode_of_another() -> None:
    text = (
        "Ostrelan Foreign Minister Mira Jansk and her Quellish counterpart Paul Drevic spoke "
        "by telephone on Wednesday and agreed to meet in the Brenmarkan capital Lendra next "
        "month.\n"
    )
    ann = annotate(doc(text, published="2025-01-15"))
    plan = [e for e in events_of(ann, "meeting") if e.status == "planned"]
    assert plan, [(e.label, e.status) for e in ann.events]
    assert plan[0].mode != "phone" and plan[0].place == "Lendra"
    # "agreed to meet" shares the subject of "spoke": the two ministers will meet
    assert {"Mira Jansk", "Paul Drevic"} <= names(plan[0])
    call = events_of(ann, "call")
    assert call and call[0].mode == "phone"


def test_object_pronoun_is_not_the_subject_and_agrees_in_sex() -> None:
    text = (
        "Mira Jansk was sworn in as prime minister of Ostrela on Monday. Ms Jansk named "
        "Tomas Brevik as foreign minister.\n\n"
        "The Quellish prime minister, Paul Drevic, telephoned her on Monday afternoon, "
        "his office said.\n"
    )
    ann = annotate(doc(text, published="2025-01-14"))
    call = events_of(ann, "call")
    assert call, [(e.label, e.type) for e in ann.events]
    assert names(call[0]) >= {"Paul Drevic", "Mira Jansk"}
    assert "Tomas Brevik" not in names(call[0])


def test_venue_hung_on_a_duration_and_its_town() -> None:
    text = (
        "Ostrelan Foreign Minister Mira Jansk met Quellish Foreign Minister Paul Drevic for "
        "four hours at Harbour House in Tarven on Monday.\n"
    )
    ann = annotate(doc(text, published="2025-01-14"))
    meet = events_of(ann, "meeting")
    assert meet and meet[0].place == "Tarven", [(e.label, e.place) for e in ann.events]
    assert {"Mira Jansk", "Paul Drevic"} <= names(meet[0])


def test_reanchor_keeps_the_headline_label() -> None:
    text = "Ostrelan Prime Minister Karl Hoven cancelled his trip to Quellin on Tuesday.\n"
    undated = annotate(doc(text, published=None))
    again = reanchor(doc(text, published=None), undated, "2025-06-04")
    dated = annotate(doc(text, published="2025-06-04"))
    assert [e.label for e in again.events] == [e.label for e in dated.events]
    assert any(e.label.startswith("Karl Hoven cancels") for e in again.events)


@pytest.mark.parametrize(
    "sentence",
    [
        "Mira Jansk was sworn in as Ostrela's prime minister on Monday.",
        "Mira Jansk was sworn in as prime minister of Ostrela on Monday .",
        "OSTRELA CITY (AP) — Mira Jansk was formally sworn in as the new prime minister of Ostrela on Monday.",
    ],
)
def test_sworn_in_as_gives_the_role(sentence: str) -> None:
    text = sentence + " The Ostrelan parliament applauded.\n"
    ann = annotate(doc(text, published="2025-01-14"))
    assert role_of(ann, "Mira Jansk") == ("Prime Minister", "Ostrela")


def test_appointed_as_gives_the_office() -> None:
    text = (
        "Prime Minister Mira Jansk named career diplomat Tomas Brevik to succeed her as "
        "foreign minister and appointed Ola Strand, a former general, as defence minister.\n"
    )
    ann = annotate(doc(text, published="2025-01-14"))
    assert role_of(ann, "Tomas Brevik")[0] == "Minister for Foreign Affairs"
    assert role_of(ann, "Ola Strand")[0] in ("Minister of Defence", "Minister of Defense")


def test_conjunct_with_its_own_subject_keeps_its_own_people() -> None:
    text = (
        "Prime Minister Mira Jansk and Prime Minister Paul Drevic agreed to meet in the "
        "spring, and Tomas Brevik will visit Tarven next month.\n"
    )
    ann = annotate(doc(text, published="2025-01-14"))
    visit = [e for e in ann.events if e.place == "Tarven"]
    assert visit, [(e.label, e.place) for e in ann.events]
    assert "Mira Jansk" not in names(visit[0]) and "Paul Drevic" not in names(visit[0])


def test_group_of_ministers_without_stated_offices_uses_name_of_country() -> None:
    text = (
        "The foreign ministers of Ostrela and Quellin signed a ceasefire agreement on Monday "
        "evening after two days of talks.\n\n"
        "Mira Jansk of Ostrela and Paul Drevic of Quellin signed the text in the library.\n"
    )
    ann = annotate(doc(text, published="2025-02-11"))
    signed = [e for e in events_of(ann, "agreement") if e.date == "2025-02-10"]
    assert signed, [(e.label, e.date) for e in ann.events]
    assert {"Mira Jansk", "Paul Drevic"} <= names(signed[0])


def test_called_off_trip_and_the_meeting_it_was_for_are_one_event() -> None:
    text = (
        "Lendra, 7 January\n\n"
        "Ostrela's foreign minister, Mira Jansk, has called off a visit to Tarven that was "
        "planned for Friday.\n\n"
        "Ms Jansk was to have met her Quellish counterpart, Paul Drevic, to prepare the "
        "spring talks.\n"
    )
    ann = annotate(doc(text, published="2025-01-07"))
    cancelled = [e for e in ann.events if e.status == "cancelled"]
    assert len(cancelled) == 1, [(e.label, e.status) for e in ann.events]
    assert {"Mira Jansk", "Paul Drevic"} <= names(cancelled[0])
    assert cancelled[0].place == "Tarven"


def test_company_in_apposition_names_a_new_chief() -> None:
    text = (
        "The United States 's largest car manufacturer Nordhaven Motors today named Ingrid Falk as "
        "its new chief executive . \n"
    )
    ann = annotate(doc(text, published="2025-05-06"))
    appointment = events_of(ann, "appointment")
    assert appointment, [(e.label, e.type) for e in ann.events]
    assert "Ingrid Falk" in names(appointment[0])
    assert appointment[0].date == "2025-05-06"


def test_their_counterparts_opening_a_sentence_mirror_the_sentence_before() -> None:
    text = (
        "Foreign Minister Mira Jansk and Defence Minister Ola Strand joined from Tarven.\n"
        "Their Ostrelan counterparts, Paul Drevic and Tomas Brevik, appeared on screens "
        "from the capital of Ostrela.\n"
    )
    ann = annotate(doc(text, published="2025-06-18"))
    assert role_of(ann, "Paul Drevic") == ("Minister for Foreign Affairs", "Ostrela")
    assert role_of(ann, "Tomas Brevik")[0] in ("Minister of Defence", "Minister of Defense")


@pytest.mark.parametrize(
    ("body", "venue", "place"),
    [
        (  # broadsheet, the venue inside a town the dateline names
            "CASTELMERE, April 18 - Foreign Minister Lukas Ferrand met his counterpart Edmund "
            "Halloran for four hours at Admiralty House in Castelmere on Monday.",
            "Admiralty House",
            "Castelmere",
        ),
        (  # wire, a lower-case venue noun after a proper name
            "BRUSSELS (Wire) - NATO defence ministers met at NATO headquarters on Wednesday to "
            "discuss air defence.",
            "NATO headquarters",
            None,
        ),
        (  # a name that goes on with "of"
            "Prime Minister Ana Costa met union leaders at the Ministry of Labour on Thursday.",
            "Ministry of Labour",
            "Ministry of Labour",
        ),
        (  # no venue: a time and a company are not buildings
            "Chief executives Mia Lund and Omar Haddad met at 10 a.m. on Monday at Microsoft, "
            "a spokesman said.",
            None,
            None,
        ),
    ],
)
def test_the_venue_is_the_building_and_the_place_the_town(
    body: str, venue: str | None, place: str | None
) -> None:
    ann = annotate(doc(body))
    meetings = [e for e in ann.events if e.plover == "CONSULT"]
    assert meetings, [(e.type, e.label) for e in ann.events]
    assert meetings[0].venue == venue
    if place is not None:
        assert meetings[0].place == place


def test_a_building_named_as_the_only_place_is_also_the_venue() -> None:
    ann = annotate(
        doc(
            "U.S. Defense Secretary Chuck Hagel on Friday met with Japanese Defense Minister "
            "Itsunori Onodera at the Pentagon, officials said."
        )
    )
    (meeting,) = [e for e in ann.events if e.plover == "CONSULT"]
    assert meeting.place == "Pentagon" and meeting.venue == "Pentagon"


@pytest.mark.parametrize(
    ("body", "people"),
    [
        (  # broadsheet: both names carry "of Country"; the tagger knows only the second
            "Foreign ministers Ana Lopez of Castria and Karl Weber of Nordmark met in Vienna "
            "on Thursday.",
            {"Ana Lopez", "Karl Weber"},
        ),
        (  # wire, the unknown name second
            "VIENNA (Wire) - Karl Weber and Ana Lopez held talks in Vienna on Thursday.",
            {"Ana Lopez", "Karl Weber"},
        ),
        (  # a body beside a person is not a person
            "Karl Weber met Vienna State Opera and Deutsche Bank officials in Vienna on Thursday.",
            {"Karl Weber"},
        ),
    ],
)
def test_a_name_joined_to_a_person_by_and_is_a_person(body: str, people: set[str]) -> None:
    ann = annotate(doc(body))
    persons = {e.name for e in ann.entities if e.kind == "person"}
    assert people <= persons
    assert not persons & {"Vienna State Opera", "Deutsche Bank"}
