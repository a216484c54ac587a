"""People, organisations and places of one document, with within-document coreference,
and the offices people hold (roles).

spaCy's labels are a starting point, not the answer: a capitalised word after an office
title is a person whatever the tagger said ("Foreign Minister Hayashi" tagged ORG), and a
bare surname that matches a known person's full name is that person.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from dateline.models import Entity, Evidence, Mention, Role
from dateline.understand import offices
from dateline.understand.places import demonym_countries, place_names

HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "dame",
    "lord",
    "lady",
    "gen",
    "adm",
    "col",
    "lt",
    "sgt",
    "rep",
    "sen",
    "gov",
    "rev",
    "fr",
}
_NAME_TOKEN = (
    r"(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.|(?:II|III|IV|VI|VII|VIII)\b|[A-Z][A-Z]+(?=\s[A-Z][a-z]))"
)
ROMAN = {"II", "III", "IV", "VI", "VII", "VIII", "Jr.", "Jr", "Sr."}
_NAME = rf"(?-i:{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}})"
NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "And", "But", "He", "She", "It", "They", "We", "I",
    "This", "That", "U.S.", "US", "Japan", "Japanese", "American", "Thursday", "Friday",
    "Monday", "Tuesday", "Wednesday", "Saturday", "Sunday", "Secretary", "Minister", "President",
    "Defense", "Defence", "Foreign", "State", "Prime", "Chief", "General",
}  # fmt: skip
PRONOUNS = {"he", "she", "him", "her", "his"}
# nouns that describe a person in apposition: "X Y, a former navy commander,"
PERSON_NOUNS = (
    r"commander|general|admiral|colonel|officer|soldier|diplomat|lawyer|economist|banker|"
    r"journalist|politician|lawmaker|senator|minister|ambassador|envoy|spokes(?:man|woman)|"
    r"official|executive|businessman|businesswoman|professor|academic|judge|activist|"
    r"veteran|negotiator|adviser|advisor|aide|deputy|leader|chief|chairman|chairwoman|"
    r"president|governor|mayor|historian|writer|author|analyst|doctor|engineer|pilot"
)
_DESCRIBED = re.compile(
    # "X Y ," in tokenised text too
    rf"\b(?P<name>(?-i:[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+){{1,2}}))\s?,\s+"
    rf"(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?(?:{PERSON_NOUNS})\b"
    # "from Craiova, a Romanian official said": the description is of the next speaker
    r"(?!\s+of\b)(?!\s+(?:said|says|told|tells|added|adds|stated|noted|explained)\b)"
)
_NAME_NEXT = re.compile(r"\s*(?-i:[A-Z][a-zà-ÿ'’-]+\s+[A-Z][a-zà-ÿ'’-]+)\s?,")
# words of office that a capitalised run after a title may still contain ("Chief Executive Officer")
TITLE_WORDS = {
    "Officer", "Director", "Chairman", "Chairwoman", "Chair", "President", "Executive", "Minister",
    "Secretary", "General", "Chief", "Ambassador", "Governor", "Senator", "Spokesman",
    "Spokeswoman", "Commander", "Envoy", "Premier", "Chancellor", "Deputy", "Vice", "Prime",
    "Foreign", "Defense", "Defence", "State", "Affairs", "Staff", "Adviser", "Advisor",
}  # fmt: skip


@dataclass
class PersonCluster:
    id: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    country: str | None = None

    @property
    def surname(self) -> str:
        words = [w for w in self.name.split() if w not in ROMAN] or self.name.split()
        return words[-1]


@dataclass
class DocEntities:
    people: list[PersonCluster]
    others: list[Entity]
    roles: list[Role]
    # char span -> person id, for every person mention (names, titles, "Mr. X")
    spans: dict[tuple[int, int], str]
    countries: Counter[str]
    text: str = ""
    # names the text uses as places (see places.py): never people, never participants
    places: set[str] = field(default_factory=set)

    def person_at(self, start: int, end: int) -> str | None:
        """Person whose mention overlaps [start, end)."""
        for (s, e), pid in self.spans.items():
            if s < end and start < e:
                return pid
        return None

    def gender(self, pid: str) -> str | None:
        """'m' / 'f' from honorifics the text uses for this person (Mr / Ms, Mrs, Miss)."""
        p = self.by_id(pid)
        if p is None:
            return None
        text = self.text
        for m in p.mentions:
            before = text[max(0, m.start - 6) : m.start]
            if re.search(r"\bMr\.?\s*$", before):
                return "m"
            if re.search(r"\b(?:Ms|Mrs|Miss)\.?\s*$", before):
                return "f"
        return None

    def by_id(self, pid: str) -> PersonCluster | None:
        return next((p for p in self.people if p.id == pid), None)

    def holder(self, family: str, country: str | None) -> str | None:
        """The one person in the document holding an office of ``family`` (for ``country``)."""
        hits = {
            r.person
            for r in self.roles
            if _family_of(r.office) == family and (country is None or r.country in (country, None))
        }
        if len(hits) == 1:
            name = next(iter(hits))
            return next((p.id for p in self.people if p.name == name), None)
        return None


def _family_of(office: str) -> str | None:
    for fam, (us, other) in offices.FAMILIES.items():
        if office in (us, other) or (fam == "ambassador" and office.startswith("Ambassador")):
            return fam
    return None


def text_of(doc: Doc) -> str:
    """``doc.text`` rebuilds the string on every access; cache it on the Doc."""
    t = doc.user_data.get("dateline_text")
    if t is None:
        t = doc.user_data["dateline_text"] = doc.text
    return t


def clean_name(text: str) -> str:
    """Strip honorifics, titles, possessives and stray punctuation from a name mention."""
    t = re.sub(r"[’']s$", "", text.strip()).strip(' ,.;:"“”')
    words = t.split()
    while words and (
        words[0].lower().rstrip(".") in HONORIFICS
        or offices.TITLE_RE.fullmatch(words[0])
        or words[0].lower() in ("the", "u.s.", "us")
    ):
        words = words[1:]
    # "Defense Secretary Chuck Hagel" -> "Chuck Hagel": drop a leading title phrase
    joined = " ".join(words)
    m = re.match(rf"^(?:[\w.’']+\s+)?(?:{offices.TITLE_ALTERNATION})\s+(.+)$", joined, re.I)
    if m and m.group(1)[:1].isupper():
        joined = m.group(1)
    return joined.strip()


def extract(
    doc: Doc,
    sent_index: dict[int, int],
    doc_id: str,
    anchor: str | None,
    headlines: list[tuple[int, int]] | None = None,
) -> DocEntities:
    text = text_of(doc)
    raw: list[tuple[int, int, str]] = []  # (start, end, clean name) of person-name mentions
    others: dict[tuple[str, str], Entity] = {}
    countries: Counter[str] = Counter()

    heads = headlines or []
    for ent in doc.ents:
        if ent.label_ == "PERSON" and any(hs <= ent.start_char < he for hs, he in heads):
            continue  # headline case makes the tagger see names everywhere
        if ent.label_ == "PERSON" and ent.text.isupper() and len(ent) == 1:
            continue  # "KABUL, 12 March —": a dateline, not a person
        if ent.label_ == "PERSON":
            name = clean_name(ent.text)
            if name and name[0].isupper() and name not in NOT_NAMES:
                s = text.find(name, ent.start_char)
                raw.append(
                    (
                        s if s >= 0 else ent.start_char,
                        (s + len(name)) if s >= 0 else ent.end_char,
                        name,
                    )
                )
        elif ent.label_ in ("GPE", "NORP"):
            c = offices.country_of(ent.text)
            if c:
                countries[c] += 1
    cued: set[str] = set()
    # Names right after an office title are people whatever the tagger said.
    # ... and so are two-word names set off after one: "the defence secretary, Per Vang, said"
    for m in re.finditer(
        rf"\b(?:{offices.TITLE_ALTERNATION}|Mr\.|Mrs\.|Ms\.|Dr\.)(?:\s+|,\s+(?=(?-i:[A-Z])\w+\s(?-i:[A-Z])\w+\s*,))({_NAME})",
        text,
        re.I,
    ):
        s, e = m.span(1)
        name = m.group(1)
        # trim trailing words that are not names (e.g. "Hagel Said") – keep capitalised run
        if name.split()[0] in NOT_NAMES or not name[0].isupper():
            continue
        if all(w in TITLE_WORDS for w in name.split()):
            continue  # "Chief Executive Officer": the rest of the title, not a name
        cued.add(clean_name(name))
        if any(rs <= s < re_ for rs, re_, _ in raw):
            continue
        raw.append((s, e, clean_name(name)))
    # "Marek Dunai, a former navy commander,": a full name described as a person is one
    for m in _DESCRIBED.finditer(text):
        s, e = m.span("name")
        name = clean_name(m.group("name"))
        if name.split()[0] in NOT_NAMES or any(w in TITLE_WORDS for w in name.split()):
            continue
        if _NAME_NEXT.match(text, text.find(",", m.end()) + 1 or len(text)):
            continue  # "at Kestrel Motors, a spokesman for the group, Henrik Vale, said"
        cued.add(name)
        if not any(rs <= s < re_ for rs, re_, _ in raw):
            raw.append((s, e, name))
    # "Ana Lopez of Castria and Karl Weber met": a full proper name coordinated with a name
    # the tagger calls a person is a person too (the small model misses many names)
    for s, e, name in _coordinated_names(doc, text):
        cued.add(name)
        if not any(rs <= s < re_ for rs, re_, _ in raw):
            raw.append((s, e, name))
    # names used as places ("in Valda", "VALDA, March 4 -") are not people, whatever NER said
    places = place_names(doc, text, cued)
    doc.user_data["dateline_places"] = places
    doc.user_data["dateline_countries"] = demonym_countries(text) & places
    raw = [r for r in raw if r[2] in cued or not _is_place(r[2], places)]
    # "Vestmark's prime minister": a lone capitalised word owning an office title is a
    # country, unless the same word is part of a full name elsewhere ("Obama's chief of staff").
    full_words = {w for _, _, n in raw if len(n.split()) > 1 for w in n.split()}
    raw = [
        r
        for r in raw
        if len(r[2].split()) > 1
        or r[2] in full_words
        or not re.match(
            rf"(?:[’']s)?\s+(?:(?:new|acting|interim|current)\s+)?(?:{offices.TITLE_ALTERNATION})\b",
            text[r[1] : r[1] + 60],
            re.I,
        )
    ]
    raw.sort()

    # ---- cluster: full names first, then single tokens and "Mr. X" onto them
    clusters: list[PersonCluster] = []
    spans: dict[tuple[int, int], str] = {}
    full = [r for r in raw if len(r[2].split()) >= 2]
    for s, e, name in full:
        c = _find_cluster(clusters, name)
        if c is None:
            c = PersonCluster(id=f"p{len(clusters) + 1}", name=name)
            clusters.append(c)
        _add(c, s, e, name, sent_index, doc)
        spans[(s, e)] = c.id
    for s, e, name in raw:
        if len(name.split()) >= 2:
            continue
        c = _find_cluster(clusters, name)
        if c is None:
            c = PersonCluster(id=f"p{len(clusters) + 1}", name=name)
            clusters.append(c)
        _add(c, s, e, name, sent_index, doc)
        spans[(s, e)] = c.id
    # Bare surnames the tagger called ORG/GPE/nothing: every later capitalised occurrence
    # of a known surname is the person (the small model tags "Hayashi" as ORG).
    for c in clusters:
        sur = c.surname
        if len(sur) < 3:
            continue
        for m in re.finditer(rf"\b{re.escape(sur)}\b", text):
            if any(s <= m.start() < e for (s, e) in spans):
                continue
            spans[(m.start(), m.end())] = c.id
            _add(c, m.start(), m.end(), sur, sent_index, doc)

    person_ids = set(spans.values())
    for ent in doc.ents:
        if ent.label_ in ("ORG", "GPE", "LOC", "FAC", "NORP") and not any(
            s < ent.end_char and ent.start_char < e for (s, e) in spans
        ):
            kind = (
                "organisation"
                if ent.label_ == "ORG"
                else "place"
                if ent.label_ in ("GPE", "LOC", "FAC")
                else "other"
            )
            name = re.sub(r"^the\s+", "", ent.text.strip(), flags=re.I)
            if not name or offices.TITLE_RE.fullmatch(name):
                continue
            if kind == "place" and offices.country_of(name, capitals=False):
                name = offices.country_of(name) or name  # "U.S.", "US", "America" -> United States
            key = (kind, name.lower())
            ent_obj = others.get(key)
            if ent_obj is None:
                ent_obj = others[key] = Entity(
                    id=f"{kind[0]}{len(others) + 1}", kind=kind, name=name
                )  # type: ignore[arg-type]
            ent_obj.mentions.append(
                Mention(ent.text, ent.start_char, ent.end_char, sent_index.get(ent.start_char, 0))
            )
            surface = re.sub(r"^the\s+", "", ent.text.strip(), flags=re.I)
            if surface != ent_obj.name and surface not in ent_obj.aliases:
                ent_obj.aliases.append(surface)
    _ = person_ids
    _add_places(others, places, spans, text, sent_index)

    de = DocEntities(clusters, list(others.values()), [], spans, countries, text, places)
    de.roles = extract_roles(doc, de, sent_index, doc_id, anchor)
    _title_mentions(doc, de, sent_index)
    return de


_NOT_A_NAME = ("ORG", "GPE", "LOC", "FAC", "NORP", "PERSON", "PRODUCT", "EVENT", "LAW")
# Last words of names of bodies and buildings, never of people ("Deutsche Bank").
_BODY_WORDS = {
    "bank", "group", "council", "ministry", "party", "union", "corp", "inc", "ltd", "plc",
    "company", "committee", "commission", "agency", "association", "institute", "university",
    "college", "school", "foundation", "fund", "court", "opera", "theatre", "theater", "museum",
    "house", "palace", "hall", "hotel", "centre", "center", "airlines", "airways", "motors",
    "times", "post", "news", "press", "bureau", "office", "department", "service", "forces",
    "army", "navy", "police", "club", "league", "federation", "organization", "organisation",
}  # fmt: skip


def _coordinated_names(doc: Doc, text: str) -> list[tuple[int, int, str]]:
    """Two- or three-word proper names joined by "and" to a tagged person's name."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        root = ent.root
        partners = [root.head] if root.dep_ == "conj" else []
        partners += [c for c in root.children if c.dep_ == "conj"]
        for tok in partners:
            if tok.pos_ != "PROPN" or tok.ent_type_ in _NOT_A_NAME:
                continue
            parts = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
            if not parts or len(parts) > 2 or any(c.pos_ != "PROPN" for c in parts):
                continue
            start = min(c.idx for c in parts)
            end = tok.idx + len(tok)
            name = clean_name(text[start:end])
            words = name.split()
            if (
                len(words) < 2
                or not all(w[:1].isupper() for w in words)
                or words[0] in NOT_NAMES
                or any(w in TITLE_WORDS for w in words)
                or words[-1].lower() in _BODY_WORDS
                or offices.country_of(name)
            ):
                continue
            out.append((start, end, name))
    return out


