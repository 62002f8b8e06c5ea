"""The guided player in real Chromium, on Playwright's clock: a routine runs in seconds.

Offline, step by step, with the log checked in IndexedDB as each set finishes.
"""

import re

import pytest
from browser_helpers import (
    answer_safety_check,
    assert_no_axe_violations,
    offline,
    open_view,
    pause_clock,
    player_on_phone,
    read_store,
    start_routine,
    started_player,
    wait_for_records,
    wait_for_service_worker,
    wait_in_page,
    wait_until,
)
from playwright.sync_api import expect

from pwa import create_app


def set_end_times(routine):
    """Seconds from Start at which each set (each side of a set) ends: an oracle written apart from the app."""
    ends, t = [], routine["warm_up"]["seconds"] if routine["warm_up"] else 0
    for index, item in enumerate(routine["items"]):
        t += item["get_ready_seconds"]
        rep = item["hold_seconds"] or item["rep_seconds"]
        for set_number in range(1, item["sets"] + 1):
            for side_index, side in enumerate(["left", "right"] if item["per_side"] else [None]):
                if side_index:
                    t += item["switch_sides_seconds"]
                t += item["reps"] * rep + (item["reps"] - 1) * item["rest_between_reps_seconds"]
                ends.append((t, item["exercise"]["id"], set_number, side))
            if set_number < item["sets"]:
                t += item["rest_between_sets_seconds"]
        if index < len(routine["items"]) - 1:
            t += item["rest_after_seconds"]
    return ends


@pytest.fixture
def back_basics(client):
    return client.get("/api/v1/routines/back-basics").get_json()


@pytest.fixture
def offline_player(page, live_server):
    """A page on the player, installed, then offline (the server stopped too), on a paused fake
    clock, with cues recorded."""
    page.clock.install()
    page.goto("/")
    wait_for_service_worker(page)
    answer_safety_check(page)
    open_view(page, "/routines/back-basics", "Back basics")
    with offline(page, live_server):
        page.get_by_role("link", name="Start Back basics").click()
        expect(page.get_by_role("heading", name="How is your back pain right now?")).to_be_visible()
        pause_clock(page)
        page.evaluate("""() => {
            window.cueLog = [];
            document.addEventListener("unknot:cue", (event) => window.cueLog.push(event.detail));
        }""")
        yield page


def expect_step(page, kind):
    """The player is on a step of this kind (get-ready, hold, move, rest-rep, ...)."""
    expect(page.locator(".player")).to_have_attribute("data-step", kind)


def end_session_for(page, reason):
    """Tap Stop, `reason` (an exercise-level one), End the session; wait until the end is saved."""
    page.get_by_role("button", name="Stop — this hurts").click()
    page.get_by_role("button", name=reason).click()
    page.get_by_role("button", name="End the session").click()
    expect(page.get_by_role("heading", name="Session stopped")).to_be_visible()
    expect(page.get_by_text(f"Saved on this device: stopped for “{reason.lower()}”.")).to_be_visible()


