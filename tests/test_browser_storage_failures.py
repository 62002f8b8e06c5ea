"""When the device's storage refuses a write, the person is still told what matters, and the
log is written whole once storage answers again."""

from browser_helpers import answer_no_to_every_question, answer_safety_check, read_store, start_routine
from playwright.sync_api import expect

# Writes to the stores named in `window.failingStores` throw, as a full disk does.
FAILING_WRITES = """
for (const method of ["put", "delete", "clear"]) {
    const original = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (...args) {
        if ((window.failingStores ?? []).includes(this.name)) throw new DOMException("The disk is full", "QuotaExceededError");
        return original.apply(this, args);
    };
}
"""


def fail_writes(page, *stores):
    page.evaluate("(stores) => { window.failingStores = stores; }", list(stores))


def test_a_routine_whose_end_could_not_be_written_keeps_its_last_sets_once_answered(page):
    page.add_init_script(FAILING_WRITES)
    page.clock.install()
    answer_safety_check(page)
    page.goto("/play/back-basics")
    start_routine(page, "4")
    for _ in range(3):
        page.get_by_role("button", name="Skip exercise").click()
    expect(page.locator(".player-exercise")).to_have_text("Single knee-to-chest")
    fail_writes(page, "sets", "sessions", "player")

    page.get_by_role("button", name="Skip exercise").click()

    expect(page.get_by_role("heading", name="Routine complete")).to_be_visible()
    expect(page.get_by_text("This device could not save the end of your session yet")).to_be_visible()
    fail_writes(page)
    page.get_by_role("button", name="2", exact=True).click()
    expect(page.get_by_text("Saved on this device.")).to_be_visible()
    (session,) = read_store(page, "sessions")
    assert (session["status"], session["painAfter"]) == ("completed", 2)
    assert "knee-to-chest" in {record["exerciseId"] for record in read_store(page, "sets")}
    # Nothing is left to resume: the end was written with the answer.
    assert read_store(page, "player") == []


def test_take_the_pack_off_is_said_even_when_the_timer_cannot_be_saved(page):
    page.add_init_script(FAILING_WRITES)
    page.clock.install()
    page.goto("/heat-cold")
    fail_writes(page, "settings", "thermal")

    page.get_by_role("button", name="Start the timer").click()
    expect(page.get_by_text("This device could not save the timer")).to_be_visible()
    expect(page.locator(".player-count")).to_have_text("15:00")
    page.get_by_role("button", name="Stop now").click()

    expect(page.get_by_role("heading", name="Timer stopped")).to_be_visible()
    expect(page.locator(".saved")).to_have_text("Take the pack off now. This device could not save this session.")


def test_the_safety_advice_shows_even_when_the_answers_cannot_be_saved(page):
    page.add_init_script(FAILING_WRITES)
    page.goto("/check")
    expect(page.get_by_role("heading", name="Safety check")).to_be_visible()
    fail_writes(page, "settings")
    answer_no_to_every_question(page)
    question = page.locator('input[value="yes"]').first
    question.check()

    page.get_by_role("button", name="Save my answers").click()

    expect(page.locator(".advice")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="could not save your answers")).to_be_visible()
