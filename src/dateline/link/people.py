"""One key per real person across a set of documents.

Full names with the same surname and compatible given names share a key ("J. Kerry",
"John Kerry"); a name with only an initial joins a full name only when exactly one fits.
A bare surname takes the full name its own document uses, else the single full name in
the corpus with that surname and a compatible country; otherwise it stays a key of its
own that never merges with anything (weak evidence).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from dateline.link.names import (
    country_key,
    given_compatible,
    is_full,
    name_tokens,
    regnal_name,
)
from dateline.models import Annotation


def _names_of(ann: Annotation) -> list[tuple[str, str | None]]:
    """(person name, country) pairs a document uses, from entities, roles and participants."""
    out: list[tuple[str, str | None]] = []
    for ent in ann.entities:
        if ent.kind == "person":
            out.append((ent.name, ent.country))
    for role in ann.roles:
        out.append((role.person, role.country))
    for ev in ann.events:
        for p in ev.participants:
            if p.kind == "person":
                out.append((p.name, None))
    return [(n, c) for n, c in out if name_tokens(n)]


class PersonIndex:
    def __init__(self, annotations: dict[str, Annotation]) -> None:
        self.countries: dict[str, set[str]] = defaultdict(set)
        forms: Counter[str] = Counter()
        self._doc_full: dict[str, dict[str, set[str]]] = {}
        per_doc = {doc: _names_of(ann) for doc, ann in sorted(annotations.items())}
        for names in per_doc.values():
            for name, _country in names:
                forms[name] += 1
        # full names grouped by surname; each distinct given-name form is a candidate key
        full_by_surname: dict[str, dict[tuple[str, ...], Counter[str]]] = defaultdict(dict)
        for name, n in sorted(forms.items()):
            toks = name_tokens(name)
            if len(toks) >= 2:
                full_by_surname[toks[-1]].setdefault(tuple(toks[:-1]), Counter())[name] += n
        self._key_of_tokens: dict[tuple[str, ...], str] = {}
        for sur, givens in full_by_surname.items():
            # complete given names join when every member of the group fits every other
            # ("Joe"/"Joseph"; never "George W."/"George H. W."), most used form first
            order = sorted(
                (g for g in givens if len(g[0]) > 1),
                key=lambda g: (-sum(givens[g].values()), -len(" ".join(g)), g),
            )
            clusters: list[list[tuple[str, ...]]] = []
            for g in order:
                home = next(
                    (c for c in clusters if all(given_compatible(list(g), list(m)) for m in c)),
                    None,
                )
                if home is None:
                    clusters.append([g])
                else:
                    home.append(g)
            head = {g: c[0] for c in clusters for g in c}
            for g, _counter in sorted(givens.items()):
                target = head.get(g, g)
                if len(g[0]) == 1:  # an initial: join the one group it fits
                    fits = [
                        c[0] for c in clusters if any(given_compatible(list(g), list(m)) for m in c)
                    ]
                    if len(fits) == 1:
                        target = fits[0]
                self._key_of_tokens[(*g, sur)] = " ".join((*target, sur))
        # display name per key: the most used written form
        display: dict[str, Counter[str]] = defaultdict(Counter)
        for name, n in forms.items():
            toks = tuple(name_tokens(name))
            if len(toks) >= 2:
                display[self._key_of_tokens[toks]][name] += n
        self.display = {
            k: sorted(c.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
            for k, c in display.items()
        }
        for doc, names in per_doc.items():
            full: dict[str, set[str]] = defaultdict(set)
            for name, country in names:
                toks = tuple(name_tokens(name))
                if len(toks) >= 2:
                    key = self._key_of_tokens[toks]
                    full[toks[-1]].add(key)
                    if country:
                        self.countries[key].add(country_key(country))
            self._doc_full[doc] = full
        self._corpus_full: dict[str, set[str]] = defaultdict(set)
        for full in self._doc_full.values():
            for sur, keys in full.items():
                self._corpus_full[sur] |= keys

    def key(self, name: str, doc: str, country: str | None = None) -> str:
        """The person key of ``name`` as used in document ``doc``."""
        toks = tuple(name_tokens(name))
        if not toks:
            return f"?{name}@{doc}"
        if len(toks) >= 2:
            if toks in self._key_of_tokens:
                return self._key_of_tokens[toks]
            # a form no annotation used ("D. Okafor"): the one known full name it fits
            fits = {
                k
                for k in self._corpus_full.get(toks[-1], set())
                if given_compatible(list(toks[:-1]), k.split()[:-1])
            }
            return next(iter(fits)) if len(fits) == 1 else " ".join(toks)
        sur = toks[0]
        if regnal := regnal_name(name):
            return f"regnal:{regnal}"  # complete on its own; the same in every document
        own = self._doc_full.get(doc, {}).get(sur, set())
        if len(own) == 1:
            return next(iter(own))
        pool = own if own else self._corpus_full.get(sur, set())
        ck = country_key(country)
        if ck:
            pool = {k for k in pool if not self.countries.get(k) or ck in self.countries[k]}
        if len(pool) == 1:
            return next(iter(pool))
        return f"?{sur}@{doc}"  # ambiguous or unknown: never merges across documents

    def name(self, key: str) -> str:
        if key.startswith("?"):
            return key[1:].split("@", 1)[0].title()
        if key.startswith("regnal:"):
            given, numeral = key[len("regnal:") :].split()
            return f"{given.title()} {numeral.upper()}"
        return self.display.get(key, key.title())


def is_resolved(key: str) -> bool:
    return not key.startswith("?")


__all__ = ["PersonIndex", "is_full", "is_resolved"]
