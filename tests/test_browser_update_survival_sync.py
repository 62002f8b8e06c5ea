"""What sync knows survives the update that gives it one store: nothing unsent is lost, nothing
confirmed or refused is sent again.

Version 5 of the app kept the log's and the own routines' confirmations in "sync", under a field
called `sessionId` (an own routine's as `routine:<id>`), and the weekly checks' in
"functionCheckSync", under `checkId`. The test writes a phone's database as version 5 left it,
with raw IndexedDB calls, loads today's app, and checks what the person sees in Settings, what
the server stores and which ids the app sends it.
"""

import uuid

import pytest
from browser_helpers import wait_until
from playwright.sync_api import expect

from pwa import create_app
from tests.log_payloads import a_session
from tests.test_api_own_routines import a_routine
from tests.test_browser_update_survival import DAY_MS, SyncLog, an_account, at, open_a_page_without_the_app, seed_an_earlier_database

ROUTINE_FAULT = "routines[0].routine.items[0].exercise: there is no exercise 'side-plank'."
LIMIT = "routines: an account keeps at most 200 routines of its own; delete one to add another."
CHECK_FAULT = "checks[0].takenAt: is in the future: check this device's date and time"
SESSION_FAULT = "sessions[0].stopReason: there is no stop reason 'felt-odd'."


@pytest.fixture
def server(start_live_server, database_uri):
    """A live server of the test's own, the ids of every sync noted."""
    live = start_live_server(create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri}))
    live.sync_log = SyncLog(live)
    yield live
    live.app = live.sync_log.app


def post(app, path, token, body):
    """Sync `body` as the phone's last sync did."""
    response = app.test_client().post(f"/api/v1{path}", json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.json["stored"], response.json


def a_phone_on_version_5(app, now_ms):
    """Per kind, a record synced, one the server refused (and would take now: only the kept refusal
    holds it back) and one never sent; a routine refused for the account's limit too. Returns the
    records by store, and the ids never sent."""
    token, device_id = an_account(app)
    ids = {name: str(uuid.uuid4()) for name in ("synced", "refused", "unsent", "routine", "faulty", "full", "new", "check", "future", "fresh")}

    def session(key, day):
        record = a_session(sets=0, id=ids[key], startedAt=at(now_ms, -day * DAY_MS), endedAt=at(now_ms, -day * DAY_MS + 420_000), updatedAt=at(now_ms, -day * DAY_MS + 425_000))
        del record["sets"]
        return record

    def routine(key, title, minutes_ago):
        return {"id": ids[key], "routine": a_routine(title), "updatedAt": at(now_ms, -minutes_ago * 60_000), "deleted": False}

    def check(key, days_ago):
        taken = at(now_ms, -days_ago * DAY_MS)
        return {"id": ids[key], "takenAt": taken, "updatedAt": taken, "activities": [{"name": "Putting on socks", "score": 4}]}

    sessions = [session("synced", 3), session("refused", 2), session("unsent", 1)]
    routines = [routine("routine", "Synced one", 50), routine("faulty", "Refused one", 40), routine("full", "One too many", 30), routine("new", "Made since", 20)]
    checks = [check("check", 21), check("future", 14), check("fresh", 7)]
    post(app, "/sync", token, {"sessions": [{**sessions[0], "sets": []}]})
    post(app, "/own-routines", token, {"routines": [routines[0]]})
    post(app, "/function-checks", token, {"checks": [checks[0]]})

    settings = {"syncDevice": {"token": token, "id": device_id, "name": "Browser"}, "syncSignedOut": False, "syncPulledAll": True, "syncLastAt": now_ms - DAY_MS}
    records = {
        "settings": [{"key": key, "value": value} for key, value in settings.items()],
        "sessions": sessions,
        "own_routines": routines,
        "functionChecks": checks,
        "sync": [
            {"sessionId": ids["synced"], "syncedUpdatedAt": sessions[0]["updatedAt"]},
            {"sessionId": ids["refused"], "rejectedUpdatedAt": sessions[1]["updatedAt"], "message": SESSION_FAULT},
            {"sessionId": f"routine:{ids['routine']}", "syncedUpdatedAt": routines[0]["updatedAt"]},
            {
                "sessionId": f"routine:{ids['faulty']}",
                "rejectedUpdatedAt": routines[1]["updatedAt"],
                "message": ROUTINE_FAULT,
                "field": "routines[0].routine.items[0].exercise",
                "deletionsOnAccount": 0,
            },
            {"sessionId": f"routine:{ids['full']}", "rejectedUpdatedAt": routines[2]["updatedAt"], "message": LIMIT, "field": "routines", "deletionsOnAccount": 0},
        ],
        "functionCheckSync": [
            {"checkId": ids["check"], "syncedUpdatedAt": checks[0]["updatedAt"]},
            {"checkId": ids["future"], "rejectedUpdatedAt": checks[1]["updatedAt"], "message": CHECK_FAULT},
        ],
    }
    return records, token, ids


def test_a_phone_updating_keeps_every_unsent_record_and_every_confirmation_and_refusal(browser, server):
    app = server.sync_log.app
    context = browser.new_context(base_url=server.url)
    try:
        page = context.new_page()
        open_a_page_without_the_app(page)
        records, token, ids = a_phone_on_version_5(app, int(page.evaluate("Date.now()")))
        seed_an_earlier_database(page, records, version=5)

        page.goto("/settings")
        status = page.locator(".sync-status")
        expect(status).to_contain_text("All 2 sessions synced.", timeout=15_000)
        expect(status).not_to_contain_text("Syncing")
        # What the server refused is still named, with its reason, and not tried again.
        expect(status).to_contain_text(f"1 session could not be synced: {SESSION_FAULT}")
        expect(status).to_contain_text(f"1 weekly check could not be synced: {CHECK_FAULT}")
        refused = page.locator(".sync-refused li")
        expect(refused).to_have_count(2)
        expect(refused.filter(has_text="“Refused one” is on this device only.")).to_contain_text("there is no exercise 'side-plank'. Change it and save it to try again.")
        expect(refused.filter(has_text="“One too many” is on this device only.")).to_contain_text("delete one you no longer use, and this one syncs then.")

        # What was never sent goes, once; what the server confirmed or refused is not sent again.
        client = app.test_client()
        listed = lambda path, key: {record["id"] for record in client.get(f"/api/v1{path}", headers={"Authorization": f"Bearer {token}"}).json[key]}  # noqa: E731
        wait_until(
            page, lambda: ids["new"] in listed("/own-routines", "routines") and ids["fresh"] in listed("/function-checks", "checks"), "the records never sent did not reach the server within 10 s"
        )
        assert listed("/sessions", "sessions") == {ids["synced"], ids["unsent"]}
        assert listed("/own-routines", "routines") == {ids["routine"], ids["new"]}
        assert listed("/function-checks", "checks") == {ids["check"], ids["fresh"]}
        assert server.sync_log.sent == {"sessions": [ids["unsent"]], "routines": [ids["new"]], "checks": [ids["fresh"]]}
    finally:
        context.close()
