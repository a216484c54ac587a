"""Arguments of an event mention: its place, its mode and its participants.

Participants are the people syntactically tied to the trigger, not everyone in the sentence:
the event noun's own phrase and the subject/objects/with-phrases of the verb it belongs to.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from dateline.understand import offices
from dateline.understand.entities import DocEntities, text_of
from dateline.understand.lexicon import (
    CANCEL_LEMMAS,
    FACILITIES,
    PARTICIPATION,
    PERSON_CUES,
    PHONE_CUES,
    SKIP_AFTER,
    VIRTUAL_CUES,
)


def _durations(anchors: list[Token]) -> list[Token]:
    """ "met X for four hours at Admiralty House": the parser hangs the place on the
    duration, so its noun is searched for places too."""
    return [
        o
        for a in anchors
        if a.pos_ in ("VERB", "AUX")
        for p in a.children
        if p.dep_ == "prep" and p.lower_ in ("for", "during")
        for o in p.children
        if o.dep_ == "pobj" and o.ent_type_ in ("TIME", "DATE")
    ]


def _place(
    doc: Doc,
    de: DocEntities,
    anchors: list[Token],
    sent,
    dateline_place: str | None,
    noun: Token | None,
) -> str | None:  # type: ignore[no-untyped-def]
    # compound/modifier of the noun: "the Tokyo meeting"
    if noun is not None:
        for c in noun.children:
            if c.dep_ in ("compound", "nmod", "amod") and offices.country_of(c.text) is None:
                if c.ent_type_ in ("GPE", "LOC", "FAC"):
                    return c.text
                known = _known_place(c)  # "the Lenhavn talks", Lenhavn a place in the text
                if known:
                    return known
    # "visit Canberra": the object of a visit is the place
    for a in anchors:
        if a.lemma_ == "visit" and a.pos_ == "VERB":
            for o in (c for c in a.children if c.dep_ == "dobj"):
                span = _ent_span(o)
                if span:
                    return span
    # "sign an agreement in Paris", "meet X in Brussels": the place hangs from the object
    # (not for cancelling: "called off a visit to X" did not happen in X)
    objs = [
        c
        for a in anchors
        if a.pos_ in ("VERB", "AUX") and a.lemma_ not in CANCEL_LEMMAS and a.lemma_ != "call"
        for c in a.children
        if c.dep_ in ("dobj", "nsubjpass")
    ]
    objs += _durations(anchors)
    for a in [*anchors, *objs]:
        for prep in (
            c for c in a.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "to", "inside")
        ):
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                if de.person_at(obj.idx, obj.idx + len(obj)):
                    continue  # "talks with Hayashi" tagged ORG: a person, not a place
                span = _ent_span(obj)
                if span:
                    # "at Admiralty House in Castelmere": the town, as for the other tellings
                    for p2 in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "in"):
                        for town in (o for o in p2.children if o.dep_ == "pobj"):
                            inner = _known_place(town) or (
                                _ent_span(town) if town.ent_type_ == "GPE" else None
                            )
                            if inner:
                                return inner
                    return span
        for c in a.children:
            if c.lower_ == "here" and dateline_place:
                return dateline_place
    return None


# Head nouns of a building or site named as where something happens ("Admiralty House").
VENUE_NOUNS = {
    "house", "palace", "hall", "hotel", "centre", "center", "building", "chancery", "ministry",
    "embassy", "consulate", "residence", "castle", "stadium", "arena", "headquarters",
    "parliament", "chamber", "cathedral", "church", "mosque", "temple", "museum", "university",
    "airport", "airbase", "base", "camp", "court", "villa", "lodge", "manor", "tower", "square",
    "pentagon", "kremlin", "capitol", "bundestag", "reichstag", "élysée", "elysee",
}  # fmt: skip
_NOT_VENUE = ("PERSON", "GPE", "LOC", "DATE", "TIME", "NORP", "MONEY", "CARDINAL", "ORDINAL")


def _venue(de: DocEntities, anchors: list[Token]) -> str | None:
    """The building or site an event is at ("at Admiralty House in Castelmere", "hosted the
    talks at the Chancery", "inside the Kremlin"): a named facility, or a proper name whose
    head is a venue noun. A town is a place, not a venue; so is a person's name."""
    heads = [*anchors, *_durations(anchors)]
    heads += [
        c for a in anchors if a.pos_ in ("VERB", "AUX") for c in a.children if c.dep_ == "dobj"
    ]
    for a in heads:
        for prep in (c for c in a.children if c.dep_ == "prep" and c.lower_ in ("at", "inside")):
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                if de.person_at(obj.idx, obj.idx + len(obj)) or _known_place(obj):
                    continue
                words = [c for c in obj.children if c.dep_ in ("compound", "amod") and c.i < obj.i]
                venue_noun = obj.lemma_.lower() in VENUE_NOUNS
                named = (
                    obj.pos_ == "PROPN"
                    or obj.text[:1].isupper()
                    or (venue_noun and any(w.pos_ == "PROPN" for w in words))  # NATO headquarters
                )
                facility = obj.ent_type_ == "FAC"
                if not named or (obj.ent_type_ in _NOT_VENUE and not facility):
                    continue
                if not facility and not venue_noun and obj.ent_type_:
                    continue  # an ORG or a product at which nothing stands
                first = min([obj.i, *(w.i for w in words)])
                last = obj.i + 1
                # "the Ministry of Labour": a name that goes on with "of"
                for of in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
                    tail = [o for o in of.children if o.dep_ == "pobj" and o.text[:1].isupper()]
                    if tail:
                        last = tail[0].i + 1
                return re.sub(r"^the\s+", "", obj.doc[first:last].text, flags=re.I)
    return None


def _ent_at(tok: Token):  # type: ignore[no-untyped-def]
    """The entity span covering ``tok`` (token-indexed map cached on the Doc)."""
    doc = tok.doc
    index = doc.user_data.get("dateline_ents")
    if index is None:
        index = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                index[i] = ent
        doc.user_data["dateline_ents"] = index
    return index.get(tok.i)


def _known_place(obj: Token) -> str | None:
    """The document-level place name (places.py) that ``obj`` ends, if any."""
    places = obj.doc.user_data.get("dateline_places") or set()
    if not places or not obj.text[:1].isupper():
        return None
    for n in (3, 2, 1):
        start = obj.i - n + 1
        if start < 0:
            continue
        words = obj.doc[start : obj.i + 1].text
        name = words.title() if words.isupper() else words
        if name in places:
            return name
    return None


def _country(tok: Token) -> bool:
    """A country (the table's, or one the text names with its adjective): a possible party."""
    return offices.country_of(tok.text) is not None or tok.text in (
        tok.doc.user_data.get("dateline_countries") or ()
    )


PLACE_NOUNS = {"capital", "city", "town", "village", "port", "resort", "island", "province"}


def _ent_span(obj: Token) -> str | None:
    known = _known_place(obj)
    if known:
        return known
    if obj.lemma_ in PLACE_NOUNS and obj.i + 1 < len(obj.doc):
        # "in the Brenmarkan capital Lendra", however the parser hung "Lendra"
        nxt = _known_place(obj.doc[obj.i + 1])
        if nxt:
            return nxt
    if obj.ent_type_ in ("GPE", "LOC", "FAC"):
        ent = _ent_at(obj)
        if ent is not None:
            return re.sub(r"^the\s+", "", ent.text, flags=re.I)
    if obj.pos_ == "PROPN" and obj.ent_type_ not in (
        "PERSON",
        "DATE",
        "TIME",
        "NORP",
        "MONEY",
        "CARDINAL",
    ):
        # an invented or rare place name the tagger missed: "in Valda", "at the Chancery"
        words = [
            t.text
            for t in obj.subtree
            if t.pos_ == "PROPN" and t.i <= obj.i and t.i >= obj.left_edge.i
        ]
        if words and len(words) <= 4:
            return " ".join(words)
    phrase = " ".join(t.text for t in obj.subtree if t.dep_ != "det")
    low = phrase.lower()
    for fac in FACILITIES:
        if low == fac or low.endswith(fac):
            return (
                " ".join(w.capitalize() if w.islower() else w for w in fac.split())
                if phrase.islower()
                else phrase.replace("the ", "")
            )
    # "the Indonesian island of Bali"
    for p in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
        for t in (o for o in p.children if o.dep_ == "pobj"):
            if t.ent_type_ in ("GPE", "LOC", "FAC"):
                ent = _ent_at(t)
                if ent is not None:
                    return ent.text
    return None


def _clause(tok: Token) -> Token:
    """The verb heading ``tok``'s clause ("agreed" for "meet" in "agreed to meet")."""
    cur = tok
    for _ in range(12):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("xcomp", "aux", "auxpass", "amod"):
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _mode(
    sentence: str, offset: int, etype: str, noun: Token | None, tok: Token | None = None
) -> str:
    best: tuple[int, str] | None = None
    own = _clause(tok) if tok is not None else None
    for rx, mode in ((VIRTUAL_CUES, "virtual"), (PHONE_CUES, "phone"), (PERSON_CUES, "in_person")):
        for m in rx.finditer(sentence):
            if own is not None and tok is not None:
                # "spoke by telephone ... and agreed to meet in Lenhavn": a cue in another
                # clause tells how another act happened
                base = tok.idx - offset  # where ``sentence`` starts in the document
                cue = tok.doc.char_span(base + m.start(), base + m.end(), alignment_mode="expand")
                if cue is not None and len(cue) and _clause(cue.root).i != own.i:
                    continue
            d = abs(m.start() - offset)
            if best is None or d < best[0]:
                best = (d, mode)
    if noun is not None and noun.lower_ in ("teleconference", "videoconference"):
        return "virtual"
    if etype == "call" and best is None:
        return "phone"
    return best[1] if best else "unknown"


def _participants(
    doc: Doc, de: DocEntities, sent, anchors: list[Token], noun: Token | None
) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """People (ids) and organisations/countries syntactically tied to the trigger.

    Regions: the event noun's phrase ("meeting between Hagel and Onodera"), the subject,
    objects and with/between/by phrases of its verb and of the verbs it depends on
    ("X and Y will fly to Washington to join A and B for talks").
    """
    regions: list[tuple[int, int]] = []
    arg_heads: list[Token] = []
    if noun is not None:
        for t in _own_tokens(noun):
            regions.append((t.idx, t.idx + len(t)))
    verbs = [a for a in anchors if a.pos_ in ("VERB", "AUX")]
    if noun is not None:
        # "The Chamber welcomed the visit": only verbs of taking part lend their subjects
        verbs = [v for v in verbs if v.lemma_ in PARTICIPATION]
    for v in list(verbs):
        cur = v
        for _ in range(1):
            purpose = cur.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in cur.children
            )
            # "held talks a day after North Korea fired": an advcl with a marker is another act
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)
            # "... agreed to meet, and Ferrand is expected in X": a conjunct with its own
            # subject is another act by other people
            if cur.dep_ == "conj" and own_subject:
                break
            if (cur.dep_ in ("xcomp", "conj") or purpose) and cur.head != cur:
                cur = cur.head
                verbs.append(cur)
            else:
                break
        # "... spoke by telephone and agreed to meet": a conjoined verb without its own
        # subject shares the first verb's
        if (
            cur.dep_ == "conj"
            and cur.head.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)
        ):
            verbs.append(cur.head)
    for v in verbs:
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "agent", "oprd") or (
                c.dep_ == "prep"
                and c.lower_ in ("with", "between", "by", "among", "alongside", "including")
            ):
                for t in _own_tokens(c):
                    regions.append((t.idx, t.idx + len(t)))
                if c.dep_ in ("nsubj", "nsubjpass", "dobj", "oprd"):
                    arg_heads.extend([c, *c.conjuncts])
                    # "the largest carmaker, General Motors, named ...": the named party
                    arg_heads.extend(
                        a
                        for a in c.children
                        if a.dep_ == "appos"
                        and a.ent_type_ in ("ORG", "GPE")
                        and not (a.i > 0 and a.doc[a.i - 1].text == "(")  # "(Wirenews)"
                        and not _known_place(c)  # a dateline's agency is no party
                    )
    people: list[str] = []
    regions = _merge_regions(regions)
    for (s, _e), pid in _spans_between(de, sent.start_char, sent.end_char):
        if any(rs <= s < re_ for rs, re_ in regions) and pid not in people:
            people.append(pid)
    # "Velez said Tuesday's meeting with Ruiz ...", "after a call with Lewis, Velez spoke":
    # a "with" phrase names the other side; the sentence's subject is the one side
    if (
        noun is not None
        and len(people) <= 1
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children)
    ):
        root = sent.root
        for subj in (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")):
            for (_s, _e), pid in _spans_between(
                de, subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
            ):
                if pid not in people:
                    people.append(pid)
    # "talks with his Chinese counterpart, Wang Yi", "with their counterparts, A and B":
    # the names in apposition, however parsed (a plural takes the whole list)
    for t in sent:
        if t.lemma_ == "counterpart" and any(rs <= t.idx < re_ for rs, re_ in regions):
            for pid in _apposed_people(de, t):
                if pid not in people:
                    people.append(pid)
    # pronouns inside the regions: "he and Austin", "his summit with Biden"
    for t in sent:
        if t.lower_ in ("he", "she", "his", "her") and any(
            rs <= t.idx < re_ for rs, re_ in regions
        ):
            pid = _antecedent(de, t)
            if pid and pid not in people:
                people.append(pid)
    # "their Japanese counterparts" with no names: the people of that country with an office
    for m in re.finditer(
        rf"\b(?:their|his|her)\s+(?P<c>{offices.COUNTRY_RE.pattern})\s+counterparts?\b(?!\s*,?\s*(?-i:[A-Z]))",
        sent.text,
        re.I,
    ):
        pos = sent.start_char + m.start()
        if not any(rs <= pos < re_ for rs, re_ in regions):
            continue
        country = offices.country_of(m.group("c"))
        for r in de.roles:
            if r.country == country and r.office not in HEADS:
                p = next((x for x in de.people if x.name == r.person), None)
                if p and p.id not in people:
                    people.append(p.id)
    # "American secretaries of state and defense", "the foreign and defence ministers"
    for rs, re_ in _merge_regions(regions):
        chunk = text_of(doc)[rs:re_]
        for m in PLURAL_TITLES.finditer(chunk):
            country = offices.country_of(m.group("c")) if m.group("c") else None
            fams = (
                ("pm", "president", "king", "queen", "chancellor")
                if "leader" in m.group(0).lower()
                else ("foreign", "defense")
            )
            for r in de.roles:
                if _family(r.office) in fams and (country is None or r.country == country):
                    p = next((x for x in de.people if x.name == r.person), None)
                    if p and p.id not in people:
                        people.append(p.id)
    # "the foreign ministers of Estmark and Norland spoke": the holders of that office in
    # those countries, wherever in the document the roles are stated
    for rs, re_ in _merge_regions(regions):
        for m in GROUP_OF.finditer(text_of(doc)[rs:re_]):
            fam_text = (m.group("fam") or "").lower()
            fams = {
                f
                for f, cue in (("foreign", "foreign"), ("defense", "defen"), ("pm", "prime"))
                if cue in fam_text
            } or {"pm", "president", "chancellor"}
            wanted = {_country_name(m.group(k)) for k in ("a", "b")}
            found: set[str] = set()
            for r in de.roles:
                if r.country in wanted and _family(r.office) in fams:
                    p = next((x for x in de.people if x.name == r.person), None)
                    if p and p.id not in people:
                        people.append(p.id)
                    found.add(r.country or "")
            # no stated office: "Irena Kovalt of Valdoria and Edmund Halloran of Merovia
            # signed ..." names who represented each country
            ordered = [_country_name(m.group(k)) for k in ("a", "b")]  # text order, stable
            for country in [c for c in ordered if c not in found]:
                for p in de.people:
                    if p.id not in people and any(
                        re.search(rf"\b{re.escape(a)}\s+of\s+{re.escape(country)}\b", de.text)
                        for a in {p.name, *p.aliases}
                    ):
                        people.append(p.id)
    actors: list[str] = []
    for h in list(arg_heads):  # "the foreign ministers of Estmark and Norland"
        if h.ent_type_ not in ("GPE", "ORG", "NORP"):
            for p in (c for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
                for o in (x for x in p.children if x.dep_ == "pobj"):
                    arg_heads.extend([o, *o.conjuncts])
    bare: list[int] = []
    for h in list(arg_heads):
        # "CASTELMERE (Wirenews) - Valdoria and Merovia agreed": the parser makes the
        # dateline the subject and the real subject its apposition
        if _known_place(h) and not _country(h):
            for a in (
                c
                for c in h.children
                if c.dep_ == "appos"
                and c.ent_type_ != "ORG"
                and not (c.i > 0 and c.doc[c.i - 1].text == "(")  # "(Wirenews)": the agency
            ):
                arg_heads.extend([a, *a.conjuncts])
                bare.extend(x.i for x in [a, *a.conjuncts] if x.pos_ == "PROPN")
    for t in arg_heads:
        if _known_place(t) and not _country(t):
            continue  # a town named in the text as a place is where, not who
        if t.i in bare and not t.ent_type_ and not de.person_at(t.idx, t.idx + len(t)):
            nm = offices.country_of(t.text) or t.text  # a party the tagger did not label
            if nm not in actors:
                actors.append(nm)
            continue
        if t.ent_type_ in ("GPE", "ORG", "NORP") and not de.person_at(t.idx, t.idx + len(t)):
            ent = _ent_at(t)
            if ent is not None and ent.label_ == "NORP" and ent.text.endswith("s"):
                continue  # "Merovians know her best": a people, not a party to the act
            if ent is not None:
                if (
                    ent.text.isupper()
                    and len(ent.text) > 3
                    and (ent.label_ == "GPE" or ent.start_char < 60)
                ):
                    continue  # "TOKYO (AP) –": the dateline, not an actor
                nm = offices.country_of(ent.text) or re.sub(r"^the\s+", "", ent.text, flags=re.I)
                if nm not in actors:
                    actors.append(nm)
    return people, actors


HEADS = {"Prime Minister", "President", "King", "Queen", "Chancellor", "Vice President"}
PLURAL_TITLES = re.compile(
    rf"(?:(?P<c>{offices.COUNTRY_RE.pattern})\s+)?(?:(?:top\s+)?(?:secretaries of state and defen[cs]e|foreign and defen[cs]e (?:ministers|secretaries|chiefs)|defen[cs]e and foreign (?:ministers|secretaries)|(?<=their )leaders|(?<=the two )leaders|(?<=both )leaders))",
    re.I,
)


GROUP_OF = re.compile(
    r"\b(?:(?P<fam>(?:foreign|defen[cs]e|prime)(?:\s+and\s+(?:foreign|defen[cs]e))?)\s+"
    r"(?:ministers|secretaries)|leaders|heads\s+of\s+government)\s+of\s+(?:the\s+)?"
    r"(?P<a>(?-i:[A-Z][\w.]+(?:\s[A-Z][\w.]+)?))\s+and\s+(?:the\s+)?(?P<b>(?-i:[A-Z][\w.]+(?:\s[A-Z][\w.]+)?))",
    re.I,
)


def _country_name(name: str) -> str:
    return offices.country_of(name) or name


def _family(office: str) -> str | None:
    for fam, (us, other) in offices.FAMILIES.items():
        if office in (us, other):
            return fam
    return None


_FIRST_GAP = re.compile(r"\s*,?\s*")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def _apposed_people(de: DocEntities, noun: Token) -> list[str]:
    """People named right after ``noun`` ("counterparts, A and B"): one for a singular noun,
    the list joined by commas and "and" for a plural one."""
    text = de.text
    pos = noun.idx + len(noun)
    out: list[str] = []
    for (s, e), pid in _spans_between(de, pos, pos + 400):
        gap = _FIRST_GAP if not out else _LIST_GAP
        if s < pos:
            continue  # a shorter mention inside one already taken
        if not gap.fullmatch(text[pos:s]):
            break
        if pid not in out:
            out.append(pid)
        pos = e
        # one name for "counterpart"; "A, B and C" ends with the name after "and"
        if noun.tag_ != "NNS" or (out and re.search(r"\band\b", text[s - 6 : s])):
            break
    return out


def _merge_regions(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(regions):
        if out and s <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(a, b) for a, b in out]


def _spans_between(de: DocEntities, start: int, end: int) -> list[tuple[tuple[int, int], str]]:
    """Person mentions starting in [start, end), from a sorted index kept on ``de``."""
    import bisect

    index = getattr(de, "_sorted", None)
    if index is None or len(index) != len(de.spans):
        index = sorted(de.spans.items())
        de._sorted = index  # type: ignore[attr-defined]
    lo = bisect.bisect_left(index, ((start, -1), ""))
    hi = bisect.bisect_left(index, ((end, -1), ""))
    return index[lo:hi]


def _own_tokens(root: Token) -> list[Token]:
    """The phrase of ``root`` without its subordinate clauses and "ahead of / after X" parts."""
    skip = {
        t.i
        for c in root.subtree
        if c is not root
        and (
            c.dep_ in ("advcl", "relcl")
            or (c.dep_ in ("prep", "advmod") and c.lower_ in SKIP_AFTER | {"ahead"})
        )
        for t in c.subtree
    }
    return [t for t in root.subtree if t.i not in skip]


def _antecedent(de: DocEntities, pron: Token) -> str | None:
    """Nearest person mentioned before a pronoun (same sentence first, then earlier)."""
    before = sorted(((s, pid) for (s, _e), pid in de.spans.items() if s < pron.idx), reverse=True)
    if not before:
        return None
    want = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(pron.lower_)
    # an object pronoun is not its own clause's subject: "Aldane telephoned her"
    subject_ids: set[str] = set()
    if pron.dep_ in ("dobj", "pobj", "dative") or (pron.lower_ == "her" and pron.dep_ != "poss"):
        verb = pron.head if pron.dep_ != "pobj" else pron.head.head
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                start, end = c.left_edge.idx, c.right_edge.idx + len(c.right_edge)
                subject_ids |= {pid for (s, _e), pid in de.spans.items() if start <= s < end}
    free = [(s, pid) for s, pid in before if pid not in subject_ids] or before
    if want:
        # someone the text calls "Ms"/"Mr" recently wins over a nearer person of unknown sex
        for s, pid in free:
            if pron.idx - s > 1500:
                break
            if de.gender(pid) == want:
                return pid
        free = [(s, pid) for s, pid in free if de.gender(pid) in (None, want)] or free
    return free[0][1]


def _in_quotes(text: str, start: int, pos: int) -> bool:
    seg = text[start:pos]
    return (seg.count("“") > seg.count("”")) or (seg.count('"') % 2 == 1)
