"""Helpers for the real-browser tests: waiting for the service worker, reading and seeding IndexedDB,
going offline for real, a clock that only the test moves, and axe on a page at rest.

Plain functions (no state); they evaluate promises instead of using `wait_for_function`,
whose string polling the app's Content-Security-Policy rightly forbids.
"""

import json
import time
from contextlib import contextmanager

from axe_playwright_python.base import AXE_SCRIPT
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

WAIT_FOR_CONTROLLER = """() => new Promise((resolve) => {
    if (navigator.serviceWorker.controller) return resolve();
    navigator.serviceWorker.addEventListener("controllerchange", () => resolve());
})"""

READ_STORE = """(storeName) => new Promise((resolve, reject) => {
    const request = indexedDB.open("unknot");
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
        const database = request.result;
        const read = database.transaction(storeName, "readonly").objectStore(storeName).getAll();
        read.onsuccess = () => { resolve(read.result); database.close(); };
        read.onerror = () => reject(read.error);
    };
})"""

# Open the app's database without a version, so this never runs an upgrade of its own: until
# the app has created it with every store to be written, give up the attempt and try again a
# moment later. Then put each store's records in it, in one transaction, and announce `announce`
# (if any) as the app announces its own writes.
SEED = """({ records, announce }) => new Promise((resolve, reject) => {
    const stores = Object.keys(records);
    const attempt = (triesLeft) => {
        const retry = () => (triesLeft ? setTimeout(() => attempt(triesLeft - 1), 50) : reject(new Error("no app database")));
        const request = indexedDB.open("unknot");
        request.onupgradeneeded = () => request.transaction.abort();
        request.onerror = (event) => { event.preventDefault(); retry(); };
        request.onsuccess = () => {
            const database = request.result;
            if (!stores.every((name) => database.objectStoreNames.contains(name))) { database.close(); return retry(); }
            const writing = database.transaction(stores, "readwrite");
            for (const store of stores) for (const record of records[store]) writing.objectStore(store).put(record);
            writing.oncomplete = () => { database.close(); if (announce) window.dispatchEvent(new Event(announce)); resolve(); };
            writing.onerror = () => reject(writing.error);
        };
    };
    attempt(100);
})"""


def seed_store(page, store, records):
    """Put `records` in the app's IndexedDB store `store`, as if the app had written them."""
    page.evaluate(SEED, {"records": {store: records}, "announce": None})


def wait_in_page(page, script, message, arg=None, timeout_seconds=10):
    """Evaluate `script`, a function returning a promise, failing with `message` if it has not settled in time.

    `page.evaluate` itself waits for ever; the deadline runs on the page's clock, which a
    test's fake clock (`page.clock.install()`) lets flow unless it pauses it.
    """
    raced = f"""(arg) => new Promise((resolve, reject) => {{
        const timer = setTimeout(() => reject(new Error({json.dumps(message)})), {int(timeout_seconds * 1000)});
        Promise.resolve(({script})(arg)).then(resolve, reject).finally(() => clearTimeout(timer));
    }})"""
    return page.evaluate(raced, arg)


def wait_until(page, predicate, message, timeout_seconds=10):
    """Call `predicate` until it returns something truthy, and return that; raise AssertionError(message) on time out.

    `message` may be a function, called on time out, to say what was found instead.
    """
    deadline = time.monotonic() + timeout_seconds
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise AssertionError(message() if callable(message) else message)
        page.wait_for_timeout(50)


# Every animation and transition running now, to its end (with motion reduced, a few milliseconds).
ANIMATIONS_ENDED = """() => Promise.all(
    document.getAnimations().filter((animation) => animation.playState === "running").map((animation) => animation.finished.catch(() => null)),
)"""


# Axe with timers of its own: a test's paused fake clock would never fire the page's. A zero
# delay runs as the next task; longer delays are only axe's time-outs, which never fire here.
AXE = Axe(
    axe_script="""(() => {
    const setTimeout = (callback, delay = 0, ...args) => {
        if (delay > 0) return 0;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { channel.port1.close(); callback(...args); };
        channel.port2.postMessage(null);
        return 0;
    };
    const clearTimeout = () => {};
"""
    + AXE_SCRIPT
    + "\n})();"
)


