"""The read-only catalog API: payloads, caching headers, and the one JSON error shape."""

import json

import pytest

from pwa import create_app

CATALOG_URLS = [
    "/api/v1/exercises",
    "/api/v1/exercises/bridge",
    "/api/v1/routines",
    "/api/v1/routines/back-basics",
    "/api/v1/safety",
    "/api/v1/guide",
    "/api/v1/plan",
]


def test_exercise_list_has_every_exercise_with_sources_spelled_out(client):
    response = client.get("/api/v1/exercises")
    assert response.status_code == 200
    exercises = response.get_json()["exercises"]
    assert len(exercises) == 13
    bridge = next(exercise for exercise in exercises if exercise["id"] == "bridge")
    assert bridge["name"] == "Bridge"
    assert {"id": "MAYO", "kind": "reference"}.items() <= bridge["sources"][0].items()
    assert "$schema" not in bridge


def test_one_exercise(client):
    response = client.get("/api/v1/exercises/knee-to-chest")
    assert response.status_code == 200
    exercise = response.get_json()
    assert exercise["id"] == "knee-to-chest"
    assert exercise["two_sided"] is True
    assert exercise["steps"] and exercise["stop_if"] and exercise["form_cues"]


def test_routine_list_summarises_the_five_routines_with_computed_durations(client):
    routines = client.get("/api/v1/routines").get_json()["routines"]
    assert {routine["id"] for routine in routines} == {
        "back-basics",
        "acute-relief",
        "morning-mobility",
        "daily-strength",
        "desk-break",
    }
    for routine in routines:
        assert routine["duration_seconds"] > 60
        assert abs(routine["duration_minutes"] * 60 - routine["duration_seconds"]) <= 30
        assert "items" not in routine


def test_routine_items_carry_resolved_exercises_and_add_up_to_the_duration(client):
    routine = client.get("/api/v1/routines/desk-break").get_json()
    assert routine["title"] == "Desk break"
    first = routine["items"][0]
    assert first["exercise"]["id"] == "pelvic-tilt"
    assert first["exercise"]["name"] == "Pelvic tilt"
    assert first["variant"]["kind"] == "adaptation"
    assert first["variant"]["steps"]
    assert first["variant"]["illustration_url"] == "/static/illustrations/pelvic-tilt-seated.svg"
    assert first["exercise"]["steps"] and first["exercise"]["stop_if"]
    assert "sources" not in first["exercise"]  # on /exercises/<id>; routines stay small
    total = routine["warm_up"]["seconds"] + sum(item["duration_seconds"] for item in routine["items"])
    assert routine["duration_seconds"] == total


def test_postures_are_spelled_out_with_how_to_get_into_them(client):
    routine = client.get("/api/v1/routines/desk-break").get_json()
    first = routine["items"][0]
    # The exercise lies on its back; the desk break's seated version sits on a chair.
    assert first["exercise"]["posture"]["id"] == "lying-on-back"
    assert first["variant"]["posture"]["name"] == "sitting on a chair"
    assert first["variant"]["posture"]["get_into"]
    cat_cow = client.get("/api/v1/exercises/cat-cow").get_json()
    assert cat_cow["posture"]["name"] == "on all fours"
    assert {source["id"] for source in cat_cow["posture"]["sources"]} == {"Unknot-Transfers"}


def test_routine_without_a_variant_says_so(client):
    routine = client.get("/api/v1/routines/back-basics").get_json()
    assert [item["variant"] for item in routine["items"]] == [None, None, None, None]
    assert routine["warm_up"] is None


