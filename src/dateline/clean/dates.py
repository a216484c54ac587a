"""Finding stated dates in short lines and URLs.

Only the forms a capture uses to state *its own* date are recognised: ISO (and Y/M/D, CJK
年月日) dates, month-name
dates in American ("July 12, 2014") and British ("Tuesday 4 March 2014") order, in English,
French, German, Spanish, Italian, Portuguese and Dutch, unambiguous numeric dates, and URL
paths (``/2013/10/04/``). A day and month without a year ("Tokyo, 7 January") is a *partial*
date: it is reported as such and never completed with a guessed year here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTH_NAMES: dict[int, str] = {
    1: "january jan janvier janv januar jänner enero ene gennaio gen janeiro januari",
    2: "february feb febr février fevrier févr fevr februar febrero febbraio fevereiro fev februari",
    3: "march mar mars märz maerz marzo março marco maart mrt",
    4: "april apr avril avr abril aprile",
    5: "may mai mayo maggio maio mei",
    6: "june jun juin juni junio giugno junho",
    7: "july jul juillet juil juli julio luglio julho",
    8: "august aug août aout agosto augustus",
    9: "september sep sept septembre septiembre settembre setembro",
    10: "october oct octobre oktober octubre ottobre outubro okt",
    11: "november nov novembre noviembre novembro",
    12: "december dec décembre decembre dezember diciembre dicembre dezembro dez",
}
MONTHS: dict[str, int] = {n: m for m, names in _MONTH_NAMES.items() for n in names.split()}
_MONTH = "(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
_WEEKDAY = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|lundi|mardi|mercredi|"
    r"jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|"
    r"venerdì|sabato|domenica)\.?,?\s+"
)
_TIME = (
    r"(?:,?\s*(?:at\s+|à\s+|um\s+|-\s*)?\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:[A-Z]{2,4}|UTC[+-]?\d*|GMT[+-]?\d*))?(?:\s*Uhr)?)?"
)

_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_MDY = re.compile(
    rf"(?:{_WEEKDAY})?\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s?,?\s+(?P<y>(?:19|20)\d{{2}})\b{_TIME}",
    re.IGNORECASE,
)
_DMY = re.compile(
    rf"(?:{_WEEKDAY})?(?:le\s+|el\s+|den\s+)?\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.|º)?\s+(?:de\s+)?"
    rf"(?P<m>{_MONTH}),?\s+(?:de\s+)?(?P<y>(?:19|20)\d{{2}})\b{_TIME}",
    re.IGNORECASE,
)
_YMD = re.compile(r"(?<![\d/.])((?:19|20)\d{2})[/.](\d{1,2})[/.](\d{1,2})(?![\d/])")
_CJK = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})(?![\d/])" + _TIME)
_DM = re.compile(
    rf"(?:{_WEEKDAY})?\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(?P<m>{_MONTH})(?![\w])",
    re.IGNORECASE,
)
_MD = re.compile(
    rf"(?:{_WEEKDAY})?\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d])", re.IGNORECASE
)

_URL_DAY = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)")
# "/2016/apr/18/", "/2016/april/18/": month names in paths (English only: slugs are English)
_URL_NAMED = re.compile(
    r"/((?:19|20)\d{2})/(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|"
    r"march|april|june|july|august|september|october|november|december)/(0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)",
    re.IGNORECASE,
)
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/(?!\d)")


@dataclass(frozen=True)
class FoundDate:
    value: str  # ISO at the given precision; "--MM-DD" for a partial date
    precision: str  # "day" | "month" | "partial"
    text: str  # the words of the capture that state it
    start: int
    end: int


def _day(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def full_dates(line: str) -> list[FoundDate]:
    """Every complete (day-precision) date stated in ``line``, in order of position."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], value: str | None) -> None:
        if value and not any(s < match.end() and match.start() < e for s, e in taken):
            taken.append((match.start(), match.end()))
            found.append(
                FoundDate(value, "day", match.group(0).strip(" ,"), match.start(), match.end())
            )

    for rx_ymd in (_ISO, _YMD, _CJK):
        for m in rx_ymd.finditer(line):
            add(m, _day(int(m[1]), int(m[2]), int(m[3])))
    for rx in (_MDY, _DMY):
        for m in rx.finditer(line):
            add(m, _day(int(m["y"]), MONTHS[m["m"].lower().rstrip(".")], int(m["d"])))
    for m in _NUMERIC.finditer(line):
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if a > 12 >= b or (m.group(0).count(".") >= 2 and b <= 12):
            # only the day-first reading is possible, or dots: "05.11.2016" is written day
            # first wherever dots separate a date (Germany, Russia, Scandinavia, Turkey, ...)
            add(m, _day(y, b, a))
        elif b > 12 >= a:  # only month-first reading is possible
            add(m, _day(y, a, b))
        # both <= 12: ambiguous between British and American order, not a stated date
    return sorted(found, key=lambda f: f.start)


