"""Line-level removal of page furniture from plain-text dumps.

A dump is split into units (a line, or a paragraph when the text is hard-wrapped). Each unit
is judged on general features, never on the words of a particular page:

* *body-like*: long enough (12+ words) and ending like a sentence, or 25+ words. Body-like
  units are kept unless they match a furniture *sentence* (comment-form notices, versioning
  banners, follow-us lines; see ``vocab``).
* short units are dropped when they match a furniture phrase, are made mostly of widget words
  ("Print E-mail Bookmark and Share"), only of UI tokens (font-size buttons "XS", "LG"), are a
  bare URL, a navigation strip ("Home > World > Asia"), a dateline or date line ("Tokyo, 7
  January, /AJMEDIA/", "Published 3 March 2021"; its date and outlet are read first), a byline,
  or repeat an earlier unit.
* position: short units before the headline, and short unpunctuated units after the last
  body-like unit, are furniture (section labels, "Breaking News", button rows).

The headline (the first heading-like unit of the head) is taken out of the body and returned
as the title. Everything dropped is returned too, so nothing is lost from provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dateline.clean.dates import full_dates, partial_dates, strip_dates
from dateline.clean.vocab import (
    CLOSING_HEADINGS,
    FURNITURE_PHRASES,
    FURNITURE_SENTENCES,
    STRONG_WIDGET_WORDS,
    UI_TOKENS,
    WIDGET_WORDS,
    WIRES,
)

_SENTENCE_END = re.compile(r"[.!?…][\"”’'»)\]]*\s*$")
_INNER_SENTENCE = re.compile(r"[.!?][\"”’']?\s+[\"“A-Z]")
_WORD = re.compile(r"[\w'’+-]+(?:\.[\w]+)*")
_URL_ONLY = re.compile(r"^(?:<)?(?:https?://|www\.)\S+(?:>)?$", re.IGNORECASE)
_NAV_SEP = re.compile(r"\s(?:\||»|›|>|/|•|·)\s")
_NAME_PARTICLES = frozenset(
    ["de", "du", "des", "la", "le", "di", "del", "der", "van", "von", "of", "the", "and", "&"]
)
_SECTION_WORDS = frozenset(
    [
        "news",
        "world",
        "politics",
        "business",
        "sport",
        "sports",
        "opinion",
        "europe",
        "asia",
        "africa",
        "americas",
        "nation",
        "national",
        "local",
        "international",
        "breaking",
        "latest",
        "home",
        "economy",
        "markets",
        "culture",
        "science",
        "tech",
        "technology",
        "health",
        "entertainment",
        "video",
        "live",
        "lifestyle",
        "travel",
        "analysis",
        "exclusive",
        "explainer",
        "interview",
        "review",
        "comment",
        "editorial",
        "update",
        "watch",
        "listen",
        "photos",
        "podcast",
        "features",
        "uk",
        "us",
        "edition",
        "top",
        "stories",
        "headlines",
        "and",
        "&",
        "actualités",
        "monde",
        "politique",
        "international",
        "nachrichten",
        "welt",
        "politik",
        "noticias",
        "mundo",
        "internacional",
        "política",
        "notizie",
        "esteri",
        "politica",
    ]
)
_COPYRIGHT_MARK = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)
_WIDE_GAP = re.compile(r"\s{2,}|\t")
_BYLINE = re.compile(
    r"^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Dd]i)\s+[A-ZÀ-Þ][\w.'’-]+(?:\s+[A-ZÀ-Þ][\w.'’-]+){0,3}(?:\s*(?:,|and|und|et|y|&)\s*.{0,60})?$"
)
_CREDIT = re.compile(r"/[A-Z][A-Z0-9 .&-]{1,30}/|\((?:[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2})\)")
_LABEL_WORDS = frozenset(
    [
        "published",
        "posted",
        "updated",
        "last",
        "modified",
        "first",
        "on",
        "at",
        "date",
        "datum",
        "am",
        "le",
        "el",
        "den",
        "de",
        "à",
        "um",
        "publié",
        "mis",
        "à",
        "jour",
        "veröffentlicht",
        "aktualisiert",
        "publicado",
        "actualizado",
        "pubblicato",
        "aggiornato",
        "gmt",
        "utc",
        "bst",
        "est",
        "edt",
        "cet",
        "cest",
        "jst",
        "pst",
        "pdt",
        "et",
        "pt",
        "ist",
        "kst",
        "uhr",
    ]
)
_TIME_ONLY = re.compile(
    r"^\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|UTC|GMT)(?:[+-]\d{1,2})?)?$", re.I
)
_MD_HEADING = re.compile(r"^#{1,6}\s+")  # a Markdown heading marker
_BULLET = re.compile(r"^[\s•·*▪◦–—-]+(?=\S)")


@dataclass
class Cleaned:
    body: list[str]
    removed: list[str] = field(default_factory=list)
    title: str | None = None
    reasons: dict[str, str] = field(default_factory=dict)  # removed unit -> why
    units: list[str] = field(default_factory=list)  # every unit, in order
    closing: int = 0  # index of the unit that closes the article (comments, sources), or len(units)
    masthead: str | None = None  # the outlet's name printed above the article, if any


# "Strait Talk - a blog about ...", "Revisionwatch - we keep an eye on the news": name + tagline
_TAGLINE = re.compile(r"^(?P<name>[^\s].{0,60}?)\s+(?:-|–|—|\||:)\s+(?P<tag>[a-z].*)$")
_TICKER = re.compile(r"^(?:breaking(?: news)?|latest|just in|live|developing|watch)\s*:", re.I)


def masthead(units: list[str], first_body: int) -> str | None:
    """The outlet's name when a dump opens with it ("THE MERIDIAN POST", "Le Courrier de
    Lenhavn", "Strait Talk - a blog about ..."): a short name above the real headline that is
    set in capitals, carries a lower-case tagline, or is named again in a byline, copyright
    or footer line."""
    if not units or first_body < 2:
        return None
    first = units[0].strip()
    m = _TAGLINE.match(first)
    name = m.group("name").strip() if m else first
    words = name.split()
    if not 1 <= len(words) <= 5 or _SENTENCE_END.search(name) or re.search(r"\d", name):
        return None
    if not all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words):
        return None
    if not any(_headline(u) for u in units[1:first_body]):
        return None  # the first line is the only headline candidate: it is the headline
    if all(w.lower().strip(":") in _SECTION_WORDS for w in words):
        return None  # "WORLD NEWS", "POLITICS": a section label, not a name
    key = name.lower().removeprefix("the ").strip()
    echoes = [
        u
        for u in units[1:]
        if key in u.lower()
        and (_COPYRIGHT_MARK.search(u) or _BYLINE.match(u) or len(_NAV_SEP.findall(u)) >= 1)
    ]
    # capitals alone make a name only with two words or more: "EXCLUSIVE" is a kicker
    if not (m or (name.isupper() and len(words) >= 2) or echoes):
        return None
    if name.isupper():  # prefer the way the page itself writes the name in running text
        for u in echoes:
            i = u.lower().find(key)
            shown = u[i : i + len(key)]
            if not shown.isupper():
                return ("The " + shown) if name.lower().startswith("the ") else shown
        return name.title()
    return name


def units_of(text: str) -> list[str]:
    """Paragraph units of a dump: each non-empty line, or each paragraph when the text is
    hard-wrapped.

    Hard wrapping is judged on the long lines only (furniture lines are short whatever the
    layout): wrapped lines fill one width of 40-120 characters, almost none is longer, and
    most of them end mid-sentence. A dump with one line per paragraph has long lines well past
    any wrap width, and they end with a full stop.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    multi = [b.splitlines() for b in blocks if len(b.strip().splitlines()) > 1]
    lines = [ln.rstrip() for b in multi for ln in b[:-1] if ln.strip()]
    long = [ln for ln in lines if len(ln.strip()) >= 30]
    if len(long) >= 4:
        lengths = sorted(len(ln) for ln in long)
        width = lengths[int(0.9 * (len(lengths) - 1))]  # robust to a stray unwrapped line
        full = sum(1 for n in lengths if 0.7 * width <= n <= width + 2) / len(lengths)
        overlong = sum(1 for n in lengths if n > 130) / len(lengths)
        open_ended = sum(1 for ln in long if not _SENTENCE_END.search(ln)) / len(long)
        if 40 <= width <= 120 and overlong < 0.1 and full >= 0.75 and open_ended > 0.5:
            return _unwrap(text, width)
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _unwrap(text: str, width: int) -> list[str]:
    """Rejoin hard-wrapped paragraphs: a line that fills the width was wrapped and goes on in
    the next line; a short line, a sentence end or a blank line ends the paragraph."""
    units: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            current.append(stripped)
        # a sentence end may also end a paragraph: splitting one paragraph in two is harmless,
        # gluing a following "Print" or "Share" line to the body is not
        if not stripped or len(line.rstrip()) < 0.6 * width or _SENTENCE_END.search(stripped):
            if current:
                units.append(" ".join(current))
            current = []
    if current:
        units.append(" ".join(current))
    return units


