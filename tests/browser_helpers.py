"""Helpers for the real-browser tests: waiting for the service worker, reading IndexedDB.

Plain functions (no state); they evaluate promises instead of using `wait_for_function`,
whose string polling the app's Content-Security-Policy rightly forbids.
"""

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


def wait_for_service_worker(page):
    """Wait until the worker controls the page: `ready` can resolve while it is still activating."""
    page.evaluate(WAIT_FOR_CONTROLLER)


def open_view(page, path, heading):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def read_store(page, store_name):
    """Every record of one IndexedDB store of the app, as the page sees it."""
    return page.evaluate(READ_STORE, store_name)


def wait_for_records(page, store_name, count, timeout_seconds=5):
    """The store's records once it holds `count` of them: writes commit a moment after the UI moves on."""
    for _ in range(int(timeout_seconds * 20)):
        records = read_store(page, store_name)
        if len(records) >= count:
            return records
        page.wait_for_timeout(50)
    return read_store(page, store_name)


def answer_safety_check(page, yes=()):
    """Answer the safety check through its form: "no" to all, then "yes" to the ids in `yes`."""
    page.goto("/check")
    expect(page.get_by_role("heading", name="Safety check")).to_be_visible()
    answer_again = page.get_by_role("button", name="Answer again")
    if answer_again.count():
        answer_again.click()
    for button in page.get_by_role("button", name="No to all of these").all():
        button.click()
    for question_id in yes:
        page.locator(f'input[name="{question_id}"][value="yes"]').check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.locator(".advice")).to_be_visible()
