"""Sync in a real browser: offline sessions sent when online, pairing a second device, a server
that stops mid-sync. Each checks what the server stored, not only what the page says."""

import json
import socket
import threading
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from browser_helpers import (
    answer_safety_check,
    assert_no_axe_violations,
    offline,
    pause_clock,
    read_store,
    seed_log,
    start_routine,
    wait_for_records,
    wait_for_service_worker,
    wait_in_page,
    wait_until,
)
from playwright.sync_api import expect

from pwa import create_app
from pwa.storing.db import db
from pwa.storing.models import LoggedSession, LoggedSet
from tests.log_payloads import a_session
from tests.test_api_own_routines import a_routine
from tests.test_browser_weekly_check import EDIT_AFTER_THE_PULL_READS, later


def device_token(page):
    """The sync token the page keeps, or None when it is signed out of sync."""
    return next((record["value"]["token"] for record in read_store(page, "settings") if record["key"] == "syncDevice" and record["value"]), None)


def get_sessions(base_url, token):
    """GET the account's sessions with `token`; the caller closes the response."""
    request = urllib.request.Request(f"{base_url}/api/v1/sessions?limit=100", headers={"Authorization": f"Bearer {token}"})
    return urllib.request.urlopen(request, timeout=10)


def server_sessions(base_url, page):
    """The sessions the server holds for the page's account, read with the token the page keeps."""
    token = device_token(page)
    assert token, "the page holds no sync token"
    with get_sessions(base_url, token) as response:
        return json.load(response)["sessions"]


def status_of(base_url, token):
    """The status the server answers `token` with: 200 while it is signed in, 401 once refused."""
    try:
        with get_sessions(base_url, token) as response:
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


def pair(giver, taker, lower_case=False):
    """Show a code on `giver` and join with it on `taker` (typed in lower case if asked); both on Settings. Returns the code."""
    giver.get_by_role("button", name="Show a pairing code").click()
    code = giver.locator(".pairing-code").inner_text()
    taker.get_by_label("Join with a code").fill(code.lower() if lower_case else code)
    taker.get_by_role("button", name="Join").click()
    return code


@pytest.fixture
def two_devices(browser, base_url):
    """Two browsers (a phone and a laptop, say), each on Settings, on accounts of their own."""
    contexts = [browser.new_context(base_url=base_url) for _ in range(2)]
    pages = [context.new_page() for context in contexts]
    for page in pages:
        page.goto("/settings")
    yield pages
    for context in contexts:
        context.close()


def test_a_routine_done_offline_syncs_once_the_device_is_online(page, live_server, base_url):
    page.clock.install()
    page.goto("/")
    wait_for_service_worker(page)
    answer_safety_check(page)
    with offline(page, live_server):
        page.goto("/play/desk-break")
        expect(page.get_by_role("heading", name="How is your back pain right now?")).to_be_visible()
        pause_clock(page)
        start_routine(page, "3")
        page.clock.run_for(10 * 60_000)
        expect(page.get_by_role("heading", name="Routine complete")).to_be_visible()
        page.get_by_role("button", name="1", exact=True).click()
        expect(page.get_by_text("Saved on this device.")).to_be_visible()
        page.get_by_role("link", name="Settings").click()
        expect(page.locator(".sync-status")).to_contain_text("1 session waiting to sync until you are back online")
        assert read_store(page, "sync") == []

    # Signing in and sending take several requests: on a loaded machine, longer than expect's 5 s.
    expect(page.locator(".sync-status")).to_contain_text("Your session is synced.", timeout=15_000)
    (local,) = read_store(page, "sessions")
    (stored,) = server_sessions(base_url, page)
    assert stored["id"] == local["id"]
    assert (stored["painBefore"], stored["painAfter"], stored["status"]) == (3, 1, "completed")
    assert len(stored["sets"]) == len(read_store(page, "sets")) > 0
    assert read_store(page, "sync") == [{"kind": "session", "id": local["id"], "syncedUpdatedAt": local["updatedAt"]}]


