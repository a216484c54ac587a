"""Who took part and which day the text is on: invented texts in several styles.

- "later that day", "the next morning", "a morning meeting", "spent the day": the day the
  narrative is on (the last day the text named, else the document's own day);
- the subjects of the clause that heads for, spends time at or travels to a meeting take
  part in it, and so do the people a plural "counterparts" lists;
- a country is a participant beside the people only when none of them acts for it.
"""

from __future__ import annotations

import pytest

from dateline.models import Annotation, DateEstimate, Document, Event
from dateline.understand import annotate, reanchor

WEDNESDAY = "2024-03-13"  # so "on Tuesday" is 2024-03-12, "on Friday" (future) 2024-03-15


def doc(body: str, published: str | None = WEDNESDAY) -> Document:
    return Document(
        id="n",
        source="narrative.txt",
        kind="text",
        body=body,
        published=DateEstimate(published) if published else None,
    )


def people(ev: Event) -> set[str]:
    return {p.name for p in ev.participants if p.kind == "person"}


def parties(ev: Event) -> set[str]:
    return {p.name for p in ev.participants if p.kind == "organisation"}


def with_people(ann: Annotation, *names: str) -> list[Event]:
    return [e for e in ann.events if set(names) <= people(e)]


def show(ann: Annotation) -> list[tuple[str, str, str | None, list[str]]]:
    return [(e.type, e.status, e.date, sorted(people(e) | parties(e))) for e in ann.events]


# --------------------------------------------------------------------------- the narrative's day

BROADSHEET = """The foreign secretary, Maria Holt, arrived in Kestrel on Tuesday for two days of talks with the Ostland foreign minister, Piet Varga.

Following a morning meeting between Holt and the Ostland defence minister, Lena Brandt, Ms Holt told reporters that the border question was "not closed".
"""


def test_a_morning_meeting_is_on_the_day_the_text_is_on() -> None:
    ann = annotate(doc(BROADSHEET, published="2024-03-14"))
    [morning] = [e for e in with_people(ann, "Maria Holt", "Lena Brandt") if e.type == "meeting"]
    # the day the text last named (Tuesday), not the publication day (Thursday)
    assert (morning.date, morning.precision, morning.status) == ("2024-03-12", "day", "happened")
    # a second, smaller meeting: not merged into the talks with Varga because of the day
    assert "Piet Varga" not in people(morning), show(ann)


def test_a_morning_meeting_with_no_day_before_it_is_on_the_documents_day() -> None:
    text = (
        "After a morning meeting with the Ostland foreign minister, Piet Varga, the defence "
        "secretary, Tom Reyes, said the exercises would go ahead."
    )
    ann = annotate(doc(text))
    [ev] = with_people(ann, "Piet Varga", "Tom Reyes")
    assert (ev.date, ev.precision) == (WEDNESDAY, "day")


def test_a_planned_morning_meeting_gets_no_borrowed_day() -> None:
    """ "will hold a morning meeting" says nothing of which day."""
    text = "Trade Minister Ida Sorel will hold a morning meeting with Anton Meyer, officials said."
    ann = annotate(doc(text))
    evs = with_people(ann, "Ida Sorel", "Anton Meyer")
    assert evs and all(e.date is None for e in evs), show(ann)


WIRE_US = """LENDRA, Nov. 3 (Wirenews) - Brenmark's President Oskar Dahl met Prime Minister Saul Idris of Norland on Nov. 3 in Lendra.

The next day, Dahl visited the port of Sarnes with Idris, officials said.
"""


def test_the_next_day_is_one_day_after_the_day_before_it_american_dates() -> None:
    ann = annotate(doc(WIRE_US, published="2023-11-05"))
    [visit] = [e for e in ann.events if e.type == "visit"]
    assert (visit.date, visit.precision, visit.status) == ("2023-11-04", "day", "happened")
    assert {"Oskar Dahl", "Saul Idris"} <= people(visit)


