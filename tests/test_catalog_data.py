"""The shipped data: every file valid, every schema documented and strict, the content as the brief asks."""

import json

import pytest

from pwa import PROJECT_ROOT
from pwa.catalog import inspect_catalog

ROUTINES_DIR = PROJECT_ROOT / "routines"

DATA_FILES = sorted(ROUTINES_DIR.rglob("*.json"))
SCHEMA_FILES = sorted((ROUTINES_DIR / "schema").glob("*.json"))

EXERCISE_IDS = {
    "pelvic-tilt",
    "flat-back-press",
    "knee-to-chest",
    "double-knee-to-chest",
    "bridge",
    "cat-cow",
    "childs-pose",
    "hamstring-stretch",
    "hip-flexor-stretch",
    "side-leg-raise",
    "curl-up",
}
ROUTINE_IDS = {"back-basics", "acute-relief", "morning-mobility", "daily-strength", "desk-break"}
TWO_SIDED = {"knee-to-chest", "hamstring-stretch", "hip-flexor-stretch", "side-leg-raise"}


@pytest.fixture(scope="module")
def inspection():
    return inspect_catalog(ROUTINES_DIR)


@pytest.fixture(scope="module")
def catalog(inspection):
    catalog, faults = inspection
    assert faults == []
    return catalog


@pytest.mark.parametrize("file", DATA_FILES, ids=lambda file: str(file.relative_to(ROUTINES_DIR)))
def test_data_file_has_no_faults(inspection, file):
    _, faults = inspection
    assert [str(fault) for fault in faults if fault.file == str(file)] == []


def walk_object_schemas(node, path="$"):
    """Yield (path, schema) for every sub-schema that declares properties."""
    if isinstance(node, dict):
        if "properties" in node and node.get("type") == "object":
            yield path, node
        for key, value in node.items():
            yield from walk_object_schemas(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_object_schemas(value, f"{path}[{index}]")


@pytest.mark.parametrize("schema_file", SCHEMA_FILES, ids=lambda file: file.name)
def test_schema_is_strict_and_documents_every_property(schema_file):
    schema = json.loads(schema_file.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    objects = list(walk_object_schemas(schema))
    assert objects
    for path, node in objects:
        assert node.get("additionalProperties") is False, f"{path} allows unknown properties"
        assert node.get("required"), f"{path} has no required list"
        for name, prop in node["properties"].items():
            assert prop.get("description"), f"{path}.properties.{name} has no description"


def test_catalog_has_the_exercises_and_routines_of_the_brief(catalog):
    assert set(catalog.exercises) == EXERCISE_IDS
    assert set(catalog.routines) == ROUTINE_IDS


def test_back_basics_is_exactly_the_daily_four(catalog):
    items = catalog.routines["back-basics"]["items"]
    assert [item["exercise"] for item in items] == ["bridge", "cat-cow", "pelvic-tilt", "knee-to-chest"]


def test_exactly_the_one_side_at_a_time_exercises_are_two_sided(catalog):
    assert {key for key, exercise in catalog.exercises.items() if exercise["two_sided"]} == TWO_SIDED


def test_every_exercise_cites_a_seed_and_has_easier_and_harder_variants(catalog):
    for exercise_id, exercise in catalog.exercises.items():
        kinds = {catalog.sources[source]["kind"] for source in exercise["sources"]}
        assert "seed" in kinds, exercise_id
        variant_kinds = {variant["kind"] for variant in exercise["variants"]}
        assert {"easier", "harder"} <= variant_kinds, exercise_id


def test_desk_break_uses_only_marked_seated_or_standing_adaptations(catalog):
    for item in catalog.routines["desk-break"]["items"]:
        variants = {variant["id"]: variant for variant in catalog.exercises[item["exercise"]]["variants"]}
        assert item["variant"] in {"seated", "standing"}
        assert variants[item["variant"]]["kind"] == "adaptation"


def test_safety_screen_has_the_questions_of_the_brief(catalog):
    safety = catalog.safety
    assert (len(safety["emergency_questions"]), len(safety["urgent_questions"]), len(safety["banner_questions"])) == (6, 8, 3)
    assert safety["recheck_days"] == 14
    assert safety["pain_guard"]["rise"] == 2
    assert safety["pain_guard"]["gentler_routine"] == "acute-relief"


def test_emergency_numbers_are_offered_by_region_never_as_one_default(catalog):
    numbers = catalog.safety["emergency_numbers"]
    assert {"112", "911", "999", "000"} <= set(numbers.values())
    assert (numbers["US"], numbers["GB"], numbers["AU"], numbers["DE"]) == ("911", "999", "000", "112")
    assert "your local emergency number" in " ".join(catalog.safety["advice"]["emergency"]["body"])


def test_heat_and_cold_limits_follow_the_brief(catalog):
    heat_cold = catalog.safety["heat_cold"]
    assert heat_cold["heat"] == {"default_minutes": 15, "max_minutes": 20}
    assert heat_cold["cold"] == {"default_minutes": 15, "max_minutes": 20, "skin_check_minutes": [5, 10], "rest_minutes": 90}
    assert heat_cold["alternate"] == {"heat_minutes": 20, "cold_minutes": 20, "max_per_day": 3}
