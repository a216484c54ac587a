"""The knowledge file of office holders and its loader."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest

from dateline.knowledge import (
    Knowledge,
    KnowledgeFormatError,
    Tenure,
    canonical_country,
    canonical_office,
    name_key,
    office_kind,
    same_name,
)

TODAY = dt.date(2026, 11, 24)
COUNTRIES = (
    "United States", "Japan", "United Kingdom", "France", "Germany", "Italy", "Canada",
    "China", "Russia", "India", "South Korea", "Australia",
)  # fmt: skip
OFFICES = {
    "President", "Prime Minister", "Chancellor", "Premier", "General Secretary", "Monarch",
    "Emperor", "Minister for Foreign Affairs", "Minister of Defense", "Secretary of State",
    "Secretary of Defense", "Ambassador to Japan", "Vice President", "Chief Cabinet Secretary",
}  # fmt: skip
KINDS = ("head_of_state", "head_of_government", "foreign", "defense")
# The Russian Federation exists from the Soviet Union's end; its defence ministry from
# 1992-03-16. Every other country and office is covered from 1990-01-01.
COVER_FROM = {
    ("Russia", "head_of_state"): dt.date(1991, 12, 26),
    ("Russia", "head_of_government"): dt.date(1991, 12, 26),
    ("Russia", "foreign"): dt.date(1991, 12, 26),
    ("Russia", "defense"): dt.date(1992, 3, 16),
}
MAX_GAP = dt.timedelta(days=60)  # longer vacancies must say "vacancy" in the next row's note


@pytest.fixture(scope="module")
def kb() -> Knowledge:
    k = Knowledge.load()
    k.today = TODAY
    return k


def _rows() -> list[dict[str, str]]:
    text = (resources.files("dateline") / "data" / "office_holders.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def _kind(office: str, country: str) -> str | None:
    if office in ("President", "Monarch", "Emperor"):
        return "head_of_state"
    if office in ("Prime Minister", "Chancellor", "Premier"):
        return "head_of_government"
    if office in ("Minister for Foreign Affairs", "Secretary of State"):
        return "foreign"
    if office in ("Minister of Defense", "Secretary of Defense"):
        return "defense"
    return None


def _is_acting(note: str) -> bool:
    """Stand-in rows say so first (docs/knowledge-format.md); only they may overlap."""
    return note.lower().startswith(("acting", "interim", "ad interim"))


# --------------------------------------------------------------------------- the bundled file


def test_bundled_rows_are_well_formed() -> None:
    rows = _rows()
    assert len(rows) > 500
    seen = set()
    for n, row in enumerate(rows, start=2):
        where = f"office_holders.csv line {n}: {row}"
        assert row["person"].strip() == row["person"] and row["person"], where
        assert row["office"] in OFFICES, where
        assert row["country"] in COUNTRIES, where
        assert row["source"].startswith("https://"), where
        start = dt.date.fromisoformat(row["start"])
        assert start >= dt.date(1950, 1, 1), where
        if row["end"]:
            end = dt.date.fromisoformat(row["end"])
            assert start <= end <= TODAY, where
            assert end >= dt.date(1990, 1, 1), f"row ends before 1990: {where}"
        key = (row["person"], row["office"], row["country"], row["start"])
        assert key not in seen, f"duplicate row: {where}"
        seen.add(key)


def test_bundled_file_has_no_overlapping_single_holder_tenures() -> None:
    by_office: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in _rows():
        by_office[(row["country"], row["office"])].append(row)
    problems = []
    for (country, office), rows in by_office.items():
        for group in (
            [r for r in rows if not _is_acting(r["note"])],
            [r for r in rows if _is_acting(r["note"])],
        ):
            group.sort(key=lambda r: r["start"])
            for prev, nxt in itertools.pairwise(group):
                prev_end = prev["end"] or TODAY.isoformat()
                if nxt["start"] < prev_end:
                    problems.append(
                        f"{office} of {country}: {prev['person']} ({prev['start']}..{prev['end']})"
                        f" overlaps {nxt['person']} ({nxt['start']}..{nxt['end']})"
                    )
    assert not problems, "\n".join(problems)


def test_bundled_file_covers_every_country_and_office_kind_since_1990() -> None:
    spans: dict[tuple[str, str], list[tuple[dt.date, dt.date, dict[str, str]]]] = defaultdict(list)
    for row in _rows():
        kinds = {_kind(row["office"], row["country"])}
        if row["country"] == "United States" and row["office"] == "President":
            kinds.add("head_of_government")  # the US President heads the government too
        for kind in kinds - {None}:
            start = dt.date.fromisoformat(row["start"])
            end = dt.date.fromisoformat(row["end"]) if row["end"] else TODAY
            spans[(row["country"], str(kind))].append((start, end, row))
    problems = []
    for country in COUNTRIES:
        for kind in KINDS:
            cover_from = COVER_FROM.get((country, kind), dt.date(1990, 1, 1))
            items = sorted(spans.get((country, kind), []), key=lambda s: s[0])
            if not items:
                problems.append(f"{country} {kind}: no rows")
                continue
            reach = cover_from
            if items[0][0] > cover_from:
                problems.append(f"{country} {kind}: first tenure starts {items[0][0]}")
            for start, end, row in items:
                if start - reach > MAX_GAP and "vacancy" not in row["note"].lower():
                    problems.append(
                        f"{country} {kind}: gap {reach} to {start} before {row['person']}"
                    )
                reach = max(reach, end)
            if reach < TODAY:
                problems.append(f"{country} {kind}: nobody in office after {reach}")
            current = [r for s, e, r in items if not r["end"] and not _is_acting(r["note"])]
            if len(current) != 1:
                names = [r["person"] for r in current]
                problems.append(f"{country} {kind}: {len(current)} current holders {names}")
    assert not problems, "\n".join(problems)


def test_bundled_file_loads_with_canonical_offices(kb: Knowledge) -> None:
    assert len(kb) == len(_rows())
    assert {t.country for t in kb.items} == set(COUNTRIES)
    for t in kb.items:
        assert canonical_office(t.office, t.country) == t.office


@pytest.mark.parametrize(
    ("office", "country", "day", "expected"),
    [
        ("Prime Minister", "Japan", "2013-10-03", {"Shinzo Abe"}),
        ("Foreign Minister", "Japan", "2013-10-03", {"Fumio Kishida"}),
        ("Defence Minister", "Japan", "2013-10-03", {"Itsunori Onodera"}),
        ("Secretary of State", "United States", "2013-10-03", {"John Kerry"}),
        ("Defense Secretary", "USA", "2013-10-03", {"Chuck Hagel"}),
        ("Prime Minister", "Japan", "2023-01-06", {"Fumio Kishida"}),
        ("head of state", "Japan", "2023-01-06", {"Naruhito"}),
        ("head of government", "Germany", "2023-01-06", {"Olaf Scholz"}),
        ("head of government", "United States", "2023-01-06", {"Joe Biden"}),
        ("Foreign Secretary", "UK", "2023-01-06", {"James Cleverly"}),
        ("King", "United Kingdom", "2023-01-06", {"Charles III"}),
        ("Monarch", "Japan", "2023-01-06", {"Naruhito"}),
        ("Defense Secretary", "Japan", "2023-01-06", {"Yasukazu Hamada"}),
        ("U.S. Ambassador to Japan", "United States", "2023-01-06", {"Rahm Emanuel"}),
        ("Premier", "China", "2023-01-06", {"Li Keqiang"}),
        ("Prime Minister", "China", "2024-01-06", {"Li Qiang"}),
        ("President", "South Korea", "2025-01-06", {"Yoon Suk Yeol", "Choi Sang-mok"}),
    ],
)
def test_holders_on_a_day(
    kb: Knowledge, office: str, country: str, day: str, expected: set[str]
) -> None:
    assert {t.person for t in kb.holders(office, country, day)} == expected


def test_stand_ins_are_marked_acting(kb: Knowledge) -> None:
    acting = {t.person: t.acting for t in kb.holders("President", "South Korea", "2025-01-06")}
    assert acting == {"Yoon Suk Yeol": False, "Choi Sang-mok": True}
    (putin,) = kb.holders("President", "Russia", "2000-02-01")
    assert not putin.acting  # acting before inauguration, but one ordinary row


def test_handover_day_has_both_holders(kb: Knowledge) -> None:
    names = {t.person for t in kb.holders("Prime Minister", "Japan", dt.date(2021, 10, 4))}
    assert names == {"Yoshihide Suga", "Fumio Kishida"}
    assert kb.holders("Prime Minister", "Japan", "1890-01-01") == []


def test_tenures_of_a_person(kb: Knowledge) -> None:
    kishida = kb.tenures("Fumio Kishida")
    offices = {(t.office, t.start) for t in kishida}
    assert ("Minister for Foreign Affairs", dt.date(2012, 12, 26)) in offices
    assert ("Prime Minister", dt.date(2021, 10, 4)) in offices
    assert all(t.origin == "knowledge" and t.source.startswith("https://") for t in kishida)


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Shinzō Abe", "Shinzo Abe"),
        ("SHINZO ABE", "shinzo abe"),
        ("John F. Kerry", "John Kerry"),
        ("Abe Shinzo", "Shinzo Abe"),
        ("Yoon Suk-yeol", "Yoon Suk Yeol"),
        ("Bill Clinton", "William J. Clinton"),
        ("Prime Minister Fumio Kishida", "Fumio Kishida"),
        ("Kerry", "John Kerry"),
        ("Ursula von der Leyen", "Ursula Von Der Leyen"),
    ],
)
def test_same_name(a: str, b: str) -> None:
    assert same_name(a, b) and same_name(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("George W. Bush", "George H. W. Bush"),
        ("Hillary Clinton", "Bill Clinton"),
        ("Han Duck-soo", "Han Seung-soo"),
        ("Taro Kono", "Yohei Kono"),
        ("", "Shinzo Abe"),
    ],
)
def test_different_names(a: str, b: str) -> None:
    assert not same_name(a, b)


def test_name_key_folds_accents_and_case() -> None:
    assert name_key("Jean-Noël  BARROT") == "jean noel barrot"


def test_tenures_tolerates_spellings(kb: Knowledge) -> None:
    assert len(kb.tenures("Shinzō Abe")) == 3  # Chief Cabinet Secretary, then twice Prime Minister
    assert {t.office for t in kb.tenures("Sergei Lavrov")} == {"Minister for Foreign Affairs"}
    assert {t.person for t in kb.tenures("Xi")} == {"Xi Jinping"}
    george_w = kb.tenures("George W. Bush")
    assert [t.start for t in george_w] == [dt.date(2001, 1, 20)]
    assert len(kb.tenures("George Bush")) == 2  # both presidents: a bare name stays ambiguous


# --------------------------------------------------------------------------- offices, countries


def test_office_and_country_normalisation() -> None:
    assert canonical_office("Foreign Minister", "United States") == "Secretary of State"
    assert canonical_office("defence secretary", "UK") == "Minister of Defense"
    assert canonical_office("Prime Minister", "Germany") == "Chancellor"
    assert canonical_office("Prime Minister", "China") == "Premier"
    assert canonical_office("Emperor of Japan", "Japan") == "Emperor"
    assert canonical_office("Finance Minister", "UK") == "Chancellor of the Exchequer"
    assert canonical_office("Chancellor of the Exchequer", "United Kingdom") != "Chancellor"
    assert canonical_office("Chief Cabinet Secretary", "Japan") == "Chief Cabinet Secretary"
    assert office_kind("Deputy Prime Minister") != "head_of_government"
    assert office_kind("Vice President of the United States") != "president"
    assert canonical_country("Republic of Korea") == "South Korea"
    assert canonical_country("Atlantis") == "Atlantis"


def test_years_consistent(kb: Knowledge) -> None:
    spans = kb.years_consistent("Shinzo Abe", "Prime Minister", "Japan")
    assert spans == [
        (dt.date(2006, 9, 26), dt.date(2007, 9, 26)),
        (dt.date(2012, 12, 26), dt.date(2020, 9, 16)),
    ]
    assert kb.years_consistent("Shinzo Abe", "Foreign Minister", "Japan") == []
    open_span = kb.years_consistent("Xi Jinping", "President", "China")
    assert open_span == [(dt.date(2013, 3, 14), TODAY)]


def test_spans_of_several_holders_narrow_a_date(kb: Knowledge) -> None:
    """Dating by office holders: a text naming both ministers was written when both served."""
    (dm,) = kb.years_consistent("Yasukazu Hamada", "Defense Minister", "Japan")[-1:]
    (fm,) = kb.years_consistent("Yoshimasa Hayashi", "Foreign Minister", "Japan")
    lo, hi = max(dm[0], fm[0]), min(dm[1], fm[1])
    assert (lo, hi) == (dt.date(2022, 8, 10), dt.date(2023, 9, 13))


# --------------------------------------------------------------------------- other files


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_load_own_csv_with_partial_dates(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        "mine.csv",
        "person,office,country,start,end,source\n"
        "Ana Pérez,Foreign Minister,Ruritania,2019-03,2021,https://example.org/list\n"
        "Bo Lund,Foreign Minister,Ruritania,2021-12-31,,https://example.org/list\n",
    )
    k = Knowledge.load(p)
    ana = k.tenures("Ana Perez")[0]
    assert ana.office == "Minister for Foreign Affairs"
    assert (ana.start, ana.end) == (dt.date(2019, 3, 1), dt.date(2021, 12, 31))
    assert ana.approximate
    assert [t.person for t in k.holders("foreign minister", "Ruritania", "2022-06-01")] == [
        "Bo Lund"
    ]


def test_load_json_list(tmp_path: Path) -> None:
    data = [
        {"person": "Ana Pérez", "office": "Prime Minister", "country": "Ruritania",
         "start": "2001-02-03", "end": "2004-05-06", "source": "https://example.org"},
        {"person": "Bo Lund", "office": "Prime Minister", "country": "Ruritania",
         "start": "2004-05-06", "end": None, "note": "acting at first"},
    ]  # fmt: skip
    k = Knowledge.load(_write(tmp_path, "mine.json", json.dumps(data)))
    assert [t.person for t in k.holders("Prime Minister", "Ruritania", "2003-01-01")] == [
        "Ana Pérez"
    ]
    assert k.tenures("bo lund")[0].end is None


def test_tenures_round_trip_through_json(kb: Knowledge, tmp_path: Path) -> None:
    sample = kb.tenures("Fumio Kishida") + kb.tenures("Yoon Suk Yeol")
    p = _write(tmp_path, "dump.json", json.dumps([t.to_dict() for t in sample]))
    assert Knowledge.load(p).items == sorted(sample, key=lambda t: (t.country, t.office, t.start))


def test_load_wikidata_csv_export(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        "query.csv",
        "person,personLabel,positionLabel,start,end\n"
        "http://www.wikidata.org/entity/Q1,Ana Pérez,Prime Minister of Japan,"
        "2001-02-03T00:00:00Z,2002-01-00T00:00:00Z\n"
        "http://www.wikidata.org/entity/Q2,Bo Lund,Minister of Defense (Japan),"
        "2005-00-00T00:00:00Z,\n",
    )
    k = Knowledge.load(p)
    ana, bo = k.tenures("Ana Perez")[0], k.tenures("Bo Lund")[0]
    assert (ana.office, ana.country, ana.start) == ("Prime Minister", "Japan", dt.date(2001, 2, 3))
    assert ana.end == dt.date(2002, 1, 31) and ana.approximate
    assert ana.source == "http://www.wikidata.org/entity/Q1"
    assert (bo.office, bo.country, bo.start, bo.end) == (
        "Minister of Defense",
        "Japan",
        dt.date(2005, 1, 1),
        None,
    )


def test_load_sparql_json_results(tmp_path: Path) -> None:
    data = {
        "head": {"vars": ["person", "personLabel", "positionLabel", "countryLabel", "start"]},
        "results": {
            "bindings": [
                {
                    "person": {"type": "uri", "value": "http://www.wikidata.org/entity/Q9"},
                    "personLabel": {"type": "literal", "value": "Cy Moe"},
                    "positionLabel": {"type": "literal", "value": "foreign minister"},
                    "countryLabel": {"type": "literal", "value": "Japan"},
                    "start": {"type": "literal", "value": "2030-04-01T00:00:00Z"},
                }
            ]
        },
    }
    k = Knowledge.load(_write(tmp_path, "q.json", json.dumps(data)))
    (t,) = k.items
    assert (t.person, t.office, t.country, t.start) == (
        "Cy Moe",
        "Minister for Foreign Affairs",
        "Japan",
        dt.date(2030, 4, 1),
    )


@pytest.mark.parametrize(
    ("name", "text", "line", "reason"),
    [
        ("a.csv", "name,office\nX,Y\n", 1, "lacks the column(s) person"),
        (
            "b.csv",
            "person,office,country,start,end\nX,PM,Japan,2001-02-30,\n",
            2,
            "is not a valid date",
        ),
        (
            "c.csv",
            "person,office,country,start,end\n\nX,PM,Japan,2003-01-01,2002-01-01\n",
            3,
            "ends",
        ),
        (
            "d.csv",
            "person,office,country,start,end\nX,PM,,2001-01-01,\n",
            2,
            "'country' field is empty",
        ),
        ("e.csv", "person,office,country,start,end\nX,PM,Japan,2001-01-01,,extra\n", 2, "6 fields"),
        ("f.csv", "", 1, "empty"),
        (
            "g.json",
            '[\n {"person": "X", "office": "PM", "country": "Japan"},\n {"person": "Y"}\n]',
            3,
            "entry 2 lacks",
        ),
        ("h.json", '[{"person": "X",\n "office": }]', 2, "invalid JSON"),
        ("i.json", '{"a": 1}', 1, "expected a JSON list"),
    ],
)
def test_malformed_files_name_file_line_and_reason(
    tmp_path: Path, name: str, text: str, line: int, reason: str
) -> None:
    p = _write(tmp_path, name, text)
    with pytest.raises(KnowledgeFormatError) as err:
        Knowledge.load(p)
    assert err.value.line == line
    assert reason in err.value.reason
    assert str(err.value).startswith(f"{p}:{line}: ")


def test_non_utf8_file_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "latin1.csv"
    p.write_bytes("person,office,country,start,end\nJosé,PM,Spain,2001-01-01,\n".encode("latin-1"))
    with pytest.raises(KnowledgeFormatError, match=r"latin1\.csv:2: the file is not UTF-8"):
        Knowledge.load(p)


def test_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Knowledge.load(tmp_path / "nope.csv")


def test_merge_prefers_the_users_rows(kb: Knowledge) -> None:
    mine = Knowledge.from_tenures(
        [
            Tenure(
                "Fumio Kishida",
                "Prime Minister",
                "Japan",
                dt.date(2021, 10, 4),
                dt.date(2024, 9, 30),
                "mine",
            ),
            Tenure("Ana Pérez", "Prime Minister", "Ruritania", dt.date(2001, 1, 1), None, "mine"),
        ]
    )
    both = kb.merge(mine)
    pm = [t for t in both.tenures("Fumio Kishida") if t.office == "Prime Minister"]
    assert [(t.end, t.source) for t in pm] == [(dt.date(2024, 9, 30), "mine")]
    assert both.holders("Prime Minister", "Ruritania", "2020-01-01")[0].person == "Ana Pérez"
    assert len(both) == len(kb) + 1
    assert len(kb.tenures("Fumio Kishida")) == 4  # the original is untouched


# --------------------------------------------------------------------------- the corpus


def test_observation_inside_tenure_is_no_conflict() -> None:
    k = Knowledge.load()
    k.add_observation("Fumio Kishida", "foreign minister", "Japan", "2013-10-03", "doc-a")
    assert k.conflicts() == []
    assert [t.origin for t in k.tenures("Kishida")] == ["knowledge"] * 4


def test_observation_outside_tenure_extends_and_is_reported() -> None:
    k = Knowledge.load()
    k.today = TODAY
    k.add_observation("Fumio Kishida", "Prime Minister", "Japan", "2019-05-01", "doc-b")
    (sentence,) = k.conflicts()
    assert "doc-b shows Fumio Kishida as Prime Minister of Japan on 2019-05-01" in sentence
    assert "from 2021-10-04 to 2024-10-01" in sentence
    assert "Shinzo Abe" in sentence
    # the corpus wins: the day is now a span in which Kishida held the office
    spans = k.years_consistent("Fumio Kishida", "Prime Minister", "Japan")
    assert (dt.date(2019, 5, 1), dt.date(2019, 5, 1)) in spans
    names = {t.person: t.origin for t in k.holders("Prime Minister", "Japan", "2019-05-01")}
    assert names == {"Shinzo Abe": "knowledge", "Fumio Kishida": "corpus"}


def test_observation_of_unknown_office_extends_without_conflict() -> None:
    k = Knowledge.load()
    k.add_observation("Taro Aso", "Finance Minister", "Japan", "2015-03-01", "d1")
    k.add_observation("Taro Aso", "Minister of Finance", "Japan", "2018-07-09", "d2")
    assert k.conflicts() == []
    assert k.years_consistent("Aso", "Minister of Finance", "Japan") == [
        (dt.date(2015, 3, 1), dt.date(2018, 7, 9))
    ]
    (t,) = k.holders("finance minister", "Japan", "2016-01-01")
    assert (t.person, t.origin, t.source) == ("Taro Aso", "corpus", "d1; d2")


def test_observation_of_unknown_holder_is_reported() -> None:
    k = Knowledge.load()
    k.add_observation("Taro Yamada", "Prime Minister", "Japan", "2019-05-01", "doc-c")
    (sentence,) = k.conflicts()
    assert "has no tenure of Taro Yamada in that office" in sentence
    assert "Shinzo Abe (from 2012-12-26 to 2020-09-16)" in sentence
    assert "https://en.wikipedia.org/wiki/List_of_prime_ministers_of_Japan" in sentence
    assert Knowledge.load().conflicts() == []  # observations do not leak between loads


def test_observation_after_file_end_is_reported_with_new_holder() -> None:
    k = Knowledge.from_tenures(
        [
            Tenure(
                "Ana Pérez", "Prime Minister", "Ruritania", dt.date(2001, 1, 1), dt.date(2005, 1, 1)
            ),
            Tenure("Bo Lund", "Prime Minister", "Ruritania", dt.date(2005, 1, 1), None),
        ]
    )
    k.add_observation("Ana Perez", "PM", "Ruritania", dt.date(2006, 2, 2), "wire-7")
    (sentence,) = k.conflicts()
    assert "Bo Lund (from 2005-01-01 on)" in sentence
