"""Dating undated documents from what the text and the rest of the corpus say.

The clues live in ``clues_text`` (the document itself) and ``clues_corpus`` (other documents
and the knowledge file); ``solve`` intersects them into a ``DateEstimate`` with its evidence
chain. This module gathers the names the linking stage uses.
"""

from dateline.link.clues_corpus import (
    anchor_window,
    corpus_tenure_clue,
    duplicate_clues,
    role_clues,
    shared_event_clues,
)
from dateline.link.clues_corpus import (
    index_dated as _index,
)
from dateline.link.clues_text import (
    event_bound_clues,
    partial_clue,
    partial_date,
    relative_pair_clues,
    version_clues,
    weekday_clues,
)
from dateline.link.solve import (
    EPOCH,
    NO_DATE_BASIS,
    Constraint,
    DatedEvent,
    all_days,
    representative_day,
    solve,
)

__all__ = [
    "EPOCH",
    "NO_DATE_BASIS",
    "Constraint",
    "DatedEvent",
    "_index",
    "all_days",
    "anchor_window",
    "corpus_tenure_clue",
    "duplicate_clues",
    "event_bound_clues",
    "partial_clue",
    "partial_date",
    "relative_pair_clues",
    "representative_day",
    "role_clues",
    "shared_event_clues",
    "solve",
    "version_clues",
    "weekday_clues",
]
