"""Versions of one article in a corpus: which telling is current, and what each version said.

A watched article (or any URL captured more than once) is stored as one document per
version. Linking takes the newest version as the article's word on a matter: its telling of
an event replaces the older ones' date, place, mode, status and people, and every detail
that changed is kept as a ``Revision`` so the event page can say which version said what.
An event that a later version stopped telling is kept and marked as no longer current,
never dropped in silence.

Versions are put in order only when the order is known: by the watcher's version numbers,
else by when each version was first seen or captured (``Document.fetched``: a WARC-Date, a
JSONL "fetched"), else by the publication date. Two captures of one URL that nothing orders
stay side by side, as any two sources do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dateline.models import (
    Annotation,
    Document,
    Evidence,
    Quote,
    Revision,
    RevisionValue,
)
from dateline.versions.diff import align_sentences, split_paragraphs, split_sentences

# Sentences of two versions this alike (word ratio) are one sentence, edited.
RETOLD_RATIO = 0.5


@dataclass(frozen=True)
class VersionInfo:
    """Where a document stands among the versions of its article in the corpus."""

    article: str  # the article's URL
    number: int  # 1 = oldest (the watcher's own numbers when every version has one)
    seen: str | None  # when this version was first seen, if known
    newest: str  # document id of the article's newest version in the corpus
    newest_number: int
    previous: str | None  # document id of the version before this one
    # the newest version is still this one's article, revised (``same_article``), so what
    # this version told and the newest does not is withdrawn, not just off the page
    same_as_newest: bool = True


def _own_version(doc: Document) -> tuple[int | None, str | None]:
    """The watcher's number and first-seen time of the version this document's text is.

    A watched document carries the article's versions up to its own; its own is the newest
    one with its text (an A->B->A revert makes the third version the same document as the
    first, and the third is what it now stands for).
    """
    body = doc.body.strip()
    own = [v for v in doc.versions if v.text.strip() == body]
    if not own:
        return None, None
    v = max(own, key=lambda v: v.index)
    return v.index, v.timestamp


def version_infos(
    documents: Mapping[str, Document], groups: Iterable[list[str]]
) -> dict[str, VersionInfo]:
    """Version standing of every document in a same-URL group whose order is known."""
    out: dict[str, VersionInfo] = {}
    for group in groups:
        out.update(_group_infos([documents[d] for d in group if d in documents]))
    return out


def _group_infos(docs: list[Document]) -> dict[str, VersionInfo]:
    if len(docs) < 2:
        return {}
    owns = {d.id: _own_version(d) for d in docs}
    numbers = [owns[d.id][0] for d in docs]
    watched = None not in numbers and len(set(numbers)) == len(docs)
    ranks: dict[str, tuple[int, str, str]] = {}
    for d in docs:
        number, seen = owns[d.id]
        pub = d.published.value if d.published and d.published.value else ""
        when = _utc(seen or d.fetched)
        ranks[d.id] = (number if watched and number is not None else 0, when, pub)
    if len(set(ranks.values())) < len(docs):
        return {}  # two versions nothing orders: neither may replace the other
    ordered = sorted(docs, key=lambda d: ranks[d.id])
    numbered = [
        (n if watched and (n := owns[d.id][0]) is not None else i + 1, d)
        for i, d in enumerate(ordered)
    ]
    newest_number, newest = numbered[-1]
    article = newest.url or newest.source
    return {
        d.id: VersionInfo(
            article=article,
            number=n,
            seen=owns[d.id][1] or d.fetched,
            newest=newest.id,
            newest_number=newest_number,
            previous=numbered[i - 1][1].id if i else None,
            same_as_newest=d is newest or same_article(d, newest),
        )
        for i, (n, d) in enumerate(numbered)
    }


def _utc(stamp: str | None) -> str:
    """An ISO time as UTC, so that stamps with different offsets sort right ("" if none)."""
    if not stamp:
        return ""
    try:
        t = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if t.tzinfo is not None:
        t = t.astimezone(dt.UTC).replace(tzinfo=None)
    return t.isoformat()


def _sentence_at(ann: Annotation, pos: int) -> int | None:
    """The index of the annotation's sentence holding character ``pos``."""
    for s in ann.sentences:
        if s.start <= pos < max(s.end, s.start + 1):
            return s.index
    return None


