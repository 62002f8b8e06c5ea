"""Settings → Reminders in real Chromium, around the push itself: permission refused, a subscription
the server refuses, the note for iPhone and iPad, "Add to my calendar", and the section on a phone
(320 px, dark mode, axe, the keyboard). The push end to end is in `test_browser_reminders.py`."""

from pathlib import Path

import pytest
from browser_helpers import assert_no_axe_violations, offline, phone
from icalendar import Calendar
from playwright.sync_api import expect

from tests.reminder_pages import choose, settings_page, stub_subscribe
from tests.web_push import Subscriber

IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"


def test_notifications_refused_are_said_plainly_and_nothing_is_subscribed(browser, live_server):
    # Headless Chromium answers a permission question nobody granted with "denied".
    context = browser.new_context(base_url=live_server.url, **phone())
    try:
        stub_subscribe(context, "https://fcm.googleapis.com/fcm/send/x", Subscriber().keys)
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
        stub_subscribe(context, "http://127.0.0.1:9/push", Subscriber().keys)
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


def test_a_browser_without_push_says_so_and_offers_the_calendar(browser, live_server):
    context = browser.new_context(base_url=live_server.url, **phone())
    try:
        context.add_init_script("delete window.PushManager")
        page = settings_page(context)
        expect(page.locator(".reminder-note")).to_have_text("This browser cannot show reminders from Unknot. Add them to your calendar below instead: it works on every phone.")
        expect(page.get_by_role("switch", name="Remind me")).to_be_disabled()
        expect(page.get_by_role("button", name="Add to my calendar")).to_be_enabled()
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
        for control in [
            *section.locator("label.day-toggle").all(),
            page.locator('label[for="reminders-on"]'),
            page.get_by_label("Time", exact=True),
            page.get_by_role("button", name="Add to my calendar"),
        ]:
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
        expect(page.get_by_role("group", name="Days", exact=True).get_by_role("checkbox", name="Monday", exact=True)).to_be_focused()
        page.keyboard.press("Space")
        expect(page.get_by_role("group", name="Days", exact=True).get_by_role("checkbox", name="Monday", exact=True)).not_to_be_checked()
        expect(page.locator(".reminder-status")).to_have_text("Saved. Switch reminders on to get them.")
        # The focus is still on Monday once it is saved: Space ticks it again, Tab goes on to Tuesday.
        page.keyboard.press("Space")
        expect(page.get_by_role("group", name="Days", exact=True).get_by_role("checkbox", name="Monday", exact=True)).to_be_checked()
        expect(page.get_by_role("group", name="Days", exact=True).get_by_role("checkbox", name="Monday", exact=True)).to_be_enabled()
        page.keyboard.press("Tab")
        expect(page.get_by_role("group", name="Days", exact=True).get_by_role("checkbox", name="Tuesday", exact=True)).to_be_focused()
        page.keyboard.press("Space")
        expect(page.get_by_role("group", name="Days", exact=True).get_by_role("checkbox", name="Tuesday", exact=True)).not_to_be_checked()
        expect(page.get_by_role("group", name="Days", exact=True).get_by_role("checkbox", name="Tuesday", exact=True)).to_be_enabled()
        page.reload()
        expect(page.get_by_role("group", name="Days", exact=True).get_by_role("checkbox", name="Monday", exact=True)).to_be_checked()
        expect(page.get_by_role("group", name="Days", exact=True).get_by_role("checkbox", name="Tuesday", exact=True)).not_to_be_checked()
        expect(page.get_by_role("group", name="Days", exact=True).get_by_role("checkbox", name="Wednesday", exact=True)).to_be_checked()
    finally:
        context.close()
