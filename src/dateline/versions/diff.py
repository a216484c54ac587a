"""Diffing two versions of an article: paragraphs, then sentences, then words.

Aligning paragraphs first keeps a one-word edit from being shown as a rewritten page, and
aligning sentences inside paragraph pairs keeps word diffs local. Sentences deleted in one
place and added in another are reported as moves, not as a deletion plus an addition.

Every change is labelled ``addition``, ``deletion``, ``edit`` or ``move``; title, byline and
correction changes are called out separately because readers care about them first.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from dateline.models import Version
from dateline.versions.normalise import is_furniture_line, normalise_line, normalise_text

ChangeKind = Literal["addition", "deletion", "edit", "move"]

# Pairs of paragraphs/sentences more alike than this are an edit of one another.
PARA_PAIR_RATIO = 0.45
SENT_PAIR_RATIO = 0.5
MOVE_RATIO = 0.9

_SENT_SPLIT = re.compile(
    r"(?<=[.!?…。！？])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ\u0400-\u042f])"
)
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]|\s+", re.UNICODE)
_BYLINE = re.compile(r"^\s*(?i:by|von|par|por|di|door)\s+[A-Z\u00c0-\u024f][^\n]{1,80}$")
_CORRECTION = re.compile(
    r"(?:^|\b)(?:corrections?|clarifications?|editor'?s note|update)\s*[:\-–—]"
    r"|an earlier version of this (?:article|story|report|piece)"
    r"|this (?:article|story|report) (?:has been|was) (?:corrected|amended|updated)"
    r"|(?:was|were|has been) corrected\b|we regret the error",
    re.IGNORECASE,
)


@dataclass
class WordOp:
    """One run of words: ``equal``, ``insert`` or ``delete``."""

    op: Literal["equal", "insert", "delete"]
    text: str


@dataclass
class Change:
    """One labelled change between two versions.

    ``old_index``/``new_index`` are paragraph indexes (None on the side the text is absent
    from). ``words`` holds the inline word diff for edits.
    """

    kind: ChangeKind
    old: str = ""
    new: str = ""
    old_index: int | None = None
    new_index: int | None = None
    words: list[WordOp] = field(default_factory=list)


@dataclass
class Block:
    """A row of the side-by-side view: one old paragraph against one new paragraph.

    ``status`` is ``same``, ``changed``, ``added``, ``deleted`` or ``moved``.
    """

    status: str
    old: str | None
    new: str | None
    old_words: list[WordOp] = field(default_factory=list)
    new_words: list[WordOp] = field(default_factory=list)


@dataclass
class VersionDiff:
    """Everything a reader needs about the step from one version to the next."""

    changes: list[Change] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    title_change: tuple[str | None, str | None] | None = None
    byline_change: tuple[str | None, str | None] | None = None
    corrections: list[str] = field(default_factory=list)  # correction notes added in ``new``
    noise_only: bool = False
    chars_added: int = 0
    chars_removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.title_change or self.byline_change)

    @property
    def labels(self) -> list[str]:
        """Kinds of edit present, in a fixed order, plus title/byline/correction call-outs."""
        kinds = {c.kind for c in self.changes}
        out = [k for k in ("addition", "deletion", "edit", "move") if k in kinds]
        if self.title_change:
            out.append("title")
        if self.byline_change:
            out.append("byline")
        if self.corrections:
            out.append("correction")
        return out

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.changes:
            out[c.kind] = out.get(c.kind, 0) + 1
        return out

    def summary(self) -> str:
        """One line: "title changed; 2 edits, 1 addition; correction added"."""
        parts: list[str] = []
        if self.title_change:
            parts.append("title changed")
        if self.byline_change:
            parts.append("byline changed")
        counts = self.counts()
        words = []
        for kind in ("edit", "addition", "deletion", "move"):
            n = counts.get(kind, 0)
            if n:
                words.append(f"{n} {kind}{'s' if n > 1 else ''}")
        if words:
            parts.append(", ".join(words))
        if self.corrections:
            parts.append("correction added")
        if not parts:
            return "only noise changed" if self.noise_only else "no change"
        return "; ".join(parts)


# --------------------------------------------------------------------------- splitting


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines of the text, furniture dropped (extracted articles put one paragraph
    per line; blank-line separated text works the same)."""
    out = []
    for line in (text or "").splitlines():
        if line.strip() and not is_furniture_line(line):
            out.append(line.strip())
    return out


