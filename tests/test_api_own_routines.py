"""`/api/v1/own-routines`: own routines stored exactly once, a later edit over an older one only,
tombstones kept, one account never seeing another's, and every hostile body a 4xx naming its field."""

import json
import uuid

import pytest

from pwa.storing import limits
from tests.log_payloads import a_session

pytestmark = pytest.mark.database

PATH = "/api/v1/own-routines"


def a_routine(title="Gentle basics"):
    return {
        "title": title,
        "summary": "A routine I put together from the Unknot exercises.",
        "rationale": "Exercises picked from the library.",
        "frequency": "As often as you and your clinician decide.",
        "when_to_use": ["When you want these exercises, in this order."],
        "when_not_to_use": ["If pain becomes sharp or spreads down a leg: stop."],
        "items": [
            {
                "exercise": "pelvic-tilt",
                "sets": 1,
                "reps": 5,
                "hold_seconds": 0,
                "rep_seconds": 4,
                "per_side": False,
                "rest_between_reps_seconds": 0,
                "rest_between_sets_seconds": 0,
                "rest_after_seconds": 10,
                "get_ready_seconds": 5,
                "switch_sides_seconds": 0,
            },
            {
                "exercise": "knee-to-chest",
                "sets": 1,
                "reps": 5,
                "hold_seconds": 5,
                "rep_seconds": 0,
                "per_side": True,
                "rest_between_reps_seconds": 3,
                "rest_between_sets_seconds": 0,
                "rest_after_seconds": 0,
                "get_ready_seconds": 5,
                "switch_sides_seconds": 5,
            },
        ],
        "sources": ["NHS-LBP"],
    }


def a_record(at="2026-12-01T09:00:00.000Z", **changes):
    return {"id": str(uuid.uuid4()), "updatedAt": at, "deleted": False, "routine": a_routine()} | changes


def send(client, auth, *records):
    return client.post(PATH, json={"routines": list(records)}, headers=auth)


def listed(client, auth):
    response = client.get(PATH, headers=auth)
    assert response.status_code == 200
    return response.json["routines"]


def test_a_routine_is_stored_once_however_often_it_is_sent(client, auth):
    record = a_record()
    assert send(client, auth, record).json == {"stored": [record["id"]], "updated": [], "alreadyThere": []}
    assert send(client, auth, record, record).json == {"stored": [], "updated": [], "alreadyThere": [record["id"]]}
    (stored,) = listed(client, auth)
    assert stored == record


def test_a_later_edit_replaces_an_older_one_and_never_the_reverse(client, auth):
    record = a_record(at="2026-12-01T09:00:00.000Z")
    send(client, auth, record)
    newer = record | {"updatedAt": "2026-12-01T10:00:00.000Z", "routine": a_routine("Gentler basics")}
    assert send(client, auth, newer).json["updated"] == [record["id"]]
    older = record | {"updatedAt": "2026-12-01T09:30:00.000Z", "routine": a_routine("Stale")}
    assert send(client, auth, older).json["alreadyThere"] == [record["id"]]
    assert [entry["routine"]["title"] for entry in listed(client, auth)] == ["Gentler basics"]


def test_of_two_edits_in_one_batch_the_later_wins(client, auth):
    record = a_record(at="2026-12-01T09:00:00.000Z")
    later = record | {"updatedAt": "2026-12-01T11:00:00.000Z", "routine": a_routine("Later")}
    send(client, auth, later, record)
    assert [entry["routine"]["title"] for entry in listed(client, auth)] == ["Later"]


def test_a_deletion_stays_as_a_tombstone_that_an_older_edit_cannot_undo(client, auth):
    record = a_record(at="2026-12-01T09:00:00.000Z")
    send(client, auth, record)
    tombstone = {"id": record["id"], "updatedAt": "2026-12-01T10:00:00.000Z", "deleted": True, "routine": None}
    assert send(client, auth, tombstone).json["updated"] == [record["id"]]
    assert send(client, auth, record).json["alreadyThere"] == [record["id"]]
    assert listed(client, auth) == [tombstone]


