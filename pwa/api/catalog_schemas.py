"""The catalog responses' schemas, made from the data schemas in `routines/schema/`.

The API serves each data file as the schema describes it, with what it resolves added: ids,
illustration URLs, durations, exercises inside routines, and sources spelled out where the
files name their ids. So the document describes the catalog by the very rules its files are
checked against, strictly (`additionalProperties: false` stays), and cannot drift from them.
"""

import copy
import json
from pathlib import Path

# The data schemas, by the kind of file they check.
DATA_SCHEMAS = ("exercise", "routine", "safety", "guide", "sources", "postures", "plan")


def component(kind, name):
    return f"catalog.{kind}.{name}"


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def rewrite_refs(node, kind):
    """Point `#/$defs/x` (and `other.schema.json#/$defs/x`) at the components they become."""
    if isinstance(node, list):
        return [rewrite_refs(item, kind) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: rewrite_refs(value, kind) for key, value in node.items() if key not in ("$schema", "$id")}
    target = node.get("$ref")
    if isinstance(target, str):
        file, _, pointer = target.partition("#")
        node["$ref"] = ref(component(file.removesuffix(".schema.json") or kind, pointer.removeprefix("/$defs/")))["$ref"]
    return node


def without_editor_hint(schema):
    """A document's schema without its `$schema` property, which the API drops."""
    schema = copy.deepcopy(schema)
    schema["properties"].pop("$schema", None)
    return schema


def with_properties(schema, required=(), **properties):
    schema = copy.deepcopy(schema)
    schema["properties"] |= properties
    schema["required"] = [*schema.get("required", []), *required]
    return schema


def without_properties(schema, *names):
    schema = copy.deepcopy(schema)
    for name in names:
        schema["properties"].pop(name, None)
    schema["required"] = [name for name in schema.get("required", []) if name not in names]
    return schema


def nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


def served_source(schema):
    """A source as the API may serve one: a reference or one of Unknot's rules, never a seed
    (seed articles are internal provenance, and the catalog's checks keep them out of every
    `sources` list)."""
    schema = copy.deepcopy(schema)
    schema["properties"].pop("seed_file")
    kind = schema["properties"]["kind"]
    kind["enum"] = [value for value in kind["enum"] if value != "seed"]
    kind["description"] = "reference for public clinical guidance or research (deep-linked); rule for a threshold or advice that Unknot's team chose, where no public source states it."
    schema["description"] = "A public clinical reference (with whether someone has read it against what is cited to it) or one of Unknot's own rules (with its rationale)."
    schema["allOf"] = [rule for rule in schema["allOf"] if rule["if"]["properties"]["kind"]["const"] != "seed"]
    return schema


ILLUSTRATION_URL = {"type": "string", "description": "Where the illustration is served.", "pattern": "^/static/illustrations/"}
WHOLE = {"type": "integer", "minimum": 0}


def response_schemas(schema_dir):
    """Every catalog response schema, with the data schemas' `$defs` they use, as components."""
    data = {kind: json.loads((Path(schema_dir) / f"{kind}.schema.json").read_text(encoding="utf-8")) for kind in DATA_SCHEMAS}
    components = {}
    for kind, schema in data.items():
        for name, definition in schema.get("$defs", {}).items():
            components[component(kind, name)] = rewrite_refs(definition, kind)
    top = {kind: without_editor_hint(rewrite_refs(schema, kind)) for kind, schema in data.items()}
    for schema in top.values():
        schema.pop("$defs", None)

    components["Source"] = served_source(components.pop(component("sources", "source")))
    # Wherever a file names its sources by id, the API spells them out.
    components[component("exercise", "source_ids")] = {
        "description": "The sources, spelled out.",
        "type": "array",
        "items": ref("Source"),
    }
    # Where a file names a posture by id, the API spells it out too.
    components["Posture"] = components.pop(component("postures", "posture"))
    components[component("exercise", "variant")] = with_properties(components[component("exercise", "variant")], illustration_url=ILLUSTRATION_URL, posture=ref("Posture"))

    # A document's provenance (the seed articles it grew from) is internal: never served.
    top["exercise"] = without_properties(top["exercise"], "provenance")
    top["routine"] = without_properties(top["routine"], "provenance")
    components["Exercise"] = with_properties(
        top["exercise"],
        required=["id", "illustration_url"],
        id=ref(component("exercise", "id")),
        illustration_url=ILLUSTRATION_URL,
        posture=ref("Posture"),
    )
    components["ExerciseList"] = {"type": "object", "additionalProperties": False, "required": ["exercises"], "properties": {"exercises": {"type": "array", "items": ref("Exercise")}}}
    components["ExerciseInRoutine"] = without_properties(components["Exercise"], "sources")

    summary = {
        "id": ref(component("exercise", "id")),
        "title": top["routine"]["properties"]["title"],
        "summary": top["routine"]["properties"]["summary"],
        "frequency": top["routine"]["properties"]["frequency"],
        "duration_seconds": {**WHOLE, "description": "How long the routine takes, computed from its doses."},
        "duration_minutes": {**WHOLE, "description": "The same, in whole minutes, rounded."},
        "exercise_count": WHOLE,
        "exercise_names": {"type": "array", "items": {"type": "string"}},
    }
    components["RoutineSummary"] = {"type": "object", "additionalProperties": False, "required": list(summary), "properties": summary}
    components["RoutineList"] = {"type": "object", "additionalProperties": False, "required": ["routines"], "properties": {"routines": {"type": "array", "items": ref("RoutineSummary")}}}
    item = component("routine", "item")
    components[item] = with_properties(
        components[item],
        required=["variant", "duration_seconds"],
        exercise=ref("ExerciseInRoutine"),
        variant=nullable(ref(component("exercise", "variant"))),
        duration_seconds={**WHOLE, "description": "How long this item takes, rests included."},
    )
    routine = with_properties(top["routine"], **summary)
    routine["properties"]["warm_up"] = nullable(routine["properties"]["warm_up"])
    routine["required"] = sorted({*routine["required"], *summary, "warm_up"})
    components["Routine"] = routine

    components["Safety"] = with_properties(
        top["safety"],
        required=["emergency_numbers"],
        emergency_numbers={
            "description": "For app versions installed before emergency_services: each region code's number alone.",
            "type": "object",
            "additionalProperties": {"type": "string"},
        },
    )
    components["Guide"] = top["guide"]
    components["Plan"] = top["plan"]
    return components
