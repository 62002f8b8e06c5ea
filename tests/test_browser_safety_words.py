"""The safety words of the December 2026 clinical review, as a person sees them in real Chromium:
the banner's own lines, pregnancy, the guide's warning signs, the stop dialog, the numbers."""

import re
from contextlib import contextmanager

import pytest
from browser_helpers import answer_safety_check, assert_no_axe_violations, phone
from playwright.sync_api import expect

from tests.test_browser_safety import stop_for


@pytest.fixture
def browser_context_args(browser_context_args):
    """A phone in the UK: the emergency advice offers 999."""
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/London"}


@contextmanager
def phone_in(browser, live_server, locale, timezone_id, width=320):
    """A page on a narrow phone with the device's language and time zone set."""
    context = browser.new_context(base_url=live_server.url, locale=locale, timezone_id=timezone_id, **phone(width, 640))
    try:
        yield context.new_page()
    finally:
        context.close()


def test_a_banner_answer_says_what_it_means_and_when_to_book_and_nothing_else(page):
    answer_safety_check(page, yes=["first-episode-age"])
    for where in ("/check", "/"):
        page.goto(where)
        banner = page.get_by_role("region", name="Worth mentioning to a doctor")
        # Its paragraphs: the time frame, then this answer's own line; no other answer's.
        expect(banner.locator(":scope > p")).to_have_text([re.compile("book a routine appointment in the next week or two"), re.compile("^Back pain for the first time over 50 or under 20")])


def test_pregnancy_says_which_back_pain_means_calling_the_maternity_unit_now(page):
    answer_safety_check(page, yes=["pregnancy"])
    banner = page.get_by_role("region", name="Worth mentioning to a doctor")
    expect(banner).to_contain_text("comes and goes in waves, or comes with bleeding, leaking fluid, a high temperature or pain when you pee")
    expect(banner).to_contain_text("call your maternity unit or midwife now")
    page.goto("/warning-signs")
    pregnant = page.get_by_role("region", name="If you are pregnant")
    expect(pregnant).to_contain_text("Call your maternity unit or midwife now.")
    expect(pregnant).to_contain_text("Back pain that comes and goes in waves.")


def test_heavy_bleeding_in_pregnancy_has_the_same_call_button_as_the_emergency_signs(page):
    page.goto("/warning-signs")
    pregnant = page.get_by_role("region", name="If you are pregnant")
    expect(pregnant).to_contain_text("If you are bleeding heavily, call your local emergency number.")
    expect(pregnant).to_contain_text("places it in the United Kingdom, where the number for an ambulance is 999.")
    call = pregnant.get_by_role("link", name="Call 999")
    expect(call).to_have_attribute("href", "tel:999")
    box = call.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert_no_axe_violations(page, "warning signs with two call buttons")


def test_the_guide_page_on_seeing_a_clinician_lists_every_warning_sign_of_the_data(page):
    safety = page.request.get("/api/v1/safety").json()
    page.goto("/guide/when-to-see-a-clinician")
    expect(page.get_by_role("heading", level=1)).to_have_text("When to see a clinician")
    for group in safety["warning_signs"]["groups"]:
        region = page.get_by_role("region", name=group["title"])
        expect(region).to_contain_text(group["action"])
        for sign in group["signs"]:
            expect(region.get_by_role("listitem").filter(has_text=sign)).to_have_count(1)
    expect(page.get_by_role("region", name="Get emergency help now").get_by_role("link", name="Call 999")).to_be_visible()
    assert_no_axe_violations(page, "guide: when to see a clinician")


def test_dizziness_says_sit_or_lie_down_not_try_the_easier_version(page):
    stop_for(page, "Dizziness")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Sit or lie down")).to_be_visible()
    expect(dialog).to_contain_text("If it does not pass, or it comes with chest pain, breathlessness, tummy pain or sudden severe lower back pain, get emergency help")
    expect(dialog).not_to_contain_text("Easier version")
    expect(dialog.get_by_role("link", name="Call 999")).to_be_visible()
    # Right under "Sit or lie down", the first and primary choice is to end, not to go on.
    choices = dialog.locator(".stop-reasons button")
    expect(choices).to_have_text(["End the session", "Skip Bridge and go on"])
    expect(choices.first).to_have_class(re.compile(r"\bbutton-primary\b"))
    expect(dialog.locator(".button-primary")).to_have_count(1)
    assert_no_axe_violations(page, "dizziness advice")
    page.get_by_role("button", name="End the session").click()
    expect(page.get_by_role("heading", name="Session stopped")).to_be_visible()
    expect(page.get_by_role("region", name="Sit or lie down")).to_be_visible()


def test_without_a_known_country_the_advice_says_112_works_from_most_mobiles_in_europe(browser, live_server):
    with phone_in(browser, live_server, "en-GB", "UTC") as page:
        answer_safety_check(page, yes=["chest-pain"])
        expect(page.get_by_text("Use the emergency number for the country you are in. 112 works from most mobiles in Europe.")).to_be_visible()
        # A hint for Europe, never a universal number: nothing offers to call it.
        expect(page.locator('a[href^="tel:"]')).to_have_count(0)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_ending_the_session_never_says_go_on_with_the_next_exercise(page):
    stop_for(page, "Sharp or severe pain")
    page.get_by_role("button", name="End the session").click()
    expect(page.get_by_role("heading", name="Session stopped")).to_be_visible()
    advice = page.get_by_role("region", name="Rest, then keep moving gently")
    expect(advice).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("go on with the next one")


def test_sudden_tummy_or_back_pain_with_faintness_ends_the_session_as_an_emergency(page):
    stop_for(page, "Sudden, severe tummy or lower back pain, with feeling faint, dizzy or sweaty")
    expect(page.get_by_role("heading", name="Session stopped")).to_be_visible()
    emergency = page.get_by_role("alert", name="Get emergency help now")
    expect(emergency).to_contain_text("Do not drive yourself: call, or ask someone to take you.")
    expect(emergency.get_by_role("link", name="Call 999")).to_be_visible()


@pytest.mark.parametrize(
    ("locale", "zone", "sentence", "numbers"),
    [
        ("en-IN", "Asia/Kolkata", "places it in India, where the number for an ambulance is 108 in most states. 112 also works from a mobile.", ["108", "112"]),
        ("de-AT", "Europe/Vienna", "places it in Austria, where the number for an ambulance is 144. 112 also works from a mobile.", ["144", "112"]),
        ("en-GB", "Europe/London", "places it in the United Kingdom, where the number for an ambulance is 999. In another country", ["999"]),
    ],
    ids=["india", "austria", "uk"],
)
def test_the_ambulance_number_and_112_beside_a_national_one_on_a_320_px_phone(browser, live_server, locale, zone, sentence, numbers):
    with phone_in(browser, live_server, locale, zone) as page:
        answer_safety_check(page, yes=["chest-pain"])
        expect(page.get_by_text(sentence)).to_be_visible()
        calls = page.locator('.emergency-number a[href^="tel:"]')
        expect(calls).to_have_count(len(numbers))
        for index, number in enumerate(numbers):
            expect(calls.nth(index)).to_have_attribute("href", f"tel:{number}")
            box = calls.nth(index).bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44
        assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_heat_timer_says_no_hot_water_bottle_on_a_numb_leg(page):
    page.goto("/heat-cold")
    expect(page.get_by_text("If a leg is numb or tingles, use a heat pack you hold, not a hot-water bottle; never heat numb skin.")).to_be_visible()
    # The old line told someone with a numb back to hold heat on it, beside "never on numb skin".
    expect(page.locator("main")).not_to_contain_text("tingling in a leg or your back")
