"""Merging a document's event mentions into events, and building the Event records.

Mentions of the same happening ("the talks" in three sentences) become one event with the
union of participants and every evidence sentence; see ``_compatible`` for when two
mentions may be the same happening.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dateline.models import Event, Evidence, Participant, TimeExpression, content_hash
from dateline.understand import offices
from dateline.understand.arguments import VENUE_NOUNS
from dateline.understand.entities import DocEntities, text_of
from dateline.understand.events import Mention, _prec_rank
from dateline.understand.lexicon import CANCEL_LEMMAS, GROUP, PLOVER
from dateline.understand.timex import contains

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
    pair = {GROUP.get(m.type, m.type), c.group()}
    # "called off a visit to X ... was to have met Y there": a called-off trip and the
    # meeting it was for are one cancelled happening
    trip = pair == {"visit", "consult"} and m.status == "cancelled" and c.cancelled() and shared
    if (
        GROUP.get(m.type, m.type) != c.group()
        and not trip
        and (pair != {"consult", "summit"} or len(shared) < 2)
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
    elif (
        m.time
        and d
        and not m.time.value
        and not d.value
        and m.time.symbolic
        and d.symbolic
        and m.time.symbolic != d.symbolic
    ):
        return None  # undated document: two different relative times ("mid-December", "Friday")
    places = c.places()
    if m.place and places and m.place not in places and not _nested(m.place, places, m):
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
        or (m.time and m.time.value and d and d.value and "part of day" not in m.notes)
        or (m.place and m.place in places and m.status in {x.status for x in c.mentions})
    ):
        # "a meeting" introduces a new happening unless its name or date says otherwise
        return None
    return score if score > 0 else None


def _towns(doc: Doc) -> set[str]:
    """Town- or country-level places of the document: the text's places and the tagger's GPEs."""
    towns = doc.user_data.get("dateline_towns")
    if towns is None:
        towns = set(doc.user_data.get("dateline_places") or ()) | {
            re.sub(r"^the\s+", "", e.text, flags=re.I) for e in doc.ents if e.label_ == "GPE"
        }
        doc.user_data["dateline_towns"] = towns
    return towns


def _nested(place: str, places: set[str], m: Mention) -> bool:
    """A venue ("the Chancery") and a town ("Castelmere") may name one happening's place."""
    towns = _towns(m.trigger.doc)
    if place in towns:
        return not any(p in towns for p in places)
    return all(p in towns for p in places)


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


FINE = {"day", "week", "month", "season", "quarter", "half", "time", "hour", "minute"}


def _substantial(
    c: _Cluster, use: TimeExpression | None, people: list[str], actors: list[str], place: str | None
) -> bool:
    """Whether a cluster is a happening worth reporting, not a passing background mention.

    It needs a who (a person or a party) or a where. A date of a year or coarser ("the hotline
    agreed in 2014") is background unless the mention names both who and where. With no
    date at all, the document's own date is the implied time only for a main-clause act
    told with a verb by someone named ("Kovalt has called off a visit"), or for two named
    people (who met whom); a relative or participial clause ("which was agreed in 2014")
    is background unless it names who and where.
    """
    named = bool(people or actors)
    who = named or any(_group_subject(m) for m in c.mentions)
    if not (who or place):
        return False
    if named and place:
        return True
    background = all(_background(m) for m in c.mentions)
    if background:
        return False
    has_date = bool(use and (use.value or use.symbolic))
    if has_date:
        return bool(use and use.precision in FINE) and (
            who or any(m.status is not None for m in c.mentions)
        )
    told = any(m.status is not None for m in c.mentions)
    return len(people) >= 2 or (named and told)


# unnamed but real actors: "negotiators would meet again next month"
HUMAN_GROUPS = {
    "negotiator", "minister", "official", "leader", "delegation", "diplomat", "envoy",
    "government", "delegate", "representative", "team", "president", "chief", "secretary",
    "lawmaker", "legislator", "senator", "general", "commander", "ambassador", "mediator",
}  # fmt: skip


def _group_subject(m: Mention) -> bool:
    t = m.trigger
    verb = t if t.pos_ in ("VERB", "AUX") else (t.head if t.head.pos_ in ("VERB", "AUX") else None)
    if verb is None:
        return False
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in HUMAN_GROUPS for c in verb.children
    )


