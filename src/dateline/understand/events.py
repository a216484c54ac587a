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

from dateline.models import TimeExpression
from dateline.understand.arguments import (
    _mode,
    _participants,
    _place,
    _venue,
)
from dateline.understand.entities import DocEntities, text_of
from dateline.understand.lexicon import (
    ADOPTABLE,
    AGREEMENT_NOUNS,
    CANCEL_LEMMAS,
    FUTURE_COMPLEMENT,
    FUTURE_OBJECT,
    IDIOMS,
    MISSILE,
    NOUN_TRIGGERS,
    PHONE_CUES,
    PLAN_LEMMAS,
    SIGN_LEMMAS,
    SKIP_AFTER,
    VERB_TRIGGERS,
    VIRUS,
)
from dateline.understand.timex import same_day


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
    venue: str | None = None


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
            # headline infinitive: "Japan, US to hold security talks"
            return "future" if "to" in lowers else None
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
            if head.head != head and head.head.pos_ in ("VERB", "AUX"):
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
        if v.dep_ == "acl" and v.lemma_ not in PLAN_LEMMAS and v.head.pos_ in ("NOUN", "PROPN"):
            # "the agreement, signed during a joint visit": a done deed ("the talks,
            # scheduled for Friday" is a plan, not a past)
            return "past"
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
        if cur.head == cur:
            break
        cur = cur.head
    return None


def _attach_point(tok: Token) -> Token:
    """The word a time expression modifies: its head, or the head of its preposition.

    "Thursday was the first time that X met" hangs the time on "met".
    """
    head = tok.head
    if head == tok:
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
    if n.dep_ in ("nsubj", "nsubjpass") and n.head.i > n.i:
        # "After the talks in Kestrel, Holt and Reyes head to ...": the parser reads "After"
        # as the verb's marker and the talks as its subject; the comma before the verb
        # shows the talks are the opening phrase ("After the talks ended," has none)
        v = n.head
        mark = [c for c in v.children if c.dep_ == "mark" and c.i < n.i]
        if (
            mark
            and mark[0].lower_ in SKIP_AFTER
            and any(t.text == "," for t in n.doc[n.i + 1 : v.i])
        ):
            return None, mark[0].lower_
    cur = n
    prep = None
    for _ in range(8):
        if cur.head == cur:
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


def _outer_skip(noun: Token, gov: Token) -> str | None:
    """A before/after word between a noun and its verb beyond the first preposition:
    "after two days of talks" -> "after" (``_governor`` keeps only the first, "of")."""
    cur = noun.head
    for _ in range(8):  # spaCy makes a new Token on each access: compare positions
        if cur.i == gov.i or cur.head.i == cur.i:
            break
        if cur.pos_ == "ADP" and cur.lower_ in SKIP_AFTER and cur.i != noun.head.i:
            return cur.lower_
        cur = cur.head
    return None


def _cancels(v: Token) -> bool:
    """cancel, postpone, scrap ... or "call off"."""
    return v.lemma_ in CANCEL_LEMMAS or (
        v.lemma_ == "call" and any(c.lower_ == "off" for c in v.children)
    )


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
        elif (
            tok.pos_ == "VERB"
            and tok.lemma_ == "call"
            and any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children)
        ):
            etype, verb = "cancellation", tok  # "called off a visit"
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
        if cur.head == cur:
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
    no_time: set[int] = set()  # anchors that lend people but not their time
    canceller: Token | None = None
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
        if relcl and not (gov is not None and _cancels(gov)):
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
                canceller = gov  # "Kovalt called off a visit": she was the one to travel
            outer = _outer_skip(noun, gov)
            if outer and status in ("planned", "ongoing", "uncertain"):
                # "head to Palo on Friday after two days of talks": the talks are behind the
                # travellers (theirs, but not on the day they travel)
                status = "happened" if outer in ("after", "following", "since") else None
                anchors.append(gov)
                inherit_time = False
                no_time.add(gov.i)
            elif inherit_time:
                anchors.append(gov)
            # "talks ... expected to focus": the subject noun's own verb gives modality only
        elif noun.dep_ == "ROOT" or noun.head == noun:
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
    slots = {a.i for a in anchors} - no_time
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
    if time is None and noun is not None and status != "planned":
        time = _part_of_day(noun, time_by_attach.get(-1, []))
        if time is not None:
            notes.append("part of day")  # its day is borrowed: no evidence of sameness
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
        if last.dep_ in ("xcomp", "advcl", "conj") and last.head != last:
            last = last.head
            place_anchors.append(last)
    place = _place(doc, de, place_anchors, sent, dateline_place, noun)
    mode = _mode(sent.text, tok.idx - sent.start_char, etype, noun, tok)
    people, actors = _participants(
        doc, de, sent, anchors + ([canceller] if canceller is not None else []), noun
    )
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
        _venue(de, place_anchors),
    )


PARTS_OF_DAY = {"morning", "afternoon", "evening", "overnight", "night", "late-night"}


def _part_of_day(noun: Token, times: list[TimeExpression]) -> TimeExpression | None:
    """ "a morning meeting", "an evening session": the day the text is on (a told happening
    only; "will hold a morning meeting" says nothing of which day)."""
    anchor = noun.doc.user_data.get("dateline_anchor")  # set by annotate()
    for c in noun.children:
        if c.i < noun.i and c.lower_ in PARTS_OF_DAY and c.dep_ in ("amod", "compound", "nmod"):
            t = TimeExpression(c.text, c.idx, c.idx + len(c), None, "day", symbolic="SAME(0)")
            return same_day(t, 0, times, anchor)
    return None


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
                if o.dep_ != "pobj":
                    continue
                acr = [t.text for t in o.subtree if t.is_upper and len(t) >= 2]
                if o.ent_type_ in ("ORG", "EVENT"):
                    parts.append(acr[0] if acr else o.text)
                elif any(t.ent_type_ in ("ORG", "EVENT") and t.text in acr for t in o.subtree):
                    # "a meeting of the Asia-Pacific Economic Cooperation (APEC) forum"
                    parts.append(next(t.text for t in o.subtree if t.text in acr))
    return " ".join(parts) or None


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
