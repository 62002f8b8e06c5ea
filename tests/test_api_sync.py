"""POST /sync, GET /sessions and GET /sessions.csv: the log stored exactly once, and read back."""

import copy
import csv
import io
import json
import threading
import urllib.request

import pytest

from pwa import create_app
from pwa.storing.db import db
from pwa.storing.models import LoggedSession, LoggedSet
from tests.log_payloads import a_session, a_set

pytestmark = pytest.mark.database


def sync(client, auth, *sessions):
    response = client.post("/api/v1/sync", json={"sessions": list(sessions)}, headers=auth)
    assert response.status_code == 200, response.json
    return response.json


def all_sessions(client, auth):
    return client.get("/api/v1/sessions?limit=100", headers=auth).json["sessions"]


def row_counts(app):
    with app.app_context():
        return tuple(db.session.scalar(db.select(db.func.count()).select_from(model)) for model in (LoggedSession, LoggedSet))


def test_a_batch_is_stored_and_read_back_as_sent(client, auth):
    session = a_session(sets=3, note="Felt looser", exerciseStops=[{"exerciseId": "bridge", "reason": "sharp-pain", "at": "2026-11-02T07:33:00.000Z"}])

    assert sync(client, auth, session) == {"stored": [session["id"]], "updated": [], "alreadyThere": []}

    assert all_sessions(client, auth) == [session]


def test_a_retried_batch_stores_nothing_twice(app, client, auth):
    batch = [a_session(day=0), a_session(day=1)]
    sync(client, auth, *batch)

    again = sync(client, auth, *batch)

    assert again == {"stored": [], "updated": [], "alreadyThere": sorted(session["id"] for session in batch)}
    assert row_counts(app) == (2, 4)


def test_a_duplicate_within_a_batch_is_stored_once(app, client, auth):
    session = a_session()
    assert sync(client, auth, session, copy.deepcopy(session))["stored"] == [session["id"]]
    assert row_counts(app) == (1, 2)


def test_a_later_edit_updates_the_session_and_an_older_one_changes_nothing(client, auth):
    session = a_session(painAfter=None)
    sync(client, auth, session)
    edited = {**session, "painAfter": 3, "note": "Better after the walk", "updatedAt": "2026-11-02T08:00:00.000Z"}
    stale = {**session, "note": "an older copy", "updatedAt": "2026-11-02T07:40:00.000Z"}

    assert sync(client, auth, edited)["updated"] == [session["id"]]
    assert sync(client, auth, stale)["alreadyThere"] == [session["id"]]

    (stored,) = all_sessions(client, auth)
    assert (stored["painAfter"], stored["note"]) == (3, "Better after the walk")


def test_sets_sent_later_are_added_and_a_set_recorded_again_replaces_the_older(app, client, auth):
    session = a_session(sets=1)
    sync(client, auth, session)
    redone = {**session["sets"][0], "repsDone": 4, "recordedAt": "2026-11-02T07:35:00.000Z"}
    later = {**session, "sets": [redone, a_set(order=1)], "updatedAt": "2026-11-02T07:50:00.000Z"}

    sync(client, auth, later)

    (stored,) = all_sessions(client, auth)
    assert [record["repsDone"] for record in stored["sets"]] == [4, 5]
    assert row_counts(app) == (1, 2)


def test_times_with_an_offset_are_stored_in_utc(client, auth):
    session = a_session(startedAt="2026-11-02T09:30:00+02:00", endedAt="2026-11-02T09:37:00.5+02:00")
    sync(client, auth, session)
    (stored,) = all_sessions(client, auth)
    assert (stored["startedAt"], stored["endedAt"]) == ("2026-11-02T07:30:00.000Z", "2026-11-02T07:37:00.500Z")


def mutate(change):
    """A session with `change(session)` applied: the way each bad input below is made."""
    session = a_session()
    change(session)
    return session


