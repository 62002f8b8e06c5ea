"""Settings → Reminders in real Chromium, with the push service stood in by the test.

Headless Chromium has no push service, so `PushManager.prototype.subscribe` (and nothing else)
is replaced by an init script: it answers a subscription whose keys the test made
(`tests/web_push.Subscriber`) and whose endpoint is the test's receiver on 127.0.0.1 (let through
by `PUSH_ALLOW_LOOPBACK_HTTP`). Everything else is real: the permission question, the worker,
the app's calls to the server, the server's encrypted push, and the worker's `push` and
`notificationclick` handlers, reached through Chromium's DevTools protocol.
"""

from datetime import UTC, datetime

import pytest
from browser_helpers import answer_safety_check, offline, phone, wait_until
from playwright.sync_api import expect

from pwa import create_app
from pwa.reminders import send_due_reminders
from pwa.reminders.vapid import public_key, server_key
from pwa.storing.db import db
from pwa.storing.models import Reminder
from tests.reminder_pages import choose, settings_page, stub_subscribe, switch_on
from tests.web_push import PushReceiver, Subscriber

ZONE = "Pacific/Auckland"
# Pacific/Auckland is UTC+13 in December: Wednesday 2 December, 07:30 there, is 18:30 UTC on Tuesday.
AUCKLAND_WEDNESDAY_0730 = datetime(2026, 12, 1, 18, 30, tzinfo=UTC)

NOTIFICATIONS = """() => navigator.serviceWorker.ready.then(async (registration) =>
    (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data, actions: n.actions.map((a) => ({ action: a.action, title: a.title })), icon: n.icon })))"""

# A tap on the notification, played inside the real worker on the notification it really shows.
# This proves that the worker's own `notificationclick` listener closes that notification and takes
# the open Unknot window to its URL. It does not prove what only a trusted tap can: a script-made
# event may not extend its own lifetime (so `waitUntil` is collected here and awaited), and it
# carries no user activation, so the browser refuses `focus()` and `openWindow()` for it: the
# handler's path for "no window open" is not exercised here.
CLICK_NOTIFICATION = """async () => {
    const [notification] = await self.registration.getNotifications();
    const event = new NotificationEvent("notificationclick", { notification, action: "open" });
    const pending = [];
    Object.defineProperty(event, "waitUntil", { value: (promise) => pending.push(promise) });
    self.dispatchEvent(event);
    await Promise.all(pending);
    return (await self.registration.getNotifications()).length;
}"""


@pytest.fixture
def receiver():
    server = PushReceiver()
    yield server
    server.stop()


@pytest.fixture
def push_server(start_live_server, database_uri, tmp_path):
    """A live server that sends pushes to the test's receiver on 127.0.0.1."""
    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri, "VAPID_KEY_FILE": str(tmp_path / "vapid.pem"), "PUSH_ALLOW_LOOPBACK_HTTP": True}
    return start_live_server(create_app(config))


@pytest.fixture
def subscriber():
    return Subscriber()


@pytest.fixture
def phone_context(browser_type, browser_type_launch_args, push_server, receiver, subscriber, tmp_path):
    """A persistent phone profile in Auckland, notifications allowed, `subscribe` stood in."""
    context = browser_type.launch_persistent_context(str(tmp_path / "profile"), **browser_type_launch_args, **phone(), base_url=push_server.url, timezone_id=ZONE)
    context.grant_permissions(["notifications"], origin=push_server.url)
    stub_subscribe(context, receiver.endpoint(), subscriber.keys)
    yield context
    context.close()


def reminder_row(server):
    with server.app.app_context():
        row = db.session.execute(db.select(Reminder)).scalar_one_or_none()
        return None if row is None else {"days": row.days, "time": row.local_time, "zone": row.time_zone, "endpoint": row.endpoint, "paused": row.paused_for_safety}


def wait_for_row(page, server, predicate, message):
    return wait_until(page, lambda: (lambda row: row if predicate(row) else None)(reminder_row(server)), lambda: f"{message}; the server has {reminder_row(server)}")


