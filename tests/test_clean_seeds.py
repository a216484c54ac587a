"""Acceptance on the five seed captures, against ../shared/corpus/seeds.gold.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dateline.clean import documents_from_capture
from dateline.ingest import read_paths
from dateline.models import Capture, Document


@pytest.fixture(scope="module")
def seed_docs(seeds_dir: Path) -> dict[str, Document]:
    docs: dict[str, Document] = {}
    for capture in read_paths([seeds_dir]):
        (doc,) = documents_from_capture(capture)
        docs[Path(capture.source).name] = doc
    return docs


def _paragraphs(body: str) -> set[str]:
    return {" ".join(p.split()) for p in body.split("\n")}


def test_every_seed_yields_a_document(seed_docs: dict[str, Document], gold: dict[str, Any]) -> None:
    assert set(seed_docs) == set(gold["documents"])
    for doc in seed_docs.values():
        assert doc.body.strip() and doc.raw and doc.raw_hash
        assert doc.language == "en"


def test_no_gold_boilerplate_survives(seed_docs: dict[str, Document], gold: dict[str, Any]) -> None:
    for name, entry in gold["documents"].items():
        body = seed_docs[name].body
        paragraphs = _paragraphs(body)
        flat = " ".join(body.split())
        for line in entry["boilerplate_lines"]:
            norm = " ".join(line.replace("\u2022", " ").split())
            assert norm not in paragraphs, (name, line)
            if len(norm.split()) >= 3:  # long enough that any occurrence is the furniture itself
                assert norm not in flat, (name, line)


def test_every_gold_quote_is_in_the_body(
    seed_docs: dict[str, Document], gold: dict[str, Any]
) -> None:
    for quote in gold["quotes"]:
        assert quote["starts"] in seed_docs[quote["doc"]].body, quote


def test_removed_lines_are_kept_for_provenance(
    seed_docs: dict[str, Document], gold: dict[str, Any]
) -> None:
    for name, entry in gold["documents"].items():
        removed = {
            " ".join(r.replace("\u2022", " ").split()) for r in seed_docs[name].removed_lines
        }
        table_rows = {"Version 2 | Version 3 |", "---|---|", "(about 1 hour later) | |"}
        for line in entry["boilerplate_lines"]:
            if line not in table_rows:  # table rows are read by the table parser, not dropped
                assert " ".join(line.split()) in removed, (name, line)


def test_version_table_gives_two_versions_and_one_body(seed_docs: dict[str, Document]) -> None:
    doc = next(d for n, d in seed_docs.items() if n.startswith("002"))
    assert [v.index for v in doc.versions] == [2, 3]
    older, newer = doc.versions
    assert older.label == "Version 2" and newer.label.startswith("Version 3")
    assert older.title == newer.title == doc.title
    assert "A rising China is welcome" in older.text
    assert "Our relationship has never been stronger" in newer.text
    # an empty right cell means "unchanged": version 3 keeps version 2's paragraph
    assert "A rising China is welcome" in newer.text
    assert len(newer.text.split("\n\n")) == len(older.text.split("\n\n"))
    assert all(v.content_hash and v.text for v in doc.versions)
    # the body is one version once: no paragraph twice, nothing of the table's markup
    paragraphs = [p for p in doc.body.split("\n\n") if p.strip()]
    assert len(paragraphs) == len(set(paragraphs))
    assert doc.body == older.text
    assert "|" not in doc.body
    assert doc.metadata_evidence["version_count"].startswith("8:")


def test_stated_dates(seed_docs: dict[str, Document]) -> None:
    by_prefix = {name[:3]: doc for name, doc in seed_docs.items()}
    d001 = by_prefix["001"].published
    assert d001 is not None and (d001.value, d001.basis) == ("2014-07-12", "stated")
    assert "July 12, 2014" in d001.reasons[0]
    d002 = by_prefix["002"].published
    assert d002 is not None and d002.value in ("2013-10-03", "2013-10-04")
    assert "/2013/10/04/" in by_prefix["002"].url  # type: ignore[operator]
    assert by_prefix["002"].url in d002.reasons[0]
    for key in ("000", "003", "004"):
        doc = by_prefix[key]
        assert doc.published is None, key
        assert any(n.startswith("undated") for n in doc.notes), key


def test_dateline_without_year_is_a_partial_date(seed_docs: dict[str, Document]) -> None:
    doc = next(d for n, d in seed_docs.items() if n.startswith("004"))
    assert doc.metadata_evidence["partial_date"] == "--01-07"
    assert "7 January" in doc.metadata_evidence["partial_date_line"]


def test_titles_and_outlets_match_gold_where_stated(
    seed_docs: dict[str, Document], gold: dict[str, Any]
) -> None:
    for name, entry in gold["documents"].items():
        doc = seed_docs[name]
        assert doc.title == entry["title"], name
        if doc.outlet is not None:  # an outlet we report must be the right one
            assert doc.outlet.split(" (")[0] in entry["outlet"], (name, doc.outlet)
            assert "outlet" in doc.metadata_evidence
    stated = [n for n, d in seed_docs.items() if d.outlet]
    assert len(stated) >= 4  # only 000 names no outlet anywhere in its text


def test_ids_are_content_hashes_and_stable(seeds_dir: Path, seed_docs: dict[str, Document]) -> None:
    again = {Path(c.source).name: documents_from_capture(c)[0] for c in read_paths([seeds_dir])}
    assert {n: d.to_dict() for n, d in again.items()} == {
        n: d.to_dict() for n, d in seed_docs.items()
    }
    assert len({d.id for d in seed_docs.values()}) == 5
    # the same file seen through another path is the same document
    name, doc = next(iter(seed_docs.items()))
    moved = Capture(source=f"/elsewhere/{name}", kind="text", raw=doc.raw)
    assert documents_from_capture(moved)[0].id == doc.id
    edited = Capture(source=name, kind="text", raw=doc.raw.replace("Tokyo", "Osaka"))
    assert documents_from_capture(edited)[0].id != doc.id


def test_documents_round_trip_as_json(seed_docs: dict[str, Document]) -> None:
    for doc in seed_docs.values():
        assert Document.from_dict(doc.to_dict()) == doc
