"""The ``dateline`` command: a thin click skin over ``dateline.api``."""

from __future__ import annotations

import csv
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from dateline import api
from dateline.api import DEFAULT_STORE

err = Console(stderr=True)
out = Console()

store_option = click.option(
    "--store",
    "-s",
    default=DEFAULT_STORE,
    show_default=True,
    envvar="DATELINE_STORE",
    help="SQLite file path or postgresql:// URL.",
)


def _load_dates(path: str) -> dict[str, str]:
    """A file of known publication dates: JSON object, JSON lines or CSV (name,date)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot read dates file: {exc.strerror}") from exc
    dates: dict[str, str] = {}
    stripped = text.lstrip()
    if stripped.startswith("{") and not stripped.startswith('{"id"'):
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise click.ClickException(f"{path}: not valid JSON: {exc}") from exc
        return {str(k): str(v) for k, v in obj.items()}
    if stripped.startswith("{"):
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                rec = json.loads(line)
                key = rec.get("id") or rec.get("name") or rec.get("url")
                if key and rec.get("published"):
                    dates[str(key)] = str(rec["published"])
                elif not key:
                    raise click.ClickException(f"{path}:{n}: a record needs id, name or url")
        return dates
    for n, row in enumerate(csv.reader(text.splitlines()), 1):
        if not row or row[0].startswith("#") or (n == 1 and row[0].lower() in ("name", "id")):
            continue
        if len(row) < 2:
            raise click.ClickException(f"{path}:{n}: expected name,date")
        dates[row[0].strip()] = row[1].strip()
    return dates


@click.group()
@click.version_option(package_name="dateline")
def main() -> None:
    """dateline: raw news captures in, a dated, sourced record of a story out."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@store_option
@click.option("--published", help="A known publication date (ISO) for every capture.")
@click.option(
    "--dates",
    type=click.Path(exists=True, dir_okay=False),
    help="Known publication dates per capture: JSON {name: date}, JSONL or CSV name,date.",
)
@click.option("--workers", "-w", default=1, show_default=True, help="Worker processes.")
@click.option("--knowledge", type=click.Path(exists=True), help="Your own office-holder file.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def build(
    paths: tuple[str, ...],
    store: str,
    published: str | None,
    dates: str | None,
    workers: int,
    knowledge: str | None,
    quiet: bool,
) -> None:
    """Ingest PATHS (files or folders), understand and link them into the store."""
    if published and dates:
        raise click.UsageError("give --published or --dates, not both")
    known: api.PublishedDates = published or (_load_dates(dates) if dates else None)
    report = api.build(
        list(paths),
        store=store,
        published=known,
        workers=workers,
        knowledge=knowledge,
        progress=None if not quiet else False,
    )
    for line in report.errors:
        err.print(f"[red]error[/red] {line}", highlight=False, markup=True, soft_wrap=True)
    if not quiet:
        err.print(f"{report.summary()} -> {store}")
    if report.errors and report.captures == 0 and report.documents == 0:
        sys.exit(1)


def filter_options(fn: Any) -> Any:
    """The event filters shared by ``timeline`` and ``export`` (EventFilter's fields)."""
    options = [
        click.option("--story", help="Story id or name."),
        click.option("--person", help="A participant's name."),
        click.option("--organisation", help="A participating organisation."),
        click.option("--place", help="Where it happened (substring)."),
        click.option("--type", "type_", help="Event type or PLOVER category."),
        click.option("--status", help="happened, ongoing, planned, cancelled, ..."),
        click.option("--from", "date_from", help="Earliest date (ISO, any precision)."),
        click.option("--to", "date_to", help="Latest date (ISO, any precision)."),
        click.option("--query", "-q", "text", help="Full-text query over labels and people."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _event_filter(filters: dict[str, Any]) -> dict[str, Any]:
    kw = {k: v for k, v in filters.items() if v not in (None, "")}
    if "type_" in kw:
        kw["type"] = kw.pop("type_")
    return kw


@main.command()
@store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "json", "markdown", "html"]),
    default="terminal",
    show_default=True,
)
@click.option(
    "--write",
    "write_dir",
    type=click.Path(file_okay=False),
    help="Also write timeline.json, .md and .html here.",
)
@filter_options
@click.option("--by-document", is_flag=True, help="One entry per dated document instead of events.")
def timeline(
    store: str, fmt: str, write_dir: str | None, by_document: bool, **filters: Any
) -> None:
    """Print the story's timeline, every entry with its evidence."""
    from dateline.timeline import (
        document_timeline,
        render_html,
        render_json,
        render_markdown,
        render_terminal,
    )

    with api.open(store) as dl:
        entries = (
            document_timeline(dl.store) if by_document else dl.timeline(**_event_filter(filters))
        )
    if write_dir:
        d = Path(write_dir)
        d.mkdir(parents=True, exist_ok=True)
        _atomic_write(d / "timeline.json", render_json(entries))
        _atomic_write(d / "timeline.md", render_markdown(entries))
        _atomic_write(d / "timeline.html", render_html(entries))
        err.print(f"wrote {d}/timeline.json, timeline.md, timeline.html")
    if fmt == "json":
        click.echo(render_json(entries))
    elif fmt == "markdown":
        click.echo(render_markdown(entries), nl=False)
    elif fmt == "html":
        click.echo(render_html(entries), nl=False)
    else:
        render_terminal(entries, out)


