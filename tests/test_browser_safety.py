"""Safety in real Chromium: the red-flag screen, locks and pauses, stop rules, pain guard, heat and cold."""

import re
from contextlib import contextmanager

import pytest
from browser_helpers import (
    answer_no_to_every_question,
    answer_safety_check,
    assert_no_axe_violations,
    offline,
    read_store,
    started_player,
    wait_for_records,
    wait_for_service_worker,
    wait_until,
)
from playwright.sync_api import expect

DAY_MS = 24 * 3600 * 1000
MINUTE_MS = 60 * 1000


@pytest.fixture
def browser_context_args(browser_context_args):
    """An American phone in the UK: its time zone, not its language, says where it is, so the
    emergency advice offers 999."""
    return {**browser_context_args, "locale": "en-US", "timezone_id": "Europe/London"}


def start_button(page, title="Acute relief"):
    return page.get_by_role("button", name=f"Start {title} (locked)")


def test_a_first_visit_meets_the_screen_before_any_routine(page):
    page.goto("/play/daily-strength")
    expect(page.get_by_role("heading", name="Safety check")).to_be_visible()
    expect(page.get_by_text("Numbness or tingling around your genitals, bottom or inner thighs?")).to_be_visible()
    expect(page.get_by_role("region", name="Before you start")).to_contain_text("Unknot is not a diagnosis")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_role("alert")).to_contain_text("Please answer every question: 28 still have no answer.")
    answer_no_to_every_question(page)
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_role("heading", name="No warning signs")).to_be_visible()
    # The clear result says what to come back for, and where all the signs are.
    come_back = page.get_by_role("region", name="Stop and get help at once if you notice")
    expect(come_back).to_contain_text("a leg giving way")
    expect(come_back.get_by_role("link", name="All the warning signs")).to_have_attribute("href", "/warning-signs")
    page.get_by_role("link", name="Carry on").click()
    expect(page.get_by_role("heading", name="How is your back pain right now?")).to_be_visible()
    (record,) = [setting for setting in read_store(page, "settings") if setting["key"] == "safetyScreen"]
    assert record["value"]["level"] == "clear" and len(record["value"]["answers"]) == 28


def test_emergency_questions_have_no_shortcut_and_one_left_unanswered_is_asked_for(page):
    page.goto("/check")
    groups = page.locator(".question-group")
    expect(groups).to_have_count(3)
    expect(groups.nth(0).get_by_role("button", name="No to all of these")).to_have_count(0)
    expect(groups.nth(0)).to_contain_text("Please answer each of these on its own.")
    expect(groups.nth(1).get_by_role("button", name="No to all of these")).to_have_count(1)
    answer_no_to_every_question(page)
    page.locator('input[name="tummy-and-back"][value="no"]').evaluate("(input) => { input.checked = false; }")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_role("alert")).to_contain_text("Please answer every question: 1 still has no answer.")
    expect(page.locator('input[name="tummy-and-back"][value="yes"]')).to_be_focused()


def test_an_emergency_yes_locks_every_start_and_shows_the_advice_offline_too(page, live_server):
    page.goto("/")
    wait_for_service_worker(page)
    answer_safety_check(page, yes=["bladder-bowel"])
    expect(page.get_by_role("heading", name="Get emergency help now")).to_be_visible()
    expect(page.get_by_text("Call your local emergency number or go to the emergency department now.")).to_be_visible()
    expect(page.get_by_text("This device's time zone places it in the United Kingdom, where the number for an ambulance is 999.")).to_be_visible()
    expect(page.get_by_role("link", name="Call 999")).to_have_attribute("href", "tel:999")
    expect(page.get_by_role("link", name="Call 911")).to_have_count(0)

    with offline(page, live_server):
        page.goto("/")
        expect(page.get_by_role("heading", name="Get emergency help now")).to_be_visible()
        expect(start_button(page)).to_be_disabled()
        expect(page.get_by_role("link", name=re.compile("^Start "))).to_have_count(0)
        page.goto("/routines/acute-relief")
        expect(start_button(page, "Acute relief")).to_be_disabled()
        page.goto("/play/acute-relief")
        expect(page.get_by_role("heading", name="Get emergency help now")).to_be_visible()
        expect(page.get_by_role("heading", name="How is your back pain right now?")).to_have_count(0)