BAD_SESSIONS = [
    ("pain-above-10", lambda s: s.update(painBefore=11), 400, "sessions[0].painBefore", "at most 10"),
    ("pain-below-0", lambda s: s.update(painAfter=-1), 400, "sessions[0].painAfter", "at least 0"),
    ("pain-as-text", lambda s: s.update(painBefore="6"), 400, "sessions[0].painBefore", "whole number"),
    ("pain-fraction", lambda s: s.update(painBefore=5.5), 400, "sessions[0].painBefore", "whole number"),
    ("unknown-routine", lambda s: s.update(routineId="handstands"), 422, "sessions[0].routineId", "no routine 'handstands'"),
    ("unknown-exercise", lambda s: s["sets"][1].update(exerciseId="backflip"), 422, "sessions[0].sets[1].exerciseId", "no exercise 'backflip'"),
    ("unknown-variant", lambda s: s["sets"][0].update(variantId="one-legged-ish"), 422, "sessions[0].sets[0].variantId", "one-legged-ish"),
    ("unknown-stop-reason", lambda s: s.update(status="stopped", stopReason="bored"), 422, "sessions[0].stopReason", "no stop reason 'bored'"),
    ("ends-before-start", lambda s: s.update(endedAt="2026-11-02T07:00:00.000Z"), 422, "sessions[0].endedAt", "ends before it starts"),
    ("time-without-offset", lambda s: s.update(startedAt="2026-11-02T07:30:00"), 400, "sessions[0].startedAt", "with its offset"),
    ("impossible-date", lambda s: s.update(startedAt="2026-02-30T07:30:00Z"), 400, "sessions[0].startedAt", "not a real date"),
    ("not-a-uuid", lambda s: s.update(id="session-1"), 400, "sessions[0].id", "UUID"),
    ("unknown-status", lambda s: s.update(status="done"), 400, "sessions[0].status", "must be one of"),
    ("missing-field", lambda s: s.pop("routineId"), 400, "sessions[0].routineId", "is required"),
    ("unknown-field", lambda s: s.update(mood="grumpy"), 400, "sessions[0].mood", "not a field"),
    ("note-too-long", lambda s: s.update(note="x" * 2001), 400, "sessions[0].note", "at most 2000"),
    ("too-many-sets", lambda s: s.update(sets=[a_set(order) for order in range(301)]), 400, "sessions[0].sets", "at most 300 items"),
    ("negative-reps", lambda s: s["sets"][0].update(repsDone=-2), 400, "sessions[0].sets[0].repsDone", "at least 0"),
    ("held-as-text", lambda s: s["sets"][0].update(heldSeconds=["5"]), 400, "sessions[0].sets[0].heldSeconds[0]", "a number"),
    ("wrong-side", lambda s: s["sets"][0].update(side="middle"), 400, "sessions[0].sets[0].side", "'left', 'right'"),
]


@pytest.mark.parametrize(("change", "status", "field", "words"), [case[1:] for case in BAD_SESSIONS], ids=[case[0] for case in BAD_SESSIONS])
def test_a_bad_session_is_refused_naming_the_field_and_nothing_is_stored(app, client, auth, change, status, field, words):
    response = client.post("/api/v1/sync", json={"sessions": [mutate(change)]}, headers=auth)

    assert response.status_code == status
    assert response.json["error"]["field"] == field
    assert words in response.json["error"]["message"]
    assert row_counts(app) == (0, 0)


def test_a_bad_session_anywhere_refuses_the_whole_batch(app, client, auth):
    response = client.post("/api/v1/sync", json={"sessions": [a_session(), mutate(lambda s: s.update(painAfter=12))]}, headers=auth)
    assert response.status_code == 400
    assert response.json["error"]["field"] == "sessions[1].painAfter"
    assert row_counts(app) == (0, 0)


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [({"sessions": [a_session(sets=0)] * 51}, "sessions", "at most 50 items"), ({}, "sessions", "is required"), ({"sessions": {}}, "sessions", "must be a list"), ([], "body", "must be an object")],
    ids=["too-many-sessions", "no-sessions", "sessions-not-a-list", "not-an-object"],
)
def test_a_bad_batch_is_a_400_naming_the_field(client, auth, body, field, words):
    response = client.post("/api/v1/sync", json=body, headers=auth)
    assert response.status_code == 400
    assert response.json["error"]["field"] == field
    assert words in response.json["error"]["message"]


def test_a_body_over_the_limit_is_a_413_naming_the_body(client, auth):
    response = client.post("/api/v1/sync", data=b"{" + b" " * (1024 * 1024) + b"}", content_type="application/json", headers=auth)
    assert response.status_code == 413
    assert response.json["error"]["field"] == "body"
    assert "1048576 bytes" in response.json["error"]["message"]


def test_one_account_never_sees_or_changes_another_accounts_sessions(client, auth, sign_in):
    mine = a_session(note="mine")
    sync(client, auth, mine)
    stranger = sign_in("Stranger")

    # The same UUID from another account is that account's own session, not a way into mine.
    theirs = {**copy.deepcopy(mine), "note": "overwritten?", "updatedAt": "2030-01-01T00:00:00.000Z"}
    assert sync(client, stranger, theirs)["stored"] == [mine["id"]]

    assert [session["note"] for session in all_sessions(client, auth)] == ["mine"]
    assert [session["note"] for session in all_sessions(client, stranger)] == ["overwritten?"]
    assert "mine" not in client.get("/api/v1/sessions.csv", headers=stranger).get_data(as_text=True)


def test_sessions_come_newest_first_a_page_at_a_time(client, auth):
    sessions = [a_session(day=day, sets=1) for day in range(5)]
    sync(client, auth, *reversed(sessions))

    first = client.get("/api/v1/sessions?limit=2", headers=auth).json
    second = client.get(f"/api/v1/sessions?limit=2&before={first['next']}", headers=auth).json
    third = client.get(f"/api/v1/sessions?limit=2&before={second['next']}", headers=auth).json

    pages = [[session["id"] for session in page["sessions"]] for page in (first, second, third)]
    newest_first = [session["id"] for session in reversed(sessions)]
    assert pages == [newest_first[0:2], newest_first[2:4], newest_first[4:]]
    assert third["next"] is None