def test_one_account_never_sees_or_changes_another_accounts_routines(client, auth, sign_in):
    record = a_record()
    send(client, auth, record)
    stranger = sign_in("Stranger")
    assert listed(client, stranger) == []
    # The same UUID from another account is that account's own record, and leaves this one alone.
    theirs = record | {"updatedAt": "2026-12-01T12:00:00.000Z", "routine": a_routine("Theirs")}
    assert send(client, stranger, theirs).json["stored"] == [record["id"]]
    assert [entry["routine"]["title"] for entry in listed(client, auth)] == ["Gentle basics"]


def test_a_paired_device_sees_the_accounts_routines(client, auth):
    record = a_record()
    send(client, auth, record)
    code = client.post("/api/v1/pairing-codes", headers=auth).json["code"]
    laptop = client.post("/api/v1/devices", json={"name": "Laptop", "pairingCode": code}).json["token"]
    assert listed(client, {"Authorization": f"Bearer {laptop}"}) == [record]


def test_without_a_token_nothing_is_read_or_stored(client):
    assert client.get(PATH).status_code == 401
    assert client.post(PATH, json={"routines": [a_record()]}).status_code == 401


def test_deleting_the_account_deletes_its_routines(app, client, auth):
    send(client, auth, a_record())
    assert client.delete("/api/v1/account", headers=auth).status_code == 204
    from pwa.storing.db import db
    from pwa.storing.models import OwnRoutine

    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(OwnRoutine)).scalar_one() == 0


def broken(change):
    record = a_record()
    change(record)
    return record


HOSTILE = [
    ("not-a-uuid", broken(lambda r: r.update(id="routine-1")), 400, "routines[0].id"),
    ("upper-case-uuid", broken(lambda r: r.update(id=r["id"].upper())), 400, "routines[0].id"),
    ("no-edit-time", broken(lambda r: r.pop("updatedAt")), 400, "routines[0].updatedAt"),
    ("impossible-time", broken(lambda r: r.update(updatedAt="2026-02-30T09:00:00Z")), 400, "routines[0].updatedAt"),
    # An edit from a clock far ahead would win over every later edit, on every device.
    ("edit-time-far-ahead", broken(lambda r: r.update(updatedAt="9999-12-31T23:59:59.999Z")), 400, "routines[0].updatedAt"),
    ("deleted-as-text", broken(lambda r: r.update(deleted="false")), 400, "routines[0].deleted"),
    ("tombstone-with-routine", broken(lambda r: r.update(deleted=True)), 400, "routines[0]"),
    ("routine-missing", broken(lambda r: r.update(routine=None)), 400, "routines[0]"),
    ("routine-a-list", broken(lambda r: r.update(routine=[1, 2])), 400, "routines[0].routine"),
    ("unknown-field", broken(lambda r: r.update(colour="red")), 400, "routines[0].colour"),
    ("zero-sets", broken(lambda r: r["routine"]["items"][0].update(sets=0)), 422, "routines[0].routine.items[0].sets"),
    ("held-and-moving", broken(lambda r: r["routine"]["items"][0].update(hold_seconds=5)), 422, "routines[0].routine.items[0].rep_seconds"),
    ("no-title", broken(lambda r: r["routine"].pop("title")), 422, "routines[0].routine"),
    ("title-too-long", broken(lambda r: r["routine"].update(title="a" * 81)), 422, "routines[0].routine.title"),
    ("extra-routine-field", broken(lambda r: r["routine"].update(script="<x>")), 422, "routines[0].routine"),
    ("no-items", broken(lambda r: r["routine"].update(items=[])), 422, "routines[0].routine.items"),
    ("unknown-exercise", broken(lambda r: r["routine"]["items"][0].update(exercise="back-flip")), 422, "routines[0].routine.items[0].exercise"),
    ("unknown-variant", broken(lambda r: r["routine"]["items"][0].update(variant="on-one-hand")), 422, "routines[0].routine.items[0].variant"),
    ("one-sided-per-side", broken(lambda r: r["routine"]["items"][0].update(per_side=True, switch_sides_seconds=5)), 422, "routines[0].routine.items[0].per_side"),
    ("unknown-source", broken(lambda r: r["routine"].update(sources=["NOPE"])), 422, "routines[0].routine.sources[0]"),
    ("nul-in-title", broken(lambda r: r["routine"].update(title="Gentle\u0000basics")), 422, "routines[0].routine.title"),
]