def wait_for_service_worker(page):
    """Wait until the worker controls the page: `ready` can resolve while it is still activating."""
    wait_in_page(page, WAIT_FOR_CONTROLLER, "no service worker took control of the page within 10 s")


# Counts the catalog refreshes that ended (main.js announces each), from the page's very start.
COUNT_CATALOG_REFRESHES = """window.catalogRefreshes = 0;
window.addEventListener("unknot:catalog-refreshed", () => window.catalogRefreshes++);"""
CATALOG_REFRESHED_ONCE = """() => new Promise((resolve) => {
    if (window.catalogRefreshes >= 1) return resolve();
    window.addEventListener("unknot:catalog-refreshed", () => resolve(), { once: true });
})"""


def count_catalog_refreshes(page):
    """From the next load of `page` on, count the catalog refreshes that end (before `goto`)."""
    page.add_init_script(COUNT_CATALOG_REFRESHES)


def wait_for_first_catalog_refresh(page):
    """Wait until the page's first catalog refresh has ended (counted since `count_catalog_refreshes`)."""
    wait_in_page(page, CATALOG_REFRESHED_ONCE, "no catalog refresh ended within 10 s")


def phone(width=390, height=844):
    """Browser context options for a phone of `width` x `height` CSS pixels, with a 3x screen and touch."""
    return {"viewport": {"width": width, "height": height}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}


def open_view(page, path, heading):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def read_store(page, store_name):
    """Every record of one IndexedDB store of the app, as the page sees it."""
    return page.evaluate(READ_STORE, store_name)


def wait_for_records(page, store_name, count, timeout_seconds=10):
    """The store's records once it holds at least `count`: writes commit a moment after the UI moves on."""
    records = []

    def enough():
        records[:] = read_store(page, store_name)
        return len(records) >= count

    wait_until(page, enough, lambda: f"store {store_name!r} holds {len(records)} records after {timeout_seconds} s, not {count}", timeout_seconds)
    return records


def seed_log(page, sessions):
    """Put `sessions` (each with an optional "sets" list) in the app's log, as if logged here, and say the log changed."""
    logged = [{key: value for key, value in session.items() if key != "sets"} for session in sessions]
    sets = [{**record, "sessionId": session["id"]} for session in sessions for record in session.get("sets", [])]
    # The app's own writes to the log announce themselves so; sync waits for it.
    page.evaluate(SEED, {"records": {"sessions": logged, "sets": sets}, "announce": "unknot:log-changed"})


def answer_no_to_every_question(page):
    """Tap "No" on every question of the open safety check form: the emergency questions one by one
    (they have no shortcut), then "No to all of these" for each group that has it."""
    emergency = page.locator(".question-group").first
    expect(emergency.get_by_role("button", name="No to all of these")).to_have_count(0)
    for choice in emergency.locator('input[value="no"]').all():
        choice.check()
    shortcuts = page.get_by_role("button", name="No to all of these")
    expect(shortcuts).to_have_count(page.locator(".question-group").count() - 1)
    for button in shortcuts.all():
        button.click()


def answer_safety_check(page, yes=()):
    """Answer the safety check through its form: "no" to all, then "yes" to the ids in `yes`."""
    page.goto("/check")
    expect(page.get_by_role("heading", name="Safety check")).to_be_visible()
    answer_again = page.get_by_role("button", name="Answer again")
    if answer_again.count():
        answer_again.click()
    answer_no_to_every_question(page)
    for question_id in yes:
        page.locator(f'input[name="{question_id}"][value="yes"]').check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.locator(".advice").first).to_be_visible()


# A person who takes `seconds` to get into each new posture, then taps "I'm ready": on the
# page's own (fake) clock, so a routine's timeline stays the one its get-ready seconds plan.
GETS_INTO_POSITION = """(seconds) => {
    if (window.getsIntoPosition) return;
    window.getsIntoPosition = true;
    let waitingOn = null;
    let turn = 0;
    new MutationObserver(() => {
        const button = document.querySelector(".player[data-waiting] .player-main-button");
        const waiting = button?.textContent === "I'm ready" ? button : null;
        if (waiting !== waitingOn) {
            // A new wait starts the person's seconds afresh; one that ended (a pause) cancels them.
            const mine = ++turn;
            if (waiting) setTimeout(() => mine === turn && waiting.click(), seconds * 1000);
        }
        waitingOn = waiting;
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}"""


