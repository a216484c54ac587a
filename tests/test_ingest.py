"""Ingest: walking folders, choosing readers, and reporting bad input without stopping."""

from __future__ import annotations

import gzip
import io
import logging
from pathlib import Path

import pytest

from dateline.ingest import IngestError, IngestSettings, read_paths
from dateline.models import Capture

CAPTURES = Path(__file__).parent / "captures"


def _read(
    *paths: str | Path, settings: IngestSettings | None = None
) -> tuple[list[Capture], list[IngestError]]:
    errors: list[IngestError] = []
    captures = list(read_paths(list(paths), errors.append, settings=settings))
    return captures, errors


def test_seeds_all_ingest_as_text(seeds_dir: Path) -> None:
    captures, errors = _read(seeds_dir)
    assert errors == []
    assert len(captures) == 5
    assert all(c.kind == "text" and c.raw.strip() for c in captures)
    assert [Path(c.source).name for c in captures] == sorted(
        p.name for p in seeds_dir.glob("*.txt")
    )


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zeta story text here.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Alpha story text here.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git" / "c.txt").write_text("Inside a hidden folder.", encoding="utf-8")
    captures, errors = _read(tmp_path)
    assert errors == []
    assert [Path(c.source).relative_to(tmp_path).as_posix() for c in captures] == [
        "a.txt",
        "b/z.txt",
    ]


def test_reading_twice_gives_identical_captures() -> None:
    first, _ = _read(CAPTURES)
    second, _ = _read(CAPTURES)
    assert [c.to_dict() for c in first] == [c.to_dict() for c in second]


def test_dispatch_by_extension_and_content(tmp_path: Path) -> None:
    page = tmp_path / "saved_page.txt"  # HTML saved with the wrong extension
    page.write_text(
        "<!DOCTYPE html><html><body><p>A page saved as text.</p></body></html>", encoding="utf-8"
    )
    feed = tmp_path / "feed_without_extension"
    feed.write_bytes((CAPTURES / "feed.rss").read_bytes())
    captures, errors = _read(page, feed, CAPTURES / "page_meta.html")
    assert errors == []
    assert [c.kind for c in captures] == ["html", "feed", "feed", "html"]


def test_rss_entries_become_captures_with_metadata() -> None:
    captures, errors = _read(CAPTURES / "feed.rss")
    assert errors == []
    assert [(c.record, c.title, c.published, c.outlet) for c in captures] == [
        (0, "Estmark and Norland resume talks", "2020-02-10", "Northern Wire"),
        (1, "Norland names new envoy", "2020-02-11", "Northern Wire"),
    ]
    assert captures[0].url == "https://northwire-news.example/2020/02/10/talks-resume.html"
    assert "resumed talks in Vestby" in captures[0].raw


def test_atom_entries_use_content_then_summary() -> None:
    captures, errors = _read(CAPTURES / "feed.atom")
    assert errors == []
    assert [c.published for c in captures] == ["2021-04-01", "2021-04-02"]
    assert "<p>" in captures[0].raw  # full HTML content kept for the cleaner
    assert captures[1].raw.startswith("Officials from both countries")
    assert captures[1].url == "https://ledger.example/news/2021/04/02/summit-date"


def test_jsonl_bad_lines_are_reported_and_others_yielded() -> None:
    captures, errors = _read(CAPTURES / "records.jsonl")
    assert [c.record for c in captures] == [1, 3, 6]
    assert [c.id for c in captures] == ["rec-1", "rec-3", "rec-6"]
    first = captures[0]
    assert (first.published, first.outlet, first.title) == (
        "2018-09-03",
        "Northern Wire",
        "Weather data pact",
    )
    assert captures[1].raw.lstrip().startswith("<html>")
    assert [e.line for e in errors] == [2, 4, 5]
    messages = [str(e) for e in errors]
    assert all(m.startswith(f"{CAPTURES / 'records.jsonl'}:") and "\n" not in m for m in messages)
    assert "malformed JSON" in messages[0]
    assert 'no "text" or "html"' in messages[1]
    assert "not an ISO date" in messages[2]


def _warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    html = (
        b"<html><head><title>Port talks</title></head><body><article><h1>Port talks</h1>"
        b"<p>Officials from Estmark and Norland met at the port of Vestby on Monday to discuss "
        b"new customs rules for freight arriving by sea from the south.</p></article></body></html>"
    )
    for uri, ctype, payload in (
        ("https://ledger.example/news/2022/05/02/port-talks", "text/html; charset=utf-8", html),
        ("https://ledger.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
    ):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)
    path.write_bytes(buf.getvalue())