def retold_pairs(
    events: Mapping[str, list[tuple[str, str, list[Evidence]]]],
    annotations: Mapping[str, Annotation],
    versions: Mapping[str, VersionInfo],
) -> dict[tuple[str, str], str]:
    """Events of consecutive versions told in the same (possibly edited) sentence.

    ``events`` maps a document to its events as (event id, type group, evidence). Returns
    (older event id, newer event id) -> the reason, in words. A corrected date can move an
    event by more than any two outlets would disagree on; the sentence it sits in is what
    shows that the newer version retells it.
    """
    out: dict[tuple[str, str], str] = {}
    for doc, info in sorted(versions.items()):
        old = info.previous
        if old is None or old not in annotations or doc not in annotations:
            continue
        a_ann, b_ann = annotations[old], annotations[doc]
        pairs = align_sentences(
            [s.text for s in a_ann.sentences], [s.text for s in b_ann.sentences], RETOLD_RATIO
        )
        new_of = {i: j for i, j in pairs if i is not None and j is not None}
        b_sents = {s.index: s.text for s in b_ann.sentences}
        a_sents = {s.index: s.text for s in a_ann.sentences}
        for a_id, a_group, a_ev in events.get(old, []):
            a_idx = {i for e in a_ev if (i := _sentence_at(a_ann, e.start)) is not None}
            for b_id, b_group, b_ev in events.get(doc, []):
                if a_group != b_group:
                    continue
                b_idx = {i for e in b_ev if (i := _sentence_at(b_ann, e.start)) is not None}
                shared = sorted(i for i in a_idx if new_of.get(i) in b_idx)
                if not shared:
                    continue
                edited = any(a_sents.get(i) != b_sents.get(new_of[i]) for i in shared)
                out[(a_id, b_id)] = (
                    f"version {info.number} of {info.article} retells version "
                    f"{versions[old].number if old in versions else '?'}'s sentence"
                    + (", edited" if edited else "")
                )
    return out


def superseded(docs: Iterable[str], versions: Mapping[str, VersionInfo]) -> set[str]:
    """Documents among ``docs`` that a newer version of their article, also among ``docs``,
    replaces."""
    newest: dict[str, int] = {}
    docs = list(docs)
    for d in docs:
        if info := versions.get(d):
            newest[info.article] = max(newest.get(info.article, 0), info.number)
    return {d for d in docs if (info := versions.get(d)) and info.number < newest[info.article]}


# --------------------------------------------------------------------------- what each said

