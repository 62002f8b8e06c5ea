"""POST and GET /function-checks: the weekly function check stored exactly once, read back, exported and deleted."""

import copy
import csv
import io
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pwa.storing import limits
from pwa.storing.db import db
from pwa.storing.models import FunctionCheck
from tests.log_payloads import a_session, iso

pytestmark = pytest.mark.database


def a_check(week=0, activities=(("Putting on socks", 4), ("Sitting for an hour", 6)), **fields):
    """A weekly check taken `week` weeks after 2 November 2026."""
    taken = datetime(2026, 11, 2, 7, 45, tzinfo=UTC) + timedelta(weeks=week)
    return {
        "id": str(uuid.uuid4()),
        "takenAt": iso(taken),
        "updatedAt": iso(taken),
        "activities": [{"name": name, "score": score} for name, score in activities],
        **fields,
    }


def send(client, auth, *checks):
    return client.post("/api/v1/function-checks", json={"checks": list(checks)}, headers=auth)


def stored(client, auth, *checks):
    response = send(client, auth, *checks)
    assert response.status_code == 200, response.json
    return response.json


def listed(client, auth):
    response = client.get("/api/v1/function-checks", headers=auth)
    assert response.status_code == 200
    return response.json["checks"]


def check_count(app):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(FunctionCheck))


def test_a_check_is_stored_and_read_back_as_sent(client, auth):
    check = a_check()

    assert stored(client, auth, check) == {"stored": [check["id"]], "updated": [], "alreadyThere": []}
    assert listed(client, auth) == [check]


ACTIVITY_NAME_PAIRS = json.loads((Path(__file__).parent / "activity-name-pairs.json").read_text())["pairs"]


@pytest.mark.parametrize("pair", ACTIVITY_NAME_PAIRS, ids=[" / ".join(pair["names"]) for pair in ACTIVITY_NAME_PAIRS])
def test_two_activity_names_are_one_activity_exactly_when_the_device_says_so(client, auth, pair):
    response = send(client, auth, a_check(activities=[(name, 3) for name in pair["names"]]))
    assert response.status_code == (200 if pair["distinct"] else 400), response.json


def test_a_retried_batch_and_a_duplicate_store_nothing_twice(app, client, auth):
    check = a_check()
    stored(client, auth, check, copy.deepcopy(check))

    again = stored(client, auth, check)

    assert again == {"stored": [], "updated": [], "alreadyThere": [check["id"]]}
    assert check_count(app) == 1


def test_a_later_edit_replaces_the_check_and_an_older_one_changes_nothing(client, auth):
    check = a_check()
    stored(client, auth, check)
    edit = {**check, "updatedAt": iso(datetime(2026, 11, 3, tzinfo=UTC)), "activities": [{"name": "Putting on socks", "score": 7}]}
    older = {**check, "updatedAt": iso(datetime(2026, 11, 1, tzinfo=UTC)), "activities": [{"name": "Old", "score": 0}]}

    assert stored(client, auth, edit)["updated"] == [check["id"]]
    assert stored(client, auth, older)["alreadyThere"] == [check["id"]]
    assert listed(client, auth) == [edit]


def test_names_are_trimmed_and_checks_come_oldest_first(client, auth):
    later, earlier = a_check(week=1, activities=[("  Bending to the floor  ", 3)]), a_check(week=0)
    stored(client, auth, later, earlier)

    checks = listed(client, auth)

    assert [check["id"] for check in checks] == [earlier["id"], later["id"]]
    assert checks[1]["activities"] == [{"name": "Bending to the floor", "score": 3}]


def test_a_paired_device_sees_the_checks_and_another_account_never_does(client, auth, sign_in):
    mine = a_check(activities=[("Mine", 5)])
    stored(client, auth, mine)
    tablet = sign_in("Tablet", pairing_code=client.post("/api/v1/pairing-codes", headers=auth).json["code"])
    stranger = sign_in("Stranger")

    assert listed(client, tablet) == [mine]
    assert listed(client, stranger) == []
    # The same UUID from another account is that account's own check, not a way into mine.
    theirs = {**mine, "updatedAt": "2026-11-20T00:00:00.000Z", "activities": [{"name": "Overwritten?", "score": 0}]}
    assert stored(client, stranger, theirs)["stored"] == [mine["id"]]
    assert listed(client, auth) == [mine]
    assert "Overwritten" not in client.get("/api/v1/sessions.csv", headers=auth).get_data(as_text=True)


