"""The pain guard's ease-off on Home, in real Chromium: after the gentlest routine made the pain
worse, Home offers no routine that day and the next, as the guard's advice says, and a session
rated without a rise ends it at once."""

import re

import pytest
from browser_helpers import assert_no_axe_violations, phone, started_player
from playwright.sync_api import expect

from tests.test_browser_safety import finish_quickly


@pytest.fixture
def browser_context_args(browser_context_args):
    """A phone in the UK, as in the other safety tests."""
    return {**browser_context_args, "locale": "en-US", "timezone_id": "Europe/London"}


# Noon, local time, `days` days after the page's today, in ms (the clock API takes seconds): noon never
# lands on the wrong date, whatever the clocks do that night.
NOON_IN_DAYS = "(days) => { const now = new Date(); return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, 12).getTime(); }"


def flare_acute_relief(page):
    """Acute relief, pain from 3 to 6: the gentlest routine made it worse."""
    started_player(page, "acute-relief", pain="3")
    finish_quickly(page, exercises=7)
    page.get_by_role("button", name="6", exact=True).click()
    # Saved, and the guard has spoken: only then may a test leave the finish screen.
    expect(page.get_by_text("Saved on this device.")).to_be_visible()
    expect(page.get_by_role("region", name="Your pain went up after the gentlest routine")).to_be_visible()


def no_start_on_home(page):
    """Home offers no routine to play: no Start and no Resume, locked or not."""
    expect(page.get_by_role("link", name=re.compile("^(Start|Resume) "))).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Start "))).to_have_count(0)


def test_pain_up_after_acute_relief_offers_no_routine_that_day_and_the_next(page):
    flare_acute_relief(page)
    # The finish screen already says what the gentlest routine's own rise means.
    guard = page.get_by_role("region", name="Your pain went up after the gentlest routine")
    expect(guard).to_contain_text("Leave the exercises for today and tomorrow")
    expect(guard).not_to_contain_text("rest today")
    # Both days ahead, computed now from the page's today: once the clock moves, "tomorrow" would too.
    tomorrow, day_after = (page.evaluate(f"({NOON_IN_DAYS})({days})") for days in (1, 2))
    # The day after tomorrow: the day Home offers a routine again.
    weekday = page.evaluate("(time) => new Date(time).toLocaleDateString('en-GB', { weekday: 'long' })", day_after)

    page.goto("/")
    expect(page.get_by_role("region", name="Your pain went up after the gentlest routine")).to_contain_text("keep moving gently in your usual day")
    today = page.get_by_role("region", name=f"None until {weekday}")
    expect(today).to_contain_text("Today's routine")
    expect(today.get_by_role("link", name="Heat and cold timer")).to_have_attribute("href", "/heat-cold")
    expect(today.get_by_role("link", name="Warning signs")).to_have_attribute("href", "/warning-signs")
    no_start_on_home(page)
    expect(page.get_by_role("region", name="How is your back today?")).to_have_count(0)
    expect(page.get_by_role("list", name="Help and tools")).to_contain_text("Time a heat or cold pack.")

    # Tomorrow, still none; the day after, the plan offers the gentlest routine again, and says why.
    page.clock.set_fixed_time(tomorrow / 1000)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("None until tomorrow")
    no_start_on_home(page)
    page.clock.set_fixed_time(day_after / 1000)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_role("link", name="Start Acute relief")).to_be_visible()
    expect(page.locator(".today .plan-lead")).to_contain_text(["Your pain went up by 2 or more points"])

    # "Mostly fine" that day, with Daily strength as the daily pick: still nothing harder than the
    # routine that raised the pain, and the pick waits as the usual routine.
    page.goto("/routines/daily-strength")
    page.get_by_role("button", name="Make this my daily routine").click()
    page.get_by_role("button", name="Mostly fine", exact=True).click()
    expect(page.get_by_role("button", name="Mostly fine", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_role("link", name="Start Acute relief")).to_be_visible()
    expect(page.get_by_role("link", name="Start Daily strength")).to_have_count(0)
    expect(page.get_by_role("link", name="Your usual routine: Daily strength")).to_be_visible()


def test_a_session_without_a_rise_ends_the_ease_off_at_once(page):
    flare_acute_relief(page)
    page.goto("/")
    no_start_on_home(page)
    page.goto("/play/acute-relief")
    page.get_by_role("button", name="4", exact=True).click()
    finish_quickly(page, exercises=7)
    page.get_by_role("button", name="4", exact=True).click()
    expect(page.get_by_text("Saved on this device.")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    expect(page.get_by_role("region", name="Your pain went up after the gentlest routine")).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_home_while_easing_off(page, scheme):
    page.emulate_media(color_scheme=scheme)
    flare_acute_relief(page)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("None until")
    assert_no_axe_violations(page, "home while easing off")


def test_home_while_easing_off_fits_a_narrow_phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US", timezone_id="Europe/London", **phone(320))
    try:
        page = context.new_page()
        flare_acute_relief(page)
        page.goto("/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("None until")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        for name in ("Heat and cold timer", "Warning signs"):
            box = page.locator(".today").get_by_role("link", name=name).bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 320, (name, box)
    finally:
        context.close()
