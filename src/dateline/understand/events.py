"""Events of one document: trigger words read with the dependency parse.

A mention is a trigger (verb or event noun) with its status (from tense, modality and cue
verbs), the time expression attached to it in the parse, a place, a mode and the people of
its sentence. Mentions of the same happening (repeated "the talks") are merged into one
event. Precision over recall: an event needs a trigger plus a participant, place or date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from dateline.models import Event, Evidence, Participant, TimeExpression, content_hash
from dateline.understand import offices
from dateline.understand.entities import DocEntities, text_of
from dateline.understand.timex import contains

# dateline type -> PLOVER category (https://github.com/openeventdata/PLOVER)
PLOVER = {
    "meeting": "CONSULT", "talks": "CONSULT", "summit": "CONSULT", "visit": "CONSULT",
    "call": "CONSULT", "agreement": "AGREE", "announcement": "OTHER",
    "cancellation": "RETREAT", "launch": "MOBILIZE", "infection": "OTHER",
    "adoption": "OTHER", "resignation": "RETREAT", "appointment": "OTHER",
    "election": "OTHER", "attack": "ASSAULT", "sanction": "SANCTION", "protest": "PROTEST",
    "aid": "AID", "accusation": "ACCUSE", "threat": "THREATEN", "rejection": "REJECT",
}  # fmt: skip
GROUP = {"meeting": "consult", "talks": "consult"}

NOUN_TRIGGERS = {
    "meeting": "meeting", "talks": "talks", "summit": "summit", "visit": "visit",
    "trip": "visit", "tour": "visit", "conference": "meeting", "teleconference": "meeting",
    "videoconference": "meeting", "consultations": "talks", "negotiations": "talks",
    "agreement": "agreement", "deal": "agreement", "accord": "agreement", "treaty": "agreement",
    "pact": "agreement", "cancellation": "cancellation", "announcement": "announcement",
    "call": "call", "phone": "call", "sanctions": "sanction", "protest": "protest",
    "protests": "protest", "resignation": "resignation", "election": "election",
    "ceasefire": "agreement", "truce": "agreement", "shooting": "attack", "bombing": "attack",
    "attack": "attack", "clashes": "attack", "airstrike": "attack", "airstrikes": "attack",
}  # fmt: skip
VERB_TRIGGERS = {
    "meet": "meeting", "visit": "visit", "agree": "agreement", "sign": "agreement",
    "announce": "announcement", "cancel": "cancellation", "scrap": "cancellation",
    "postpone": "cancellation", "launch": "launch", "fire": "launch", "test": "launch",
    "contract": "infection", "adopt": "adoption", "resign": "resignation",
    "appoint": "appointment", "name": "appointment", "nominate": "appointment", "phone": "call", "telephone": "call", "protest": "protest",
    "sanction": "sanction", "attack": "attack",
}  # fmt: skip
AGREEMENT_NOUNS = {
    "ceasefire",
    "truce",
    "declaration",
    "agreement",
    "deal",
    "accord",
    "treaty",
    "pact",
    "memorandum",
    "communique",
    "statement",
}
MISSILE = {
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "satellite",
    "icbm",
    "projectile",
    "projectiles",
}
VIRUS = {"coronavirus", "virus", "covid", "covid-19", "covid19", "omicron", "disease", "flu"}
ADOPTABLE = {
    "strategy",
    "strategies",
    "document",
    "documents",
    "law",
    "laws",
    "resolution",
    "policy",
    "bill",
    "budget",
    "plan",
    "guidelines",
    "constitution",
    "measure",
    "measures",
}
SIGN_LEMMAS = {
    "sign",
    "reach",
    "conclude",
    "strike",
    "seal",
    "ratify",
    "approve",
    "finalize",
    "finalise",
    "clinch",
    "initial",
    "negotiate",
}
# verbs whose to-infinitive complement lies ahead of them ("agreed to hold talks")
FUTURE_COMPLEMENT_EXTRA = {
    "agree",
    "promise",
    "vow",
    "pledge",
    "offer",
    "threaten",
    "ask",
    "urge",
    "need",
    "attempt",
    "try",
    "hope",
    "intend",
    "aim",
    "seek",
    "propose",
    "prepare",
    "decide",
    "want",
    "invite",
    "press",
    "call",
}
PLAN_LEMMAS = {
    "plan",
    "expect",
    "schedule",
    "set",
    "due",
    "aim",
    "hope",
    "intend",
    "prepare",
    "want",
    "seek",
    "decide",
    "propose",
    "arrange",
    "going",
    "slate",
    "poise",
}
FUTURE_COMPLEMENT = PLAN_LEMMAS | FUTURE_COMPLEMENT_EXTRA
PARTICIPATION = {
    "hold", "have", "begin", "start", "conclude", "attend", "join", "host", "end", "open",
    "resume", "convene", "wrap", "finish", "continue", "launch", "plan", "schedule", "take",
    "make", "embark", "involve", "sign", "reach", "strike", "seal", "discuss", "review",
    "address", "focus", "agree", "meet", "expect", "set", "cancel", "postpone", "call",
    "arrange", "lead", "chair", "co-chair", "pay", "go", "travel", "fly", "arrive", "return",
    "leave", "complete", "undertake", "be", "want", "hope", "prepare", "seek", "propose",
}  # fmt: skip
# verbs whose object event lies ahead of them
FUTURE_OBJECT = {
    "negotiate",
    "seek",
    "propose",
    "demand",
    "urge",
    "request",
    "require",
    "plan",
    "prepare",
    "want",
    "need",
    "await",
    "promise",
    "offer",
    "threaten",
    "schedule",
}
CANCEL_LEMMAS = {"cancel", "scrap", "postpone", "suspend", "delay", "abandon", "drop", "shelve"}
LIGHT_VERBS = {
    "hold",
    "have",
    "begin",
    "start",
    "conclude",
    "attend",
    "join",
    "host",
    "end",
    "open",
    "resume",
    "convene",
    "wrap",
    "finish",
    "continue",
    "launch",
    "plan",
    "schedule",
    "take",
    "make",
    "pay",
    "embark",
    "cover",
    "involve",
    "sign",
    "reach",
    "strike",
    "seal",
}
FACILITIES = {
    "pentagon",
    "white house",
    "kremlin",
    "elysee",
    "élysée",
    "downing street",
    "blue house",
    "capitol",
    "state department",
    "un headquarters",
    "camp david",
    "zhongnanhai",
}
VIRTUAL_CUES = re.compile(
    r"\b(virtual(?:ly)?|tele-?conference|video[- ]?(?:conference|call|link)|videoconference|online|(?:via|by|over) video|zoom call)\b",
    re.I,
)
PHONE_CUES = re.compile(
    r"\b(by (?:tele)?phone|phone call|telephone call|phone conversation|phoned|telephoned|over the phone|spoke by phone)\b",
    re.I,
)
PERSON_CUES = re.compile(r"\b(in person|face[- ]to[- ]face|in-person)\b", re.I)
SKIP_AFTER = {
    "after",
    "following",
    "before",
    "ahead",
    "since",
    "until",
    "prior",
    "despite",
    "like",
    "than",
}
IDIOMS = re.compile(r"meeting of (?:the )?minds|(?:news|press) conference|conference call", re.I)


@dataclass
class Mention:
    type: str
    trigger: Token
    sent_start: int
    sent_end: int
    status: str | None
    time: TimeExpression | None
    place: str | None
    mode: str
    people: list[str]  # person ids
    actors: list[str]  # organisation / country names
    name: str | None
    definite: bool
    after_ref: Token | None = None
    notes: list[str] = field(default_factory=list)


def verb_tense(v: Token, depth: int = 0) -> str | None:
    """past | future | present | progressive | conditional | None for a verb token."""
    if depth > 4:
        return None
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & {"will", "shall", "'ll", "wo"}:
        return "future"
    if lowers & {"would"}:
        return "future"
    if lowers & {"may", "might", "could"}:
        return "conditional"
    if v.lemma_ in PLAN_LEMMAS and any(c.dep_ == "xcomp" for c in v.children):
        pass
    if "to" in lowers or (v.tag_ == "VB" and v.dep_ in ("xcomp", "advcl", "acl")):
        head = v.head
        if head is v:
            return None
        if head.lemma_ in FUTURE_COMPLEMENT or head.lower_ in (
            "due",
            "set",
            "going",
            "scheduled",
            "expected",
        ):
            return "future"
        if head.pos_ == "ADJ":
            # "likely to", "set to" look ahead; "willing/able to" take the copula's tense
            if head.lower_ in (
                "likely",
                "set",
                "due",
                "poised",
                "expected",
                "scheduled",
                "ready",
                "eager",
                "keen",
            ):
                return "future"
            if head.head is not head and head.head.pos_ in ("VERB", "AUX"):
                return verb_tense(head.head, depth + 1)
            return None
        if head.pos_ in ("VERB", "AUX"):
            ht = verb_tense(head, depth + 1)
            # a purpose infinitive looks ahead: "lands next week to conclude his tour"
            return (
                "future"
                if ht in ("present", "progressive") and v.dep_ in ("advcl", "xcomp")
                else ht
            )
        return None
    if (
        v.dep_ == "conj"
        and v.head.pos_ in ("VERB", "AUX")
        and not auxes
        and v.tag_ in ("VB", "VBN")
    ):
        return verb_tense(v.head, depth + 1)
    if v.tag_ == "VBD":
        return "past"
    if v.tag_ == "VBN":
        if lowers & {"has", "have", "had", "was", "were", "been"}:
            return "past"
        if lowers & {"is", "are", "am", "be"}:
            return "present"
        return "past" if v.dep_ in ("ROOT", "relcl", "ccomp", "conj") else None
    if v.tag_ == "VBG":
        if lowers & {"was", "were"}:
            return "past"
        if lowers & {"is", "are", "am", "'s", "'re"}:
            return "progressive"
        return None
    if v.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def timex_tense(tok: Token) -> str | None:
    """Tense of the verb a time expression hangs from (for resolving "Thursday")."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "aux":
            if cur.lemma_ in ("plan", "schedule", "slate", "set", "due") and cur.tag_ == "VBN":
                return None  # "planned for Friday": the nearest Friday, whatever the tense
            t = verb_tense(cur)
            return {"progressive": "present", "conditional": "future"}.get(t or "", t)
        if cur.head is cur:
            break
        cur = cur.head
    return None