def _analysis_text(unit: str) -> str:
    """Unglue widget strips ("Comment(s)Print", "storiesGet") for judging only."""
    core = _BULLET.sub("", unit)
    return re.sub(r"(?<=[a-z)\]])(?=[A-Z])", " ", core)


# abbreviations whose full stop ends no sentence ("7:45 a.m. ET", "Oct. 13", "Mr. Lind")
_ABBREVIATION = re.compile(
    r"\b(?:[ap]\.m|mrs?|ms|dr|st|gen|gov|sen|rep|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.(?!\s*$)",
    re.IGNORECASE,
)


def is_body_like(unit: str) -> bool:
    words = _WORD.findall(unit)
    plain = _ABBREVIATION.sub(" ", unit)
    punct = bool(_SENTENCE_END.search(plain) or _INNER_SENTENCE.search(plain))
    return (len(words) >= 10 and punct) or len(words) >= 25


def furniture_reason(unit: str) -> str | None:
    """Why ``unit`` is furniture regardless of its position, or None."""
    text = _analysis_text(unit)
    low = text.lower()
    body = is_body_like(unit)
    for pattern in FURNITURE_SENTENCES:
        if pattern.search(low):
            return f"furniture sentence /{pattern.pattern}/"
    if body:
        return None
    for pattern in FURNITURE_PHRASES:
        if pattern.search(low):
            return f"furniture phrase /{pattern.pattern}/"
    words = [w.lower() for w in _WORD.findall(text)]
    tokens = low.split()
    if tokens and all(t in UI_TOKENS for t in tokens):
        return "interface buttons (font size and the like)"
    if _URL_ONLY.match(unit.strip()):
        return "a bare link"
    if words and len(words) <= 10:
        strong = sum(w in STRONG_WIDGET_WORDS for w in words)
        widget = sum(w in WIDGET_WORDS or "." in w for w in words)
        if strong and widget / len(words) >= 0.6:
            return "widget words (share/print/comment/follow bar)"
    if len(_NAV_SEP.findall(text)) >= 2 and max(len(s.split()) for s in _NAV_SEP.split(text)) <= 4:
        return "navigation strip"
    # a breadcrumb or edition switch: "World > Valdoria", "UK edition | International edition"
    parts = _NAV_SEP.split(text)
    if (
        len(parts) >= 2
        and re.search(r"\s[|>»›]\s", text)
        and max(len(p.split()) for p in parts) <= 2
    ):
        return "navigation strip"
    # menus pasted from a page keep the gaps between their items: "NEWS  SPORTS  OPINION"
    spaced = [s for s in _WIDE_GAP.split(unit.strip()) if s]
    if len(spaced) >= 3 and all(
        len(s.split()) <= 3 and not _SENTENCE_END.search(s) for s in spaced
    ):
        return "navigation strip (spaced menu items)"
    if _BYLINE.match(unit.strip()) and not _SENTENCE_END.search(unit):
        return "byline"
    if is_dateline(unit):
        return "dateline (date/place/credit line)"
    return None