def _signed(c: _Cluster) -> bool:
    for m in c.mentions:
        t = m.trigger
        if t.lemma_ == "sign" or (t.head.lemma_ == "sign" and t.dep_ in ("dobj", "nsubjpass")):
            return True
    return False


def _background(m: Mention) -> bool:
    t = m.trigger
    verb = t if t.pos_ in ("VERB", "AUX") else None
    if verb is None and t.head.pos_ == "VERB" and t.dep_ in ("nsubjpass", "nsubj", "dobj"):
        verb = t.head
    return verb is not None and verb.dep_ in ("relcl", "acl")


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
        # a town beats a venue inside it: "Castelmere" rather than "the Chancery"
        towns = [p for p in places if p in _towns(doc)]
        places = towns or places
        place = max(set(places), key=places.count) if places else None
        venues = [m.venue for m in c.mentions if m.venue]
        venue = max(sorted(set(venues)), key=venues.count) if venues else None
        if venue and place and place != venue and place in venue and place not in _towns(doc):
            place = venue  # "Ministry" was the head of "Ministry of Labour"
        if venue is None and place and place.split()[-1].lower() in VENUE_NOUNS:
            venue = place  # "at the White House", "at Pentagon": a building as the only place
        # the place an event happens in is not one of its actors
        actors = list(dict.fromkeys(a for m in c.mentions for a in m.actors if a != place))
        modes = [m.mode for m in c.mentions if m.mode != "unknown"]
        mode = max(set(modes), key=modes.count) if modes else "unknown"
        if c.group() not in ("consult", "summit", "visit", "call"):
            mode = "unknown"  # how a shooting or a signing "happened by phone" means nothing
            if c.type == "agreement" and place and _signed(c):
                mode = "in_person"  # people who sign a text at a place sign it there
        if (
            mode == "unknown"
            and c.group() in ("consult", "summit", "visit")
            and c.type != "call"
            and (place or len(people) >= 2)
        ):
            mode = "in_person"  # people meeting with no remote cue meet in person
        if not _substantial(c, use, people, actors, place):
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
        # a country is a party in its own right only when none of the people acts for it:
        # "the United States and Japan" beside Kerry, Hagel, Kishida and Onodera says nothing more
        represented = {_acts_for(de, p) for p in participants}
        for a in actors:
            if a in represented:
                continue
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
            venue=venue,
        )
        ev.label = sentence_label(c, de, ev) or make_label(ev)
        events.append(ev)
    return events


def _acts_for(de: DocEntities, p: Participant) -> str | None:
    """The country a participant acts for: the person's own, else the one of their office."""
    person = de.by_id(p.entity) if p.entity else None
    if person is not None and person.country:
        return person.country
    return next((r.country for r in de.roles if r.person == p.name and r.country), None)


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


# --------------------------------------------------------------------------- sentence labels

_DROP_DET = {"a", "an", "the", "his", "her", "their", "its", "our", "my", "your", "this", "that"}
_IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes"}


