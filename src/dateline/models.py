"""The data types that flow through the pipeline.

capture -> Document -> Annotation (mentions, roles, times, events, quotes)
        -> LinkedEvent / Story -> TimelineEntry

Every type is a plain dataclass that round-trips through ``to_dict``/``from_dict`` so the
stores, the web app and a distributed engine can ship them as JSON without knowing them.
Character offsets always point into ``Document.body`` (or into the text of the version named
by ``Evidence.version``), so every claim can be traced back to the sentence it came from.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

Precision = Literal[
    "day", "week", "month", "quarter", "season", "half", "year", "decade", "unknown"
]
PRECISIONS: tuple[str, ...] = typing.get_args(Precision)
DateBasis = Literal["given", "stated", "inferred", "undated"]
EventStatus = Literal["happened", "ongoing", "planned", "cancelled", "negated", "uncertain"]
EventMode = Literal["in_person", "virtual", "phone", "unknown"]
EntityKind = Literal["person", "organisation", "place", "other"]

T = TypeVar("T")


def content_hash(text: str | bytes, length: int = 16) -> str:
    """Stable short id for a piece of content: the same bytes always get the same id."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()[:length]


class Serializable:
    """Mixin: dataclass <-> plain JSON-able dict, following the field type hints."""

    def to_dict(self) -> dict[str, Any]:
        return _to_plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        return _from_plain(cls, data)  # type: ignore[no-any-return]


