"""Own routines in real Chromium: built offline from a copy of Back basics, checked field by
field against the routine schema, played by the player on Playwright's clock, logged, and deleted;
then synced to a second paired device, edited there, and deleted everywhere."""

import json
import urllib.request
from pathlib import Path

from browser_helpers import (
    answer_safety_check,
    assert_no_axe_violations,
    count_catalog_refreshes,
    offline,
    open_view,
    pause_clock,
    read_store,
    seed_log,
    seed_store,
    start_routine,
    wait_for_first_catalog_refresh,
    wait_for_records,
    wait_for_service_worker,
    wait_in_page,
    wait_until,
)
from jsonschema import Draft202012Validator
from playwright.sync_api import expect
from referencing import Registry, Resource

from pwa.catalog import dosage
from tests.log_payloads import a_session
from tests.test_browser_sync import device_token, pair, server_sessions

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "routines" / "schema"


def routine_validator():
    """Python's jsonschema over the routine schema: the server's own verdict on a document."""
    schemas = {name: json.loads((SCHEMA_DIR / name).read_text()) for name in ("routine.schema.json", "exercise.schema.json")}
    registry = Registry().with_resources((name, Resource.from_contents(schema)) for name, schema in schemas.items())
    return Draft202012Validator(schemas["routine.schema.json"], registry=registry)


def item_titles(page):
    return page.locator(".builder-item h3").all_inner_texts()


def build_gentler_copy(page, name="Gentle basics"):
    """On Back basics' page: make a copy with Pelvic tilt first, Cat-cow second, three reps of
    Pelvic tilt (after a 0 the form refuses), under `name`; saved. Returns the routine's page URL."""
    page.get_by_role("link", name="Make a copy to change").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A copy of Back basics")
    assert item_titles(page) == ["1. Bridge", "2. Cat-cow", "3. Pelvic tilt", "4. Single knee-to-chest"]
    first = page.locator(".builder-item").first
    first.get_by_role("button", name="Remove").click()
    page.locator(".builder-item").nth(1).get_by_role("button", name="Move up").click()
    assert item_titles(page) == ["1. Pelvic tilt", "2. Cat-cow", "3. Single knee-to-chest"]
    # The moved exercise keeps the focus, on the same button where it still has one.
    expect(page.locator(".builder-item").first.get_by_role("button", name="Move down")).to_be_focused()
    page.locator(".builder-item").nth(2).get_by_role("button", name="Remove").click()
    length = page.locator(".builder-length")
    before = length.inner_text()

    reps = page.locator("#item-0-reps")
    reps.fill("0")
    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Save on this device").click()
    summary = page.locator(".form-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Exercise 1 (Pelvic tilt), Reps in each set: must be at least 1.")
    expect(reps).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#item-0-reps-error")).to_have_text("Must be at least 1.")
    assert page.url.endswith("/build?from=back-basics"), "nothing was saved"

    reps.fill("3")
    expect(summary).to_be_hidden()
    expect(length).not_to_have_text(before)
    page.get_by_role("button", name="Save on this device").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    return page.url


