"""History in real Chromium: the active-days calendar, the streak and the pain chart, from a seeded log.

The page's clock is fixed at Tuesday 17 November 2026, 10:00 in Auckland, so the tests do not
depend on the day they run; Auckland is far from UTC, so a day taken from UTC shows up wrong.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from browser_helpers import assert_no_axe_violations, open_view, phone, read_store, seed_log
from playwright.sync_api import expect

from tests.log_payloads import a_session, iso

ZONE = "Pacific/Auckland"
NOW = datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo(ZONE))


def session(day, hour, minute=0, status="completed", pain_before=None, pain_after=None):
    """A session record as the player saves it, started on `day` of November 2026 at local `hour:minute`."""
    started = datetime(2026, 11, day, hour, minute, tzinfo=ZoneInfo(ZONE))
    ended = started + timedelta(minutes=7)
    return a_session(
        sets=0,
        id=f"session-{day}-{hour}-{minute}",
        startedAt=iso(started),
        endedAt=iso(ended),
        updatedAt=iso(ended),
        painBefore=pain_before,
        painAfter=pain_after,
        status=status,
    )


# Active on Tue 3, Thu 12 (twice), Sun 15, Mon 16 and Tue 17 (today): a 3-day streak.
# Sat 14 was left unfinished, so it is no active day, though its pain answer is charted.
LOG = [
    session(3, 18, pain_before=8, pain_after=5),
    session(12, 7),
    session(12, 23, 45),
    session(14, 12, status="abandoned", pain_before=4),
    session(15, 9, pain_before=5),
    session(16, 19, status="stopped", pain_before=7, pain_after=7),
    # 08:30 in Auckland is still Monday 16 November in UTC.
    session(17, 8, 30, pain_before=6, pain_after=3),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    """Every page of these tests lives in Auckland."""
    return {**browser_context_args, "timezone_id": ZONE}


def open_history(page, sessions):
    """Load the app at the fixed time, put `sessions` in its log, then open History."""
    page.clock.set_fixed_time(NOW)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    seed_log(page, sessions)
    assert len(read_store(page, "sessions")) == len(sessions)
    open_view(page, "/history", "Your history")


@pytest.fixture
def history(page):
    """History with the seeded log."""
    open_history(page, LOG)
    return page


def test_the_streak_and_recent_active_days_are_said_in_words(history):
    page = history
    activity = page.get_by_role("region", name="Active days")
    expect(activity.locator(".streak-count")).to_have_text("3-day streak")
    expect(activity).to_contain_text("5 active days in the last 30")


def test_the_calendar_marks_each_active_day_for_eyes_and_screen_readers(history):
    page = history
    calendar = page.get_by_role("table", name="19 Oct – 22 Nov")
    expect(calendar.get_by_role("columnheader")).to_have_text(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    expect(calendar.get_by_role("row")).to_have_count(6)
    expect(calendar.get_by_role("cell")).to_have_count(35)

    said = {
        "Tue 17 Nov (today): 1 session",
        "Mon 16 Nov: 1 session",
        "Sun 15 Nov: 1 session",
        "Sat 14 Nov: no session",
        "Thu 12 Nov: 2 sessions",
        "Tue 3 Nov: 1 session",
        "Mon 2 Nov: no session",
        "Wed 18 Nov: still to come",
    }
    for name in said:
        expect(calendar.get_by_role("cell", name=name, exact=True)).to_have_count(1)

    # What the eye sees matches: a marked disc on exactly the five active days, a ring on today.
    active = calendar.locator(".calendar-day.is-active")
    expect(active.locator(".calendar-mark")).to_have_text(["3", "12", "15", "16", "17"])
    today = calendar.locator("td[aria-current=date]")
    expect(today).to_have_count(1)
    expect(today).to_have_class("calendar-day is-active is-today")


def test_the_pain_chart_draws_a_point_per_answer_and_sums_itself_up(history):
    page = history
    chart = page.get_by_role("img", name="Pain from 0 to 10 before and after")
    expect(chart).to_have_attribute(
        "aria-label",
        "Pain from 0 to 10 before and after, 5 sessions from Tue 3 Nov to Tue 17 Nov. Average 6 before, 5 after. Latest: 6 before, 3 after.",
    )
    # Five sessions have an answer before (circles), three after (squares), one line each.
    expect(chart.locator(".chart-before circle")).to_have_count(5)
    expect(chart.locator(".chart-after rect")).to_have_count(3)
    expect(chart.locator("path.chart-line")).to_have_count(2)
    expect(chart.locator(".chart-before circle title")).to_have_text(["Tue 3 Nov: 8 before", "Sat 14 Nov: 4 before", "Sun 15 Nov: 5 before", "Mon 16 Nov: 7 before", "Tue 17 Nov: 6 before"])
    # Pain 8 sits higher than pain 4: a smaller y in SVG.
    heights = chart.locator(".chart-before circle").evaluate_all("(circles) => circles.map((circle) => circle.cy.baseVal.value)")
    assert heights[0] < heights[1]
    expect(page.locator(".chart-legend li")).to_have_text(["Before the routine", "After the routine"])


def test_the_pain_table_gives_the_same_numbers(history):
    page = history
    page.get_by_text("Pain table").click()
    table = page.locator(".pain-table table")
    expect(table).to_be_visible()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(5)
    expect(rows.nth(0).get_by_role("rowheader")).to_have_text("Tue 3 Nov")
    expect(rows.nth(0).get_by_role("cell")).to_have_text(["8", "5"])
    # A missing answer shows a dash and is read out in words.
    expect(rows.nth(1).get_by_role("cell").first).to_have_text("4")
    expect(rows.nth(1).get_by_role("cell").last).to_have_accessible_name("not answered")
    expect(rows.nth(4).get_by_role("cell")).to_have_text(["6", "3"])


def test_sessions_arriving_from_the_account_are_drawn_in_and_an_open_table_stays_open(history):
    page = history
    page.get_by_text("Pain table").click()
    expect(page.locator(".pain-table table")).to_be_visible()
    entries = page.locator(".history-entry").count()
    # What a pull from the account does: sessions land in the log, and History is told.
    seed_log(page, [session(17, 9, pain_before=5, pain_after=2)])
    page.evaluate("window.dispatchEvent(new Event('unknot:log-pulled'))")
    expect(page.locator(".history-entry")).to_have_count(entries + 1)
    expect(page.locator(".pain-table table")).to_be_visible()
    expect(page.locator(".pain-table table tbody tr")).to_have_count(6)


def test_the_sessions_still_follow_newest_first(history):
    page = history
    expect(page.get_by_role("heading", name="Sessions", level=2)).to_be_visible()
    expect(page.locator(".history-entry")).to_have_count(len(LOG))
    expect(page.locator(".history-entry").first).to_contain_text("Pain 6 before, 3 after")


def test_a_streak_that_ended_yesterday_is_still_alive(page):
    open_history(page, [session(15, 9), session(16, 9)])
    expect(page.locator(".streak-count")).to_have_text("2-day streak – a routine today keeps it going")
    expect(page.get_by_role("cell", name="Tue 17 Nov (today): no session", exact=True)).to_be_visible()


def test_an_empty_history_invites_a_first_routine_and_draws_no_chart(page):
    open_history(page, [])
    expect(page.locator(".streak-count")).to_have_text("No streak yet – any routine today starts one")
    expect(page.get_by_text("0 active days in the last 30")).to_be_visible()
    expect(page.locator(".pain-chart-svg")).to_have_count(0)
    expect(page.get_by_text("from two sessions on, a chart here shows")).to_be_visible()


def test_one_pain_answer_is_too_few_for_a_chart(page):
    open_history(page, [session(17, 8, pain_before=5, pain_after=4)])
    expect(page.locator(".pain-chart-svg")).to_have_count(0)
    expect(page.get_by_text("Pain table")).to_have_count(0)
    expect(page.get_by_text("from two sessions on, a chart here shows")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_history_with_data(history, scheme):
    page = history
    page.emulate_media(color_scheme=scheme)
    page.get_by_text("Pain table").click()
    expect(page.locator(".pain-table table")).to_be_visible()
    assert_no_axe_violations(page, "history with the pain table open")


@pytest.mark.parametrize("width", [320, 390])
def test_history_fits_a_narrow_phone(browser, live_server, width):
    context = browser.new_context(base_url=live_server.url, timezone_id=ZONE, **phone(width))
    try:
        page = context.new_page()
        open_history(page, LOG)
        page.get_by_text("Pain table").click()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # The one control here, the table's disclosure, is a comfortable touch target.
        box = page.locator(".pain-table summary").bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
        # Every day's disc sits inside its own column.
        overflowing = page.locator(".calendar td").evaluate_all(
            """(cells) => cells.filter((cell) => {
                const disc = cell.querySelector(".calendar-mark").getBoundingClientRect();
                const box = cell.getBoundingClientRect();
                return disc.left < box.left || disc.right > box.right;
            }).length"""
        )
        assert overflowing == 0
    finally:
        context.close()
