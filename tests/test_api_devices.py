"""Devices, tokens, pairing codes and deleting an account: identity without personal data."""

import hashlib

import pytest
from conftest import dispose

from pwa import create_app
from pwa.api.rate_limit import Limit
from pwa.storing.db import db
from pwa.storing.models import Account, Device, LoggedSession, LoggedSet, PairingCode
from tests.log_payloads import a_session

pytestmark = pytest.mark.database


def count(app, model):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_a_new_device_gets_its_token_once_and_the_server_keeps_only_its_hash(app, client):
    response = client.post("/api/v1/devices", json={"name": "Phone"})

    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    token = response.json["token"]
    assert response.json["device"]["name"] == "Phone" and response.json["device"]["current"] is True
    with app.app_context():
        stored = db.session.execute(db.select(Device)).scalar_one()
        assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in {stored.token_hash, stored.public_id, stored.name}
    assert client.get("/api/v1/devices", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_a_device_may_sign_in_with_no_body_at_all(client):
    response = client.post("/api/v1/devices")
    assert response.status_code == 201
    assert response.json["device"]["name"] == "A device"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer "}, {"Authorization": "Basic dXNlcjpwYXNz"}, {"Authorization": "Bearer unk_not-a-real-token"}],
    ids=["none", "empty", "other-scheme", "wrong"],
)
@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/api/v1/sessions"), ("post", "/api/v1/sync"), ("get", "/api/v1/sessions.csv"), ("delete", "/api/v1/account"), ("post", "/api/v1/pairing-codes"), ("get", "/api/v1/devices")],
)
def test_no_token_or_a_wrong_one_is_401_with_a_json_error(client, headers, method, path):
    response = getattr(client, method)(path, headers=headers, json={"sessions": []})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json["error"]["status"] == 401
    assert "token" in response.json["error"]["message"]


def test_a_pairing_code_puts_a_second_device_on_the_same_account(client, auth, sign_in):
    client.post("/api/v1/sync", json={"sessions": [a_session()]}, headers=auth)
    code = client.post("/api/v1/pairing-codes", headers=auth)
    assert code.status_code == 201
    assert len(code.json["code"]) == 9 and code.json["code"][4] == "-"

    # Typed on the other phone in lower case and without the dash.
    tablet = sign_in("Tablet", pairing_code=code.json["code"].replace("-", "").lower())

    assert len(client.get("/api/v1/sessions", headers=tablet).json["sessions"]) == 1
    names = {device["name"]: device["current"] for device in client.get("/api/v1/devices", headers=tablet).json["devices"]}
    assert names == {"Phone": False, "Tablet": True}


def test_a_pairing_code_works_once(client, auth, sign_in):
    code = client.post("/api/v1/pairing-codes", headers=auth).json["code"]
    sign_in("Tablet", pairing_code=code)

    again = client.post("/api/v1/devices", json={"pairingCode": code})

    assert again.status_code == 422
    assert again.json["error"]["field"] == "pairingCode"


def test_a_pairing_code_expires_after_ten_minutes(app, client, auth):
    response = client.post("/api/v1/pairing-codes", headers=auth).json
    with app.app_context():
        pairing = db.session.execute(db.select(PairingCode)).scalar_one()
        assert (pairing.expires_at - pairing.created_at).total_seconds() == 600
        pairing.expires_at = pairing.created_at  # ten minutes have passed
        db.session.commit()

    assert client.post("/api/v1/devices", json={"pairingCode": response["code"]}).status_code == 422


def test_guessing_pairing_codes_is_rate_limited(client):
    statuses = [client.post("/api/v1/devices", json={"pairingCode": f"AAAA-AAA{n}"}).status_code for n in range(2, 9)]
    statuses += [client.post("/api/v1/devices", json={"pairingCode": "BBBB-BBB2"}).status_code for _ in range(4)]

    assert statuses[:10] == [422] * 10
    assert statuses[10] == 429


def test_making_pairing_codes_is_rate_limited_per_account(client, auth, sign_in):
    statuses = [client.post("/api/v1/pairing-codes", headers=auth).status_code for _ in range(6)]
    response = client.post("/api/v1/pairing-codes", headers=auth)

    assert statuses == [201] * 5 + [429]
    assert int(response.headers["Retry-After"]) > 0
    assert "Try again in" in response.json["error"]["message"]
    # Another account is not held back by this one.
    assert client.post("/api/v1/pairing-codes", headers=sign_in()).status_code == 201


