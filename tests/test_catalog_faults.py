"""Deliberately broken catalogs: each fault is reported with its file and JSON path."""

import json
import shutil

import pytest

from pwa.catalog import inspect_catalog


def set_value(relative, dotted, value):
    """A mutation that sets `dotted` (such as `items.0.sets`) in one JSON file."""

    def mutate(directory):
        file = directory / relative
        document = json.loads(file.read_text())
        *parents, last = dotted.split(".")
        node = document
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
        file.write_text(json.dumps(document))

    return mutate


def delete_key(relative, key):
    def mutate(directory):
        file = directory / relative
        document = json.loads(file.read_text())
        del document[key]
        file.write_text(json.dumps(document))

    return mutate


def delete_key_at(relative, dotted, key):
    """A mutation that deletes `key` from the object at `dotted` in one JSON file."""

    def mutate(directory):
        file = directory / relative
        document = json.loads(file.read_text())
        node = document
        for part in dotted.split("."):
            node = node[part]
        del node[key]
        file.write_text(json.dumps(document))

    return mutate


def replace_text(relative, old, new):
    def mutate(directory):
        file = directory / relative
        file.write_text(file.read_text().replace(old, new, 1))

    return mutate


def copy_file(relative, new_name):
    def mutate(directory):
        source = directory / relative
        shutil.copy(source, source.with_name(new_name))

    return mutate


def apply_all(*mutations):
    def mutate(directory):
        for mutation in mutations:
            mutation(directory)

    return mutate


BRIDGE = "exercises/bridge.json"
BASICS = "routines/back-basics.json"
SAFETY = "safety.json"
GUIDE = "guide.json"
POSTURES = "postures.json"
CAT_COW = "exercises/cat-cow.json"
PLAN = "plan.json"


def drop_posture(posture_id):
    """A mutation that takes one posture out of postures.json."""

    def mutate(directory):
        file = directory / POSTURES
        document = json.loads(file.read_text())
        document["postures"] = [posture for posture in document["postures"] if posture["id"] != posture_id]
        file.write_text(json.dumps(document))

    return mutate


def change_source(source_id, key, value=None):
    """A mutation that sets (or, with None, removes) one key of one entry of sources.json."""

    def mutate(directory):
        file = directory / SOURCES
        document = json.loads(file.read_text())
        source = next(source for source in document["sources"] if source["id"] == source_id)
        if value is None:
            del source[key]
        else:
            source[key] = value
        file.write_text(json.dumps(document))

    return mutate


SOURCES = "sources.json"
NHSI = "$.sources[6]"  # NHS inform's exercises page, the seventh entry of sources.json

