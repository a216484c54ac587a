"""End-to-end in Debian's headless Chromium, driven by Playwright (never downloads a browser).

Starts the app with uvicorn on a free 127.0.0.1 port in a thread, opens the timeline, filters
it, clicks through to an event and a person, and saves screenshots under test-artifacts/.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.store import Store, open_store
from dateline.web import create_app
from dateline.web.sample import populate_sample

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
        )
    pytest.importorskip("playwright.sync_api", reason="playwright (dev extra) is not installed")
    import uvicorn

    store = open_store(tmp_path_factory.mktemp("browser") / "b.db")
    populate_sample(store)
    port = _free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser(server: tuple[str, Store]) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    # Playwright must not look for, or fetch, its own browser builds.
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


def test_timeline_filter_event_and_person(server: tuple[str, Store], browser: object) -> None:
    base, _ = server
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(base) else None,
    )

    page.goto(base + "/timeline")
    rows = page.locator("tr.event")
    assert rows.count() == 6
    # progressive enhancement: vis-timeline drew one item per dated event
    page.wait_for_selector("#timeline-vis:not([hidden]) .vis-item")
    assert page.locator(".vis-item .vis-item-content").count() == 6
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)

    # filter by person and status through the form
    page.fill("input[name=person]", "Herrera")
    page.select_option("select[name=status]", "happened")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**/timeline?*person=Herrera*")
    assert page.locator("tr.event").count() == 2
    page.locator(".zoom button[data-zoom=year]").click()
    page.screenshot(path=str(ARTIFACTS / "timeline-filtered.png"), full_page=True)

    # click through to the Askeby meeting
    page.locator("tr.event a.event-link").first.click()
    page.wait_for_url("**/events/ev-askeby-2019")
    assert page.locator("mark.evidence").count() == 2
    assert page.locator(".conflict .claim").count() == 2
    page.screenshot(path=str(ARTIFACTS / "event.png"), full_page=True)

    # and on to a participant
    page.locator("table.participants a.person", has_text="Maria Lindqvist").click()
    page.wait_for_url("**/people/Maria%20Lindqvist")
    roles = page.locator("table.roles tbody tr")
    assert roles.count() == 2
    assert "Minister of Trade" in roles.nth(0).inner_text()
    page.screenshot(path=str(ARTIFACTS / "person.png"), full_page=True)

    # a source document, with its facts highlighted and its versions compared
    page.goto(base + "/events/ev-askeby-2019")
    page.locator("article.source header a", has_text="Ministers hold talks").first.click()
    page.wait_for_url("**/documents/*")
    assert page.locator("table.side-by-side ins").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=True)

    # full-text search with facets, narrowed by one facet
    page.fill("header.top input[name=q]", "talks")
    page.press("header.top input[name=q]", "Enter")
    page.wait_for_url("**/search?q=talks")
    page.locator(".facets a", has_text="The Gazette").click()
    page.wait_for_url("**outlet=The%20Gazette*")
    assert page.locator("article.hit").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)

    # a story draws its own events on the same scale
    page.goto(base + "/stories/story-harbour")
    page.wait_for_selector("#timeline-vis:not([hidden]) .vis-item")
    assert page.locator(".vis-item .vis-item-content").count() == 5
    page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)

    # the hostile capture's page runs nothing
    page.goto(base + "/events/ev-hostile-2021")
    page.locator("a", has_text="Harbour").first.click()
    page.wait_for_load_state("load")
    page.screenshot(path=str(ARTIFACTS / "document-hostile.png"), full_page=True)

    assert dialogs == [], dialogs
    assert errors == [], errors
    assert outside == [], outside
    page.close()


def test_pages_work_without_javascript(server: tuple[str, Store], browser: object) -> None:
    base, _ = server
    ctx = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = ctx.new_page()
    page.goto(base + "/timeline?type=call")
    assert page.locator("tr.event").count() == 1
    assert page.locator("#timeline-vis").is_hidden()
    page.locator("tr.event a.event-link").click()
    page.wait_for_url("**/events/ev-call-2019")
    assert "Jun 2019" in page.inner_text("dl.facts")
    ctx.close()