def _is_place(name: str, places: set[str]) -> bool:
    return name in places or name.title() in places


def _add_places(
    others: dict[tuple[str, str], Entity],
    places: set[str],
    spans: dict[tuple[int, int], str],
    text: str,
    sent_index: dict[int, int],
) -> None:
    """Names used as places become place entities, even where the tagger said ORG or nothing."""
    for key in [k for k in others if k[0] != "place" and _is_place(others[k].name, places)]:
        ent = others.pop(key)
        ent.kind = "place"
        ent.id = f"pl{len(others) + 1}"
        others.setdefault(("place", ent.name.lower()), ent)
    for name in sorted(places):
        key = ("place", name.lower())
        if key in others:
            continue
        ent = Entity(id=f"pl{len(others) + 1}", kind="place", name=name)
        for m in re.finditer(rf"\b{re.escape(name)}\b", text, re.I):
            if text[m.start()].isupper() and not any(
                s < m.end() and m.start() < e for s, e in spans
            ):
                ent.mentions.append(
                    Mention(m.group(0), m.start(), m.end(), sent_index.get(m.start(), 0))
                )
        if ent.mentions:
            others[key] = ent


def _find_cluster(clusters: list[PersonCluster], name: str) -> PersonCluster | None:
    words = name.split()
    for c in clusters:
        if c.name == name or name in c.aliases:
            return c
    if len(words) == 1:
        # "Oswin" for "Oswin III": a regnal name is known by its first word
        regnal = [
            c
            for c in clusters
            if len(c.name.split()) == 2
            and c.name.split()[1] in ROMAN
            and c.name.split()[0] == words[0]
        ]
        if len(regnal) == 1:
            return regnal[0]
        hits = [c for c in clusters if c.surname == words[0]]
        if not hits:
            # family name first ("Lee Jong-sup" ... "Lee said"): the first word, if unique
            hits = [
                c for c in clusters if len(c.name.split()) > 1 and c.name.split()[0] == words[0]
            ]
        return hits[0] if len(hits) == 1 else None
    # "Barack Obama" vs "Barack H. Obama": same first and last
    for c in clusters:
        cw = c.name.split()
        if cw[-1] == words[-1] and cw[0] == words[0]:
            return c
    return None