def _attach_point(tok: Token) -> Token:
    """The word a time expression modifies: its head, or the head of its preposition.

    "Thursday was the first time that X met" hangs the time on "met".
    """
    head = tok.head
    if head is tok:
        return tok
    if tok.dep_ in ("nsubj", "npadvmod") and head.lemma_ == "be":
        for attr in (c for c in head.children if c.dep_ == "attr"):
            for rc in (c for c in attr.children if c.dep_ == "relcl"):
                return rc
    if head.dep_ == "prep" or head.pos_ == "ADP":
        return head.head
    return head


def _governor(n: Token) -> tuple[Token | None, str | None]:
    """For an event noun: the verb it is an argument of, and the first preposition met."""
    cur = n
    prep = None
    for _ in range(8):
        if cur.head is cur:
            return None, prep
        dep = cur.dep_
        head = cur.head
        if dep in ("relcl", "acl", "ccomp", "advcl", "parataxis"):
            return None, prep
        if dep == "pobj" or dep == "prep":
            if (head.dep_ in ("prep", "agent") or head.pos_ == "ADP") and prep is None:
                prep = head.lower_
                if prep in SKIP_AFTER:
                    return None, prep
            # "envoy for the talks", "hopes for a deal": the noun modifies another noun;
            # only "of" (legs of his trip) passes the verb's tense on
            if (
                dep == "prep"
                and cur.lower_ != "of"
                and head.pos_ in ("NOUN", "PROPN")
                and head.lower_ not in NOUN_TRIGGERS
            ):
                return None, prep
            if cur.lower_ in ("ahead", "prior") and prep is None:
                return None, cur.lower_
        if head.lower_ in ("ahead", "prior") and prep in ("of", "to"):
            return None, head.lower_
        if head.pos_ in ("VERB", "AUX") and head.dep_ != "aux":
            return head, prep
        cur = head
    return None, prep


