"""Illustrations in real Chromium: every figure moving through real in-betweens or still, in its
box, in light and dark; every exercise in its view and in the player."""

import pytest
from browser_helpers import assert_no_axe_violations, offline, open_view, started_player, wait_for_service_worker
from playwright.sync_api import expect

from pwa import PROJECT_ROOT

FIGURE_NAMES = sorted(path.stem for path in (PROJECT_ROOT / "static" / "illustrations").glob("*.svg"))
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
# The body's and the ghost's moving joints: their animation and the transform they show now.
RIG_STYLE = """(figure) => {
    const joints = (part) => [...figure.querySelectorAll(`.${part} .m`)].map((joint) => getComputedStyle(joint));
    const body = joints("body"), ghost = joints("ghost");
    return {
        bodyAnimations: [...new Set(body.map((style) => style.animationName))],
        bodyDurations: [...new Set(body.map((style) => style.animationDuration))],
        bodyStill: body.every((style) => style.transform === "none"),
        bodyTurned: body.every((style) => style.transform !== "none"),
        ghostAnimations: [...new Set(ghost.map((style) => style.animationName))],
        ghostStill: ghost.every((style) => style.transform === "none"),
        ghostTurned: ghost.every((style) => style.transform !== "none"),
        halfRep: figure.style.getPropertyValue("--half-rep"),
        motion: figure.dataset.motion ?? null,
        side: figure.dataset.side ?? null,
        width: figure.getBoundingClientRect().width,
    };
}"""
PLAY_STATE = "(figure) => [...new Set([...figure.querySelectorAll('.body .m')].map((joint) => getComputedStyle(joint).animationPlayState))]"

# Inline one illustration into a box 360 px wide, as a phone shows it, the way the app's
# illustration.js does (the bundle keeps that module inside itself): parsed, imported, classed.
INLINE_FIGURE = """async (name) => {
    const text = await (await fetch(`/static/illustrations/${name}.svg`)).text();
    const figure = document.importNode(new DOMParser().parseFromString(text, "image/svg+xml").documentElement, true);
    figure.classList.add("figure");
    figure.removeAttribute("width");
    figure.removeAttribute("height");
    const box = document.createElement("div");
    box.id = "figure-box";
    box.style.width = "360px";
    box.replaceChildren(figure);
    document.querySelector("main").prepend(box);
}"""
# Where the moving parts of the body are on the screen: the centre of their boxes.
MOVING_CENTRE = """(figure) => {
    const boxes = [...figure.querySelectorAll(".body .mv")].map((part) => part.getBoundingClientRect());
    const x = boxes.reduce((sum, box) => sum + box.x + box.width / 2, 0) / boxes.length;
    const y = boxes.reduce((sum, box) => sum + box.y + box.height / 2, 0) / boxes.length;
    return [x, y];
}"""
# Stop every animation of the figure at `ms` from its start.
SEEK = """(figure, ms) => figure.getAnimations({ subtree: true }).forEach((animation) => { animation.pause(); animation.currentTime = ms; })"""
# The drawing's extent in the SVG's own units against its viewBox (strokes left out), from the
# boxes of its marks: a group's own box would add up the corners of every rotated child's box.
DRAWING_BOX = """(figure) => {
    const toSvg = figure.getScreenCTM().inverse();
    const xs = [], ys = [];
    for (const mark of figure.querySelectorAll(".pose path, .pose circle")) {
        const box = mark.getBoundingClientRect();
        for (const [x, y] of [[box.left, box.top], [box.right, box.bottom]]) {
            const point = new DOMPoint(x, y).matrixTransform(toSvg);
            xs.push(point.x);
            ys.push(point.y);
        }
    }
    const view = figure.viewBox.baseVal;
    return { top: Math.min(...ys), left: Math.min(...xs), right: view.width - Math.max(...xs), bottom: view.height - Math.max(...ys) };
}"""
# The colour of each kind of mark, and the background the figure is drawn on.
COLOURS = """(figure) => {
    const colour = (selector) => {
        const element = figure.querySelector(selector);
        return element ? getComputedStyle(element)[element.tagName === "circle" ? "fill" : "stroke"] : null;
    };
    let node = figure.parentElement, background = "rgba(0, 0, 0, 0)";
    while (node) {
        background = getComputedStyle(node).backgroundColor;
        if (!/rgba\\(.*, 0\\)$/.test(background) && background !== "transparent") break;
        node = node.parentElement;
    }
    return {
        background,
        colours: {
            body: colour(".body .torso:not(.mv), .body .thigh:not(.far):not(.mv), .body .head:not(.mv)"),
            moving: colour(".body .mv"),
            far: colour(".body .far"),
            floor: colour(".floor"),
            arrow: colour(".arrow"),
            prop: colour(".prop"),
        },
    };
}"""


