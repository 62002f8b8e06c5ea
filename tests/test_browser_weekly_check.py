"""The weekly function check in a real browser: Home's card, the form by keyboard, History's
chart, a check made offline that syncs once and reaches a paired device, and every view on a
narrow phone, in light and dark, clean under axe."""

import csv
import io
import json
import re
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from browser_helpers import assert_no_axe_violations, offline, read_store, wait_for_records, wait_for_service_worker, wait_in_page, wait_until
from playwright.sync_api import expect

CARD = "Weekly check: how are the things your back makes hard?"
NAME = "Something your back makes hard to do"

# Every control a person taps in the view: at least 44 px, on screen once scrolled to, not covered.
TAPPABLE = """() => {
    const faults = [];
    for (const element of document.querySelectorAll("main button, main input, main summary, main a.button")) {
        if (!element.checkVisibility({ visibilityProperty: true })) continue;
        element.scrollIntoView({ block: "center" });
        const box = element.getBoundingClientRect();
        const name = (element.getAttribute("aria-label") || element.id || element.textContent).trim();
        if (box.width < 44 || box.height < 44) faults.push(`${name}: ${box.width.toFixed(0)}x${box.height.toFixed(0)} px`);
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (!element.contains(hit)) faults.push(`${name}: covered by ${hit?.outerHTML.slice(0, 80)}`);
    }
    return { faults, scrollWidth: document.documentElement.scrollWidth };
}"""


def server_checks(base_url, token):
    request = urllib.request.Request(f"{base_url}/api/v1/function-checks", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["checks"]


def check_confirmations(page):
    """The sync store's confirmations of weekly checks, without their kind."""
    return [{key: value for key, value in entry.items() if key != "kind"} for entry in read_store(page, "sync") if entry["kind"] == "weeklyCheck"]


def wait_for_check_confirmations(page, count):
    """The confirmations of weekly checks once there are at least `count`."""
    confirmations = []

    def enough():
        confirmations[:] = check_confirmations(page)
        return len(confirmations) >= count

    wait_until(page, enough, lambda: f"{len(confirmations)} weekly checks confirmed after 10 s, not {count}")
    return confirmations


def device_token(page):
    return next(record["value"]["token"] for record in read_store(page, "settings") if record["key"] == "syncDevice" and record["value"])


def rate(page, row, name, score):
    """Name activity `row` (0-based) and rate it, by keyboard only: type, Tab into the scores, arrow to `score`."""
    field = page.get_by_label(NAME).nth(row)
    field.focus()
    field.fill("")
    page.keyboard.type(name)
    # Tab lands on the group's first score (0) when none is checked yet.
    page.keyboard.press("Tab")
    for _ in range(score):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")


def test_the_form_by_keyboard_saves_to_the_device_then_edits_the_same_check(page):
    page.goto("/")
    page.get_by_role("link", name="Take the weekly check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Weekly check")

    # A name without a score is not saved: the row says what to fix, and its field is marked.
    page.get_by_label(NAME).first.fill("Putting on socks")
    page.get_by_role("button", name="Save this week's check").click()
    expect(page.get_by_text("Rate this activity from 0 to 10, or clear its name.")).to_be_visible()
    expect(page.get_by_label(NAME).first).to_have_attribute("aria-invalid", "true")
    assert read_store(page, "functionChecks") == []

    rate(page, 0, "Putting on socks", 4)
    rate(page, 1, "Sitting for an hour", 7)
    expect(page.get_by_role("radio", name="4", exact=True).first).to_be_checked()
    page.get_by_label(NAME).first.press("Enter")

    expect(page.get_by_role("status").filter(has_text="Saved on this device.")).to_be_visible()
    (saved,) = read_store(page, "functionChecks")
    assert saved["activities"] == [{"name": "Putting on socks", "score": 4}, {"name": "Sitting for an hour", "score": 7}]
    assert saved["takenAt"] == saved["updatedAt"]

    # Within the week, the form edits that check: its names and scores are there to change.
    page.goto("/weekly-check")
    expect(page.get_by_text("You did this week's check already")).to_be_visible()
    expect(page.get_by_label(NAME).nth(1)).to_have_value("Sitting for an hour")
    page.get_by_label(NAME).nth(1).press("Tab")
    page.keyboard.press("ArrowRight")  # 7 becomes 8
    page.get_by_role("button", name="Save this week's check").click()
    expect(page.get_by_role("status").filter(has_text="Saved on this device.")).to_be_visible()
    (edited,) = read_store(page, "functionChecks")
    assert (edited["id"], edited["takenAt"]) == (saved["id"], saved["takenAt"])
    assert edited["activities"][1] == {"name": "Sitting for an hour", "score": 8}
    assert edited["updatedAt"] > saved["updatedAt"]

    # Home asks again only next week.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=CARD)).to_have_count(0)


def test_not_now_hides_the_card_until_next_week(page):
    page.goto("/")
    expect(page.get_by_role("heading", name=CARD)).to_be_visible()

    page.get_by_role("button", name="Not now").click()

    expect(page.get_by_role("heading", name=CARD)).to_have_count(0)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=CARD)).to_have_count(0)
    assert [record["key"] for record in read_store(page, "settings") if record["key"] == "weeklyCheckSnoozedAt"] == ["weeklyCheckSnoozedAt"]


