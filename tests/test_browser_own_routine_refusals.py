"""An own routine the server refuses, in real Chromium: kept on the device, named in Settings →
Your data with why and what to do, and synced once a deletion makes room for it."""

import pytest
from browser_helpers import assert_no_axe_violations, phone, read_store, wait_until
from playwright.sync_api import expect

from pwa.storing import limits
from tests.test_browser_own_routines import own_routines_on_server, save_a_routine, wait_until_confirmed


@pytest.fixture
def page(browser, base_url):
    """A 320 px phone: the narrowest Settings must fit."""
    context = browser.new_context(base_url=base_url, **phone(320, 640))
    yield context.new_page()
    context.close()


def refused_here(page, routine_id):
    record = next(entry for entry in read_store(page, "own_routines") if entry["id"] == routine_id)
    return any((entry["kind"], entry["id"]) == ("ownRoutine", routine_id) and entry.get("rejectedUpdatedAt") == record["updatedAt"] for entry in read_store(page, "sync"))


def test_a_routine_over_the_accounts_limit_is_named_in_settings_and_syncs_once_another_is_deleted(page, base_url, monkeypatch):
    monkeypatch.setattr(limits, "MAX_OWN_ROUTINES", 1)
    first = save_a_routine(page, "First one")
    wait_until_confirmed(page, first["id"])
    second = save_a_routine(page, "Second one, with a name long enough to wrap on a phone")
    wait_until(page, lambda: refused_here(page, second["id"]), "the server's refusal of the second routine was not kept within 10 s")

    page.goto("/settings")
    refusal = page.locator(".sync-refused li")
    expect(refusal).to_have_count(1)
    expect(refusal).to_contain_text("“Second one, with a name long enough to wrap on a phone” is on this device only.")
    expect(refusal).to_contain_text("Your account already keeps as many routines of your own as it can: delete one you no longer use, and this one syncs then.")
    assert [entry["id"] for entry in own_routines_on_server(base_url, page)] == [first["id"]]
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert_no_axe_violations(page, f"a refused routine in Settings, {scheme}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.get_by_role("link", name="Open Second one, with a name long enough to wrap on a phone").bounding_box()["height"] >= 44
    page.get_by_role("link", name="Open Second one, with a name long enough to wrap on a phone").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Second one, with a name long enough to wrap on a phone")

    page.goto(f"/routines/{first['id']}")
    page.get_by_role("button", name="Delete this routine").click()
    page.get_by_role("button", name="Yes, delete First one").click()
    wait_until_confirmed(page, second["id"])
    assert {entry["id"]: entry["deleted"] for entry in own_routines_on_server(base_url, page)} == {first["id"]: True, second["id"]: False}
    page.goto("/settings")
    expect(page.locator(".sync-status")).not_to_have_text("Checking…")
    expect(page.locator(".sync-refused li")).to_have_count(0)