def test_back_basics_runs_start_to_finish_offline_and_logs_set_by_set(offline_player, back_basics):
    page = offline_player
    start_routine(page, "4")
    expect(page.locator(".player-exercise")).to_have_text("Bridge")
    # Getting down to the floor waits for "I'm ready" (tapped 5 s later), with how to do it safely.
    expect(page.locator(".player-instruction")).to_have_text("Get into position: lying on your back, knees bent")
    expect(page.locator(".player-ready")).to_contain_text("Roll onto your back with your knees bent")
    expect(page.get_by_role("button", name="I'm ready")).to_be_visible()

    elapsed = 0
    for count, (end, exercise_id, set_number, side) in enumerate(set_end_times(back_basics), start=1):
        page.clock.run_for(int((end - elapsed) * 1000) + 200)
        elapsed = end + 0.2
        records = wait_for_records(page, "sets", count)
        assert len(records) == count, (exercise_id, set_number, side, records)
        newest = max(records, key=lambda record: record["order"])
        assert (newest["exerciseId"], newest["set"], newest["side"]) == (exercise_id, set_number, side)
        assert newest["repsDone"] == newest["repsPlanned"] and not newest["skipped"]

    expect(page.get_by_role("heading", name="Routine complete")).to_be_visible()
    page.get_by_role("button", name="2", exact=True).click()
    expect(page.get_by_text("Saved on this device.")).to_be_visible()
    page.get_by_label("A note for your history (optional)").fill("Easier than yesterday")
    page.get_by_role("button", name="Save note").click()
    expect(page.get_by_text("Note saved on this device.")).to_be_visible()

    sets = sorted(read_store(page, "sets"), key=lambda record: record["order"])
    assert [(s["exerciseId"], s["set"], s["side"], s["repsDone"]) for s in sets] == [
        ("bridge", 1, None, 8),
        ("bridge", 2, None, 8),
        ("cat-cow", 1, None, 8),
        ("pelvic-tilt", 1, None, 10),
        ("knee-to-chest", 1, "left", 5),
        ("knee-to-chest", 1, "right", 5),
    ]
    assert sets[0]["heldSeconds"] == [5] * 8
    assert sets[2]["heldSeconds"] == []
    (session,) = read_store(page, "sessions")
    assert session["status"] == "completed"
    assert (session["painBefore"], session["painAfter"]) == (4, 2)
    assert session["note"] == "Easier than yesterday"
    assert {record["sessionId"] for record in sets} == {session["id"]}
    assert len({record["id"] for record in sets}) == 6
    assert read_store(page, "player") == []
    kinds = [cue["kind"] for cue in page.evaluate("window.cueLog")]
    assert kinds.count("switch-sides") == 1 and kinds.count("done") == 1 and kinds.count("countdown") > 10

    page.get_by_role("link", name="See your history").click()
    entry = page.locator(".history-entry")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("Back basics")
    expect(entry).to_contain_text("Completed")
    expect(entry).to_contain_text("Pain 4 before, 2 after")
    expect(entry).to_contain_text("Bridge: 2 of 2 sets · 16 reps · held 5, 5, 5")
    expect(entry).to_contain_text("Note: Easier than yesterday")


def test_a_30_second_gap_lands_on_the_right_step_and_second(offline_player):
    page = offline_player
    start_routine(page, ready_after=None)
    page.get_by_role("button", name="I'm ready").click()
    # A hidden tab or a locked screen: no timer runs, then time jumps 25 s at once.
    page.clock.fast_forward(25_000)
    # Holds of 5 s with rests of 3 s from "I'm ready": hold 4 runs from 24 s to 29 s.
    expect(page.locator(".player-exercise")).to_have_text("Bridge")
    expect(page.locator(".player-set")).to_have_text(re.compile(r"Hold 4 of 8$"))
    expect(page.locator(".player-count")).to_have_text("4")
    expect_step(page, "hold")
    assert read_store(page, "sets") == []


def test_reload_mid_routine_offers_resume_where_it_stopped(offline_player, back_basics):
    page = offline_player
    start_routine(page)
    first_set_end = set_end_times(back_basics)[0][0]
    page.clock.run_for(int(first_set_end * 1000) + 20_000)
    expect(page.locator(".player-set")).to_have_text("Set 1 of 2")  # resting before set 2
    expect_step(page, "rest-set")
    assert len(wait_for_records(page, "sets", 1)) == 1
    # The fake clock packs 20 s of ticks into milliseconds: let their saves land, as real seconds would.
    now = page.evaluate("Date.now()")
    wait_until(page, lambda: read_store(page, "player")[0]["savedAt"] >= now - 1000, "the player's state was not saved within a second of now")

    page.reload()
    expect(page.get_by_text("You stopped partway through this routine.")).to_be_visible()
    expect(page.get_by_text("You were at: Bridge, Set 1 of 2")).to_be_visible()
    page.clock.run_for(120_000)  # time passes on the resume screen: nothing is skipped
    page.get_by_role("button", name="Resume").click()
    expect(page.locator(".player-dial")).to_be_visible()
    expect_step(page, "rest-set")
    remaining = int(page.locator(".player-count").text_content())
    assert 20 <= remaining <= 26
    page.clock.run_for(600_000)
    expect(page.get_by_role("heading", name="Routine complete")).to_be_visible()
    sets = wait_for_records(page, "sets", 6)
    assert len(sets) == 6 and len({record["id"] for record in sets}) == 6
    assert [session["status"] for session in read_store(page, "sessions")] == ["completed"]