def save_a_check(page, *activities):
    page.goto("/weekly-check")
    for row, (name, score) in enumerate(activities):
        page.get_by_label(NAME).nth(row).fill(name)
        page.locator(f"#activity-{row}-score-{score}").click()
    page.get_by_role("button", name="Save this week's check").click()
    expect(page.get_by_role("status").filter(has_text="Saved on this device.")).to_be_visible()


def test_history_shows_each_activity_by_week_as_a_chart_and_a_table(page):
    page.goto("/")
    save_a_check(page, ("Putting on socks", 3), ("Lifting a bag", 6))

    page.goto("/history")

    panel = page.get_by_role("region", name="Weekly check")
    chart = panel.get_by_role("img")
    expect(chart).to_have_attribute("aria-label", re.compile(r"from 0 \(unable\) to 10 \(as before\)\. Putting on socks: 3 on .+; Lifting a bag: 6 on .+\."))
    expect(panel.locator(".chart-legend li")).to_have_text(["Putting on socks", "Lifting a bag"])
    panel.get_by_text("Weekly check table").click()
    rows = panel.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("td")).to_have_text(["Putting on socks", "3"])
    expect(rows.nth(1).locator("td")).to_have_text(["Lifting a bag", "6"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_weekly_check_view_fits_a_320_px_phone_and_passes_axe(browser, base_url, scheme):
    context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 568}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto("/")
        expect(page.get_by_role("heading", name=CARD)).to_be_visible()
        for screen, path in [("Home with the card", None), ("the form", "/weekly-check")]:
            if path:
                page.goto(path)
                expect(page.get_by_role("heading", level=1)).to_have_text("Weekly check")
            layout = page.evaluate(TAPPABLE)
            assert layout["faults"] == [], screen
            assert layout["scrollWidth"] <= 320, f"{screen} scrolls sideways"
            assert_no_axe_violations(page, f"{screen}, {scheme}")

        page.get_by_role("button", name="Save this week's check").click()
        expect(page.get_by_text("Name at least one activity and rate it from 0 to 10.")).to_be_visible()
        assert_no_axe_violations(page, f"the form with its error, {scheme}")
        save_a_check(page, ("Getting out of a low chair, slowly and carefully", 2), ("Stairs", 10), ("Sleeping through the night", 0))
        page.goto("/history")
        page.get_by_text("Weekly check table").click()
        layout = page.evaluate(TAPPABLE)
        assert layout["faults"] == [], "History"
        assert layout["scrollWidth"] <= 320, "History scrolls sideways"
        assert_no_axe_violations(page, f"History with the weekly check, {scheme}")
    finally:
        context.close()


def test_a_check_made_offline_syncs_once_and_reaches_a_paired_device(page, browser, live_server, base_url):
    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" and request.url.endswith("/api/v1/function-checks") else None)
    page.goto("/")
    wait_for_service_worker(page)
    with offline(page, live_server):
        save_a_check(page, ("Putting on socks", 5))
        page.get_by_role("link", name="Settings").click()
        expect(page.locator(".sync-status")).to_contain_text("1 weekly check waiting to sync until you are back online.")
        assert check_confirmations(page) == []

    # Back online: sent once, and confirmed for the very edit that was sent.
    (local,) = read_store(page, "functionChecks")
    assert wait_for_check_confirmations(page, 1) == [{"id": local["id"], "syncedUpdatedAt": local["updatedAt"]}]
    expect(page.locator(".sync-status")).not_to_contain_text("weekly check")
    page.get_by_role("button", name="Sync now").click()
    expect(page.locator(".sync-status")).to_contain_text("Last synced")
    assert server_checks(base_url, device_token(page)) == [{key: local[key] for key in ("id", "takenAt", "updatedAt", "activities")}]
    assert len(posts) == 1

    other = browser.new_context(base_url=base_url)
    try:
        second = other.new_page()
        second.goto("/settings")
        page.get_by_role("button", name="Show a pairing code").click()
        second.get_by_label("Join with a code").fill(page.locator(".pairing-code").inner_text())
        second.get_by_role("button", name="Join").click()
        expect(second.get_by_text("Joined. Your history from the other device is on this one now.")).to_be_visible()
        (pulled,) = wait_for_records(second, "functionChecks", 1)
        assert pulled == local
        second.get_by_role("link", name="History").click()
        expect(second.get_by_role("region", name="Weekly check").locator(".chart-legend li")).to_have_text(["Putting on socks"])
        # Pulled checks count as synced: the second device sends nothing back.
        assert check_confirmations(second) == [{"id": local["id"], "syncedUpdatedAt": local["updatedAt"]}]
    finally:
        other.close()


def test_export_carries_the_check_and_delete_my_data_removes_it_here_and_on_the_server(page, base_url):
    page.goto("/")
    save_a_check(page, ("Putting on socks", 5), ("Stairs", 8))
    wait_for_check_confirmations(page, 1)
    token = device_token(page)
    assert len(server_checks(base_url, token)) == 1
    page.goto("/settings")

    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert [(row["activity"], row["activity_score"]) for row in rows] == [("Putting on socks", "5"), ("Stairs", "8")]

    page.get_by_role("button", name="Delete my data").click()
    expect(page.get_by_role("dialog")).to_contain_text("Every session, set, weekly check and own routine")
    page.get_by_role("button", name="Delete everything").click()

    expect(page.get_by_text("Your data was deleted, here and on the server.")).to_be_visible()
    assert read_store(page, "functionChecks") == [] and read_store(page, "sync") == []
    with pytest.raises(urllib.error.HTTPError) as refused:
        server_checks(base_url, token)
    assert refused.value.code == 401
    refused.value.close()
    page.goto("/history")
    expect(page.get_by_role("region", name="Weekly check")).to_contain_text("Take the weekly check")


SEED_CHECK = """(check) => new Promise((resolve, reject) => {
    const request = indexedDB.open("unknot");
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
        const database = request.result;
        const writing = database.transaction("functionChecks", "readwrite");
        writing.objectStore("functionChecks").put(check);
        writing.oncomplete = () => { database.close(); window.dispatchEvent(new Event("unknot:log-changed")); resolve(); };
        writing.onerror = () => reject(writing.error);
    };
})"""


def test_a_check_the_server_refuses_is_set_aside_and_named_in_settings(page, base_url):
    """A clock far ahead made the check: the server refuses it, and it is not sent again and again."""
    page.goto("/settings")
    expect(page.locator(".sync-status")).to_contain_text("Nothing to sync yet")
    future = "2040-01-01T08:00:00.000Z"
    check = {"id": "0b6c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4", "takenAt": future, "updatedAt": future, "activities": [{"name": "Socks", "score": 3}]}
    page.evaluate(SEED_CHECK, check)

    (record,) = wait_for_check_confirmations(page, 1)

    assert record["id"] == check["id"] and record["rejectedUpdatedAt"] == future
    page.reload()
    expect(page.locator(".sync-status")).to_contain_text("1 weekly check could not be synced: checks[0].takenAt: is in the future")
    assert server_checks(base_url, device_token(page)) == []


# The person saves an edit at the worst moment of a pull: once the pull has read this device's
# copy of the record and before it writes the account's. A test hook on the next read of the
# store: as soon as its transaction ends, the edit is written (and announced, as a save is), in a
# transaction of its own made before the pull can make another.
EDIT_AFTER_THE_PULL_READS = """({ store, edit }) => {
    window.editWritten = new Promise((resolve, reject) => {
        const get = IDBObjectStore.prototype.get;
        IDBObjectStore.prototype.get = function (...args) {
            const request = get.apply(this, args);
            if (this.name === store && IDBObjectStore.prototype.get !== get) {
                IDBObjectStore.prototype.get = get;
                this.transaction.addEventListener("complete", () => {
                    const writing = this.transaction.db.transaction(store, "readwrite");
                    writing.objectStore(store).put(edit);
                    writing.oncomplete = () => { window.dispatchEvent(new Event("unknot:log-changed")); resolve(); };
                    writing.onerror = () => reject(writing.error);
                });
            }
            return request;
        };
    });
}"""


def later(timestamp, milliseconds):
    """An ISO time `milliseconds` after `timestamp`, in the app's own format."""
    moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00")) + timedelta(milliseconds=milliseconds)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def test_an_edit_saved_while_a_pull_brings_an_older_one_is_kept_and_synced(page, base_url):
    page.goto("/")
    save_a_check(page, ("Putting on socks", 5))
    (synced,) = wait_for_check_confirmations(page, 1)
    (mine,) = read_store(page, "functionChecks")
    assert synced["syncedUpdatedAt"] == mine["updatedAt"]
    page.goto("/settings")
    expect(page.locator(".sync-status")).to_contain_text("Last synced")
    token = device_token(page)
    # Another device of the account edits the check (to 6) and syncs; then this device's edit (to 8) is later still.
    elsewhere = {**mine, "updatedAt": later(mine["updatedAt"], 1), "activities": [{"name": "Putting on socks", "score": 6}]}
    here = {**mine, "updatedAt": later(mine["updatedAt"], 2), "activities": [{"name": "Putting on socks", "score": 8}]}
    body = json.dumps({"checks": [elsewhere]}).encode()
    request = urllib.request.Request(f"{base_url}/api/v1/function-checks", data=body, method="POST", headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).close()
    page.evaluate(EDIT_AFTER_THE_PULL_READS, {"store": "functionChecks", "edit": here})

    page.get_by_role("button", name="Sync now").click()
    wait_in_page(page, "() => window.editWritten", "the pull never read the check within 10 s")

    # The later edit stays on the device, and it, not the older one, is what the account ends with.
    wait_until(page, lambda: server_checks(base_url, token)[0]["updatedAt"] == here["updatedAt"], lambda: f"the server holds {server_checks(base_url, token)}, not the edit made here")
    assert server_checks(base_url, token)[0]["activities"] == here["activities"]
    assert read_store(page, "functionChecks") == [here]
    wait_until(page, lambda: check_confirmations(page) == [{"id": mine["id"], "syncedUpdatedAt": here["updatedAt"]}], "the edit made here was not confirmed")
    page.goto("/weekly-check")
    expect(page.locator("#activity-0-score-8")).to_be_checked()
