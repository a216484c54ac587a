"""Unit tests of the cleaner's parts: dates, version tables, furniture judgement."""

from __future__ import annotations

import pytest

from dateline.clean.dates import full_dates, partial_dates, url_date
from dateline.clean.furniture import (
    clean_units,
    furniture_reason,
    is_body_like,
    is_dateline,
    units_of,
)
from dateline.clean.metadata import outlet_for_host, wire_credit
from dateline.clean.table import find_version_table


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Published 3 March 2021", "2021-03-03"),
        ("March 3, 2021 10:15 AM EST", "2021-03-03"),
        ("Tuesday 4 March 2014 18.02 GMT", "2014-03-04"),
        ("Updated: Sept. 30, 2019 at 4:05 p.m. ET", "2019-09-30"),
        ("2020-02-29T08:00:00Z", "2020-02-29"),
        ("Berlin, 3. März 2021", "2021-03-03"),
        ("Madrid, 7 de julio de 2020", "2020-07-07"),
        ("Paris, le 1er mai 2018", "2018-05-01"),
        ("posted 25/12/2019", "2019-12-25"),
        ("posted 12/25/2019", "2019-12-25"),
        ("Stand: 05.11.2016, 14:20 Uhr", "2016-11-05"),  # dotted dates are day first
        ("MARCH 4, 2014 / 4:12 PM / UPDATED 2 HOURS AGO", "2014-03-04"),
        ("Publié le mardi 22 novembre 2016 à 18h12", "2016-11-22"),
        ("Pubblicato martedì 5 novembre 2019", "2019-11-05"),
    ],
)
def test_full_dates(line: str, iso: str) -> None:
    assert [f.value for f in full_dates(line)] == [iso]


@pytest.mark.parametrize("line", ["03/04/2021", "31 February 2020", "2021-13-01", "in March 2021"])
def test_not_full_dates(line: str) -> None:
    """Ambiguous day/month order, impossible days and month-only dates are not stated days."""
    assert full_dates(line) == []


def test_partial_dates_never_get_a_year() -> None:
    assert [f.value for f in partial_dates("Tokyo, 7 January")] == ["--01-07"]
    assert [f.value for f in partial_dates("SEOUL, Jan. 7 (Yonhap)")] == ["--01-07"]
    assert partial_dates("Seoul, January 7, 2022") == []  # a full date is not partial


def test_url_dates() -> None:
    assert url_date("https://x.example/2013/10/04/world/a.html").value == "2013-10-04"  # type: ignore[union-attr]
    assert url_date("https://x.example/news/2019-11-20-rail").value == "2019-11-20"  # type: ignore[union-attr]
    month = url_date("https://x.example/2019/11/rail.html")
    assert month is not None and (month.value, month.precision) == ("2019-11", "month")
    assert url_date("https://x.example/story/12345") is None


def test_datelines() -> None:
    assert is_dateline("Tokyo, 7 January, /AJMEDIA/")
    assert is_dateline("Published 3 March 2021")
    assert is_dateline("Xinhua, July 12, 2014")
    assert not is_dateline("Ministers meet on 3 March")  # a headline that mentions a date
    assert not is_dateline("The minister arrived on 3 March 2021 and met her counterpart.")


