"""Assembling a Document from a capture: body, versions, metadata with evidence, id."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from dateline.clean import metadata as md
from dateline.clean.dates import FoundDate, full_dates, url_date
from dateline.clean.furniture import Cleaned, clean_units, is_body_like, units_of
from dateline.clean.html import extract_page
from dateline.clean.table import VersionTable, find_version_table
from dateline.ingest.sniff import looks_like_html
from dateline.models import Capture, DateEstimate, Document, Evidence, Version, content_hash

_FRAGMENT = re.compile(
    r"<(?:p|div|br|a|span|img|h[1-6]|ul|li|em|strong|b|i)\b[^>]*>", re.IGNORECASE
)


class CleanError(ValueError):
    """A capture that holds no article text once its furniture is removed."""


@dataclass
class _Body:
    cleaned: Cleaned
    body: str
    versions: list[Version]
    table: VersionTable | None
    title: str | None
    page_title: str | None = None
    sitename: str | None = None
    page_url: str | None = None
    page_date: str | None = None
    visible_date: str | None = None
    copyright_lines: list[str] = field(default_factory=list)
    extractor: str | None = None


def is_html_capture(capture: Capture) -> bool:
    if capture.kind in ("html", "warc"):
        return True
    if capture.kind in ("jsonl", "feed"):
        return looks_like_html(capture.raw) or bool(_FRAGMENT.search(capture.raw))
    return False


def documents_from_capture(capture: Capture) -> list[Document]:
    """The cleaned document(s) of one capture. Pure: the same capture gives the same documents.

    Raises :class:`CleanError` when nothing of the article is left.
    """
    part = _html_body(capture) if is_html_capture(capture) else _text_body(capture)
    if not part.body.strip():
        raise CleanError(f"{capture.source}: no article text left after removing page furniture")
    meta = _metadata(capture, part)
    identity = capture.id or capture.url or f"{PurePath(capture.source).name}#{capture.record}"
    doc = Document(
        id=content_hash(f"{identity}\n{part.body}"),
        source=capture.source,
        kind=capture.kind,
        body=part.body,
        title=meta.title,
        outlet=meta.outlet,
        url=meta.url,
        published=meta.published,
        language=_language(part.body),
        versions=part.versions,
        removed_lines=part.cleaned.removed,
        metadata_evidence=meta.evidence,
        raw=capture.raw,
        raw_hash=content_hash(capture.raw),
        record=capture.record,
        notes=meta.notes,
        fetched=capture.fetched,
    )
    _date_evidence(doc, meta.date_line)
    return [doc]


def _date_evidence(doc: Document, line: str | None) -> None:
    """Point the stated date at its words when they are part of the body (inline datelines)."""
    if doc.published is None or not line:
        return
    start = doc.body.find(line)
    if start >= 0:
        doc.published.evidence.append(
            Evidence(document=doc.id, sentence=line, start=start, end=start + len(line))
        )


# --------------------------------------------------------------------------- bodies


def _text_body(capture: Capture) -> _Body:
    lines = capture.raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    table = find_version_table(lines)
    if table is None:
        cleaned = clean_units(units_of(capture.raw), title=capture.title)
        return _Body(cleaned, "\n\n".join(cleaned.body), [], None, capture.title or cleaned.title)
    # Furniture around the table is cleaned like any dump; the table itself is read by column.
    around = "\n".join([*lines[: table.start], "", "\u2063", *lines[table.end :]])
    main = max(table.versions, key=lambda v: len(v.paragraphs))  # max keeps the leftmost on ties
    title = capture.title or main.title
    cleaned = clean_units(units_of(around), title=title)
    before, after = _split_marker(cleaned.body)
    cleaned.units = [u for u in cleaned.units if u != "\u2063"]
    cleaned.removed = [u for u in cleaned.removed if u != "\u2063"]
    body = "\n\n".join([*before, *main.paragraphs, *after])
    stamps = _version_stamps([*lines[: table.start], *lines[table.end :]])
    versions = []
    for v in table.versions:
        text = "\n\n".join(v.paragraphs)
        label = f"{v.label} ({v.later})" if v.later else v.label
        versions.append(
            Version(
                index=v.index,
                label=label,
                text=text,
                title=v.title,
                timestamp=stamps.get(v.index) or (_stamp(v.later) if v.later else None),
                content_hash=content_hash(text),
            )
        )
    return _Body(cleaned, body, versions, table, title)


_VERSION_STAMP = re.compile(r"\b(?:version|revision)\s*#?\s*(\d+)\s*\(([^()]{6,60})\)", re.I)
_CLOCK = re.compile(r"(?<![\d:])([01]?\d|2[0-3])[:.h]([0-5]\d)(?![\d])")


def _stamp(text: str) -> str | None:
    """ "first seen 18 April 2016, 07:12 GMT" -> "2016-04-18T07:12" (the day alone without a time)."""
    dates = full_dates(text)
    if not dates:
        return None
    clock = _CLOCK.search(text[dates[0].start :])
    if clock:
        return f"{dates[0].value}T{int(clock.group(1)):02d}:{clock.group(2)}"
    return dates[0].value


def _version_stamps(lines: list[str]) -> dict[int, str]:
    """When each version was seen, from a list near the table: "Older versions: Version 1 (18
    April 2016 07:12), Version 2 (18 April 2016 13:05)"."""
    out: dict[int, str] = {}
    for line in lines:
        for m in _VERSION_STAMP.finditer(line):
            stamp = _stamp(m.group(2))
            if stamp:
                out.setdefault(int(m.group(1)), stamp)
    return out


