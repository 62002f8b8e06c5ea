"""The daily plan on Home in real Chromium: the one-tap check-in, today's routine and why.

The page's clock is fixed at Wednesday 2 December 2026, 10:00 in Auckland (a default work day),
far from UTC, so a day taken from UTC instead of the local one shows up wrong.
"""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from browser_helpers import answer_safety_check, assert_no_axe_violations, offline, open_view, phone, read_store, seed_log, started_player, wait_for_service_worker, wait_until
from playwright.sync_api import expect

from pwa.catalog import dosage
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
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    if sessions:
        seed_log(page, list(sessions))
        page.reload()
    expect(page.get_by_role("region", name="How is your back today?")).to_be_visible()


def answer(page, label):
    page.get_by_role("button", name=label, exact=True).click()
    expect(page.get_by_role("button", name=label, exact=True)).to_have_attribute("aria-pressed", "true")


def lead(page):
    """The plan's reasons said above Start, in plain text (no disclosure to open)."""
    return page.locator(".today .plan-lead")


def pick(page, routine_id, title):
    """Make a routine the daily one from its page, then go back Home."""
    open_view(page, f"/routines/{routine_id}", title)
    page.get_by_role("button", name="Make this my daily routine").click()
    # Making it the daily routine brings the person back Home.
    expect(page.get_by_role("region", name="How is your back today?")).to_be_visible()


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

    # The answer may be changed that day, but the bad day is not erased: Acute relief stays, and says why.
    answer(page, SORE)
    expect(page.get_by_role("button", name=BAD)).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(lead(page)).to_have_text(
        ["You said earlier today that your back was bad, so Acute relief stays today's routine. Once you have done it on a later day without your pain going up, Back basics comes next."]
    )

    # A new day asks again, and until it is answered offers the gentlest routine.
    page.clock.set_fixed_time(NOW + timedelta(days=1))
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    for label in (BAD, SORE, FINE):
        expect(page.get_by_role("button", name=label)).to_have_attribute("aria-pressed", "false")
    # Yesterday counts as the bad day it was, though its last answer was "sore".
    answer(page, SORE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(lead(page)).to_contain_text(["Your back was bad in the last few days"])


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


def test_before_the_check_in_home_offers_acute_relief(page):
    open_home(page)
    expect(page.get_by_role("link", name="Start Acute relief")).to_be_visible()
    expect(page.get_by_role("link", name="Start Back basics")).to_have_count(0)
    expect(why(page).first).to_contain_text("Until then: Acute relief")


def test_on_a_bad_day_the_plan_beats_the_persons_pick_which_waits_as_their_usual_routine(page):
    open_home(page)
    answer(page, BAD)
    pick(page, "daily-strength", "Daily strength")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_role("link", name="Start Acute relief")).to_be_visible()
    expect(page.get_by_role("link", name="Start Daily strength")).to_have_count(0)
    # Why, above Start and in plain words: the disclosure below stays closed.
    expect(lead(page)).to_have_text(
        ["You said your back is bad today. Acute relief keeps you moving gently, with no loaded moves, and you can repeat it up to 3 times today with short walks between."]
    )
    expect(page.locator(".why-today")).not_to_have_attribute("open", "")
    usual = page.get_by_role("link", name="Your usual routine: Daily strength")
    expect(usual).to_have_attribute("href", "/routines/daily-strength")

    # Changed to "Sore but moving" that afternoon: still a bad day, so the pick still waits.
    answer(page, SORE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_role("link", name="Start Daily strength")).to_have_count(0)
    expect(usual).to_be_visible()

    open_view(page, "/routines/daily-strength", "Daily strength")
    page.get_by_role("button", name="Let the daily plan choose again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(usual).to_have_count(0)


def test_a_pain_rise_yesterday_beats_the_persons_pick_and_says_so_above_start(page):
    open_home(page, [logged(1, pain_before=3, pain_after=6)])
    pick(page, "morning-mobility", "Morning mobility")
    answer(page, SORE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(lead(page)).to_have_text(["Your pain went up by 2 or more points in a session in the last 3 days, so the plan stays one step gentler for now."])
    expect(page.get_by_role("link", name="Your usual routine: Morning mobility")).to_be_visible()


def test_sore_the_day_after_a_bad_day_stays_at_acute_relief_until_it_went_without_a_rise(page):
    open_home(page)
    answer(page, BAD)
    page.clock.set_fixed_time(NOW + timedelta(days=1))
    page.reload()
    answer(page, SORE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(lead(page)).to_contain_text(["Your back was bad in the last few days, so Acute relief comes first again."])

    # Acute relief that day, pain no higher afterwards: Home does not swap the routine under the
    # person the moment it is done; the next day, the next step is Back basics.
    seed_log(page, [logged(-1, hour=8, routineId="acute-relief", pain_before=4, pain_after=3)])
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_role("link", name="Start Back basics")).to_have_count(0)
    page.clock.set_fixed_time(NOW + timedelta(days=2))
    page.reload()
    answer(page, SORE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Back basics")
    expect(lead(page)).to_have_count(0)


def test_a_harder_routine_left_unfinished_is_not_resumed_on_a_bad_day(page):
    started_player(page, "daily-strength")
    page.clock.run_for(14_000)
    page.get_by_role("link", name="Leave").click()
    left = page.get_by_role("region", name="Left unfinished: Daily strength")
    expect(left).to_contain_text("It can wait until your back settles")
    answer(page, BAD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_role("link", name=re.compile("^Resume "))).to_have_count(0)
    expect(left).to_be_visible()
    assert_no_axe_violations(page, "home with a harder routine left unfinished")
    end = left.get_by_role("button", name="End it")
    box = end.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, box

    end.click()
    expect(left).to_have_count(0)
    wait_until(page, lambda: [record["status"] for record in read_store(page, "sessions")] == ["abandoned"], "the session was not ended")
    assert read_store(page, "player") == []


def test_without_the_plans_rules_home_offers_acute_relief_and_the_pick_waits(browser, live_server):
    # The plan never downloaded: no service worker to serve it, and its every request fails.
    context = browser.new_context(base_url=live_server.url, timezone_id=ZONE, service_workers="block")
    try:
        context.route("**/api/v1/plan", lambda route: route.fulfill(status=503, body="down"))
        page = context.new_page()
        page.clock.set_fixed_time(NOW)
        open_view(page, "/routines/daily-strength", "Daily strength")
        page.get_by_role("button", name="Make this my daily routine").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
        expect(page.get_by_role("link", name="Start Acute relief")).to_be_visible()
        expect(page.get_by_role("link", name="Start Daily strength")).to_have_count(0)
        expect(page.get_by_role("link", name="Your usual routine: Daily strength")).to_have_attribute("href", "/routines/daily-strength")
        expect(page.get_by_role("region", name="How is your back today?")).to_have_count(0)
    finally:
        context.close()


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
    expect(page.get_by_role("button", name="Start Acute relief (locked)")).to_be_disabled()


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
    pick(page, "morning-mobility", "Morning mobility")
    answer(page, BAD)
    expect(lead(page)).to_have_count(1)
    assert_no_axe_violations(page, "home on a bad day, the pick set aside")


@pytest.mark.parametrize("width", [320, 390])
def test_the_check_in_fits_a_narrow_phone_with_big_answers(browser, live_server, width):
    context = browser.new_context(base_url=live_server.url, timezone_id=ZONE, **phone(width))
    try:
        page = context.new_page()
        open_home(page)
        pick(page, "daily-strength", "Daily strength")
        answer(page, BAD)
        why(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        controls = [page.get_by_role("button", name=label, exact=True) for label in (BAD, SORE, FINE)]
        controls += [page.locator(".why-today summary"), page.get_by_role("link", name="Start Acute relief"), page.get_by_role("link", name="Your usual routine: Daily strength")]
        for control in controls:
            box = control.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, box
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
        # The lines above Start are not covered by what follows them.
        above, start = lead(page).first.bounding_box(), page.get_by_role("link", name="Start Acute relief").bounding_box()
        assert above["y"] + above["height"] <= start["y"], (above, start)
    finally:
        context.close()