@contextmanager
def page_on_a_device(browser, live_server, locale, timezone_id):
    """A page in a fresh context with the device's language and time zone set."""
    context = browser.new_context(base_url=live_server.url, locale=locale, timezone_id=timezone_id)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_norway_is_offered_its_ambulance_number_113(browser, live_server):
    with page_on_a_device(browser, live_server, "en-GB", "Europe/Oslo") as page:
        answer_safety_check(page, yes=["leg-giving-way"])
        expect(page.get_by_text("places it in Norway, where the number for an ambulance is 113.")).to_be_visible()
        expect(page.get_by_role("link", name="Call 113")).to_have_attribute("href", "tel:113")


def test_without_a_known_time_zone_the_advice_never_guesses_a_number(browser, live_server):
    # A British language setting does not make a device in UTC British.
    with page_on_a_device(browser, live_server, "en-GB", "UTC") as page:
        answer_safety_check(page, yes=["saddle-numbness"])
        expect(page.get_by_text("Call your local emergency number or go to the emergency department now.")).to_be_visible()
        expect(page.get_by_text("Use the emergency number for the country you are in.")).to_be_visible()
        expect(page.locator('a[href^="tel:"]')).to_have_count(0)


def test_an_urgent_yes_pauses_the_routines_until_the_person_confirms_they_were_seen(page):
    answer_safety_check(page, yes=["fever"])
    expect(page.get_by_role("heading", name="Speak to a doctor today")).to_be_visible()
    page.goto("/")
    expect(start_button(page)).to_be_disabled()
    page.get_by_role("link", name="Open the safety check").click()
    page.get_by_role("button", name="I have been seen, and was told gentle exercise is fine").click()
    expect(page.get_by_text("The routines are open.")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("link", name="Start Acute relief")).to_have_attribute("href", "/play/acute-relief")


def test_a_banner_answer_shows_a_note_that_can_be_dismissed(page):
    answer_safety_check(page, yes=["no-improvement"])
    page.goto("/")
    note = page.get_by_role("heading", name="Worth mentioning to a doctor")
    expect(note).to_be_visible()
    expect(page.get_by_role("link", name="Start Acute relief")).to_have_attribute("href", "/play/acute-relief")
    page.get_by_role("button", name="Dismiss").click()
    expect(note).to_have_count(0)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(note).to_have_count(0)


def test_the_screen_is_asked_again_after_14_days(page):
    page.clock.install()
    answer_safety_check(page)
    page.goto("/")
    expect(page.get_by_role("link", name="Start Acute relief")).to_have_attribute("href", "/play/acute-relief")
    page.clock.fast_forward(15 * DAY_MS)
    page.goto("/")
    expect(page.get_by_role("link", name="Start Acute relief")).to_have_attribute("href", "/check?next=%2Fplay%2Facute-relief")


def stop_for(page, reason):
    """Eight seconds into Back basics (the first bridge hold), tap Stop and give a reason."""
    started_player(page)
    page.clock.run_for(8_000)
    page.get_by_role("button", name="Stop — this hurts").click()
    page.get_by_role("button", name=reason).click()


def test_an_exercise_stop_offers_the_easier_version_and_goes_on(page):
    stop_for(page, "Sharp or severe pain")
    expect(page.get_by_role("heading", name="Stop this exercise")).to_be_visible()
    expect(page.get_by_text("Easier version: Small lift.")).to_be_visible()
    page.get_by_role("button", name="Skip Bridge and go on").click()
    expect(page.locator(".player-exercise")).to_have_text("Cat-cow")
    expect(page.locator(".player")).to_have_attribute("data-status", "running")
    # The stop is written a moment after the player moves on.
    (session,) = wait_until(
        page,
        lambda: [session for session in read_store(page, "sessions") if session.get("exerciseStops")],
        lambda: f"no exercise stop was saved after 10 s: {read_store(page, 'sessions')}",
    )
    assert session["status"] == "in-progress"
    assert [(stop["exerciseId"], stop["reason"]) for stop in session["exerciseStops"]] == [("bridge", "sharp-pain")]


def test_an_emergency_stop_ends_the_session_with_the_emergency_advice(page):
    reason = "Sudden weakness in both legs, or a leg giving way"
    stop_for(page, reason)
    expect(page.get_by_role("heading", name="Session stopped")).to_be_visible()
    expect(page.get_by_text(f"Saved on this device: stopped for “{reason.lower()}”.")).to_be_visible()
    expect(page.get_by_role("heading", name="Get emergency help now")).to_be_visible()
    expect(page.get_by_role("link", name="Call 999")).to_be_visible()
    (session,) = read_store(page, "sessions")
    assert (session["status"], session["stopReason"]) == ("stopped", "legs-giving-way")
    # The same signs on the safety check would lock the routines: so does this answer.
    page.goto("/")
    expect(start_button(page)).to_be_disabled()
    expect(page.get_by_role("heading", name="Get emergency help now")).to_be_visible()