TOKENISED = (
    "Defence Minister Rui Amaral met his Spanish counterpart Clara Ibanez on Monday in Lisbon .\n"
    "Later that day , Amaral met Interior Minister Joao Pires .\n"
)


def test_later_that_day_in_tokenised_text_keeps_the_weekday_across_a_reanchor() -> None:
    document = doc(TOKENISED, published=None)
    ann = annotate(document)
    [later] = with_people(ann, "Rui Amaral", "Joao Pires")
    assert later.date is None  # no anchor yet: kept symbolic
    ann2 = reanchor(document, ann, WEDNESDAY)
    [later2] = with_people(ann2, "Rui Amaral", "Joao Pires")
    [first] = with_people(ann2, "Rui Amaral", "Clara Ibanez")
    assert later2.date == first.date == "2024-03-11"


def test_spending_the_day_at_talks_dates_them_to_the_text_day() -> None:
    """British broadsheet: no date in the sentence, the day is the one just named."""
    text = (
        "The defence secretary, Clara Voight, left Marrow on Tuesday evening with a promise "
        "of warning before naval drills.\n\n"
        "Voight and the foreign secretary, Edmund Hale, spent the day at the Old Mint with "
        "their Ostland counterparts, Irma Kassel and Anton Ries, in the first meeting of "
        "the four ministers together.\n"
    )
    ann = annotate(doc(text))
    four = with_people(ann, "Clara Voight", "Edmund Hale", "Irma Kassel", "Anton Ries")
    assert four, show(ann)
    assert (four[0].type, four[0].status, four[0].date) == ("meeting", "happened", "2024-03-12")


# --------------------------------------------------------------------------- who takes part


def test_people_heading_somewhere_for_a_meeting_take_part_in_it() -> None:
    """Live-blog style; the next sentence's person does not crowd out the travellers."""
    text = (
        "10:42 Update: Maria Holt and Tom Reyes head to the island of Palo on Friday for a "
        "ministerial meeting of the Southern Ocean Forum, after two days of talks in Kestrel.\n\n"
        "President Nadia Okoro is also expected to attend the forum meeting.\n"
    )
    ann = annotate(doc(text))
    palo = [e for e in ann.events if e.place == "Palo"]
    assert len(palo) == 1, show(ann)
    ev = palo[0]
    assert {"Maria Holt", "Tom Reyes"} <= people(ev), show(ann)
    assert (ev.status, ev.date) == ("planned", "2024-03-15")
    # the travellers come first: the label names them before the next sentence's person
    assert [p.name for p in ev.participants][:2] == ["Maria Holt", "Tom Reyes"]
    # the talks they come from are behind them: not planned for Friday
    assert not [e for e in ann.events if e.type == "talks" and e.status == "planned"], show(ann)


def test_travelling_for_the_signing_with_someone_names_both_signatories() -> None:
    text = (
        "KESTREL, March 13 (Wirenews) - Ostland and Brenmark will sign a fisheries "
        "agreement in Lendra next week, the Ostland government said on Wednesday.\n\n"
        "Ostland Prime Minister Henrik Salo will travel to Lendra for the signing with "
        "Brenmark's Prime Minister Eva Lind on March 19, a spokesman said.\n"
    )
    ann = annotate(doc(text))
    signed = [e for e in ann.events if e.type == "agreement" and e.place == "Lendra"]
    assert len(signed) == 1, show(ann)
    ev = signed[0]
    assert {"Henrik Salo", "Eva Lind"} <= people(ev)
    assert (ev.status, ev.date, ev.precision) == ("planned", "2024-03-19", "day")


def test_a_plural_counterparts_apposition_gives_every_name() -> None:
    text = (
        "Foreign Minister Jan Olsen and Defence Minister Mia Berg held talks in Oslo on "
        "Tuesday with their Danish counterparts, Lars Holm, Sofie Dahl and Peter Krag, "
        "officials said."
    )
    ann = annotate(doc(text))
    evs = [e for e in ann.events if e.type in ("talks", "meeting")]
    assert evs, show(ann)
    assert {"Jan Olsen", "Mia Berg", "Lars Holm", "Sofie Dahl", "Peter Krag"} <= people(evs[0])


