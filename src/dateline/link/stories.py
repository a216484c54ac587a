"""Story threads: documents (and so their events) grouped by who and what they are about.

Two documents belong to one story when they tell a common event, are copies of each other,
share two people who are not in everything, or share one such person and enough
vocabulary (TF-IDF cosine), or share a lot of vocabulary. Single-link grouping over those
edges makes threads that run across years (a series of meetings of the same ministers). A
document linked to nothing is a story of its own.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from dateline.link.dedup import _UF
from dateline.link.isodates import interval
from dateline.link.names import STOPWORDS, WORD, content_words, fold, stem
from dateline.link.people import PersonIndex, is_resolved
from dateline.models import Annotation, DateEstimate, Document, LinkedEvent, Story, content_hash

COSINE_ALONE = 0.45
COSINE_WITH_PERSON = 0.12
TOP_TERMS = 10
COMMON_SHARE = 0.5  # a person in more than half of a large corpus is no evidence of a thread

_NOUN = {
    "meeting": "talks", "talks": "talks", "summit": "summit", "visit": "visits", "call": "calls",
    "agreement": "agreements", "attack": "attacks", "election": "elections",
}  # fmt: skip


def _tfidf(texts: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    df: Counter[str] = Counter()
    for words in texts.values():
        df.update(set(words))
    n = len(texts)
    vecs: dict[str, dict[str, float]] = {}
    for doc, words in texts.items():
        tf = Counter(words)
        v = {w: (1 + math.log(c)) * (math.log((n + 1) / (df[w] + 1)) + 1) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs[doc] = {w: x / norm for w, x in v.items()}
    return vecs


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def doc_persons(ann: Annotation, people: PersonIndex) -> set[str]:
    keys = set()
    for ent in ann.entities:
        if ent.kind == "person":
            keys.add(people.key(ent.name, ann.document, ent.country))
    for r in ann.roles:
        keys.add(people.key(r.person, ann.document, r.country))
    for ev in ann.events:
        for p in ev.participants:
            if p.kind == "person":
                keys.add(people.key(p.name, ann.document))
    return {k for k in keys if is_resolved(k)}


def build_stories(
    documents: dict[str, Document],
    annotations: dict[str, Annotation],
    events: list[LinkedEvent],
    duplicates: list[list[str]],
    dates: dict[str, DateEstimate | None],
    people: PersonIndex,
) -> list[Story]:
    ids = sorted(documents)
    texts = {d: content_words(f"{documents[d].title or ''} {documents[d].body}") for d in ids}
    surface = surface_forms(documents[d].body for d in ids)
    vecs = _tfidf(texts)
    persons = {d: doc_persons(annotations[d], people) if d in annotations else set() for d in ids}
    counts: Counter[str] = Counter(p for d in ids for p in persons[d])
    common = {p for p, c in counts.items() if len(ids) >= 10 and c > COMMON_SHARE * len(ids)}
    uf = _UF(ids)
    for ev in events:
        docs = sorted({s.document for s in ev.sources if s.document in documents})
        for other in docs[1:]:
            uf.union(docs[0], other)
    for group in duplicates:
        for other in group[1:]:
            if other in documents and group[0] in documents:
                uf.union(group[0], other)
    by_person: dict[str, list[str]] = defaultdict(list)
    for d in ids:
        for p in sorted(persons[d] - common):
            by_person[p].append(d)
    candidates: set[tuple[str, str]] = set()
    for ds in by_person.values():
        for i in range(len(ds)):
            for j in range(i + 1, len(ds)):
                candidates.add((ds[i], ds[j]))
    for a, b in sorted(candidates):
        shared = (persons[a] & persons[b]) - common
        if len(shared) >= 2 or _cos(vecs[a], vecs[b]) >= COSINE_WITH_PERSON:
            uf.union(a, b)
    # vocabulary alone, for documents without named people: only pairs that share two of
    # their ten heaviest terms are compared, so this stays near-linear on big corpora
    by_term: dict[str, list[str]] = defaultdict(list)
    for d in ids:
        top = sorted(vecs[d].items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
        for w, _ in top:
            by_term[w].append(d)
    shared_top: Counter[tuple[str, str]] = Counter()
    for ds in by_term.values():
        if len(ds) > 200:
            continue
        for i in range(len(ds)):
            for j in range(i + 1, len(ds)):
                shared_top[(ds[i], ds[j])] += 1
    for (a, b), n in sorted(shared_top.items()):
        if n >= 2 and uf.find(a) != uf.find(b) and _cos(vecs[a], vecs[b]) >= COSINE_ALONE:
            uf.union(a, b)
    ev_by_doc: dict[str, list[LinkedEvent]] = defaultdict(list)
    for ev in events:
        for s in ev.sources:
            ev_by_doc[s.document].append(ev)
    stories = []
    for group in uf.groups():
        evs = {e.id: e for d in group for e in ev_by_doc.get(d, [])}
        stories.append(_story(group, evs, documents, annotations, vecs, dates, people, surface))
    return sorted(stories, key=lambda s: (s.start or "9999", s.id))


def surface_forms(texts: Iterable[str]) -> dict[str, str]:
    """The most frequent lower-case word behind each stem, for readable keywords."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for m in WORD.finditer(text):
            w = m.group(0).lower()
            seen[stem(w)][w] += 1
    return {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for k, c in seen.items()}


