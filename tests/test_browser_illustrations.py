"""Illustrations in real Chromium: every exercise in its view and in the player, moving or still."""

import pytest
from browser_helpers import assert_no_axe_violations, offline, open_view, started_player, wait_for_service_worker
from playwright.sync_api import expect

EXERCISES = {
    "pelvic-tilt": "Pelvic tilt",
    "flat-back-press": "Flat-back pelvic press",
    "knee-to-chest": "Single knee-to-chest",
    "double-knee-to-chest": "Double knee-to-chest",
    "bridge": "Bridge",
    "cat-cow": "Cat-cow",
    "childs-pose": "Child's pose",
    "hamstring-stretch": "Hamstring stretch, lying",
    "hip-flexor-stretch": "Hip-flexor stretch",
    "side-leg-raise": "Side leg raise",
    "curl-up": "Modified curl-up",
}
POSE_STYLE = """(figure) => {
    const style = (selector) => getComputedStyle(figure.querySelector(selector));
    return {
        endAnimation: style(".pose-end").animationName,
        endOpacity: Number(style(".pose-end").opacity),
        startOpacity: Number(style(".pose-start").opacity),
        halfRep: figure.style.getPropertyValue("--half-rep"),
        motion: figure.dataset.motion ?? null,
        side: figure.dataset.side ?? null,
        width: figure.getBoundingClientRect().width,
    };
}"""
PLAY_STATE = "(figure) => getComputedStyle(figure.querySelector('.pose-end')).animationPlayState"


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_exercise_view_shows_its_illustration(page, exercise_id, motion):
    page.emulate_media(reduced_motion=motion)
    open_view(page, f"/exercises/{exercise_id}", EXERCISES[exercise_id])
    figure = page.get_by_role("img", name=EXERCISES[exercise_id], exact=True)
    expect(figure).to_be_visible()
    if motion == "no-preference":
        expect(figure).to_have_attribute("data-motion", "move")
    style = figure.evaluate(POSE_STYLE)
    if motion == "reduce":
        assert (style["endAnimation"], style["endOpacity"], style["startOpacity"]) == ("none", 1, 0)
    else:
        assert style["endAnimation"] == "pose-in" and style["motion"] == "move"
    assert style["width"] >= 120


def test_the_figure_scales_from_120_px_to_full_width(page):
    open_view(page, "/exercises/bridge", "Bridge")
    figure = page.get_by_role("img", name="Bridge", exact=True)
    parent_width = figure.evaluate(
        """(element) => {
            const parent = getComputedStyle(element.parentElement);
            return element.parentElement.clientWidth - parseFloat(parent.paddingLeft) - parseFloat(parent.paddingRight);
        }"""
    )
    for max_width, expected in (("120px", 120), ("100%", parent_width)):
        figure.evaluate("(element, width) => { element.style.maxWidth = width; }", max_width)
        box = figure.bounding_box()
        assert abs(box["width"] - expected) < 1, (max_width, box["width"], expected)
        assert abs(box["height"] / box["width"] - 130 / 240) < 0.02


def test_the_player_moves_holds_and_mirrors_the_figure(page):
    started_player(page, "back-basics", pain=None)
    figure = page.get_by_role("img", name="Bridge", exact=True)
    expect(figure).to_have_attribute("data-motion", "start")  # getting ready
    page.clock.run_for(5_200)
    expect(figure).to_have_attribute("data-motion", "end")  # holding still in the bridge
    page.get_by_role("button", name="Skip exercise").click()
    cat_cow = page.get_by_role("img", name="Cat-cow", exact=True)
    expect(cat_cow).to_have_attribute("data-motion", "start")  # getting ready for cat-cow
    page.clock.run_for(5_200)
    expect(cat_cow).to_have_attribute("data-motion", "move")
    assert cat_cow.evaluate(POSE_STYLE)["halfRep"] == "3s"  # 6 s a rep
    page.get_by_role("button", name="Skip exercise").click()
    page.get_by_role("button", name="Skip exercise").click()
    knee = page.get_by_role("img", name="Single knee-to-chest", exact=True)
    expect(knee).to_have_attribute("data-side", "left")
    page.clock.run_for(5_200 + 5 * 5_000 + 4 * 3_000 + 200)
    expect(page.locator(".player-set")).to_have_text("right side")
    expect(knee).to_have_attribute("data-side", "right")
    assert_no_axe_violations(page, "player with a mirrored figure")


def test_desk_break_shows_the_seated_and_standing_versions(page):
    started_player(page, "desk-break", pain=None)
    page.get_by_role("button", name="Skip", exact=True).click()  # the walk
    expect(page.get_by_role("img", name="Seated pelvic tilt", exact=True)).to_be_visible()
    page.get_by_role("button", name="Skip exercise").click()
    expect(page.get_by_role("img", name="Seated cat-cow", exact=True)).to_be_visible()
    page.get_by_role("button", name="Skip exercise").click()
    expect(page.get_by_role("img", name="Standing hip-flexor stretch", exact=True)).to_be_visible()
    page.get_by_role("button", name="Skip exercise").click()
    expect(page.get_by_role("img", name="Standing side leg raise", exact=True)).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_passes_with_illustrations_in_both_colour_schemes(page, scheme):
    page.emulate_media(color_scheme=scheme)
    for exercise_id in ("cat-cow", "hip-flexor-stretch", "side-leg-raise"):
        open_view(page, f"/exercises/{exercise_id}", EXERCISES[exercise_id])
        expect(page.locator("svg.figure")).to_be_visible()
        assert_no_axe_violations(page, exercise_id)


def test_illustrations_are_there_offline(page, live_server):
    page.goto("/")
    wait_for_service_worker(page)
    with offline(page, live_server):
        open_view(page, "/exercises/childs-pose", "Child's pose")
        expect(page.get_by_role("img", name="Child's pose", exact=True)).to_be_visible()


def test_the_exercise_page_can_pause_its_animation(page):
    open_view(page, "/exercises/cat-cow", "Cat-cow")
    figure = page.get_by_role("img", name="Cat-cow", exact=True)
    assert figure.evaluate(PLAY_STATE) == "running"
    toggle = page.get_by_role("button", name="Pause the animation")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert figure.evaluate(PLAY_STATE) == "paused"


def test_pausing_the_player_pauses_the_figure(page):
    started_player(page, "acute-relief", pain=None)
    figure = page.get_by_role("img", name="Pelvic tilt", exact=True)
    expect(figure).to_have_attribute("data-motion", "start")  # the player has started: get ready
    page.clock.run_for(5_200)
    expect(figure).to_have_attribute("data-motion", "move")
    assert figure.evaluate(PLAY_STATE) == "running"
    page.get_by_role("button", name="Pause").click()
    expect(page.locator(".player")).to_have_attribute("data-status", "paused")
    assert figure.evaluate(PLAY_STATE) == "paused"