def inline_figure(page, name):
    page.goto("/guide")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.evaluate(INLINE_FIGURE, name)
    figure = page.locator("#figure-box svg.figure")
    expect(figure).to_be_visible()
    return figure


def luminance(css_colour):
    channels = [float(value) / 255 for value in css_colour[css_colour.index("(") + 1 : css_colour.index(")")].split(",")[:3]]
    linear = [value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one, other):
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_every_figure_eases_through_real_in_betweens_and_fills_its_box(page, name):
    figure = inline_figure(page, name)
    figure.evaluate("(figure) => { figure.dataset.motion = 'start'; }")
    assert figure.evaluate(RIG_STYLE)["bodyStill"]
    start = figure.evaluate(MOVING_CENTRE)
    start_box = figure.evaluate(DRAWING_BOX)
    figure.evaluate("(figure) => { figure.dataset.motion = 'end'; }")
    assert figure.evaluate(RIG_STYLE)["bodyTurned"]
    end = figure.evaluate(MOVING_CENTRE)
    end_box = figure.evaluate(DRAWING_BOX)
    travel = ((end[0] - start[0]) ** 2 + (end[1] - start[1]) ** 2) ** 0.5
    assert travel >= 2, "the moving part moves on the screen"

    figure.evaluate("(figure) => { figure.style.setProperty('--half-rep', '2s'); figure.dataset.motion = 'move'; }")
    style = figure.evaluate(RIG_STYLE)
    assert style["bodyAnimations"] == ["figure-move"] and style["bodyDurations"] == ["2s"]
    assert style["ghostAnimations"] == ["none"]
    figure.evaluate(SEEK, 1000)
    middle = figure.evaluate(MOVING_CENTRE)
    for pose, where in ((start, "start"), (end, "end")):
        apart = ((middle[0] - pose[0]) ** 2 + (middle[1] - pose[1]) ** 2) ** 0.5
        assert apart > 0.2 * travel, f"half-way is not the {where} pose: a real in-between"

    # Cropped: no empty band above the figure (nor around it) in either pose; strokes are left
    # out of getBBox, so allow half the thickest stroke and the margin.
    for box in (start_box, end_box):
        assert min(box.values()) >= -0.5, box
    assert min(start_box["top"], end_box["top"]) <= 16, (start_box, end_box)
    assert min(start_box["bottom"], end_box["bottom"]) <= 16
    figure.evaluate("(figure) => { figure.dataset.side = 'right'; }")
    for motion in ("start", "end"):
        figure.evaluate("(figure, motion) => { figure.dataset.motion = motion; }", motion)
        mirrored = figure.evaluate(DRAWING_BOX)
        assert min(mirrored.values()) >= -0.5, ("mirrored for the right side, the figure stays in its box", mirrored)


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_reduced_motion_holds_the_end_pose_with_a_ghost_of_the_start(page, name):
    page.emulate_media(reduced_motion="no-preference")
    figure = inline_figure(page, name)
    figure.evaluate("(figure) => { figure.dataset.motion = 'end'; }")
    end = figure.evaluate(MOVING_CENTRE)
    page.emulate_media(reduced_motion="reduce")
    for motion in ("move", "start", "end"):
        figure.evaluate("(figure, motion) => { figure.dataset.motion = motion; }", motion)
        style = figure.evaluate(RIG_STYLE)
        assert style["bodyAnimations"] == ["none"] and style["bodyTurned"], motion
        assert style["ghostStill"], "the ghost shows where the movement starts"
        assert figure.evaluate(MOVING_CENTRE) == end, motion


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_every_mark_of_the_figure_stands_out_in_both_colour_schemes(page, name, scheme):
    page.emulate_media(color_scheme=scheme)
    figure = inline_figure(page, name)
    found = figure.evaluate(COLOURS)
    for mark, colour in found["colours"].items():
        if colour is None:
            assert mark in ("prop", "far"), f"every figure has its {mark}"  # a chair; limbs behind others
            continue
        assert contrast(colour, found["background"]) >= 3, (mark, colour, found["background"])
    assert found["colours"]["moving"] != found["colours"]["body"], "the moving part has a colour of its own"


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_exercise_view_shows_its_illustration(page, exercise_id, motion):
    page.emulate_media(reduced_motion=motion)
    open_view(page, f"/exercises/{exercise_id}", EXERCISES[exercise_id])
    figure = page.get_by_role("img", name=EXERCISES[exercise_id], exact=True)
    expect(figure).to_be_visible()
    expect(figure).to_have_attribute("data-motion", "move")
    style = figure.evaluate(RIG_STYLE)
    if motion == "reduce":
        assert style["bodyAnimations"] == ["none"] and style["bodyTurned"] and style["ghostStill"]
    else:
        assert style["bodyAnimations"] == ["figure-move"] and style["bodyDurations"] == [style["halfRep"]]
    assert style["width"] >= 120