# (case id, mutation, file with the fault, JSON path, words of the message)
BROKEN = [
    ("missing-required-property", delete_key(BRIDGE, "purpose"), BRIDGE, "$", "'purpose' is a required property"),
    ("unknown-property", set_value(BRIDGE, "colour", "red"), BRIDGE, "$", "'colour' was unexpected"),
    ("wrong-type", set_value(BRIDGE, "two_sided", "yes"), BRIDGE, "$.two_sided", "is not of type 'boolean'"),
    ("empty-steps", set_value(BRIDGE, "steps", []), BRIDGE, "$.steps", "should be non-empty"),
    ("blank-padded-name", set_value(BRIDGE, "name", " Bridge"), BRIDGE, "$.name", "does not match"),
    ("no-harder-variant", set_value(BRIDGE, "variants", [{"id": "easier", "kind": "easier", "name": "Small lift", "instructions": "Lift a little."}]), BRIDGE, "$.variants", "does not contain"),
    ("adaptation-without-steps", set_value(BRIDGE, "variants.1.kind", "adaptation"), BRIDGE, "$.variants[1]", "'steps' is a required property"),
    ("zero-sets", set_value(BASICS, "items.0.sets", 0), BASICS, "$.items[0].sets", "less than the minimum of 1"),
    ("hold-with-a-tempo", set_value(BASICS, "items.0.rep_seconds", 3), BASICS, "$.items[0].rep_seconds", "0 was expected"),
    ("moving-rep-without-tempo", set_value(BASICS, "items.1.rep_seconds", 0), BASICS, "$.items[1].rep_seconds", "less than the minimum of 1"),
    ("switch-pause-on-one-side", set_value(BASICS, "items.0.switch_sides_seconds", 5), BASICS, "$.items[0].switch_sides_seconds", "0 was expected"),
    ("typed-duration", set_value(BASICS, "duration_minutes", 7), BASICS, "$", "'duration_minutes' was unexpected"),
    ("unknown-exercise", set_value(BASICS, "items.2.exercise", "plank"), BASICS, "$.items[2].exercise", "unknown exercise 'plank'"),
    ("unknown-variant", set_value(BASICS, "items.0.variant", "seated"), BASICS, "$.items[0].variant", "exercise 'bridge' has no variant 'seated'"),
    (
        "per-side-on-a-one-sided-exercise",
        apply_all(set_value(BASICS, "items.0.per_side", True), set_value(BASICS, "items.0.switch_sides_seconds", 5)),
        BASICS,
        "$.items[0].per_side",
        "exercise 'bridge' is one-sided",
    ),
    (
        "one-side-only-on-a-two-sided-exercise",
        apply_all(set_value(BASICS, "items.3.per_side", False), set_value(BASICS, "items.3.switch_sides_seconds", 0)),
        BASICS,
        "$.items[3].per_side",
        "exercise 'knee-to-chest' is two-sided",
    ),
    ("rest-after-the-last-item", set_value(BASICS, "items.3.rest_after_seconds", 10), BASICS, "$.items[3].rest_after_seconds", "last item"),
    ("unknown-source", set_value(BRIDGE, "sources", ["MAYO", "NOPE"]), BRIDGE, "$.sources[1]", "unknown source 'NOPE'"),
    ("duplicate-source-id", set_value("sources.json", "sources.1.id", "S0"), "sources.json", "$.sources[1].id", "duplicate source id 'S0'"),
    ("source-home-page", change_source("NHSi", "url", "https://www.nhsinform.scot/"), SOURCES, f"{NHSI}.url", "'NHSi' links only to a home page (https://www.nhsinform.scot/)"),
    ("source-home-page-no-slash", change_source("NHSi", "url", "https://www.nhsinform.scot"), SOURCES, f"{NHSI}.url", "'NHSi' links only to a home page"),
    ("reference-without-a-link", change_source("NHSi", "url"), SOURCES, NHSI, "'url' is a required property"),
    ("reference-neither-checked-nor-to-verify", change_source("NHSi", "to_verify"), SOURCES, NHSI, "is not valid under any of the given schemas"),
    ("reference-both-checked-and-to-verify", change_source("NHSi", "checked", "2026-12-07"), SOURCES, NHSI, "is valid under each of"),
    ("reference-checked-not-a-date", apply_all(change_source("NHSi", "to_verify"), change_source("NHSi", "checked", "last week")), SOURCES, f"{NHSI}.checked", "does not match"),
    ("rule-marked-checked", change_source("Unknot-Transfers", "checked", "2026-12-07"), SOURCES, "$.sources[20]", "should not be valid under"),
    ("seed-as-an-exercise-source", set_value(BRIDGE, "sources", ["MAYO", "S2"]), BRIDGE, "$.sources[1]", "'S2' is a seed article"),
    ("seed-as-a-routine-source", set_value(BASICS, "sources", ["S3"]), BASICS, "$.sources[0]", "'S3' is a seed article"),
    ("seed-as-a-guide-source", set_value(GUIDE, "pages.0.claims.0.sources", ["S0"]), GUIDE, "$.pages[0].claims[0].sources[0]", "'S0' is a seed article"),
    ("seed-as-a-posture-source", set_value(POSTURES, "postures.0.sources", ["S1"]), POSTURES, "$.postures[0].sources[0]", "'S1' is a seed article"),
    ("seed-as-a-safety-source", set_value(SAFETY, "advice.clear.sources", ["NHS-BP", "S4"]), SAFETY, "$.advice.clear.sources[1]", "'S4' is a seed article"),
    ("seed-as-a-plan-source", set_value(PLAN, "desk_break.sources", ["S4"]), PLAN, "$.desk_break.sources[0]", "'S4' is a seed article"),
    ("reference-as-provenance", set_value(BRIDGE, "provenance", ["S2", "MAYO"]), BRIDGE, "$.provenance[1]", "'MAYO' is a reference, not a seed article"),
    ("unknown-provenance", set_value(BASICS, "provenance", ["S9"]), BASICS, "$.provenance[0]", "unknown source 'S9'"),
    ("duplicate-variant-id", set_value(BRIDGE, "variants.1.id", "easier"), BRIDGE, "$.variants[1].id", "duplicate variant id 'easier'"),
    ("duplicate-json-key", replace_text(BRIDGE, '"name": "Bridge",', '"name": "Bridge", "name": "Hip lift",'), BRIDGE, "$", "duplicate key 'name'"),
    ("invalid-json", replace_text(BRIDGE, "{", "{,"), BRIDGE, "$", "not valid JSON"),
    ("file-name-not-an-id", copy_file(BRIDGE, "bridge_2.json"), "exercises/bridge_2.json", "$", "is not an id"),
    ("duplicate-id-by-case", copy_file(BRIDGE, "Bridge.json"), "exercises/bridge.json", "$", "duplicate id 'bridge'"),
    ("broken-schema", set_value("schema/routine.schema.json", "type", "record"), "schema/routine.schema.json", "$.type", "not a valid JSON Schema"),
    ("missing-sources-file", lambda directory: (directory / "sources.json").unlink(), "sources.json", "$", "file is missing"),
    ("safety-unknown-gentler-routine", set_value(SAFETY, "pain_guard.gentler_routine", "yoga"), SAFETY, "$.pain_guard.gentler_routine", "unknown routine 'yoga'"),
    ("safety-duplicate-question-id", set_value(SAFETY, "urgent_questions.0.id", "chest-pain"), SAFETY, "$.urgent_questions[0].id", "duplicate id 'chest-pain'"),
    ("safety-unknown-advice-source", set_value(SAFETY, "advice.emergency.sources", ["BLOG"]), SAFETY, "$.advice.emergency.sources[0]", "unknown source 'BLOG'"),
    ("safety-default-over-cap", set_value(SAFETY, "heat_cold.cold.default_minutes", 25), SAFETY, "$.heat_cold.cold.default_minutes", "is longer than max_minutes"),
    ("safety-skin-check-after-cap", set_value(SAFETY, "heat_cold.cold.skin_check_minutes", [5, 20]), SAFETY, "$.heat_cold.cold.skin_check_minutes[1]", "at or after the cap"),
    (
        "safety-no-emergency-stop-reason",
        set_value(SAFETY, "stop_reasons", [{"id": "sharp", "label": "Sharp pain", "level": "exercise"}, {"id": "dizzy", "label": "Dizziness", "level": "exercise"}]),
        SAFETY,
        "$.stop_reasons",
        "does not contain",
    ),
    ("safety-heat-skin-check-after-cap", set_value(SAFETY, "heat_cold.heat.skin_check_minutes", [5, 25]), SAFETY, "$.heat_cold.heat.skin_check_minutes[1]", "at or after the cap"),
    ("safety-bad-emergency-number", set_value(SAFETY, "emergency_services.GB.number", "call 999"), SAFETY, "$.emergency_services.GB.number", "does not match"),
    ("safety-number-without-its-country", delete_key_at(SAFETY, "emergency_services.NO", "country"), SAFETY, "$.emergency_services.NO", "'country' is a required property"),
    ("safety-lower-case-region", set_value(SAFETY, "emergency_services.gb", {"country": "the United Kingdom", "number": "999"}), SAFETY, "$.emergency_services", "does not match"),
    ("safety-time-zone-of-an-unknown-country", set_value(SAFETY, "time_zones.America/Sao_Paulo", ["BR"]), SAFETY, "$.time_zones['America/Sao_Paulo'][0]", "country 'BR' has no emergency number"),
    ("safety-number-no-time-zone-reaches", set_value(SAFETY, "emergency_services.JP", {"country": "Japan", "number": "119", "to_verify": True}), SAFETY, "$.emergency_services.JP", "no time zone"),
    (
        "safety-number-without-a-source",
        set_value(SAFETY, "emergency_services.GB", {"country": "the United Kingdom", "number": "999"}),
        SAFETY,
        "$.emergency_services.GB",
        "is not valid under any of the given schemas",
    ),
    ("safety-number-unknown-source", set_value(SAFETY, "emergency_services.GB.source", "BLOG"), SAFETY, "$.emergency_services.GB.source", "unknown source 'BLOG'"),
    (
        "safety-banner-answer-without-advice",
        set_value(SAFETY, "banner_questions.0", {"id": "first-episode-age", "text": "First back pain?"}),
        SAFETY,
        "$.banner_questions[0]",
        "'advice' is a required property",
    ),
    (
        "safety-own-advice-on-an-emergency-stop",
        set_value(SAFETY, "stop_reasons.8", {"id": "chest-pain", "label": "Chest pain", "level": "emergency", "advice": "dizziness"}),
        SAFETY,
        "$.stop_reasons[8].level",
        "'exercise' was expected",
    ),
    ("safety-unknown-warning-signs-source", set_value(SAFETY, "warning_signs.sources", ["NHS-BP", "BLOG"]), SAFETY, "$.warning_signs.sources[1]", "unknown source 'BLOG'"),
    ("safety-warning-signs-without-urgent", set_value(SAFETY, "warning_signs.groups.1.level", "emergency"), SAFETY, "$.warning_signs.groups", "does not contain"),
    ("safety-unknown-scope-source", set_value(SAFETY, "scope.sources", ["FORUM"]), SAFETY, "$.scope.sources[0]", "unknown source 'FORUM'"),
    ("safety-high-pain-out-of-range", set_value(SAFETY, "pain_guard.high_before.at", 11), SAFETY, "$.pain_guard.high_before.at", "greater than the maximum of 10"),
    ("safety-unknown-after-gentler-source", set_value(SAFETY, "pain_guard.after_gentler.sources", ["BLOG"]), SAFETY, "$.pain_guard.after_gentler.sources[0]", "unknown source 'BLOG'"),
    ("guide-claim-without-sources", set_value(GUIDE, "pages.0.claims.0.sources", []), GUIDE, "$.pages[0].claims[0].sources", "should be non-empty"),
    ("unknown-posture", set_value(BRIDGE, "posture", "hanging"), BRIDGE, "$.posture", "is not one of"),
    ("adaptation-without-posture", replace_text(CAT_COW, ',\n      "posture": "sitting"', ""), CAT_COW, "$.variants[2]", "'posture' is a required property"),
    ("posture-not-described", drop_posture("all-fours"), CAT_COW, "$.posture", "posture 'all-fours' is not in postures.json"),
    ("duplicate-posture", set_value(POSTURES, "postures.1.id", "lying-on-back"), POSTURES, "$.postures[1].id", "duplicate posture 'lying-on-back'"),
    ("posture-unknown-source", set_value(POSTURES, "postures.0.sources", ["BLOG"]), POSTURES, "$.postures[0].sources[0]", "unknown source 'BLOG'"),
    ("posture-without-steps", set_value(POSTURES, "postures.0.get_into", []), POSTURES, "$.postures[0].get_into", "should be non-empty"),
    ("guide-unknown-source", set_value(GUIDE, "pages.1.claims.0.sources", ["WIKI"]), GUIDE, "$.pages[1].claims[0].sources[0]", "unknown source 'WIKI'"),
    ("missing-plan-file", lambda directory: (directory / PLAN).unlink(), PLAN, "$", "file is missing"),
    ("plan-unknown-routine-level", set_value(PLAN, "levels.2", "power-yoga"), PLAN, "$.levels[2]", "unknown routine 'power-yoga'"),
    ("plan-unknown-desk-break-routine", set_value(PLAN, "desk_break.routine", "standing-desk"), PLAN, "$.desk_break.routine", "unknown routine 'standing-desk'"),
    ("plan-unknown-between-routine", set_value(PLAN, "strength_days.between_routine", "nap"), PLAN, "$.strength_days.between_routine", "unknown routine 'nap'"),
    ("plan-answer-level-out-of-range", set_value(PLAN, "check_in.answers.2.level", 3), PLAN, "$.check_in.answers[2].level", "level 3 is not in levels"),
    ("plan-duplicate-answer", set_value(PLAN, "check_in.answers.1.id", "bad"), PLAN, "$.check_in.answers[1].id", "duplicate answer id 'bad'"),
    ("plan-threshold-without-source", set_value(PLAN, "step_up.max_pain_after.sources", []), PLAN, "$.step_up.max_pain_after.sources", "should be non-empty"),
    ("plan-threshold-unknown-source", set_value(PLAN, "step_down.pain_rise.sources", ["NHS-BP", "BLOG"]), PLAN, "$.step_down.pain_rise.sources[1]", "unknown source 'BLOG'"),
    ("plan-bare-threshold", set_value(PLAN, "step_up.finished_sessions", 3), PLAN, "$.step_up.finished_sessions", "is not of type 'object'"),
    ("plan-zero-sessions-to-step-up", set_value(PLAN, "step_up.finished_sessions.value", 0), PLAN, "$.step_up.finished_sessions.value", "less than the minimum of 1"),
    ("plan-desk-break-unknown-answer", set_value(PLAN, "desk_break.not_on_answers", ["awful"]), PLAN, "$.desk_break.not_on_answers[0]", "unknown answer 'awful'"),
    ("plan-unknown-property", set_value(PLAN, "step_up.after_days", 7), PLAN, "$.step_up", "'after_days' was unexpected"),
    ("plan-one-step-unknown-source", set_value(PLAN, "one_step.clear_sessions.sources", ["BLOG"]), PLAN, "$.one_step.clear_sessions.sources[0]", "unknown source 'BLOG'"),
]


@pytest.mark.parametrize(("mutation", "file", "path", "words"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_broken_file_is_reported_with_file_and_path(catalog_copy, mutation, file, path, words):
    mutation(catalog_copy)
    catalog, faults = inspect_catalog(catalog_copy)
    assert catalog is None
    located = [fault for fault in faults if fault.file == str(catalog_copy / file) and fault.path == path]
    assert any(words in fault.message for fault in located), [str(fault) for fault in faults]


def test_every_fault_is_reported_not_just_the_first(catalog_copy):
    set_value(BRIDGE, "two_sided", "yes")(catalog_copy)
    set_value(BASICS, "items.0.sets", 0)(catalog_copy)
    set_value(BASICS, "items.1.reps", 0)(catalog_copy)
    _, faults = inspect_catalog(catalog_copy)
    assert {(fault.file.removeprefix(str(catalog_copy) + "/"), fault.path) for fault in faults} == {
        (BRIDGE, "$.two_sided"),
        (BASICS, "$.items[0].sets"),
        (BASICS, "$.items[1].reps"),
    }