def finish_quickly(page, exercises):
    """Skip every exercise: the routine ends and asks about pain again."""
    for _ in range(exercises):
        page.get_by_role("button", name="Skip exercise").click()
    expect(page.get_by_role("heading", name="Routine complete")).to_be_visible()


def test_pain_up_two_points_shows_advice_and_home_suggests_a_gentler_routine(page):
    started_player(page, pain="3")
    finish_quickly(page, exercises=4)
    page.get_by_role("button", name="5, moderate").click()
    expect(page.get_by_role("heading", name="Your pain went up")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_text("Suggested because your pain went up after your last session")).to_be_visible()
    # A harder daily pick does not override the guard's gentler routine, nor shows beside it.
    page.goto("/routines/daily-strength")
    page.get_by_role("button", name="Make this my daily routine").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_role("link", name="Start Daily strength")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Your usual routine"))).to_have_count(0)
    page.goto("/routines/daily-strength")
    page.get_by_role("button", name="Let the daily plan choose again").click()

    # A session whose pain-after is skipped compares nothing: the suggestion stands.
    page.goto("/play/acute-relief")
    page.get_by_role("button", name="3", exact=True).click()
    finish_quickly(page, exercises=7)
    page.get_by_role("button", name="Skip").click()
    expect(page.get_by_text("Saved on this device.")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")

    # A session without the rise clears the suggestion; the daily plan stays a step gentler for
    # the next days after the rise, and says so.
    page.goto("/play/acute-relief")
    page.get_by_role("button", name="4", exact=True).click()
    finish_quickly(page, exercises=7)
    page.get_by_role("button", name="4", exact=True).click()
    expect(page.get_by_text("Saved on this device.")).to_be_visible()
    expect(page.get_by_role("heading", name="Your pain went up")).to_have_count(0)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_text("Suggested because your pain went up after your last session")).to_have_count(0)
    page.get_by_text("Why this routine today").click()
    expect(page.locator(".why-today")).to_contain_text("Your pain went up by 2 or more points in a session in the last 3 days")