@pytest.mark.parametrize(("record", "status", "field"), [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE])
def test_a_faulty_routine_is_refused_naming_its_field_and_nothing_is_stored(client, auth, record, status, field):
    response = send(client, auth, record)
    assert response.status_code == status, response.json
    assert response.json["error"]["field"] == field
    assert listed(client, auth) == []


def test_a_batch_over_the_limit_is_refused_unstored(client, auth):
    response = send(client, auth, *[a_record() for _ in range(limits.MAX_OWN_ROUTINES_BATCH + 1)])
    assert response.status_code == 400 and response.json["error"]["field"] == "routines"
    assert listed(client, auth) == []


def test_a_body_of_nested_lists_is_refused_before_it_is_parsed(client, auth):
    body = json.dumps({"routines": [a_record() | {"routine": {"items": [[[[]]]] * 5000}}]})
    response = client.post(PATH, data=body, content_type="application/json", headers=auth)
    assert response.status_code == 400 and response.json["error"]["field"] == "body"


def test_a_body_over_the_size_limit_is_a_413(client, auth):
    record = a_record()
    record["routine"]["summary"] = "a" * (limits.MAX_OWN_ROUTINES_BODY_BYTES + 1)
    response = send(client, auth, record)
    assert response.status_code == 413 and response.json["error"]["field"] == "body"


def tombstone_of(record, at):
    return {"id": record["id"], "updatedAt": at, "deleted": True, "routine": None}


def test_an_account_keeps_at_most_its_limit_of_routines_not_counting_deleted_ones(client, auth, monkeypatch):
    monkeypatch.setattr(limits, "MAX_OWN_ROUTINES", 3)
    first, second, third = a_record(), a_record(), a_record()
    assert send(client, auth, first, second, third).status_code == 200
    response = send(client, auth, a_record())
    assert response.status_code == 422
    assert response.json["error"]["status"] == 422 and response.json["error"]["field"] == "routines"
    assert "at most 3 routines" in response.json["error"]["message"]
    assert len(listed(client, auth)) == 3
    # An edit of one it has is not a new one.
    assert send(client, auth, first | {"updatedAt": "2026-12-01T23:00:00.000Z"}).status_code == 200
    # Deleted routines make room, however many were made and deleted before.
    assert send(client, auth, tombstone_of(second, "2026-12-01T10:00:00.000Z"), tombstone_of(third, "2026-12-01T10:00:00.000Z")).status_code == 200
    assert send(client, auth, a_record(), a_record()).status_code == 200
    assert send(client, auth, a_record()).status_code == 422
    # One deleted and one added in the same batch leaves as many as before.
    (kept, *_) = [entry for entry in listed(client, auth) if not entry["deleted"]]
    assert send(client, auth, tombstone_of(kept, "2026-12-02T10:00:00.000Z"), a_record()).status_code == 200
    assert sum(not entry["deleted"] for entry in listed(client, auth)) == 3


def test_a_deleted_routine_edited_back_to_life_counts_again(client, auth, monkeypatch):
    monkeypatch.setattr(limits, "MAX_OWN_ROUTINES", 1)
    gone, kept = a_record(), a_record()
    send(client, auth, gone)
    send(client, auth, tombstone_of(gone, "2026-12-01T10:00:00.000Z"), kept)
    # An older edit does not undo the deletion, so it takes no room.
    assert send(client, auth, gone).status_code == 200
    revived = gone | {"updatedAt": "2026-12-01T11:00:00.000Z"}
    response = send(client, auth, revived)
    assert response.status_code == 422 and response.json["error"]["field"] == "routines"
    assert [entry["deleted"] for entry in listed(client, auth) if entry["id"] == gone["id"]] == [True]