def test_a_gentler_copy_is_built_played_logged_and_deleted_offline(page, live_server):
    page.clock.install()
    page.goto("/")
    wait_for_service_worker(page)
    answer_safety_check(page)
    page.goto("/routines/back-basics")
    expect(page.get_by_role("heading", level=1)).to_have_text("Back basics")
    with offline(page, live_server):
        build_gentler_copy(page)
        (record,) = wait_for_records(page, "own_routines", 1)
        routine = record["routine"]
        assert not record["deleted"] and record["updatedAt"]
        assert [item["exercise"] for item in routine["items"]] == ["pelvic-tilt", "cat-cow"]
        assert routine["items"][0]["reps"] == 3
        assert list(routine_validator().iter_errors(routine)) == []
        seconds = dosage.routine_seconds(routine)
        expect(page.locator("article .meta").first).to_contain_text(f"About {dosage.rounded_minutes(seconds)} minute")
        assert page.url.endswith(f"/routines/{record['id']}")

        page.get_by_role("link", name="Start Gentle basics").click()
        expect(page.get_by_role("heading", name="How is your back pain right now?")).to_be_visible()
        pause_clock(page)
        start_routine(page, "4")
        expect(page.locator(".player-exercise")).to_have_text("Pelvic tilt")
        page.clock.run_for((seconds + 2) * 1000)
        expect(page.get_by_role("heading", name="Routine complete")).to_be_visible()
        page.get_by_role("button", name="3", exact=True).click()
        expect(page.get_by_text("Saved on this device.")).to_be_visible()
        (session,) = read_store(page, "sessions")
        assert (session["routineId"], session["routineTitle"], session["status"]) == (record["id"], "Gentle basics", "completed")
        sets = sorted(read_store(page, "sets"), key=lambda entry: entry["order"])
        assert [(entry["exerciseId"], entry["repsDone"]) for entry in sets] == [("pelvic-tilt", 3), ("cat-cow", 8)]

        page.get_by_role("link", name="Unknot home").click()
        expect(page.get_by_role("link", name="Gentle basics")).to_be_visible()
        page.get_by_role("link", name="Gentle basics").click()
        page.get_by_role("button", name="Delete this routine").click()
        page.get_by_role("button", name="Yes, delete Gentle basics").click()
        expect(page.get_by_role("heading", name="Your routines")).to_be_visible()
        expect(page.get_by_role("link", name="Gentle basics")).to_have_count(0)
        (tombstone,) = read_store(page, "own_routines")
        assert tombstone["deleted"] and tombstone["routine"] is None and tombstone["updatedAt"] > record["updatedAt"]
        page.get_by_role("link", name="History").first.click()
        expect(page.locator(".history-entry")).to_contain_text("Gentle basics")

    # Online again: the routine (a tombstone now) and then its session reach the account.
    confirmations = wait_for_records(page, "sync", 2)
    assert {(entry["kind"], entry["id"]) for entry in confirmations} == {("session", session["id"]), ("ownRoutine", record["id"])}
    (stored,) = server_sessions(live_server.url, page)
    assert (stored["routineId"], stored["routineTitle"]) == (record["id"], "Gentle basics")