def test_the_warning_signs_are_one_tap_from_home_and_there_offline(page, live_server):
    page.goto("/")
    wait_for_service_worker(page)
    with offline(page, live_server):
        page.goto("/")
        page.get_by_role("link", name="Warning signs").first.click()
        expect(page).to_have_url(re.compile(r"/warning-signs$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Warning signs")
        emergency = page.get_by_role("region", name="Get emergency help now")
        expect(emergency).to_contain_text("Sudden, severe pain in your tummy or lower back")
        expect(emergency.get_by_role("link", name="Call 999")).to_be_visible()
        expect(page.get_by_role("region", name="Speak to a doctor today")).to_contain_text("numbness in a leg that is spreading or getting worse.")
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text("Warning signs")


def test_a_heat_pack_gets_skin_checks_too(page):
    page.clock.install()
    page.goto("/heat-cold")
    expect(page.get_by_text("Fill a hot-water bottle with hot tap water, never boiling water.")).to_be_visible()
    expect(page.get_by_text("Do not use cold if you have Raynaud's.")).to_be_visible()
    page.get_by_role("button", name="Start the timer").click()
    expect(page.locator(".player-count")).to_have_text("15:00")
    page.clock.run_for(5 * MINUTE_MS + 500)
    expect(page.get_by_text("Check your skin now")).to_be_visible()
    page.get_by_role("button", name="My skin looks fine").click()
    expect(page.get_by_text("Check your skin now")).to_have_count(0)
    page.clock.run_for(5 * MINUTE_MS)
    expect(page.get_by_text("Check your skin now")).to_be_visible()


def test_the_cold_timer_is_capped_checks_the_skin_and_needs_a_rest_before_the_next(page):
    page.clock.install()
    page.goto("/heat-cold")
    page.get_by_label("Cold", exact=True).check()
    more = page.get_by_role("button", name="One minute more")
    for _ in range(10):
        if more.is_enabled():
            more.click()
    expect(page.get_by_text("20 minutes", exact=True)).to_be_visible()
    expect(more).to_be_disabled()
    page.get_by_role("button", name="Start the timer").click()
    expect(page.locator(".player-count")).to_have_text("20:00")

    page.clock.run_for(5 * MINUTE_MS + 500)
    expect(page.get_by_text("Check your skin now")).to_be_visible()
    page.reload()  # the session survives a reload, prompt included
    expect(page.get_by_text("Check your skin now")).to_be_visible()
    page.get_by_role("button", name="My skin looks fine").click()
    expect(page.get_by_text("Check your skin now")).to_have_count(0)
    page.clock.run_for(5 * MINUTE_MS)
    expect(page.get_by_text("Check your skin now")).to_be_visible()
    page.get_by_role("button", name="My skin looks fine").click()
    page.clock.run_for(10 * MINUTE_MS)
    expect(page.get_by_role("heading", name="Time is up")).to_be_visible()
    (session,) = wait_for_records(page, "thermal", 1)
    assert session["mode"] == "cold"
    assert session["endedAt"] - session["startedAt"] == 20 * MINUTE_MS
    assert session["stoppedEarly"] is False

    page.get_by_role("button", name="Back to the timer").click()
    page.get_by_label("Cold", exact=True).check()
    expect(page.get_by_text(re.compile(r"Cold needs a break of 90 minutes between sessions"))).to_be_visible()
    expect(page.get_by_role("button", name="Start the timer")).to_be_disabled()
    page.get_by_label("Heat", exact=True).check()
    expect(page.get_by_role("button", name="Start the timer")).to_be_enabled()
    page.clock.fast_forward(90 * MINUTE_MS)
    page.get_by_label("Cold", exact=True).check()
    expect(page.get_by_role("button", name="Start the timer")).to_be_enabled()


def test_the_guide_works_offline_and_every_claim_names_its_sources(page, live_server):
    page.goto("/")
    wait_for_service_worker(page)
    with offline(page, live_server):
        page.goto("/guide")
        page.get_by_role("link", name=re.compile("^What helps")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("What helps")
        claims = page.locator(".claim")
        expect(claims).to_have_count(5)
        for index in range(5):
            expect(claims.nth(index).locator(".claim-sources")).not_to_be_empty()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_the_safety_screens(page, scheme):
    page.emulate_media(color_scheme=scheme)
    page.clock.install()
    page.goto("/check")
    expect(page.get_by_role("heading", name="Safety check")).to_be_visible()
    assert_no_axe_violations(page, "safety check form")
    answer_safety_check(page)
    expect(page.get_by_role("heading", name="No warning signs")).to_be_visible()
    assert_no_axe_violations(page, "clear result")
    answer_safety_check(page, yes=["fever"])
    assert_no_axe_violations(page, "urgent advice")
    answer_safety_check(page, yes=["chest-pain"])
    assert_no_axe_violations(page, "emergency advice")
    page.goto("/")
    expect(start_button(page)).to_be_disabled()
    assert_no_axe_violations(page, "locked home")
    page.goto("/play/back-basics")
    expect(page.get_by_role("heading", name="Get emergency help now")).to_be_visible()
    assert_no_axe_violations(page, "locked player")
    page.goto("/heat-cold")
    page.get_by_label("Cold", exact=True).check()
    expect(page.get_by_label("Cold", exact=True)).to_be_checked()
    assert_no_axe_violations(page, "heat and cold setup")
    page.get_by_role("button", name="Start the timer").click()
    expect(page.get_by_role("button", name="Stop now")).to_be_visible()
    page.clock.run_for(5 * MINUTE_MS + 500)
    expect(page.get_by_text("Check your skin now")).to_be_visible()
    assert_no_axe_violations(page, "cold timer with a skin check")


def test_the_heat_and_cold_timer_follows_the_person_to_other_pages(page):
    page.clock.install()
    page.goto("/heat-cold")
    page.get_by_role("button", name="Start the timer").click()
    expect(page.locator(".player-count")).to_have_text("15:00")
    page.goto("/guide")
    bar = page.locator(".heat-cold-bar")
    expect(bar).to_contain_text("Heat pack: about 15 min left.")
    page.clock.run_for(15 * MINUTE_MS + 1_000)
    expect(bar).to_contain_text("time is up. Take the pack off now.")
    (session,) = wait_for_records(page, "thermal", 1)
    assert session["endedAt"] - session["startedAt"] == 15 * MINUTE_MS
