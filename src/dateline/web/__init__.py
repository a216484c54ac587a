"""The web app and REST API: server-rendered pages with JSON twins, exports, OpenAPI."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dateline.web.app import create_app

__all__ = ["create_app", "serve"]


def __getattr__(name: str) -> Any:
    # FastAPI and Jinja2 load only when the app is wanted: the exporters share this package's
    # pure helpers (dateline.web.text) and the CLI should stay quick to start.
    if name == "create_app":
        from dateline.web.app import create_app

        return create_app
    raise AttributeError(f"module 'dateline.web' has no attribute {name!r}")


def serve(
    store_url: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    log_level: str = "info",
    watch: str | None = None,
) -> None:
    """Open the store at ``store_url`` and serve the app with uvicorn until interrupted.

    Binds to 127.0.0.1 unless told otherwise: the pages show raw captures and are not meant
    to face the internet without a proxy in front. ``watch`` is the watcher's state file for
    the Atom change feeds (default: the store's own file, if the watcher uses it).
    """
    import uvicorn

    from dateline.store import open_store
    from dateline.web.app import create_app

    store = open_store(store_url)
    try:
        uvicorn.run(create_app(store, watch=watch), host=host, port=port, log_level=log_level)
    finally:
        store.close()
