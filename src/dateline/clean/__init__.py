"""Clean: one :class:`~dateline.models.Capture` in, cleaned :class:`~dateline.models.Document`\\ s out.

``documents_from_capture`` is pure (no I/O, no clock, no store), so it runs the same in a loop,
a process pool or a Spark job. Plain-text dumps lose their page furniture line by line
(:mod:`.furniture`), version tables become ``Document.versions`` (:mod:`.table`), HTML goes
through trafilatura/htmldate (:mod:`.html`), and every piece of metadata carries the sentence
that supports it in ``Document.metadata_evidence``.
"""

from __future__ import annotations

from dateline.clean.document import CleanError, documents_from_capture

__all__ = ["CleanError", "documents_from_capture"]
