"""Exports: tables in JSON/CSV/Parquet, timelines, iCalendar, the PLOVER-like table."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.export import FORMATS, TABLES, ExportError, export
from dateline.export.plover import COLUMNS as PLOVER_COLUMNS
from dateline.export.tables import COLUMNS
from dateline.store import EventFilter, Store, open_store
from dateline.web import create_app
from dateline.web.sample import populate_sample

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "x.db")
    yield s
    s.close()


@pytest.fixture
def ids(store: Store) -> dict[str, str]:
    return populate_sample(store)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_tables_have_fixed_headers_and_rows(
    store: Store, ids: dict[str, str], tmp_path: Path
) -> None:
    files = export(store, "csv", tmp_path / "out")
    assert sorted(p.name for p in files) == sorted(f"{t}.csv" for t in TABLES)
    for path in files:
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == [c for c, _ in COLUMNS[path.stem]]
    events = _csv(tmp_path / "out" / "events.csv")
    assert [e["id"] for e in events][:2] == ["ev-port-2016", "ev-askeby-2019"]
    meeting = events[1]
    assert (
        meeting["source_count"] == "2"
        and meeting["participants"] == "Maria Lindqvist; Tomás Herrera"
    )
    assert json.loads(meeting["conflicts"])[0]["field"] == "place"
    parts = _csv(tmp_path / "out" / "participants.csv")
    assert {p["name"] for p in parts if p["event"] == "ev-askeby-2019"} == {
        "Maria Lindqvist",
        "Tomás Herrera",
    }
    quotes = _csv(tmp_path / "out" / "quotes.csv")
    assert len(quotes) == 4 and {q["speaker"] for q in quotes} >= {"Maria Lindqvist"}
    roles = _csv(tmp_path / "out" / "roles.csv")
    assert [r["office"] for r in roles if r["person"] == "Maria Lindqvist"] == [
        "Minister of Trade",
        "Foreign Minister",
    ]
    docs = _csv(tmp_path / "out" / "documents.csv")
    assert len(docs) == 6
    sources = _csv(tmp_path / "out" / "sources.csv")
    s = next(r for r in sources if r["document"] == ids["broadsheet"])
    assert s["sentence"].startswith("Maria Lindqvist and Tomás Herrera held talks")


def test_filter_narrows_every_table(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    export(store, "csv", tmp_path / "f", EventFilter(status="planned"))
    assert [e["id"] for e in _csv(tmp_path / "f" / "events.csv")] == ["ev-visit-2020"]
    assert [d["id"] for d in _csv(tmp_path / "f" / "documents.csv")] == [ids["planned"]]
    assert _csv(tmp_path / "f" / "quotes.csv") == []
    assert {r["person"] for r in _csv(tmp_path / "f" / "roles.csv")} == {"Tomás Herrera"}


def test_parquet_matches_csv(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    export(store, "parquet", tmp_path / "pq")
    export(store, "csv", tmp_path / "csv")
    for table in TABLES:
        t = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert t.column_names == [c for c, _ in COLUMNS[table]]
        assert t.num_rows == len(_csv(tmp_path / "csv" / f"{table}.csv")), table
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    assert events[1]["source_count"] == 2 and isinstance(events[1]["confidence"], float)
    # an empty selection still has the schema
    export(store, "parquet", tmp_path / "empty", EventFilter(person="Nobody"))
    empty = pq.read_table(tmp_path / "empty" / "events.parquet")
    assert empty.num_rows == 0 and str(empty.schema.field("source_count").type) == "int64"


def test_json_export_holds_every_table(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    (path,) = export(store, "json", tmp_path / "all.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["dateline"]["tables"] == list(TABLES)
    assert len(data["events"]) == 6 and len(data["documents"]) == 6


def test_markdown_and_html_timelines(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    (md,) = export(store, "markdown", tmp_path / "t.md", EventFilter(story="story-harbour"))
    text = md.read_text(encoding="utf-8")
    assert text.index("2016-04-30") < text.index("2019-03-14") < text.index("2020-02-02")
    assert "Port Elin" not in text
    (page,) = export(store, "html", tmp_path)  # a directory: default name inside
    assert page.name == "timeline.html"
    html = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_icalendar_has_planned_and_called_off_events(
    store: Store, ids: dict[str, str], tmp_path: Path
) -> None:
    from icalendar import Calendar

    (path,) = export(store, "ics", tmp_path / "p.ics")
    cal = Calendar.from_ical(path.read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"ev-visit-2020@dateline", "ev-summit-2020@dateline"}
    visit = events["ev-visit-2020@dateline"]
    assert str(visit["status"]) == "TENTATIVE" and str(visit["location"]) == "Askeby"
    assert visit.decoded("dtstart").isoformat() == "2020-01-20"
    assert "travel to Askeby" in str(visit["description"])
    assert str(events["ev-summit-2020@dateline"]["status"]) == "CANCELLED"
    again = export(store, "ics", tmp_path / "q.ics")[0]
    assert again.read_bytes() == path.read_bytes()  # deterministic


def test_month_precision_plan_spans_its_month(store: Store, tmp_path: Path) -> None:
    from icalendar import Calendar

    from dateline.models import LinkedEvent

    ev = LinkedEvent(
        "m", "visit", "CONSULT", "Visit", "planned", "in_person", "2024-02", "month", None
    )
    store.replace_links([ev], [], [])
    (path,) = export(store, "ics", tmp_path / "m.ics")
    (item,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert item.decoded("dtstart").isoformat() == "2024-02-01"
    assert item.decoded("dtend").isoformat() == "2024-03-01"


def test_plover_table(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    (path,) = export(store, "plover", tmp_path / "p.csv")
    rows = _csv(path)
    assert list(rows[0]) == PLOVER_COLUMNS
    meeting = next(r for r in rows if r["event_id"] == "ev-askeby-2019")
    assert meeting["event_type"] == "CONSULT" and meeting["event_mode"] == "meet"
    assert (meeting["actor1_name"], meeting["actor1_country"]) == ("Maria Lindqvist", "Nordland")
    assert (meeting["actor2_name"], meeting["actor2_country"]) == ("Tomás Herrera", "Costa Verde")
    assert meeting["source_urls"].split(" | ") == [
        "https://wire.example/2019/03/15/askeby",
        "https://gazette.example/news/ministers-talks",
    ]
    assert meeting["evidence"].startswith("Nordland's Foreign Minister Maria Lindqvist met")
    call = next(r for r in rows if r["event_id"] == "ev-call-2019")
    assert (call["event_mode"], call["date_earliest"], call["date_latest"]) == (
        "phone",
        "2019-06-01",
        "2019-06-30",
    )
    # the country comes from the role held on the date, not any role ever held
    summit = next(r for r in rows if r["event_id"] == "ev-summit-2020")
    assert summit["actor1_country"] == ""


def test_plover_columns_are_documented() -> None:
    doc = (ROOT / "docs" / "plover-export.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9_]+)` \|", doc, flags=re.M))
    assert documented == set(PLOVER_COLUMNS)


def test_csv_cells_cannot_become_spreadsheet_formulas(store: Store, tmp_path: Path) -> None:
    from dateline.models import LinkedEvent

    ev = LinkedEvent(
        "f", "call", "CONSULT", '=HYPERLINK("x")', "happened", "phone", None, "unknown", "-12"
    )
    store.replace_links([ev], [], [])
    export(store, "csv", tmp_path / "c")
    (row,) = _csv(tmp_path / "c" / "events.csv")
    assert row["label"].startswith("'=") and row["place"] == "-12"


def test_unknown_format_is_an_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        export(store, "xlsx", tmp_path / "x")
    assert export(store, "md", tmp_path / "alias.md")[0].exists()


def test_api_serves_the_same_exports(store: Store, ids: dict[str, str], tmp_path: Path) -> None:
    client = TestClient(create_app(store), raise_server_exceptions=False)
    for fmt in FORMATS:
        r = client.get(f"/export/{fmt}")
        assert r.status_code == 200, fmt
        assert "attachment" in r.headers["content-disposition"]
    z = zipfile.ZipFile(io.BytesIO(client.get("/export/csv").content))
    assert sorted(z.namelist()) == sorted(f"{t}.csv" for t in TABLES)
    one = client.get("/export/csv", params={"table": "events", "status": "planned"})
    assert one.text.splitlines()[1].startswith("ev-visit-2020,")
    (path,) = export(store, "plover", tmp_path / "same.csv", EventFilter(person="Herrera"))
    assert client.get("/export/plover", params={"person": "Herrera"}).content == path.read_bytes()
    limited = client.get("/export/plover", params={"limit": 1})
    assert len(limited.text.splitlines()) == 2
    assert client.get("/export/xlsx").status_code == 400
    assert client.get("/export/csv", params={"table": "secrets"}).status_code == 400
    assert client.get("/export/csv", params={"from": "yesterday"}).status_code == 400


def test_plover_and_ics_keep_evidence_on_one_line(store: Store, tmp_path: Path) -> None:
    from dateline.models import Evidence, LinkedEvent, Source

    ev = LinkedEvent(
        "w", "visit", "CONSULT", "Visit", "planned", "in_person", "2030-05-01", "day", None,
        sources=[Source("d", "d-1", [Evidence("d", "A visit\nis planned.\n\n", 0, 20)])],
    )  # fmt: skip
    store.replace_links([ev], [], [])
    (row,) = _csv(export(store, "plover", tmp_path / "w.csv")[0])
    assert row["evidence"] == "A visit is planned."
    ics = export(store, "ics", tmp_path / "w.ics")[0].read_text(encoding="utf-8")
    assert "A visit is planned." in ics.replace("\r\n ", "")
