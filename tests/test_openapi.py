"""The OpenAPI 3.1 document: valid, complete, and true of the responses the API really gives."""

import re
import subprocess
import sys

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from pwa import create_app
from pwa.api.rate_limit import Limit
from tests.log_payloads import a_session
from tests.web_push import Subscriber

pytestmark = pytest.mark.database


@pytest.fixture
def document(client):
    """The OpenAPI document as the app serves it."""
    return client.get("/api/v1/openapi.json").json


def resolve(document, item):
    """Follow a `$ref` to a component (a response), or return the item itself."""
    if "$ref" not in item:
        return item
    node = document
    for part in item["$ref"].removeprefix("#/").split("/"):
        node = node[part]
    return node


def assert_documented(document, response, method, template):
    """The response's status is documented for this operation, and its body fits the schema there."""
    registry = Registry().with_resource("urn:doc", Resource.from_contents(document, default_specification=DRAFT202012))
    responses = document["paths"][template][method]["responses"]
    assert str(response.status_code) in responses, f"{method.upper()} {template} answered an undocumented {response.status_code}"
    documented = resolve(document, responses[str(response.status_code)])
    if "content" not in documented:
        assert response.get_data() == b""
        return
    (media_type,) = documented["content"]
    assert response.mimetype == media_type
    if media_type == "application/json":
        schema = documented["content"][media_type]["schema"]
        schema = {"$ref": "urn:doc" + schema["$ref"]} if "$ref" in schema else schema
        errors = [error.message for error in Draft202012Validator(schema, registry=registry).iter_errors(response.json)]
        assert errors == [], f"{method.upper()} {template} {response.status_code}: {errors}"


def test_the_document_is_valid_openapi_3_1_and_served(document):
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "/api/v1"}]
    validate(document)


def test_every_api_route_is_documented_and_the_document_names_no_other(app, document):
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            served |= {(path, method.lower()) for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(path, method) for path, operations in document["paths"].items() for method in operations}
    assert served == documented


def test_every_request_body_and_limit_is_described(document):
    schemas = document["components"]["schemas"]
    assert schemas["SyncBatch"]["properties"]["sessions"]["maxItems"] == 50
    assert schemas["SyncBatch.SessionRecord"]["properties"]["sets"]["maxItems"] == 300
    assert schemas["SessionPageQuery"]["properties"]["limit"]["maximum"] == 100
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method in ("post", "put", "patch") and path != "/pairing-codes":
                assert "$ref" in operation["requestBody"]["content"]["application/json"]["schema"], path


def test_catalog_responses_are_described_by_the_data_schemas(document):
    """Strictly: the data files' own rules, with what the API resolves, and nothing else allowed."""
    schemas = document["components"]["schemas"]
    exercise = schemas["Exercise"]
    assert exercise["additionalProperties"] is False
    assert {"id", "illustration_url", "steps", "variants", "sources"} <= set(exercise["required"])
    assert schemas["catalog.exercise.source_ids"]["items"] == {"$ref": "#/components/schemas/Source"}
    assert "sources" not in schemas["ExerciseInRoutine"]["properties"]
    routine_200 = document["paths"]["/routines/{routine_id}"]["get"]["responses"]["200"]
    assert routine_200["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Routine"}
    assert "ETag" in routine_200["headers"]


def test_the_document_describes_no_seed_article_and_no_provenance(document):
    """Seed articles are internal: the API promises sources a person can check, and says which were read."""
    schemas = document["components"]["schemas"]
    source = schemas["Source"]
    assert source["properties"]["kind"]["enum"] == ["reference", "rule"]
    assert "seed_file" not in source["properties"]
    assert {"checked", "to_verify"} <= set(source["properties"])
    for name in ("Exercise", "ExerciseInRoutine", "Routine"):
        assert "provenance" not in schemas[name]["properties"], name