def _status_of_verb(v: Token, sentence: str) -> str | None:
    neg = any(c.dep_ == "neg" for c in v.children)
    if v.lemma_ in CANCEL_LEMMAS or (
        v.lemma_ == "call" and any(c.lower_ == "off" for c in v.children)
    ):
        return "cancelled"
    head = v.head if v.dep_ in ("xcomp",) else None
    if head is not None and (head.lemma_ in CANCEL_LEMMAS or head.lemma_ == "switch"):
        return "cancelled"
    if head is not None and head.lemma_ in ("fail", "refuse", "decline"):
        return "negated"  # "failed to reach a deal", "refused to meet"
    if (
        head is not None
        and head.lemma_ in PLAN_LEMMAS
        and any(c.lower_ in ("initially", "originally") for c in head.children)
    ):
        return "cancelled"
    aux_words = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
    if v.tag_ == "VBN" and {"to", "have"} <= aux_words and v.head.lemma_ == "be":
        return "cancelled"  # "was to have met": the plan that did not happen
    t = verb_tense(v)
    if neg:
        return "negated"
    if (
        v.lemma_ in PLAN_LEMMAS
        and t != "past"
        and any(c.dep_ in ("xcomp", "ccomp") for c in v.children)
    ):
        return "planned"
    if v.lemma_ in ("begin", "start", "open") and t in ("past", "present"):
        return "happened" if t == "past" else "ongoing"
    return {
        "past": "happened",
        "future": "planned",
        "progressive": "ongoing",
        "present": "ongoing",
        "conditional": "uncertain",
    }.get(t or "")