def far_future():
    return iso(datetime.now(UTC) + timedelta(hours=limits.MAX_CLOCK_AHEAD_HOURS + 1))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda check: check.update(activities=[]), "checks[1].activities"),
        (lambda check: check.update(activities=[{"name": f"Activity {n}", "score": 5} for n in range(4)]), "checks[1].activities"),
        (lambda check: check["activities"][0].update(name="   "), "checks[1].activities[0].name"),
        (lambda check: check["activities"][0].update(name="x" * 61), "checks[1].activities[0].name"),
        (lambda check: check["activities"][0].update(name=12), "checks[1].activities[0].name"),
        (lambda check: check["activities"][0].update(name="Socks\u0000"), "checks[1].activities[0].name"),
        (lambda check: check["activities"][1].update(score=11), "checks[1].activities[1].score"),
        (lambda check: check["activities"][1].update(score=-1), "checks[1].activities[1].score"),
        (lambda check: check["activities"][1].update(score=4.5), "checks[1].activities[1].score"),
        (lambda check: check["activities"][1].update(score="4"), "checks[1].activities[1].score"),
        (lambda check: check["activities"][1].update(score=True), "checks[1].activities[1].score"),
        (lambda check: check["activities"][1].update(name=" putting ON socks"), "checks[1].activities"),
        (lambda check: check["activities"][0].update(extra=1), "checks[1].activities[0].extra"),
        (lambda check: check.update(takenAt=far_future()), "checks[1].takenAt"),
        (lambda check: check.update(updatedAt=far_future()), "checks[1].updatedAt"),
        (lambda check: check.update(takenAt="2026-02-30T07:45:00.000Z"), "checks[1].takenAt"),
        (lambda check: check.update(takenAt="2026-11-02 07:45"), "checks[1].takenAt"),
        (lambda check: check.update(id=check["id"].upper()), "checks[1].id"),
        (lambda check: check.pop("updatedAt"), "checks[1].updatedAt"),
    ],
    ids=[
        "no-activity", "four-activities", "blank-name", "long-name", "number-name", "nul-in-name", "score-11", "score-negative",
        "score-fraction", "score-text", "score-boolean", "same-activity-twice", "unknown-field", "taken-in-future", "edited-in-future",
        "impossible-date", "no-offset", "upper-case-id", "no-edit-time",
    ],
)  # fmt: skip
def test_a_bad_check_is_a_400_naming_the_field_and_stores_nothing(app, client, auth, change, field):
    check = a_check()
    change(check)

    response = send(client, auth, a_check(week=1), check)

    assert response.status_code == 400, response.json
    assert response.json["error"]["field"] == field
    assert check_count(app) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"[]", "body"),
        (b'{"checks": {}}', "checks"),
        (b'{"checks": [1]}', "checks[0]"),
        (b'{"checks": [], "more": 1}', "more"),
        (b'{"checks": [{"activities": [' + b"[]," * 5000 + b"[]]}]}", "body"),
        (b"not json", "body"),
    ],
    ids=["a-list", "an-object", "a-number", "unknown-key", "nested-junk", "not-json"],
)
def test_a_hostile_body_is_a_400_naming_the_field(client, auth, body, field):
    response = client.post("/api/v1/function-checks", data=body, content_type="application/json", headers=auth)

    assert response.status_code == 400, response.json
    assert response.json["error"]["field"] == field


def test_a_batch_over_its_limit_is_a_400_and_stores_nothing(app, client, auth):
    response = send(client, auth, *(a_check() for _ in range(limits.MAX_SYNC_FUNCTION_CHECKS + 1)))

    assert response.status_code == 400
    assert response.json["error"]["field"] == "checks"
    assert check_count(app) == 0


def test_an_account_keeps_at_most_its_limit_of_checks(app, client, auth, monkeypatch):
    monkeypatch.setattr(limits, "MAX_FUNCTION_CHECKS_PER_ACCOUNT", 2)
    first, second = a_check(week=0), a_check(week=1)
    stored(client, auth, first, second)

    response = send(client, auth, a_check(week=2))
    assert response.status_code == 422 and response.json["error"]["field"] == "checks"
    assert check_count(app) == 2
    # An edit of one it has is not a new one.
    assert send(client, auth, first | {"updatedAt": iso(datetime(2026, 11, 30, tzinfo=UTC))}).status_code == 200


def test_a_body_over_the_size_limit_is_a_413(client, auth):
    body = b'{"checks": [], "pad": "' + b"x" * limits.MAX_BODY_BYTES + b'"}'
    response = client.post("/api/v1/function-checks", data=body, content_type="application/json", headers=auth)

    assert response.status_code == 413
    assert response.json["error"]["field"] == "body"


@pytest.mark.parametrize("method", ["get", "post"])
def test_no_token_is_a_401(client, method):
    response = getattr(client, method)("/api/v1/function-checks", json={"checks": []})
    assert response.status_code == 401
    assert response.json["error"]["status"] == 401


def test_the_csv_carries_a_row_per_activity_after_the_sessions(client, auth):
    session = a_session(sets=1)
    assert client.post("/api/v1/sync", json={"sessions": [session]}, headers=auth).status_code == 200
    first, second = a_check(week=0), a_check(week=1, activities=[("=Lifting a bag", 2)])
    stored(client, auth, second, first)

    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/sessions.csv", headers=auth).get_data(as_text=True))))

    assert [(row["session_id"], row["check_id"]) for row in rows] == [(session["id"], ""), ("", first["id"]), ("", first["id"]), ("", second["id"])]
    assert [(row["check_taken_at"], row["activity"], row["activity_score"]) for row in rows[1:]] == [
        ("2026-11-02T07:45:00.000Z", "Putting on socks", "4"),
        ("2026-11-02T07:45:00.000Z", "Sitting for an hour", "6"),
        ("2026-11-09T07:45:00.000Z", "'=Lifting a bag", "2"),
    ]
    assert rows[1]["routine_id"] == "" and rows[0]["activity"] == ""


def test_delete_my_data_deletes_the_checks(app, client, auth):
    stored(client, auth, a_check())

    assert client.delete("/api/v1/account", headers=auth).status_code == 204

    assert check_count(app) == 0