def test_home_offers_resume_after_leaving_mid_routine(offline_player):
    page = offline_player
    start_routine(page)
    page.clock.run_for(14_000)  # get ready 5 s, hold 5 s, rest 3 s: one second into the second hold
    page.get_by_role("link", name="Leave").click()
    expect(page.get_by_role("heading", name="Unfinished: Back basics")).to_be_visible()
    # Resume is offered once the day's answer makes Back basics fit today.
    page.get_by_role("button", name="Sore but moving").click()
    page.get_by_role("link", name="Resume Back basics").click()
    page.get_by_role("button", name="Resume").click()
    expect(page.locator(".player-exercise")).to_have_text("Bridge")
    expect(page.locator(".player-set")).to_have_text(re.compile(r"Hold 2 of 8$"))
    expect(page.locator(".player-count")).to_have_text("4")


def test_a_new_position_waits_for_im_ready_and_says_how_to_get_there(offline_player):
    page = offline_player
    start_routine(page, ready_after=None)
    ready = page.get_by_role("button", name="I'm ready")
    expect(page.locator(".player-instruction")).to_have_text("Get into position: lying on your back, knees bent")
    expect(page.locator(".player-ready")).to_contain_text("Roll onto your back with your knees bent. A bed is fine.")
    # However long it takes: two minutes later the routine still waits.
    page.clock.run_for(120_000)
    expect_step(page, "get-ready")
    expect(ready).to_be_visible()
    spoken = [cue["text"] for cue in page.evaluate("window.cueLog") if cue["kind"] == "get-ready"]
    assert spoken == ["Bridge. Get into position: lying on your back, knees bent. Tap I'm ready when you are."]
    ready.click()
    expect_step(page, "hold")
    expect(page.locator(".player-count")).to_have_text("5")

    # Lying on the back to all fours, and back again: each waits.
    page.get_by_role("button", name="Skip exercise").click()
    expect(page.locator(".player-instruction")).to_have_text("Get into position: on all fours")
    expect(page.locator(".player-ready")).to_contain_text("Push up with your arms onto your hands and knees.")
    ready.click()
    page.get_by_role("button", name="Skip exercise").click()
    expect(page.locator(".player-exercise")).to_have_text("Pelvic tilt")
    expect(ready).to_be_visible()
    ready.click()
    # Knee-to-chest starts lying on the back too: its get-ready counts down as planned.
    page.get_by_role("button", name="Skip exercise").click()
    expect(page.locator(".player-exercise")).to_have_text("Single knee-to-chest")
    expect(page.locator(".player-count")).to_have_text("5")
    expect(ready).to_have_count(0)
    page.clock.run_for(5_500)
    expect_step(page, "hold")


def test_high_pain_before_says_start_gently_and_offers_acute_relief_first(offline_player):
    page = offline_player
    page.get_by_role("button", name="8", exact=True).click()
    expect(page.get_by_role("heading", name="Your pain is high today")).to_be_visible()
    expect(page.get_by_role("link", name="Acute relief instead")).to_have_attribute("href", "/play/acute-relief")
    # Nothing has started: no session until the person chooses to go on.
    assert read_store(page, "sessions") == []
    page.get_by_role("button", name="Start Back basics gently").click()
    expect(page.locator(".player")).to_have_attribute("data-step", "get-ready")
    (session,) = wait_for_records(page, "sessions", 1)
    assert session["painBefore"] == 8


def test_a_second_tap_on_im_ready_does_not_pause_the_first_rep(offline_player):
    page = offline_player
    start_routine(page, ready_after=None)
    page.get_by_role("button", name="I'm ready").click()
    # The same finger again, on the button that has just become Pause.
    page.get_by_role("button", name="Pause").click()
    expect_step(page, "hold")
    expect(page.locator(".player")).to_have_attribute("data-status", "running")
    page.clock.run_for(1_000)
    page.get_by_role("button", name="Pause").click()
    expect(page.locator(".player")).to_have_attribute("data-status", "paused")


def test_pause_stops_the_clock_and_resume_carries_on(offline_player):
    page = offline_player
    start_routine(page, ready_after=None)
    page.get_by_role("button", name="I'm ready").click()
    page.clock.run_for(2_000)
    page.get_by_role("button", name="Pause").click()
    expect(page.locator(".player-instruction")).to_have_text("Paused")
    expect(page.locator(".player-count")).to_have_text("3")
    page.clock.run_for(60_000)
    expect(page.locator(".player-count")).to_have_text("3")
    expect_step(page, "hold")
    page.get_by_role("button", name="Resume").click()
    expect(page.locator(".player")).to_have_attribute("data-status", "running")
    page.clock.run_for(3_100)
    expect_step(page, "rest-rep")