def gets_into_position(page, seconds=5):
    """From now on, on this page and after every reload, "I'm ready" is tapped `seconds` after it shows."""
    script = f"document.addEventListener('DOMContentLoaded', () => ({GETS_INTO_POSITION})({seconds}))"
    page.add_init_script(script)
    page.evaluate(GETS_INTO_POSITION, seconds)


def start_routine(page, pain="4", ready_after=5):
    """On the pain question, tap `pain` (None taps "Skip") and wait for the running player.

    Each get-ready for a new posture waits for "I'm ready": it is tapped `ready_after` seconds
    after it shows (the get-ready's planned time), or, with `ready_after=None`, left to the test.
    """
    if ready_after is not None:
        gets_into_position(page, ready_after)
    page.get_by_role("button", name=pain or "Skip", exact=True).click()
    expect(page.locator(".player[data-step]")).to_be_visible()


def pause_clock(page):
    """Stop the page's fake clock (installed and flowing): from now on only `run_for` and
    `fast_forward` move it, so a slow machine never moves a running routine on by itself.

    The clock jumps a few seconds ahead first: it cannot pause in its own past, and it keeps
    flowing until the call lands. Call it where a jump of a few seconds changes nothing.
    """
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 5)


def started_player(page, routine="back-basics", pain="3"):
    """A running player for `routine`, on a paused fake clock, the safety check answered "no" to all."""
    page.clock.install()
    answer_safety_check(page)
    page.goto(f"/play/{routine}")
    expect(page.get_by_role("heading", name="How is your back pain right now?")).to_be_visible()
    pause_clock(page)
    start_routine(page, pain)


@contextmanager
def player_on_phone(browser, server, routine="back-basics", width=390, height=844):
    """A phone of `width` x `height` on `routine`'s pain question, the safety check answered
    "no" to all, on a paused fake clock; the phone's browser context closes afterwards."""
    context = browser.new_context(base_url=server.url, **phone(width, height))
    try:
        page = context.new_page()
        page.clock.install()
        answer_safety_check(page)
        page.goto(f"/play/{routine}")
        expect(page.get_by_role("heading", name="How is your back pain right now?")).to_be_visible()
        pause_clock(page)
        yield page
    finally:
        context.close()


@contextmanager
def offline(page, server):
    """The device offline for real: Chromium's offline emulation, and the server off the network.

    The emulation does not always reach the service worker's own fetches, so the server stops
    too (its open connections dropped) and nothing can come from it; on leaving, it starts
    again on the same port, and then the device comes back online.
    """
    page.context.set_offline(True)
    server.stop()
    try:
        yield
    finally:
        server.start()
        page.context.set_offline(False)


def ignore(_event):
    pass


@contextmanager
def expect_file_chooser(page):
    """`page.expect_file_chooser()`, with Chromium told to report file choosers before the block runs.

    Playwright turns the reporting on only when a file chooser is first awaited, and Chromium may
    apply that after the key press or tap that opens the chooser: on a loaded machine the
    chooser then opens unreported, and the wait times out. A listener added first, and a call
    that goes through the page after it (the page applies its instructions in order), settle
    the reporting before the block opens the chooser.
    """
    page.on("filechooser", ignore)
    try:
        page.evaluate("() => document.readyState")
        with page.expect_file_chooser() as chooser:
            yield chooser
    finally:
        page.remove_listener("filechooser", ignore)


def assert_no_axe_violations(page, screen="page"):
    """Axe finds nothing on the page at rest: motion reduced, and every running transition ended,
    so no colour is judged mid-way from one state to the next."""
    page.emulate_media(reduced_motion="reduce")
    wait_in_page(page, ANIMATIONS_ENDED, "an animation was still running 10 s after motion was reduced")
    results = AXE.run(page)
    assert results.violations_count == 0, f"{screen}: {results.generate_report()}"
