"""Time expressions: detection and resolution rules (pure functions, no parser)."""

from __future__ import annotations

import pytest

from dateline.understand import timex


def one(text: str, anchor: str | None, tense: str | None = None) -> tuple[str | None, str]:
    found = timex.normalise(text, anchor, tense)
    assert found, f"nothing found in {text!r}"
    return found[0].value, found[0].precision


# anchor 2024-03-14 is a Thursday
A = "2024-03-14"


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("The ministers met on Tuesday.", "past", "2024-03-12"),
        ("The ministers will meet on Tuesday.", "future", "2024-03-19"),
        ("They met on Thursday.", "past", "2024-03-14"),  # the anchor's own weekday is today
        ("They will meet on Thursday.", "future", "2024-03-14"),
        ("Leaders are meeting Friday in Oslo.", "present", "2024-03-15"),  # nearest
        ("Leaders are meeting Monday in Oslo.", "present", "2024-03-11"),
        ("The vote was held on Sunday.", "past", "2024-03-10"),
        ("Talks resume Saturday morning.", "future", "2024-03-16"),
    ],
)
def test_weekdays_follow_tense(text: str, tense: str, value: str) -> None:
    assert one(text, A, tense) == (value, "day")


@pytest.mark.parametrize(
    ("text", "tense", "value", "precision"),
    [
        ("next week", None, "2024-W12", "week"),
        ("last week", None, "2024-W10", "week"),
        ("last month", None, "2024-02", "month"),
        ("next month", None, "2024-04", "month"),
        ("this year", None, "2024", "year"),
        ("next year", None, "2025", "year"),
        ("yesterday", None, "2024-03-13", "day"),
        ("tomorrow", None, "2024-03-15", "day"),
        ("today", None, "2024-03-14", "day"),
        ("three days ago", None, "2024-03-11", "day"),
        ("two weeks ago", None, "2024-02-29", "day"),  # a week count back names a day
        ("at 18:00 GMT", None, "2024-03-14", "day"),
        ("It fell in 2008 .", None, "2008", "year"),
        ("Sales rose in February", "past", "2024-02", "month"),
        ("by the year-end", None, "2024", "year"),
        ("by the end of the year", None, "2024", "year"),
        ("in mid-December", "past", "2023-12", "month"),
        ("in early October", "past", "2023-10", "month"),
        ("in late May", "future", "2024-05", "month"),
        ("in March", "past", "2024-03", "month"),
        ("in November", "past", "2023-11", "month"),
        ("in November", "future", "2024-11", "month"),
        ("in February", "future", "2025-02", "month"),
        ("in 2035", None, "2035", "year"),
        ("since 1997", None, "1997", "year"),
        ("the third quarter of 2023", None, "2023-Q3", "quarter"),
        ("in Q1 2025", None, "2025-Q1", "quarter"),
        ("in the 1990s", None, "199", "decade"),
        ("this summer", None, "2024-SU", "season"),
        ("last autumn", None, "2023-FA", "season"),
        ("in the spring", "future", "2024-SP", "season"),
        ("next winter", None, "2024-WI", "season"),
        ("in the first half of the year", None, "2024-H1", "half"),
        ("in the second half of 2025", None, "2025-H2", "half"),
    ],
)
def test_relative_expressions(text: str, tense: str | None, value: str, precision: str) -> None:
    assert one(text, A, tense) == (value, precision)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("on 2013-10-03", "2013-10-03"),
        ("on October 3, 2013", "2013-10-03"),
        ("on Oct. 3, 2013", "2013-10-03"),
        ("on 3 October 2013", "2013-10-03"),
        ("on 3rd October, 2013", "2013-10-03"),
        ("dated 10/03/2013", "2013-10-03"),  # US order
        ("dated 25/12/2013", "2013-12-25"),  # impossible as US: day first
        ("in October 2013", "2013-10"),
    ],
)
def test_absolute_dates_need_no_anchor(text: str, value: str) -> None:
    assert one(text, None)[0] == value


def test_partial_date_takes_the_nearest_year() -> None:
    assert one("Tokyo, 7 January", "2022-01-07")[0] == "2022-01-07"
    assert one("Paris, December 30", "2022-01-02", "past")[0] == "2021-12-30"
    assert one("on January 3", "2021-12-30", "future")[0] == "2022-01-03"


def test_unanchored_relative_times_stay_symbolic_and_reanchor() -> None:
    [t] = timex.normalise("They met on Thursday.", None, "past")
    assert t.value is None and t.symbolic == "WD(prev,3)"
    moved = timex.reanchor(t, "2013-10-04")
    assert (moved.value, moved.precision, moved.anchor) == ("2013-10-03", "day", "2013-10-04")
    [m] = timex.normalise("last month", None)
    assert m.value is None and timex.reanchor(m, "2023-01-06").value == "2022-12"