def test_a_singular_counterpart_apposition_gives_one_name() -> None:
    text = (
        "Foreign Minister Jan Olsen met his Danish counterpart, Lars Holm, in Oslo on "
        "Tuesday, and Sofie Dahl, the Danish trade minister, flew home."
    )
    ann = annotate(doc(text))
    [ev] = [e for e in ann.events if e.type == "meeting"]
    assert people(ev) == {"Jan Olsen", "Lars Holm"}, show(ann)


# --------------------------------------------------------------------------- countries as parties


def test_countries_whose_ministers_take_part_are_not_listed_beside_them() -> None:
    text = (
        "The foreign and defence ministers of Japan and the United States met in Tokyo on "
        "Tuesday. The talks involved U.S. Secretary of State Ann Carver and Defense "
        "Secretary Paul Reddy, as well as Japan's Foreign Minister Kenji Mori and Defense "
        "Minister Aya Sato."
    )
    ann = annotate(doc(text))
    evs = with_people(ann, "Ann Carver", "Paul Reddy", "Kenji Mori", "Aya Sato")
    assert evs, show(ann)
    assert not parties(evs[0]) & {"Japan", "United States"}, show(ann)


def test_a_country_nobody_speaks_for_stays_a_party() -> None:
    text = (
        "France and Germany signed a border agreement in Strasbourg on Tuesday, with French "
        "Foreign Minister Paul Girard signing for France."
    )
    ann = annotate(doc(text))
    [signed] = [e for e in ann.events if e.type == "agreement"]
    assert "Paul Girard" in people(signed), show(ann)
    assert parties(signed) == {"Germany"}, show(ann)


# --------------------------------------------------------------------------- people and places


@pytest.mark.parametrize("name", ["Tomas Brekke", "Arno Delcour"])  # the tagger: PERSON / ORG
def test_a_name_described_as_a_person_is_one_and_gets_the_office_it_is_given(name: str) -> None:
    text = (
        f"SARNES (Wirenews) - Prime Minister Eva Lind on Monday appointed {name}, a "
        "retired air force general, as defence minister, replacing Ola Strand."
    )
    ann = annotate(doc(text, published="2024-03-11"))
    kinds = {e.name: e.kind for e in ann.entities}
    assert kinds.get(name) == "person", kinds
    assert (name, "Minister of Defense") in {(r.person, r.office) for r in ann.roles}
    [ev] = [e for e in ann.events if e.type == "appointment"]
    assert {"Eva Lind", name} <= people(ev), show(ann)


def test_a_place_described_with_a_place_noun_is_not_made_a_person() -> None:
    text = "Ostland, a former colony, said on Monday that Ida Berg would lead its delegation."
    ann = annotate(doc(text))
    assert "Ostland" not in {e.name for e in ann.entities if e.kind == "person"}


def test_a_trip_that_would_be_to_a_town_names_the_town_as_its_place() -> None:
    text = (
        "Lukas Varn, the new foreign minister, said his first trip abroad would be to "
        'Kelmarsh. "Every road runs through Kelmarsh," he said.'
    )
    ann = annotate(doc(text))
    assert "Kelmarsh" not in {e.name for e in ann.entities if e.kind == "person"}
    trips = [e for e in ann.events if e.type == "visit"]
    assert trips and trips[0].place == "Kelmarsh" and trips[0].status == "planned", show(ann)