def test_a_second_device_paired_by_code_sees_the_history(two_devices, browser, base_url):
    first, second = two_devices
    seed_log(first, [a_session(day=0, note="First week"), a_session(day=1, painAfter=2)])
    wait_for_records(first, "sync", 2)

    code = pair(first, second, lower_case=True)
    expect(second.get_by_text("Joined. Your history from the other device is on this one now.")).to_be_visible(timeout=15_000)
    expect(second.locator(".device")).to_have_count(2)
    expect(second.locator(".device").filter(has_text="(this device)")).to_have_count(1)

    second.get_by_role("link", name="History").click()
    expect(second.locator(".history-entry")).to_have_count(2)
    expect(second.locator(".history-entry").first).to_contain_text("Pain 6 before, 2 after")
    expect(second.get_by_text("Note: First week")).to_be_visible()
    # Pulled sessions are already synced: nothing waits to be sent back.
    second.get_by_role("link", name="Settings").click()
    expect(second.locator(".sync-status")).to_contain_text("All 2 sessions synced.", timeout=15_000)

    # The code worked once: a third device cannot use it.
    third = browser.new_context(base_url=base_url)
    try:
        other = third.new_page()
        other.goto("/settings")
        other.get_by_label("Join with a code").fill(code)
        other.get_by_role("button", name="Join").click()
        expect(other.get_by_text("That code is wrong, used or expired.")).to_be_visible()
    finally:
        third.close()


class StopsAfterStoring:
    """Wraps the app: the first sync is stored, then the server stops before it can answer."""

    def __init__(self, app, server):
        self.app, self.server, self.stopping, self.stopped = app, server, False, threading.Event()

    def __call__(self, environ, start_response):
        if environ["PATH_INFO"] == "/api/v1/sync" and not self.stopping:
            self.stopping = True
            b"".join(self.app(environ, lambda *args, **kwargs: None))  # stored; the answer is lost
            # Stop listening before the connection drops, so the browser's retry finds no server.
            self.server.server.shutdown()
            self.server.server.socket.close()
            environ["werkzeug.socket"].shutdown(socket.SHUT_RDWR)  # the connection drops, unanswered
            self.stopped.set()
            raise ConnectionAbortedError("the server stopped in the middle of a sync")
        return self.app(environ, start_response)


