"""Names a document uses as places, found from how the text uses them.

The small spaCy model does not know invented or rare towns ("Castelmere", "Valda") and tags
them PERSON or ORG, so they end up as people or as event participants. The text usually
says what they are: a dateline ("VALDA, March 4 (Wirenews) -"), a place-type noun ("the
Merovian capital Castelmere", "the port city of Sarn"), or a movement or meeting word
before "in/to/at/from X" ("travel to X", "talks in X", "arrived in X"). A name the text
uses as a place once is a place everywhere in the document, unless a person cue (an
office title or an honorific right before it) says otherwise.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from dateline.understand.lexicon import NOUN_TRIGGERS, VERB_TRIGGERS

_CAP = r"(?-i:[A-Z][a-zà-ÿ'’-]+)"
_NAME = rf"{_CAP}(?:\s{_CAP}){{0,2}}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "VALDA, March 4 (Wirenews) -", "CASTELMERE —", "Valda, 7 January", "LENHAVN (AP) -"
_DATELINE = re.compile(
    r"^[ \t]*(?P<name>(?-i:[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+){0,2})|" + _NAME + r")"
    # AP style names the country or state after the town: "KESSARO, Ostrela (AP) —"
    r"(?:,\s*(?-i:[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)(?=\s*[(—–-]))?"
    r"(?:\s*,\s*(?:" + _MONTH + r"\s+\d{1,2}|\d{1,2}\s+" + _MONTH + r")(?:,?\s+\d{4})?)?"
    r"\s*(?:\([^)\n]{1,40}\))?\s*(?P<dash>[—–]|-{1,2}\s)",
    re.M,
)
_DATELINE_DATED = re.compile(
    r"^[ \t]*(?P<name>"
    + _NAME
    + r")\s*,\s*(?:"
    + _MONTH
    + r"\s+\d{1,2}|\d{1,2}\s+"
    + _MONTH
    + r")\b",
    re.M,
)
PLACE_NOUNS = (
    r"capital|city|town|village|port(?:\s+city)?|harbou?r\s+town|province|region|island|"
    r"district|county|resort|border\s+town|seaside\s+town|garrison\s+town|suburb|enclave"
)
# "the Merovian capital Castelmere", "the port city of Sarn", "the capital, Valda"
_TYPED = re.compile(rf"\b(?:{PLACE_NOUNS})(?:\s+of|\s*,)?\s+(?P<name>{_NAME})", re.I)
# "Sarn, a port city", "Valda, the Valdorian capital"
_TYPED_AFTER = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:a|the)\s+(?:[\w-]+\s+){{0,2}}(?-i:(?:{PLACE_NOUNS}))\b"
)
# words whose "in/to/at/from X" names a place: travel, arrival, meetings and their nouns
MOVE_LEMMAS = {
    "travel", "fly", "arrive", "return", "go", "come", "head", "leave", "land", "visit",
    "trip", "journey", "tour", "move", "base", "bear", "hold", "held", "meet", "gather",
    "stay", "live", "work", "hospital", "embassy", "office", "headquarters", "expect",
    "welcome", "host", "receive", "sign", "open", "take", "place", "begin", "end",
    "due", "arrival", "departure", "flight", "drive", "sail", "march", "rally", "convene",
    "join", "attend", "appear", "speak", "tell", "remain", "talk", "negotiation", "round",
}  # fmt: skip


def demonym_countries(text: str) -> set[str]:
    """Names the text also turns into an adjective: "Norvessa" beside "Norvessan",
    "Valdoria" beside "Valdorian", "Quellin" beside "Quellish". Such a name is a country."""
    words = set(re.findall(r"\b(?-i:[A-Z][a-z]{3,})\b", text))
    out = set()
    for w in words:
        # Norvessa -> Norvessan, Valdoria -> Valdorian; Japan -> Japanese, Iraq -> Iraqi
        # (no "-ian" after a consonant: "Trumpian" would make Trump a country)
        forms = {w + "n", w[:-1] + "an"} if w[-1] in "aeo" else {w + "ese", w + "i", w + "an"}
        if forms & words - {w}:
            out.add(w)
    return out


MOVE_LEMMAS |= set(NOUN_TRIGGERS) | set(VERB_TRIGGERS)
_NOT_PLACES = {
    "the", "a", "an", "in", "on", "at", "but", "and", "mr", "mrs", "ms", "dr", "he", "she",
    "it", "they", "we", "update", "updated", "breaking", "live", "exclusive", "analysis",
    "opinion", "comment", "editorial", "photo", "video", "watch", "read", "more",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "today", "yesterday", "tomorrow",
}  # fmt: skip


def _norm(name: str) -> str:
    name = re.sub(r"[’']s$", "", name.strip()).strip(" .,")
    return name.title() if name.isupper() else name


def _ok(name: str) -> bool:
    words = name.split()
    return bool(words) and words[0].lower() not in _NOT_PLACES and len(name) > 2


def dateline_names(text: str) -> set[str]:
    """Names at the start of a paragraph in a dateline ("VALDA, March 4 (Wirenews) -")."""
    out: set[str] = set()
    for m in _DATELINE.finditer(text):
        name = m.group("name")
        # a Title-case opener with only a dash ("Kovalt — who...") is too weak; capitals are not
        if (name.isupper() or "(" in m.group(0) or "," in m.group(0)) and _ok(name):
            out.add(_norm(name))
    for m in _DATELINE_DATED.finditer(text):
        if _ok(m.group("name")):
            out.add(_norm(m.group("name")))
    return out


def _propn_span(tok: Token) -> str | None:
    """The proper-name run ending at ``tok`` ("Port Sarn"), or None if it is not one."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
        return None
    words = [t for t in tok.subtree if t.pos_ == "PROPN" and t.i <= tok.i and t.dep_ != "poss"]
    words = [t for t in words if t.i >= tok.i - 3]
    # only the contiguous run that ends at the head
    run = [tok]
    for t in sorted(words, key=lambda t: -t.i):
        if t.i == run[0].i - 1:
            run.insert(0, t)
    return " ".join(t.text for t in run)


