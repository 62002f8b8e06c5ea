"""The shipped data: every file valid, every schema documented and strict, the content as the brief asks."""

import json

import pytest

from pwa import PROJECT_ROOT
from pwa.catalog import inspect_catalog
from pwa.catalog.plan import THRESHOLDS

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
    "prone-on-elbows",
    "knee-rolls",
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


def test_every_exercise_cites_a_primary_reference_and_has_easier_and_harder_variants(catalog):
    for exercise_id, exercise in catalog.exercises.items():
        kinds = {catalog.sources[source]["kind"] for source in exercise["sources"]}
        assert "reference" in kinds, exercise_id
        variant_kinds = {variant["kind"] for variant in exercise["variants"]}
        assert {"easier", "harder"} <= variant_kinds, exercise_id


def test_desk_break_uses_only_marked_seated_or_standing_adaptations(catalog):
    for item in catalog.routines["desk-break"]["items"]:
        variants = {variant["id"]: variant for variant in catalog.exercises[item["exercise"]]["variants"]}
        assert item["variant"] in {"seated", "standing"}
        assert variants[item["variant"]]["kind"] == "adaptation"


def test_safety_screen_has_the_questions_of_the_brief_and_the_review(catalog):
    safety = catalog.safety
    ids = {group: [question["id"] for question in safety[f"{group}_questions"]] for group in ("emergency", "urgent", "banner")}
    # The brief's questions, and the clinical review's (issue 13, point 1) at the level it names.
    assert {"saddle-numbness", "bladder-bowel", "leg-weakness", "genital-feeling", "serious-injury", "chest-pain", "tummy-and-back", "leg-giving-way", "wiping-feeling"} == set(ids["emergency"])
    assert {"one-leg-numb", "kidney", "spine-procedure", "fever", "weight-loss", "cancer", "night-pain", "back-shape", "cough-pain", "upper-back", "osteoporosis"} <= set(ids["urgent"])
    assert {"bone-health", "morning-stiffness", "pregnancy", "first-episode-age", "sciatica-weeks", "no-improvement"} == set(ids["banner"])
    assert safety["recheck_days"] == 14
    assert safety["pain_guard"]["rise"] == 2
    assert safety["pain_guard"]["gentler_routine"] == "acute-relief"


def question_text(safety, question_id):
    (text,) = [question["text"] for group in ("emergency", "urgent", "banner") for question in safety[f"{group}_questions"] if question["id"] == question_id]
    return text


def test_questions_say_what_the_nhs_means_not_something_broader(catalog):
    """Issue 13, point 8: ambiguous or too broad questions invite a wrong yes or a wrong "I have been seen"."""
    safety = catalog.safety
    assert "strain to poo" in question_text(safety, "cough-pain")
    assert "shoulder blades" not in question_text(safety, "cough-pain")
    assert "shoulder blades" in question_text(safety, "upper-back")
    assert question_text(safety, "fever") == "A high temperature, or feeling hot and shivery?"
    assert "generally unwell" not in question_text(safety, "fever")
    assert "much worse at night" in question_text(safety, "night-pain")
    infection = question_text(safety, "infection-risk")
    assert "a doctor did not prescribe" in infection and "antibiotics" in infection
    assert "recent infection" not in infection


def test_the_cauda_equina_signs_are_called_emergencies_in_every_routine(catalog):
    """Issue 13, point 2: those signs are an emergency, never "urgent"."""
    for routine_id, routine in catalog.routines.items():
        (line,) = [line for line in routine["when_not_to_use"] if "genitals" in line]
        assert "emergency help now" in line, routine_id
        assert "urgent" not in line.lower(), routine_id


def test_emergency_numbers_name_their_country_and_come_from_the_time_zone(catalog):
    numbers = catalog.safety["emergency_services"]
    zones = catalog.safety["time_zones"]
    assert (numbers["GB"]["country"], numbers["GB"]["number"]) == ("the United Kingdom", "999")
    assert (numbers["NO"]["country"], numbers["NO"]["number"]) == ("Norway", "113")
    assert (numbers["US"]["number"], numbers["AU"]["number"], numbers["DE"]["number"]) == ("911", "000", "112")
    assert zones["Europe/London"] == ["GB"] and zones["Europe/Oslo"] == ["NO"] and zones["America/New_York"] == ["US"]
    assert "your local emergency number" in " ".join(catalog.safety["advice"]["emergency"]["body"])


def test_heat_and_cold_limits_follow_the_brief(catalog):
    heat_cold = catalog.safety["heat_cold"]
    assert heat_cold["heat"] == {"default_minutes": 15, "max_minutes": 20, "skin_check_minutes": [5, 10]}
    assert heat_cold["cold"] == {"default_minutes": 15, "max_minutes": 20, "skin_check_minutes": [5, 10], "rest_minutes": 90}
    assert heat_cold["alternate"] == {"heat_minutes": 20, "cold_minutes": 20, "max_per_day": 3}


def test_heat_and_cold_warn_of_the_review_s_burns_and_raynauds(catalog):
    warnings = " ".join(catalog.safety["heat_cold"]["warnings"])
    for words in ("lie or sit on a heat pack", "heat rub", "never boiling water", "Raynaud's"):
        assert words in warnings