def _add(
    c: PersonCluster, s: int, e: int, surface: str, sent_index: dict[int, int], doc: Doc
) -> None:
    c.mentions.append(Mention(text_of(doc)[s:e], s, e, sent_index.get(s, 0)))
    if surface != c.name:
        c.aliases.add(surface)


# --------------------------------------------------------------------------- roles

# a country the table does not know still shows as "Norland's prime minister"
_POSS = r"(?-i:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?=[’']s\b)"
# an adjective the table does not know: "Valdorian" (checked against the places in the text)
_DEMONYM = r"(?-i:[A-Z][a-z]{3,}(?:an|ese|ish|i))"
_PRE = re.compile(
    rf"(?:(?P<country>{offices.COUNTRY_RE.pattern}|{_POSS})(?:[’']s)?\s+)?"
    r"(?:(?:newly[- ]appointed|new|incoming|current|acting|interim|outgoing|then[- ]|former|ex-)\s*)*"
    rf"(?:(?P<country2>{offices.COUNTRY_RE.pattern}|{_DEMONYM})\s+)?"
    rf"(?P<title>{offices.TITLE_ALTERNATION})\s*,?\s*$",
    re.I,
)
_POST = re.compile(
    r"^\s*,\s*(?:the|a|an|[A-Z][\w.]*[’']s)?\s*(?:(?:newly[- ]appointed|new|current|acting|interim|former)\s+)*"
    rf"(?:(?P<country>{offices.COUNTRY_RE.pattern})\s+)?(?P<title>{offices.TITLE_ALTERNATION})"
    rf"(?:\s+of\s+(?P<of>{offices.COUNTRY_RE.pattern}))?\b(?=\s*(?:[,.;:)]|$|\s(?:of|for|to|and|in|since|who|until)\b))",
    re.I,
)
# "named X as its new ambassador to Estmark"
# ... "X was sworn in as Valdoria's prime minister", "X was sworn in as prime minister of
# Valdoria", "named Y to succeed her as foreign minister", "appointed Z as defence minister"
_AS = re.compile(
    r"^\s*(?:(?:was|has\s+been|had\s+been|is|will\s+be)\s+(?:formally\s+)?"
    r"(?:sworn\s+in|appointed|named|elected|installed|confirmed)\s+)?"
    r"(?:,\s*[^,]{1,60},\s*)?"  # "appointed Marek Dunai, a former general, as ..."
    r"(?:to\s+(?:succeed|replace)\s+\w+\s+)?"
    r"as\s+(?:(?:its|the|their|his|her|a)\s+)?(?:(?:new|next|first|interim|acting|special)\s+)*"
    rf"(?:(?P<country>{offices.COUNTRY_RE.pattern}|{_POSS})(?:[’']s)?\s+)?"
    rf"(?P<title>{offices.TITLE_ALTERNATION})"
    r"(?:\s+of\s+(?P<of>(?-i:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)))?",
    re.I,
)
_COUNTERPARTS = re.compile(
    rf"\b(?:their|his|her|its)\s+(?P<country>{offices.COUNTRY_RE.pattern}|{_DEMONYM})\s+counterparts?\b",
    re.I,
)


