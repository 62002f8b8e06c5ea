"""History → Report in real Chromium: printed to PDF (A4 and Letter) and read back with pdftotext.

The page's clock is fixed at Tuesday 17 November 2026, 10:00 in Auckland, so the default range,
the last four weeks, is Wed 21 Oct to Tue 17 Nov 2026, whatever day the test runs.
"""

import re
import shutil
import subprocess
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from browser_helpers import assert_no_axe_violations, open_view, phone, seed_log
from playwright.sync_api import expect

from tests.log_payloads import a_session, iso

ZONE = "Pacific/Auckland"
NOW = datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo(ZONE))
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
PDFINFO = shutil.which("pdfinfo") or "/usr/bin/pdfinfo"
ROUTINES = {"back-basics": "Back basics", "acute-relief": "Acute relief", "daily-strength": "Daily strength"}


def session(month, day, routine="back-basics", status="completed", before=None, after=None, **fields):
    """A session of `routine` at 08:00 local time on `day` of `month` 2026, with one set of bridges (as in `a_set`)."""
    started = datetime(2026, month, day, 8, 0, tzinfo=ZoneInfo(ZONE))
    ended = started + timedelta(minutes=7)
    return a_session(
        sets=1,
        id=f"session-{month}-{day}",
        routineId=routine,
        routineTitle=ROUTINES[routine],
        startedAt=iso(started),
        endedAt=iso(ended),
        updatedAt=iso(ended),
        status=status,
        painBefore=before,
        painAfter=after,
        **fields,
    )


LOG = [
    # Before the four weeks: in no section of the default report.
    session(10, 15, before=9, after=9, note="Before the range"),
    session(10, 22, before=7, after=5),
    session(10, 24, "acute-relief", before=8, after=6),
    session(10, 27),
    session(10, 29, before=6, after=4),
    session(11, 3, "daily-strength", status="stopped", before=5, stopReason="dizziness"),
    session(
        11,
        5,
        before=6,
        after=7,
        note="Bridge hurt my left side",
        exerciseStops=[{"exerciseId": "bridge", "reason": "sharp-pain", "at": iso(datetime(2026, 11, 5, 8, 3, tzinfo=ZoneInfo(ZONE)))}],
    ),
    # Left unfinished: its pain answer is charted, but it is no routine done.
    session(11, 12, status="abandoned", before=4),
    session(11, 16, before=4, after=2),
    session(11, 17, before=3, after=2),
]


def weekly_check(month, day, **scores):
    """A weekly function check taken at 09:00 local time on `day` of `month` 2026, rating `scores` (name: score)."""
    taken = iso(datetime(2026, month, day, 9, 0, tzinfo=ZoneInfo(ZONE)))
    return {"id": f"check-{month}-{day}", "takenAt": taken, "updatedAt": taken, "activities": [{"name": name, "score": score} for name, score in scores.items()]}


CHECKS = [
    # Before the four weeks: not in the report.
    weekly_check(10, 16, Walking=0),
    weekly_check(10, 23, Walking=2),
    weekly_check(10, 30, Walking=3, Sitting=4),
    weekly_check(11, 6, Walking=5, Sitting=6),
    weekly_check(11, 13, Sitting=8, Gardening=1),
]

SEED_CHECKS = """(checks) => new Promise((resolve, reject) => {
    const request = indexedDB.open("unknot");
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
        const database = request.result;
        const writing = database.transaction("functionChecks", "readwrite");
        for (const check of checks) writing.objectStore("functionChecks").put(check);
        writing.oncomplete = () => { database.close(); resolve(); };
        writing.onerror = () => reject(writing.error);
    };
})"""


@pytest.fixture
def browser_context_args(browser_context_args):
    """Every page of these tests lives in Auckland."""
    return {**browser_context_args, "timezone_id": ZONE}


def open_report(page, sessions=LOG, checks=CHECKS):
    """Load the app at the fixed time, seed the log and the weekly checks, then go History → Report."""
    page.clock.set_fixed_time(NOW)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acute relief")
    seed_log(page, sessions)
    page.evaluate(SEED_CHECKS, checks)
    open_view(page, "/history", "Your history")
    page.get_by_role("link", name="Report for your clinician").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report for your clinician")
    expect(page).to_have_url(re.compile(r"/history/report$"))