@pytest.mark.parametrize("url", CATALOG_URLS)
def test_catalog_responses_have_a_strong_etag_and_cache_control(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.content_type == "application/json"
    etag, weak = response.get_etag()
    assert etag and not weak
    assert response.cache_control.public
    assert response.cache_control.max_age == 300


@pytest.mark.parametrize("url", CATALOG_URLS)
def test_a_matching_if_none_match_answers_304_with_no_body(client, url):
    etag = client.get(url).headers["ETag"]
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""
    assert response.headers["ETag"] == etag


def test_a_stale_etag_gets_the_full_document(client):
    response = client.get("/api/v1/routines", headers={"If-None-Match": '"not-the-current-one"'})
    assert response.status_code == 200
    assert response.get_json()["routines"]


@pytest.mark.parametrize(
    ("url", "words"),
    [("/api/v1/exercises/plank", "No exercise has the id 'plank'."), ("/api/v1/routines/yoga", "No routine has the id 'yoga'.")],
)
def test_unknown_ids_are_a_json_404(client, url, words):
    response = client.get(url)
    assert response.status_code == 404
    assert response.get_json() == {"error": {"status": 404, "message": words}}


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


def test_wrong_method_is_a_json_405_that_names_the_allowed_ones(client):
    response = client.post("/api/v1/routines")
    assert response.status_code == 405
    assert response.get_json()["error"]["status"] == 405
    assert "GET" in response.headers["Allow"]


def test_an_unexpected_exception_is_a_json_500_that_hides_its_details():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "PROPAGATE_EXCEPTIONS": False})

    def explode():
        raise RuntimeError("secret internals")

    app.add_url_rule("/api/v1/explode", view_func=explode)
    response = app.test_client().get("/api/v1/explode")
    assert response.status_code == 500
    body = response.get_json()
    assert body["error"]["status"] == 500
    assert "secret" not in json.dumps(body)


def test_pages_outside_the_api_keep_html_errors(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.content_type.startswith("text/html")


def test_documents_are_built_once_at_start_up(catalog_copy):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "ROUTINES_DIR": str(catalog_copy)})
    client = app.test_client()
    before = client.get("/api/v1/exercises/bridge", buffered=True).data
    bridge_file = catalog_copy / "exercises" / "bridge.json"
    bridge_file.write_text(bridge_file.read_text().replace('"Bridge"', '"Changed on disk"'))
    assert client.get("/api/v1/exercises/bridge", buffered=True).data == before


def test_safety_content_is_served_with_sources_spelled_out(client):
    safety = client.get("/api/v1/safety").get_json()
    assert safety["emergency_questions"][0]["id"] == "saddle-numbness"
    assert safety["advice"]["emergency"]["sources"][0]["publisher"] == "NHS (UK)"
    assert {reason["level"] for reason in safety["stop_reasons"]} == {"emergency", "exercise"}
    for block in (safety["warning_signs"], safety["scope"], safety["pain_guard"]["after_gentler"], safety["pain_guard"]["high_before"]["advice"], safety["heat_cold"]):
        assert all(source["title"] and source["publisher"] for source in block["sources"])
    assert safety["time_zones"]["Europe/Oslo"] == ["NO"]
    assert "$schema" not in safety


def test_plan_is_served_with_every_threshold_sourced(client):
    plan = client.get("/api/v1/plan").get_json()
    assert "$schema" not in plan
    assert [answer["label"] for answer in plan["check_in"]["answers"]] == ["Bad: a spasm or a flare-up", "Sore but moving", "Mostly fine"]
    assert plan["levels"] == ["acute-relief", "back-basics", "daily-strength"]
    thresholds = [plan["step_down"]["pain_rise"], plan["step_up"]["finished_sessions"], plan["step_up"]["max_pain_after"], plan["strength_days"]["per_week"]]
    for threshold in thresholds:
        assert threshold["sources"] and all(source["title"] for source in threshold["sources"])


def test_safety_still_gives_installed_older_versions_their_numbers_as_text(client):
    safety = client.get("/api/v1/safety").get_json()
    assert safety["emergency_numbers"]["GB"] == "999"
    assert safety["emergency_numbers"]["NO"] == safety["emergency_services"]["NO"]["number"] == "113"
    assert set(safety["emergency_numbers"]) == set(safety["emergency_services"])


def test_guide_claims_carry_their_sources(client):
    pages = client.get("/api/v1/guide").get_json()["pages"]
    assert [page["id"] for page in pages] == ["what-is-a-back-spasm", "common-causes", "what-helps", "getting-better", "when-to-see-a-clinician"]
    assert all(claim["sources"] and claim["sources"][0]["title"] for page in pages for claim in page["claims"])
