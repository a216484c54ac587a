"""Who held which office when: the knowledge file of office holders and what the corpus adds.

dateline ships ``data/office_holders.csv`` (heads of state and government, foreign and defence
ministers of the G7, China, Russia, India, South Korea and Australia since 1990). Users load
their own file in the same format, as JSON, or as a Wikidata query export
(docs/knowledge-format.md). Dated documents can add observations ("X was foreign minister on
D"); an observation outside every known tenure extends the record and is reported as a
conflict, because the corpus may know something newer than the file, or the file may be wrong.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "Knowledge",
    "KnowledgeFormatError",
    "Observation",
    "Tenure",
    "canonical_country",
    "canonical_office",
    "name_key",
    "office_kind",
    "same_name",
]

BUNDLED = "office_holders.csv"
REQUIRED = ("person", "office", "country", "start", "end")
OPTIONAL = ("source", "note", "aliases")


class KnowledgeFormatError(ValueError):
    """A knowledge file that cannot be read; names the file, the line and the reason."""

    def __init__(self, path: str | Path, line: int | None, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Tenure:
    """One person's spell in one office. ``end`` is None while the holder is in office."""

    person: str
    office: str
    country: str
    start: dt.date | None
    end: dt.date | None
    source: str = ""
    note: str = ""
    origin: str = "knowledge"  # "knowledge" (a file) or "corpus" (seen in documents)
    aliases: tuple[str, ...] = ()

    @property
    def acting(self) -> bool:
        """A stand-in: the note starts with "acting", "interim" or "ad interim". Such rows
        may overlap the substantive holder's tenure (e.g. while a president is suspended)."""
        return _is_acting_note(self.note)

    @property
    def approximate(self) -> bool:
        return "approximate" in self.note.lower()

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` lies in the tenure; the start and end days both count, because
        handovers happen during the day and both holders appear in that day's news."""
        if self.start is not None and day < self.start:
            return False
        return not (self.end is not None and day > self.end)

    def span(self, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
        lo = self.start or dt.date.min
        hi = self.end or (today or dt.date.today())
        return lo, hi

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form (ISO dates), the same keys a JSON knowledge file uses."""
        return {
            "person": self.person,
            "office": self.office,
            "country": self.country,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "source": self.source,
            "note": self.note,
            "origin": self.origin,
            "aliases": list(self.aliases),
        }

    def describe(self) -> str:
        start = self.start.isoformat() if self.start else "an unknown date"
        end = self.end.isoformat() if self.end else "now"
        return f"{self.person}, {self.office} of {self.country}, {start} to {end}"


def _is_acting_note(note: str) -> bool:
    return bool(re.match(r"\s*(acting|interim|ad interim)\b", note, re.I))


@dataclass(frozen=True)
class Observation:
    """A dated document saying that ``person`` held ``office`` of ``country`` on ``on``."""

    person: str
    office: str
    country: str
    on: dt.date
    document: str


# --------------------------------------------------------------------------- names

# Short forms that news writing and official lists swap freely. Both directions are checked.
_NICKNAMES = {
    "bill": "william", "will": "william", "bob": "robert", "rob": "robert", "dick": "richard",
    "rick": "richard", "jim": "james", "jimmy": "james", "joe": "joseph", "mike": "michael",
    "tom": "thomas", "tony": "anthony", "chuck": "charles", "charlie": "charles",
    "ash": "ashton", "les": "leslie", "pete": "peter", "ed": "edward", "ted": "edward",
    "liz": "elizabeth", "ben": "benjamin", "dan": "daniel", "dave": "david", "doug": "douglas",
    "art": "arthur", "geoff": "geoffrey", "des": "desmond", "steve": "stephen", "andy": "andrew",
    "alex": "alexander", "chris": "christopher", "sergey": "sergei", "andrey": "andrei",
    "yevgeny": "evgeny", "anatoliy": "anatoly", "dmitriy": "dmitry", "yuriy": "yuri",
}  # fmt: skip
_HONORIFICS = {
    "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "president", "prime", "minister",
    "king", "queen", "emperor", "premier", "chancellor", "secretary", "general", "the",
}  # fmt: skip
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _fold(text: str) -> str:
    """Lower case, no accents, hyphens as spaces, no other punctuation."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("-", " ").replace("'", "").replace("\u2019", "")
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=16384)
def _tokens(name: str) -> tuple[str, ...]:
    toks = _fold(name).split()
    # regnal numbers stay ("Elizabeth II"); suffixes of ordinary names go ("Jr")
    while len(toks) > 2 and toks[0] in _HONORIFICS:
        toks = toks[1:]
    if len(toks) == 2 and toks[0] in _HONORIFICS - {"king", "queen", "emperor"}:
        toks = toks[1:]
    if len(toks) > 2 and toks[-1] in _SUFFIXES:
        toks = toks[:-1]
    return tuple(_NICKNAMES.get(t, t) for t in toks)


def name_key(name: str) -> str:
    """The folded form of a name: "Shinzō Abe" and "SHINZO ABE" give "shinzo abe"."""
    return " ".join(_tokens(name))


def _given_ok(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def same_name(a: str, b: str) -> bool:
    """Whether two spellings can name the same person.

    Case, diacritics, hyphens and common short forms do not matter; a middle name or initial
    present on one side only does not matter ("John F. Kerry" = "John Kerry"), but two
    different middle parts do ("George W. Bush" != "George H. W. Bush"). Family-name-first
    order is accepted for two-part names ("Abe Shinzo" = "Shinzo Abe"). A bare surname
    matches every full name with that surname.
    """
    return _same_tokens(_tokens(a), _tokens(b))


def _same_tokens(ta: tuple[str, ...], tb: tuple[str, ...]) -> bool:
    if not ta or not tb:
        return False
    if ta == tb or "".join(ta) == "".join(tb):
        return True
    if len(ta) == 1 or len(tb) == 1:
        single, full = (ta, tb) if len(ta) == 1 else (tb, ta)
        return single[0] == full[-1]
    if len(ta) == 2 and len(tb) == 2 and ta == tb[::-1]:
        return True
    if ta[-1] != tb[-1] or not _given_ok(ta[0], tb[0]):
        return False
    ma, mb = ta[1:-1], tb[1:-1]
    if not ma or not mb:
        return True
    return len(ma) == len(mb) and all(_given_ok(x, y) for x, y in zip(ma, mb, strict=True))


# --------------------------------------------------------------------------- offices, countries

_COUNTRIES = {
    "united states": "United States", "united states of america": "United States",
    "usa": "United States", "us": "United States", "u s": "United States",
    "u s a": "United States", "america": "United States",
    "japan": "Japan",
    "united kingdom": "United Kingdom", "uk": "United Kingdom", "u k": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom",
    "united kingdom of great britain and northern ireland": "United Kingdom",
    "france": "France", "french republic": "France",
    "germany": "Germany", "federal republic of germany": "Germany", "west germany": "Germany",
    "italy": "Italy", "italian republic": "Italy",
    "canada": "Canada",
    "china": "China", "peoples republic of china": "China", "prc": "China",
    "russia": "Russia", "russian federation": "Russia", "russian sfsr": "Russia",
    "india": "India", "republic of india": "India",
    "south korea": "South Korea", "republic of korea": "South Korea", "korea": "South Korea",
    "korea south": "South Korea", "rok": "South Korea",
    "australia": "Australia", "commonwealth of australia": "Australia",
}  # fmt: skip


def canonical_country(country: str | None) -> str:
    """The spelling the bundled file uses ("USA" -> "United States"); unknown names pass
    through trimmed, so user files may cover any country."""
    if not country:
        return ""
    return _COUNTRIES.get(_fold(country), country.strip())


# (pattern over a folded office title stripped of its country, kind); first match wins.
# Anchored, so "Deputy Prime Minister" or "President of the Bundesrat" are not mistaken for
# the offices the bundled file covers.
_OFFICE_PATTERNS: list[tuple[str, str]] = [
    (r"^head of state$", "head_of_state"),
    (r"^head of government$", "head_of_government"),
    (
        r"^((party )?general secretary|secretary general)"
        r"( of the (chinese )?communist party( of china)?)?$|^communist party (general )?secretary$",
        "party_leader",
    ),
    (
        r"^(secretary of state for defen[cs]e|defen[cs]e secretary|secretary of defen[cs]e"
        r"|secretary of war|war secretary|minister (of|for) (national )?defen[cs]e"
        r"|(national )?defen[cs]e minister|federal minister of defen[cs]e"
        r"|minister (of|for) the armed forces|armed forces minister"
        r"|director general of the (japan )?defen[cs]e agency|defen[cs]e)$",
        "defense",
    ),
    (
        r"^(secretary of state for foreign( and commonwealth| commonwealth and development)?"
        r" affairs|foreign secretary|foreign (affairs )?minister|federal foreign minister"
        r"|(federal )?minister (of|for) (europe and )?(foreign|external) affairs"
        r"|external affairs minister|secretary of state for external affairs"
        r"|secretary of state|foreign affairs)$",
        "foreign",
    ),
    (r"^(king|queen|monarch|sovereign|emperor|reigning monarch)$", "monarch"),
    (
        r"^(prime minister|pm|premier|chancellor|federal chancellor|head of the government"
        r"|chairman of the (council of ministers|government)( of the russian federation)?"
        r"|president of the council of ministers|premier of the state council)$",
        "head_of_government",
    ),
    (r"^(federal )?president$", "president"),
    (
        r"^(finance minister|minister (of|for) (the )?finance|federal minister of finance"
        r"|secretary of the treasury|treasury secretary|chancellor of the exchequer)$",
        "finance",
    ),
    (r"^ambassador (of the united states )?to japan$", "ambassador_japan"),
]
_NATIONALITY = (
    r"^(united states|us|u s|american|japanese|british|uk|french|german|federal german|italian"
    r"|canadian|chinese|russian|indian|south korean|korean|australian)\s+"
)


def office_kind(office: str) -> str:
    """The kind of an office title: "defense", "foreign", "head_of_government", "monarch",
    "president", "party_leader", "head_of_state", "finance", "ambassador_japan", or the folded title
    itself for any other office. The country in the title is ignored ("Prime Minister of
    Japan", "Minister of Defense (Japan)", "US Secretary of State")."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", office)
    folded = _fold(text)
    m = re.search(r"\s+of (the )?(.+)$", folded)
    if m and m.group(2) in _COUNTRIES:
        folded = folded[: m.start()]
    folded = re.sub(_NATIONALITY, "", folded)
    for pattern, kind in _OFFICE_PATTERNS:
        if re.search(pattern, folded):
            return kind
    return folded


def canonical_office(office: str, country: str | None = None) -> str:
    """The office name the bundled file uses for a title in a country.

    "Foreign Minister" of the United States is "Secretary of State"; "Prime Minister" of
    Germany is "Chancellor", of China "Premier"; "King" of Japan is "Emperor". A title of no
    known kind is returned unchanged (trimmed), so user files may hold any office.
    """
    kind, ctry = office_kind(office), canonical_country(country)
    us = ctry == "United States"
    if kind == "foreign":
        return "Secretary of State" if us else "Minister for Foreign Affairs"
    if kind == "defense":
        return "Secretary of Defense" if us else "Minister of Defense"
    if kind == "head_of_government":
        return {"Germany": "Chancellor", "China": "Premier"}.get(ctry, "Prime Minister")
    if kind == "monarch":
        return "Emperor" if ctry == "Japan" else "Monarch"
    if kind == "president":
        return "President"
    if kind == "party_leader":
        return "General Secretary"
    if kind == "finance":
        return {
            "United States": "Secretary of the Treasury",
            "United Kingdom": "Chancellor of the Exchequer",
        }.get(ctry, "Minister of Finance")
    if kind == "ambassador_japan":
        return "Ambassador to Japan"
    return " ".join(office.split())


# Which canonical offices answer "head of state" / "head of government" per country.
_HEAD_OF_STATE = {"President", "Monarch", "Emperor"}
_HEAD_OF_GOVERNMENT = {"Prime Minister", "Chancellor", "Premier"}


def _office_matches(query: str, country: str, tenure_office: str) -> bool:
    kind = office_kind(query)
    if kind == "head_of_state":
        return tenure_office in _HEAD_OF_STATE
    if kind == "head_of_government":
        # the US President heads the government; ask "head of government" of the US
        if country == "United States":
            return tenure_office == "President"
        return tenure_office in _HEAD_OF_GOVERNMENT
    want = canonical_office(query, country)
    return _fold(want) == _fold(canonical_office(tenure_office, country))


# --------------------------------------------------------------------------- dates


def _parse_day(value: Any, *, end: bool) -> tuple[dt.date | None, bool]:
    """Parse an ISO date (or YYYY-MM / YYYY, or a Wikidata timestamp) -> (date, approximate).

    A month-only or year-only start is its first day, an end its last day, both marked
    approximate so a user sees how sure the row is.
    """
    if value is None:
        return None, False
    if isinstance(value, dt.datetime):
        return value.date(), False
    if isinstance(value, dt.date):
        return value, False
    text = str(value).strip()
    if not text:
        return None, False
    text = re.sub(r"^\+", "", text)
    m = re.fullmatch(
        r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?",
        text,
    )
    if m:
        y, mo, d = (int(g) for g in m.groups())
        if not 0 <= mo <= 12 or not 0 <= d <= 31:
            raise ValueError(f"{value!r} is not a valid date")
        if mo == 0:  # Wikidata writes year precision as YYYY-00-00
            return (dt.date(y, 12, 31) if end else dt.date(y, 1, 1)), True
        if d == 0:
            last = calendar.monthrange(y, mo)[1]
            return dt.date(y, mo, last if end else 1), True
        try:
            return dt.date(y, mo, d), False
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a valid date ({exc})") from None
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            raise ValueError(f"{value!r} is not a valid date")
        return dt.date(y, mo, calendar.monthrange(y, mo)[1] if end else 1), True
    m = re.fullmatch(r"(\d{4})", text)
    if m:
        y = int(text)
        return (dt.date(y, 12, 31) if end else dt.date(y, 1, 1)), True
    raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")


def _as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    day, _ = _parse_day(value, end=False)
    if day is None:
        raise ValueError("a date is needed")
    return day


# --------------------------------------------------------------------------- loading


def _row_to_tenure(row: dict[str, Any], path: str | Path, line: int | None) -> Tenure:
    def text(key: str) -> str:
        value = row.get(key)
        return "" if value is None else str(value).strip()

    person, office, country = text("person"), text("office"), text("country")
    for key, value in (("person", person), ("office", office), ("country", country)):
        if not value:
            raise KnowledgeFormatError(path, line, f"the {key!r} field is empty")
    try:
        start, approx_start = _parse_day(row.get("start"), end=False)
        end, approx_end = _parse_day(row.get("end"), end=True)
    except ValueError as exc:
        raise KnowledgeFormatError(path, line, str(exc)) from None
    if start is not None and end is not None and end < start:
        raise KnowledgeFormatError(
            path, line, f"the tenure ends ({end}) before it starts ({start})"
        )
    note = text("note")
    if (approx_start or approx_end) and "approximate" not in note.lower():
        note = f"{note}; approximate" if note else "approximate"
    raw_aliases = row.get("aliases") or ()
    if isinstance(raw_aliases, str):
        raw_aliases = raw_aliases.split("|")
    aliases = tuple(a.strip() for a in raw_aliases if str(a).strip())
    country = canonical_country(country)
    return Tenure(
        person=person,
        office=canonical_office(office, country),
        country=country,
        start=start,
        end=end,
        source=text("source"),
        note=note,
        origin=text("origin") or "knowledge",
        aliases=aliases,
    )


# Wikidata query exports name their columns after the query variables; these are the ones
# docs/knowledge-format.md suggests, plus common alternatives.
_WIKIDATA_COLUMNS = {
    "person": ("personLabel", "holderLabel", "itemLabel"),
    "office": ("positionLabel", "officeLabel", "roleLabel"),
    "country": ("countryLabel", "jurisdictionLabel", "stateLabel"),
    "start": ("start", "startTime", "start_time", "startDate"),
    "end": ("end", "endTime", "end_time", "endDate"),
    "source": ("person", "holder", "item", "statement", "source"),
}


def _is_wikidata(header: Iterable[str]) -> bool:
    cols = set(header)
    return bool(cols & set(_WIKIDATA_COLUMNS["person"])) and bool(
        cols & set(_WIKIDATA_COLUMNS["office"])
    )


def _from_wikidata(record: dict[str, Any]) -> dict[str, Any]:
    """A row of a Wikidata export -> a row of the native format."""
    out: dict[str, Any] = {}
    for key, names in _WIKIDATA_COLUMNS.items():
        out[key] = next((record[n] for n in names if record.get(n) not in (None, "")), "")
    office = str(out["office"])
    country = str(out["country"])
    if not country:
        # "Prime Minister of Japan", "Minister of Defense (Japan)", "United States Secretary
        # of State": the position label often carries the country
        m = re.search(r"\(([^)]+)\)\s*$", office) or re.search(
            r"\bof (?:the )?([A-Z][\w ]+)$", office
        )
        if m and canonical_country(m.group(1)) in set(_COUNTRIES.values()):
            country = canonical_country(m.group(1))
        elif re.match(r"(?i)united states\b", office):
            country = "United States"
    office = re.sub(r"\s*\([^)]*\)\s*$", "", office)
    if country:
        office = re.sub(rf"\s+of (?:the )?{re.escape(country)}$", "", office, flags=re.I)
    office = re.sub(r"(?i)^united states\s+", "", office)
    out["office"], out["country"] = office, country
    return out


def _read_csv(text: str, path: str | Path) -> list[Tenure]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise KnowledgeFormatError(path, 1, "the file is empty") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    wikidata = _is_wikidata(header)
    if not wikidata:
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise KnowledgeFormatError(
                path,
                1,
                f"the header lacks the column(s) {', '.join(missing)}; expected "
                f"{','.join(REQUIRED + OPTIONAL)} or a Wikidata export (personLabel, "
                "positionLabel, ...)",
            )
    tenures = []
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            raise KnowledgeFormatError(
                path,
                line,
                f"{len(values)} fields but the header has {len(header)} (an unquoted comma?)",
            )
        record = dict(zip(header, values, strict=False))
        row = _from_wikidata(record) if wikidata else record
        tenures.append(_row_to_tenure(row, path, line))
    return tenures


def _json_line(text: str, index: int) -> int | None:
    """Best-effort line of the ``index``-th object of a JSON array, for error messages."""
    depth, count, line = 0, -1, 1
    in_str = esc = False
    for ch in text:
        if ch == "\n":
            line += 1
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
            continue
        if ch == '"':
            in_str = True
        elif ch in "[{":
            if ch == "{" and depth == 1:
                count += 1
                if count == index:
                    return line
            depth += 1
        elif ch in "]}":
            depth -= 1
    return None


def _read_json(text: str, path: str | Path) -> list[Tenure]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise KnowledgeFormatError(path, exc.lineno, f"invalid JSON: {exc.msg}") from None
    wikidata = False
    if isinstance(data, dict) and isinstance(data.get("results"), dict):
        # SPARQL JSON results: {"head": ..., "results": {"bindings": [{"var": {"value": ..}}]}}
        data = [
            {k: (v.get("value") if isinstance(v, dict) else v) for k, v in b.items()}
            for b in data["results"].get("bindings", [])
        ]
        wikidata = True
    elif isinstance(data, dict) and isinstance(data.get("tenures"), list):
        data = data["tenures"]
    if not isinstance(data, list):
        raise KnowledgeFormatError(
            path, 1, "expected a JSON list of objects (or {'tenures': [...]})"
        )
    tenures = []
    for i, item in enumerate(data):
        line = _json_line(text, i)
        if not isinstance(item, dict):
            raise KnowledgeFormatError(path, line, f"entry {i + 1} is not an object")
        row = _from_wikidata(item) if wikidata or _is_wikidata(item) else item
        if not wikidata and not _is_wikidata(item):
            missing = [c for c in ("person", "office", "country") if c not in item]
            if missing:
                raise KnowledgeFormatError(
                    path, line, f"entry {i + 1} lacks the key(s) {', '.join(missing)}"
                )
        tenures.append(_row_to_tenure(row, path, line))
    return tenures


def _sort_key(t: Tenure) -> tuple[Any, ...]:
    return (t.country, t.office, t.start or dt.date.min, t.person)


@lru_cache(maxsize=1)
def _bundled() -> tuple[Tenure, ...]:
    """The bundled file, parsed once per process (tenures are frozen, so sharing is safe)."""
    text = (resources.files("dateline") / "data" / BUNDLED).read_text(encoding="utf-8")
    return tuple(sorted(_read_csv(text, f"dateline/data/{BUNDLED}"), key=_sort_key))


# --------------------------------------------------------------------------- the store


@dataclass
class Knowledge:
    """Tenures from one or more knowledge files, plus what dated documents observed."""

    items: list[Tenure] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    today: dt.date | None = None  # open tenures end here (default: the real today)

    # ---- loading

    @classmethod
    def load(cls, path: str | Path | None = None) -> Knowledge:
        """Read a knowledge file; ``None`` reads the bundled ``office_holders.csv``.

        ``.json`` files hold a list of objects (or SPARQL JSON results); other files are CSV,
        either in the native format or a Wikidata export. Raises ``KnowledgeFormatError``
        (file, line, reason) for a malformed file and ``FileNotFoundError`` for a missing one.
        """
        if path is None:
            return cls(items=list(_bundled()))
        p = Path(path)
        try:
            raw = p.read_bytes()
        except IsADirectoryError:
            raise KnowledgeFormatError(p, None, "is a directory, not a knowledge file") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise KnowledgeFormatError(p, line, "the file is not UTF-8 text") from None
        stripped = text.lstrip()
        if p.suffix.lower() == ".json" or stripped.startswith(("[", "{")):
            items = _read_json(text, p)
        else:
            items = _read_csv(text, p)
        return cls(items=sorted(items, key=_sort_key))

    @classmethod
    def from_tenures(cls, tenures: Iterable[Tenure]) -> Knowledge:
        return cls(items=sorted(tenures, key=_sort_key))

    def merge(self, other: Knowledge) -> Knowledge:
        """A new Knowledge with both sets of tenures; ``other`` wins where it covers the same
        person in the same office (a user's file corrects the bundled one)."""
        kept = [
            t
            for t in self.items
            if not any(
                _same_spell_owner(t, o) and _overlap(t, o, self._today()) for o in other.items
            )
        ]
        return Knowledge(
            items=sorted(kept + list(other.items), key=_sort_key),
            observations=self.observations + other.observations,
            today=self.today or other.today,
        )

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Tenure]:
        return iter(self.all_tenures())

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    # ---- lookups

    def holders(self, office: str, country: str | None, on: dt.date | str) -> list[Tenure]:
        """Who held ``office`` of ``country`` on ``on`` (several on handover days, or when an
        acting holder stood in). ``office`` may be any common title ("Foreign Minister",
        "Defence Secretary", "head of government"); ``country`` None means any country."""
        day = _as_date(on)
        ctry = canonical_country(country) if country else ""
        return [
            t
            for t in self.all_tenures()
            if (not ctry or t.country == ctry)
            and _office_matches(office, ctry or t.country, t.office)
            and t.covers(day)
        ]

    def tenures(self, person: str) -> list[Tenure]:
        """Every tenure of ``person`` (tolerant name matching: see ``same_name``)."""
        return [t for t in self.all_tenures() if _names_match(person, t)]

    def people(self) -> list[str]:
        return sorted({t.person for t in self.items})

    def years_consistent(
        self, person: str, office: str, country: str | None
    ) -> list[tuple[dt.date, dt.date]]:
        """The spans during which ``person`` held ``office`` of ``country``, merged and sorted;
        an open tenure ends today. Spans the corpus adds (observations outside the file's
        tenures) are included. Dating uses these: a document calling Kishida "Prime Minister"
        was written inside one of his spans."""
        ctry = canonical_country(country) if country else ""
        spans = sorted(
            t.span(self._today())
            for t in self.all_tenures()
            if _names_match(person, t)
            and (not ctry or t.country == ctry)
            and _office_matches(office, ctry or t.country, t.office)
        )
        merged: list[tuple[dt.date, dt.date]] = []
        for lo, hi in spans:
            if merged and lo <= merged[-1][1] + dt.timedelta(days=1):
                merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
            else:
                merged.append((lo, hi))
        return merged

    # ---- the corpus

    def add_observation(
        self, person: str, office: str, country: str | None, on: dt.date | str, document: str
    ) -> None:
        """Record that a dated document shows ``person`` in ``office`` on ``on``."""
        ctry = canonical_country(country)
        self.observations.append(
            Observation(
                person.strip(), canonical_office(office, ctry), ctry, _as_date(on), document
            )
        )

    def _corpus_tenures(self) -> list[Tenure]:
        """Observations no file tenure explains, one span per person and office, from the
        first to the last such sighting (origin "corpus")."""
        groups: dict[tuple[str, str, str], list[Observation]] = {}
        for ob in self.observations:
            if any(
                _names_match(ob.person, t) and _same_office(ob, t) and t.covers(ob.on)
                for t in self.items
            ):
                continue
            groups.setdefault((name_key(ob.person), ob.office, ob.country), []).append(ob)
        out = []
        for obs in groups.values():
            obs.sort(key=lambda o: o.on)
            docs = sorted({o.document for o in obs})
            out.append(
                Tenure(
                    person=obs[0].person,
                    office=obs[0].office,
                    country=obs[0].country,
                    start=obs[0].on,
                    end=obs[-1].on,
                    source="; ".join(docs),
                    note=f"seen in {len(docs)} document(s), {len(obs)} time(s)",
                    origin="corpus",
                )
            )
        return out

    def all_tenures(self) -> list[Tenure]:
        if not self.observations:
            return self.items
        return sorted(self.items + self._corpus_tenures(), key=_sort_key)

    def conflicts(self) -> list[str]:
        """One sentence per observation that the knowledge file contradicts."""
        out: list[str] = []
        seen: set[tuple[str, str, str, dt.date, str]] = set()
        for ob in sorted(self.observations, key=lambda o: (o.on, o.person)):
            key = (name_key(ob.person), ob.office, ob.country, ob.on, ob.document)
            if key in seen:
                continue
            seen.add(key)
            own = [t for t in self.items if _names_match(ob.person, t) and _same_office(ob, t)]
            if any(t.covers(ob.on) for t in own):
                continue
            others = [
                t
                for t in self.items
                if _same_office(ob, t) and t.covers(ob.on) and not _names_match(ob.person, t)
            ]
            if not own and not others:
                continue  # the file knows nothing of this office then: an addition, no conflict
            title = f"{ob.office} of {ob.country}" if ob.country else ob.office
            sentence = f"{ob.document} shows {ob.person} as {title} on {ob.on.isoformat()}"
            reasons = []
            if own:
                spans = "; ".join(_span_text(t) for t in own)
                reasons.append(f"the knowledge file has {ob.person} in that office only {spans}")
            else:
                reasons.append(f"the knowledge file has no tenure of {ob.person} in that office")
            if others:
                names = ", ".join(f"{t.person} ({_span_text(t)})" for t in others)
                reasons.append(f"it lists {names} then")
            sources = sorted({t.source for t in own + others if t.source})
            tail = f" (source: {', '.join(sources)})" if sources else ""
            out.append(f"{sentence}, but {' and '.join(reasons)}{tail}; the corpus is kept.")
        return out


def _span_text(t: Tenure) -> str:
    start = t.start.isoformat() if t.start else "an unknown date"
    return f"from {start} to {t.end.isoformat()}" if t.end else f"from {start} on"


# Countries whose leaders' names the bundled file writes family name first ("Xi Jinping",
# "Lee Jae-myung"); the given-first order is tried too, so "Xi" finds its surname.
FAMILY_NAME_FIRST = frozenset({"China", "South Korea"})


def _names_match(person: str, t: Tenure) -> bool:
    query = _tokens(person)
    return any(_same_tokens(query, form) for form in _name_forms(t.person, t.aliases, t.country))


@lru_cache(maxsize=16384)
def _name_forms(person: str, aliases: tuple[str, ...], country: str) -> tuple[tuple[str, ...], ...]:
    """Token forms a tenure's holder answers to: the name, its aliases and, for countries
    that write the family name first, the given-name-first order."""
    forms = [_tokens(n) for n in (person, *aliases)]
    if country in FAMILY_NAME_FIRST:
        forms += [(*f[1:], f[0]) for f in list(forms) if len(f) > 1]
    return tuple(f for f in forms if f)


def _same_office(ob: Observation, t: Tenure) -> bool:
    return (not ob.country or t.country == ob.country) and _office_matches(
        ob.office, ob.country or t.country, t.office
    )


def _same_spell_owner(a: Tenure, b: Tenure) -> bool:
    return (
        a.country == b.country
        and _fold(a.office) == _fold(b.office)
        and (same_name(a.person, b.person) or any(same_name(x, b.person) for x in a.aliases))
    )


def _overlap(a: Tenure, b: Tenure, today: dt.date) -> bool:
    (a0, a1), (b0, b1) = a.span(today), b.span(today)
    return a0 <= b1 and b0 <= a1