def test_absolute_dates_do_not_move_on_reanchor() -> None:
    [t] = timex.normalise("on 5 May 2020", None)
    assert timex.reanchor(t, "2024-01-01").value == "2020-05-05"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("within five years", "P5Y"),
        ("for two weeks", "P2W"),
        ("over 18 months", "P18M"),
        ("for three days", "P3D"),
    ],
)
def test_durations(text: str, value: str) -> None:
    [t] = timex.normalise(text, A)
    assert (t.kind, t.value) == ("duration", value)


def test_not_dates() -> None:
    assert timex.normalise("The minister may decide. He will march on.", A) == []
    assert timex.normalise("Sales rose 5 percent to 300 million.", A) == []
    assert timex.normalise("About 2000 people and 1500 troops.", A) == []


def test_containment_across_precisions() -> None:
    assert timex.contains("2023-01", "2023-01-11")
    assert timex.contains("2023-W02", "2023-01-11")
    assert timex.contains("2023-Q1", "2023-02")
    assert not timex.contains("2023-02", "2023-01-11")


# --------------------------------------------------------------------------- the narrative's day


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the day last named, whatever its form
        ("They met on Tuesday. Later that day, Smith left.", "2024-03-12"),
        ("The vote was on 4 March 2014. Earlier in the day, polls opened.", "2014-03-04"),
        ("The vote was on March 4, 2014. The next day, results came.", "2014-03-05"),
        ("Talks ended on Monday; the following morning they flew home.", "2024-03-12"),
        ("The summit opened on Jan. 9. The previous day, aides met.", "2024-01-08"),
        ("Police said on Tuesday that on that day nobody was hurt.", "2024-03-12"),
        # nothing named before: the document's day
        ("Earlier in the day, the minister spoke.", "2024-03-14"),
        ("The ministers spent the day at the palace.", "2024-03-14"),
        ("That morning, the ministers met.", "2024-03-14"),
    ],
)
def test_that_day_is_the_day_the_text_is_on(text: str, value: str) -> None:
    found = timex.normalise(text, A, "past")
    assert found[-1].value == value and found[-1].precision == "day", found


@pytest.mark.parametrize(
    "text",
    [
        "They took a day-to-day approach.",
        "He said that morning talks were useful.",
        "The day after the election was calm.",
        "Every morning the guards change.",
    ],
)
def test_not_a_reference_to_a_day(text: str) -> None:
    assert not [t for t in timex.normalise(text, A, "past") if t.kind == "date"]


def test_that_day_stays_symbolic_and_follows_a_new_anchor() -> None:
    """Without an anchor it keeps the reference's symbolic form, shifted; reanchor resolves it."""
    found = timex.normalise("They met on Monday. The next day they signed.", None, "past")
    nxt = found[-1]
    assert nxt.value is None and nxt.symbolic == "SHIFT(1;WD(prev,0))"
    assert timex.reanchor(nxt, A).value == "2024-03-12"
    assert timex.reanchor(nxt, "2024-03-21").value == "2024-03-19"


def test_a_far_away_day_is_not_the_reference() -> None:
    filler = "The ministers discussed many things at length. " * 60
    found = timex.normalise(f"They met on Monday. {filler}Later that day they left.", A, "past")
    assert found[-1].value == A  # more than REFERENCE_REACH back: the document's day


@pytest.mark.parametrize(
    ("text", "anchor", "value", "precision"),
    [
        # counted from the time the text was last on, not from the document date
        (
            "She cancelled a visit a year ago and signed a truce a month later.",
            A,
            "2023-04",
            "month",
        ),
        ("They met on Tuesday. Two days later they signed.", A, "2024-03-14", "day"),
        (
            "The plant opened in 1984. One year later it closed. Two years later it reopened.",
            A,
            "1987",
            "year",
        ),
        ("The vote was on 2 May 2019. A week later the result stood.", A, "2019-05-09", "day"),
        # nothing before it: the document date, as before
        ("Three days later, he resigned.", A, "2024-03-17", "day"),
        # a comparison with the same period a year before the report
        ("On Tuesday sales rose 5% from a year earlier.", A, "2023", "year"),
        ("Output fell on Tuesday. It was 3% lower than a month earlier.", A, "2024-02", "month"),
    ],
)
def test_later_and_earlier_count_from_the_narrative(
    text: str, anchor: str, value: str, precision: str
) -> None:
    last = timex.normalise(text, anchor, "past")[-1]
    assert (last.value, last.precision) == (value, precision), last


def test_a_month_later_is_resolved_again_with_a_new_anchor() -> None:
    [_, later] = timex.normalise("A year ago she left; a month later she returned.", None, "past")
    assert later.value is None and later.symbolic
    assert timex.reanchor(later, "2016-01-11").value == "2015-02"
    assert timex.reanchor(later, "2020-06-30").value == "2019-07"