def _watch_state_file(store: str, given: str | None, option: str) -> str:
    """The watcher's state file: the one given, else the SQLite store's own file."""
    if given is not None:
        return given
    if store.startswith(("postgresql://", "postgres://")):
        raise click.UsageError(f"with a PostgreSQL store, give the watcher's state file ({option})")
    return store[len("sqlite:///") :] if store.startswith("sqlite:///") else store


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


@main.command()
@click.argument("document")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def show(document: str, store: str, fmt: str) -> None:
    """A readable digest of one DOCUMENT (id, id prefix, file name or URL)."""
    from dateline.views import render_digest

    with api.open(store) as dl:
        try:
            digest = dl.show(document)
        except LookupError as exc:
            raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "document": {k: v for k, v in digest.document.to_dict().items() if k != "raw"},
                    "annotation": digest.annotation.to_dict() if digest.annotation else None,
                    "events": [e.to_dict() for e in digest.events],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        render_digest(digest, out)


@main.command()
@click.argument("event")
@store_option
def explain(event: str, store: str) -> None:
    """Why EVENT is what it is: its sources and every merge decision."""
    from dateline.views import render_explanation

    with api.open(store) as dl:
        ev = dl.event(event)
        if ev is None:
            matches = [e for e in dl.store.linked_events() if e.id.startswith(event)]
            if len(matches) != 1:
                raise click.ClickException(f"no single event matches {event!r}")
            ev = matches[0]
        render_explanation(ev, out)


@main.command()
@click.argument("person", required=False)
@store_option
def roles(person: str | None, store: str) -> None:
    """Role history: the offices each person held, as seen in the documents."""
    with api.open(store) as dl:
        spells = dl.roles(person)
    if not spells:
        out.print("No roles known" + (f" for {person}." if person else "."))
    current = None
    for r in spells:
        if r.person != current:
            current = r.person
            out.print(f"[bold]{r.person}[/bold]")
        seen = r.first_seen or "?"
        if r.last_seen and r.last_seen != r.first_seen:
            seen += f" to {r.last_seen}"
        where = f" of {r.country}" if r.country else ""
        verb = "held" if r.origin == "knowledge" else "seen"
        out.print(f"  {r.office}{where}, {verb} {seen}  [dim]({r.origin})[/dim]", highlight=False)


@main.command()
@store_option
def stories(store: str) -> None:
    """The story threads in the store."""
    with api.open(store) as dl:
        for s in dl.stories():
            span = f"{s.start or '?'} to {s.end or '?'}"
            out.print(
                f"[bold]{s.name}[/bold] [dim]{s.id}[/dim]\n  {span}, {len(s.events)} events, "
                f"{len(s.documents)} documents",
                highlight=False,
            )


@main.command()
@click.argument("query")
@store_option
@click.option("--limit", default=20, show_default=True)
def search(query: str, store: str, limit: int) -> None:
    """Full-text search over the documents."""
    with api.open(store) as dl:
        hits = dl.search(query, limit)
    for h in hits:
        out.print(f"[bold]{h.title or h.document}[/bold] [dim]{h.document}[/dim]", highlight=False)
        out.print(f"  {h.snippet}", highlight=False, markup=False)