def test_an_account_keeps_only_its_latest_deletions(client, auth, monkeypatch):
    monkeypatch.setattr(limits, "MAX_OWN_ROUTINE_TOMBSTONES", 3)
    live = a_record()
    made = [a_record() for _ in range(5)]
    send(client, auth, live, *made)
    # Deleted one by one, oldest deletion first, and one batch out of order.
    for hour, record in enumerate(made[:3]):
        send(client, auth, tombstone_of(record, f"2026-12-02T0{hour}:00:00.000Z"))
    send(client, auth, tombstone_of(made[4], "2026-12-02T09:00:00.000Z"), tombstone_of(made[3], "2026-12-02T08:00:00.000Z"))
    tombstones = [entry["id"] for entry in listed(client, auth) if entry["deleted"]]
    assert tombstones == [made[2]["id"], made[3]["id"], made[4]["id"]]
    # A routine not deleted is never dropped.
    assert [entry for entry in listed(client, auth) if not entry["deleted"]] == [live]
    # A token that only sends new tombstones cannot grow the table.
    for batch in range(3):
        send(client, auth, *[tombstone_of(a_record(), f"2026-12-03T0{batch}:00:00.000Z") for _ in range(limits.MAX_OWN_ROUTINES_BATCH)])
    assert sum(entry["deleted"] for entry in listed(client, auth)) == 3


def test_a_deletion_its_sessions_name_is_kept_so_their_sessions_still_sync(client, auth, monkeypatch):
    monkeypatch.setattr(limits, "MAX_OWN_ROUTINE_TOMBSTONES", 1)
    played, other = a_record(), a_record()
    send(client, auth, played, other)
    session = a_session(routineId=played["id"], routineTitle="Gentle basics")
    assert client.post("/api/v1/sync", json={"sessions": [session]}, headers=auth).status_code == 200
    send(client, auth, tombstone_of(played, "2026-12-02T01:00:00.000Z"))
    send(client, auth, tombstone_of(other, "2026-12-02T02:00:00.000Z"))
    send(client, auth, tombstone_of(a_record(), "2026-12-02T03:00:00.000Z"))
    assert played["id"] in {entry["id"] for entry in listed(client, auth)}
    later = a_session(day=1, routineId=played["id"], routineTitle="Gentle basics")
    assert client.post("/api/v1/sync", json={"sessions": [later]}, headers=auth).json["stored"] == [later["id"]]


def test_a_session_of_an_own_routine_syncs_once_the_account_has_that_routine(client, auth, sign_in):
    record = a_record()
    session = a_session(routineId=record["id"], routineTitle="Gentle basics")
    refused = client.post("/api/v1/sync", json={"sessions": [session]}, headers=auth)
    assert refused.status_code == 422 and refused.json["error"]["field"] == "sessions[0].routineId"
    send(client, auth, record)
    # Another account's routine of that id is not this account's.
    assert client.post("/api/v1/sync", json={"sessions": [session]}, headers=sign_in("Stranger")).status_code == 422
    assert client.post("/api/v1/sync", json={"sessions": [session]}, headers=auth).json["stored"] == [session["id"]]
    # Deleted, the routine still names the sessions done with it.
    send(client, auth, {"id": record["id"], "updatedAt": "2026-12-01T12:00:00.000Z", "deleted": True, "routine": None})
    later = a_session(day=1, routineId=record["id"], routineTitle="Gentle basics")
    assert client.post("/api/v1/sync", json={"sessions": [later]}, headers=auth).status_code == 200
    titles = [entry["routineTitle"] for entry in client.get("/api/v1/sessions", headers=auth).json["sessions"]]
    assert titles == ["Gentle basics", "Gentle basics"]


def test_a_routine_saved_before_seed_articles_left_the_sources_still_syncs(client, auth):
    # Until December 2026 the app's exercises cited seed articles (S2, S3) and guides since
    # withdrawn (MCG): own routines made then name them, and must not be stuck on the device.
    record = a_record()
    record["routine"]["sources"] = ["NHS-LBP", "S3", "MCG"]
    assert send(client, auth, record).status_code == 200
    assert [stored["routine"]["sources"] for stored in listed(client, auth)] == [["NHS-LBP", "S3", "MCG"]]
