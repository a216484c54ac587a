"""SQLite-specific behaviour: migrations, atomic batches, idempotent writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dateline.models import (
    Annotation,
    DateEstimate,
    Document,
    Evidence,
    LinkedEvent,
    Participant,
    Source,
)
from dateline.store import EventFilter, open_store
from dateline.store.sqlite import SCHEMA_VERSION, SQLiteStore


def _doc(i: int, body: str = "Ministers met in Valda on Tuesday.") -> Document:
    return Document(
        id=f"doc{i}",
        source=f"/captures/{i}.txt",
        kind="text",
        body=f"{body} ({i})",
        raw=f"RAW {i}",
        raw_hash=f"raw{i}",
    )


def test_same_documents_twice_change_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.db")
    assert store.put_documents([_doc(1), _doc(2)]) == ["doc1", "doc2"]
    before = store.dump()
    assert store.put_documents([_doc(1), _doc(2)]) == []
    assert store.dump() == before
    assert store.get_document("doc1").raw == "RAW 1"  # type: ignore[union-attr]


def test_a_failing_batch_leaves_earlier_data_untouched(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.db")
    store.put_documents([_doc(1)])
    before = store.dump()
    broken = _doc(3)
    broken.body = None  # type: ignore[assignment]  # violates NOT NULL mid-batch
    with pytest.raises(sqlite3.IntegrityError):
        store.put_documents([_doc(2), broken])
    assert store.dump() == before
    assert store.get_document("doc2") is None


def test_schema_is_migrated_once_and_refuses_newer(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(RuntimeError, match="newer"):
        SQLiteStore(path)


def test_base_and_current_annotations_are_kept_apart(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.db")
    store.put_documents([_doc(1)])
    store.put_annotations([Annotation(document="doc1", language="en", anchor=None)], base=True)
    store.put_annotations([Annotation(document="doc1", language="en", anchor="2020-01-02")])
    assert store.get_annotation("doc1").anchor == "2020-01-02"  # type: ignore[union-attr]
    assert store.get_annotation("doc1", base=True).anchor is None  # type: ignore[union-attr]
    with pytest.raises(KeyError):
        store.put_annotations([Annotation(document="nope", language="en", anchor=None)])


def test_inferred_date_is_stored_without_changing_the_id(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.db")
    store.put_documents([_doc(1)])
    est = DateEstimate("2022-01-07", basis="inferred", confidence=0.8, reasons=["a reason"])
    store.set_published("doc1", est)
    got = store.get_document("doc1")
    assert got is not None and got.published == est and got.id == "doc1"


def _event(i: str, date: str | None, who: str) -> LinkedEvent:
    return LinkedEvent(
        id=i,
        type="meeting",
        plover="CONSULT",
        label=f"talks {i}",
        status="happened",
        mode="in_person",
        date=date,
        precision="day" if date and len(date) == 10 else "month",
        place="Valda",
        participants=[Participant(who)],
        sources=[Source("doc1", f"e{i}", [Evidence("doc1", "They met.", 0, 9)])],
    )


def test_event_filters_by_date_person_and_text(tmp_path: Path) -> None:
    store = open_store(tmp_path / "a.db")
    store.put_documents([_doc(1)])
    store.replace_links(
        [
            _event("a", "2013-10-03", "Ana Brel"),
            _event("b", "2014-07", "Tomas Oru"),
            _event("c", None, "Ana Brel"),
        ],
        [],
        [],
    )
    ids = lambda **kw: [e.id for e in store.linked_events(EventFilter(**kw))]  # noqa: E731
    assert ids() == ["a", "b", "c"]  # date order, undated last
    assert ids(date_to="2013") == ["a"]
    assert ids(date_from="2014") == ["b"]
    assert ids(person="Ana Brel") == ["a", "c"]
    assert ids(text="Oru") == ["b"]
    assert ids(document="doc1", limit=1, offset=1) == ["b"]


def test_version_rows_written_before_texts_were_shared_still_read(tmp_path: Path) -> None:
    """Stores written before migration 5 keep each version's text in versions.text."""
    path = tmp_path / "old.db"
    store = open_store(path)
    store.put_documents([_doc(1)])
    store.close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO versions (document, idx, label, text) VALUES ('doc1', 1, 'v1', 'old text')"
    )
    conn.commit()
    conn.close()
    store = open_store(path)
    (version,) = store.get_document("doc1").versions  # type: ignore[union-attr]
    assert version.text == "old text"
    store.close()