_FIGURE = re.compile(
    r"(?:[$€£¥]\s?)?\b\d[\d,.]*"
    r"(?:\s?%|\s?(?:per ?cent|percent|million|billion|trillion|bn|m|k)\b)?"
)
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?"
)
_DAY_MONTH = re.compile(rf"^\s*(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_SPACE = re.compile(r"\s+")


def figures(text: str) -> list[str]:
    """Numbers as written in a sentence, with a currency sign or a scale word when they
    have one ("$3bn", "12", "40 per cent"). Parts of dates and clock times are not figures
    ("12 May", "May 12", "2019", "10:30")."""
    out = []
    for m in _FIGURE.finditer(text):
        value = m.group(0).strip().rstrip(".,")
        before, after = text[: m.start()], text[m.end() :]
        if _DAY_MONTH.match(after) or _MONTH_DAY.search(before) or _YEAR.match(value):
            continue
        if after.startswith(":") or before.endswith(":"):
            continue
        out.append(value)
    return out


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass
class Telling:
    """One version's telling of an event, as ``revisions`` compares them."""

    document: str
    date: str | None
    place: str | None
    mode: str
    status: str
    people: list[str]
    evidence: list[Evidence]


def supporting_quotes(
    ann: Annotation | None, evidence: list[Evidence], people: list[str]
) -> list[Quote]:
    """Quotes that support a telling: inside one of its sentences, or in the sentence next to
    one of them when spoken by one of its people."""
    if ann is None:
        return []
    spans = [(e.start, e.end) for e in evidence]
    idx = {i for e in evidence if (i := _sentence_at(ann, e.start)) is not None}
    surnames = {p.split()[-1].casefold() for p in people if p.split()}
    out = []
    for q in ann.quotes:
        inside = any(s <= q.start < e for s, e in spans)
        qi = _sentence_at(ann, q.start)
        near = (
            qi is not None
            and any(abs(qi - i) <= 1 for i in idx)
            and q.speaker is not None
            and q.speaker.split()[-1].casefold() in surnames
        )
        if inside or near:
            out.append(q)
    return out


def quote_line(q: Quote) -> str:
    said = _norm(q.text).strip(" ,;:")
    return f"{q.speaker or 'unattributed'}: \u201c{said}\u201d"


def revisions(
    tellings: list[Telling],
    versions: Mapping[str, VersionInfo],
    annotations: Mapping[str, Annotation],
    documents: Mapping[str, Document],
) -> list[Revision]:
    """The details of an event that changed between versions of one article."""
    by_article: dict[str, list[tuple[VersionInfo, Telling]]] = {}
    for t in tellings:
        if info := versions.get(t.document):
            by_article.setdefault(info.article, []).append((info, t))
    out: list[Revision] = []
    for article, told in sorted(by_article.items()):
        told.sort(key=lambda it: it[0].number)
        newest = told[0][0].newest
        rows: list[tuple[int, str, str | None, dict[str, str]]] = []  # number, doc, seen, values
        for info, t in told:
            sentences = [_norm(e.sentence) for e in t.evidence]
            values = {
                "date": t.date or "",
                "place": t.place or "",
                "mode": t.mode if t.mode != "unknown" else "",
                "status": t.status,
                "participants": ", ".join(sorted(set(t.people))),
                "figures": ", ".join(f for s in sentences for f in figures(s)),
                "quotes": " / ".join(
                    quote_line(q)
                    for q in supporting_quotes(annotations.get(t.document), t.evidence, t.people)
                ),
                "telling": sentences[0] if sentences else "",
            }
            rows.append((info.number, t.document, info.seen, values))
        last_info, last = told[-1]
        if newest not in {t.document for _, t in told} and withdrawn(
            last.evidence, last_info, documents.get(newest)
        ):
            newest_info = versions.get(newest)
            rows.append(
                (
                    last_info.newest_number,
                    newest,
                    newest_info.seen if newest_info else None,
                    {"telling": ""},  # gone: the other details are not restated
                )
            )
        if len(rows) < 2:
            continue
        for name in rows[0][3]:
            if len({r[3][name] for r in rows if name in r[3]}) < 2:
                continue
            out.append(
                Revision(
                    field=name,
                    article=article,
                    values=[
                        RevisionValue(n, d, r[name], seen) for n, d, seen, r in rows if name in r
                    ],
                )
            )
    return out


# The share of an older version's sentences a newer one must keep (as they were, or edited)
# to be the same article: below it the URL now shows something else (a live page, an index,
# a reused address), and what the older capture told is not "withdrawn" by the newer one.
SAME_ARTICLE = 0.5


def same_article(old: Document, new: Document) -> bool:
    """The newer capture of a URL is still the older one's article, revised."""
    olds = [s for p in split_paragraphs(old.body) for s in split_sentences(p)]
    news = [s for p in split_paragraphs(new.body) for s in split_sentences(p)]
    if not olds:
        return True
    kept = sum(
        1 for i, j in align_sentences(olds, news, RETOLD_RATIO) if i is not None and j is not None
    )
    return kept / len(olds) >= SAME_ARTICLE


def withdrawn(evidence: list[Evidence], info: VersionInfo, newest: Document | None) -> bool:
    """The newest version of the telling's article dropped it: it neither carries the
    sentence any more nor has it turned into another page."""
    if newest is None or still_told(evidence, newest):
        return False
    return info.same_as_newest


def still_told(evidence: list[Evidence], newest: Document | None) -> bool:
    """The newest version still carries the telling's first sentence word for word (its
    event was not extracted again, but the article did not drop it)."""
    if newest is None or not evidence:
        return False
    return _norm(evidence[0].sentence) in _norm(newest.body)