def place_names(doc: Doc, text: str, person_cued: set[str]) -> set[str]:
    """Every name the document uses as a place (normalised surface, "Valda" not "VALDA").

    ``person_cued`` are names the text marks as people (after a title or honorific); they
    never become places, so "Foreign Minister Paris" stays a person.
    """
    found: set[str] = set(dateline_names(text)) | demonym_countries(text)
    for rx in (_TYPED, _TYPED_AFTER):
        for m in rx.finditer(text):
            if _ok(m.group("name")):
                found.add(_norm(m.group("name")))
    for tok in doc:
        # "visit Valda", "toured Sarn": the object of a visit is a place
        if tok.dep_ == "dobj" and tok.head.lemma_ in ("visit", "tour") and tok.head.pos_ == "VERB":
            span = _propn_span(tok)
            # a one-word name the tagger calls PERSON may be a town it does not know; a
            # person visited is usually named in full somewhere ("Angela Merkel")
            full = {
                w for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for w in e.text.split()
            }
            if span and _ok(span) and tok.ent_type_ not in ("ORG", "NORP") and span not in full:
                found.add(_norm(span))
        if tok.dep_ != "prep" or tok.lower_ not in ("in", "to", "at", "from", "near", "outside"):
            continue
        head = tok.head
        # "his first trip abroad would be to Castelmere": the copula of a travel noun
        trip_be = head.lemma_ == "be" and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in MOVE_LEMMAS for c in head.children
        )
        if (
            head.lemma_.lower() not in MOVE_LEMMAS
            and head.lower_ not in MOVE_LEMMAS
            and not trip_be
        ):
            continue
        for obj in (c for c in tok.children if c.dep_ == "pobj"):
            if obj.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "NORP"):
                continue
            if any(c.dep_ == "det" for c in obj.children):
                continue  # "at the Chancery", "the Rosen Palace": a venue, not a town
            span = _propn_span(obj)
            if span and _ok(span):
                found.add(_norm(span))
    # a person cue beats a place cue; so does a name of two or more words the text also
    # writes with a title ("Lord Sarn")
    return {p for p in found if not any(p == n or p in n.split() for n in person_cued)}
