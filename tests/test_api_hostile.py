"""What a hostile client with curl can try: every attempt is a clear 4xx, stores nothing, and
costs the server no more than storing the largest valid batch."""

import json
import shutil

import pytest

from tests.hostile_bodies import REFUSED_AT, measure, raw_request
from tests.log_payloads import a_session
from tests.servers import gunicorn

pytestmark = pytest.mark.database


def row_counts(app):
    from pwa.storing.db import db
    from pwa.storing.models import LoggedSession, LoggedSet

    with app.app_context():
        return tuple(db.session.execute(db.select(db.func.count()).select_from(model)).scalar_one() for model in (LoggedSession, LoggedSet))


def devices_of(client, auth):
    return client.get("/api/v1/devices", headers=auth).json["devices"]


def test_the_only_device_of_an_account_cannot_revoke_itself(client, auth):
    (device,) = devices_of(client, auth)

    response = client.delete(f"/api/v1/devices/{device['id']}", headers=auth)

    assert response.status_code == 409
    assert "Delete my data" in response.json["error"]["message"]
    assert [entry["id"] for entry in devices_of(client, auth)] == [device["id"]]


def test_a_device_may_revoke_itself_while_another_keeps_the_account(client, auth, sign_in):
    code = client.post("/api/v1/pairing-codes", headers=auth).json["code"]
    tablet = sign_in("Tablet", pairing_code=code)
    phone = next(device for device in devices_of(client, auth) if device["current"])

    assert client.delete(f"/api/v1/devices/{phone['id']}", headers=auth).status_code == 204
    assert client.get("/api/v1/devices", headers=auth).status_code == 401
    assert [device["name"] for device in devices_of(client, tablet)] == ["Tablet"]


@pytest.mark.parametrize(
    ("where", "value"),
    [("session", "{id}\n"), ("session", "{id} "), ("session", "{upper}"), ("set", "{id}\n"), ("set", "{upper}")],
    ids=["session-trailing-newline", "session-trailing-space", "session-upper-case", "set-trailing-newline", "set-upper-case"],
)
def test_an_id_must_be_exactly_a_lower_case_uuid(app, client, auth, where, value):
    session = a_session(sets=1)
    record = session if where == "session" else session["sets"][0]
    record["id"] = value.format(id=record["id"], upper=record["id"].upper())

    response = client.post("/api/v1/sync", json={"sessions": [session]}, headers=auth)

    assert response.status_code == 400
    assert response.json["error"]["field"] == ("sessions[0].id" if where == "session" else "sessions[0].sets[0].id")
    assert row_counts(app) == (0, 0)


@pytest.mark.parametrize(
    "moment",
    [
        "2026-13-02T07:30:00.000Z",
        "2026-02-30T07:30:00.000Z",
        "2026-11-02T24:00:00.000Z",
        "2026-11-02T07:30:00.000+99:99",
        "2026-11-02T07:30:00.000+24:00",
        "２０２６-11-02T07:30:00.000Z",
        "٢٠٢٦-11-02T07:30:00.000Z",
        "2026-11-02T07:30:00.000Z\n",
    ],
    ids=["month-13", "30-february", "hour-24", "offset-99", "offset-24", "fullwidth-digits", "arabic-indic-digits", "trailing-newline"],
)
def test_a_time_must_be_a_real_time(app, client, auth, moment):
    response = client.post("/api/v1/sync", json={"sessions": [a_session(startedAt=moment)]}, headers=auth)

    assert response.status_code == 400
    assert response.json["error"]["field"] == "sessions[0].startedAt"
    assert row_counts(app) == (0, 0)


def test_a_set_time_is_checked_as_strictly(app, client, auth):
    session = a_session(sets=2)
    session["sets"][1]["recordedAt"] = "2026-11-31T07:31:00.000Z"
    response = client.post("/api/v1/sync", json={"sessions": [session]}, headers=auth)
    assert response.status_code == 400
    assert response.json["error"]["field"] == "sessions[0].sets[1].recordedAt"
    assert "not a real date" in response.json["error"]["message"]


def test_a_chunked_body_with_a_bad_chunk_size_is_a_400(gunicorn_server, gunicorn_auth):
    status, body = raw_request(gunicorn_server, "/api/v1/sync", gunicorn_auth, b"zz\r\n{}\r\n0\r\n\r\n")
    assert status == 400
    assert json.loads(body)["error"]["field"] == "body"


def test_a_chunked_body_over_the_limit_is_a_413_not_cut_short(gunicorn_server, gunicorn_auth):
    # A valid batch, then padding past 1 MiB: cut at the limit it would parse, so it must be refused.
    head = json.dumps({"sessions": [a_session()]}).encode()[:-1]
    padding = b" " * (1024 * 1024)
    chunks = b"".join(f"{len(part):x}\r\n".encode() + part + b"\r\n" for part in (head, padding, b"}")) + b"0\r\n\r\n"

    status, body = raw_request(gunicorn_server, "/api/v1/sync", gunicorn_auth, chunks)

    assert status == 413
    assert json.loads(body)["error"]["field"] == "body"


