"""The FastAPI app: server-rendered pages, each with a ``.json`` twin, plus exports.

A thin skin over the library: every route asks ``dateline.web.views`` for a plain dict and
either renders it with a Jinja2 template (autoescaped) or returns it as JSON. Pages work
without JavaScript; ``static/timeline.js`` adds the interactive vis-timeline on top.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import tempfile
import urllib.parse
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline.store.base import EventFilter, Store
from dateline.web import views
from dateline.web.text import safe_href

HERE = Path(__file__).resolve().parent
log = logging.getLogger("dateline.web")

RAW_PAGE_CHARS = 200_000
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
STATUSES = ("happened", "ongoing", "planned", "cancelled", "negated", "uncertain")


_ERROR_SCHEMA = {
    "type": "object",
    "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
    "required": ["error", "status"],
}
# Every route can answer these; `.json` paths (or Accept: application/json) get the JSON body,
# pages an HTML page with the same message.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {
        "description": "A query parameter is malformed; `error` says which and why",
        "content": {"application/json": {"schema": _ERROR_SCHEMA}},
    },
    404: {
        "description": "No such event, person, document, story or feed",
        "content": {"application/json": {"schema": _ERROR_SCHEMA}},
    },
}


class BadRequest(ValueError):
    """A query parameter the page cannot use (rendered as a 400 with the message)."""


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["q"] = lambda s: urllib.parse.quote(str(s), safe="")
    env.filters["safe_href"] = safe_href
    return env


def _blank(value: str | None) -> str | None:
    """HTML forms send empty fields as ``name=``; an empty filter is no filter."""
    return (value.strip() or None) if isinstance(value, str) else value


def _date_param(name: str, value: str | None) -> str | None:
    value = _blank(value)
    if value is not None and not re.fullmatch(DATE_PATTERN, value):
        raise BadRequest(
            f"{name!r} must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}"
        )
    return value


def timeline_filter(
    story: Annotated[str | None, Query(description="story id or name")] = None,
    person: Annotated[
        str | None, Query(description="participant name (part of it is enough)")
    ] = None,
    organisation: Annotated[str | None, Query(description="participating organisation")] = None,
    place: Annotated[str | None, Query(description="place name (part of it is enough)")] = None,
    type: Annotated[str | None, Query(description="dateline event type or PLOVER category")] = None,
    status: Annotated[str | None, Query(description="event status: " + ", ".join(STATUSES))] = None,
    date_from: Annotated[
        str | None, Query(alias="from", description="earliest date, YYYY[-MM[-DD]]")
    ] = None,
    date_to: Annotated[
        str | None, Query(alias="to", description="latest date, YYYY[-MM[-DD]], inclusive")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=500, description="words in label, people or place")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="events per page")] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="events to skip")] = 0,
) -> EventFilter:
    date_from = _date_param("from", date_from)
    date_to = _date_param("to", date_to)
    if date_from and date_to and date_from[: len(date_to)] > date_to:
        raise BadRequest(f"'from' ({date_from}) is after 'to' ({date_to})")
    status = _blank(status)
    if status is not None and status not in STATUSES:
        raise BadRequest(f"unknown status {status!r}; choose one of {', '.join(STATUSES)}")
    return EventFilter(
        story=_blank(story),
        person=_blank(person),
        organisation=_blank(organisation),
        place=_blank(place),
        type=_blank(type),
        status=status,
        date_from=date_from,
        date_to=date_to,
        text=_blank(q),
        limit=limit,
        offset=offset,
    )


FilterDep = Annotated[EventFilter, Depends(timeline_filter)]


def search_data(
    request: Request,
    q: Annotated[str, Query(max_length=500, description="words to find in documents")] = "",
    outlet: Annotated[str | None, Query(description="facet: outlet")] = None,
    year: Annotated[str | None, Query(description="facet: year published, YYYY")] = None,
    type: Annotated[str | None, Query(description="facet: event type in the document")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> dict[str, Any]:
    store: Store = request.app.state.store
    year = _blank(year)
    if year is not None and not re.fullmatch(r"\d{4}", year):
        raise BadRequest(f"'year' must be four digits, not {year!r}")
    return views.search_view(store, q, _blank(outlet), year, _blank(type), limit, offset)


SearchDep = Annotated[dict[str, Any], Depends(search_data)]


def _watch_state(store: Store, watch: Any) -> Any:
    """The watcher's state for the change feeds: the one given, a path to open, or the
    store's own SQLite file when the watcher keeps its tables there. None if there is none."""
    if watch is not None and not isinstance(watch, (str, Path)):
        return watch
    try:
        from dateline.watch import WatchState
    except ImportError:  # pragma: no cover - the watch package ships with dateline
        return None
    if watch is not None:
        return WatchState(watch) if Path(watch).exists() else None
    conn = getattr(store, "connection", None)
    if isinstance(conn, sqlite3.Connection):
        found = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'watch_items'"
        ).fetchone()
        if found:
            return WatchState(conn)
    return None


