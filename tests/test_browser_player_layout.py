"""The player on real phone screens, portrait and sideways: one screen, nothing covered.

At every size, during a hold, a moving rep, a rest, a switch of sides and both pain questions:
each visible control is at least 44x44 CSS px and is what a tap at its centre reaches, the
controls are on screen without scrolling, and nothing scrolls sideways.
"""

import pytest
from browser_helpers import player_on_phone, start_routine
from playwright.sync_api import expect

PHONES = [(320, 568), (360, 640), (390, 844), (430, 932), (844, 390)]

# What a person can tap, everywhere on the page but the skip link (it shows only on focus).
LAYOUT = """() => {
    const width = innerWidth, height = innerHeight;
    const controls = [...document.querySelectorAll("button, a, summary, input, select, textarea")]
        .filter((element) => !element.classList.contains("skip-link"))
        .filter((element) => element.checkVisibility({ visibilityProperty: true }));
    const faults = [];
    for (const element of controls) {
        const box = element.getBoundingClientRect();
        const name = (element.getAttribute("aria-label") || element.textContent).trim();
        if (box.width < 44 || box.height < 44) faults.push(`${name}: ${box.width.toFixed(0)}x${box.height.toFixed(0)} px`);
        if (box.top < 0 || box.left < 0 || box.bottom > height || box.right > width) {
            faults.push(`${name}: not on screen (${box.left.toFixed(0)},${box.top.toFixed(0)} to ${box.right.toFixed(0)},${box.bottom.toFixed(0)})`);
            continue;
        }
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (!element.contains(hit)) faults.push(`${name}: covered by ${hit?.outerHTML.slice(0, 80)}`);
    }
    return {
        faults,
        scrollWidth: document.documentElement.scrollWidth,
        scrollHeight: document.documentElement.scrollHeight,
        width,
        height,
    };
}"""

RING = """() => {
    const dial = document.querySelector(".player-dial").getBoundingClientRect();
    const digits = parseFloat(getComputedStyle(document.querySelector(".player-count")).fontSize);
    return { width: dial.width, height: dial.height, digits, shortSide: Math.min(innerWidth, innerHeight) };
}"""


def assert_fits(page, state, running=True):
    layout = page.evaluate(LAYOUT)
    where = f"{layout['width']}x{layout['height']}, {state}"
    assert layout["faults"] == [], where
    assert layout["scrollWidth"] <= layout["width"], f"{where}: scrolls sideways"
    if running:
        assert layout["scrollHeight"] <= layout["height"], f"{where}: scrolls down"
        # While a get-ready waits for a new posture, "I'm ready" takes Pause's place.
        waiting = page.locator(".player[data-waiting]").count() == 1
        for name in ("I'm ready" if waiting else "Pause", "Skip", "Stop — this hurts"):
            expect(page.get_by_role("button", name=name, exact=True)).to_be_in_viewport(ratio=1)
        # The header steps aside: the player is the whole screen.
        expect(page.get_by_role("banner")).to_be_hidden()
        if waiting:
            expect(page.locator(".player-ready")).to_be_in_viewport(ratio=1)
            return
        ring = page.evaluate(RING)
        assert ring["width"] == pytest.approx(ring["height"], abs=1), f"{where}: the ring is not round"
        assert ring["digits"] >= ring["shortSide"] / 5 - 0.5, f"{where}: digits too small to read from the floor"


def expect_step(page, kind):
    expect(page.locator(".player")).to_have_attribute("data-step", kind)


@pytest.fixture(params=PHONES, ids=[f"{width}x{height}" for width, height in PHONES])
def phone_page(request, browser, live_server):
    width, height = request.param
    with player_on_phone(browser, live_server, width=width, height=height) as page:
        yield page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_step_of_back_basics_fits_the_phone(phone_page, scheme):
    page = phone_page
    page.emulate_media(color_scheme=scheme)
    assert_fits(page, "pain before", running=False)
    start_routine(page, ready_after=None)
    expect_step(page, "get-ready")
    assert_fits(page, "getting into position")
    page.get_by_role("button", name="I'm ready").click()
    page.clock.run_for(500)
    expect_step(page, "hold")
    assert_fits(page, "hold")
    page.clock.run_for(5_000)
    expect_step(page, "rest-rep")
    assert_fits(page, "rest")
    page.get_by_role("button", name="Skip exercise").click()
    expect(page.locator(".player-exercise")).to_have_text("Cat-cow")
    page.get_by_role("button", name="I'm ready").click()
    page.clock.run_for(500)
    expect_step(page, "move")
    assert_fits(page, "moving rep")
    page.get_by_role("button", name="Skip exercise").click()
    page.get_by_role("button", name="Skip exercise").click()
    expect(page.locator(".player-exercise")).to_have_text("Single knee-to-chest")
    # Still lying on the back: get ready 5 s, then five holds of 5 s with rests of 3 s on the left side.
    page.clock.run_for(5_000 + 5 * 5_000 + 4 * 3_000 + 500)
    expect_step(page, "switch-sides")
    assert_fits(page, "switch sides")
    page.get_by_role("button", name="Skip exercise").click()
    expect(page.get_by_role("heading", name="How is your back pain now?")).to_be_visible()
    assert_fits(page, "pain after", running=False)


def test_the_how_to_and_the_warning_signs_open_over_the_player_and_close_back_to_it(phone_page):
    page = phone_page
    start_routine(page)
    expect(page.get_by_role("button", name="I'm ready")).to_be_visible()
    page.get_by_role("button", name="How to do it").click()
    dialog = page.get_by_role("dialog", name="How to do it: Bridge")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name="Stop if")).to_be_visible()
    dialog.get_by_role("button", name="Back to the exercise").click()
    expect(dialog).to_be_hidden()

    page.clock.run_for(6_000)  # 5 s to get into position, then 1 s into the first hold
    expect_step(page, "hold")
    page.get_by_role("button", name="Warning signs").click()
    signs = page.get_by_role("dialog", name="Warning signs")
    expect(signs).to_be_visible()
    # The routine waits while they are read, and carries on when they are closed.
    expect(page.get_by_role("button", name="Resume")).to_be_attached()
    count = page.locator(".player-count").text_content()
    page.clock.run_for(3_000)
    expect(page.locator(".player-count")).to_have_text(count)
    page.keyboard.press("Escape")
    expect(signs).to_be_hidden()
    expect(page.get_by_role("button", name="Pause")).to_be_focused()


def test_a_person_runs_back_basics_start_to_end_on_a_360x640_phone_without_scrolling(browser, live_server):
    with player_on_phone(browser, live_server, width=360, height=640) as page:
        start_routine(page)
        seen = set()
        while page.locator(".player[data-step]").count():
            kind = page.locator(".player").get_attribute("data-step")
            if page.locator(".player[data-waiting]").count():
                kind = "getting into position"
            if kind not in seen:
                seen.add(kind)
                assert_fits(page, kind)
            position = page.evaluate("[scrollX, scrollY, document.documentElement.scrollHeight <= innerHeight]")
            assert position == [0, 0, True], f"the page moved or grew during {kind}"
            page.clock.run_for(1_000)
        assert seen >= {"getting into position", "get-ready", "hold", "rest-rep", "rest-set", "rest-exercise", "move", "switch-sides"}
        expect(page.get_by_role("heading", name="Routine complete")).to_be_visible()
        assert_fits(page, "pain after", running=False)
