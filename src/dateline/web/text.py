"""Text helpers for pages: evidence in context, highlighted spans, date ranges, safe links.

Everything here returns plain data (strings and lists of segments); templates escape it. No
function in this module builds HTML, so nothing from a capture can reach a page unescaped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from dateline.models import Document, Evidence


@dataclass
class Segment:
    """A run of text; ``mark`` names the kind of highlight (``""`` for plain text)."""

    text: str
    mark: str = ""
    title: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "mark": self.mark, "title": self.title}


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an http(s) link, else None (no ``javascript:``/``data:`` links)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return None


def evidence_text(doc: Document, ev: Evidence) -> str:
    """The text an evidence span points into: the body, or the version it names."""
    if ev.version is not None:
        for v in doc.versions:
            if v.index == ev.version:
                return v.text
    return doc.body


def locate(text: str, ev: Evidence) -> tuple[int, int] | None:
    """The evidence span in ``text``: the stored offsets when they still hold the sentence,
    else the first place the sentence occurs (documents re-cleaned since linking)."""
    in_range = 0 <= ev.start < ev.end <= len(text)
    if in_range and (not ev.sentence or text[ev.start : ev.end] == ev.sentence):
        return ev.start, ev.end
    if ev.sentence:
        at = text.find(ev.sentence)
        if at >= 0:
            return at, at + len(ev.sentence)
    return None


def in_context(doc: Document | None, ev: Evidence, max_chars: int = 900) -> list[Segment]:
    """The paragraph around an evidence sentence, with the sentence marked.

    Falls back to the sentence alone when the document is missing or the span is gone.
    """
    if doc is None:
        return [Segment(ev.sentence, "evidence")] if ev.sentence else []
    text = evidence_text(doc, ev)
    span = locate(text, ev)
    if span is None:
        return [Segment(ev.sentence, "evidence")] if ev.sentence else []
    start, end = _trim(text, *span)
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    # A single-paragraph capture can be the whole article: keep the context readable.
    half = max(0, (max_chars - (end - start)) // 2)
    if start - para_start > half:
        para_start = _word_cut(text, start - half, forward=True)
    if para_end - end > half:
        para_end = _word_cut(text, end + half, forward=False)
    out: list[Segment] = []
    before, after = text[para_start:start], text[end:para_end]
    if before:
        out.append(
            Segment(("… " if para_start > 0 and text[para_start - 1] != "\n" else "") + before)
        )
    out.append(Segment(text[start:end], "evidence"))
    if after:
        tail = " …" if para_end < len(text) and text[para_end] != "\n" else ""
        out.append(Segment(after + tail))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with whitespace (a sentence span that
    swallowed its paragraph break would otherwise drag the next paragraph into view)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _word_cut(text: str, pos: int, forward: bool) -> int:
    if forward:
        nxt = text.find(" ", pos)
        return pos if nxt < 0 else nxt + 1
    prev = text.rfind(" ", 0, pos)
    return pos if prev < 0 else prev


def highlight(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    """Split ``text`` into segments, marking each (start, end, kind, title) span.

    Spans may overlap or nest (a time inside an event sentence): each piece of text carries
    every kind that covers it, space-separated in ``mark`` (e.g. ``"event time"``), so the
    page can show both the sentence and the date within it.
    """
    cuts = {0, len(text)}
    live: list[tuple[int, int, str, str]] = []
    for start, end, kind, title in spans:
        if not (0 <= start < end <= len(text)):
            continue
        start, end = _trim(text, start, end)
        if start < end:
            live.append((start, end, kind, title))
            cuts.update((start, end))
    bounds = sorted(cuts)
    out: list[Segment] = []
    for a, b in itertools.pairwise(bounds):
        if a == b:
            continue
        covering = [(k, t) for s, e, k, t in live if s <= a and b <= e]
        kinds = " ".join(dict.fromkeys(k for k, _ in covering))
        title = "; ".join(dict.fromkeys(t for _, t in covering if t))
        if out and out[-1].mark == kinds and out[-1].title == title:
            out[-1] = Segment(out[-1].text + text[a:b], kinds, title)
        else:
            out.append(Segment(text[a:b], kinds, title))
    return out


_DATE_RE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|W(?P<w>\d{2})|Q(?P<q>[1-4])|H(?P<h>[12])))?"
)


def date_span(value: str | None, precision: str = "day") -> tuple[str, str] | None:
    """First and last day (ISO) covered by a dateline date value, for drawing it on a scale.

    Understands YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, YYYY-Qn, YYYY-Hn and decade precision.
    """
    if not value:
        return None
    m = _DATE_RE.match(value)
    if not m:
        return None
    y = int(m["y"])
    try:
        if m["d"]:
            d = dt.date(y, int(m["m"]), int(m["d"]))
            return d.isoformat(), d.isoformat()
        if m["m"]:
            mo = int(m["m"])
            last = calendar.monthrange(y, mo)[1]
            return f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{last:02d}"
        if m["w"]:
            start = dt.date.fromisocalendar(y, int(m["w"]), 1)
            return start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
        if m["q"]:
            q = int(m["q"])
            first, lastm = 3 * q - 2, 3 * q
            return (
                f"{y:04d}-{first:02d}-01",
                f"{y:04d}-{lastm:02d}-{calendar.monthrange(y, lastm)[1]:02d}",
            )
        if m["h"]:
            return (
                (f"{y:04d}-01-01", f"{y:04d}-06-30")
                if m["h"] == "1"
                else (
                    f"{y:04d}-07-01",
                    f"{y:04d}-12-31",
                )
            )
    except ValueError:
        return None
    if precision == "decade":
        start_y = y - y % 10
        return f"{start_y:04d}-01-01", f"{start_y + 9:04d}-12-31"
    return f"{y:04d}-01-01", f"{y:04d}-12-31"


def display_date(value: str | None, precision: str) -> str:
    """A date as an analyst reads it: "14 Mar 2019", "Jun 2019", "2019", "undated"."""
    if not value:
        return "undated"
    m = _DATE_RE.match(value)
    if m and m["d"] and precision in ("day", "unknown"):
        try:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).strftime("%-d %b %Y")
        except ValueError:
            return value
    if m and m["m"] and not m["d"]:
        try:
            return dt.date(int(m["y"]), int(m["m"]), 1).strftime("%b %Y")
        except ValueError:
            return value
    if precision == "decade" and m:
        return f"{m['y'][:3]}0s"
    return value