def _third_person(lemma: str, plural: bool) -> str:
    if plural:
        return lemma
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if re.search(r"(?:s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def _phrase(root: Token, de: DocEntities | None = None, limit: int = 8) -> str | None:
    """A short headline phrase for ``root``: no articles, no clauses, no dates."""
    skip = {
        t.i
        for c in root.subtree
        if c is not root
        and (
            c.dep_ in ("relcl", "acl", "advcl", "appos", "npadvmod")
            or (c.dep_ == "punct" and c.text not in ("-", "–"))
            or c.ent_type_ in ("DATE", "TIME")
            or (c.dep_ == "prep" and c.lower_ not in ("to", "of", "on", "with", "for"))
        )
        for t in c.subtree
    }
    toks = [t for t in root.subtree if t.i not in skip]
    while toks and toks[0].lower_ in _DROP_DET:
        toks = toks[1:]
    toks = [t for t in toks if not (t.dep_ in ("det", "poss") and t.i < root.i)]
    if not toks or len(toks) > limit or any(t.is_quote or t.text in "()[]" for t in toks):
        return None
    out = ""
    i = 0
    while i < len(toks):
        t = toks[i]
        pid = de.person_at(t.idx, t.idx + len(t)) if de is not None else None
        p = de.by_id(pid) if pid else None
        if p is not None:  # "telephoned Kovalt" -> "telephones Irena Kovalt"
            while i + 1 < len(toks) and de.person_at(toks[i + 1].idx, toks[i + 1].idx + 1) == pid:
                i += 1
            out += p.name + toks[i].whitespace_
        else:
            out += t.text_with_ws
        i += 1
    return out.strip()


def sentence_label(c: _Cluster, de: DocEntities, ev: Event) -> str | None:
    """A headline-style label from the telling's verb: "Irena Kovalt calls off visit to
    Castelmere", "Merovia and Valdoria to sign free trade agreement in Valda".

    Only when the verb's subject names who acts; otherwise the noun label ("Summit in
    Castelmere (planned)") reads better.
    """
    if ev.status not in ("happened", "planned", "cancelled"):
        return None
    for m in c.mentions:
        t = m.trigger
        verb = t if t.pos_ == "VERB" else None
        if verb is None and t.dep_ == "dobj" and t.head.pos_ == "VERB":
            verb = t.head
        if verb is None:
            continue
        if ev.type != "cancellation" and (
            verb.lemma_ in CANCEL_LEMMAS
            or any(x.dep_ == "prt" and x.lower_ == "off" for x in verb.children)
        ):
            continue  # "called off a visit": the visit's label is the visit, not the cancelling
        subj = next((x for x in verb.children if x.dep_ == "nsubj"), None)
        if subj is None:
            continue
        who = _subject_names(subj, de, ev)
        if not who:
            continue
        plural = len(who) > 1
        prt = " ".join(x.text for x in verb.children if x.dep_ == "prt")
        lemma = verb.lemma_.lower()
        obj = next((x for x in verb.children if x.dep_ == "dobj"), None)
        rest = _phrase(obj, de) if obj is not None else None
        if obj is not None and rest is None:
            continue
        if rest is None:
            prep = next(
                (x for x in verb.children if x.dep_ == "prep" and x.lower_ in ("to", "with")),
                None,
            )
            rest = _phrase(prep, de) if prep is not None else None
        if rest is None and lemma in ("agree", "sign", "announce", "cancel", "visit"):
            continue  # "X agrees" says too little; the noun label names the thing
        if ev.status == "planned" and ev.type != "cancellation":
            head = f"to {lemma}"
        else:
            head = _third_person(lemma, plural)
        words = [_join(who), head]
        if prt:
            words.append(prt)
        if rest:
            words.append(rest)
        label = " ".join(words)
        if ev.place and ev.place.lower() not in label.lower():
            label += f" {'to' if ev.type == 'visit' and lemma != 'visit' else 'in'} {ev.place}"
        if ev.mode == "virtual" and "virtual" not in label.lower():
            label += " (virtual)"
        if ev.status == "cancelled":
            label += " (cancelled)"
        return label[0].upper() + label[1:]
    return None


def _subject_names(subj: Token, de: DocEntities, ev: Event) -> list[str]:
    """Canonical names of the people or parties the subject phrase names."""
    names: list[str] = []
    start, end = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
    for (s, _e), pid in sorted(de.spans.items()):
        if start <= s < end:
            p = de.by_id(pid)
            if p and p.name not in names and any(x.name == p.name for x in ev.participants):
                names.append(p.name)
    if not names:
        towns = set(subj.doc.user_data.get("dateline_places") or ())
        surface = subj.text.title() if subj.text.isupper() else subj.text
        if surface in towns and surface not in (subj.doc.user_data.get("dateline_countries") or ()):
            # "VALDA, March 4 (Wirenews) - Valdoria and Merovia held": the dateline is parsed
            # as the subject and the real subject as its apposition
            appos = [
                x
                for x in subj.children
                if x.dep_ == "appos"
                and x.ent_type_ != "ORG"
                and not (x.i > 0 and x.doc[x.i - 1].text == "(")
            ]
            if not appos:
                return []
            subj = appos[-1]
        for h in [subj, *subj.conjuncts]:
            countries = subj.doc.user_data.get("dateline_countries") or set()
            if h.pos_ != "PROPN" or (
                h.text in towns and offices.country_of(h.text) is None and h.text not in countries
            ):
                return []
            ent = next((e for e in subj.doc.ents if e.start <= h.i < e.end), None)
            text = ent.text if ent is not None else h.text
            names.append(offices.country_of(text) or re.sub(r"^the\s+", "", text, flags=re.I))
    # a subject naming more than the event's people ("the foreign ministers of X and Y")
    # is still fine; a subject with a person not in the event is not the actor
    return names


def _join(names: list[str]) -> str:
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
