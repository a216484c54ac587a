"""End to end: raw captures in, a sourced timeline out, through the CLI and the Python API."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import dateline
from dateline.cli import main
from dateline.store import open_store


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = CliRunner().invoke(main, ["build", str(seeds_dir), "--store", str(path), "-q"])
    assert result.exit_code == 0, result.output
    return path


def _timeline_json(store: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(
        main, ["timeline", "--store", str(store), "--format", "json", *args]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_timeline_json_has_evidence_that_points_into_the_documents(seeds_store: Path) -> None:
    data = _timeline_json(seeds_store)
    assert data["dateline"]["schema"] == 1
    events = data["events"]
    assert events, "no events on the seeds timeline"
    store = open_store(seeds_store)
    bodies = {d.id: d for d in store.documents()}
    for entry in events:
        assert entry["sources"], entry["label"]
        for src in entry["sources"]:
            ev = src["evidence"]
            doc = bodies[src["document"]]
            text = doc.body
            if ev["version"] is not None:
                text = next(v.text for v in doc.versions if v.index == ev["version"])
            assert text[ev["start"] : ev["end"]] == ev["sentence"]
    dates = [e["date"] for e in events if e["date"]]
    assert dates == sorted(dates)


def test_every_dated_document_is_on_the_timeline(seeds_store: Path) -> None:
    store = open_store(seeds_store)
    dated = {d.id for d in store.documents() if d.published and d.published.value}
    assert len(dated) >= 2  # 001 and 002 state their dates
    cited = {s["document"] for e in _timeline_json(seeds_store)["events"] for s in e["sources"]}
    assert dated <= cited
    by_doc = _timeline_json(seeds_store, "--by-document")["events"]
    assert {e["sources"][0]["document"] for e in by_doc} == dated


def test_building_twice_leaves_the_store_identical(
    seeds_store: Path, tmp_path: Path, seeds_dir: Path
) -> None:
    copy = tmp_path / "again.db"
    shutil.copy(seeds_store, copy)
    before = open_store(copy).dump()
    dateline.build([seeds_dir], store=copy, progress=False)
    assert open_store(copy).dump() == before


def test_adding_documents_later_equals_one_fresh_build(
    seeds_store: Path, tmp_path: Path, seeds_dir: Path
) -> None:
    files = sorted(seeds_dir.iterdir())
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for f in files[:2]:
        shutil.copy(f, first / f.name)
    for f in files[2:]:
        shutil.copy(f, second / f.name)
    store = tmp_path / "incremental.db"
    dateline.build([first], store=store, progress=False)
    dateline.build([second], store=store, progress=False)
    fresh = open_store(seeds_store).dump()
    incremental = open_store(store).dump()
    # Sources differ only in folder; compare what was found, not where the files lay.
    for dump in (fresh, incremental):
        dump.pop("documents")
        dump.pop("raw_captures")
    assert incremental == fresh


def test_bad_input_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text(
        "Ministers meet in Valda\n\nVALDA, March 3 (Wirenews) - The foreign ministers of "
        "Valdoria and Merovia met in Valda on Tuesday to discuss a new trade agreement, "
        "officials said.\n",
        encoding="utf-8",
    )
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (tmp_path / "in" / "records.jsonl").write_text(
        '{"id": "r1", "text": "The defence minister of Merovia resigned on Friday, the '
        'government said in a statement.", "published": "2015-06-05"}\n{not json\n',
        encoding="utf-8",
    )
    store = tmp_path / "s.db"
    dateline.build([tmp_path / "in"], store=store, progress=False)
    kept = open_store(store).dump()
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "--store", str(store)])
    assert result.exit_code == 0
    out = result.output
    for name in ("empty.txt", "binary.txt", "records.jsonl"):
        assert name in out, out
    assert "records.jsonl:2" in out
    docs = list(open_store(store).documents())
    assert {Path(d.source).name for d in docs} == {"good.txt", "records.jsonl"}
    assert open_store(store).dump() == kept


def test_known_publication_dates_are_taken(
    tmp_path: Path, seeds_dir: Path, gold: dict[str, Any]
) -> None:
    one = seeds_dir / "004_9c6cc9a4abd8fbcc.txt"
    store = tmp_path / "s.db"
    dateline.build([one], store=store, published={one.name: "2022-01-07"}, progress=False)
    (doc,) = open_store(store).documents()
    assert doc.published is not None
    assert (doc.published.value, doc.published.basis) == ("2022-01-07", "given")


def test_python_api_mirrors_the_cli(seeds_store: Path) -> None:
    with dateline.open(seeds_store) as dl:
        entries = dl.timeline()
        assert [e.id for e in entries] == [e["id"] for e in _timeline_json(seeds_store)["events"]]
        some = entries[0].sources[0].document
        digest = dl.show(some)
        assert digest.document.id == some and digest.annotation is not None
        with pytest.raises(LookupError):
            dl.show("no-such-document")


def test_diff_shows_what_changed_between_versions(tmp_path: Path) -> None:
    captures = Path(__file__).parent / "captures"
    store = tmp_path / "v.db"
    runner = CliRunner()
    built = runner.invoke(
        main, ["build", str(captures / "versioning_first_seen.txt"), "--store", str(store), "-q"]
    )
    assert built.exit_code == 0, built.output
    result = runner.invoke(main, ["diff", "versioning_first_seen", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "versions," in result.output and "→" in result.output
    assert "addition" in result.output or "edit" in result.output or "deletion" in result.output
    with dateline.open(store) as dl:
        (doc,) = dl.documents()
        assert len(doc.versions) >= 2
    bad = runner.invoke(main, ["diff", "versioning_first_seen", "1", "99", "--store", str(store)])
    assert bad.exit_code == 1 and "no version 99" in bad.output