def _split_marker(body: list[str]) -> tuple[list[str], list[str]]:
    if "\u2063" in body:
        i = body.index("\u2063")
        return body[:i], body[i + 1 :]
    return body, []


def _html_body(capture: Capture) -> _Body:
    page = extract_page(capture.raw, capture.url)
    if page.title and page.sitename:
        page.title = _strip_site(page.title, page.sitename)
    title = capture.title or page.title
    cleaned = clean_units(units_of(page.text), title=title)
    return _Body(
        cleaned,
        "\n\n".join(cleaned.body),
        [],
        None,
        title or cleaned.title,
        page_title=page.title,
        sitename=page.sitename,
        page_url=page.url,
        page_date=page.date,
        visible_date=page.visible_date,
        copyright_lines=page.copyright_lines,
        extractor=page.extractor,
    )


# --------------------------------------------------------------------------- metadata


def _metadata(capture: Capture, part: _Body) -> md.Meta:
    meta = md.Meta()
    units = part.cleaned.units
    ev = meta.evidence
    if part.extractor:
        ev["extractor"] = f"main text extracted by {part.extractor}"

    if part.cleaned.removed:
        kinds = Counter(_reason_kind(r) for r in part.cleaned.reasons.values())
        ev["furniture"] = (
            f"{len(part.cleaned.removed)} lines of page furniture removed ("
            + ", ".join(f"{n} {k}" for k, n in kinds.most_common())
            + ")"
        )

    # title
    meta.title = part.title
    if capture.title:
        ev["title"] = f"given by the {capture.kind} record's title field"
    elif part.page_title and part.title == part.page_title:
        ev["title"] = "the page's title metadata (trafilatura)"
    elif part.table is not None and part.title:
        ev["title"] = "the headline row of the version table"
    elif part.title:
        ev["title"] = f"the first heading-like line of the capture: '{part.title}'"

    # URL
    if capture.url:
        meta.url = capture.url
        ev["url"] = f"given by the {capture.kind} record"
    elif part.page_url:
        meta.url = part.page_url
        ev["url"] = "the page's canonical URL metadata"
    else:
        found = md.find_url(units)
        if found:
            meta.url = found[0]
            ev["url"] = f"stated in the text: '{found[1]}'"

    # where the head of the article ends: the first kept body-like paragraph
    kept = set(part.cleaned.body)
    first_i = next((i for i, u in enumerate(units) if u in kept and is_body_like(u)), len(units))
    first_body = units[first_i] if first_i < len(units) else None
    # the head runs past a standfirst: date and byline lines often follow the first paragraph
    body_like = [i for i, u in enumerate(units) if u in kept and is_body_like(u)]
    head_end = min(
        part.cleaned.closing or len(units),  # never into comments or source lists
        max(first_i + 8, body_like[1] if len(body_like) > 1 else 0),
    )
    removed = set(part.cleaned.removed)
    head = [
        u
        for i, u in enumerate(units[:head_end])
        if i < first_i or u in removed or not is_body_like(u)
    ]

    # outlet
    source, count, banner = md.versioning_banner(units)
    if count is not None and banner:
        ev["version_count"] = f"{count}: '{banner}'"
        meta.notes.append(
            f"a news-versioning site reports {count} changes to this article: '{banner}'"
        )
    if part.table is not None:
        labels = ", ".join(v.label for v in part.versions)
        body_label = max(part.table.versions, key=lambda v: len(v.paragraphs)).label
        meta.notes.append(
            f"version table with {len(part.versions)} versions ({labels}); the body is {body_label}'s text"
        )
        ev["versions"] = (
            f"side-by-side table headed '{' | '.join(v.label for v in part.table.versions)}'"
        )
    if capture.outlet:
        meta.outlet = capture.outlet
        ev["outlet"] = f"given by the {capture.kind} record"
    else:
        credit = md.wire_credit(head + ([first_body] if first_body else []))
        site = None
        if part.sitename:
            site = (
                md.outlet_for_host(part.sitename) or part.sitename,
                f"site name metadata '{part.sitename}'",
            )
        masthead = part.cleaned.masthead
        versioned = source is not None or count is not None
        if versioned and source and (" " in source or not source.islower()):
            # a versioning site's own masthead names the site, not the article's outlet
            site = (
                md.outlet_for_host(source) or source,
                f"the versioning site's source name '{source}'",
            )
        if site is None and masthead:
            site = (
                md.outlet_for_host(masthead) or masthead,
                f"the masthead '{part.cleaned.units[0]}' above the headline",
            )
        site = (
            site
            or md.site_name(part.cleaned.removed)
            or md.copyright_holder(part.cleaned.removed + part.copyright_lines)
        )
        if site is None and meta.url:
            host = md.host_of(meta.url)
            site = (md.outlet_for_host(host) or host, f"the URL host {host}")
        meta.outlet, why = md.combine_outlet(
            credit,
            site,
            versioned=versioned,
            via=masthead if versioned and masthead != (site and site[0]) else None,
        )
        if why:
            ev["outlet"] = why

    # publication date
    meta.published = _published(capture, part, head, first_body, meta)
    if meta.published is None:
        partial = md.stated_partial(head, first_body, set(part.cleaned.removed))
        if partial:
            found, line = partial
            ev["partial_date"] = found.value
            ev["partial_date_line"] = line
            ev["partial_date_evidence"] = (
                f"the dateline '{line}' states {found.text} without a year"
            )
            meta.notes.append(
                f"undated: the dateline '{line}' gives day and month ({found.value}) but no year; "
                "the publication date is left unknown for the linking stage"
            )
        else:
            meta.notes.append("undated: the capture states no publication date")
    else:
        ev["published"] = meta.published.reasons[0]
    return meta


