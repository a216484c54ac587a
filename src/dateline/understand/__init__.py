"""Understanding one document: sentences, people, roles, times, events and quotes.

Public API (stable):

- ``annotate(document, anchor=None) -> Annotation``: anchor is the ISO date relative times
  resolve against (default: ``document.published.value`` when known).
- ``reanchor(document, annotation, anchor) -> Annotation``: the same annotation with every
  time expression and event date re-resolved against a newly known date, without parsing.
- ``load_nlp()``: the spaCy pipeline, cached per process.
"""

from __future__ import annotations

import copy
import re

from spacy.tokens import Doc

from dateline.models import Annotation, Document, Sentence, TimeExpression
from dateline.understand import entities as ent_mod
from dateline.understand import events as ev_mod
from dateline.understand import merge as merge_mod
from dateline.understand import quotes as q_mod
from dateline.understand import timex
from dateline.understand.nlp import chunks, detect_language, load_nlp

__all__ = ["annotate", "load_nlp", "reanchor"]

_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z.'-]+(?:\s[A-Z][A-Za-z.'-]+)?)\s*(?:,|\(|—|–|-{1,2}\s)")


def annotate(document: Document, anchor: str | None = None) -> Annotation:
    """Everything understood from one document (never raises on odd text)."""
    if anchor is None and document.published is not None and document.published.value:
        anchor = document.published.value[:10] if len(document.published.value) >= 10 else None
    anchor = _day(anchor)
    body = document.body or ""
    lang, conf = detect_language(body, document.language)
    ann = Annotation(document=document.id, language=lang, anchor=anchor)
    if not body.strip():
        ann.notes.append("empty body: nothing to understand")
        return ann
    declared = (document.language or "").split("-")[0].lower()
    if lang != "en" and conf < 0.5 and declared in ("", "en"):
        ann.notes.append(f"language unclear ('{lang}' at {conf:.2f}); analysed as English")
        lang = ann.language = "en"
    if lang != "en":
        ann.notes.append(
            f"language detected as '{lang}' (confidence {conf:.2f}); English analysis skipped"
        )
        # Absolute dates are language-neutral enough to keep (ISO and numeric forms).
        ann.times = [
            t
            for t in timex.normalise(body, anchor)
            if t.symbolic is None and t.kind == "date" and re.match(r"\d", t.text)
        ]
        return ann
    doc = _parse(body)
    ann.sentences = [Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)]
    if not ann.sentences:
        ann.notes.append("no sentences found")
        return ann
    sent_index = _sentence_index(doc)
    heads = headline_spans(body)
    de = ent_mod.extract(doc, sent_index, document.id, anchor, heads)
    ann.entities = ent_mod.to_entities(de)
    ann.roles = de.roles
    # times, resolved with the tense of the verb each hangs from
    pairs: list[tuple[TimeExpression, object]] = []
    for f in timex.find(body):
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        head = span.root
        tense = ev_mod.timex_tense(head)
        t = timex.build(f, tense, anchor)
        pairs.append((t, head))
    # "later that day" takes the day the text was last on: needs the times before it
    resolved = timex.resolve_references([t for t, _ in pairs], anchor)
    pairs = [(t, head) for t, (_, head) in zip(resolved, pairs, strict=True)]
    ann.times = [t for t, _ in pairs]
    ann.quotes = q_mod.attribute(doc, de, document.id)
    quote_spans = [(q.start, q.end) for q in ann.quotes]
    doc.user_data["dateline_anchor"] = anchor  # "a morning meeting" with no day before it
    dl = _dateline_place(body)
    mentions = ev_mod.find_mentions(doc, de, pairs, quote_spans, dl, heads)  # type: ignore[arg-type]
    ann.events = merge_mod.build_events(document.id, doc, de, mentions, anchor)
    if anchor is None:
        ann.notes.append("no anchor date: relative times kept symbolic")
    if len(body) > 200_000:
        ann.notes.append(f"long document ({len(body.split())} words) parsed in chunks")
    return ann


def reanchor(document: Document, annotation: Annotation, anchor: str) -> Annotation:
    """``annotation`` with times, event dates and role dates resolved against ``anchor``."""
    anchor = _day(anchor) or anchor
    new = copy.deepcopy(annotation)
    new.anchor = anchor
    new.times = [timex.reanchor(t, anchor) for t in annotation.times]
    by_span = {(t.start, t.end): t for t in new.times}
    for ev in new.events:
        if ev.time is None:
            continue
        t = by_span.get((ev.time.start, ev.time.end)) or timex.reanchor(ev.time, anchor)
        ev.time = t
        ev.date = t.value
        ev.precision = t.precision if t.value else "unknown"
        before = ev.status
        if ev.status in ("ongoing", "uncertain") and t.value:
            # a present-tense telling is re-read against the new date, as annotate() does
            lo, hi = merge_mod.interval(t.value)
            if hi and hi < anchor:
                ev.status = "happened"
            elif lo and lo > anchor:
                ev.status = "planned"
        if ev.status != before:
            # labels depend on the status only (a headline label is never made for these)
            ev.label = merge_mod.make_label(ev)
    for r in new.roles:
        if r.as_of == annotation.anchor or r.as_of is None:
            r.as_of = anchor
    new.notes = [n for n in new.notes if not n.startswith("no anchor date")]
    return new


def _day(anchor: str | None) -> str | None:
    """The ISO day of an anchor ("2013-10-03T09:00:00Z" -> "2013-10-03"); None if not a day."""
    if not anchor:
        return None
    day = anchor.strip()[:10]
    return day if timex.parse_anchor(day) else None


def _parse(body: str) -> Doc:
    nlp = load_nlp()
    pieces = list(chunks(body))
    if len(pieces) == 1:
        return nlp(body)
    docs = list(nlp.pipe([p for _, p in pieces], batch_size=4))
    return Doc.from_docs(docs, ensure_whitespace=False)


def _sentence_index(doc: Doc) -> dict[int, int]:
    out: dict[int, int] = {}
    for i, s in enumerate(doc.sents):
        for tok in s:
            out[tok.idx] = i
    return out


def headline_spans(body: str) -> list[tuple[int, int]]:
    """Title-case lines (headlines, page furniture): not narrative, so no events or NER people."""
    out = []
    pos = 0
    lines = body.split("\n")
    for k, line in enumerate(lines):
        words = [w for w in line.split() if w[:1].isalpha()]
        stripped = line.strip()
        # a long line running on into the next one is hard-wrapped prose, not a headline
        wrapped = len(stripped) >= 60 and k + 1 < len(lines) and lines[k + 1].strip() != ""
        if wrapped:
            pos += len(line) + 1
            continue
        if 0 < len(words) <= 20 and not stripped.endswith(
            (".", "”", '"', ":", "?", "!", "’", ";", ",")
        ):
            out.append((pos, pos + len(line)))
        elif len(words) >= 3 and not stripped.endswith((".", "”", '"')):
            caps = sum(w[0].isupper() for w in words if w.lower() not in _SMALL)
            if caps >= 0.8 * len([w for w in words if w.lower() not in _SMALL]):
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


_SMALL = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "by",
    "with",
    "as",
    "from",
}


def _dateline_place(body: str) -> str | None:
    m = _DATELINE.match(body[:80])
    if not m:
        return None
    word = m.group(1)
    if word.lower() in ("the", "a", "in", "on", "at", "but", "and", "mr", "mrs", "ms"):
        return None
    return word.title() if word.isupper() else word