@pytest.fixture
def report(page):
    open_report(page)
    return page


def printed(page, tmp_path, paper):
    """The page printed to PDF on `paper`: its text as pdftotext lays it out, lines squeezed, and its page size."""
    pdf = tmp_path / f"report-{paper}.pdf"
    page.pdf(path=pdf, format=paper)
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    return lines, re.search(r"Page size:\s+(.*)", info).group(1)


def line_with(lines, *parts):
    """The one printed line holding every part, in order."""
    pattern = re.compile(".*".join(re.escape(part) for part in parts))
    found = [line for line in lines if pattern.search(line)]
    assert len(found) == 1, f"{parts} on {len(found)} lines of:\n" + "\n".join(lines)
    return found[0]


@pytest.mark.parametrize(("paper", "size"), [("A4", "(A4)"), ("Letter", "(letter)")])
def test_the_printed_report_holds_the_weeks_pain_and_stops_of_the_last_four_weeks(report, tmp_path, paper, size):
    lines, page_size = printed(report, tmp_path, paper)
    # pdfinfo names the paper when the page size is (within rounding) a standard one.
    assert page_size.endswith(size), page_size
    line_with(lines, "Report for your clinician")
    line_with(lines, "Wed 21 Oct 2026 to Tue 17 Nov 2026")
    line_with(lines, "8 routines done in these dates")

    # Routines done each week: Monday to Sunday, cut to the range; the unfinished one not counted.
    line_with(lines, "Wed 21 Oct – Sun 25 Oct", "2", "2", "Acute relief × 1, Back basics × 1")
    line_with(lines, "Mon 26 Oct – Sun 1 Nov", "2", "2", "Back basics × 2")
    line_with(lines, "Mon 2 Nov – Sun 8 Nov", "2", "2", "Back basics × 1, Daily strength × 1")
    line_with(lines, "Mon 9 Nov – Sun 15 Nov", "0", "0", "–")
    line_with(lines, "Mon 16 Nov – Tue 17 Nov", "2", "2", "Back basics × 2")

    # Pain: the averages and a row per answer, a missing one as a dash.
    line_with(lines, "Average 5.4 before, 4.3 after, over 8 sessions with an answer.")
    line_with(lines, "Thu 22 Oct", "Back basics", "7", "5")
    line_with(lines, "Thu 5 Nov", "Back basics", "6", "7")
    line_with(lines, "Tue 3 Nov", "Daily strength", "5", "–")
    line_with(lines, "Tue 17 Nov", "Back basics", "3", "2")

    # Stops and their reasons, in the words the person chose.
    line_with(lines, "Tue 3 Nov", "Daily strength", "The whole routine", "Dizziness")
    line_with(lines, "Thu 5 Nov", "Back basics", "Bridge", "Sharp or severe pain")

    # Function scores, on by default as the weekly check kept some: a row per check, a column
    # per activity in the order first rated, a dash where one was not rated that week.
    line_with(lines, "Function scores (0–10)")
    line_with(lines, "Week of", "Walking", "Sitting", "Gardening")
    line_with(lines, "Fri 23 Oct", "2", "–", "–")
    line_with(lines, "Fri 30 Oct", "3", "4", "–")
    line_with(lines, "Fri 6 Nov", "5", "6", "–")
    line_with(lines, "Fri 13 Nov", "–", "8", "1")

    text = "\n".join(lines)
    # Notes are off by default; the session and check before the range are nowhere; no control is printed.
    for absent in ("Notes", "Bridge hurt my left side", "Thu 15 Oct", "Fri 16 Oct", "Before the range", "Save as PDF or print", "Include", "Settings", "History"):
        assert absent not in text, absent