def test_real_responses_match_the_document(app, client, sign_in, document):
    """A tour of every operation and its errors, each response checked against the document."""
    checks = []

    def call(method, path, template, **kwargs):
        response = getattr(client, method)(path, **kwargs)
        checks.append((response.status_code, method, template))
        assert_documented(document, response, method, template)
        return response

    for path in ("/exercises", "/exercises/bridge", "/exercises/handstand", "/routines", "/routines/back-basics", "/routines/nope", "/safety", "/guide", "/plan"):
        template = re.sub(r"^/(exercises|routines)/[\w-]+$", lambda match: f"/{match[1]}/{{{match[1][:-1]}_id}}", path)
        etag = call("get", f"/api/v1{path}", template).headers.get("ETag")
        if etag:
            call("get", f"/api/v1{path}", template, headers={"If-None-Match": etag})

    new = call("post", "/api/v1/devices", "/devices", json={"name": "Phone"})
    auth = {"Authorization": f"Bearer {new.json['token']}"}
    call("post", "/api/v1/devices", "/devices", json={"name": 3})
    call("post", "/api/v1/devices", "/devices", json={"pairingCode": "ABCD-EFGH"})
    call("post", "/api/v1/devices", "/devices", data="x" * 70_000, content_type="application/json")
    code = call("post", "/api/v1/pairing-codes", "/pairing-codes", headers=auth).json["code"]
    tablet = sign_in("Tablet", pairing_code=code)
    devices = call("get", "/api/v1/devices", "/devices", headers=auth).json["devices"]
    call("get", "/api/v1/devices", "/devices")
    for _ in range(5):
        call("post", "/api/v1/pairing-codes", "/pairing-codes", headers=auth)

    session = a_session(painAfter=None, exerciseStops=[{"exerciseId": "bridge", "reason": "sharp-pain", "at": "2026-11-02T07:33:00.000Z"}])
    call("post", "/api/v1/sync", "/sync", json={"sessions": [session]}, headers=auth)
    call("post", "/api/v1/sync", "/sync", json={"sessions": [{**session, "painBefore": 11}]}, headers=auth)
    call("post", "/api/v1/sync", "/sync", json={"sessions": [{**session, "routineId": "nope"}]}, headers=auth)
    call("post", "/api/v1/sync", "/sync", json={"sessions": []})
    reminder = {"subscription": {"endpoint": "https://fcm.googleapis.com/fcm/send/tour", "keys": Subscriber().keys}, "days": ["mon"], "time": "08:00", "timeZone": "UTC", "pausedForSafety": False}
    call("get", "/api/v1/reminders", "/reminders", headers=auth)
    call("put", "/api/v1/reminders", "/reminders", json=reminder, headers=auth)
    call("put", "/api/v1/reminders", "/reminders", json={**reminder, "time": "25:00"}, headers=auth)
    call("get", "/api/v1/reminders", "/reminders", headers=auth)
    call("get", "/api/v1/reminders", "/reminders")
    call("delete", "/api/v1/reminders", "/reminders", headers=auth)
    call("get", "/api/v1/reminders/vapid-public-key", "/reminders/vapid-public-key")
    call("get", "/api/v1/reminders/calendar.ics?days=mon&time=08:00&tz=UTC", "/reminders/calendar.ics")
    call("get", "/api/v1/reminders/calendar.ics?days=mon", "/reminders/calendar.ics")
    check = {"id": "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "takenAt": "2026-11-02T07:45:00.000Z", "updatedAt": "2026-11-02T07:45:00.000Z", "activities": [{"name": "Socks", "score": 4}]}
    call("post", "/api/v1/function-checks", "/function-checks", json={"checks": [check]}, headers=auth)
    call("post", "/api/v1/function-checks", "/function-checks", json={"checks": [{**check, "activities": []}]}, headers=auth)
    call("get", "/api/v1/function-checks", "/function-checks", headers=tablet)
    call("get", "/api/v1/function-checks", "/function-checks")
    call("get", "/api/v1/sessions", "/sessions", headers=tablet)
    call("get", "/api/v1/sessions?limit=0", "/sessions", headers=auth)
    call("get", "/api/v1/sessions.csv", "/sessions.csv", headers=auth)
    call("get", "/api/v1/sessions.csv", "/sessions.csv")
    call("delete", "/api/v1/devices/not-a-device", "/devices/{device_id}", headers=auth)
    call("delete", f"/api/v1/devices/{devices[1]['id']}", "/devices/{device_id}", headers=auth)
    call("delete", f"/api/v1/devices/{devices[0]['id']}", "/devices/{device_id}", headers=auth)
    call("delete", "/api/v1/account", "/account", headers=auth)
    call("delete", "/api/v1/account", "/account", headers=auth)
    call("get", "/api/v1/openapi.json", "/openapi.json")

    app.config["RATE_LIMITS"] = {**app.config["RATE_LIMITS"], "new-account": Limit(hits=0, seconds=60)}
    call("post", "/api/v1/devices", "/devices")

    statuses = {status for status, _, _ in checks}
    assert {200, 201, 204, 304, 400, 401, 404, 409, 413, 422, 429} <= statuses


def run_schemathesis(url, token, workdir, *options):
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", f"{url}/api/v1/openapi.json",
        "--header", f"Authorization: Bearer {token}",
        "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
        "--max-examples", "25", "--seed", "20261121", "--generation-database", "none",
        "--request-timeout", "10", "--no-color", *options,
    ]  # fmt: skip
    # In a temporary directory: schemathesis keeps a cache where it runs. The time-out only stops a
    # hang: beside the suite's parallel workers on a loaded machine, a run took over 240 s.
    return subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=workdir)


def test_schemathesis_finds_no_server_error_and_no_response_outside_the_document(database_uri, start_live_server, tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri})
    # Schemathesis makes a new account with nearly every POST /devices it tries.
    app.config["RATE_LIMITS"] = {**app.config["RATE_LIMITS"], "new-account": Limit(hits=100_000, seconds=3600)}
    server = start_live_server(app)

    def token():
        return app.test_client().post("/api/v1/devices").json["token"]

    # Deleting the account ends the token: fuzz everything else first, then that on its own.
    everything_else = run_schemathesis(server.url, token(), tmp_path, "--exclude-path", "/account")
    deleting = run_schemathesis(server.url, token(), tmp_path, "--include-path", "/account")

    for run in (everything_else, deleting):
        assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
        assert re.search(r"\d+ generated, \d+ passed", run.stdout), run.stdout[-2000:]
    assert "Tested: 23" in everything_else.stdout and "Tested: 1" in deleting.stdout
