"""One generator per container format. Each yields Captures and raises IngestError for a
record it cannot read; the JSONL, WARC and feed readers report a bad record through
``report`` and go on with the next one."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from dateline.ingest.errors import IngestError
from dateline.ingest.settings import IngestSettings
from dateline.ingest.sniff import DecodeError, decode
from dateline.models import Capture

Report = Callable[[IngestError], None]


def read_text(path: Path, data: bytes, settings: IngestSettings) -> Iterator[Capture]:
    text = _decode(path, data, settings)
    _require_content(path, text)
    yield Capture(source=str(path), kind="text", raw=text)


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def read_html(path: Path, data: bytes, settings: IngestSettings) -> Iterator[Capture]:
    text = _declared(data) or _decode(path, data, settings)
    _require_content(path, text)
    check_html(path, text)
    yield Capture(source=str(path), kind="html", raw=text)


def check_html(path: str | Path, text: str, line: int | None = None) -> None:
    """Reject a page that has no readable text at all (lxml repairs everything else)."""
    import lxml.html
    from lxml import etree

    if not re.search(r"<[A-Za-z!/?]", text):
        raise IngestError(path, "malformed HTML: no markup at all", line)
    try:
        tree = lxml.html.fromstring(text.encode("utf-8"))
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(path, f"malformed HTML: {exc}", line) from None
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    if not " ".join(tree.text_content().split()):
        raise IngestError(path, "malformed HTML: the page has no text", line)


def read_jsonl(
    path: Path, stream: IO[bytes], settings: IngestSettings, report: Report
) -> Iterator[Capture]:
    """One capture per line; a bad line is reported as ``file:line`` and skipped."""
    seen = False
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        seen = True
        try:
            yield _jsonl_record(path, number, line, settings)
        except IngestError as err:
            report(err)
    if not seen:
        raise IngestError(path, "empty file")


def _jsonl_record(path: Path, number: int, line: bytes, settings: IngestSettings) -> Capture:
    if len(line) > settings.max_bytes:
        raise IngestError(
            path, f"line is {_mb(len(line))}, over the {_mb(settings.max_bytes)} limit", number
        )
    try:
        obj = json.loads(decode(line, settings.legacy_encodings))
    except DecodeError as exc:
        raise IngestError(path, str(exc), number) from None
    except json.JSONDecodeError as exc:
        raise IngestError(
            path, f"malformed JSON ({exc.msg} at column {exc.colno})", number
        ) from None
    if not isinstance(obj, dict):
        raise IngestError(path, "a JSONL record must be an object", number)
    html, text = obj.get("html"), obj.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        raise IngestError(path, 'record has no "text" or "html"', number)
    if body is html:
        check_html(path, body, number)
    published = obj.get("published")
    if published is not None:
        published = _iso_date(published)
        if published is None:
            raise IngestError(path, f'"published" {obj["published"]!r} is not an ISO date', number)
    fetched = obj.get("fetched")
    if fetched is not None:
        fetched = _iso_datetime(fetched)
        if fetched is None:
            raise IngestError(
                path, f'"fetched" {obj["fetched"]!r} is not an ISO date or time', number
            )
    return Capture(
        source=str(path),
        kind="jsonl",
        raw=body,
        record=number,
        url=_str(obj.get("url")),
        title=_str(obj.get("title")),
        outlet=_str(obj.get("outlet")),
        published=published,
        fetched=fetched,
        id=_str(obj.get("id")),
    )


def read_warc(
    path: Path, stream: IO[bytes], settings: IngestSettings, report: Report
) -> Iterator[Capture]:
    """HTML responses (and HTML resource records) of a WARC file, one capture each."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    try:
        for index, rec in enumerate(ArchiveIterator(stream, arc2warc=True)):
            if rec.rec_type not in ("response", "resource"):
                continue
            ctype = (
                rec.http_headers.get_header("Content-Type", "")
                if rec.http_headers is not None
                else rec.rec_headers.get_header("Content-Type", "")
            ) or ""
            if "html" not in ctype.lower():
                continue
            count += 1
            url = rec.rec_headers.get_header("WARC-Target-URI")
            try:
                data = rec.content_stream().read(settings.max_bytes + 1)
                if len(data) > settings.max_bytes:
                    raise IngestError(
                        path, f"record {index} ({url}) is over the {_mb(settings.max_bytes)} limit"
                    )
                text = _decode_charset(data, ctype)
                if not text.strip():
                    raise IngestError(path, f"record {index} ({url}) is empty")
                check_html(path, text)
            except IngestError as err:
                if not err.reason.startswith("record "):
                    err = IngestError(path, f"record {index} ({url}): {err.reason}")
                report(err)
                continue
            yield Capture(
                source=str(path),
                kind="warc",
                raw=text,
                record=index,
                url=url,
                fetched=rec.rec_headers.get_header("WARC-Date"),
            )
    except ArchiveLoadFailed as exc:
        raise IngestError(path, f"not a readable WARC file ({str(exc).splitlines()[0]})") from None
    if count == 0:
        report(IngestError(path, "WARC file has no HTML response records"))