def test_a_server_stopped_mid_sync_and_started_again_loses_and_duplicates_nothing(browser, database_uri, start_live_server):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri})
    server = start_live_server(app)
    server.app = StopsAfterStoring(app, server)
    context = browser.new_context(base_url=server.url)
    try:
        page = context.new_page()
        page.goto("/settings")
        wait_for_service_worker(page)
        sessions = [a_session(day=day) for day in range(30)]  # two batches: 25, then 5

        seed_log(page, sessions)
        assert server.app.stopped.wait(timeout=10)
        server.stop()
        server.app = app
        with app.app_context():
            stored_before_restart = db.session.scalar(db.select(db.func.count()).select_from(LoggedSession))
        assert stored_before_restart == 25
        expect(page.locator(".sync-status")).to_contain_text("30 sessions waiting to sync")

        server.start()  # on the same port
        page.get_by_role("button", name="Sync now").click()
        expect(page.locator(".sync-status")).to_contain_text("All 30 sessions synced.")
        with app.app_context():
            counts = [db.session.scalar(db.select(db.func.count()).select_from(model)) for model in (LoggedSession, LoggedSet)]
            stored_ids = set(db.session.scalars(db.select(LoggedSession.client_id)))
        assert counts == [30, 60]
        assert stored_ids == {session["id"] for session in sessions}
        assert len(read_store(page, "sync")) == 30
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_settings_data_section_passes_axe_with_the_delete_dialog_open(page, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto("/settings")
    seed_log(page, [a_session()])
    wait_for_records(page, "sync", 1)
    page.get_by_role("button", name="Show a pairing code").click()
    expect(page.locator(".pairing-code")).to_be_visible()
    assert_no_axe_violations(page, "pairing code")
    page.get_by_role("button", name="Delete my data").click()
    expect(page.get_by_role("dialog", name="Delete your data?")).to_be_visible()
    assert_no_axe_violations(page, "delete dialog")


def test_delete_my_data_asks_first_then_deletes_here_and_on_the_server(page, base_url):
    page.goto("/settings")
    seed_log(page, [a_session(day=0), a_session(day=1)])
    wait_for_records(page, "sync", 2)
    token = device_token(page)
    assert status_of(base_url, token) == 200

    page.get_by_role("button", name="Delete my data").click()
    page.get_by_role("button", name="Keep my data").click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert len(read_store(page, "sessions")) == 2

    page.get_by_role("button", name="Delete my data").click()
    page.get_by_role("button", name="Delete everything").click()

    expect(page.get_by_text("Your data was deleted, here and on the server.")).to_be_visible()
    assert read_store(page, "sessions") == [] and read_store(page, "sets") == []
    assert status_of(base_url, token) == 401


def test_export_csv_downloads_a_row_per_set(page):
    page.goto("/settings")
    seed_log(page, [a_session(sets=3)])
    wait_for_records(page, "sync", 1)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("session_id,routine_id")
    assert len(lines) == 4
    expect(page.get_by_text("Your sessions were saved as a CSV file")).to_be_visible()


def test_a_device_removed_from_the_account_stops_syncing_and_keeps_its_sessions(two_devices):
    lost, kept = two_devices
    seed_log(lost, [a_session(day=0)])
    wait_for_records(lost, "sync", 1)
    pair(lost, kept)
    expect(kept.locator(".device")).to_have_count(2)

    kept.locator(".device").filter(has_not_text="(this device)").get_by_role("button").click()
    expect(kept.locator(".device")).to_have_count(1)

    seed_log(lost, [a_session(day=1)])  # the next sync finds the token refused
    expect(lost.locator(".sync-status")).to_contain_text("This device is signed out of sync; 2 sessions kept here.")
    assert len(read_store(lost, "sessions")) == 2
    assert device_token(lost) is None
    # Nothing it does later signs it in on its own.
    seed_log(lost, [a_session(day=2)])
    expect(lost.locator(".sync-status")).to_contain_text("3 sessions kept here")
    assert device_token(lost) is None
    kept.get_by_role("link", name="History").click()
    expect(kept.locator(".history-entry")).to_have_count(1)


def test_a_device_that_joins_brings_its_own_sessions_and_leaves_no_orphan_account(two_devices, base_url):
    first, second = two_devices
    seed_log(first, [a_session(day=0)])
    wait_for_records(first, "sync", 1)
    mine = a_session(day=5, note="Done on the laptop")
    seed_log(second, [mine])
    wait_for_records(second, "sync", 1)
    old_token = device_token(second)

    pair(first, second)

    expect(second.get_by_text("Joined. Your history from the other device is on this one now.")).to_be_visible(timeout=15_000)
    expect(second.locator(".sync-status")).to_contain_text("All 2 sessions synced.", timeout=15_000)
    assert {session["id"] for session in server_sessions(base_url, first)} >= {mine["id"]}
    # The laptop was alone on its first account: nothing is left there, not even the account.
    wait_until(second, lambda: status_of(base_url, old_token) == 401, "the laptop's first token was still accepted after 10 s")
    first.reload()
    first.get_by_role("link", name="History").click()
    expect(first.get_by_text("Note: Done on the laptop")).to_be_visible()


def test_history_of_more_than_a_page_arrives_even_when_the_first_pull_is_cut_off(two_devices):
    first, second = two_devices
    seed_log(first, [a_session(day=day, sets=1) for day in range(130)])
    wait_for_records(first, "sync", 130, timeout_seconds=20)
    cut = []

    def cut_second_page(route):
        if "before=" in route.request.url and not cut:
            cut.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    second.route("**/api/v1/sessions?*", cut_second_page)
    pair(first, second)
    expect(second.get_by_text("Joined. Your history will arrive when the connection allows")).to_be_visible()
    assert cut and len(read_store(second, "sessions")) == 100

    second.get_by_role("button", name="Sync now").click()

    expect(second.locator(".sync-status")).to_contain_text("All 130 sessions synced.")
    assert len(read_store(second, "sessions")) == 130


def call_api(base_url, method, path, token=None, body=None):
    """Call the API as another device would; returns the JSON answer, or None for an empty one."""
    headers = {"Content-Type": "application/json"} | ({"Authorization": f"Bearer {token}"} if token else {})
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{base_url}/api/v1{path}", data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read()
    return json.loads(text) if text else None


def signed_in_and_idle(page):
    """Seed a session on `page` (on Settings) and wait until its sync run has ended: then nothing
    pulls from its account until something new starts a run. Returns its token."""
    seed_log(page, [a_session(day=5)])
    wait_for_records(page, "sync", 1)
    expect(page.locator(".sync-status")).to_contain_text("Your session is synced.", timeout=15_000)
    expect(page.locator(".sync-status")).not_to_contain_text("Syncing")
    return device_token(page)


def test_a_note_saved_while_a_pull_brings_an_older_edit_of_the_session_is_kept_and_synced(page, base_url):
    """The pull reads, compares and writes each session in one transaction: an edit saved here
    between its read and its write is neither written over nor lost."""
    page.goto("/settings")
    token = signed_in_and_idle(page)
    (mine,) = read_store(page, "sessions")
    # Another device of the account adds a note and syncs; then a note added here is later still.
    (on_server,) = call_api(base_url, "GET", "/sessions", token)["sessions"]
    call_api(base_url, "POST", "/sync", token, {"sessions": [{**on_server, "updatedAt": later(mine["updatedAt"], 1), "note": "Written on the laptop"}]})
    here = {**mine, "updatedAt": later(mine["updatedAt"], 2), "note": "Written on the phone"}
    page.evaluate(EDIT_AFTER_THE_PULL_READS, {"store": "sessions", "edit": here})

    page.get_by_role("button", name="Sync now").click()
    wait_in_page(page, "() => window.editWritten", "the pull never read the session within 10 s")

    # The later edit stays on the device, and it, not the older one, is what the account ends with.
    notes = lambda: [session["note"] for session in call_api(base_url, "GET", "/sessions", token)["sessions"]]  # noqa: E731
    wait_until(page, lambda: notes() == ["Written on the phone"], lambda: f"the server holds the notes {notes()}, not the one written here")
    assert read_store(page, "sessions") == [here]
    wait_until(page, lambda: read_store(page, "sync") == [{"kind": "session", "id": mine["id"], "syncedUpdatedAt": here["updatedAt"]}], "the edit made here was not confirmed")
    page.get_by_role("link", name="History").click()
    expect(page.get_by_text("Note: Written on the phone")).to_be_visible()


def made_on_a_device_since_gone(base_url, token):
    """Another device joins `token`'s account, syncs a weekly check and an own routine, and signs
    itself out: the account holds them, and the device of `token` has not pulled them yet."""
    code = call_api(base_url, "POST", "/pairing-codes", token)["code"]
    other = call_api(base_url, "POST", "/devices", body={"name": "Old phone", "pairingCode": code})
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    check = {"id": str(uuid.uuid4()), "takenAt": yesterday, "updatedAt": yesterday, "activities": [{"name": "Tying shoelaces", "score": 4}]}
    routine = {"id": str(uuid.uuid4()), "updatedAt": yesterday, "deleted": False, "routine": a_routine("Made on the old phone")}
    call_api(base_url, "POST", "/function-checks", other["token"], {"checks": [check]})
    call_api(base_url, "POST", "/own-routines", other["token"], {"routines": [routine]})
    call_api(base_url, "DELETE", f"/devices/{other['device']['id']}", other["token"])
    return check, routine


def test_a_device_that_joins_first_brings_the_weekly_checks_and_own_routines_of_the_account_it_leaves(two_devices, base_url):
    phone, laptop = two_devices
    old_token = signed_in_and_idle(laptop)
    check, routine = made_on_a_device_since_gone(base_url, old_token)
    assert read_store(laptop, "functionChecks") == [] and read_store(laptop, "own_routines") == []

    pair(phone, laptop)

    expect(laptop.get_by_text("Joined. Your history from the other device is on this one now.")).to_be_visible()
    # The laptop was alone on its first account: the account goes, but only after what it held came here and went on.
    wait_until(laptop, lambda: status_of(base_url, old_token) == 401, "the laptop's first account was still there after 10 s")
    new_token = device_token(laptop)
    assert [entry["id"] for entry in call_api(base_url, "GET", "/function-checks", new_token)["checks"]] == [check["id"]]
    assert [entry["id"] for entry in call_api(base_url, "GET", "/own-routines", new_token)["routines"]] == [routine["id"]]
    expect(laptop.locator(".sync-status")).to_contain_text("Your session is synced.")
    expect(laptop.locator(".sync-status")).not_to_contain_text("weekly check")
    laptop.get_by_role("link", name="Unknot home").click()
    expect(laptop.get_by_role("link", name="Made on the old phone")).to_be_visible()
    # The phone, syncing next, finds both on the account they share.
    phone.reload()
    phone.get_by_role("link", name="Unknot home").click()
    expect(phone.get_by_role("link", name="Made on the old phone")).to_be_visible()
    phone.get_by_role("link", name="History").click()
    expect(phone.get_by_role("region", name="Weekly check").locator(".chart-legend li")).to_have_text(["Tying shoelaces"])


def test_a_former_account_that_cannot_be_read_while_leaving_is_kept_until_everything_in_it_is_brought(two_devices, base_url):
    phone, laptop = two_devices
    old_token = signed_in_and_idle(laptop)
    _, routine = made_on_a_device_since_gone(base_url, old_token)

    def connection_drops_for_the_former_account(route):
        if route.request.headers.get("authorization") == f"Bearer {old_token}":
            route.abort()
        else:
            route.continue_()

    laptop.route("**/api/v1/own-routines", connection_drops_for_the_former_account)
    pair(phone, laptop)

    expect(laptop.get_by_text("Joined. Your history will arrive when the connection allows")).to_be_visible()
    assert status_of(base_url, old_token) == 200, "the former account was deleted with an own routine still in it"
    assert [entry["id"] for entry in call_api(base_url, "GET", "/own-routines", old_token)["routines"]] == [routine["id"]]

    laptop.unroute("**/api/v1/own-routines")
    laptop.get_by_role("button", name="Sync now").click()

    wait_until(laptop, lambda: status_of(base_url, old_token) == 401, "the laptop's first account was still there after 10 s")
    assert [entry["id"] for entry in call_api(base_url, "GET", "/own-routines", device_token(laptop))["routines"]] == [routine["id"]]
    laptop.get_by_role("link", name="Unknot home").click()
    expect(laptop.get_by_role("link", name="Made on the old phone")).to_be_visible()


def test_a_pairing_code_asked_for_while_the_first_sync_signs_in_makes_one_account(page, base_url):
    sign_ins, held = [], []

    def devices(route):
        if route.request.method != "POST":
            return route.continue_()
        sign_ins.append(route.request.url)
        if held:
            return route.continue_()
        held.append(route)  # the first sign-in waits, as on a slow connection

    page.route("**/api/v1/devices", devices)
    page.goto("/settings")
    seed_log(page, [a_session()])
    wait_until(page, lambda: held, "the first sync did not sign in")
    page.get_by_role("button", name="Show a pairing code").click()
    held[0].continue_()
    expect(page.locator(".pairing-code")).to_be_visible(timeout=15_000)
    expect(page.locator(".sync-status")).to_contain_text("Your session is synced.", timeout=15_000)
    # One sign-in, one account: the session is on the account the code pairs with.
    assert len(sign_ins) == 1
    assert len(server_sessions(base_url, page)) == 1