def _published(
    capture: Capture, part: _Body, head: list[str], first_body: str | None, meta: md.Meta
) -> DateEstimate | None:
    if capture.published:
        value, precision = _given_date(capture.published)
        return DateEstimate(
            value=value,
            precision=precision,  # type: ignore[arg-type]
            basis="given",
            confidence=1.0,
            reasons=[f"the {capture.kind} record gives the publication date {capture.published}"],
        )
    if part.page_date:
        return DateEstimate(
            value=part.page_date,
            precision="day",
            basis="stated",
            confidence=0.9,
            reasons=[
                f"htmldate read {part.page_date} from the page's date markup (metadata, date elements or URL)"
            ],
        )
    stated = md.stated_date(head, first_body, set(part.cleaned.removed))
    if stated:
        found, line = stated
        meta.date_line = line
        estimate = md.estimate(found, "stated", 0.95, f"the date line '{line}' states {found.text}")
        filed = md.dateline_partial(first_body)
        if filed and found.value[4:] == filed.value[1:] and line not in (first_body or ""):
            estimate.confidence = 0.98
            estimate.reasons.append(
                f"the dateline of the first paragraph agrees: '{filed.text}' without a year, "
                f"the year {found.value[:4]} from the date line"
            )
        return estimate
    if part.visible_date:
        return DateEstimate(
            value=part.visible_date,
            precision="day",
            basis="stated",
            confidence=0.8,
            reasons=[
                f"the page text states {part.visible_date} (found by htmldate's wider search, "
                "not in the page's metadata)"
            ],
        )
    article = (
        part.cleaned.units[: part.cleaned.closing] if part.cleaned.closing else part.cleaned.units
    )
    labelled = md.labelled_date(article)
    if labelled:
        found, line = labelled
        meta.date_line = line
        return md.estimate(found, "stated", 0.9, f"the line '{line}' states {found.text}")
    if meta.url:
        found_url: FoundDate | None = url_date(meta.url)
        if found_url:
            return md.estimate(
                found_url,
                "stated",
                0.85 if found_url.precision == "day" else 0.6,
                f"the article URL {meta.url} contains the date {found_url.text}",
            )
    return None


def _reason_kind(reason: str) -> str:
    """The family of a removal reason, for the one-line summary."""
    return reason.split(" /", 1)[0].split(" '", 1)[0]


def _given_date(value: str) -> tuple[str, str]:
    """A given date as ISO at its precision: a datetime is cut to its day, "2013-10" is a month."""
    text = value.strip()
    if re.fullmatch(r"\d{4}", text):
        return text, "year"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text, "month"
    m = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ]|$)", text)
    return (m.group(1), "day") if m else (text, "day")


def _strip_site(title: str, site: str) -> str:
    """ "Ministers meet | The Northern Ledger" -> "Ministers meet"."""
    for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
        head, _, tail = title.rpartition(sep)
        if head and tail.strip().lower() == site.strip().lower():
            return head.strip()
    return title


def _language(body: str) -> str | None:
    import py3langid

    sample = body[:5000]
    if len(sample.split()) < 3:
        return None
    lang, _ = py3langid.classify(sample)
    return str(lang)