def create_app(store: Store, title: str = "dateline", watch: Any = None) -> FastAPI:
    """The web app over ``store`` (the caller owns the store and closes it).

    ``watch`` is the watcher's state for the Atom change feeds under /feeds: a
    ``dateline.watch.WatchState``, or a path to its SQLite file. By default the feeds use
    the store's own file if the watcher keeps its tables there.
    """
    app = FastAPI(
        title=title,
        summary="Dated, sourced timelines of news stories",
        description=(
            "Every HTML page has a JSON twin at the same path with `.json` appended. "
            "Dates are ISO 8601 at their stated precision."
        ),
        version="1",
        # The interactive API consoles load their scripts from a CDN; the schema is enough.
        docs_url=None,
        redoc_url=None,
        responses=ERROR_RESPONSES,
    )
    env = _env()
    app.state.store = store
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(
        request: Request, template: str, data: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        html = env.get_template(template).render(request=request, data=data, title=title, **data)
        return HTMLResponse(html, status_code=status)

    def wants_json(request: Request) -> bool:
        if request.url.path.endswith(".json"):
            return True
        accept = request.headers.get("accept", "")
        return "application/json" in accept and "text/html" not in accept

    def error(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return page(request, "error.html", {"status": status, "message": message}, status)

    # -- errors: never a stack trace -------------------------------------------------------
    @app.exception_handler(views.NotFound)
    async def _not_found(request: Request, exc: views.NotFound) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(BadRequest)
    async def _bad_request(request: Request, exc: BadRequest) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error(request, 400, "bad request: " + _describe(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = "page not found" if exc.status_code == 404 else str(exc.detail)
        return error(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return error(request, 500, "internal error; the details are in the server log")

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        # Defence in depth: even if a capture's markup slipped through, it could not run.
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    # -- pages -----------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index() -> RedirectResponse:
        return RedirectResponse("/timeline", status_code=307)

    @app.get("/timeline.json", summary="Timeline (JSON)", tags=["timeline"])
    def timeline_json(flt: FilterDep) -> JSONResponse:
        """One page of events in date order, each with participants, sources and evidence.

        The object is the timeline JSON documented in docs/timeline-json.md, plus the paging
        fields `limit`, `offset`, `next_offset` and `prev_offset` in `dateline`."""
        return JSONResponse(views.timeline_view(store, flt))

    @app.get("/timeline", response_class=HTMLResponse, summary="Timeline page", tags=["timeline"])
    def timeline_page(request: Request, flt: FilterDep) -> HTMLResponse:
        data = views.timeline_view(store, flt)
        data["options"] = views.filter_options(store)
        data["vis_items"] = _vis_items(data["events"])
        data["query"] = _query_without(request, "offset")
        return page(request, "timeline.html", data)

    @app.get("/events/{event_id}.json", summary="Event (JSON)", tags=["events"])
    def event_json(event_id: str) -> JSONResponse:
        """An event: date with precision, place, mode, status, participants with their roles
        at that date, every source with its evidence in context, and conflicting details."""
        return JSONResponse(views.event_view(store, event_id))

    @app.get(
        "/events/{event_id}", response_class=HTMLResponse, summary="Event page", tags=["events"]
    )
    def event_page(request: Request, event_id: str) -> HTMLResponse:
        return page(request, "event.html", views.event_view(store, event_id))

    @app.get("/people.json", summary="People (JSON)", tags=["people"])
    def people_json() -> JSONResponse:
        return JSONResponse(views.people_view(store))

    @app.get("/people", response_class=HTMLResponse, summary="People page", tags=["people"])
    def people_page(request: Request) -> HTMLResponse:
        return page(request, "people.html", views.people_view(store))

    @app.get("/people/{name:path}.json", summary="Person (JSON)", tags=["people"])
    def person_json(name: str) -> JSONResponse:
        """A person: role history, events and quotes."""
        return JSONResponse(views.person_view(store, name))

    @app.get(
        "/people/{name:path}", response_class=HTMLResponse, summary="Person page", tags=["people"]
    )
    def person_page(request: Request, name: str) -> HTMLResponse:
        return page(request, "person.html", views.person_view(store, name))

    @app.get("/documents/{doc_id}.json", summary="Document (JSON)", tags=["documents"])
    def document_json(doc_id: str) -> JSONResponse:
        """A document: metadata with evidence, clean text as segments with the extracted facts
        marked, the facts, its versions and their diffs, and the raw capture."""
        data = views.document_view(store, doc_id)
        data["watch"] = views.watch_status(watch_state, data["document"]["url"])
        return JSONResponse(data)

    @app.get(
        "/documents/{doc_id}",
        response_class=HTMLResponse,
        summary="Document page",
        tags=["documents"],
    )
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        data = views.document_view(store, doc_id)
        data["watch"] = views.watch_status(watch_state, data["document"]["url"])
        # A raw capture can be megabytes; the page shows the start, the JSON twin all of it.
        data["raw_total"] = len(data["raw"])
        data["raw"] = data["raw"][:RAW_PAGE_CHARS]
        return page(request, "document.html", data)

    @app.get("/stories.json", summary="Stories (JSON)", tags=["stories"])
    def stories_json() -> JSONResponse:
        return JSONResponse(views.stories_view(store))

    @app.get("/stories", response_class=HTMLResponse, summary="Stories page", tags=["stories"])
    def stories_page(request: Request) -> HTMLResponse:
        return page(request, "stories.html", views.stories_view(store))

    @app.get("/stories/{story_id}.json", summary="Story (JSON)", tags=["stories"])
    def story_json(story_id: str) -> JSONResponse:
        return JSONResponse(views.story_view(store, story_id))

    @app.get(
        "/stories/{story_id}", response_class=HTMLResponse, summary="Story page", tags=["stories"]
    )
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        data = views.story_view(store, story_id)
        data["vis_items"] = _vis_items(data["events"])
        return page(request, "story.html", data)

    @app.get("/search.json", summary="Full-text search (JSON)", tags=["search"])
    def search_json(data: SearchDep) -> JSONResponse:
        """Documents matching the words (stemmed, prefix), with facet counts over the top 200."""
        return JSONResponse(data)

    @app.get("/search", response_class=HTMLResponse, summary="Search page", tags=["search"])
    def search_page(request: Request, data: SearchDep) -> HTMLResponse:
        data["query"] = _query_without(request, "offset")
        data["facet_query"] = {
            k: _query_without(request, "offset", k) for k in ("outlet", "year", "type")
        }
        return page(request, "search.html", data)

    # -- exports ---------------------------------------------------------------------------
    @app.get("/export/{fmt}", summary="Export", tags=["export"])
    def export_route(
        request: Request,
        fmt: str,
        flt: FilterDep,
        table: Annotated[
            str | None, Query(description="csv/parquet: one table instead of a zip of all")
        ] = None,
    ) -> Response:
        """The same exports as `dateline export`: json, csv, parquet (zip of tables, or one
        `table`), markdown, html, ics (planned events), plover (CSV). Filters as /timeline;
        `limit` defaults to all events here."""
        from dateline.export import FORMATS, ExportError, export_bytes

        if fmt not in FORMATS:
            raise BadRequest(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
        if "limit" not in request.query_params:
            flt.limit = None  # an export is the whole selection unless asked otherwise
        try:
            with tempfile.TemporaryDirectory(prefix="dateline-export-") as tmp:
                body, media, filename = export_bytes(store, fmt, Path(tmp), flt, table=table)
        except ExportError as exc:
            raise BadRequest(str(exc)) from exc
        return Response(
            body,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    # -- Atom change feeds from the watcher ----------------------------------------------------
    watch_state = _watch_state(store, watch)
    ATOM_TYPE = "application/atom+xml; charset=utf-8"

    def need_watch() -> Any:
        if watch_state is None:
            raise views.NotFound(
                "no watcher state here: run `dateline watch` on this store to record changes"
            )
        return watch_state

    @app.get("/feeds/changes.atom", summary="Atom feed of every change", tags=["feeds"])
    def feed_all(request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 100) -> Response:
        from dateline.watch import all_feed

        xml = all_feed(need_watch(), limit=limit, self_url=str(request.url))
        return Response(xml, media_type=ATOM_TYPE)

    @app.get("/feeds/article.atom", summary="Atom feed of one article's changes", tags=["feeds"])
    def feed_article(
        request: Request,
        url: Annotated[str, Query(max_length=2000, description="the watched article URL")],
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> Response:
        from dateline.watch import article_feed

        state = need_watch()
        if state.item_by_url(url) is None:
            raise views.NotFound(f"{url!r} is not watched")
        return Response(
            article_feed(state, url, limit=limit, self_url=str(request.url)), media_type=ATOM_TYPE
        )

    @app.get("/feeds/hosts/{host}.atom", summary="Atom feed of one site's changes", tags=["feeds"])
    def feed_host(
        request: Request, host: str, limit: Annotated[int, Query(ge=1, le=500)] = 50
    ) -> Response:
        from dateline.watch import host_feed

        state = need_watch()
        if not any(it.host == host for it in state.items()):
            raise views.NotFound(f"no watched site {host!r}")
        return Response(
            host_feed(state, host, limit=limit, self_url=str(request.url)), media_type=ATOM_TYPE
        )

    @app.get(
        "/feeds/stories/{story_id}.atom",
        summary="Atom feed of the changes to one story's articles",
        tags=["feeds"],
    )
    def feed_story(
        request: Request, story_id: str, limit: Annotated[int, Query(ge=1, le=500)] = 100
    ) -> Response:
        from dateline.watch import story_feed

        state = need_watch()
        story = next((s for s in store.stories() if s.id == story_id), None)
        if story is None:
            raise views.NotFound(f"no story with id {story_id!r}")
        return Response(
            story_feed(state, store, story, limit=limit, self_url=str(request.url)),
            media_type=ATOM_TYPE,
        )

    @app.get("/feeds.json", summary="Available change feeds", tags=["feeds"])
    def feeds_json() -> JSONResponse:
        state = need_watch()
        return JSONResponse(
            {
                "all": "/feeds/changes.atom",
                "hosts": [
                    {"host": h, "feed": f"/feeds/hosts/{urllib.parse.quote(h)}.atom"}
                    for h in sorted({it.host for it in state.items()})
                ],
                "articles": [
                    {
                        "url": it.url,
                        "feed": "/feeds/article.atom?" + urllib.parse.urlencode({"url": it.url}),
                    }
                    for it in state.items(kind="article")
                ],
                "stories": [
                    {
                        "id": s.id,
                        "name": s.name,
                        "feed": f"/feeds/stories/{urllib.parse.quote(s.id)}.atom",
                    }
                    for s in store.stories()
                ],
            }
        )

    _openapi = app.openapi

    def openapi() -> dict[str, Any]:
        # Validation errors are answered with 400 (see ERROR_RESPONSES), never 422.
        if app.openapi_schema is None:
            schema = _openapi()
            for item in schema.get("paths", {}).values():
                for op in item.values():
                    op.get("responses", {}).pop("422", None)
            schema.get("components", {}).get("schemas", {}).pop("HTTPValidationError", None)
            schema.get("components", {}).get("schemas", {}).pop("ValidationError", None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _vis_items(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the interactive scale needs of each event; the table carries the rest."""
    keys = ("id", "label", "start", "end", "status", "display_date", "place")
    return [{k: e.get(k) for k in keys} for e in events]


def _query_without(request: Request, *names: str) -> str:
    """The request's query string minus some parameters (for paging and facet links)."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k not in names and v != ""]
    return urllib.parse.urlencode(pairs)


def _describe(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path")]
        parts.append(f"{'.'.join(loc) or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)
