"""Near-duplicates and syndicated copies (MinHash/LSH over word shingles), and URL versions.

A wire story reprinted by three outlets has three documents whose bodies share almost all
their 5-word shingles: they become one group (one article, three sources). The same URL
captured twice is a *version* of one article, not a new article, whatever its text says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

from dateline.link.names import fold
from dateline.models import Document

NUM_PERM = 128
SHINGLE = 5
CANDIDATE = 0.5  # LSH threshold: generous, for recall; the exact check below decides
THRESHOLD = 0.7  # exact Jaccard of shingle sets; wire copies with light edits sit above
CONTAINMENT = 0.85  # or one text almost inside the other (a copy with its own header/footer)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    words = fold(text).split()
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> list[int]:
    """The MinHash signature of a body (seeded, so the same text always hashes the same)."""
    mh = MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32")
    mh.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return [int(v) for v in mh.hashvalues]


def _minhash(sig: list[int]) -> MinHash:
    import numpy as np

    return MinHash(
        num_perm=NUM_PERM, seed=7, hashvalues=np.array(sig, dtype=np.uint64), scheme="affine32"
    )


# Query parameters that say where a reader came from, not which article it is.
_TRACKING = re.compile(
    r"^(?:utm_\w+|src|source|ref|referrer|fbclid|gclid|dclid|msclkid|mc_\w+|cmp|cmpid|ito|"
    r"at_\w+|ns_\w+|xtor|smid|smtyp|partner|share|shared|rss|feed|outputtype|amp|_ga|wt\.\w+|"
    r"s_cid|ocid|taid|sr_share|mod)$"
)


def url_key(url: str | None) -> str | None:
    """A URL without scheme, www., fragment, trailing slash or tracking parameters.

    The parameters that name the article stay (``article.php?id=123`` and ``?id=124`` are
    two articles); the ones that say where a reader came from go (``?utm_source=rss``).
    """
    if not url:
        return None
    u = re.sub(r"^[a-z]+://", "", url.strip().lower())
    u = re.sub(r"^www\.", "", u)
    u = u.split("#", 1)[0]
    path, _, query = u.partition("?")
    kept = sorted(p for p in query.split("&") if p and not _TRACKING.match(p.split("=", 1)[0]))
    path = path.rstrip("/")
    if not path:
        return None
    return f"{path}?{'&'.join(kept)}" if kept else path


def _order_key(doc: Document) -> tuple[int, str, int, int, str]:
    """Canonical copy first: the earliest dated one, stated before inferred, longest, by id."""
    pub = doc.published
    known = pub is not None and pub.value is not None
    basis_rank = {"given": 0, "stated": 1, "inferred": 2}.get(pub.basis if pub else "", 3)
    return (
        0 if known else 1,
        pub.value if known and pub and pub.value else "",
        basis_rank,
        -len(doc.body),
        doc.id,
    )


class _UF:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id wins, so groups do not depend on the order of unions
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for x in sorted(self.parent):
            out.setdefault(self.find(x), []).append(x)
        return list(out.values())


def near_duplicates(
    documents: list[Document], signatures: dict[str, list[int]]
) -> tuple[list[list[str]], list[list[str]]]:
    """(duplicate groups, same-URL version groups), each with the canonical document first.

    Only groups of two or more are returned. ``signatures`` maps document id to its MinHash
    signature (see ``signature``); the caller caches it between incremental runs.
    """
    by_id = {d.id: d for d in documents}
    ids = sorted(by_id)
    lsh = MinHashLSH(threshold=CANDIDATE, num_perm=NUM_PERM)
    hashes = {i: _minhash(signatures[i]) for i in ids if by_id[i].body.strip()}
    for i in ids:
        if i in hashes:
            lsh.insert(i, hashes[i])
    dup = _UF(ids)
    sets: dict[str, set[str]] = {}

    def shingle_set(x: str) -> set[str]:
        if x not in sets:
            sets[x] = shingles(by_id[x].body)
        return sets[x]

    for i in ids:
        if i not in hashes:
            continue
        for j in sorted(lsh.query(hashes[i])):
            if j <= i:
                continue
            # LSH proposes candidates; the exact overlap of the shingle sets decides
            a, b = shingle_set(i), shingle_set(j)
            common = len(a & b)
            small = min(len(a), len(b))
            jaccard = common / max(1, len(a | b))
            if jaccard >= THRESHOLD or (small >= 20 and common / small >= CONTAINMENT):
                dup.union(i, j)
    urls = _UF(ids)
    first_with_url: dict[str, str] = {}
    for i in ids:
        key = url_key(by_id[i].url)
        if key:
            if key in first_with_url:
                urls.union(first_with_url[key], i)
            else:
                first_with_url[key] = i

    def ordered(groups: list[list[str]]) -> list[list[str]]:
        out = [sorted(g, key=lambda x: _order_key(by_id[x])) for g in groups if len(g) > 1]
        return sorted(out, key=lambda g: g[0])

    version_groups = ordered(urls.groups())
    # versions of one URL are not syndicated copies: take them out of the duplicate groups
    same_url = {frozenset(g) for g in version_groups}
    dup_groups = [g for g in ordered(dup.groups()) if frozenset(g) not in same_url]
    return dup_groups, version_groups