def _country_group(m: re.Match[str], *names: str, gpes: set[str] | None = None) -> str | None:
    """The country a match names: from the table, else a place the tagger found (GPE),
    else an adjective built on one ("Valdorian" -> "Valdoria")."""
    for n in names:
        v = m.group(n) if n in m.re.groupindex else None
        if v:
            c = offices.country_of(v) or (v if gpes is not None and v in gpes else None)
            if not c and gpes:
                fits = [
                    g
                    for g in gpes
                    if len(g) >= 4 and v != g and v.startswith(g[: max(4, len(g) - 2)])
                ]
                c = max(fits, key=len) if fits else None  # "Valdorian": Valdoria, not Valda
            if c:
                return c
    return None


@dataclass
class _RoleHit:
    pid: str
    family: str
    country: str | None
    weak_country: str | None
    target: str
    surface: str
    start: int
    end: int
    former: bool = False


def extract_roles(
    doc: Doc, de: DocEntities, sent_index: dict[int, int], doc_id: str, anchor: str | None
) -> list[Role]:
    text = text_of(doc)
    gpes = {e.text for e in doc.ents if e.label_ == "GPE" and offices.country_of(e.text) is None}
    gpes |= doc.user_data.get("dateline_countries") or set()  # "Norvessa" beside "Norvessan"
    # "Norland's prime minister": whoever owns an office title is a country unless a person
    person_words = {w for p in de.people for w in p.name.split()}
    for m in re.finditer(
        rf"\b((?-i:[A-Z][a-z]+))[’']s\s+(?:(?:new|acting|interim|current)\s+)?(?:{offices.TITLE_ALTERNATION})\b",
        text,
        re.I,
    ):
        if m.group(1) not in person_words and m.group(1) not in (
            "Today",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
            "Party",
            "Government",
        ):
            gpes.add(m.group(1))
    hits: list[_RoleHit] = []
    mentions = sorted(de.spans.items())
    for (s, e), pid in mentions:
        sent = _sentence_span(doc, s)
        before = text[max(sent.start_char, s - 80) : s]
        after = text[e : min(sent.end_char, e + 90)]
        m = _PRE.search(before)
        if m:
            fam = offices.match_title(m.group("title"))
            if fam:
                country = _country_group(m, "country", "country2", gpes=gpes)
                of = re.match(
                    rf"^\s*,?\s*of\s+(?:the\s+)?({offices.COUNTRY_RE.pattern})\b", after, re.I
                )
                if not country and of:
                    country = offices.country_of(of.group(1))
                former = bool(re.search(r"former|ex-|then[- ]|outgoing", m.group(0), re.I))
                hits.append(
                    _RoleHit(
                        pid,
                        fam[0],
                        country or None,
                        fam[1],
                        fam[2],
                        m.group(0).strip(" ,"),
                        s - len(m.group(0)) + (len(m.group(0)) - len(m.group(0).lstrip())),
                        e,
                        former,
                    )
                )
                continue
        m = _POST.match(after)
        m_as = _AS.match(after)
        if m_as and (m is None or "former" in m.group(0).lower()):
            m = m_as  # "appointed X, a former general, as defence minister": the new office
        if m:
            fam = offices.match_title(m.group("title"))
            if fam:
                country = _country_group(m, "country", "of", gpes=gpes)
                if not country:
                    pm = re.match(r"^\s*,\s*([A-Z][\w.]*)[’']s", after)
                    country = (
                        (
                            offices.country_of(pm.group(1))
                            or (pm.group(1) if pm.group(1) in gpes else None)
                        )
                        if pm
                        else None
                    )
                # "X, a former general, as defence minister": the new office is not former
                former = m is not m_as and "former" in m.group(0).lower()
                hits.append(
                    _RoleHit(
                        pid,
                        fam[0],
                        country,
                        fam[1],
                        fam[2],
                        m.group(0).strip(" ,"),
                        s,
                        e + m.end(),
                        former,
                    )
                )
                continue
        # "Japan's defense minister, Itsunori Onodera,"
        m = re.search(
            rf"(?P<country>{offices.COUNTRY_RE.pattern}|{_POSS})[’']s\s+(?:(?:new|current|acting)\s+)?(?P<title>{offices.TITLE_ALTERNATION})\s*,\s*(?:Mr\.\s*|Ms\.\s*|Mrs\.\s*)?$",
            before,
            re.I,
        ) or re.search(
            rf"\bthe\s+(?:(?:new|current|acting)\s+)?(?:(?P<country>{offices.COUNTRY_RE.pattern}|{_DEMONYM})\s+)?(?P<title>{offices.TITLE_ALTERNATION})\s*,\s*(?:Mr\.\s*|Ms\.\s*|Mrs\.\s*)?$",
            before,
            re.I,
        )
        if m:
            fam = offices.match_title(m.group("title"))
            if fam:
                country = _country_group(m, "country", gpes=gpes)
                hits.append(
                    _RoleHit(
                        pid,
                        fam[0],
                        country,
                        fam[1],
                        fam[2],
                        m.group(0).strip(" ,"),
                        s - len(m.group(0)),
                        e,
                    )
                )

    # Washington institutions count as the text naming the United States
    us_evidence = bool(
        re.search(
            r"\b(?:White House|Pentagon|State Department|Capitol Hill|U\.S\. Congress|WASHINGTON)\b",
            text,
        )
    )
    # List propagation: "Japan's Foreign Minister A, Defense Minister B" -> B is Japanese too.
    hits.sort(key=lambda h: h.start)
    for prev, cur in itertools.pairwise(hits):
        if cur.country or not prev.country:
            continue
        gap = text[prev.end : cur.start]
        if (
            len(gap) <= 6
            and re.fullmatch(r"\s*(?:,|and|, and|as well as)?\s*", gap)
            and _sentence_span(doc, prev.start).start == _sentence_span(doc, cur.start).start
        ):
            cur.country = prev.country

    # Counterparts: "X and Y ... their US counterparts A and B": A, B are US; X, Y are the
    # document's other country; untitled A, B take the parallel office of X, Y.
    _counterparts(doc, de, hits, gpes)

    # Weak defaults: the title's own country ("Secretary of State"), else the only country
    # named in the sentence.
    for h in hits:
        if h.country:
            continue
        sent = _sentence_span(doc, h.start)
        # countries in the sentence, except those that belong to someone else's title
        taken = [(o.start, o.end) for o in hits if o is not h and o.country]
        named = {
            offices.country_of(m.group(0))
            for m in offices.COUNTRY_RE.finditer(sent.text)
            if not any(s <= sent.start_char + m.start() < e for s, e in taken)
        } - {None}
        # a title's own country (Secretary of State -> US) only where the text is about it
        if h.weak_country and (
            h.weak_country in de.countries
            or h.weak_country in named
            or (h.weak_country == "United States" and us_evidence)
        ):
            h.country = h.weak_country
        elif (
            "secretary" in h.surface.lower()
            and "foreign secretary" not in h.surface.lower()
            and ("United States" in de.countries or us_evidence)
        ):
            h.country = "United States" if not named - {"United States"} else None
        elif len(named) == 1:
            h.country = next(iter(named))

    roles: list[Role] = []
    seen: set[tuple[str, str]] = set()
    for h in hits:
        if h.former:
            continue
        person = de.by_id(h.pid)
        if person is None or (
            len(person.name.split()) < 2 and not any(len(p.name.split()) >= 2 for p in [person])
        ):
            # a bare surname still gets a role; the linker can match it
            pass
        assert person is not None
        office = offices.canonical_office(h.family, h.country, h.target)
        if (person.country is None and h.country and h.family != "ambassador") or (
            h.family == "ambassador" and person.country is None and h.country
        ):
            person.country = h.country
        key = (person.name, office)
        if key in seen:
            continue
        seen.add(key)
        sent = _sentence_span(doc, h.start)
        roles.append(
            Role(
                person=person.name,
                office=office,
                country=h.country,
                as_of=anchor,
                evidence=Evidence(doc_id, sent.text, sent.start_char, sent.end_char),
                confidence=0.9 if h.country else 0.6,
                surface=h.surface,
            )
        )
    return roles