def test_skip_step_skip_exercise_back_and_rest_adjustments(offline_player):
    page = offline_player
    start_routine(page)
    page.get_by_role("button", name="Skip", exact=True).click()
    expect_step(page, "hold")
    page.get_by_role("button", name="Back").click()
    expect_step(page, "get-ready")
    page.get_by_role("button", name="Skip", exact=True).click()
    expect_step(page, "hold")
    page.clock.run_for(5_100)
    expect_step(page, "rest-rep")
    expect(page.locator(".player-count")).to_have_text("3")
    page.get_by_role("button", name="10 seconds more rest").click()
    expect(page.locator(".player-count")).to_have_text("13")
    page.get_by_role("button", name="10 seconds less rest").click()
    expect(page.locator(".player-count")).to_have_text("3")

    page.get_by_role("button", name="Skip exercise").click()
    expect(page.locator(".player-exercise")).to_have_text("Cat-cow")
    bridge_sets = [record for record in wait_for_records(page, "sets", 2) if record["exerciseId"] == "bridge"]
    assert sorted((record["set"], record["repsDone"], record["skipped"]) for record in bridge_sets) == [(1, 1, False), (2, 0, True)]


def ring(page):
    """The share of the countdown ring drawn now, and whether it marks the last seconds."""
    return page.locator(".dial-arc").get_attribute("data-fraction"), page.locator(".player-dial").get_attribute("data-final")


def test_the_ring_empties_through_a_hold_and_marks_its_last_three_seconds(offline_player):
    page = offline_player
    start_routine(page)
    # Get ready 5 s, then the first 5 s hold; the screen redraws as each second shows.
    page.clock.run_for(6_500)
    expect_step(page, "hold")
    expect(page.locator(".player-count")).to_have_text("4")
    assert ring(page) == ("0.800", "false")
    page.clock.run_for(1_000)
    expect(page.locator(".player-count")).to_have_text("3")
    assert ring(page) == ("0.600", "true")
    # Paused, the ring shows the moment it was paused (7.5 s in) and stays there.
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    assert ring(page) == ("0.500", "false")
    page.clock.run_for(3_000)
    expect(page.locator(".player-count")).to_have_text("3")
    assert ring(page)[0] == "0.500"


def test_a_moving_rep_counts_up_and_its_tempo_fills_the_ring(offline_player):
    page = offline_player
    start_routine(page)
    page.get_by_role("button", name="Skip exercise").click()
    expect(page.locator(".player-exercise")).to_have_text("Cat-cow")
    # Get ready 5 s, rep 1 of 6 s, then halfway through rep 2.
    page.clock.run_for(5_000 + 6_000 + 3_500)
    expect_step(page, "move")
    expect(page.locator(".player-count")).to_have_text("2")
    expect(page.locator(".player-unit")).to_have_text("of 8 reps")
    assert ring(page) == ("0.500", "false")


def test_stop_this_hurts_ends_the_session_and_records_why(offline_player):
    page = offline_player
    start_routine(page)
    page.clock.run_for(8_000)
    page.get_by_role("button", name="Stop — this hurts").click()
    dialog = page.get_by_role("dialog", name="What is happening?")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")  # Escape keeps going, never stops
    expect(dialog).to_have_count(0)
    expect(page.locator(".player")).to_have_attribute("data-status", "running")

    end_session_for(page, "Pain or tingling spreading down a leg")
    expect(page.get_by_text("ask a doctor or physiotherapist")).to_be_visible()
    (session,) = read_store(page, "sessions")
    assert (session["status"], session["stopReason"]) == ("stopped", "leg-symptoms")
    assert session["endedAt"] is not None
    assert read_store(page, "player") == []


def test_the_screen_stays_on_during_a_routine(offline_player):
    page = offline_player
    start_routine(page)
    expect(page.locator(".player")).to_have_attribute("data-wake-lock", "held")