def test_making_accounts_is_rate_limited_per_address(app, client):
    app.config["RATE_LIMITS"] = {**app.config["RATE_LIMITS"], "new-account": Limit(hits=3, seconds=3600)}
    statuses = [client.post("/api/v1/devices").status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]


def test_a_revoked_device_is_signed_out_at_once(client, auth, sign_in):
    code = client.post("/api/v1/pairing-codes", headers=auth).json["code"]
    tablet = sign_in("Tablet", pairing_code=code)
    tablet_id = next(device["id"] for device in client.get("/api/v1/devices", headers=auth).json["devices"] if device["name"] == "Tablet")

    assert client.delete(f"/api/v1/devices/{tablet_id}", headers=auth).status_code == 204

    assert client.get("/api/v1/sessions", headers=tablet).status_code == 401
    assert [device["name"] for device in client.get("/api/v1/devices", headers=auth).json["devices"]] == ["Phone"]


def test_a_device_of_another_account_cannot_be_revoked_or_seen(client, auth, sign_in):
    stranger = sign_in("Stranger")
    stranger_id = client.get("/api/v1/devices", headers=stranger).json["devices"][0]["id"]

    response = client.delete(f"/api/v1/devices/{stranger_id}", headers=auth)

    assert response.status_code == 404
    assert client.get("/api/v1/sessions", headers=stranger).status_code == 200
    assert stranger_id not in {device["id"] for device in client.get("/api/v1/devices", headers=auth).json["devices"]}


def test_deleting_the_account_deletes_everything_of_it_and_nothing_else(app, client, auth, sign_in):
    code = client.post("/api/v1/pairing-codes", headers=auth).json["code"]
    tablet = sign_in("Tablet", pairing_code=code)
    client.post("/api/v1/pairing-codes", headers=auth)
    client.post("/api/v1/sync", json={"sessions": [a_session(day=0), a_session(day=1)]}, headers=auth)
    other = sign_in("Other")
    client.post("/api/v1/sync", json={"sessions": [a_session(day=2)]}, headers=other)

    assert client.delete("/api/v1/account", headers=tablet).status_code == 204

    assert client.get("/api/v1/sessions", headers=auth).status_code == 401
    assert client.get("/api/v1/sessions", headers=tablet).status_code == 401
    assert len(client.get("/api/v1/sessions", headers=other).json["sessions"]) == 1
    assert (count(app, Account), count(app, Device), count(app, PairingCode)) == (1, 1, 0)
    assert (count(app, LoggedSession), count(app, LoggedSet)) == (1, 2)


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"name": ""}, "name", "at least 1"),
        ({"name": 7}, "name", "must be text"),
        ({"name": "x" * 61}, "name", "at most 60"),
        ({"pairingCode": "?"}, "pairingCode", "like ABCD-EFGH"),
        ({"nickname": "Phone"}, "nickname", "not a field"),
    ],
)
def test_a_bad_sign_in_body_is_a_400_naming_the_field(client, body, field, words):
    response = client.post("/api/v1/devices", json=body)
    assert response.status_code == 400
    assert response.json["error"]["field"] == field
    assert words in response.json["error"]["message"]


def test_a_body_that_is_not_json_is_a_400_naming_the_body(client):
    response = client.post("/api/v1/devices", data="name=Phone", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert response.json["error"]["field"] == "body"


def test_behind_a_proxy_each_client_address_has_its_own_limit(database_uri):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri, "PROXY_FIX_X_FOR": 1})
    app.config["RATE_LIMITS"] = {**app.config["RATE_LIMITS"], "new-account": Limit(hits=1, seconds=3600)}
    client = app.test_client()

    def sign_in_from(address):
        return client.post("/api/v1/devices", headers={"X-Forwarded-For": address}).status_code

    try:
        assert [sign_in_from("203.0.113.7"), sign_in_from("203.0.113.7"), sign_in_from("198.51.100.2")] == [201, 429, 201]
    finally:
        dispose(app)