def _counterparts(doc: Doc, de: DocEntities, hits: list[_RoleHit], gpes: set[str]) -> None:
    text = text_of(doc)
    by_pid_first = {}
    for h in hits:
        by_pid_first.setdefault(h.pid, h)
    for m in _COUNTERPARTS.finditer(text):
        # "her Merovian counterpart": an adjective the table lacks, built on a place in the text
        their = offices.country_of(m.group("country")) or _country_group(m, "country", gpes=gpes)
        if not their:
            continue
        sent = _sentence_span(doc, m.start())
        # people named after "counterparts" (up to the clause end) are of that country
        tail = text[m.end() : sent.end_char]
        # "Their Merovian counterparts, Edmund Halloran and Clara Voss, appeared": skip the
        # comma that opens the apposition
        lead = len(tail) - len(tail.lstrip(" ,"))
        stop = re.search(r"\b(?:for|to|in|on|at|,\s*(?!and))\b", tail[lead:])
        tail_end = m.end() + lead + (stop.start() if stop else len(tail) - lead)
        after_ids = [pid for (s, e), pid in sorted(de.spans.items()) if m.end() <= s < tail_end]
        before_ids = [
            pid for (s, e), pid in sorted(de.spans.items()) if sent.start_char <= s < m.start()
        ]
        if not before_ids and m.start() - sent.start_char < 8:
            # the sentence opens with "Their ... counterparts": "their" are the people of
            # the sentence before
            prev = _sentence_span(doc, max(0, sent.start_char - 2))
            before_ids = [
                pid
                for (s, e), pid in sorted(de.spans.items())
                if prev.start_char <= s < prev.end_char and prev.start_char < sent.start_char
            ]
        before_ids = list(dict.fromkeys(before_ids))
        after_ids = list(dict.fromkeys(after_ids))
        other = _other_country(de, their)
        for pid in before_ids:
            for h in hits:
                if h.pid == pid and not h.country:
                    h.country = other
                    h.weak_country = None
        for i, pid in enumerate(after_ids):
            own = [h for h in hits if h.pid == pid]
            if own:
                for h in own:
                    h.country = h.country or their
                continue
            person = de.by_id(pid)
            if person is not None and person.country is None:
                # "Aldane and his Valdorian counterpart, Dario Montesca": Montesca acts for
                # Valdoria even when the text gives him no office here
                person.country = their
            # parallel office: the i-th counterpart mirrors the i-th person before
            if len(after_ids) == len(before_ids):
                mirror = by_pid_first.get(before_ids[i])
                if mirror:
                    hits.append(
                        _RoleHit(
                            pid,
                            mirror.family,
                            their,
                            None,
                            "",
                            f"{m.group(0)} (parallel to {mirror.surface})",
                            m.start(),
                            m.end(),
                        )
                    )
    hits.sort(key=lambda h: h.start)