def test_a_reminder_switched_on_in_settings_is_pushed_shown_and_opens_home(phone_context, push_server, receiver, subscriber):
    page = settings_page(phone_context)
    expect(page.locator("#reminder-zone")).to_have_text("In your time zone: Auckland time (New Zealand Daylight Time).")
    expect(page.get_by_label("Time", exact=True)).to_have_value("08:00")
    choose(page, {"Wednesday"}, "07:30")
    switch_on(page)
    expect(page.locator(".reminder-status")).to_have_text("Reminders on: Wednesday at 07:30, Auckland time (New Zealand Daylight Time).")

    # The app asked for a user-visible subscription with the server's own key, and sent it on.
    with push_server.app.app_context():
        key = public_key(server_key())
    assert page.evaluate("window.subscribeCalls") == [{"userVisibleOnly": True, "key": key}]
    assert reminder_row(push_server) == {"days": "wed", "time": "07:30", "zone": ZONE, "endpoint": receiver.endpoint(), "paused": False}

    # The minute job sends it, encrypted to the subscription's keys.
    with push_server.app.app_context():
        assert str(send_due_reminders(AUCKLAND_WEDNESDAY_0730)) == "sent 1, skipped 0, dropped 0, failed 0"
    [delivered] = receiver.requests
    payload = subscriber.decrypt(delivered["body"]).decode()

    # The push service's part: hand that payload to the real worker's push event.
    cdp = phone_context.new_cdp_session(page)
    registrations, versions = [], []
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda event: registrations.extend(event["registrations"]))
    cdp.on("ServiceWorker.workerVersionUpdated", lambda event: versions.extend(event["versions"]))
    cdp.send("ServiceWorker.enable")
    scope = f"{push_server.url}/"
    registration = wait_until(page, lambda: next((r for r in reversed(registrations) if r["scopeURL"] == scope and not r["isDeleted"]), None), "the worker's registration was never reported")
    # A push service delivers to the registration's active worker: wait until DevTools reports one.
    wait_until(page, lambda: any(v["registrationId"] == registration["registrationId"] and v["status"] == "activated" for v in versions), "the registration has no active worker")
    cdp.send("ServiceWorker.deliverPushMessage", {"origin": push_server.url, "registrationId": registration["registrationId"], "data": payload})
    notifications = wait_until(page, lambda: page.evaluate(NOTIFICATIONS), "the worker showed no notification for the push", timeout_seconds=30)
    [shown] = notifications
    assert shown["title"] == "Time for your routine"
    assert shown["body"] == "A few gentle minutes for your back: today's routine is ready."
    assert shown["tag"] == "unknot-reminder"
    assert shown["data"] == {"url": "/"}
    assert shown["actions"] == [{"action": "open", "title": "Open today's routine"}]
    assert "/icon-192" in shown["icon"]

    worker = phone_context.service_workers[0] if phone_context.service_workers else phone_context.wait_for_event("serviceworker")
    assert worker.evaluate(CLICK_NOTIFICATION) == 0, "the tapped notification stayed open"
    expect(page).to_have_url(f"{push_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_changing_the_days_and_time_updates_the_server_and_switching_off_deletes_it(phone_context, push_server, receiver):
    page = settings_page(phone_context)
    switch_on(page)
    assert reminder_row(push_server)["days"] == "mon,tue,wed,thu,fri,sat,sun"

    page.get_by_role("group", name="Days", exact=True).get_by_role("checkbox", name="Saturday", exact=True).click()
    wait_for_row(page, push_server, lambda row: row["days"] == "mon,tue,wed,thu,fri,sun", "unticking Saturday did not reach the server")
    page.get_by_label("Time", exact=True).fill("18:45")
    wait_for_row(page, push_server, lambda row: row["time"] == "18:45", "the new time did not reach the server")
    expect(page.locator(".reminder-status")).to_contain_text("at 18:45")

    # The choice outlives a reload; the last day cannot be unticked while reminders are on.
    page.reload()
    expect(page.get_by_role("switch", name="Remind me")).to_be_checked()
    expect(page.get_by_label("Time", exact=True)).to_have_value("18:45")
    expect(page.get_by_role("group", name="Days", exact=True).get_by_role("checkbox", name="Saturday", exact=True)).not_to_be_checked()

    page.get_by_role("switch", name="Remind me").click()
    expect(page.locator(".reminder-status")).to_have_text("Reminders off. Nothing more is sent to this device.")
    assert reminder_row(push_server) is None
    with push_server.app.app_context():
        assert str(send_due_reminders(AUCKLAND_WEDNESDAY_0730)) == "sent 0, skipped 0, dropped 0, failed 0"
    assert receiver.requests == []


def test_an_urgent_safety_answer_pauses_the_reminder_on_the_server_until_a_clinician_was_seen(phone_context, push_server, receiver):
    page = settings_page(phone_context)
    choose(page, {"Wednesday"}, "07:30")
    switch_on(page)
    assert reminder_row(push_server)["paused"] is False

    answer_safety_check(page, yes=["fever"])
    expect(page.get_by_role("button", name="I have been seen, and was told gentle exercise is fine")).to_be_visible()
    wait_for_row(page, push_server, lambda row: row["paused"] is True, "the urgent answer did not pause the reminder on the server")
    with push_server.app.app_context():
        assert str(send_due_reminders(AUCKLAND_WEDNESDAY_0730)) == "sent 0, skipped 1, dropped 0, failed 0"
    assert receiver.requests == []

    page.get_by_role("button", name="I have been seen, and was told gentle exercise is fine").click()
    wait_for_row(page, push_server, lambda row: row["paused"] is False, "confirming the visit did not lift the pause")


def test_a_reminder_switched_on_while_an_emergency_answer_stands_is_paused_from_the_start(phone_context, push_server):
    page = phone_context.new_page()
    answer_safety_check(page, yes=["chest-pain"])
    page = settings_page(phone_context)
    switch_on(page)
    assert reminder_row(push_server)["paused"] is True


def test_switching_on_offline_says_it_needs_a_connection_and_stays_off(phone_context, push_server):
    page = settings_page(phone_context)
    with offline(page, push_server):
        page.get_by_role("switch", name="Remind me").click()
        expect(page.locator(".reminder-status")).to_have_text("You are offline: switching reminders on or off, or changing them, needs a connection. Try again when you are online.")
        expect(page.get_by_role("switch", name="Remind me")).not_to_be_checked()
    assert reminder_row(push_server) is None


def test_a_phone_that_moved_to_another_time_zone_moves_its_reminder_there(browser_type, browser_type_launch_args, phone_context, push_server, tmp_path):
    page = settings_page(phone_context)
    switch_on(page)
    assert reminder_row(push_server)["zone"] == ZONE
    phone_context.close()

    # The same phone (its profile, its worker, its IndexedDB), opened again in London.
    context = browser_type.launch_persistent_context(str(tmp_path / "profile"), **browser_type_launch_args, **phone(), base_url=push_server.url, timezone_id="Europe/London")
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto("/")
        wait_for_row(page, push_server, lambda row: row["zone"] == "Europe/London", "the reminder stayed in Auckland's time")
        page.goto("/settings")
        expect(page.locator("#reminder-zone")).to_have_text("In your time zone: London time (Greenwich Mean Time).")
        expect(page.get_by_role("switch", name="Remind me")).to_be_checked()
    finally:
        context.close()