def read_feed(
    path: Path, data: bytes, settings: IngestSettings, report: Report
) -> Iterator[Capture]:
    """Each RSS/Atom entry's content (or summary) becomes a capture with its URL, title and date."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        raise IngestError(path, f"malformed or empty feed ({str(reason).splitlines()[0]})")
    outlet = _feed_outlet(parsed.feed)
    for index, entry in enumerate(parsed.entries):
        contents = entry.get("content") or []
        body = contents[0].get("value") if contents else None
        body = body or entry.get("summary") or entry.get("description")
        if not body or not body.strip():
            report(IngestError(path, f"feed entry {index} has no content or summary"))
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        yield Capture(
            source=str(path),
            kind="feed",
            raw=body,
            record=index,
            url=_str(entry.get("link")),
            title=_str(entry.get("title")),
            outlet=outlet,
            published=time.strftime("%Y-%m-%d", stamp) if stamp else None,
            id=_str(entry.get("id")),
        )


def _feed_outlet(feed: Any) -> str | None:
    """The outlet of a feed from its channel title. Titles often add a section ("MBC News -
    Valdoria and Merovia", "World | The Northern Ledger"): the part that the channel's own
    link host spells, or that its description names, is the outlet."""
    title = _str(feed.get("title"))
    if not title:
        return None
    parts = [p.strip() for p in re.split(r"\s+(?:-|–|—|\||:|»|·)\s+", title) if p.strip()]
    if len(parts) < 2:
        return title
    host = (urlsplit(_str(feed.get("link")) or "").hostname or "").lower()
    host_words = set(re.split(r"[^a-z0-9]+", host.removeprefix("www.")))
    description = (_str(feed.get("description")) or _str(feed.get("subtitle")) or "").lower()
    for part in parts:
        words = [w for w in re.split(r"[^a-z0-9]+", part.lower()) if w and w != "the"]
        if words and (set(words) <= host_words or "".join(words) in host_words):
            return part
    for part in parts:
        if description.startswith(part.lower()) or f"{part.lower()} " in description[:80]:
            return part
    return title


def read_tokens(path: Path, data: bytes, settings: IngestSettings) -> Iterator[Capture]:
    """A token-per-element XML document (MEANTIME/NewsReader CAT format) as tokenised text:
    one sentence a line, tokens joined by single spaces. The XML annotations are not article
    text, so ``raw`` is the rebuilt text; the document's ``url`` and ``doc_id`` are kept."""
    from lxml import etree

    try:
        root = etree.fromstring(
            data, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as exc:
        raise IngestError(path, f"malformed token XML ({exc})") from None
    sentences: dict[str, list[str]] = {}
    for tok in root.iter("token"):
        if tok.text and tok.text.strip():
            sentences.setdefault(tok.get("sentence", "0"), []).append(tok.text.strip())
    if not sentences:
        raise IngestError(path, "token XML has no tokens")
    text = "\n".join(" ".join(words) for words in sentences.values()) + "\n"
    yield Capture(
        source=str(path),
        kind="text",
        raw=text,
        url=_str(root.get("url")),
        id=_str(root.get("doc_id")),
    )


# --------------------------------------------------------------------------- helpers


def _decode(path: Path, data: bytes, settings: IngestSettings) -> str:
    try:
        return decode(data, settings.legacy_encodings)
    except DecodeError as exc:
        raise IngestError(path, str(exc)) from None


def _declared(data: bytes) -> str | None:
    """A page that is not UTF-8 but declares its charset (``<meta charset=...>``) is decoded
    by that declaration: that is the page's own statement, not a guess."""
    try:
        data.decode("utf-8")
        return None  # UTF-8 pages take the ordinary path
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    if not m or b"\x00" in data[:65536]:
        return None
    try:
        return data.decode(m.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_charset(data: bytes, content_type: str) -> str:
    """Decode an HTTP body by its declared charset, UTF-8 when none is declared."""
    charset = "utf-8"
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _require_content(path: Path, text: str) -> None:
    if not text.strip():
        raise IngestError(path, "empty file (only whitespace)")


def _iso_datetime(value: Any) -> str | None:
    """An ISO date or date and time, normalised (UTC offsets kept), None if it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None


def _iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` of an ISO date or datetime (``YYYY-MM`` and ``YYYY`` kept at their
    precision), None if it is not one."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if re.fullmatch(r"(?:1[5-9]|20)\d{2}", value):
        return value  # a year
    m = re.fullmatch(r"((?:1[5-9]|20)\d{2})-(0[1-9]|1[0-2])", value)
    if m:
        return value  # a month
    try:
        if len(value) > 10:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