def _other_country(de: DocEntities, than: str) -> str | None:
    for c, _ in de.countries.most_common():
        if c != than and c != "NATO":
            return c
    return None


def _sentence_span(doc: Doc, char: int) -> Span:
    tok = doc.char_span(char, char + 1, alignment_mode="expand")
    if tok is None or len(tok) == 0:
        return doc[:]
    return tok[0].sent


# --------------------------------------------------------------------------- titles as mentions

_TITLE_NP = re.compile(
    rf"\bthe\s+(?:(?P<country>{offices.COUNTRY_RE.pattern})\s+)?(?P<title>{offices.TITLE_ALTERNATION})\b(?!\s+(?-i:[A-Z]))(?!\s*,\s*(?-i:[A-Z]))",
    re.I,
)


def _title_mentions(doc: Doc, de: DocEntities, sent_index: dict[int, int]) -> None:
    """ "the Pentagon chief" -> the person holding that office in this document."""
    for m in _TITLE_NP.finditer(text_of(doc)):
        if de.person_at(m.start(), m.end()):
            continue
        fam = offices.match_title(m.group("title"))
        if not fam:
            continue
        country = offices.country_of(m.group("country") or "") or fam[1]
        pid = de.holder(fam[0], country)
        if pid:
            de.spans[(m.start(), m.end())] = pid
            p = de.by_id(pid)
            if p:
                _add(p, m.start(), m.end(), m.group(0), sent_index, doc)


def to_entities(de: DocEntities) -> list[Entity]:
    people = [
        Entity(
            id=p.id,
            kind="person",
            name=p.name,
            mentions=sorted(p.mentions, key=lambda x: x.start),
            aliases=sorted(p.aliases),
            country=p.country,
        )
        for p in de.people
    ]
    return people + de.others