def test_the_builder_fits_a_320_px_phone_is_axe_clean_in_both_schemes_and_has_big_targets(browser, base_url):
    for scheme in ("light", "dark"):
        context = browser.new_context(base_url=base_url, viewport={"width": 320, "height": 640}, color_scheme=scheme, has_touch=True, is_mobile=True)
        page = context.new_page()
        page.goto("/build?from=back-basics")
        expect(page.get_by_role("heading", level=1)).to_have_text("A copy of Back basics")
        page.locator("#item-0-sets").fill("0")
        page.get_by_role("button", name="Save on this device").click()
        expect(page.locator(".form-error-summary")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        small = page.evaluate("""() => [...document.querySelectorAll("main button, main input, main select, main a.button")]
            .map((element) => [element.textContent || element.id, element.getBoundingClientRect()])
            .filter(([, box]) => box.height < 44 || box.width < 44).map(([name]) => name)""")
        assert small == []
        assert_no_axe_violations(page, f"builder, {scheme}")
        context.close()


def test_a_new_routine_from_the_library_uses_an_easier_version_and_keyboard_alone(page):
    page.goto("/")
    page.get_by_role("link", name="New routine").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New routine")
    expect(page.locator(".builder-length")).to_have_text("Add an exercise to see how long it takes.")
    page.get_by_label("Exercise to add").select_option(label="Pelvic tilt")
    page.get_by_role("button", name="Add this exercise").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#item-0-title")).to_be_focused()
    expect(page.locator(".builder-length")).to_contain_text("About 1 minute · 1 exercise")
    version = page.locator("#item-0-variant")
    easier = version.locator("option", has_text="Easier").first
    variant_id, variant_label = easier.get_attribute("value"), easier.inner_text()
    version.select_option(variant_id)
    expect(page.locator("#item-0-title")).to_have_text("1. " + variant_label.removeprefix("Easier: "))
    page.get_by_role("button", name="Save on this device").click()
    expect(page.locator(".form-error-summary")).to_contain_text("Name: must be at least 2 characters.")
    expect(page.get_by_label("Name")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Name").fill("Tilts")
    page.get_by_label("Name").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilts")
    assert_no_axe_violations(page, "own routine page")
    (record,) = read_store(page, "own_routines")
    assert record["routine"]["items"][0]["variant"] == variant_id
    assert list(routine_validator().iter_errors(record["routine"])) == []


# Fresh catalog data arrives (the "online" event starts a refresh); resolves once it has been
# stored and the view on screen drawn again if it had to be.
CATALOG_REFRESH = """() => new Promise((resolve) => {
    window.addEventListener("unknot:catalog-refreshed", resolve, { once: true });
    window.dispatchEvent(new Event("online"));
})"""


def test_a_draft_half_made_is_kept_when_fresh_catalog_data_arrives(page):
    count_catalog_refreshes(page)
    open_view(page, "/build", "New routine")
    page.get_by_label("Exercise to add").select_option(label="Pelvic tilt")
    page.get_by_role("button", name="Add this exercise").click()
    page.locator("#item-0-reps").fill("7")
    page.get_by_label("Name").fill("Half made")
    # Once the first visit's own refresh has ended (its end must not be taken for the next one's),
    # the device's copy of the catalog is made older than the server's: the next refresh stores it anew.
    wait_for_first_catalog_refresh(page)
    stale = [dict(record, etag='"older"') for record in read_store(page, "catalog")]
    seed_store(page, "catalog", stale)
    wait_in_page(page, CATALOG_REFRESH, "the catalog's refresh did not end within 10 s")
    assert {record["path"]: record["etag"] for record in read_store(page, "catalog")}["/api/v1/exercises"] != '"older"'
    expect(page.locator("#item-0-title")).to_have_text("1. Pelvic tilt")
    expect(page.locator("#item-0-reps")).to_have_value("7")
    expect(page.get_by_label("Name")).to_have_value("Half made")


def own_routines_on_server(base_url, page):
    """The account's own routines as the server lists them, with the token the page keeps."""
    token = next(record["value"]["token"] for record in read_store(page, "settings") if record["key"] == "syncDevice" and record["value"])
    request = urllib.request.Request(f"{base_url}/api/v1/own-routines", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["routines"]


def wait_until_confirmed(page, routine_id):
    """Until the sync queue holds the server's confirmation of the routine's current edit."""

    def confirmed():
        (record,) = [entry for entry in read_store(page, "own_routines") if entry["id"] == routine_id]
        return {"kind": "ownRoutine", "id": routine_id, "syncedUpdatedAt": record["updatedAt"]} in read_store(page, "sync")

    wait_until(page, confirmed, f"routine {routine_id} was not confirmed by the server within 10 s")


def test_an_own_routine_reaches_a_paired_device_an_edit_there_comes_back_and_a_deletion_reaches_both(browser, base_url):
    phone_context, laptop_context = (browser.new_context(base_url=base_url) for _ in range(2))
    try:
        phone, laptop = phone_context.new_page(), laptop_context.new_page()
        phone.goto("/build")
        phone.get_by_label("Exercise to add").select_option(label="Pelvic tilt")
        phone.get_by_role("button", name="Add this exercise").click()
        phone.get_by_label("Name").fill("Made on the phone")
        phone.get_by_role("button", name="Save on this device").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Made on the phone")
        (made,) = read_store(phone, "own_routines")
        wait_until_confirmed(phone, made["id"])
        assert [entry["routine"]["title"] for entry in own_routines_on_server(base_url, phone)] == ["Made on the phone"]

        phone.goto("/settings")
        laptop.goto("/settings")
        pair(phone, laptop)
        # Joining pulls and sends everything of both accounts: longer than expect's 5 s under load.
        expect(laptop.get_by_text("Joined. Your history from the other device is on this one now.")).to_be_visible(timeout=15_000)
        laptop.get_by_role("link", name="Unknot home").click()
        laptop.get_by_role("link", name="Made on the phone").click()
        laptop.get_by_role("link", name="Change it").click()
        expect(laptop.get_by_role("heading", level=1)).to_have_text("Change Made on the phone")
        laptop.get_by_label("Name").fill("Changed on the laptop")
        laptop.locator("#item-0-reps").fill("4")
        laptop.get_by_role("button", name="Save on this device").click()
        expect(laptop.get_by_role("heading", level=1)).to_have_text("Changed on the laptop")
        wait_until_confirmed(laptop, made["id"])

        phone.goto("/")
        expect(phone.get_by_role("link", name="Changed on the laptop")).to_be_visible()
        expect(phone.get_by_role("link", name="Made on the phone")).to_have_count(0)
        (edited,) = read_store(phone, "own_routines")
        assert edited["id"] == made["id"] and edited["routine"]["items"][0]["reps"] == 4
        phone.get_by_role("link", name="Changed on the laptop").click()
        phone.get_by_role("button", name="Delete this routine").click()
        phone.get_by_role("button", name="Yes, delete Changed on the laptop").click()
        expect(phone.get_by_role("heading", name="Your routines")).to_be_visible()
        wait_until_confirmed(phone, made["id"])

        laptop.goto("/")
        expect(laptop.get_by_role("heading", name="Your routines")).to_be_visible()
        wait_until(laptop, lambda: read_store(laptop, "own_routines")[0]["deleted"], "the deletion did not reach the laptop within 10 s")
        expect(laptop.get_by_role("link", name="Changed on the laptop")).to_have_count(0)
        (tombstone,) = own_routines_on_server(base_url, laptop)
        assert tombstone["deleted"] and tombstone["routine"] is None and tombstone["id"] == made["id"]
    finally:
        phone_context.close()
        laptop_context.close()


def save_a_routine(page, name):
    """Build and save a one-exercise routine called `name`; returns its record."""
    page.goto("/build")
    page.get_by_label("Exercise to add").select_option(label="Pelvic tilt")
    page.get_by_role("button", name="Add this exercise").click()
    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Save on this device").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    return next(record for record in read_store(page, "own_routines") if record["routine"]["title"] == name)


def test_export_my_routines_downloads_them_and_delete_my_data_deletes_them_here_and_on_the_server(page, base_url):
    kept = save_a_routine(page, "Kept one")
    gone = save_a_routine(page, "Deleted one")
    page.get_by_role("button", name="Delete this routine").click()
    page.get_by_role("button", name="Yes, delete Deleted one").click()
    wait_until_confirmed(page, gone["id"])
    page.get_by_role("link", name="Settings").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my routines").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [(entry["id"], entry["routine"]["title"]) for entry in exported["routines"]] == [(kept["id"], "Kept one")]
    assert list(routine_validator().iter_errors(exported["routines"][0]["routine"])) == []
    expect(page.get_by_text("Your own routines were saved as a JSON file.")).to_be_visible()
    assert len(own_routines_on_server(base_url, page)) == 2

    page.get_by_role("button", name="Delete my data").click()
    expect(page.get_by_role("dialog", name="Delete your data?")).to_contain_text("own routine")
    page.get_by_role("button", name="Delete everything").click()
    expect(page.get_by_text("Your data was deleted, here and on the server.")).to_be_visible()
    assert read_store(page, "own_routines") == []
    page.get_by_role("link", name="Unknot home").click()
    expect(page.get_by_role("heading", name="Your routines")).to_be_visible()
    expect(page.get_by_role("link", name="Kept one")).to_have_count(0)


def test_when_own_routines_cannot_sync_the_log_still_does_and_their_sessions_wait(page, base_url):
    """A failing own-routines endpoint stops neither the catalog's sessions nor loses an own
    routine's: that one waits, unsent (the server would refuse it for good), and goes later."""

    def unavailable(route):
        route.fulfill(status=503, content_type="application/json", body='{"error": {"status": 503, "message": "Down for a moment."}}')

    page.route("**/api/v1/own-routines", unavailable)
    routine = save_a_routine(page, "Waiting one")
    catalog_session = a_session(sets=1)
    own_session = a_session(sets=0, routineId=routine["id"], routineTitle="Waiting one")
    seed_log(page, [catalog_session, own_session])

    def on_server():
        return {session["id"] for session in server_sessions(base_url, page)} if device_token(page) else set()

    wait_until(page, lambda: catalog_session["id"] in on_server(), "the catalog's session did not sync within 10 s")
    assert own_session["id"] not in on_server()
    assert not any(entry["id"] == own_session["id"] for entry in read_store(page, "sync")), "the own routine's session was sent, or set aside"

    page.unroute("**/api/v1/own-routines")
    page.goto("/settings")
    page.get_by_role("button", name="Sync now").click()
    wait_until(page, lambda: own_session["id"] in on_server(), "the own routine's session did not sync once its routine could")
