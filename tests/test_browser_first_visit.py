"""A first visit downloads each file once (the service worker takes what the page already has), and
the shell's inline stylesheet and preloads work under its strict CSP."""

import re
from collections import Counter

from playwright.sync_api import expect

from pwa import create_app
from tests.browser_helpers import count_catalog_refreshes, read_store, wait_for_first_catalog_refresh, wait_for_service_worker, wait_in_page, wait_until

COLLECT_VIOLATIONS = """window.unknotViolations = [];
document.addEventListener("securitypolicyviolation", (event) => window.unknotViolations.push(`${event.violatedDirective} ${event.blockedURI}`));"""


class CountingApp:
    """WSGI middleware counting the answers by (path, status), in front of everything (WhiteNoise too)."""

    def __init__(self, app):
        self.app = app
        self.answers = Counter()

    def __call__(self, environ, start_response):
        def counting_start_response(status, headers, *args):
            self.answers[(environ["PATH_INFO"], int(status.split()[0]))] += 1
            return start_response(status, headers, *args)

        return self.app(environ, counting_start_response)


# Resolves once the worker is activated (its precache is complete). A promise, not
# `wait_for_function`: polling a string needs eval, which the page's CSP refuses.
WORKER_ACTIVATED = """() => navigator.serviceWorker.ready.then((registration) => new Promise((resolve) => {
    const worker = registration.active;
    const check = () => worker.state === "activated" && resolve();
    worker.addEventListener("statechange", check);
    check();
}))"""


def counted_server(start_live_server, database_uri, **config):
    """A live server whose every answer is counted by path and status: `(app, counting, server)`."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri, **config})
    counting = CountingApp(app.wsgi_app)
    app.wsgi_app = counting
    return app, counting, start_live_server(app)


def test_a_first_visit_downloads_nothing_twice(browser, database_uri, start_live_server):
    app, counting, server = counted_server(start_live_server, database_uri)
    context = browser.new_context(base_url=server.url)
    try:
        page = context.new_page()
        page.add_init_script(COLLECT_VIOLATIONS)
        page.goto("/")
        expect(page.get_by_role("link", name=re.compile("^Start "))).to_be_visible()
        wait_for_service_worker(page)
        wait_in_page(page, WORKER_ACTIVATED, "the service worker was not activated within 30 s", timeout_seconds=30)
        # The inline stylesheet applied (the app bar is laid out as a flex row), and nothing was refused.
        assert page.evaluate("getComputedStyle(document.querySelector('.app-bar')).display") == "flex"
        assert page.evaluate("window.unknotViolations") == []
    finally:
        context.close()

    downloads = Counter(path for (path, status), count in counting.answers.items() if status == 200 for _ in range(count))
    twice = {path: count for path, count in downloads.items() if count > 1}
    assert twice == {}
    precache = app.extensions["assets"].precache
    # Everything the worker keeps came down once, or was revalidated (a 304) after the page had it.
    assert all(downloads[url] == 1 or counting.answers[(url, 304)] >= 1 for url in precache)
    # Home's documents came once, through the shell's preloads, which the page's own fetch took.
    assert downloads["/api/v1/routines"] == downloads["/api/v1/safety"] == 1


def test_a_later_visit_downloads_nothing_the_device_has(browser, database_uri, start_live_server):
    """The shell's preloads, on a visit the worker answers, come from its precache: only the page's own revalidations reach the server."""
    # Nothing fresh in the HTTP cache, as some minutes after a visit: every catalog read it answered would reach the server.
    _, counting, server = counted_server(start_live_server, database_uri, CATALOG_MAX_AGE=0)
    context = browser.new_context(base_url=server.url)
    try:
        page = context.new_page()
        page.goto("/")
        wait_for_service_worker(page)
        wait_in_page(page, WORKER_ACTIVATED, "the service worker was not activated within 30 s", timeout_seconds=30)
        page.wait_for_load_state("networkidle")
        counting.answers.clear()
        page.reload()
        expect(page.get_by_role("link", name=re.compile("^Start "))).to_be_visible()
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    downloaded = sorted(path for (path, status) in counting.answers if status == 200)
    assert downloaded == [], downloaded
    # The page's refresh still asks, once, whether each document is current.
    assert counting.answers[("/api/v1/routines", 304)] == counting.answers[("/api/v1/safety", 304)] == 1


def test_a_view_drawn_from_what_the_first_refresh_stored_is_not_drawn_again_when_it_ends(page):
    # The first visit's refresh stores the exercises, then waits (here, for the guide); meanwhile
    # the person opens an exercise, drawn from that very copy, and pauses its animation.
    held = []

    def hold(route):
        held.append(route)

    page.route("**/api/v1/guide", hold)
    count_catalog_refreshes(page)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    wait_until(page, lambda: held and "/api/v1/exercises" in {record["path"] for record in read_store(page, "catalog")}, "the first refresh did not store the exercises")
    # Drawn in place, as from a link (the way the back button does): the page is not reloaded.
    page.evaluate("history.pushState(null, '', '/exercises/pelvic-tilt'); window.dispatchEvent(new PopStateEvent('popstate'))")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pelvic tilt")
    pause = page.get_by_role("button", name="Pause the animation")
    pause.click()
    expect(pause).to_have_attribute("aria-pressed", "true")
    # The refresh ends: nothing on screen is older than what it brought, so nothing is redrawn.
    for route in held:
        route.continue_()
    wait_for_first_catalog_refresh(page)
    expect(pause).to_have_attribute("aria-pressed", "true")
    expect(pause).to_be_focused()