def test_a_chunked_body_within_the_limit_is_stored(gunicorn_server, gunicorn_auth):
    session = a_session()
    payload = json.dumps({"sessions": [session]}).encode()
    chunks = b"".join(f"{len(part):x}\r\n".encode() + part + b"\r\n" for part in (payload[:100], payload[100:])) + b"0\r\n\r\n"

    status, body = raw_request(gunicorn_server, "/api/v1/sync", gunicorn_auth, chunks)

    assert status == 200, body
    assert json.loads(body)["stored"] == [session["id"]]


@pytest.fixture(scope="module")
def storing_cost(migrated_template, tmp_path_factory):
    """What storing the largest valid batches costs, measured once: the costlier of the two."""
    from tests.conftest import TEST_DATABASE_URL

    costs = []
    for batch in ("largest-valid-batch-of-records", "largest-valid-batch-of-values"):
        path = tmp_path_factory.mktemp("valid") / "unknot.sqlite"
        if not TEST_DATABASE_URL:
            shutil.copyfile(migrated_template, path)
        costs.append(measure(batch, TEST_DATABASE_URL or f"sqlite:///{path}"))
    assert all(cost["status"] == 200 for cost in costs), costs
    return max(costs, key=lambda cost: cost["peak_bytes"])


@pytest.mark.parametrize("junk", list(REFUSED_AT))
def test_refusing_junk_costs_no_more_memory_than_storing_the_largest_valid_batch(database_uri, storing_cost, junk):
    """A request full of faults is refused at its first fault: it cannot cost more than a good one.

    Memory only (peak resident growth, each in a process of its own): times are for the benchmark.
    """
    stored = storing_cost
    refused = measure(junk, database_uri)

    assert (refused["status"], refused["field"]) == (400, REFUSED_AT[junk])
    assert refused["peak_bytes"] <= stored["peak_bytes"], (refused, stored)


@pytest.fixture
def gunicorn_server(database_uri, tmp_path):
    """The app under gunicorn (as in production), on 127.0.0.1: (host, port)."""
    with gunicorn(tmp_path, DATABASE_URL=database_uri) as address:
        yield address


@pytest.fixture
def gunicorn_auth(gunicorn_server):
    import urllib.request

    host, port = gunicorn_server
    request = urllib.request.Request(f"http://{host}:{port}/api/v1/devices", data=b"{}", headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return {"Authorization": f"Bearer {json.load(response)['token']}"}


def test_a_session_stored_before_times_were_parsed_is_read_back_without_its_impossible_stop(app, client, auth):
    from pwa.storing.db import db
    from pwa.storing.models import LoggedSession

    session = a_session(exerciseStops=[{"exerciseId": "bridge", "reason": "sharp-pain", "at": "2026-11-02T07:33:00.000Z"}])
    assert client.post("/api/v1/sync", json={"sessions": [session]}, headers=auth).status_code == 200
    with app.app_context():
        row = db.session.execute(db.select(LoggedSession)).scalar_one()
        row.exercise_stops = [*row.exercise_stops, {"exerciseId": "bridge", "reason": "sharp-pain", "at": "2026-02-30T07:33:00.000Z"}]
        db.session.commit()

    (read,) = client.get("/api/v1/sessions", headers=auth).json["sessions"]
    assert [stop["at"] for stop in read["exerciseStops"]] == ["2026-11-02T07:33:00.000Z"]
    assert client.get("/api/v1/sessions.csv", headers=auth).status_code == 200


def test_sign_in_still_works_while_redis_is_out_of_reach(database_uri, monkeypatch):
    from pwa import create_app
    from tests.conftest import dispose
    from tests.servers import free_port

    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri})
    try:
        assert app.test_client().post("/api/v1/devices", json={}).status_code == 201
    finally:
        dispose(app)


@pytest.mark.parametrize(
    ("address", "key"),
    [("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"), ("2001:db8:1:2:bbbb::7", "2001:db8:1:2::/64"), ("::ffff:192.0.2.7", "192.0.2.7"), ("192.0.2.7", "192.0.2.7")],
)
def test_an_ipv6_client_is_limited_by_its_64_not_by_each_of_its_addresses(app, address, key):
    from pwa.api.rate_limit import client_address

    with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
        assert client_address() == key


def test_a_range_request_on_the_catalog_gets_the_whole_document(client):
    whole = client.get("/api/v1/exercises").data
    for asked in ("bytes=0-10", "bytes=99999999-"):
        response = client.get("/api/v1/exercises", headers={"Range": asked})
        assert response.status_code == 200
        assert response.data == whole