@pytest.mark.parametrize("name,gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_become_captures(tmp_path: Path, name: str, gz: bool) -> None:
    path = tmp_path / name
    _warc(path, gz)
    if gz:
        with gzip.open(path) as fh:
            assert fh.read(5) == b"WARC/"
    captures, errors = _read(path)
    assert errors == []
    assert len(captures) == 1  # the PNG response is not an article
    (capture,) = captures
    assert capture.kind == "warc"
    assert capture.url == "https://ledger.example/news/2022/05/02/port-talks"
    assert capture.fetched and capture.fetched[:4].isdigit()
    assert "port of Vestby" in capture.raw


def test_bad_inputs_each_give_one_line_error_and_batch_continues(tmp_path: Path) -> None:
    good = tmp_path / "m_good.txt"
    good.write_text("A perfectly ordinary story about a harbour.", encoding="utf-8")
    files = {
        "a_empty.txt": b"",
        "b_blank.txt": b"  \n\n \t\n",
        "c_binary.txt": b"\x00\x01\x02PK\x03\x04\x00\x00 some bytes",
        "d_latin1.txt": "Caf\u00e9 owners in Vestby protested.".encode("cp1252"),
        "e_scripts.html": b"<html><head><script>var a = 1;</script></head><body></body></html>",
        "f_garbage.html": b"   <<<>>>   ",
        "g_broken.xml": b"<?xml version='1.0'?><rss><channel><item><title>x",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    captures, errors = _read(tmp_path, tmp_path / "missing.txt")
    assert [Path(c.source).name for c in captures] == ["m_good.txt"]
    by_file = {Path(e.path).name: e.reason for e in errors}
    assert set(by_file) == {*files, "missing.txt"}
    assert "empty" in by_file["a_empty.txt"] and "empty" in by_file["b_blank.txt"]
    assert "binary" in by_file["c_binary.txt"]
    assert "invalid UTF-8 at byte 3" in by_file["d_latin1.txt"]
    assert "malformed HTML" in by_file["e_scripts.html"]
    assert "malformed HTML" in by_file["f_garbage.html"]
    assert "feed" in by_file["g_broken.xml"]
    assert "no such file" in by_file["missing.txt"]
    for err in errors:
        text = str(err)
        assert "\n" not in text and text.startswith(err.path)


def test_oversized_file_is_refused_by_the_default_cap(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:  # sparse: 51 MB on paper, nothing written
        fh.write(b"Story text. ")
        fh.truncate(51 * 1024 * 1024)
    captures, errors = _read(big)
    assert captures == []
    (err,) = errors
    assert "51.0 MB" in err.reason and "50 MB limit" in err.reason


def test_size_cap_is_a_setting(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("x " * 600, encoding="utf-8")
    assert _read(path, settings=IngestSettings(max_bytes=100))[0] == []
    assert len(_read(path, settings=IngestSettings(max_bytes=10_000))[0]) == 1


def test_legacy_encodings_setting_decodes_instead_of_rejecting(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Le caf\u00e9 \u00e0 Vestby a rouvert mardi apr\u00e8s les travaux.".encode("cp1252")
    )
    captures, errors = _read(path, settings=IngestSettings(legacy_encodings=True))
    assert errors == []
    assert "caf\u00e9" in captures[0].raw


def test_utf16_with_bom_is_text(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Ministers met in Vestby on Monday.".encode("utf-16"))
    captures, errors = _read(path)
    assert errors == [] and captures[0].raw == "Ministers met in Vestby on Monday."


def test_default_error_handler_logs_and_continues(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("Still read after the bad file.", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dateline.ingest"):
        captures = list(read_paths([tmp_path]))
    assert len(captures) == 1
    assert any("a.txt: empty file" in r.getMessage() for r in caplog.records)


def test_readers_are_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Story number {i}.", encoding="utf-8")
    it = read_paths([tmp_path])
    first = next(it)
    assert first.raw == "Story number 0."


def test_token_xml_becomes_tokenised_text() -> None:
    captures, errors = _read(CAPTURES / "tokens_meantime_style.xml")
    assert errors == []
    (capture,) = captures
    assert capture.kind == "text" and capture.id == "900001"
    assert capture.url == "http://en.wikinews.org/wiki/Estmark_and_Norland_open_new_ferry_route"
    lines = capture.raw.splitlines()
    assert lines[:2] == ["Estmark and Norland open new ferry route", "June 02 , 2016"]
    assert lines[3].startswith("`` The crossing now takes four hours")


def test_html_page_in_its_declared_legacy_charset_is_read(tmp_path: Path) -> None:
    page = tmp_path / "legacy.html"
    html = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9 reopens</title></head>'
        "<body><p>The caf\u00e9 on the harbour of Vestby reopened on Monday.</p></body></html>"
    )
    page.write_bytes(html.encode("cp1252"))
    undeclared = tmp_path / "undeclared.html"
    undeclared.write_bytes(html.replace('<meta charset="windows-1252">', "").encode("cp1252"))
    captures, errors = _read(page, undeclared)
    assert [Path(c.source).name for c in captures] == ["legacy.html"]
    assert "caf\u00e9 on the harbour" in captures[0].raw
    assert [Path(e.path).name for e in errors] == ["undeclared.html"]
    assert "invalid UTF-8" in errors[0].reason


def test_jsonl_published_accepts_iso_dates_datetimes_months_and_years(tmp_path: Path) -> None:
    path = tmp_path / "dates.jsonl"
    values = ["2013-10-03", "2013-10-03T23:30:00Z", "2013-10", "2013", "03/10/2013", "2013-10-3"]
    path.write_text(
        "\n".join(
            f'{{"text": "Story {i} about the talks.", "published": "{v}"}}'
            for i, v in enumerate(values)
        ),
        encoding="utf-8",
    )
    captures, errors = _read(path)
    assert [c.published for c in captures] == ["2013-10-03", "2013-10-03", "2013-10", "2013"]
    assert [e.line for e in errors] == [5, 6]