def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _from_plain(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_plain(args[0], data) if len(args) == 1 else data
    if origin is list:
        (arg,) = typing.get_args(tp)
        return [_from_plain(arg, v) for v in data]
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_plain(args[0], v) for v in data)
        return tuple(_from_plain(a, v) for a, v in zip(args, data, strict=False))
    if origin is dict:
        _, vt = typing.get_args(tp)
        return {k: _from_plain(vt, v) for k, v in data.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _HINTS.get(tp)
        if hints is None:
            hints = _HINTS[tp] = typing.get_type_hints(tp)
        names = {f.name for f in dataclasses.fields(tp) if f.init}
        return tp(**{k: _from_plain(hints[k], v) for k, v in data.items() if k in names})
    return data


# --------------------------------------------------------------------------- provenance


@dataclass
class Evidence(Serializable):
    """Where a claim came from: a sentence of a document, with its character span.

    ``start``/``end`` are offsets of ``sentence`` in the document body (or in the text of
    ``version`` when the claim comes from a specific version of an article).
    """

    document: str
    sentence: str
    start: int
    end: int
    version: int | None = None


@dataclass
class DateEstimate(Serializable):
    """A date with how precisely and how surely it is known, and why.

    ``value`` is ISO 8601 at the given precision ("2013-10-03", "2013-10", "2013", "2013-W40",
    "2013-Q4"). For a range of candidates, ``earliest``/``latest`` bound it and ``candidates``
    lists the options. ``reasons`` is the evidence chain, one checkable sentence per step.
    """

    value: str | None
    precision: Precision = "day"
    basis: DateBasis = "stated"
    confidence: float = 1.0
    reasons: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    earliest: str | None = None
    latest: str | None = None
    candidates: list[str] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return self.value is not None


# --------------------------------------------------------------------------- ingest / clean


@dataclass
class Capture(Serializable):
    """One raw record as found on disk or on the wire, before any cleaning.

    A capture is the unit of per-record work: ``documents_from_capture(capture)`` is a pure
    function, so a local loop and a Spark job can run the same code.
    """

    source: str  # path or URL of the file/record
    kind: str  # "text" | "html" | "jsonl" | "warc" | "feed"
    raw: str  # decoded text of the record (HTML stays HTML)
    record: int = 0  # index of the record within the file (JSONL line, WARC record, feed item)
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date given by the capture's metadata: taken as known
    fetched: str | None = None  # when the capture was made, ISO datetime
    id: str | None = None  # caller-supplied id (JSONL "id")


@dataclass
class Version(Serializable):
    """One version of an article's text (from a version table or from watching a URL)."""

    index: int
    label: str
    text: str
    title: str | None = None
    timestamp: str | None = None
    content_hash: str = ""


@dataclass
class Document(Serializable):
    """A cleaned article: body text plus metadata, each piece of metadata with its evidence.

    ``id`` is a hash of the cleaned content (plus source identity), so re-ingesting the same
    capture yields the same id and changes nothing in the store.
    """

    id: str
    source: str
    kind: str
    body: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: DateEstimate | None = None
    language: str | None = None
    versions: list[Version] = field(default_factory=list)
    removed_lines: list[str] = field(default_factory=list)  # page furniture dropped by cleaning
    metadata_evidence: dict[str, str] = field(default_factory=dict)  # field -> why we believe it
    raw: str = ""  # the capture as received, kept for provenance
    raw_hash: str = ""
    record: int = 0
    notes: list[str] = field(default_factory=list)
    # when the capture was made (WARC-Date, a JSONL "fetched", the watcher's fetch time): it
    # orders the versions of one URL captured more than once
    fetched: str | None = None

    @property
    def name(self) -> str:
        """A short human label: the file name or URL tail."""
        tail = self.source.rstrip("/").rsplit("/", 1)[-1]
        return f"{tail}#{self.record}" if self.record else tail


# --------------------------------------------------------------------------- understanding


@dataclass
class Sentence(Serializable):
    index: int
    start: int
    end: int
    text: str


@dataclass
class Mention(Serializable):
    text: str
    start: int
    end: int
    sentence: int


@dataclass
class Entity(Serializable):
    """A canonical person, organisation or place within one document."""

    id: str
    kind: EntityKind
    name: str  # canonical name, e.g. "Chuck Hagel"
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    country: str | None = None  # for people: the country they act for, if known


@dataclass
class Role(Serializable):
    """A person holding an office: (person, office, country, as-of date)."""

    person: str  # canonical person name
    office: str  # canonical office: "Secretary of State", "Minister of Defense", ...
    country: str | None
    as_of: str | None  # ISO date the text says they hold it (usually the document date)
    evidence: Evidence | None = None
    confidence: float = 0.8
    surface: str = ""  # the words of the text, e.g. "Japan's Foreign Minister"


@dataclass
class TimeExpression(Serializable):
    """A normalised time expression; ``value`` is None while it cannot be anchored."""

    text: str
    start: int
    end: int
    value: str | None
    precision: Precision = "day"
    kind: str = "date"  # date | duration | set | time
    anchor: str | None = None  # the date it was resolved against
    symbolic: str | None = None  # e.g. "PREV(Thursday)", "DCT+1W" when unanchored
    confidence: float = 0.8


@dataclass
class Participant(Serializable):
    name: str
    entity: str | None = None  # entity id within the document
    role: str | None = None  # e.g. "Secretary of State of United States"
    kind: EntityKind = "person"


@dataclass
class Event(Serializable):
    """Something that happened, is happening, is planned or was called off, in one document."""

    id: str
    document: str
    type: str  # dateline kind: meeting, talks, visit, call, summit, agreement, ...
    plover: str  # PLOVER category: CONSULT, AGREE, ...
    label: str
    trigger: str
    status: EventStatus
    mode: EventMode = "unknown"
    date: str | None = None
    precision: Precision = "unknown"
    place: str | None = None  # the town or country (or the venue, when no town is named)
    participants: list[Participant] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    time: TimeExpression | None = None  # the expression that dated it
    confidence: float = 0.7
    venue: str | None = None  # the building or site: "Admiralty House", "the Chancery"


@dataclass
class Quote(Serializable):
    text: str
    speaker: str | None  # canonical name, None when unattributed
    start: int
    end: int
    evidence: Evidence
    speaker_entity: str | None = None
    confidence: float = 0.7


@dataclass
class Annotation(Serializable):
    """Everything understood from one document. Produced by ``dateline.understand``."""

    document: str
    language: str | None
    anchor: str | None  # the document date the times were resolved against
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- linking


@dataclass
class Source(Serializable):
    """One document's telling of a linked event."""

    document: str
    event: str  # the per-document Event id
    evidence: list[Evidence] = field(default_factory=list)
    date: str | None = None
    precision: Precision = "unknown"
    outlet: str | None = None
    # When the document is one of several versions of an article (same URL, e.g. watched):
    # which version (1 = the oldest in the store), when it was first seen, and whether it is
    # still the article's newest version (``False``: a later version replaced this telling).
    version: int | None = None
    seen: str | None = None
    current: bool = True


@dataclass
class RevisionValue(Serializable):
    """What one version of an article said about one detail of an event."""

    version: int
    document: str
    value: str  # "" when this version no longer tells the event
    seen: str | None = None


@dataclass
class Revision(Serializable):
    """A detail of an event that changed between versions of one article (oldest first).

    ``field`` is one of: date, place, mode, status, participants, figures, quotes, telling
    (the sentence itself). Differences between versions are revisions, not ``Conflict``s:
    the newest version's value is the one the event shows.
    """

    field: str
    article: str  # the article's URL
    values: list[RevisionValue] = field(default_factory=list)


@dataclass
class Conflict(Serializable):
    """Sources that disagree on a detail; every value is kept with who said it."""

    field: str
    values: dict[str, list[str]]  # value -> documents


@dataclass
class LinkedEvent(Serializable):
    """One happening, merged across every document that tells it."""

    id: str
    type: str
    plover: str
    label: str
    status: EventStatus
    mode: EventMode
    date: str | None
    precision: Precision
    place: str | None
    participants: list[Participant] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    confidence: float = 0.7
    stories: list[str] = field(default_factory=list)
    merge_reasons: list[str] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    # False when every telling comes from an article version that a later version of the
    # same article replaced without telling the event again (withdrawn by the outlet)
    current: bool = True
    venue: str | None = None


@dataclass
class RoleSpell(Serializable):
    """A stretch of time a person was seen (or is known) holding an office."""

    person: str
    office: str
    country: str | None
    first_seen: str | None
    last_seen: str | None
    documents: list[str] = field(default_factory=list)
    origin: str = "corpus"  # corpus | knowledge


@dataclass
class Story(Serializable):
    id: str
    name: str
    events: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    keywords: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- views


@dataclass
class TimelineEntry(Serializable):
    """One line of a timeline. Documented in docs/timeline-json.md; keep it stable."""

    id: str
    date: str | None
    precision: Precision
    type: str
    status: str
    mode: str
    place: str | None
    label: str
    participants: list[Participant] = field(default_factory=list)
    sources: list[TimelineSource] = field(default_factory=list)
    confidence: float = 0.7
    plover: str | None = None
    stories: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    current: bool = True
    venue: str | None = None


@dataclass
class TimelineSource(Serializable):
    document: str
    evidence: Evidence
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    version: int | None = None  # see ``Source.version``
    current: bool = True
