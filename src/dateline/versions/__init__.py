"""Versions of an article: noise-aware comparison, structured diffs and their renderings."""

from dateline.versions.diff import (
    Block,
    Change,
    VersionDiff,
    WordOp,
    align_sentences,
    count_changes,
    diff_texts,
    diff_versions,
    split_paragraphs,
    split_sentences,
    version_pairs,
    word_diff,
)
from dateline.versions.normalise import (
    is_furniture_line,
    is_noise_change,
    normalise_line,
    normalise_text,
)
from dateline.versions.render import (
    render_excerpt,
    render_html,
    render_plain,
    render_terminal,
    rich_renderable,
)

__all__ = [
    "Block",
    "Change",
    "VersionDiff",
    "WordOp",
    "align_sentences",
    "count_changes",
    "diff_texts",
    "diff_versions",
    "is_furniture_line",
    "is_noise_change",
    "normalise_line",
    "normalise_text",
    "render_excerpt",
    "render_html",
    "render_plain",
    "render_terminal",
    "rich_renderable",
    "split_paragraphs",
    "split_sentences",
    "version_pairs",
    "word_diff",
]