def test_only_the_sections_ticked_are_printed_and_the_dates_chosen(report, tmp_path):
    page = report
    page.get_by_role("checkbox", name="Notes").check()
    page.get_by_role("checkbox", name="Pain chart and table").uncheck()
    page.get_by_label("From", exact=True).fill("2026-11-01")
    page.get_by_label("To", exact=True).fill("2026-11-07")
    expect(page.locator(".report-range")).to_have_text("Sun 1 Nov 2026 to Sat 7 Nov 2026")
    expect(page.get_by_role("status")).to_have_text("Report updated: Sun 1 Nov 2026 to Sat 7 Nov 2026.")

    lines, _ = printed(page, tmp_path, "A4")
    line_with(lines, "Sun 1 Nov 2026 to Sat 7 Nov 2026")
    line_with(lines, "2 routines done in these dates")
    line_with(lines, "Sun 1 Nov", "0", "0", "–")
    line_with(lines, "Mon 2 Nov – Sat 7 Nov", "2", "2", "Back basics × 1, Daily strength × 1")
    line_with(lines, "Thu 5 Nov", "Back basics", "Bridge hurt my left side")
    text = "\n".join(lines)
    for absent in ("Pain before and after", "Average", "Thu 22 Oct", "Mon 16 Nov"):
        assert absent not in text, absent


def test_dates_the_wrong_way_round_are_read_the_right_way(report):
    page = report
    page.get_by_label("From", exact=True).fill("2026-11-10")
    page.get_by_label("To", exact=True).fill("2026-11-01")
    expect(page.locator(".report-range")).to_have_text("Sun 1 Nov 2026 to Tue 10 Nov 2026")
    expect(page.get_by_label("From", exact=True)).to_have_value("2026-11-01")


def test_save_as_pdf_opens_the_browsers_print(report):
    page = report
    page.evaluate("() => { window.printCalls = 0; window.print = () => { window.printCalls += 1; }; }")
    page.get_by_role("button", name="Save as PDF or print").click()
    assert page.evaluate("window.printCalls") == 1


def test_in_print_a_dark_screen_still_gives_black_on_white_with_no_app_bar(report):
    page = report
    page.emulate_media(media="print", color_scheme="dark")
    styles = page.evaluate(
        """() => ({
            body: getComputedStyle(document.body).backgroundColor,
            text: getComputedStyle(document.querySelector(".report-range")).color,
            bar: getComputedStyle(document.querySelector(".app-bar")).display,
            controls: getComputedStyle(document.querySelector(".report-controls")).display,
        })"""
    )
    assert styles == {"body": "rgb(255, 255, 255)", "text": "rgb(0, 0, 0)", "bar": "none", "controls": "none"}


def test_an_empty_log_gives_a_report_that_says_so(page, tmp_path):
    page.clock.set_fixed_time(NOW)
    open_view(page, "/history/report", "Report for your clinician")
    expect(page.locator(".report-body")).to_contain_text("0 routines done in these dates")
    expect(page.get_by_role("region", name="Stops and their reasons")).to_contain_text("None in these dates.")
    # No weekly check kept: its section starts left out, and says so when ticked.
    expect(page.get_by_role("checkbox", name="Function scores")).not_to_be_checked()
    expect(page.get_by_role("region", name="Function scores (0–10)")).to_have_count(0)
    page.get_by_role("checkbox", name="Function scores").check()
    expect(page.get_by_role("region", name="Function scores (0–10)")).to_contain_text("None in these dates.")


def test_the_report_is_usable_from_the_keyboard(report):
    page = report
    # A date field takes Tab through its own day, month and year first: start at the checkboxes.
    page.get_by_role("checkbox", name="Sessions per week").focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("region", name="Routines done each week")).to_have_count(0)
    for _ in range(4):
        page.keyboard.press("Tab")
    expect(page.get_by_role("checkbox", name="Notes")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_role("region", name="Notes")).to_contain_text("Bridge hurt my left side")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save as PDF or print")).to_be_focused()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_the_report(report, scheme):
    page = report
    page.emulate_media(color_scheme=scheme)
    page.get_by_role("checkbox", name="Notes").check()
    expect(page.get_by_role("region", name="Notes")).to_be_visible()
    assert_no_axe_violations(page, f"the report, {scheme}")


@pytest.mark.parametrize("width", [320, 390])
def test_the_report_fits_a_narrow_phone_with_comfortable_targets(browser, live_server, width):
    context = browser.new_context(base_url=live_server.url, timezone_id=ZONE, **phone(width))
    try:
        page = context.new_page()
        open_report(page)
        page.get_by_role("checkbox", name="Notes").check()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        targets = page.locator(".report-back, .report-controls input[type=date], .report-controls .toggle label, .report-controls button")
        expect(targets).to_have_count(9)
        for index in range(targets.count()):
            box = targets.nth(index).bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, targets.nth(index).inner_text()
    finally:
        context.close()