@pytest.mark.parametrize(("query", "field"), [("limit=0", "limit"), ("limit=101", "limit"), ("limit=ten", "limit"), ("before=%%%", "before"), ("before=bm90LWEtY3Vyc29y", "before")])
def test_a_bad_page_request_is_a_400_naming_the_parameter(client, auth, query, field):
    response = client.get(f"/api/v1/sessions?{query}", headers=auth)
    assert response.status_code == 400
    assert response.json["error"]["field"] == field


def test_the_csv_export_has_a_row_per_set_and_is_safe_in_a_spreadsheet(client, auth):
    with_sets = a_session(day=1, sets=2, note='=HYPERLINK("http://example.com")')
    without_sets = a_session(day=0, sets=0, painAfter=None)
    sync(client, auth, with_sets, without_sets)

    response = client.get("/api/v1/sessions.csv", headers=auth)

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(row["session_id"], row["set_order"]) for row in rows] == [(without_sets["id"], ""), (with_sets["id"], "0"), (with_sets["id"], "1")]
    assert rows[0]["pain_after"] == "" and rows[1]["pain_before"] == "6"
    assert rows[1]["held_seconds"] == "5 5 5 5 5.1"
    assert rows[1]["note"].startswith("'=")


def test_concurrent_identical_batches_store_each_session_once(app, database_uri, start_live_server, sign_in):
    """Eight clients send the same batch at the same moment, over real HTTP, to a threaded server."""

    auth = sign_in()
    batch = json.dumps({"sessions": [a_session(day=day) for day in range(10)]}).encode()
    server = start_live_server(create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri}))
    barrier = threading.Barrier(8)
    results = []

    def send():
        request = urllib.request.Request(f"{server.url}/api/v1/sync", data=batch, headers={**auth, "Content-Type": "application/json"})
        barrier.wait()
        with urllib.request.urlopen(request, timeout=30) as response:
            results.append(json.load(response))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(results) == 8
    assert sum(len(result["stored"]) for result in results) == 10
    assert row_counts(app) == (10, 20)


def test_paging_skips_no_session_started_within_the_same_millisecond(client, auth):
    first = a_session(startedAt="2026-11-02T07:30:00.123900Z", endedAt=None)
    second = a_session(startedAt="2026-11-02T07:30:00.123100Z", endedAt=None)
    sync(client, auth, first, second)

    page = client.get("/api/v1/sessions?limit=1", headers=auth).json
    rest = client.get(f"/api/v1/sessions?limit=1&before={page['next']}", headers=auth).json

    assert [session["id"] for session in page["sessions"] + rest["sessions"]] == [first["id"], second["id"]]


UNSTORABLE = [
    ("nan-in-held-seconds", '{"sessions": [%s]}', lambda body: body.replace('"heldSeconds": [5, 5, 5, 5, 5.1]', '"heldSeconds": [NaN]', 1), "sessions[0].sets[0].heldSeconds[0]"),
    ("nul-in-note", None, lambda s: s.update(note="a\x00b"), "sessions[0].note"),
    # Python's json writes it as `\ud800`, which is no character: the JSON itself is refused.
    ("lone-surrogate-in-note", None, lambda s: s.update(note="\ud800"), "body"),
    ("year-1-east-of-utc", None, lambda s: s.update(startedAt="0001-01-01T00:00:00.000+01:00"), "sessions[0].startedAt"),
    ("year-9999-west-of-utc", None, lambda s: s.update(updatedAt="9999-12-31T23:59:59.000-01:00"), "sessions[0].updatedAt"),
    ("upper-case-uuid", None, lambda s: s.update(id=s["id"].upper()), "sessions[0].id"),
]


@pytest.mark.parametrize(("template", "change", "field"), [case[1:] for case in UNSTORABLE], ids=[case[0] for case in UNSTORABLE])
def test_input_no_database_can_store_is_a_400_not_a_500(app, client, auth, template, change, field):
    if template:
        body = change(template % json.dumps(a_session()))
        response = client.post("/api/v1/sync", data=body, content_type="application/json", headers=auth)
    else:
        response = client.post("/api/v1/sync", json={"sessions": [mutate(change)]}, headers=auth)
    assert response.status_code == 400, response.json
    assert response.json["error"]["field"] == field
    assert row_counts(app) == (0, 0)


@pytest.mark.parametrize(
    "body",
    ["[" * 20000 + "]" * 20000, '{"name": ' + "[" * 900 + "]" * 900 + "}", '{"name": "\\udc00"}'],
    ids=["nested-20000-deep", "nested-900-deep-in-a-field", "lone-surrogate-in-name"],
)
def test_a_pathological_sign_in_body_is_a_400(client, body):
    response = client.post("/api/v1/devices", data=body, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("query", ["limit=%C2%B2", "before=" + "MDAwMS0wMS0wMVQwMDowMDowMCswMTowMHx4"], ids=["superscript-two", "cursor-off-the-calendar"])
def test_odd_page_parameters_are_a_400(client, auth, query):
    assert client.get(f"/api/v1/sessions?{query}", headers=auth).status_code == 400