def test_a_browser_without_wake_lock_is_told_once(page):
    page.add_init_script("delete Navigator.prototype.wakeLock")
    notice = page.get_by_text("This browser cannot keep your screen on")
    started_player(page, "acute-relief", pain=None)
    # The player reads its settings after it starts: its root says when it has decided.
    expect(page.locator(".player")).to_have_attribute("data-wake-lock-notice", "shown")
    expect(notice).to_be_visible()
    end_session_for(page, "Dizziness")

    page.goto("/play/acute-relief")
    start_routine(page, None)
    expect(page.locator(".player")).to_have_attribute("data-wake-lock-notice", "shown-before")
    expect(notice).to_have_count(0)


def test_cue_settings_persist(page):
    page.goto("/settings")
    spoken = page.get_by_label("Spoken cues")
    expect(spoken).to_be_checked()
    spoken.uncheck()
    expect(page.get_by_role("status").filter(has_text="Spoken cues")).to_have_text("Spoken cues off. Saved.")
    page.reload()
    expect(page.get_by_label("Spoken cues")).not_to_be_checked()
    expect(page.get_by_label("Tones")).to_be_checked()


@pytest.mark.parametrize(("can_vibrate", "offered"), [(True, 1), (False, 0)])
def test_vibration_is_offered_only_where_the_device_can_vibrate(page, can_vibrate, offered):
    if not can_vibrate:
        # An iPhone's browser has no navigator.vibrate.
        page.add_init_script("delete Navigator.prototype.vibrate")
    page.goto("/settings")
    expect(page.get_by_label("Tones")).to_be_visible()
    expect(page.get_by_label("Vibration")).to_have_count(offered)