def test_the_figure_scales_from_120_px_to_full_width(page):
    open_view(page, "/exercises/bridge", "Bridge")
    figure = page.get_by_role("img", name="Bridge", exact=True)
    ratio = figure.evaluate("(figure) => figure.viewBox.baseVal.height / figure.viewBox.baseVal.width")
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
        assert abs(box["height"] / box["width"] - ratio) < 0.02


def test_the_player_moves_holds_and_mirrors_the_figure(page):
    started_player(page, "back-basics", pain=None)
    figure = page.get_by_role("img", name="Bridge", exact=True)
    expect(figure).to_have_attribute("data-motion", "start")  # getting ready
    assert figure.evaluate(RIG_STYLE)["bodyStill"]
    page.clock.run_for(5_200)
    expect(figure).to_have_attribute("data-motion", "end")  # holding still in the bridge
    style = figure.evaluate(RIG_STYLE)
    assert style["bodyTurned"] and style["bodyAnimations"] == ["none"] and style["ghostStill"]
    page.get_by_role("button", name="Skip exercise").click()
    cat_cow = page.get_by_role("img", name="Cat-cow", exact=True)
    expect(cat_cow).to_have_attribute("data-motion", "start")  # getting ready for cat-cow
    page.clock.run_for(5_200)
    expect(cat_cow).to_have_attribute("data-motion", "move")
    style = cat_cow.evaluate(RIG_STYLE)
    assert style["halfRep"] == "3s" and style["bodyDurations"] == ["3s"]  # 6 s a rep
    page.get_by_role("button", name="Skip exercise").click()
    page.get_by_role("button", name="Skip exercise").click()
    knee = page.get_by_role("img", name="Single knee-to-chest", exact=True)
    expect(knee).to_have_attribute("data-side", "left")
    page.clock.run_for(5_200 + 5 * 5_000 + 4 * 3_000 + 200)
    expect(page.locator(".player-set")).to_have_text("right side")
    expect(knee).to_have_attribute("data-side", "right")
    assert knee.evaluate("(figure) => getComputedStyle(figure.querySelector('.pose')).transform") == "matrix(-1, 0, 0, 1, 0, 0)"
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
    assert figure.evaluate(PLAY_STATE) == ["running"]
    toggle = page.get_by_role("button", name="Pause the animation")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert figure.evaluate(PLAY_STATE) == ["paused"]


def test_pausing_the_player_pauses_the_figure(page):
    started_player(page, "acute-relief", pain=None)
    figure = page.get_by_role("img", name="Pelvic tilt", exact=True)
    expect(figure).to_have_attribute("data-motion", "start")  # the player has started: get ready
    # Into position in 5 s, then a second into the first rep (a tap on Pause right after
    # "I'm ready" would count as the same tap).
    page.clock.run_for(6_000)
    expect(figure).to_have_attribute("data-motion", "move")
    assert figure.evaluate(PLAY_STATE) == ["running"]
    page.get_by_role("button", name="Pause").click()
    expect(page.locator(".player")).to_have_attribute("data-status", "paused")
    assert figure.evaluate(PLAY_STATE) == ["paused"]
