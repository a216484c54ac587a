"""The pipeline, top to bottom: captures -> documents -> annotations -> linked events -> store.

Per-record work (``process_capture``) is a pure function of one capture, so any executor can
run it. Linking needs the whole corpus and runs after, in the driver, from the store.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.engine import Executor, SerialExecutor
from dateline.models import Annotation, Capture, DateEstimate, Document
from dateline.store.base import Store

if TYPE_CHECKING:
    from dateline.knowledge import Knowledge
    from dateline.link import LinkResult

log = logging.getLogger("dateline")

PublishedDates = str | Mapping[str, str] | None


@dataclass
class Processed:
    """What one capture turned into: documents with their annotations, or an error."""

    source: str
    documents: list[Document] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    error: str | None = None


@dataclass
class BuildReport:
    captures: int = 0
    documents: int = 0
    new_documents: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    events: int = 0
    stories: int = 0
    dated: dict[str, str] = field(default_factory=dict)  # document -> inferred date

    def summary(self) -> str:
        return (
            f"{self.captures} captures, {self.documents} documents "
            f"({len(self.new_documents)} new), {len(self.errors)} errors, "
            f"{self.events} events, {self.stories} stories"
        )


def process_capture(capture: Capture) -> Processed:
    """Clean one capture into documents and understand each. Pure; never raises."""
    from dateline.clean import documents_from_capture
    from dateline.understand import annotate

    out = Processed(source=capture.source)
    try:
        for doc in documents_from_capture(capture):
            out.documents.append(doc)
            out.annotations.append(annotate(doc))
    except Exception as exc:  # one bad record must not stop the batch
        log.debug("processing %s failed", capture.source, exc_info=True)
        out.error = f"{capture.source}: {type(exc).__name__}: {exc}"
        out.documents, out.annotations = [], []
    return out


def apply_published(capture: Capture, published: PublishedDates) -> Capture:
    """Give a capture a known publication date from the caller (API/CLI ``--published``)."""
    if published is None:
        return capture
    if isinstance(published, str):
        capture.published = published
        return capture
    name = Path(capture.source).name
    for key in (capture.id, capture.url, capture.source, name):
        if key and key in published:
            capture.published = published[key]
            break
    return capture


def read_captures(
    paths: Iterable[str | Path], errors: list[str], published: PublishedDates = None
) -> Iterator[Capture]:
    from dateline.ingest import IngestError, read_paths

    def on_error(err: IngestError) -> None:
        errors.append(str(err))

    for capture in read_paths(paths, on_error=on_error):
        yield apply_published(capture, published)


def build(
    paths: Iterable[str | Path] | str | Path,
    store: Store,
    published: PublishedDates = None,
    *,
    executor: Executor | None = None,
    knowledge: Knowledge | None = None,
    progress: bool | None = None,
    on_error: Callable[[str], None] | None = None,
) -> BuildReport:
    """Ingest, clean, understand and link everything under ``paths`` into ``store``.

    Re-running on the same input changes nothing; a bad file is reported and skipped.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    executor = executor or SerialExecutor()
    report = BuildReport()
    captures = read_captures(paths, report.errors, published)
    results = executor.map(process_capture, captures)
    batch: list[Processed] = []
    with _progress(progress) as tick:
        for processed in results:
            report.captures += 1
            tick(processed.source)
            if processed.error:
                report.errors.append(processed.error)
                continue
            batch.append(processed)
            if len(batch) >= 200:
                _store_batch(store, batch, report)
                batch = []
        _store_batch(store, batch, report)
    if on_error:
        for err in report.errors:
            on_error(err)
    relink(store, knowledge, report)
    return report


def _store_batch(store: Store, batch: list[Processed], report: BuildReport) -> None:
    docs = [d for p in batch for d in p.documents]
    anns = {a.document: a for p in batch for a in p.annotations}
    report.documents += len(docs)
    new = store.put_documents(docs)
    report.new_documents.extend(new)
    store.put_annotations([anns[d] for d in new if d in anns], base=True)


def add_documents(
    store: Store, documents: Iterable[Document], knowledge: Knowledge | None = None
) -> BuildReport:
    """The incremental path (the watcher uses it): annotate and store new documents, relink."""
    from dateline.understand import annotate

    report = BuildReport()
    docs = list(documents)
    report.documents = len(docs)
    new = store.put_documents(docs)
    report.new_documents = new
    by_id = {d.id: d for d in docs}
    store.put_annotations([annotate(by_id[i]) for i in new], base=True)
    if new:
        relink(store, knowledge, report)
    return report


# The last link result per store and knowledge file, so that a long-lived process (the
# watcher, a notebook) re-links only what new documents touch. link_incremental equals a
# fresh link_corpus (tested in both the link stage and here), so the cache changes speed only.
_LAST_LINK: dict[tuple[str, int], LinkResult] = {}


def relink(
    store: Store, knowledge: Knowledge | None = None, report: BuildReport | None = None
) -> None:
    """Link the store from the base annotations and replace the linked results.

    Inferred publication dates are forgotten first and inferred again, so the result depends
    only on the documents, never on the order or number of earlier builds.
    """
    from dateline.knowledge import Knowledge
    from dateline.link import link_corpus, link_incremental
    from dateline.understand import reanchor

    report = report or BuildReport()
    cache_key = (store.url, id(knowledge))
    knowledge = knowledge if knowledge is not None else Knowledge.load()
    documents = list(store.documents())
    for doc in documents:
        if doc.published is not None and doc.published.basis == "inferred":
            doc.published = None
    base = {a.document: a for a in store.annotations(base=True)}
    previous = _LAST_LINK.get(cache_key)
    if previous is not None and set(previous.documents) <= {d.id for d in documents}:
        new_docs = [d for d in documents if d.id not in previous.documents]
        new_base = {d.id: base[d.id] for d in new_docs if d.id in base}
        result = link_incremental(previous, new_docs, new_base, knowledge, reanchor)
    else:
        result = link_corpus(documents, base, knowledge, reanchor)
    _LAST_LINK[cache_key] = result
    for doc in documents:
        inferred: DateEstimate | None = result.dates.get(doc.id)
        if doc.published is None:
            store.set_published(doc.id, inferred)
            if inferred is not None and inferred.value:
                report.dated[doc.id] = inferred.value
    current = [result.annotations.get(doc_id, ann) for doc_id, ann in sorted(base.items())]
    store.put_annotations(current)
    for ev in result.events:
        # The fuller account (each source, each near miss) is what `dateline explain` shows.
        ev.merge_reasons = result.explanations.get(ev.id) or ev.merge_reasons
    store.replace_links(result.events, result.stories, result.roles)
    store.set_state("link:duplicates", result.duplicates)
    store.set_state("link:versions", result.versions)
    store.set_state("link:role_conflicts", result.role_conflicts)
    report.events = len(result.events)
    report.stories = len(result.stories)


class _progress:
    """A live count on stderr for long builds; silent when not attached to a terminal."""

    def __init__(self, enabled: bool | None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress = None
        self._task = None

    def __enter__(self) -> Callable[[str], None]:
        if not self.enabled:
            return lambda _source: None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]building[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("captures"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[source]}"),
            transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task("build", total=None, source="")

        def tick(source: str) -> None:
            assert self._progress is not None and self._task is not None
            self._progress.update(self._task, advance=1, source=Path(source).name[:40])

        return tick

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
