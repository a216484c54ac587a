"""The bundled demo corpus (src/dateline/demo/captures/) read and cleaned, checked against its
hand-made reference (src/dateline/demo/expected.json): body paragraphs kept, furniture gone,
publication dates, outlets, languages and version tables."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from dateline.clean import documents_from_capture
from dateline.ingest import read_paths
from dateline.models import Document

DEMO = Path(__file__).resolve().parents[1] / "src" / "dateline" / "demo"
EXPECTED: dict[str, Any] = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))
DOCS: dict[str, Any] = EXPECTED["documents"]


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def demo_docs() -> dict[str, Document]:
    out: dict[str, Document] = {}
    for capture in read_paths([DEMO / "captures"]):
        name = Path(capture.source).name
        key = f"{name}#{capture.record}" if capture.kind in ("jsonl", "feed") else name
        (doc,) = documents_from_capture(capture)
        out[key] = doc
    return out


def test_every_capture_is_read_and_expected(demo_docs: dict[str, Document]) -> None:
    assert sorted(demo_docs) == sorted(DOCS)


def _body_lines(doc: Document) -> set[str]:
    return {_norm(line) for line in doc.body.split("\n") if line.strip()}


CLEANED = [k for k, v in DOCS.items() if "body_paragraphs" in v]


@pytest.mark.parametrize("key", CLEANED)
def test_body_paragraphs_survive_and_furniture_goes(
    demo_docs: dict[str, Document], key: str
) -> None:
    doc, expected = demo_docs[key], DOCS[key]
    body = _norm(doc.body)
    for paragraph in expected["body_paragraphs"]:
        assert _norm(paragraph) in body, paragraph
    lines = _body_lines(doc)
    for line in expected["boilerplate_lines"]:
        assert _norm(line) not in lines, line
    paragraphs = [_norm(p) for p in doc.body.split("\n\n") if p.strip()]
    assert len(paragraphs) == len(set(paragraphs)), "a paragraph appears twice"
    # the headline is read as the title, not left as the first body line
    assert doc.title is not None and doc.title in expected["metadata_lines"]
    assert _norm(doc.title) not in lines


@pytest.mark.parametrize("key", sorted(DOCS))
def test_publication_dates(demo_docs: dict[str, Document], key: str) -> None:
    doc, expected = demo_docs[key], DOCS[key]
    if expected["published"] is None:
        assert doc.published is None, doc.published
        assert any(n.startswith("undated") for n in doc.notes)
        return
    assert doc.published is not None
    assert doc.published.value == expected["published"]
    low, high = expected["accept"]
    assert low <= doc.published.value <= high
    assert doc.published.basis == expected["basis"]
    assert doc.published.reasons  # every date says where it came from


def test_undated_dateline_keeps_its_day_and_month(demo_docs: dict[str, Document]) -> None:
    doc = demo_docs["06_meridianpost_no-year_cancelled-visit.txt"]
    assert doc.metadata_evidence["partial_date"] == "--01-07"


def _outlet_names(described: str) -> list[str]:
    """ "MBC News (JSON-LD publisher: Merovian Broadcasting Corporation)" -> both names;
    "The Castelmere Chronicle (via Revisionwatch)" -> both; "Strait Talk (blog)" -> one."""
    core, _, note = described.partition(" (")
    names = [core]
    m = re.search(r"(?:publisher:|via)\s*([^)]+)", note)
    if m:
        names.append(m.group(1).strip(" \"'"))
    return [n.lower().removeprefix("the ").strip() for n in names]


@pytest.mark.parametrize("key", sorted(DOCS))
def test_outlets(demo_docs: dict[str, Document], key: str) -> None:
    doc, expected = demo_docs[key], DOCS[key]
    assert doc.outlet is not None
    names = _outlet_names(expected["outlet"])
    assert any(name in doc.outlet.lower() for name in names), (doc.outlet, names)


def test_versioning_site_is_named_beside_the_source(demo_docs: dict[str, Document]) -> None:
    doc = demo_docs["11_revisionwatch_castelmere-2plus2-versions.txt"]
    assert doc.outlet is not None
    assert "castelmere chronicle" in doc.outlet.lower() and "revisionwatch" in doc.outlet.lower()


@pytest.mark.parametrize("key", sorted(DOCS))
def test_languages(demo_docs: dict[str, Document], key: str) -> None:
    assert demo_docs[key].language == DOCS[key]["language"]


VERSIONED = [k for k, v in DOCS.items() if "versions" in v]


@pytest.mark.parametrize("key", VERSIONED)
def test_version_tables_are_rebuilt(demo_docs: dict[str, Document], key: str) -> None:
    doc, expected = demo_docs[key], DOCS[key]["versions"]
    assert len(doc.versions) == len(expected)
    for got, want in zip(doc.versions, expected, strict=True):
        assert got.label.startswith(want["label"])
        assert got.title == want["title"]
        assert [_norm(p) for p in got.text.split("\n\n")] == [_norm(p) for p in want["paragraphs"]]
        assert got.timestamp == want["timestamp"]
        assert "|" not in got.text
    # the body is one version's text, not the columns concatenated
    body = [_norm(p) for p in doc.body.split("\n\n") if p.strip()]
    assert len(body) == len(set(body))
    assert doc.body in {v.text for v in doc.versions}
    lines = _body_lines(doc)
    for line in DOCS[key]["boilerplate_lines"]:
        assert _norm(line) not in lines, line


def test_hostile_html_leaves_no_markup(demo_docs: dict[str, Document]) -> None:
    body = demo_docs["15_newspulse24_trade-deal-hostile.html"].body
    for marker in ("<script", "alert(1)", "onerror", "javascript:", "<img", "<a "):
        assert marker not in body.lower(), marker