def find_mentions(
    doc: Doc,
    de: DocEntities,
    times: list[tuple[TimeExpression, Token]],
    quotes: list[tuple[int, int]],
    dateline_place: str | None,
    headlines: list[tuple[int, int]] | None = None,
) -> list[Mention]:
    if headlines is None:
        headlines = []
    out: list[Mention] = []
    text = text_of(doc)
    time_by_attach: dict[int, list[TimeExpression]] = {}
    for t, tok in times:
        if t.kind != "date":
            continue
        time_by_attach.setdefault(_attach_point(tok).i, []).append(t)
        time_by_attach.setdefault(-1, []).append(t)  # every time, for adjacency lookups
    used_nouns: set[int] = set()
    for tok in doc:
        if any(s <= tok.idx < e for s, e in quotes) or any(s <= tok.idx < e for s, e in headlines):
            continue
        low = tok.lower_
        etype = None
        verb = None
        noun = None
        if tok.pos_ in ("NOUN", "PROPN") and (
            low in NOUN_TRIGGERS
            or tok.lemma_.lower()
            in ("meeting", "summit", "visit", "trip", "agreement", "deal", "teleconference")
        ):
            etype = NOUN_TRIGGERS.get(low) or NOUN_TRIGGERS.get(tok.lemma_.lower())
            if low == "talk":
                continue
            if etype == "call" and not re.search(
                r"\b(phone|telephone|video|conference)\s+call|call with\b",
                text[max(0, tok.idx - 12) : tok.idx + 12],
                re.I,
            ):
                continue
            if low == "phone" and not re.search(
                r"phone\s+(call|conversation|talks)", text[tok.idx : tok.idx + 25], re.I
            ):
                continue
            if low == "phone":
                continue  # the following "call" noun is the trigger
            if IDIOMS.search(text[max(0, tok.idx - 10) : tok.idx + 20]):
                continue
            if low == "conference" and any(c.lower_ in ("news", "press") for c in tok.children):
                continue
            if etype == "agreement" and (
                tok.dep_ == "compound" or any(c.lower_ in ("guidelines",) for c in tok.children)
            ):
                continue  # "treaty alliance": a modifier, not a happening
            if low in ("treaty", "pact", "accord") and tok.head.lemma_ not in SIGN_LEMMAS:
                continue  # an existing treaty is background unless it is being signed
            if (etype == "agreement" and tok.head.lemma_ == "under") or tok.head.lower_ == "under":
                continue
            if tok.i in used_nouns:
                continue
            if (
                tok.dep_ == "attr"
                and tok.head.lemma_ == "be"
                and any(
                    c.dep_ == "nsubj" and (c.lower_ in NOUN_TRIGGERS) for c in tok.head.children
                )
            ):
                continue  # "The meeting is the first security talks ...": one mention
            noun = tok
        elif (
            tok.pos_ == "VERB"
            and tok.lemma_ in ("speak", "talk")
            and PHONE_CUES.search(text[tok.idx : tok.idx + 40])
        ):
            etype, verb = "call", tok  # "spoke by telephone"
        elif (
            tok.pos_ == "VERB"
            and tok.lemma_ == "swear"
            and any(c.lower_ == "in" for c in tok.children)
        ):
            etype, verb = "appointment", tok  # "was sworn in as prime minister"
        elif (
            tok.pos_ == "VERB"
            and tok.lemma_ == "host"
            and any(c.dep_ == "dobj" and de.person_at(c.idx, c.idx + len(c)) for c in tok.children)
        ):
            etype, verb = "meeting", tok  # "will host Lewis at the White House"
        elif tok.pos_ == "VERB" and tok.lemma_ in VERB_TRIGGERS:
            etype = VERB_TRIGGERS[tok.lemma_]
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            obj_words = {o.lower_ for o in objs} | {o.lemma_.lower() for o in objs}
            if tok.lemma_ == "meet" and obj_words & {
                "demand",
                "demands",
                "target",
                "targets",
                "needs",
                "expectations",
                "criteria",
                "goal",
                "goals",
                "deadline",
                "requirements",
            }:
                continue
            if tok.lemma_ in ("sign", "launch"):
                agr = [
                    o for o in objs if o.lower_ in AGREEMENT_NOUNS or o.lemma_ in AGREEMENT_NOUNS
                ]
                if agr:
                    used_nouns.update(o.i for o in agr)  # the verb carries the mention
                    etype = "agreement"
                elif (tok.lemma_ == "launch" and not obj_words & MISSILE) or (
                    tok.lemma_ == "sign" and not objs
                ):
                    continue
            if tok.lemma_ in ("fire", "test"):
                if tok.lemma_ == "test" and any(c.lower_ == "positive" for c in tok.children):
                    etype = "infection"
                elif not (obj_words & MISSILE or _near_words(tok, MISSILE)):
                    continue
            if tok.lemma_ == "contract" and not (obj_words & VIRUS or _near_words(tok, VIRUS)):
                continue
            if tok.lemma_ in ("name", "nominate") and not any(
                c.lower_ == "as" or c.dep_ == "oprd" for c in tok.children
            ):
                continue  # "named X as envoy" is an appointment; "named after" is not
            if tok.lemma_ == "adopt" and not obj_words & ADOPTABLE:
                continue
            if tok.lemma_ == "agree" and tok.dep_ in ("amod",):
                continue
            if tok.lemma_ == "announce" and not any(c.dep_ in ("nsubj",) for c in tok.children):
                continue
            verb = tok
        else:
            continue
        assert etype is not None
        sent = tok.sent
        m = _mention(doc, de, etype, tok, verb, noun, sent, time_by_attach, dateline_place)
        if m is not None:
            out.append(m)
    # "The agreement, signed during a joint visit ...": a mention with no verb of its own
    # takes the status of the event word it hangs from
    by_token = {m.trigger.i: m for m in out}
    for m in out:
        if m.status is not None:
            continue
        for anc in m.trigger.ancestors:
            other = by_token.get(anc.i)
            if other is not None and anc.pos_ == "VERB":
                break  # a verb trigger above it is a different act ("named X envoy for the talks")
            if other is not None and other.status not in (None, "cancelled"):
                m.status = other.status
                break
    return out


