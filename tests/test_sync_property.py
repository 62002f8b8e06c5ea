"""Property: any mix of retries, duplicates and reorderings of batches leaves one copy of each thing."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pwa.api.rate_limit import Limit
from pwa.storing.db import db
from pwa.storing.models import LoggedSession, LoggedSet
from tests.log_payloads import a_session

pytestmark = pytest.mark.database


@st.composite
def deliveries(draw):
    """Some sessions, each in one or more edits, and the batches a flaky network delivers them in.

    An edit has a later `updatedAt`, a new pain answer and note, and may carry sets the earlier
    edits had not. Batches pick any copies in any order, repeats included, and may arrive twice.
    """
    sessions = [a_session(day=day, sets=draw(st.integers(0, 3))) for day in range(draw(st.integers(1, 4)))]
    copies = []
    for session in sessions:
        for edit in range(draw(st.integers(1, 3))):
            version = copy.deepcopy(session)
            version["updatedAt"] = session["updatedAt"][:-4] + f"{edit:03d}Z"  # one millisecond apart
            version["painAfter"] = edit
            version["note"] = f"edit {edit}"
            chosen = draw(st.lists(st.sampled_from(session["sets"]), unique_by=lambda record: record["id"])) if session["sets"] else []
            # Some sets recorded again in this edit (a rep redone after "Back"): later, and different.
            version["sets"] = [{**record, "repsDone": edit, "recordedAt": record["recordedAt"][:-4] + f"{edit + 1:03d}Z"} if draw(st.booleans()) else record for record in chosen]
            copies.append(version)
    batches = draw(st.lists(st.lists(st.sampled_from(copies), min_size=1, max_size=6), min_size=1, max_size=8))
    # Whatever is never delivered is not expected on the server: make sure every copy arrives.
    batches.append(list(copies))
    order = draw(st.permutations(batches))
    retried = draw(st.lists(st.sampled_from(order), max_size=3))
    return copies, order + retried


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(delivery=deliveries())
def test_any_delivery_leaves_exactly_one_copy_with_the_latest_edit(app, client, sign_in, delivery):
    copies, batches = delivery
    # An account of this example's own: all from one test address, more than the limit lets by.
    app.config["RATE_LIMITS"] = {**app.config["RATE_LIMITS"], "new-account": Limit(hits=10_000, seconds=3600)}
    auth = sign_in()

    for batch in batches:
        response = client.post("/api/v1/sync", json={"sessions": batch}, headers=auth)
        assert response.status_code == 200, response.json
        outcomes = response.json
        # Each id sent has exactly one outcome.
        sent = sorted({session["id"] for session in batch})
        assert sorted(outcomes["stored"] + outcomes["updated"] + outcomes["alreadyThere"]) == sent

    stored = client.get("/api/v1/sessions?limit=100", headers=auth).json["sessions"]
    latest = {}
    for version in copies:
        if version["id"] not in latest or version["updatedAt"] > latest[version["id"]]["updatedAt"]:
            latest[version["id"]] = version
    assert sorted(session["id"] for session in stored) == sorted(latest)
    for session in stored:
        assert (session["note"], session["painAfter"]) == (latest[session["id"]]["note"], latest[session["id"]]["painAfter"])
        latest_sets = {}
        for version in copies:
            for record in version["sets"] if version["id"] == session["id"] else []:
                if record["id"] not in latest_sets or record["recordedAt"] > latest_sets[record["id"]]["recordedAt"]:
                    latest_sets[record["id"]] = record
        # One copy of each set, the one recorded last.
        assert {record["id"]: record["repsDone"] for record in session["sets"]} == {key: record["repsDone"] for key, record in latest_sets.items()}
        assert len(session["sets"]) == len(latest_sets)
    with app.app_context():
        account_sessions = db.select(LoggedSession.id).where(LoggedSession.client_id.in_(latest))
        total_sets = db.session.scalar(db.select(db.func.count()).select_from(LoggedSet).where(LoggedSet.session_id.in_(account_sessions)))
    assert total_sets == sum(len(session["sets"]) for session in stored)
