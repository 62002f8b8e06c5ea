"""The daily plan on Home in real Chromium: the one-tap check-in, today's routine and why.

The page's clock is fixed at Wednesday 2 December 2026, 10:00 in Auckland (a default work day),
far from UTC, so a day taken from UTC instead of the local one shows up wrong.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from browser_helpers import answer_safety_check, assert_no_axe_violations, offline, open_view, phone, read_store, seed_log, wait_for_service_worker
from playwright.sync_api import expect

from pwa import dosage
from tests.log_payloads import a_session, iso
from tests.test_browser_sharing import OWN_ID, ROUTINE, seed_own_routine

ZONE = "Pacific/Auckland"
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo(ZONE))
BAD, SORE, FINE = "Bad: a spasm or a flare-up", "Sore but moving", "Mostly fine"


def logged(days_ago, hour=8, status="completed", pain_before=3, pain_after=2, **fields):
    """A Back basics session as the player saves it, `days_ago` local days before today at `hour`."""
    started = NOW.replace(hour=hour) - timedelta(days=days_ago)
    return a_session(sets=0, startedAt=iso(started), endedAt=iso(started + timedelta(minutes=7)), status=status, painBefore=pain_before, painAfter=pain_after, **fields)


# Finished, with pain 2 out of 10 afterwards, on three days of the last week. The first is at
# 08:00 yesterday in Auckland: still the day before in UTC too, but 07:00 today would not be.
GOOD_WEEK = [logged(1), logged(3), logged(5)]


@pytest.fixture
def browser_context_args(browser_context_args):
    """Every page of these tests lives in Auckland."""
    return {**browser_context_args, "timezone_id": ZONE}


def open_home(page, sessions=()):
    """Home at the fixed time, with `sessions` in the log."""
    page.clock.set_fixed_time(NOW)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Back basics")
    if sessions:
        seed_log(page, list(sessions))
        page.reload()
    expect(page.get_by_role("region", name="How is your back today?")).to_be_visible()


def answer(page, label):
    page.get_by_role("button", name=label, exact=True).click()
    expect(page.get_by_role("button", name=label, exact=True)).to_have_attribute("aria-pressed", "true")


def why(page):
    """The reasons under "Why this routine today", opened."""
    page.get_by_text("Why this routine today").click()
    reasons = page.locator(".why-today li")
    expect(reasons.first).to_be_visible()
    return reasons


def test_a_bad_day_offers_acute_relief_with_a_reason_kept_for_the_day(page):
    open_home(page)
    expect(page.get_by_role("button", name=SORE)).to_have_attribute("aria-pressed", "false")
    answer(page, BAD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_role("link", name="Start Acute relief")).to_be_visible()
    expect(why(page).first).to_contain_text("You said your back is bad today")
    [record] = [record for record in read_store(page, "settings") if record["key"] == "checkIn"]
    assert (record["value"]["day"], record["value"]["answer"]) == ("2026-12-02", "bad")

    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_role("button", name=BAD)).to_have_attribute("aria-pressed", "true")

    # The answer may be changed that day.
    answer(page, SORE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Back basics")
    expect(page.get_by_role("button", name=BAD)).to_have_attribute("aria-pressed", "false")

    # A new day asks again.
    page.clock.set_fixed_time(NOW + timedelta(days=1))
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Back basics")
    for label in (BAD, SORE, FINE):
        expect(page.get_by_role("button", name=label)).to_have_attribute("aria-pressed", "false")


def test_delete_my_data_forgets_todays_answer(page):
    open_home(page)
    answer(page, BAD)
    open_view(page, "/settings", "Settings")
    page.get_by_role("button", name="Delete my data").click()
    page.get_by_role("button", name="Delete everything").click()
    expect(page.get_by_text("Your data was deleted")).to_be_visible()

    assert [record for record in read_store(page, "settings") if record["key"] == "checkIn"] == []
    page.goto("/")
    for label in (BAD, SORE, FINE):
        expect(page.get_by_role("button", name=label)).to_have_attribute("aria-pressed", "false")


def test_the_plan_works_offline_once_installed(page, live_server):
    open_home(page)
    wait_for_service_worker(page)
    with offline(page, live_server):
        page.reload()
        answer(page, BAD)
        expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
        expect(why(page).first).to_contain_text("bad today")


def test_mostly_fine_moves_on_to_daily_strength_only_after_a_good_week(page):
    open_home(page)
    answer(page, FINE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Back basics")
    expect(why(page).last).to_contain_text("So far: 0")

    seed_log(page, GOOD_WEEK)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Daily strength")
    expect(page.get_by_role("link", name="Start Daily strength")).to_be_visible()
    expect(why(page).last).to_contain_text("you are ready for more")


def test_a_stop_in_a_recent_session_steps_the_plan_down(page):
    open_home(page, [*GOOD_WEEK, logged(0, hour=7, status="stopped", stopReason="sharp-pain")])
    answer(page, FINE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Back basics")
    expect(why(page)).to_contain_text(["mostly fine", "You stopped an exercise or a session"])
    answer(page, SORE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")


def test_the_persons_pick_wins_and_can_be_handed_back(page):
    open_home(page)
    answer(page, BAD)
    open_view(page, "/routines/morning-mobility", "Morning mobility")
    page.get_by_role("button", name="Make this my daily routine").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Morning mobility")
    expect(why(page)).to_have_text(["You chose Morning mobility as your daily routine.", "On a bad day Acute relief is the gentler choice."])

    open_view(page, "/routines/morning-mobility", "Morning mobility")
    page.get_by_role("button", name="Let the daily plan choose again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")


def test_an_own_routine_can_be_the_daily_pick_and_once_deleted_the_plan_chooses_again(page):
    open_home(page)
    answer(page, SORE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Back basics")
    seed_own_routine(page)
    minutes = dosage.rounded_minutes(dosage.routine_seconds(ROUTINE))
    open_view(page, f"/routines/{OWN_ID}", ROUTINE["title"])
    page.get_by_role("button", name="Make this my daily routine").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ROUTINE["title"])
    today = page.get_by_role("region", name=ROUTINE["title"])
    expect(today).to_contain_text(ROUTINE["summary"])
    expect(today.locator(".meta").first).to_have_text(f"About {minutes} minute{'s' if minutes != 1 else ''} · 2 exercises")
    expect(why(page)).to_have_text([f"You chose {ROUTINE['title']} as your daily routine."])
    # Start plays it (through the safety check, which is due on this fresh device).
    expect(today.get_by_role("link", name=f"Start {ROUTINE['title']}")).to_have_attribute("href", f"/check?next=%2Fplay%2F{OWN_ID}")
    assert_no_axe_violations(page, "home with an own routine picked")
    # Kept on the device: a reload, and the routine's page, still know the pick.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(ROUTINE["title"])
    open_view(page, f"/routines/{OWN_ID}", ROUTINE["title"])
    expect(page.get_by_text("This is your daily routine on the home screen.")).to_be_visible()

    page.get_by_role("button", name="Delete this routine").click()
    page.get_by_role("button", name=f"Yes, delete {ROUTINE['title']}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Back basics")
    expect(why(page)).to_have_text(["You said your back is sore but moving. Back basics works on mobility and gentle strength without asking too much of a sore back."])


def test_a_desk_break_is_offered_on_work_days_once_wanted(page):
    open_home(page)
    answer(page, SORE)
    expect(page.get_by_role("region", name="Also today: Desk break")).to_have_count(0)
    open_view(page, "/settings", "Settings")
    page.get_by_label("Offer a desk break on my work days").check()
    expect(page.get_by_role("status").filter(has_text="Desk break on. Saved.")).to_be_attached()
    page.goto("/")
    offer = page.get_by_role("region", name="Also today: Desk break")
    expect(offer).to_contain_text("work days")
    expect(page.get_by_role("heading", level=1)).to_have_text("Back basics")

    # Wednesday is no work day any more: no desk break today.
    open_view(page, "/settings", "Settings")
    page.get_by_role("group", name="My work days").get_by_label("Wednesday").uncheck()
    expect(page.get_by_role("status").filter(has_text="Wednesday is not a work day. Saved.")).to_be_attached()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Back basics")
    expect(page.get_by_role("region", name="Also today: Desk break")).to_have_count(0)


def test_an_emergency_answer_leaves_home_asking_nothing_about_exercise(page):
    page.clock.set_fixed_time(NOW)
    answer_safety_check(page, yes=["saddle-numbness"])
    page.goto("/")
    expect(page.locator("#home-advice")).to_be_visible()
    expect(page.get_by_role("region", name="How is your back today?")).to_have_count(0)
    expect(page.get_by_text("Why this routine today")).to_have_count(0)
    expect(page.get_by_role("button", name="Start Back basics (locked)")).to_be_disabled()


def test_keyboard_alone_answers_and_opens_the_reasons(page):
    open_home(page)
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == BAD:
            break
    expect(page.get_by_role("button", name=BAD)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    # Drawn again with the answer: focus is on today's routine, which a screen reader reads out.
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Why this routine today":
            break
    page.keyboard.press("Enter")
    expect(page.locator(".why-today li").first).to_contain_text("bad today")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_home_with_the_plan(page, scheme):
    page.emulate_media(color_scheme=scheme)
    open_home(page, GOOD_WEEK)
    assert_no_axe_violations(page, "home before the check-in")
    answer(page, FINE)
    why(page)
    assert_no_axe_violations(page, "home with the plan's reasons open")


@pytest.mark.parametrize("width", [320, 390])
def test_the_check_in_fits_a_narrow_phone_with_big_answers(browser, live_server, width):
    context = browser.new_context(base_url=live_server.url, timezone_id=ZONE, **phone(width))
    try:
        page = context.new_page()
        open_home(page)
        answer(page, SORE)
        why(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for control in [page.get_by_role("button", name=label, exact=True) for label in (BAD, SORE, FINE)] + [page.locator(".why-today summary")]:
            box = control.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, box
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    finally:
        context.close()