def _under_other_verb(doc: Doc, t: TimeExpression, verb: Token) -> bool:
    """Whether a time sits in another clause (a verb other than ``verb`` governs it)."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return True
    cur = _attach_point(span.root)
    for _ in range(12):
        if cur == verb:
            return False
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "aux":
            return True
        if cur.head is cur:
            return False
        cur = cur.head
    return True


def _near_tokens(o: Token) -> list[Token]:
    """``o``, its preposition objects and their direct modifiers: no deeper nesting.

    "sign an agreement in Paris next month" reaches "next month" (parsed onto Paris);
    "agreed progress on the revision of the 1997 guidelines" does not reach 1997.
    """
    out = [o]
    for p in (c for c in o.children if c.dep_ == "prep"):
        for obj in (x for x in p.children if x.dep_ == "pobj"):
            out.append(obj)
            out.extend(x for x in obj.children if x.dep_ in ("npadvmod", "nummod", "compound"))
    if o.dep_ == "prep":
        for obj in (x for x in o.children if x.dep_ == "pobj"):
            out.append(obj)
            out.extend(x for x in obj.children if x.dep_ in ("npadvmod", "nummod", "compound"))
    return out


def _near_words(tok: Token, words: set[str]) -> bool:
    return any(t.lower_ in words for t in tok.subtree)


def _mention(
    doc: Doc,
    de: DocEntities,
    etype: str,
    tok: Token,
    verb: Token | None,
    noun: Token | None,
    sent,
    time_by_attach: dict[int, list[TimeExpression]],
    dateline_place: str | None,
) -> Mention | None:  # type: ignore[no-untyped-def]
    text_of(doc)
    status: str | None = None
    anchors: list[Token] = [tok]
    after_ref = None
    definite = False
    name = None
    notes: list[str] = []
    inherit_time = True
    gov_prep: str | None = None
    if noun is not None:
        definite = any(
            (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these"))
            or c.dep_ == "poss"
            or (c.dep_ == "nmod" and any(g.dep_ in ("poss", "case") for g in c.children))
            for c in noun.children
        )
        name = _event_name(noun)
        gov, prep = _governor(noun)
        gov_prep = prep
        relcl = [c for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"]
        if relcl and not (gov is not None and gov.lemma_ in CANCEL_LEMMAS):
            gov, prep = relcl[0], None
        if prep in SKIP_AFTER:
            if prep in ("after", "following", "since"):
                status = "happened"
            inherit_time = False
            gov = None
        if gov is not None:
            status = _status_of_verb(gov, sent.text)
            if status == "negated" and gov.lemma_ in ("attend", "join", "participate"):
                # "X did not attend the meeting": the meeting happened, X was not there
                status = None
                anchors = [tok]
                inherit_time = False
            if (
                gov.lemma_ in FUTURE_OBJECT or (gov.lemma_ == "call" and prep == "for")
            ) and noun.dep_ in ("dobj", "pobj"):
                # "called for talks", "negotiates the purchase": still to come, and the
                # day of the calling is not the day of the talks
                if status in ("ongoing", "happened"):
                    status = "planned"
                inherit_time = False
            if _noun_negated(noun):
                status = "negated"  # "ended without agreement", "no talks are planned"
            if gov.lemma_ in CANCEL_LEMMAS or (
                gov.lemma_ == "call" and any(c.lower_ == "off" for c in gov.children)
            ):
                status = "cancelled"
                inherit_time = False
            if inherit_time:
                anchors.append(gov)
            # "talks ... expected to focus": the subject noun's own verb gives modality only
        elif noun.dep_ == "ROOT" or noun.head is noun:
            status = None
    else:
        assert verb is not None
        status = _status_of_verb(verb, sent.text)
        if etype in ("cancellation",) and status in ("cancelled",):
            status = "happened" if verb_tense(verb) == "past" else _status_of_verb_plain(verb)
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("after", "following"):
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs and (objs[0].lower_ in NOUN_TRIGGERS):
                    after_ref = objs[0]
    # time: expressions hanging from the trigger (or words inside its phrase) or its verb
    time = None
    slots = {a.i for a in anchors}
    if noun is not None:
        slots |= {t.i for t in noun.subtree}
    elif verb is not None:  # "sign an agreement in Paris next month": parsed onto the object
        for o in (c for c in verb.children if c.dep_ in ("dobj", "prep")):
            slots |= {t.i for t in _near_tokens(o)}
    if noun is not None and gov_prep in ("ahead", "before", "after", "following", "prior"):
        # "ahead of his summit with Biden on Monday": the parser hangs the day elsewhere
        nxt = noun.right_edge.i + 1
        if nxt < len(doc) and doc[nxt].lower_ in ("on", "in", "this", "next", "last"):
            nxt += 1
        if nxt < len(doc):
            for t in time_by_attach.get(-1, []):
                if t.start == doc[nxt].idx:
                    time = t
    for i in slots:
        if time is not None:
            break
        for t in time_by_attach.get(i, []):
            if time is None or _prec_rank(t.precision) < _prec_rank(time.precision):
                time = t
    if time is None and verb is not None and verb.dep_ == "ROOT":
        # the main verb of a sentence with a single date owns it, wherever the parser hung it
        in_sent = [
            t
            for t in time_by_attach.get(-1, [])
            if sent.start_char <= t.start < sent.end_char and t.kind in ("date", "time")
        ]
        if len(in_sent) == 1 and not _under_other_verb(doc, in_sent[0], verb):
            time = in_sent[0]
            notes.append("time from the sentence")
    # "since the talks began in 1990", "the talks started in 1990": the series, not this one
    series = False
    for a in anchors[1:]:
        if any(c.dep_ == "mark" and c.lower_ in ("since", "until", "before") for c in a.children):
            series = True
        if (
            a.lemma_ in ("begin", "start", "establish", "launch", "create", "found")
            and time is not None
            and time.precision in ("year", "decade")
        ):
            series = True
    if series:
        notes.append("series")
    # noun triggers inside "after the talks" clause: remember for date inheritance
    if verb is not None and after_ref is None:
        for c in verb.head.children if verb.dep_ in ("xcomp", "advcl") else []:
            if c.dep_ == "prep" and c.lower_ in ("after", "following"):
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs and objs[0].lower_ in NOUN_TRIGGERS:
                    after_ref = objs[0]
    place_anchors = list(anchors)
    last = anchors[-1]
    for _ in range(3):  # "will fly to Washington to join ... talks": the motion verb's place
        if last.dep_ in ("xcomp", "advcl", "conj") and last.head is not last:
            last = last.head
            place_anchors.append(last)
    place = _place(doc, de, place_anchors, sent, dateline_place, noun)
    mode = _mode(sent.text, tok.idx - sent.start_char, etype, noun)
    people, actors = _participants(doc, de, sent, anchors, noun)
    return Mention(
        etype,
        tok,
        sent.start_char,
        sent.end_char,
        status,
        time,
        place,
        mode,
        people,
        actors,
        name,
        definite,
        after_ref,
        notes,
    )


def _status_of_verb_plain(v: Token) -> str | None:
    t = verb_tense(v)
    return {
        "past": "happened",
        "future": "planned",
        "progressive": "ongoing",
        "present": "happened",
    }.get(t or "")


def _prec_rank(p: str) -> int:
    order = ["day", "week", "month", "quarter", "season", "half", "year", "decade", "unknown"]
    return order.index(p) if p in order else 9


def _event_name(noun: Token) -> str | None:
    """A proper name for the happening: "2+2", "APEC", "G7", "Security Consultative Committee"."""
    doc = noun.doc
    if re.search(
        r"2\s*\+\s*2|two[- ]plus[- ]two", text_of(doc)[max(0, noun.idx - 30) : noun.idx], re.I
    ):
        return "2+2"
    parts: list[str] = []
    for c in noun.children:
        if (
            c.i < noun.i
            and c.dep_ in ("compound", "nmod")
            and (
                c.ent_type_ in ("ORG", "EVENT")
                or (c.is_upper and len(c) >= 2 and c.pos_ == "PROPN")
            )
        ):
            parts.append(c.text)
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj" and o.ent_type_ in ("ORG", "EVENT"):
                    acr = [t.text for t in o.subtree if t.is_upper and len(t) >= 2]
                    parts.append(acr[0] if acr else o.text)
    return " ".join(parts) or None


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
            if (
                c.dep_ in ("compound", "nmod", "amod")
                and c.ent_type_ in ("GPE", "LOC", "FAC")
                and offices.country_of(c.text) is None
            ):
                return c.text
    # "visit Canberra": the object of a visit is the place
    for a in anchors:
        if a.lemma_ == "visit" and a.pos_ == "VERB":
            for o in (c for c in a.children if c.dep_ == "dobj"):
                span = _ent_span(o)
                if span:
                    return span
    # "sign an agreement in Paris", "meet X in Brussels": the place hangs from the object
    objs = [
        c
        for a in anchors
        if a.pos_ in ("VERB", "AUX")
        for c in a.children
        if c.dep_ in ("dobj", "nsubjpass")
    ]
    for a in [*anchors, *objs]:
        for prep in (
            c for c in a.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "to", "inside")
        ):
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                if de.person_at(obj.idx, obj.idx + len(obj)):
                    continue  # "talks with Hayashi" tagged ORG: a person, not a place
                span = _ent_span(obj)
                if span:
                    return span
        for c in a.children:
            if c.lower_ == "here" and dateline_place:
                return dateline_place
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


def _ent_span(obj: Token) -> str | None:
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


def _mode(sentence: str, offset: int, etype: str, noun: Token | None) -> str:
    best: tuple[int, str] | None = None
    for rx, mode in ((VIRTUAL_CUES, "virtual"), (PHONE_CUES, "phone"), (PERSON_CUES, "in_person")):
        for m in rx.finditer(sentence):
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
            if (cur.dep_ in ("xcomp", "conj") or purpose) and cur.head is not cur:
                cur = cur.head
                verbs.append(cur)
            else:
                break
    for v in verbs:
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "agent") or (
                c.dep_ == "prep"
                and c.lower_ in ("with", "between", "by", "among", "alongside", "including")
            ):
                for t in _own_tokens(c):
                    regions.append((t.idx, t.idx + len(t)))
                if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
                    arg_heads.extend([c, *c.conjuncts])
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
    # "talks with his Chinese counterpart, Wang Yi": the name in apposition, however parsed
    for t in sent:
        if t.lemma_ == "counterpart" and any(rs <= t.idx < re_ for rs, re_ in regions):
            after = t.idx + len(t)
            for (s, _e), pid in _spans_between(de, after, after + 4):
                if pid not in people and text_of(doc)[after:s].strip() in (",", ""):
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
    actors: list[str] = []
    for h in list(arg_heads):  # "the foreign ministers of Estmark and Norland"
        if h.ent_type_ not in ("GPE", "ORG", "NORP"):
            for p in (c for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
                for o in (x for x in p.children if x.dep_ == "pobj"):
                    arg_heads.extend([o, *o.conjuncts])
    for t in arg_heads:
        if t.ent_type_ in ("GPE", "ORG", "NORP") and not de.person_at(t.idx, t.idx + len(t)):
            ent = _ent_at(t)
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


def _family(office: str) -> str | None:
    for fam, (us, other) in offices.FAMILIES.items():
        if office in (us, other):
            return fam
    return None


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
    before = [(s, pid) for (s, _e), pid in de.spans.items() if s < pron.idx]
    if not before:
        return None
    return max(before)[1]


def _in_quotes(text: str, start: int, pos: int) -> bool:
    seg = text[start:pos]
    return (seg.count("“") > seg.count("”")) or (seg.count('"') % 2 == 1)


# --------------------------------------------------------------------------- merging


@dataclass
class _Cluster:
    mentions: list[Mention]
    _date_key: int = -1
    _date: TimeExpression | None = None

    @property
    def type(self) -> str:
        return self.mentions[0].type

    def group(self) -> str:
        return GROUP.get(self.type, self.type)

    def date(self) -> TimeExpression | None:
        if self._date_key == len(self.mentions):
            return self._date
        self._date_key, self._date = len(self.mentions), self._compute_date()
        return self._date

    def _compute_date(self) -> TimeExpression | None:
        best = None
        for m in self.mentions:
            if (
                m.time
                and m.time.value
                and (best is None or _prec_rank(m.time.precision) < _prec_rank(best.precision))
            ):
                best = m.time
        if best is None:  # no anchor yet: keep the symbolic expression for reanchor()
            best = next((m.time for m in self.mentions if m.time and m.time.symbolic), None)
        return best

    def names(self) -> set[str]:
        return {m.name for m in self.mentions if m.name}

    def places(self) -> set[str]:
        return {m.place for m in self.mentions if m.place}

    def modes(self) -> set[str]:
        return {m.mode for m in self.mentions if m.mode != "unknown"}

    def people(self) -> set[str]:
        return {p for m in self.mentions for p in m.people}

    def cancelled(self) -> bool:
        return any(m.status == "cancelled" for m in self.mentions)


def _compatible(c: _Cluster, m: Mention) -> float | None:
    """Merge score, or None when the mention cannot be the same happening."""
    shared = set(m.people) & c.people()
    # a summit is also called "talks": same happening only when the same people meet
    if GROUP.get(m.type, m.type) != c.group() and (
        {GROUP.get(m.type, m.type), c.group()} != {"consult", "summit"} or len(shared) < 2
    ):
        return None
    if (m.status == "cancelled") != c.cancelled():
        return None
    if "series" in m.notes or any("series" in x.notes for x in c.mentions):
        return None
    score = 0.0
    names = c.names()
    if m.name and names:
        if m.name not in names:
            return None
        score += 3
    d = c.date()
    if m.time and m.time.value and d and d.value:
        if not (contains(d.value, m.time.value) or contains(m.time.value, d.value)):
            return None
        score += 2
    places = c.places()
    if m.place and places and m.place not in places:
        return None
    if m.place and m.place in places:
        score += 1
    modes = c.modes()
    if m.mode != "unknown" and modes and m.mode not in modes:
        return None
    if (
        "separate"
        in m.trigger.sent.text[
            max(0, m.trigger.idx - m.sent_start - 40) : m.trigger.idx - m.sent_start
        ].lower()
    ):
        return None
    if m.people and c.people() and not shared and not m.definite:
        return None
    score += min(2.0, 0.25 * len(c.mentions)) if m.definite else 0  # "the meeting": the salient one
    score += 2 * len(shared)
    if m.definite:
        score += 1
    elif m.trigger.pos_ in ("NOUN", "PROPN") and not (
        (m.name and m.name in names)
        or (m.time and m.time.value and d and d.value)
        or (m.place and m.place in places and m.status in {x.status for x in c.mentions})
    ):
        # "a meeting" introduces a new happening unless its name or date says otherwise
        return None
    return score if score > 0 else None


def merge(mentions: list[Mention]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for m in mentions:
        if "series" in m.notes:
            continue  # "since the talks began in 1990": background, not a happening
        best: tuple[float, _Cluster] | None = None
        # recent happenings plus the most talked-about ones: keeps long documents linear
        pool = clusters[-40:] + sorted(clusters[:-40], key=lambda c: -len(c.mentions))[:8]
        for c in pool:
            s = _compatible(c, m)
            if s is not None:
                s += 0.5 if c.date() else 0  # prefer the dated telling on ties
            if s is not None and (best is None or s > best[0]):
                best = (s, c)
        if best:
            best[1].mentions.append(m)
        else:
            clusters.append(_Cluster([m]))
    return clusters


STATUS_ORDER = ["happened", "planned", "ongoing", "cancelled", "negated", "uncertain"]


def build_events(
    doc_id: str, doc: Doc, de: DocEntities, mentions: list[Mention], anchor: str | None
) -> list[Event]:
    clusters = merge(mentions)
    # date inheritance: "After the talks, X will sign ..." takes the talks' date
    where: dict[int, _Cluster] = {m.trigger.i: c for c in clusters for m in c.mentions}
    events: list[Event] = []
    for c in clusters:
        date = c.date()
        inherited = None
        if date is None:
            for m in c.mentions:
                if (
                    m.after_ref is not None
                    and m.after_ref.i in where
                    and where[m.after_ref.i] is not c
                ):
                    ref = where[m.after_ref.i].date()
                    if ref is not None:
                        inherited = ref
        statuses = [m.status for m in c.mentions if m.status]
        status = next((s for s in STATUS_ORDER if s in statuses), None)
        if c.type == "cancellation" and status == "cancelled":
            status = "happened"
        use = date or inherited
        if status in (None, "ongoing") and use and use.value and anchor:
            lo, hi = interval(use.value)
            if hi and hi < anchor:
                status = "happened"
            elif lo and lo > anchor:
                status = "planned"
        if status is None:
            status = "uncertain"
        people = []
        for m in c.mentions:
            for pid in m.people:
                if pid not in people:
                    people.append(pid)
        places = [m.place for m in c.mentions if m.place]
        place = max(set(places), key=places.count) if places else None
        # the place an event happens in is not one of its actors
        actors = list(dict.fromkeys(a for m in c.mentions for a in m.actors if a != place))
        modes = [m.mode for m in c.mentions if m.mode != "unknown"]
        mode = max(set(modes), key=modes.count) if modes else "unknown"
        if c.group() not in ("consult", "summit", "visit", "call"):
            mode = "unknown"  # how a shooting or a signing "happened by phone" means nothing
        if (
            mode == "unknown"
            and c.group() in ("consult", "summit", "visit")
            and c.type != "call"
            and (place or len(people) >= 2)
        ):
            mode = "in_person"  # people meeting with no remote cue meet in person
        dated = bool(use and (use.value or use.symbolic))
        if not (people or actors or place or dated):
            continue
        # an undated, unplaced noun-only mention with no verb is too weak to report
        if not dated and not place and all(m.status is None for m in c.mentions):
            continue
        # no verb says it happens and nobody takes part: a passing reference ("envoy for the talks")
        if not people and all(m.status is None for m in c.mentions):
            continue
        participants = []
        for pid in people:
            p = de.by_id(pid)
            if p is None:
                continue
            roles = [r for r in de.roles if r.person == p.name]
            role = (
                f"{roles[0].office} of {roles[0].country}"
                if roles and roles[0].country
                else (roles[0].office if roles else None)
            )
            participants.append(Participant(name=p.name, entity=p.id, role=role, kind="person"))
        for a in actors:
            participants.append(Participant(name=a, entity=None, role=None, kind="organisation"))
        evidence = []
        seen_s: set[int] = set()
        for m in c.mentions:
            if m.sent_start in seen_s:
                continue
            seen_s.add(m.sent_start)
            evidence.append(
                Evidence(doc_id, text_of(doc)[m.sent_start : m.sent_end], m.sent_start, m.sent_end)
            )
        first = c.mentions[0]
        conf = (
            0.45
            + 0.15 * bool(use and use.value)
            + 0.15 * bool(people)
            + 0.1 * bool(place)
            + min(0.15, 0.05 * (len(c.mentions) - 1))
        )
        if inherited and not date:
            conf -= 0.1
        ev = Event(
            id=content_hash(f"{doc_id}:{c.type}:{first.trigger.idx}"),
            document=doc_id,
            type=c.type,
            plover=PLOVER.get(c.type, "OTHER"),
            label="",
            trigger=first.trigger.text,
            status=status,  # type: ignore[arg-type]
            mode=mode,  # type: ignore[arg-type]
            date=use.value if use else None,
            precision=(use.precision if use and use.value else "unknown"),  # type: ignore[arg-type]
            place=place,
            participants=participants,
            evidence=evidence,
            time=use,
            confidence=round(min(conf, 0.95), 2),
        )
        ev.label = make_label(ev)
        events.append(ev)
    return events


def interval(value: str) -> tuple[str | None, str | None]:
    """First and last ISO day covered by a value at any precision."""
    import calendar
    import datetime as dt

    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return value, value
        if re.fullmatch(r"\d{4}-\d{2}", value):
            y, m = int(value[:4]), int(value[5:])
            return f"{value}-01", f"{value}-{calendar.monthrange(y, m)[1]:02d}"
        if re.fullmatch(r"\d{4}-W\d{2}", value):
            d = dt.date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
            return d.isoformat(), (d + dt.timedelta(days=6)).isoformat()
        if re.fullmatch(r"\d{4}-Q[1-4]", value):
            q = int(value[-1])
            y = int(value[:4])
            end_m = q * 3
            return (
                f"{y}-{end_m - 2:02d}-01",
                f"{y}-{end_m:02d}-{calendar.monthrange(y, end_m)[1]:02d}",
            )
        if re.fullmatch(r"\d{4}", value):
            return f"{value}-01-01", f"{value}-12-31"
        if re.fullmatch(r"\d{4}-H[12]", value):
            y = value[:4]
            return (
                (f"{y}-01-01", f"{y}-06-30") if value[-1] == "1" else (f"{y}-07-01", f"{y}-12-31")
            )
        if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", value):
            y, code = int(value[:4]), value[5:]
            start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
            end_y, end_m = (y + 1, 2) if code == "WI" else (y, start + 2)
            return (
                f"{y}-{start:02d}-01",
                f"{end_y}-{end_m:02d}-{calendar.monthrange(end_y, end_m)[1]:02d}",
            )
    except ValueError:
        pass
    return None, None


LABEL_NOUN = {
    "call": "Phone call", "talks": "Talks", "infection": "Infection", "launch": "Launch",
}  # fmt: skip


def make_label(ev: Event) -> str:
    """One line: "Meeting between A, B and C in Tokyo (planned)"."""
    people = [p.name for p in ev.participants if p.kind == "person"][:4]
    names = people or [p.name for p in ev.participants][:3]
    who = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else ""
    noun = LABEL_NOUN.get(ev.type, ev.type.capitalize())
    if who:
        if ev.type in ("meeting", "talks", "summit", "call", "agreement") and len(names) > 1:
            link = "between"
        elif ev.type in ("infection", "appointment", "resignation"):
            link = "of"
        else:
            link = "by"
        noun = f"{noun} {link} {who}"
    mode = {"virtual": " (virtual)", "phone": "" if ev.type == "call" else " (by phone)"}.get(
        ev.mode, ""
    )
    where = f" {'to' if ev.type == 'visit' else 'in'} {ev.place}" if ev.place else ""
    status = {
        "planned": " (planned)",
        "cancelled": " (cancelled)",
        "negated": " (did not happen)",
        "ongoing": " (ongoing)",
        "uncertain": " (uncertain)",
    }.get(ev.status, "")
    return f"{noun}{where}{mode}{status}"


def _noun_negated(n: Token) -> bool:
    """ "no agreement", "without a deal", "never a meeting"."""
    if any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "never", "not") for c in n.children):
        return True
    return n.dep_ == "pobj" and n.head.lower_ == "without"


def status_of_token(tok: Token) -> str | None:
    """Our status rule for any event word (verb or noun), as used for event mentions."""
    if tok.pos_ in ("VERB", "AUX"):
        return _status_of_verb(tok, tok.sent.text)
    if tok.pos_ in ("NOUN", "PROPN"):
        if _noun_negated(tok):
            return "negated"
        gov, prep = _governor(tok)
        if prep in ("after", "following", "since"):
            return "happened"
        if gov is not None:
            st = _status_of_verb(gov, tok.sent.text)
            if (
                gov.lemma_ in FUTURE_OBJECT
                and st in ("ongoing", "happened")
                and tok.dep_ in ("dobj", "pobj")
            ):
                return "planned"
            return st
    return None