def _story(
    group: list[str],
    evs: dict[str, LinkedEvent],
    documents: dict[str, Document],
    annotations: dict[str, Annotation],
    vecs: dict[str, dict[str, float]],
    dates: dict[str, DateEstimate | None],
    people: PersonIndex,
    surface: dict[str, str],
) -> Story:
    countries: Counter[str] = Counter()
    names: set[str] = set()
    for d in group:
        ann = annotations.get(d)
        if ann is None:
            continue
        countries.update({r.country for r in ann.roles if r.country})
        for ent in ann.entities:
            names.update(fold(ent.name).split())
    if not countries:  # a story of companies or bodies: name it after its main actors
        for e in evs.values():
            countries.update({p.name for p in e.participants if p.kind == "organisation"})
        countries = Counter({k: v for k, v in countries.items() if v >= 2 or len(evs) == 1})
    top = [c for c, _ in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[:2]]
    banned = set(names) | {w for c in countries for w in fold(c).split()} | STOPWORDS
    prefixes = tuple(w[:5] for c in countries for w in fold(c).split() if len(w) >= 5)
    weight: Counter[str] = Counter()
    for d in group:
        for w, x in vecs.get(d, {}).items():
            if w not in banned and not w.startswith(prefixes) and not w.isdigit() and "+" not in w:
                weight[w] += x
    stems = [w for w, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:6]]
    keywords = [surface.get(w, w) for w in stems]
    types = Counter(e.type for e in evs.values() if e.type)
    main = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if types else ""
    noun = _NOUN.get(main, main or "news")
    if top:
        name = " – ".join(top) + (f" {keywords[0]}" if keywords else "") + f" {noun}"
    else:
        title = next((documents[d].title for d in group if documents[d].title), None)
        name = title or " ".join(keywords[:3]).capitalize() or "Untitled story"
    event_dates = [e.date for e in evs.values() if e.date]
    doc_dates = [dates[d].value for d in group if dates.get(d) and dates[d].value]  # type: ignore[union-attr]
    spans = [iv for v in event_dates + doc_dates if (iv := interval(v))]
    start = min(spans)[0].isoformat() if spans else None
    end = max(s[1] for s in spans).isoformat() if spans else None
    return Story(
        id=content_hash("story|" + "|".join(group)),
        name=name,
        events=sorted(evs),
        documents=list(group),
        start=start,
        end=end,
        keywords=keywords,
    )