@main.command()
@click.argument("document")
@click.argument("v1", required=False, type=int)
@click.argument("v2", required=False, type=int)
@store_option
def diff(document: str, v1: int | None, v2: int | None, store: str) -> None:
    """Show what changed between versions V1 and V2 of DOCUMENT (default: each step)."""
    from dateline.views import render_version_diffs

    with api.open(store) as dl:
        try:
            doc = dl.resolve_document(document)
        except LookupError as exc:
            raise click.ClickException(str(exc)) from exc
    try:
        render_version_diffs(doc, v1, v2, out)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@store_option
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["json", "csv", "parquet", "markdown", "html", "ics", "plover"]),
    help="json/csv/parquet tables, Markdown or HTML timeline, iCalendar, PLOVER-like table.",
)
@click.option(
    "--out", "out_path", required=True, type=click.Path(), help="File or folder to write."
)
@click.option(
    "--title", default="Timeline", show_default=True, help="Title of Markdown/HTML exports."
)
@filter_options
def export(store: str, fmt: str, out_path: str, title: str, **filters: Any) -> None:
    """Export the selected events and their documents, people, quotes and roles."""
    from dateline.export import ExportError
    from dateline.export import export as run_export
    from dateline.store import EventFilter

    kw = _event_filter(filters)
    with api.open(store) as dl:
        try:
            written = run_export(dl.store, fmt, out_path, EventFilter(**kw) if kw else None, title)
        except ExportError as exc:
            raise click.ClickException(str(exc)) from exc
    for path in written:
        err.print(f"wrote {path}")


@main.command()
@store_option
@click.option(
    "--watch",
    "watch_state",
    type=click.Path(dir_okay=False),
    help="The watcher's state file (default: the store's own SQLite file).",
)
@click.option("--story", help="Only the changes to this story's articles (id or name words).")
@click.option("--article", help="Only the changes to this watched article URL.")
@click.option("--site", help="Only the changes on this watched host (e.g. news.example.org).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 10_000))
@click.option(
    "--out", "out_path", default="-", show_default=True, help="File to write, or - for stdout."
)
def feed(
    store: str,
    watch_state: str | None,
    story: str | None,
    article: str | None,
    site: str | None,
    limit: int,
    out_path: str,
) -> None:
    """Write an Atom feed of the watched articles' changes (all, a story's, an article's or a
    site's), the same feed `dateline serve` offers under /feeds/."""
    from dateline.watch import WatchState, all_feed, article_feed, host_feed, story_feed

    if sum(x is not None for x in (story, article, site)) > 1:
        raise click.UsageError("give at most one of --story, --article and --site")
    watch_state = _watch_state_file(store, watch_state, "--watch")
    if not Path(watch_state).exists():
        raise click.ClickException(f"{watch_state}: no such watch state file")
    state = WatchState(watch_state)
    try:
        if story is not None:
            with api.open(store) as dl:
                try:
                    xml = story_feed(state, dl.store, dl.resolve_story(story), limit=limit)
                except LookupError as exc:
                    raise click.ClickException(str(exc)) from exc
        elif article is not None:
            if state.item_by_url(article) is None:
                raise click.ClickException(f"{article} is not watched")
            xml = article_feed(state, article, limit=limit)
        elif site is not None:
            if not any(it.host == site for it in state.items()):
                raise click.ClickException(f"no watched site {site!r}")
            xml = host_feed(state, site, limit=limit)
        else:
            xml = all_feed(state, limit=limit)
    finally:
        state.close()
    if out_path == "-":
        click.echo(xml, nl=False)
    else:
        _atomic_write(Path(out_path), xml)
        err.print(f"wrote {out_path}")


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--watch", "watch_state", type=click.Path(), help="The watcher's state file, for change feeds."
)
def serve(store: str, host: str, port: int, watch_state: str | None) -> None:
    """Serve the web app and REST API (pages with .json twins, OpenAPI at /docs)."""
    from dateline.web import serve as run_server

    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(
            f"[yellow]warning[/yellow]: serving on {host}; captured pages are shown to anyone who can reach it"
        )
    run_server(store, host=host, port=port, watch=watch_state)