@pytest.mark.parametrize(
    "line",
    [
        "Print E-mail Bookmark and Share",
        "XS",
        "A+",
        "Home > World > Asia",
        "Follow us on Instagram",
        "3 Comments",
        "Sign up for our weekly newsletter",
        "Skip to content",
        "https://example.org/a/b",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert furniture_reason(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Shares in the company rose after the minister said he would print more money for the budget.",
        '"Follow the money," the prosecutor told the court on Tuesday, pointing at a stack of invoices.',
        "Talks in Vestby",
        "He said the newsletter of the party had been banned by the authorities last month.",
    ],
)
def test_body_lines_are_not_furniture(line: str) -> None:
    assert furniture_reason(line) is None


def test_head_and_tail_position_rules() -> None:
    units = [
        "World",
        "Ministers agree on budget",
        "The finance ministers agreed on Monday on a common budget for the region, officials said.",
        "Talks in Vestby",
        "The talks will continue in Vestby next month, according to a statement from the ministries.",
        "Top stories",
    ]
    out = clean_units(units)
    assert out.title == "Ministers agree on budget"
    assert out.removed == ["World", "Top stories"]
    assert "Talks in Vestby" in out.body  # a mid-body subheading is kept


def test_hard_wrapped_text_becomes_paragraphs() -> None:
    text = "\n".join(
        [
            "The ministers met on Monday in the port city to discuss the new rules",
            "for freight and the customs checks that have slowed trade since",
            "the spring, officials from both sides said after the meeting.",
            "",
            "A second meeting is planned for the autumn, when the ministers hope",
            "to sign an agreement that both parliaments would then have to",
            "approve before the end of the year, the statement added.",
        ]
    )
    units = units_of(text)
    assert len(units) == 2 and units[0].endswith("after the meeting.")


def test_version_table_with_pipes_inside_cells_and_three_columns() -> None:
    lines = [
        "| Version 4 | Version 5 | Version 6 |",
        "|---|---|---|",
        "| Old headline | Old headline | New headline |",
        "| First paragraph. | First paragraph. | First paragraph, revised. |",
        "| | Added paragraph. | Added paragraph. |",
        "After the table.",
    ]
    table = find_version_table(lines)
    assert table is not None and (table.start, table.end) == (0, 5)
    assert [v.index for v in table.versions] == [4, 5, 6]
    assert [v.title for v in table.versions] == ["Old headline", "Old headline", "New headline"]
    assert table.versions[0].paragraphs == ["First paragraph."]
    assert table.versions[2].paragraphs == ["First paragraph, revised.", "Added paragraph."]


def test_wire_credits_and_hosts() -> None:
    assert wire_credit(["SEOUL, Jan. 7 (Yonhap) -- South Korea said"]) is not None
    assert wire_credit(["SEOUL, Jan. 7 (Yonhap) -- South Korea said"])[0] == "Yonhap"  # type: ignore[index]
    assert wire_credit(["Xinhua, July 12, 2014"])[0] == "Xinhua"  # type: ignore[index]
    assert wire_credit(["The talks (which lasted hours) ended."]) is None
    assert outlet_for_host("news.bbc.co.uk") == "BBC"
    assert outlet_for_host("www.unknown.example") is None


def test_short_repeated_sentences_are_the_articles_own_words() -> None:
    body = "The minister answered every question put to her by the committee on Tuesday afternoon."
    units = [
        "Minister faces committee",
        body,
        '"No."',
        "She was then asked whether she would resign from the cabinet.",
        '"No."',
    ]
    out = clean_units(units)
    assert out.body.count('"No."') == 2


def test_breaking_banner_alone_goes_but_a_breaking_headline_stays() -> None:
    body = "The minister of transport resigned on Monday after a row over the harbour contract, officials said."
    assert clean_units(["Breaking News", "Minister quits", body]).removed == ["Breaking News"]
    assert clean_units(["BREAKING: Minister quits", body]).title == "BREAKING: Minister quits"


def _clean_text(raw: str):  # type: ignore[no-untyped-def]
    from dateline.clean import documents_from_capture
    from dateline.models import Capture

    return documents_from_capture(Capture(source="t.txt", kind="text", raw=raw))[0]


def test_a_date_in_the_headline_or_in_prose_is_not_the_publication_date() -> None:
    doc = _clean_text(
        "Talks set for 3 March 2021 in Vestby\n\n"
        "On 3 March 2021 - a Tuesday - the ministers of Estmark and Norland will meet in Vestby, officials said.\n"
    )
    assert doc.title == "Talks set for 3 March 2021 in Vestby"
    assert doc.published is None


def test_inline_dateline_with_full_date_is_stated() -> None:
    doc = _clean_text(
        "WASHINGTON, March 3, 2021 (Reuters) - The ministers of Estmark and Norland met in Washington, officials said.\n"
    )
    assert doc.published is not None and doc.published.value == "2021-03-03"
    assert doc.outlet == "Reuters"


def test_markdown_heading_becomes_the_title() -> None:
    doc = _clean_text(
        "# Estmark and Norland sign accord\n\nThe ministers of Estmark and Norland signed an accord in Vestby on Monday, officials said.\n"
    )
    assert doc.title == "Estmark and Norland sign accord"
    assert not doc.body.startswith("#")


def test_inline_dateline_date_carries_evidence_into_the_body() -> None:
    doc = _clean_text(
        "WASHINGTON, March 3, 2021 (Reuters) - The ministers of Estmark and Norland met in Washington, officials said.\n"
    )
    assert doc.published is not None
    (ev,) = doc.published.evidence
    assert ev.document == doc.id
    assert doc.body[ev.start : ev.end] == ev.sentence
    assert "March 3, 2021" in ev.sentence


def test_given_dates_are_normalised_to_their_precision() -> None:
    from dateline.clean import documents_from_capture
    from dateline.models import Capture

    body = "The ministers of Estmark and Norland met in Vestby on Monday, officials said."
    for given, value, precision in (
        ("2013-10-03T09:00:00Z", "2013-10-03", "day"),
        ("2013-10", "2013-10", "month"),
        ("2013-10-03", "2013-10-03", "day"),
    ):
        capture = Capture(source="r.jsonl", kind="jsonl", raw=body, published=given)
        published = documents_from_capture(capture)[0].published
        assert published is not None
        assert (published.value, published.precision, published.basis) == (
            value,
            precision,
            "given",
        )


def test_site_name_is_cut_from_an_html_title() -> None:
    from dateline.clean import documents_from_capture
    from dateline.models import Capture

    html = (
        "<html><head><title>Ministers meet in Vestby | The Northern Ledger</title>"
        '<meta property="og:site_name" content="The Northern Ledger"></head><body>'
        "<p>The ministers of Estmark and Norland met in Vestby on Monday to discuss the border, "
        "officials said after a meeting that lasted most of the day.</p></body></html>"
    )
    doc = documents_from_capture(Capture(source="p.html", kind="html", raw=html))[0]
    assert doc.outlet == "The Northern Ledger"
    assert doc.title == "Ministers meet in Vestby"


def test_hard_wrapped_text_without_blank_lines_keeps_furniture_apart() -> None:
    text = "\n".join(
        [
            "Share",
            "The ministers met on Monday in the port city to discuss the new rules",
            "for freight and the customs checks that have slowed trade since",
            "the spring, officials from both sides said after the meeting.",
            "A second meeting is planned for the autumn, when the ministers hope",
            "to sign an agreement that both parliaments would then have to",
            "approve before the end of the year, the statement added.",
            "Print",
        ]
    )
    assert units_of(text) == [
        "Share",
        "The ministers met on Monday in the port city to discuss the new rules for freight and the "
        "customs checks that have slowed trade since the spring, officials from both sides said "
        "after the meeting.",
        "A second meeting is planned for the autumn, when the ministers hope to sign an agreement "
        "that both parliaments would then have to approve before the end of the year, the "
        "statement added.",
        "Print",
    ]


def test_one_line_per_paragraph_dump_with_short_furniture_is_not_hard_wrapped() -> None:
    paragraphs = [
        "TESSEL, July 9 (Northwire) - Arland and Corvina agreed on Tuesday to restart talks on "
        "sharing the waters of the Brava river, which stalled two years ago.",
        "The foreign ministers met for three hours in the capital and said negotiators would "
        "sit down again in September, after the harvest.",
        '"Rivers do not read maps," Lind told reporters after the meeting. "So we will have '
        'to read them together."',
        "Duval said Corvina would share data from its gauging stations with Arlandic engineers "
        "every week, as Arland had asked.",
    ]
    furniture = ["Menu   Search   Log in", "Share", "Print", "By Northwire", "July 9, 2019"]
    text = "\n".join([*furniture, *paragraphs, "More from the Courier", "Post Comment"])
    assert units_of(text) == [*furniture, *paragraphs, "More from the Courier", "Post Comment"]


def test_hard_wrapped_dump_without_blank_lines_among_furniture_is_unwrapped() -> None:
    wrapped = [
        "The foreign ministers of Arland and Corvina began talks on Tuesday on",
        "sharing the waters of the Brava river, which stalled two years ago over",
        "a dam project upstream.",
        "The ministers met for three hours in the Arlandic capital and said that",
        "negotiators would sit down again in September, after the wheat harvest",
        "was in.",
    ]
    text = "\n".join(["Share", "Print", "", *wrapped, "", "Related", "Comments"])
    units = units_of(text)
    assert "Share" in units and "Related" in units
    assert units[2].startswith("The foreign ministers") and units[2].endswith("upstream.")
    assert units[3].startswith("The ministers met") and units[3].endswith("was in.")


def test_url_dates_with_month_names_and_labelled_european_dates() -> None:
    found = url_date("https://www.herald.example/world/2019/nov/05/river-deal")
    assert found is not None and (found.value, found.precision) == ("2019-11-05", "day")
    assert url_date("https://www.herald.example/world/2019/abc/05/x") is None

    from dateline.clean.dates import labelled_dates

    assert [f.value for f in labelled_dates("Veröffentlicht am 05.11.2019, 14:20 Uhr")] == [
        "2019-11-05"
    ]
    assert [f.value for f in labelled_dates("Publié le 05/11/2019 à 18h12 - Mis à jour")] == [
        "2019-11-05"
    ]
    assert labelled_dates("Publicado el martes") == []  # no complete date
    assert labelled_dates("The talks were published widely") == []


def test_headlines_listed_under_the_article_without_a_heading_are_dropped() -> None:
    units = [
        "Arland and Corvina sign river deal",
        "The foreign ministers of Arland and Corvina signed a deal on the Brava river on "
        "Saturday, after two years of talks.",
        "Negotiators will meet twice a year to check the gauges, both ministries said.",
        "Corvina's dam builder wins new contract in the south",
        "Drought cuts Arland's wheat harvest by a fifth",
    ]
    cleaned = clean_units(units)
    assert cleaned.title == units[0]
    assert cleaned.body == units[1:3]
    assert units[3] in cleaned.removed and units[4] in cleaned.removed


def test_a_section_label_in_capitals_is_not_a_masthead() -> None:
    units = [
        "WORLD NEWS",
        "Arland and Corvina sign river deal",
        "By Ana Berg",
        "The foreign ministers of Arland and Corvina signed a deal on the Brava river on "
        "Saturday, after two years of talks.",
    ]
    cleaned = clean_units(units)
    assert cleaned.masthead is None
    assert cleaned.title == "Arland and Corvina sign river deal"
    units[0] = "THE TESSEL GAZETTE"
    cleaned = clean_units(units)
    assert cleaned.masthead == "The Tessel Gazette"
    assert cleaned.title == "Arland and Corvina sign river deal"


def test_abbreviations_do_not_make_a_date_line_a_sentence() -> None:
    line = "Published 7:45 a.m. ET Oct. 13, 2014 | Updated 11:02 a.m. ET Oct. 13, 2014"
    assert not is_body_like(line)
    assert is_body_like("The ministers of the two countries met in the capital at 9 a.m.")