def is_dateline(unit: str) -> bool:
    """A short line that only states place, date and credit: "Tokyo, 7 January, /AJMEDIA/",
    "Published 3 March 2021", "Xinhua, July 12, 2014", "Tuesday 4 March 2014 18.02 GMT"."""
    if is_body_like(unit) or len(unit) > 120:
        return False
    has_date = bool(full_dates(unit) or partial_dates(unit))
    has_credit = bool(_CREDIT.search(unit))
    if not has_date and not has_credit:
        return False
    rest = _CREDIT.sub(" ", strip_dates(unit))
    leftover = [
        w
        for w in _WORD.findall(rest)
        if any(c.isalnum() for c in w) and w.lower() not in _LABEL_WORDS and w.lower() not in WIRES
    ]
    # what is left must be place names (capitalised), nothing that reads like a clause
    if any(not w[0].isupper() and not w[0].isdigit() for w in leftover):
        return False
    return has_date or len(leftover) <= 3


def _headline(unit: str) -> bool:
    words = unit.split()
    if not 2 <= len(words) <= 25 or unit.startswith(("“", '"', "‘", "'", "(")):
        return False
    if re.search(r"[.:,;]$", unit) and not unit.endswith("..."):
        return False
    letters = [c for c in unit if c.isalpha()]
    return bool(letters) and letters[0].isupper()


