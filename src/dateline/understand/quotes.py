"""Direct quotations and who said them.

Finding: paired quote marks of any common style (straight, curly, guillemets, low-high).
Attribution, in order of trust:
1. a speech verb in the quote's own sentence(s), outside the quoted text, whose subject is a
   person name, a title ("the Pentagon chief") or a pronoun (-> the last speaker or subject);
2. a quote standing alone as its own paragraph/sentence: the speaker of the sentence
   before it ("Kerry said ... ." then the quote paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dateline.models import Evidence, Quote
from dateline.understand.entities import PRONOUNS, DocEntities, text_of

SPEECH_LEMMAS = {
    "say", "tell", "add", "note", "state", "ask", "reply", "insist", "warn", "declare",
    "write", "announce", "explain", "stress", "emphasise", "emphasize", "argue", "claim",
    "comment", "respond", "remark", "continue", "conclude", "recall", "acknowledge",
    "admit", "caution", "urge", "vow", "pledge", "promise", "assert", "affirm", "reiterate",
    "predict", "suggest", "tweet", "quip", "observe", "deny", "confirm", "concede",
}  # fmt: skip
# opening mark -> closing marks accepted
PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“”", "‘": "’", "»": "«", "‹": "›", "「": "」"}
_OPEN = re.compile(r"[“\"«„»‹「]|(?<![\w])‘")


@dataclass
class RawQuote:
    start: int  # of the quoted text (inside the marks)
    end: int
    outer_start: int
    outer_end: int


def find_quotes(text: str) -> list[RawQuote]:
    out: list[RawQuote] = []
    pos = 0
    while True:
        m = _OPEN.search(text, pos)
        if not m:
            break
        opener = m.group(0)
        closers = PAIRS.get(opener, "”")
        # a quote does not run past a paragraph break unless the next paragraph reopens it
        close = -1
        i = m.end()
        limit = min(len(text), m.end() + 3000)
        while i < limit:
            ch = text[i]
            if ch in closers and not (
                opener == "‘" and i + 1 < len(text) and text[i + 1].isalpha()
            ):
                close = i
                break
            if text.startswith("\n\n", i) and opener in '"“':
                # paragraph-continued quotes reopen the mark at the next paragraph
                j = i
                while j < len(text) and text[j].isspace():
                    j += 1
                if j < len(text) and text[j] in '"“':
                    close = i
                    break
                if opener == '"' and text[j : j + 1] != '"':
                    # unbalanced straight quote: the quote ends at the paragraph
                    close = i
                    break
            i += 1
        if close < 0:
            pos = m.end()
            continue
        inner = text[m.end() : close].strip()
        if inner:
            s = text.find(inner, m.end())
            out.append(RawQuote(s, s + len(inner), m.start(), close + 1))
        pos = close + 1
    return out


def _in_quote(i: int, quotes: list[RawQuote]) -> bool:
    return any(q.outer_start <= i < q.outer_end for q in quotes)


def _sentences(doc: Doc) -> list:  # type: ignore[type-arg]
    """``doc.sents`` is a generator rebuilt on every call; keep the list on the Doc."""
    cached = doc.user_data.get("dateline_sents")
    if cached is None:
        cached = doc.user_data["dateline_sents"] = list(doc.sents)
    return cached


def attribute(doc: Doc, de: DocEntities, doc_id: str) -> list[Quote]:
    text = text_of(doc)
    raw = find_quotes(text)
    doc.user_data["dateline_quotes"] = raw
    quotes: list[Quote] = []
    last_speaker: str | None = None
    last_speaker_sent = -10
    sents = _sentences(doc)
    sent_of_char = _sent_lookup(doc)
    for q in raw:
        words = len(text[q.start : q.end].split())
        s_i = sent_of_char(q.start)
        e_i = sent_of_char(max(q.start, q.end - 1))
        # the frame: sentences holding the quote, plus the next one when the quote ends a
        # sentence and the attribution follows ("…,” he said.)
        lo, hi = s_i, e_i
        if hi + 1 < len(sents) and sents[hi].end_char <= q.outer_end + 1:
            nxt = sents[hi + 1]
            if re.match(
                r"^\s*[a-z]|^\s*(?:[A-Z][\w.’']+\s){0,5}(?:said|says|told|added)",
                text[q.outer_end : nxt.end_char].lstrip(" ,"),
            ):
                hi += 1
        speaker, conf = _speaker_in(doc, sents[lo : hi + 1], raw, de, q, last_speaker)
        if speaker is None and words >= 2:
            # a standalone quote (its own paragraph / sentence): the previous speaker
            before = text[max(0, q.outer_start - 3) : q.outer_start]
            standalone = (
                q.outer_start == 0 or "\n" in before or sents[s_i].start_char >= q.outer_start - 1
            )
            if standalone and lo > 0:
                prev_speaker, pconf = _speaker_in(doc, [sents[lo - 1]], raw, de, None, last_speaker)
                if prev_speaker is None and last_speaker and lo - last_speaker_sent <= 2:
                    prev_speaker, pconf = last_speaker, 0.5
                if prev_speaker:
                    speaker, conf = prev_speaker, min(pconf, 0.7)
        if words < 2:
            continue  # scare quotes and names in quotes ("2+2") are not quotations
        if speaker:
            last_speaker, last_speaker_sent = speaker, hi
        sent = sents[s_i]
        p = de.by_id(speaker) if speaker else None
        quotes.append(
            Quote(
                text=text[q.start : q.end],
                speaker=p.name if p else None,
                start=q.start,
                end=q.end,
                evidence=Evidence(
                    doc_id,
                    text[sent.start_char : sents[e_i].end_char],
                    sent.start_char,
                    sents[e_i].end_char,
                ),
                speaker_entity=speaker,
                confidence=conf if speaker else 0.3,
            )
        )
    return quotes


def _sent_lookup(doc: Doc):  # type: ignore[no-untyped-def]
    starts = [s.start_char for s in _sentences(doc)]
    import bisect

    def find(ch: int) -> int:
        return max(0, bisect.bisect_right(starts, ch) - 1)

    return find


def _speaker_in(
    doc: Doc,
    sents: list,
    raw: list[RawQuote],
    de: DocEntities,
    q: RawQuote | None,
    last: str | None,
) -> tuple[str | None, float]:  # type: ignore[type-arg]
    """The speaker of a speech verb in ``sents`` outside quotes (nearest to quote ``q``)."""
    best: tuple[int, str, float] | None = None
    for sent in sents:
        for tok in sent:
            according = (
                tok.lower_ == "according" and tok.i + 1 < len(doc) and tok.nbor(1).lower_ == "to"
            )
            speech = tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX")
            if not (speech or according):
                continue
            if _in_quote(tok.idx, raw):
                continue
            who = _subject_person(tok, de, last)
            if who is None:
                continue
            dist = abs(tok.idx - (q.outer_end if q else tok.idx))
            if q:
                dist = min(abs(tok.idx - q.outer_end), abs(tok.idx - q.outer_start))
            if best is None or dist < best[0]:
                best = (dist, who[0], who[1])
    if best:
        return best[1], best[2]
    return None, 0.0


def _subject_person(verb: Token, de: DocEntities, last: str | None) -> tuple[str, float] | None:
    doc = verb.doc
    if verb.lower_ == "according":
        pobj = (
            [t for t in verb.nbor(1).children if t.dep_ == "pobj"] if verb.i + 1 < len(doc) else []
        )
        cands = pobj
    else:
        cands = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")]
        # "said Fumio Kishida, the Japanese foreign minister": inverted subject
        if not cands:
            cands = [
                t for t in verb.children if t.dep_ in ("dobj", "attr", "npadvmod") and t.i > verb.i
            ]
    for subj in cands:
        if subj.lower_ in PRONOUNS or subj.lower_ in ("he", "she"):
            pid = _pronoun_antecedent(verb, de, last)
            if pid:
                return pid, 0.75
            continue
        # the subject phrase, including appositions ("Japan's defense minister, X,")
        span_tokens = list(subj.subtree)
        s, e = span_tokens[0].idx, span_tokens[-1].idx + len(span_tokens[-1])
        pid = _person_in(de, s, e, prefer_head=subj)
        if pid:
            return pid, 0.9
    return None


def _person_in(de: DocEntities, s: int, e: int, prefer_head: Token | None = None) -> str | None:
    hits = sorted(((ms, pid) for (ms, me), pid in de.spans.items() if s <= ms and me <= e))
    if not hits:
        return None
    if prefer_head is not None:
        h = prefer_head.idx
        for (ms, me), pid in de.spans.items():
            if ms <= h < me:
                return pid
    ids = list(dict.fromkeys(pid for _, pid in hits))
    return ids[0]


def _pronoun_antecedent(verb: Token, de: DocEntities, last: str | None) -> str | None:
    """The person a "he said" points at: the latest speaker/subject before it."""
    doc = verb.doc
    sent = verb.sent
    # subjects earlier in the same sentence (never a name inside the quotation itself)
    quoted = doc.user_data.get("dateline_quotes", [])
    pron = next((c.lower_ for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), "")
    cands: list[tuple[int, str]] = []
    for (s, _e), pid in de.spans.items():
        if _in_quote(s, quoted) or not _gender_fits(de, pid, pron):
            continue
        if sent.start_char <= s < verb.idx:
            tok = doc.char_span(s, s + 1, alignment_mode="expand")
            if tok is not None and len(tok) and tok[0].dep_ in ("nsubj", "nsubjpass", "compound"):
                cands.append((s, pid))
    if cands:
        return max(cands)[1]
    # previous sentences: the subject of a speech verb, else of the root
    all_sents = _sentences(doc)
    k = (
        next((i for i in range(len(all_sents)) if all_sents[i].start_char == sent.start_char), 0)
        if len(all_sents) < 50
        else _sent_lookup(doc)(sent.start_char)
    )
    for ps in reversed(all_sents[max(0, k - 3) : k]):
        for tok in ps:
            if tok.lemma_ in SPEECH_LEMMAS and tok.pos_ == "VERB":
                for subj in (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")):
                    if subj.lower_ in PRONOUNS:
                        if last and _gender_fits(de, last, pron):
                            return last
                        continue
                    pid = _person_at_token(de, subj)
                    if pid and _gender_fits(de, pid, pron):
                        return pid
        root = ps.root
        for subj in (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")):
            pid = _person_at_token(de, subj)
            if pid and _gender_fits(de, pid, pron):
                return pid
        if last and _gender_fits(de, last, pron) and any(t.lower_ in ("he", "she") for t in ps):
            return last
    return last if last and _gender_fits(de, last, pron) else None


def _gender_fits(de: DocEntities, pid: str, pronoun: str) -> bool:
    """ "he" cannot be someone the text calls Ms/Mrs, nor "she" a Mr."""
    if pronoun not in ("he", "she"):
        return True
    gender = de.gender(pid)
    return gender is None or gender == ("m" if pronoun == "he" else "f")


def _person_at_token(de: DocEntities, tok: Token) -> str | None:
    toks = list(tok.subtree)
    return _person_in(de, toks[0].idx, toks[-1].idx + len(toks[-1]), prefer_head=tok)
