"""Across documents: near-duplicates, dates for undated documents, one event per happening,
role history and story threads. See ``corpus`` for the order of work."""

from dateline.link.corpus import LinkResult, explain, link_corpus, link_incremental
from dateline.link.select import timeline

__all__ = ["LinkResult", "explain", "link_corpus", "link_incremental", "timeline"]