@main.command()
@store_option
@click.option("--feed", "feeds", multiple=True, help="An RSS/Atom feed or news sitemap to follow.")
@click.option("--article", "articles", multiple=True, help="An article URL to follow.")
@click.option(
    "--state",
    "state_path",
    type=click.Path(dir_okay=False),
    help="Where the schedule and versions live (default: the store's own SQLite file).",
)
@click.option("--once", is_flag=True, help="Run one cycle of due checks and exit (for cron).")
@click.option("--include", multiple=True, help="Only feed entries whose URL matches this regex.")
@click.option("--exclude", multiple=True, help="Skip feed entries whose URL matches this regex.")
@click.option(
    "--quiet-days",
    type=float,
    help="Stop checking an article after this many unchanged days (default 40).",
)
@click.option(
    "--ignore-robots", is_flag=True, help="Do not obey robots.txt (only for your own sites)."
)
@click.option(
    "--allow-private", is_flag=True, help="Allow this machine's own and private addresses."
)
@click.option(
    "--status",
    "show_status",
    is_flag=True,
    help="Print what is followed and when it is next checked; fetch nothing.",
)
@click.option(
    "--story",
    "stories",
    multiple=True,
    help="Follow the articles of a story in the store (id, id prefix or name words).",
)
def watch(
    store: str,
    feeds: tuple[str, ...],
    articles: tuple[str, ...],
    state_path: str | None,
    once: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    quiet_days: float | None,
    ignore_robots: bool,
    allow_private: bool,
    show_status: bool,
    stories: tuple[str, ...],
) -> None:
    """Follow feeds and articles as they change, keeping every version.

    New and changed articles go through the same path as `dateline build`, so their stories
    and timelines update. Runs until SIGTERM/SIGINT, or one cycle with --once.
    """
    import dataclasses

    from dateline.pipeline import add_documents
    from dateline.store import open_store
    from dateline.watch import UnsafeURL, Watcher, WatchSettings, WatchState, watch_main

    state_path = _watch_state_file(store, state_path, "--state")
    settings = WatchSettings()
    changes: dict[str, Any] = {"obey_robots": not ignore_robots, "allow_private": allow_private}
    if quiet_days is not None:
        changes["quiet_period"] = quiet_days * 86400
    settings = dataclasses.replace(settings, **changes)
    if show_status:
        state = WatchState(state_path)
        watcher = Watcher(state, settings=settings)
        try:
            _print_watch_status(watcher.status())
        finally:
            watcher.close()
            state.close()
        return
    if stories:
        with api.open(store) as dl:
            try:
                found = [url for ref in stories for url in dl.story_urls(ref)]
            except LookupError as exc:
                raise click.ClickException(str(exc)) from exc
        if not found:
            raise click.ClickException("the story's documents have no web address to follow")
        err.print(f"following {len(found)} article(s) of {len(stories)} story(ies)")
        articles = tuple(dict.fromkeys([*articles, *found]))
    if not feeds and not articles and not once:
        err.print(
            "following what the state file already holds; add --feed or --article to add more"
        )
    main_store = open_store(store)
    try:
        status = watch_main(
            state_path,
            feeds=list(feeds),
            articles=list(articles),
            once=once,
            on_document=lambda doc: add_documents(main_store, [doc]),
            settings=settings,
            include=list(include) or None,
            exclude=list(exclude) or None,
        )
    except UnsafeURL as exc:
        raise click.ClickException(f"{exc} (use --allow-private for your own servers)") from exc
    finally:
        main_store.close()
    _print_watch_status(status)


def _print_watch_status(status: Any) -> None:
    for item in status.items:
        changed = f", changed {item.changes} times" if item.kind == "article" else ""
        out.print(f"{item.kind:8} {item.url}", highlight=False, markup=False)
        out.print(f"         {item.state}{changed}; {item.summary}", highlight=False, markup=False)
    for host in status.hosts:
        for warning in host.warnings:
            err.print(f"[yellow]warning[/yellow] {host.host}: {warning}", highlight=False)
    counts = ", ".join(f"{v} {k}" for k, v in sorted(status.counts.items()))
    err.print(counts or "nothing followed yet")


@main.command()
@click.option(
    "--out", "out_dir", default="dateline-demo", show_default=True, type=click.Path(file_okay=False)
)
def demo(out_dir: str) -> None:
    """Build the bundled demo corpus and write its timeline (the README's first command)."""
    from dateline.timeline import render_html, render_json, render_markdown, render_terminal

    corpus = resources.files("dateline") / "demo" / "captures"
    d = Path(out_dir)
    d.mkdir(parents=True, exist_ok=True)
    store = d / "demo.db"
    # The demo world is invented, so its office holders come in a file beside it.
    knowledge = resources.files("dateline") / "demo" / "knowledge.csv"
    with resources.as_file(corpus) as corpus_path, resources.as_file(knowledge) as kb_path:
        report = api.build([corpus_path], store=store, knowledge=kb_path)
    for line in report.errors:
        err.print(f"[red]error[/red] {line}", highlight=False)
    err.print(report.summary())
    with api.open(store) as dl:
        entries = dl.timeline()
    render_terminal(entries, out)
    _atomic_write(d / "timeline.json", render_json(entries))
    _atomic_write(d / "timeline.md", render_markdown(entries))
    _atomic_write(d / "timeline.html", render_html(entries, title="dateline demo"))
    err.print(f"store: {store}\ntimeline: {d}/timeline.json, timeline.md, timeline.html")


if __name__ == "__main__":
    main()
