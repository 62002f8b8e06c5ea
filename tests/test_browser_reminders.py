"""Settings → Reminders in real Chromium, with the push service stood in by the test.

Headless Chromium has no push service, so `PushManager.prototype.subscribe` (and nothing else)
is replaced by an init script: it answers a subscription whose keys the test made
(`tests/web_push.Subscriber`) and whose endpoint is the test's receiver on 127.0.0.1 (let through
by `PUSH_ALLOW_LOOPBACK_HTTP`). Everything else is real: the permission question, the worker,
the app's calls to the server, the server's encrypted push, and the worker's `push` and
`notificationclick` handlers, reached through Chromium's DevTools protocol.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from browser_helpers import answer_safety_check, assert_no_axe_violations, offline, phone, wait_for_service_worker, wait_until
from icalendar import Calendar
from playwright.sync_api import expect

from pwa import create_app
from pwa.db import db
from pwa.models import Reminder
from pwa.reminders import send_due_reminders
from pwa.vapid import public_key, server_key
from tests.web_push import PushReceiver, Subscriber

ZONE = "Pacific/Auckland"
# Pacific/Auckland is UTC+13 in December: Wednesday 2 December, 07:30 there, is 18:30 UTC on Tuesday.
AUCKLAND_WEDNESDAY_0730 = datetime(2026, 12, 1, 18, 30, tzinfo=UTC)
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"

# The only stand-in: subscribe answers the test's subscription, and notes what it was asked.
STUB_SUBSCRIBE = """(subscription) => {
    window.subscribeCalls = [];
    PushManager.prototype.subscribe = async function (options) {
        const key = new Uint8Array(options.applicationServerKey);
        window.subscribeCalls.push({ userVisibleOnly: options.userVisibleOnly, key: btoa(String.fromCharCode(...key)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "") });
        return {
            endpoint: subscription.endpoint,
            expirationTime: null,
            options: { userVisibleOnly: options.userVisibleOnly, applicationServerKey: key.buffer },
            toJSON: () => ({ endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys }),
            unsubscribe: async () => true,
        };
    };
}"""

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
    stub = {"endpoint": receiver.endpoint(), "keys": subscriber.keys}
    context.add_init_script(f"({STUB_SUBSCRIBE})({json.dumps(stub)})")
    yield context
    context.close()


def settings_page(context):
    page = context.pages[0] if context.pages else context.new_page()
    page.goto("/settings")
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
    wait_for_service_worker(page)
    return page


def reminder_row(server):
    with server.app.app_context():
        row = db.session.execute(db.select(Reminder)).scalar_one_or_none()
        return None if row is None else {"days": row.days, "time": row.local_time, "zone": row.time_zone, "endpoint": row.endpoint, "paused": row.paused_for_safety}


def wait_for_row(page, server, predicate, message):
    return wait_until(page, lambda: (lambda row: row if predicate(row) else None)(reminder_row(server)), lambda: f"{message}; the server has {reminder_row(server)}")


DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def choose(page, days, time):
    """Tick exactly `days` (full names) and set `time` (each change waits for the last one's save: its controls are disabled until then)."""
    for day in DAYS:
        box = page.get_by_role("checkbox", name=day, exact=True)
        if (day in days) != box.is_checked():
            box.click()
    page.get_by_label("Time", exact=True).fill(time)


def switch_on(page):
    """Switch reminders on with the keyboard: focus the switch and press Space."""
    switch = page.get_by_role("switch", name="Remind me")
    switch.focus()
    page.keyboard.press("Space")
    expect(page.locator(".reminder-status")).to_contain_text("Reminders on:")
    expect(switch).to_be_checked()


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
    registrations = []
    cdp.on("ServiceWorker.workerRegistrationUpdated", lambda event: registrations.extend(event["registrations"]))
    cdp.send("ServiceWorker.enable")
    scope = f"{push_server.url}/"
    registration = wait_until(page, lambda: next((r for r in registrations if r["scopeURL"] == scope and not r["isDeleted"]), None), "the worker's registration was never reported")
    cdp.send("ServiceWorker.deliverPushMessage", {"origin": push_server.url, "registrationId": registration["registrationId"], "data": payload})
    notifications = wait_until(page, lambda: page.evaluate(NOTIFICATIONS), "the worker showed no notification for the push")
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

    page.get_by_role("checkbox", name="Saturday", exact=True).click()
    wait_for_row(page, push_server, lambda row: row["days"] == "mon,tue,wed,thu,fri,sun", "unticking Saturday did not reach the server")
    page.get_by_label("Time", exact=True).fill("18:45")
    wait_for_row(page, push_server, lambda row: row["time"] == "18:45", "the new time did not reach the server")
    expect(page.locator(".reminder-status")).to_contain_text("at 18:45")

    # The choice outlives a reload; the last day cannot be unticked while reminders are on.
    page.reload()
    expect(page.get_by_role("switch", name="Remind me")).to_be_checked()
    expect(page.get_by_label("Time", exact=True)).to_have_value("18:45")
    expect(page.get_by_role("checkbox", name="Saturday", exact=True)).not_to_be_checked()

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


def test_notifications_refused_are_said_plainly_and_nothing_is_subscribed(browser, live_server):
    # Headless Chromium answers a permission question nobody granted with "denied".
    context = browser.new_context(base_url=live_server.url, **phone())
    try:
        context.add_init_script(f"({STUB_SUBSCRIBE})({json.dumps({'endpoint': 'https://fcm.googleapis.com/fcm/send/x', 'keys': Subscriber().keys})})")
        page = settings_page(context)
        page.get_by_role("switch", name="Remind me").click()
        expect(page.locator(".reminder-status")).to_have_text(
            "Notifications are blocked for Unknot, so it cannot show a reminder. Allow them in this browser's settings for this site, then switch reminders on again. Or add them to your calendar below."
        )
        expect(page.get_by_role("switch", name="Remind me")).not_to_be_checked()
        assert page.evaluate("window.subscribeCalls") == []
    finally:
        context.close()


def test_a_refused_subscription_is_the_servers_words_and_the_switch_stays_off(browser, live_server):
    # The session's server sends only to real push services: a loopback endpoint is a 400.
    context = browser.new_context(base_url=live_server.url, **phone())
    try:
        context.grant_permissions(["notifications"], origin=live_server.url)
        context.add_init_script(f"({STUB_SUBSCRIBE})({json.dumps({'endpoint': 'http://127.0.0.1:9/push', 'keys': Subscriber().keys})})")
        page = settings_page(context)
        page.get_by_role("switch", name="Remind me").click()
        expect(page.locator(".reminder-status")).to_have_text("The server could not keep your reminder: subscription.endpoint: must be an https URL Try again later.")
        expect(page.get_by_role("switch", name="Remind me")).not_to_be_checked()
    finally:
        context.close()


@pytest.mark.parametrize("standalone", ["false", None])
def test_iphone_safari_outside_the_home_screen_says_how_to_add_it_and_offers_the_calendar(browser, live_server, standalone):
    context = browser.new_context(base_url=live_server.url, **phone(), user_agent=IPHONE)
    try:
        if standalone:
            context.add_init_script(f"Object.defineProperty(Navigator.prototype, 'standalone', {{ get: () => {standalone} }})")
        else:
            # Safari before iOS 16.4, or any tab: no PushManager at all.
            context.add_init_script("delete window.PushManager")
        page = settings_page(context)
        note = page.locator(".reminder-note")
        expect(note).to_contain_text("On iPhone and iPad, reminders from Unknot need the app on your Home Screen (iOS 16.4 or later).")
        expect(note).to_contain_text("Add to Home Screen")
        expect(page.get_by_role("switch", name="Remind me")).to_be_disabled()
        expect(page.get_by_role("button", name="Add to my calendar")).to_be_enabled()
        assert_no_axe_violations(page, "Settings with the iPhone note")
    finally:
        context.close()


def test_an_ordinary_browser_has_no_iphone_note(page):
    page.goto("/settings")
    expect(page.get_by_role("switch", name="Remind me")).to_be_enabled()
    expect(page.locator(".reminder-note")).to_have_count(0)


def test_add_to_my_calendar_downloads_a_repeating_event_with_an_alarm_and_says_when_offline(browser, live_server):
    context = browser.new_context(base_url=live_server.url, **phone(), timezone_id="America/New_York")
    try:
        page = settings_page(context)
        choose(page, {"Monday", "Wednesday", "Friday"}, "07:15")
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Add to my calendar").click()
        download = download_info.value
        assert download.suggested_filename == "unknot-reminders.ics"
        [event] = Calendar.from_ical(Path(download.path()).read_bytes()).walk("VEVENT")
        rule = event["RRULE"]
        assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"]
        start = event.decoded("DTSTART")
        assert (start.hour, start.minute, str(start.tzinfo)) == (7, 15, "America/New_York")
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert event["URL"] == f"{live_server.url}/"
        expect(page.locator(".reminder-status")).to_have_text("Calendar file saved: Monday, Wednesday and Friday at 07:15. Open it to add the reminder to your calendar.")

        with offline(page, live_server):
            page.get_by_role("button", name="Add to my calendar").click()
            expect(page.locator(".reminder-status")).to_have_text(
                "You are offline: the calendar file comes from the server. Try again when you are online; once added, your calendar reminds you even offline."
            )
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 390])
def test_the_reminders_section_fits_a_phone_passes_axe_and_works_by_keyboard(browser, live_server, scheme, width):
    context = browser.new_context(base_url=live_server.url, **phone(width, 740), color_scheme=scheme)
    try:
        page = settings_page(context)
        section = page.locator(".reminders")
        # Each control's touch target: a day's whole label, the switch's label (as for the cue toggles).
        section.scroll_into_view_if_needed()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for control in [*section.locator("label.day-toggle").all(), page.locator('label[for="reminders-on"]'), page.get_by_label("Time", exact=True), page.get_by_role("button", name="Add to my calendar")]:
            control.scroll_into_view_if_needed()
            box = control.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, f"{control} is {box}"
            assert control.evaluate(
                "(node) => { const r = node.getBoundingClientRect(); const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return node.contains(hit) || node === hit; }"
            ), f"{control} is covered"
        assert_no_axe_violations(page, f"Settings → Reminders, {scheme}, {width} px")

        # By keyboard: Tab reaches Monday, Space unticks it, and the choice is kept.
        page.get_by_role("switch", name="Remind me").focus()
        page.keyboard.press("Tab")
        expect(page.get_by_role("checkbox", name="Monday", exact=True)).to_be_focused()
        page.keyboard.press("Space")
        expect(page.get_by_role("checkbox", name="Monday", exact=True)).not_to_be_checked()
        expect(page.locator(".reminder-status")).to_have_text("Saved. Switch reminders on to get them.")
        page.reload()
        expect(page.get_by_role("checkbox", name="Monday", exact=True)).not_to_be_checked()
        expect(page.get_by_role("checkbox", name="Tuesday", exact=True)).to_be_checked()
    finally:
        context.close()