def partial_dates(line: str) -> list[FoundDate]:
    """Day-and-month dates without a year ("7 January", "Jan. 7"), as ``--MM-DD``."""
    out: list[FoundDate] = []
    covered = [(f.start, f.end) for f in full_dates(line)]
    for rx in (_DM, _MD):
        for m in rx.finditer(line):
            if any(s <= m.start() < e for s, e in covered):
                continue
            month, day = MONTHS[m["m"].lower().rstrip(".")], int(m["d"])
            if _day(2000, month, day) is None:  # 2000 is a leap year, so 29 February passes
                continue
            covered.append((m.start(), m.end()))
            out.append(
                FoundDate(
                    f"--{month:02d}-{day:02d}",
                    "partial",
                    m.group(0).strip(" ,"),
                    m.start(),
                    m.end(),
                )
            )
    return sorted(out, key=lambda f: f.start)


def url_date(url: str) -> FoundDate | None:
    """The date in an article URL path (``/2013/10/04/``, ``/2013-10-04-``, ``/20131004/``,
    ``/2016/apr/18/``)."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE)
    for rx in (_URL_DAY, _URL_COMPACT):
        m = rx.search(path)
        if m:
            value = _day(int(m[1]), int(m[2]), int(m[3]))
            if value:
                return FoundDate(value, "day", m.group(0), m.start(), m.end())
    m = _URL_NAMED.search(path)
    if m:
        value = _day(int(m[1]), MONTHS[m[2].lower()], int(m[3]))
        if value:
            return FoundDate(value, "day", m.group(0), m.start(), m.end())
    m = _URL_MONTH.search(path)
    if m:
        return FoundDate(
            f"{int(m[1]):04d}-{int(m[2]):02d}", "month", m.group(0), m.start(), m.end()
        )
    return None


def strip_dates(line: str) -> str:
    """``line`` with every full and partial date (and a following time) blanked out."""
    spans = [(f.start, f.end) for f in full_dates(line) + partial_dates(line)]
    for s, e in sorted(spans, reverse=True):
        line = line[:s] + " " + line[e:]
    return line


# "Publié le ...", "Veröffentlicht am ...", "Publicado el ...", "Pubblicato il ...", "Stand: ..."
_LABEL = re.compile(
    r"\b(?:published|posted|first seen|publié|mis en ligne|veröffentlicht|stand(?=\s*:)|publicado|"
    r"actualizado|pubblicato|aggiornato|gepubliceerd)\b\s*:?\s*(?:le|am|el|il|op|on|em)?\s*",
    re.IGNORECASE,
)
_LABEL_END = re.compile(
    r"\s(?:[-–—|/]|mis à jour|aktualisiert|actualizado|aggiornato|updated)\s", re.IGNORECASE
)
_LANGUAGES = ["fr", "de", "es", "it", "pt", "nl", "en"]


def labelled_dates(line: str) -> list[FoundDate]:
    """The date after a publication label when the patterns above do not read it (numeric
    day-first dates of European pages, "22. Nov. 2016", "mar. 22 nov. 2016"), read by
    dateparser in the languages dateline reads. Only a complete date counts."""
    m = _LABEL.search(line)
    if not m:
        return []
    rest = line[m.end() :]
    cut = _LABEL_END.search(rest)
    text = (rest[: cut.start()] if cut else rest).strip(" ,.;")
    if not text or len(text) > 60 or not re.search(r"\d", text):
        return []
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=_LANGUAGES,
        settings={
            "DATE_ORDER": "DMY",  # European pages write the day first
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
            "PREFER_DATES_FROM": "past",
        },
    )
    if parsed is None or not 1900 <= parsed.year <= 2100:
        return []
    start = m.end() + rest.find(text)
    return [FoundDate(parsed.date().isoformat(), "day", text, start, start + len(text))]