def test_the_next_exercise_and_its_position_are_said_before_it_starts(offline_player):
    page = offline_player
    start_routine(page)
    # Bridge ends at 172 s (get ready 5 s, two sets of 61 s, 45 s between); then 15 s of rest.
    page.clock.run_for(183_500)
    expect(page.locator(".player")).to_have_attribute("data-step", "rest-exercise")
    expect(page.locator(".player-count")).to_have_text("4")
    ahead = [cue for cue in page.evaluate("window.cueLog") if cue["kind"] == "ahead"]
    assert [cue["text"] for cue in ahead] == ["Next: cat-cow, on all fours"]
    page.clock.run_for(5_000)
    expect(page.locator(".player-exercise")).to_have_text("Cat-cow")
    kinds = [cue["kind"] for cue in page.evaluate("window.cueLog")]
    assert kinds.index("ahead") < kinds.index("get-ready", kinds.index("ahead"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_the_player_screens(offline_player, scheme):
    page = offline_player
    page.emulate_media(color_scheme=scheme)

    assert_no_axe_violations(page, "pain before")
    start_routine(page)
    assert_no_axe_violations(page, "running")
    page.clock.run_for(6_000)
    expect_step(page, "hold")
    assert_no_axe_violations(page, "hold")
    page.get_by_role("button", name="Stop — this hurts").click()
    expect(page.get_by_role("dialog", name="What is happening?")).to_be_visible()
    assert_no_axe_violations(page, "stop reasons")
    page.get_by_role("button", name="Dizziness").click()
    expect(page.get_by_role("button", name="End the session")).to_be_visible()
    assert_no_axe_violations(page, "stop this exercise")
    page.get_by_role("button", name="End the session").click()
    expect(page.get_by_text("Saved on this device: stopped for “dizziness”.")).to_be_visible()
    assert_no_axe_violations(page, "stopped")


def test_the_whole_flow_on_a_phone(browser, live_server):
    with player_on_phone(browser, live_server, "desk-break") as page:
        start_routine(page, None)
        expect(page.locator(".player-exercise")).to_have_text("Warm-up")
        # The desk break takes a little over 6 minutes (368 s): a minute at a time, 7 minutes.
        for _ in range(7):
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            small = page.evaluate(
                """() => [...document.querySelectorAll(".player button:not([hidden]), .player summary")]
                    .filter((element) => element.offsetParent !== null)
                    .filter((element) => { const box = element.getBoundingClientRect(); return box.width < 44 || box.height < 44; })
                    .map((element) => element.textContent)"""
            )
            assert small == []
            page.clock.run_for(60_000)
        expect(page.get_by_role("heading", name="Routine complete")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_update_waits_until_the_routine_ends(browser, static_copy, deployable_server):
    server = deployable_server
    context = browser.new_context(base_url=server.url)
    try:
        page = context.new_page()
        page.clock.install()
        page.goto("/")
        wait_for_service_worker(page)
        answer_safety_check(page)
        open_view(page, "/routines/back-basics", "Back basics")
        page.get_by_role("link", name="Start Back basics").click()
        start_routine(page)

        stylesheet = static_copy / "css" / "views.css"
        stylesheet.write_text(stylesheet.read_text() + "\n.player { outline: 1px solid transparent; }\n")
        server.deploy()  # a new version is released mid-routine
        page.evaluate("navigator.serviceWorker.getRegistration().then((registration) => registration.update())")
        wait_in_page(
            page,
            """() => new Promise((resolve) => navigator.serviceWorker.getRegistration().then((registration) => {
                const check = () => (registration.waiting ? resolve() : setTimeout(check, 50));
                check();
            }))""",
            "the new version's worker was not waiting within 30 s",
            # Installing precaches the whole app again: on a loaded machine that can take long.
            timeout_seconds=30,
        )
        page.clock.run_for(5_000)
        expect(page.get_by_text("Update ready")).to_be_hidden()
        expect(page.locator(".player-exercise")).to_have_text("Bridge")

        page.get_by_role("button", name="Stop — this hurts").click()
        page.get_by_role("button", name="Dizziness").click()
        page.get_by_role("button", name="End the session").click()
        expect(page.get_by_role("heading", name="Session stopped")).to_be_visible()
        expect(page.get_by_text("Update ready")).to_be_visible()
    finally:
        context.close()


def test_a_routine_changed_since_the_session_began_is_never_resumed_into_other_steps(browser, catalog_copy, start_live_server, database_uri):
    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri, "ROUTINES_DIR": str(catalog_copy)}
    server = start_live_server(create_app(config))
    context = browser.new_context(base_url=server.url)
    try:
        page = context.new_page()
        started_player(page, "back-basics", pain="4")
        page.clock.run_for(90_000)
        assert len(wait_for_records(page, "sets", 1)) == 1

        routine_file = catalog_copy / "routines" / "back-basics.json"
        routine_file.write_text(routine_file.read_text().replace('"reps": 8', '"reps": 6', 1))
        server.app = create_app(config)  # the routine is changed and released

        def routine_etag():
            return next(record["etag"] for record in read_store(page, "catalog") if record["path"] == "/api/v1/routines/back-basics")

        old_etag = routine_etag()
        page.goto("/history")  # leave mid-routine; the app fetches the new routine meanwhile
        wait_until(page, lambda: routine_etag() != old_etag, "the changed routine was not fetched into the catalog within 10 s")
        page.goto("/play/back-basics")
        expect(page.get_by_text("This routine was updated since you started it.")).to_be_visible()
        expect(page.get_by_role("heading", name="How is your back pain right now?")).to_be_visible()
        sessions = read_store(page, "sessions")
        assert [session["status"] for session in sessions] == ["abandoned"]
        assert len(read_store(page, "sets")) == 1
        assert read_store(page, "player") == []
    finally:
        context.close()


FAILING_SESSION_WRITES = """
const put = IDBObjectStore.prototype.put;
IDBObjectStore.prototype.put = function (...args) {
    if (window.failSessionWrites && this.name === "sessions") throw new DOMException("The disk is full", "QuotaExceededError");
    return put.apply(this, args);
};
"""


def test_a_storage_failure_is_said_and_the_answer_can_be_given_again(page):
    page.add_init_script(FAILING_SESSION_WRITES)
    page.clock.install()
    answer_safety_check(page)
    page.goto("/play/back-basics")
    page.evaluate("window.failSessionWrites = true")
    page.get_by_role("button", name="4", exact=True).click()
    expect(page.get_by_text("This device could not start a session")).to_be_visible()
    page.evaluate("window.failSessionWrites = false")
    start_routine(page, "4")

    for _ in range(4):
        page.get_by_role("button", name="Skip exercise").click()
    expect(page.get_by_role("heading", name="Routine complete")).to_be_visible()
    page.evaluate("window.failSessionWrites = true")
    page.get_by_role("button", name="2", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("This device could not save your answer. Please try again.")
    page.evaluate("window.failSessionWrites = false")
    page.get_by_role("button", name="2", exact=True).click()
    expect(page.get_by_text("Saved on this device.")).to_be_visible()
    (session,) = read_store(page, "sessions")
    assert (session["status"], session["painBefore"], session["painAfter"]) == ("completed", 4, 2)