def test_the_warning_signs_and_the_scope_are_data_with_primary_sources(catalog):
    safety = catalog.safety
    groups = {group["level"]: group for group in safety["warning_signs"]["groups"]}
    assert set(groups) == {"emergency", "urgent", "pregnancy"}
    emergency = " ".join(groups["emergency"]["signs"])
    for words in ("genitals", "peeing", "a leg giving way", "tummy or lower back", "Chest pain"):
        assert words in emergency
    scope = " ".join(safety["scope"]["body"])
    for words in ("not a diagnosis", "adults", "pregnant", "hip replacement", "operation"):
        assert words in scope
    assert safety["pain_guard"]["high_before"]["at"] == 7


def test_the_pain_guard_never_says_rest(catalog):
    guard = catalog.safety["pain_guard"]
    for advice in (guard["advice"], guard["after_gentler"], guard["high_before"]["advice"]):
        assert "rest today" not in " ".join(advice["body"])
    assert "keep moving" in " ".join(guard["advice"]["body"])


def test_acute_relief_bends_back_and_turns_too(catalog):
    """Issue 13, point 9: a gentle extension and knee rolls, each with its own stop signs."""
    items = [item["exercise"] for item in catalog.routines["acute-relief"]["items"]]
    assert {"prone-on-elbows", "knee-rolls"} <= set(items)
    assert items.index("knee-rolls") < items.index("prone-on-elbows") < items.index("childs-pose")
    for exercise_id in ("prone-on-elbows", "knee-rolls"):
        exercise = catalog.exercises[exercise_id]
        assert any("leg" in sign for sign in exercise["stop_if"]), exercise_id
        assert {"NHS-LBP", "NHSi"} <= set(exercise["sources"]), exercise_id
    assert catalog.exercises["prone-on-elbows"]["illustration"] == "prone-on-elbows.svg"
    assert catalog.exercises["knee-rolls"]["illustration"] == "knee-rolls.svg"


def test_the_bridge_holds_as_long_as_its_steps_say(catalog):
    bridge = catalog.exercises["bridge"]
    assert bridge["default_dose"]["hold_seconds"] == 5
    assert "Hold for about 5 seconds" in " ".join(bridge["steps"])
    assert "three slow breaths" not in json_text(bridge)
    labels = {reason["id"]: reason for reason in catalog.safety["stop_reasons"]}
    assert labels["legs-giving-way"] == {"id": "legs-giving-way", "label": "Sudden weakness in both legs, or a leg giving way", "level": "emergency"}
    assert "weak legs" not in json_text(catalog.safety["stop_reasons"])


def test_curl_up_cautions_osteoporosis_and_steroids(catalog):
    assert any("osteoporosis" in sign and "steroid" in sign for sign in catalog.exercises["curl-up"]["stop_if"])


def test_no_seed_article_is_the_source_of_any_guide_or_safety_claim(catalog):
    """Issue 13, point 10: every statement a person reads as advice rests on primary sources."""
    seeds = {source_id for source_id, source in catalog.sources.items() if source["kind"] == "seed"}
    cited = [(page["id"], source) for page in catalog.guide["pages"] for claim in page["claims"] for source in claim["sources"]]
    cited += [("safety", source) for source in json_sources(catalog.safety)]
    assert [entry for entry in cited if entry[1] in seeds] == []


def test_the_guide_says_what_a_physiotherapist_would_add(catalog):
    """Issue 13, point 14: improvement, getting up and down, sleeping, pain relief, work."""
    pages = {page["id"]: page for page in catalog.guide["pages"]}
    words = " ".join(claim["text"] for claim in pages["getting-better"]["claims"])
    for phrase in ("starts to ease within 2 weeks and settles within about 6", "4 to 6 weeks", "roll onto your side", "pillow between your knees", "pharmacist", "work"):
        assert phrase in words
    guide = json_text(catalog.guide)
    assert "deep tummy" not in guide and "Gentle exercises and stretches help" not in guide
    assert "NICE" not in {source for claim in pages["when-to-see-a-clinician"]["claims"] for source in claim["sources"]}


def json_text(document):
    return json.dumps(document, ensure_ascii=False)


def json_sources(node):
    """Every id under a "sources" key anywhere in a document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources":
                yield from value
            else:
                yield from json_sources(value)
    elif isinstance(node, list):
        for value in node:
            yield from json_sources(value)


def test_every_plan_threshold_cites_the_rule_behind_it(catalog):
    """Review M2: each number of the daily plan cites one of Unknot's own rules, with its
    rationale; a public reference only where it states the number (the pain rise, low pain after)."""
    references = {}
    for section, names in THRESHOLDS.items():
        for name in names:
            cited = [catalog.sources[source_id] for source_id in catalog.plan[section][name]["sources"]]
            assert [source["kind"] for source in cited if source["kind"] == "rule"], f"{section}.{name}"
            references[f"{section}.{name}"] = {source["id"] for source in cited if source["kind"] == "reference"}
    # None of the NHS pages the review read states any of these numbers: only these two papers do.
    assert {name: cited for name, cited in references.items() if cited} == {"step_down.pain_rise": {"OSTELO-MIC"}, "step_up.max_pain_after": {"SILBERNAGEL-PMM"}}