def split_sentences(paragraph: str) -> list[str]:
    parts = [p.strip() for p in _SENT_SPLIT.split(paragraph)]
    return [p for p in parts if p]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_diff(old: str, new: str) -> list[WordOp]:
    """Inline word-level diff; whitespace runs count as tokens so the text rebuilds exactly."""
    a, b = _words(old), _words(new)
    ops: list[WordOp] = []
    sm = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("equal", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                ops.append(WordOp("delete", "".join(a[i1:i2])))
            if j2 > j1:
                ops.append(WordOp("insert", "".join(b[j1:j2])))
    return ops


def _ratio(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    sm = SequenceMatcher(None, _words(a), _words(b), autojunk=False)
    if sm.real_quick_ratio() < 0.3:
        return sm.real_quick_ratio()
    return sm.ratio()


def _similar_at_least(a: str, b: str, threshold: float) -> float | None:
    """The word-level ratio of ``a`` and ``b`` if it reaches ``threshold`` (cheap bounds first)."""
    sm = SequenceMatcher(None, _words(a), _words(b), autojunk=False)
    if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
        return None
    r = sm.ratio()
    return r if r >= threshold else None


def _pair_in_order(
    olds: list[str], news: list[str], threshold: float
) -> list[tuple[int | None, int | None]]:
    """Pair items of two replaced runs greedily by similarity, keeping order (an LCS on
    similar pairs). Unpaired items come back with None on the other side."""
    n, m = len(olds), len(news)
    if n * m > 400:  # long runs: pair by position only where alike, to stay linear-ish
        pairs: list[tuple[int | None, int | None]] = []
        for i in range(max(n, m)):
            o = i if i < n else None
            w = i if i < m else None
            if o is not None and w is not None and _ratio(olds[o], news[w]) < threshold:
                pairs.extend([(o, None), (None, w)])
            else:
                pairs.append((o, w))
        return pairs
    score = [[_ratio(olds[i], news[j]) for j in range(m)] for i in range(n)]
    # dp[i][j]: best total similarity pairing olds[i:] with news[j:]
    dp = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(dp[i + 1][j], dp[i][j + 1])
            if score[i][j] >= threshold:
                best = max(best, score[i][j] + dp[i + 1][j + 1])
            dp[i][j] = best
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if score[i][j] >= threshold and dp[i][j] == score[i][j] + dp[i + 1][j + 1]:
            out.append((i, j))
            i += 1
            j += 1
        elif dp[i][j] == dp[i + 1][j]:
            out.append((i, None))
            i += 1
        else:
            out.append((None, j))
            j += 1
    out.extend((k, None) for k in range(i, n))
    out.extend((None, k) for k in range(j, m))
    return out


def _align(
    olds: list[str], news: list[str], threshold: float
) -> list[tuple[int | None, int | None]]:
    """Align two sequences: exact matches via difflib, replaced runs paired by similarity."""
    keys_a = [normalise_line(x).casefold() for x in olds]
    keys_b = [normalise_line(x).casefold() for x in news]
    sm = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    out: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out.extend(zip(range(i1, i2), range(j1, j2), strict=True))
        else:
            for a, b in _pair_in_order(olds[i1:i2], news[j1:j2], threshold):
                out.append((None if a is None else a + i1, None if b is None else b + j1))
    return out


def align_sentences(
    olds: list[str], news: list[str], threshold: float | None = None
) -> list[tuple[int | None, int | None]]:
    """Pair the sentences of two versions of a text: equal ones in order, then edited ones by
    word similarity (``threshold``, default the diff's own). Unpaired sentences come back
    with None on the other side."""
    return _align(olds, news, SENT_PAIR_RATIO if threshold is None else threshold)


# --------------------------------------------------------------------------- the diff


def _byline(paragraphs: list[str]) -> str | None:
    for p in paragraphs[:4]:
        if _BYLINE.match(p):
            return p.strip()
    return None


def _corrections(text: str) -> set[str]:
    found = set()
    for p in split_paragraphs(text):
        for s in split_sentences(p):
            if _CORRECTION.search(s):
                found.add(normalise_line(s))
    return found


@dataclass
class _Sent:
    text: str
    para: int


def diff_texts(
    old: str,
    new: str,
    old_title: str | None = None,
    new_title: str | None = None,
) -> VersionDiff:
    """Diff two versions of an article body (and optionally their titles)."""
    result = VersionDiff()
    ot, nt = (old_title or "").strip(), (new_title or "").strip()
    if normalise_text(ot) != normalise_text(nt):
        result.title_change = (old_title, new_title)
    if normalise_text(old) == normalise_text(new):
        result.noise_only = (old or "") != (new or "") or ot != nt
        if result.title_change:
            result.noise_only = False
        result.blocks = [Block("same", p, p) for p in split_paragraphs(new)]
        return result

    old_paras, new_paras = split_paragraphs(old), split_paragraphs(new)
    ob, nb = _byline(old_paras), _byline(new_paras)
    if (ob or nb) and normalise_line(ob or "") != normalise_line(nb or ""):
        result.byline_change = (ob, nb)
    added_corr = _corrections(new) - _corrections(old)
    if added_corr:
        result.corrections = [s for s in _ordered_sentences(new) if normalise_line(s) in added_corr]

    deleted: list[_Sent] = []
    added: list[_Sent] = []
    blocks: list[Block] = []
    changes: list[Change] = []
    for oi, ni in _align(old_paras, new_paras, PARA_PAIR_RATIO):
        if oi is not None and ni is not None:
            op, np_ = old_paras[oi], new_paras[ni]
            if normalise_line(op) == normalise_line(np_):
                blocks.append(Block("same", op, np_))
                continue
            blocks.append(_paired_block(op, np_))
            _diff_sentences(op, np_, oi, ni, changes, deleted, added)
        elif oi is not None:
            blocks.append(Block("deleted", old_paras[oi], None))
            deleted.extend(_Sent(s, oi) for s in split_sentences(old_paras[oi]))
        elif ni is not None:
            blocks.append(Block("added", None, new_paras[ni]))
            added.extend(_Sent(s, ni) for s in split_sentences(new_paras[ni]))

    # Moves: a sentence deleted here and added there, unchanged or nearly so. Exact matches
    # by key first; the fuzzy search only runs when it stays small.
    used_added: set[int] = set()
    added_keys: dict[str, list[int]] = {}
    for k, a in enumerate(added):
        added_keys.setdefault(normalise_line(a.text).casefold(), []).append(k)
    fuzzy = len(deleted) * len(added) <= 2500
    for d in deleted:
        best, best_ratio = None, MOVE_RATIO
        dk = normalise_line(d.text).casefold()
        exact = [k for k in added_keys.get(dk, []) if k not in used_added]
        if exact and len(dk) > 15:
            best = exact[0]
        elif fuzzy and len(dk) > 15:
            for k, a in enumerate(added):
                if k in used_added:
                    continue
                r = _similar_at_least(d.text, a.text, best_ratio)
                if r is not None:
                    best, best_ratio = k, r
        if best is None:
            changes.append(Change("deletion", old=d.text, old_index=d.para))
        else:
            used_added.add(best)
            a = added[best]
            changes.append(
                Change(
                    "move",
                    old=d.text,
                    new=a.text,
                    old_index=d.para,
                    new_index=a.para,
                    words=word_diff(d.text, a.text),
                )
            )
    for k, a in enumerate(added):
        if k not in used_added:
            changes.append(Change("addition", new=a.text, new_index=a.para))
    _mark_moved_blocks(blocks, changes)

    changes.sort(key=_change_order)
    result.changes = changes
    result.blocks = blocks
    for c in changes:
        if c.kind == "addition":
            result.chars_added += len(c.new)
        elif c.kind == "deletion":
            result.chars_removed += len(c.old)
        elif c.kind == "edit":
            result.chars_added += sum(len(w.text) for w in c.words if w.op == "insert")
            result.chars_removed += sum(len(w.text) for w in c.words if w.op == "delete")
    return result


def _ordered_sentences(text: str) -> list[str]:
    return [s for p in split_paragraphs(text) for s in split_sentences(p)]


def _change_order(c: Change) -> tuple[int, int]:
    idx = c.new_index if c.new_index is not None else c.old_index
    return (idx if idx is not None else -1, 0 if c.kind == "deletion" else 1)


def _paired_block(old: str, new: str) -> Block:
    ops = word_diff(old, new)
    return Block(
        "changed",
        old,
        new,
        old_words=[o for o in ops if o.op != "insert"],
        new_words=[o for o in ops if o.op != "delete"],
    )


def _diff_sentences(
    old: str,
    new: str,
    oi: int,
    ni: int,
    changes: list[Change],
    deleted: list[_Sent],
    added: list[_Sent],
) -> None:
    os_, ns = split_sentences(old), split_sentences(new)
    for a, b in _align(os_, ns, SENT_PAIR_RATIO):
        if a is not None and b is not None:
            if normalise_line(os_[a]) != normalise_line(ns[b]):
                changes.append(
                    Change(
                        "edit",
                        old=os_[a],
                        new=ns[b],
                        old_index=oi,
                        new_index=ni,
                        words=word_diff(os_[a], ns[b]),
                    )
                )
        elif a is not None:
            deleted.append(_Sent(os_[a], oi))
        elif b is not None:
            added.append(_Sent(ns[b], ni))


def _mark_moved_blocks(blocks: list[Block], changes: list[Change]) -> None:
    """A whole paragraph that only moved shows as ``moved`` on both sides, not added/deleted."""
    moved_old = {normalise_line(c.old) for c in changes if c.kind == "move"}
    moved_new = {normalise_line(c.new) for c in changes if c.kind == "move"}
    for b in blocks:
        if b.status == "deleted" and b.old is not None:
            sents = split_sentences(b.old)
            if sents and all(normalise_line(s) in moved_old for s in sents):
                b.status = "moved"
        elif b.status == "added" and b.new is not None:
            sents = split_sentences(b.new)
            if sents and all(normalise_line(s) in moved_new for s in sents):
                b.status = "moved"


def version_pairs(
    versions: list[Version], old: int | None = None, new: int | None = None
) -> list[tuple[Version, Version]]:
    """Which of an article's versions to compare, by ``Version.index``: every consecutive
    step when neither index is given, ``old`` against the newest when only ``old`` is, else
    ``old`` against ``new``. Raises ``ValueError`` when there is nothing to compare or an
    index is unknown."""
    ordered = sorted(versions, key=lambda v: v.index)
    if len(ordered) < 2 and (old is None or new is None):
        raise ValueError(f"{len(ordered)} version(s): nothing to compare")
    by_index = {v.index: v for v in ordered}
    if old is None and new is None:
        return list(itertools.pairwise(ordered))
    try:
        a = by_index[old] if old is not None else ordered[-2]
        b = by_index[new] if new is not None else ordered[-1]
    except KeyError as exc:
        known = ", ".join(str(i) for i in by_index)
        raise ValueError(f"no version {exc.args[0]} (versions: {known})") from None
    return [(a, b)]


def diff_versions(
    versions: list[Version], old: int | None = None, new: int | None = None
) -> tuple[Version, Version, VersionDiff]:
    """Diff two of an article's versions by ``Version.index`` (default: the last two; see
    ``version_pairs``). Raises ``ValueError`` when there is nothing to compare or an index
    is unknown."""
    a, b = version_pairs(versions, old, new)[-1]
    return a, b, diff_texts(a.text, b.text, a.title, b.title)


def count_changes(versions: list[Version]) -> int:
    """How many times an article changed: steps between consecutive versions whose title or
    text differ. The first version is not a change, nor is a re-capture of the same text."""
    ordered = sorted(versions, key=lambda v: v.index)
    return sum(
        1
        for old, new in itertools.pairwise(ordered)
        if (old.text, old.title) != (new.text, new.title)
    )