def clean_units(units: list[str], title: str | None = None) -> Cleaned:
    """Keep the body units of a dump; return them with the furniture and the headline.

    ``title``, when already known (HTML, JSONL, a version table), is removed from the head
    instead of looking for one.
    """
    out = Cleaned(body=[], units=list(units))
    verdict: list[str | None] = [furniture_reason(u) for u in units]
    first_body = next(
        (i for i, u in enumerate(units) if verdict[i] is None and is_body_like(u)), len(units)
    )

    is_body = [verdict[j] is None and is_body_like(u) for j, u in enumerate(units)]
    before = [0]
    for flag in is_body:
        before.append(before[-1] + flag)

    def _body_before(i: int) -> int:
        return before[i]

    # comments, source lists and link lists close a dump: everything after such a heading goes
    closing = next(
        (
            i
            for i in range(first_body + 1, len(units))
            if (i >= len(units) // 2 or _body_before(i) >= 3)
            and CLOSING_HEADINGS.match(_BULLET.sub("", units[i]).strip())
        ),
        len(units),
    )
    out.closing = closing
    body_idx = [i for i in range(closing) if verdict[i] is None and is_body_like(units[i])]
    last_body = body_idx[-1] if body_idx else -1
    # the headline: the first heading-like unit of the head with 3+ words (section labels
    # such as "World News" are shorter), else the first heading-like one at all
    out.masthead = masthead(units, first_body)
    if out.masthead is not None and verdict[0] is None:
        verdict[0] = "masthead (the outlet's name)"
    heads = [i for i in range(first_body) if verdict[i] is None and _headline(units[i])]
    # a ticker line ("Breaking: ...") above another heading is not this article's headline
    tickers = [i for n, i in enumerate(heads) if _TICKER.match(units[i]) and n + 1 < len(heads)]
    for i in tickers:
        verdict[i] = "a ticker line above the headline"
    heads = [i for i in heads if i not in tickers]
    headline = next((i for i in heads if len(units[i].split()) >= 3), heads[0] if heads else -1)
    seen: set[str] = set()
    for i, unit in enumerate(units):
        key = " ".join(unit.lower().split())
        reason = verdict[i]
        if i >= closing:
            reason = reason or f"after the closing section '{units[closing]}'"
        # a repeated headline or paragraph is a capture glitch; a short repeated sentence
        # ("No." / "Jim .") can be the article's own words
        if (
            reason is None
            and key in seen
            and (len(key.split()) >= 6 or not _SENTENCE_END.search(unit))
        ):
            reason = "repeats an earlier line"
        if reason is None and title is not None and key == " ".join(title.lower().split()):
            reason = "the headline"
        if reason is None and _TIME_ONLY.match(unit):
            pass  # a live-update time stamp: structure of the body, kept wherever it is
        elif reason is None and i < first_body:
            if out.title is None and title is None and i == headline:
                out.title = _MD_HEADING.sub("", unit).strip()
                reason = "the headline"
            elif len(unit.split()) <= 6 and not _SENTENCE_END.search(unit):
                reason = "short line above the headline or article"
        tail = (
            reason is None
            and not _TIME_ONLY.match(unit)
            and i > last_body >= 0
            and not is_body_like(unit)
        )
        if tail and not _SENTENCE_END.search(unit) and len(unit.split()) <= 6:
            reason = "short line after the article"
        elif tail and _headline(unit) and len(unit.split()) <= 16:
            # headlines of other stories listed under the article, with or without a heading
            reason = "headline-like line after the article"
        seen.add(key)
        if reason is None:
            out.body.append(unit)
        elif reason != "the headline":
            out.removed.append(unit)
            out.reasons[unit] = reason
    return out