def test_talks_before_a_past_act_keep_its_day_and_people() -> None:
    """ "signed ... on Thursday afternoon after three hours of talks": the talks were theirs,
    that day (and a future journey after talks does not make the talks future)."""
    text = (
        "Prime Minister Henrik Salo and his Brenmark counterpart, Eva Lind, signed a joint "
        "declaration in Lendra on Tuesday afternoon after three hours of talks."
    )
    ann = annotate(doc(text))
    [talks] = [e for e in ann.events if e.type == "talks"]
    assert {"Henrik Salo", "Eva Lind"} <= people(talks)
    assert (talks.status, talks.date) == ("happened", "2024-03-12")


def test_an_opening_after_phrase_is_behind_the_travellers_not_their_subject() -> None:
    """ "After the talks in X, A and B head to Y on Friday": the talks are past, not Friday's."""
    text = (
        "After the talks in Kestrel, Maria Holt and Tom Reyes head to the island of Palo on "
        "Friday for a ministerial meeting of the Southern Ocean Forum.\n\n"
        "After the talks ended on Tuesday, Holt said she was pleased.\n"
    )
    ann = annotate(doc(text))
    talks = [e for e in ann.events if e.type == "talks"]
    assert len(talks) == 1 and talks[0].status == "happened", show(ann)
    assert talks[0].date == "2024-03-12"  # from "ended on Tuesday", not the trip's Friday
    [palo] = [e for e in ann.events if e.place == "Palo"]
    assert {"Maria Holt", "Tom Reyes"} <= people(palo) and palo.date == "2024-03-15"


def test_a_visit_inside_a_reduced_relative_past_participle_happened() -> None:
    text = (
        "The accord, signed during a state visit to Kelmarsh by President Nadia Okoro and "
        "Chancellor Paul Weber, calls for joint patrols in the strait."
    )
    ann = annotate(doc(text))
    visits = [e for e in ann.events if e.type == "visit"]
    assert visits and visits[0].status == "happened", show(ann)
    assert {"Nadia Okoro", "Paul Weber"} <= people(visits[0])


def test_a_scheduled_meeting_in_a_reduced_relative_is_still_planned() -> None:
    text = (
        "The meeting between President Nadia Okoro and Chancellor Paul Weber, scheduled for "
        "Friday in Kelmarsh, is expected to focus on trade."
    )
    ann = annotate(doc(text))
    meetings = [e for e in ann.events if e.type == "meeting"]
    assert meetings and meetings[0].status == "planned", show(ann)
    assert meetings[0].date == "2024-03-15"


def test_a_described_name_in_tokenised_text_and_not_the_next_speaker() -> None:
    text = (
        "Orders fell at Kestrel Motors , a spokesman for the group , Henrik Vale , said .\n"
        "Output at Varna Steel , a Romanian official said , will halve .\n"
        "Marta Ilic , a senior market analyst , expects a rebound .\n"
    )
    ann = annotate(doc(text))
    persons = {e.name for e in ann.entities if e.kind == "person"}
    assert "Marta Ilic" in persons
    assert not {"Varna Steel", "Kestrel Motors"} & persons, persons


def test_a_counterparts_list_ends_at_its_and() -> None:
    text = (
        "Foreign Minister Jan Olsen hosted talks in Oslo on Tuesday with his Nordic "
        "counterparts, Lars Holm and Sofie Dahl, Peter Krag said."
    )
    ann = annotate(doc(text))
    evs = [e for e in ann.events if e.type in ("talks", "meeting")]
    assert evs and {"Jan Olsen", "Lars Holm", "Sofie Dahl"} <= people(evs[0]), show(ann)
    assert "Peter Krag" not in people(evs[0])


def test_a_counterpart_with_no_office_still_acts_for_the_country_the_text_gives() -> None:
    text = (
        "Henrik Salo and his Brenmarkan counterpart, Eva Lind, signed a joint declaration in "
        "Lendra on Tuesday, and Brenmark welcomed the deal."
    )
    ann = annotate(doc(text))
    countries = {e.name: e.country for e in ann.entities if e.kind == "person"}
    assert countries.get("Eva Lind") == "Brenmark", countries
