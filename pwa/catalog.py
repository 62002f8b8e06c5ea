"""The routine catalog: exercise, routine and source data files, validated as a whole.

A catalog directory holds `schema/` (the JSON Schemas), `sources.json`, `safety.json`,
`guide.json`, `postures.json`, `plan.json`, `exercises/*.json` and `routines/*.json`; an exercise's or
routine's id is its file name. Every fault is collected, never just the first, so a clinician can fix a whole file in one pass.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

import click
from flask import Flask
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KINDS = ("exercises", "routines")
SCHEMA_FILES = {
    "exercises": "exercise.schema.json",
    "routines": "routine.schema.json",
    "sources": "sources.schema.json",
    "safety": "safety.schema.json",
    "guide": "guide.schema.json",
    "postures": "postures.schema.json",
    "plan": "plan.schema.json",
}


@dataclass(frozen=True)
class Fault:
    """One problem in one data file, located by a JSON path such as `$.items[0].sets`."""

    file: str
    path: str
    message: str

    def __str__(self):
        return f"{self.file}: {self.path}: {self.message}"


class CatalogError(click.ClickException):
    """The catalog has faults; the app must not start on it.

    A `ClickException` so that `flask run` and every `flask` command print the list of
    faults as a plain message and exit 1, instead of a traceback.
    """

    def __init__(self, faults):
        self.faults = faults
        super().__init__(format_faults(faults))


@dataclass(frozen=True)
class Catalog:
    """The validated data, each mapping keyed by id in file-name order."""

    sources: dict
    exercises: dict
    routines: dict
    safety: dict
    guide: dict
    postures: dict
    plan: dict


def format_faults(faults):
    """The faults one a line, then a count, as the CLI and start-up print them."""
    files = {fault.file for fault in faults}
    noun = "fault" if len(faults) == 1 else "faults"
    lines = [str(fault) for fault in faults]
    lines.append(f"{len(faults)} {noun} in {len(files)} file{'s' if len(files) != 1 else ''}.")
    return "\n".join(lines)


def load_catalog(directory, illustrations_dir=None):
    """Load and validate the catalog in `directory`; raise `CatalogError` on any fault."""
    catalog, faults = inspect_catalog(directory, illustrations_dir)
    if faults:
        raise CatalogError(faults)
    return catalog


def inspect_catalog(directory, illustrations_dir=None):
    """Return `(catalog, faults)`: the catalog is None whenever there is any fault.

    With `illustrations_dir`, every illustration an exercise or variant names must be a file there.
    """
    directory = Path(directory)
    faults = []
    validators = load_validators(directory, faults)
    if faults:
        return None, by_file(faults)

    sources_file = directory / "sources.json"
    sources_document = read_document(sources_file, validators["sources"], faults)
    sources = index_sources(sources_file, sources_document, faults)

    postures_file = directory / "postures.json"
    postures_document = read_document(postures_file, validators["postures"], faults)
    postures = index_postures(str(postures_file), postures_document, sources, faults)

    documents = {kind: read_folder(directory / kind, validators[kind], faults) for kind in KINDS}
    exercises, routines = documents["exercises"], documents["routines"]
    for file, exercise in exercises.values():
        if exercise is not None:
            check_exercise(file, exercise, sources, faults)
            check_exercise_postures(file, exercise, postures, faults)
            if illustrations_dir is not None:
                check_illustrations(file, exercise, Path(illustrations_dir), faults)
    for file, routine in routines.values():
        if routine is not None:
            check_routine(file, routine, exercises, sources, faults)

    safety_file, guide_file = directory / "safety.json", directory / "guide.json"
    safety = read_document(safety_file, validators["safety"], faults)
    if safety is not None:
        check_safety(str(safety_file), safety, routines, sources, faults)
    guide = read_document(guide_file, validators["guide"], faults)
    if guide is not None:
        check_guide(str(guide_file), guide, sources, faults)
    plan_file = directory / "plan.json"
    plan = read_document(plan_file, validators["plan"], faults)
    if plan is not None:
        from .catalog_plan import check_plan  # it imports this module's helpers

        check_plan(str(plan_file), plan, routines, sources, faults)

    if faults:
        return None, by_file(faults)
    return (
        Catalog(
            sources=sources,
            exercises={key: document for key, (_, document) in exercises.items()},
            routines={key: document for key, (_, document) in routines.items()},
            safety=safety,
            guide=guide,
            postures=postures,
            plan=plan,
        ),
        [],
    )


def by_file(faults):
    """Group faults by file, keeping each file's faults in the order they were found."""
    return sorted(faults, key=lambda fault: fault.file)


def load_validators(directory, faults):
    """Read the schemas into one registry, so that `exercise.schema.json#/$defs/...` resolves
    between them as it does in an editor; a broken schema is a fault of its own file."""
    schemas = {}
    for kind, name in SCHEMA_FILES.items():
        file = directory / "schema" / name
        schema = parse_json(file, faults)
        if schema is None:
            continue
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as error:
            faults.append(Fault(str(file), error.json_path, f"not a valid JSON Schema: {error.message}"))
            continue
        schemas[kind] = (name, schema)
    registry = Registry().with_resources((name, Resource.from_contents(schema, default_specification=DRAFT202012)) for name, schema in schemas.values())
    return {kind: Draft202012Validator(schema, registry=registry) for kind, (_, schema) in schemas.items()}


def parse_json(file, faults):
    """Parse a file as JSON, refusing duplicate keys, which JSON parsers otherwise drop silently."""
    try:
        text = Path(file).read_text(encoding="utf-8")
    except FileNotFoundError:
        faults.append(Fault(str(file), "$", "file is missing"))
        return None
    except (OSError, UnicodeDecodeError) as error:
        faults.append(Fault(str(file), "$", f"cannot be read as UTF-8 text: {error}"))
        return None

    duplicates = []

    def refuse_duplicate_keys(pairs):
        seen = {}
        for key, value in pairs:
            if key in seen:
                duplicates.append(key)
            seen[key] = value
        return seen

    try:
        document = json.loads(text, object_pairs_hook=refuse_duplicate_keys)
    except json.JSONDecodeError as error:
        faults.append(Fault(str(file), "$", f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"))
        return None
    except RecursionError:
        faults.append(Fault(str(file), "$", "nested too deeply to read"))
        return None
    for key in duplicates:
        faults.append(Fault(str(file), "$", f"duplicate key '{key}': each key may appear once"))
    return document if not duplicates else None


def read_document(file, validator, faults):
    """Parse one file and check it against its schema; None when it has any fault."""
    document = parse_json(file, faults)
    if document is None:
        return None
    errors = sorted(validator.iter_errors(document), key=lambda error: error.json_path)
    for error in errors:
        faults.append(Fault(str(file), error.json_path, error.message))
    return None if errors else document


def read_folder(folder, validator, faults):
    """Read every `*.json` in a folder as `{id: (file, document)}`, document None when invalid.

    Invalid files keep their id so that a routine naming them is not also told, wrongly,
    that the exercise does not exist.
    """
    if not folder.is_dir():
        faults.append(Fault(str(folder), "$", "folder is missing"))
        return {}
    files = sorted(folder.glob("*.json"))
    if not files:
        faults.append(Fault(str(folder), "$", "folder has no .json files"))
    documents = {}
    seen_ids = {}
    for file in files:
        item_id = file.stem
        if not ID_PATTERN.match(item_id):
            faults.append(Fault(str(file), "$", f"file name '{item_id}' is not an id: use lower-case words joined by '-'"))
        if item_id.lower() in seen_ids:
            faults.append(Fault(str(file), "$", f"duplicate id '{item_id}': also {seen_ids[item_id.lower()]}"))
            continue
        seen_ids[item_id.lower()] = file.name
        documents[item_id] = (str(file), read_document(file, validator, faults))
    return documents


def index_sources(file, document, faults):
    """The sources keyed by id, refusing duplicate ids; None when the file itself is invalid."""
    if document is None:
        return None
    check_unique_ids(str(file), [(f"$.sources[{index}].id", source["id"]) for index, source in enumerate(document["sources"])], faults, "source id")
    return {source["id"]: source for source in document["sources"]}


def check_source_ids(file, path, ids, sources, faults):
    """Every cited source must be in `sources.json` (unchecked while that file has faults)."""
    if sources is None:
        return
    for index, source_id in enumerate(ids):
        if source_id not in sources:
            faults.append(Fault(file, f"{path}[{index}]", f"unknown source '{source_id}': add it to sources.json"))


def check_exercise(file, exercise, sources, faults):
    """Cross-reference checks the schema cannot express for one exercise."""
    check_source_ids(file, "$.sources", exercise["sources"], sources, faults)
    check_unique_ids(file, [(f"$.variants[{index}].id", variant["id"]) for index, variant in enumerate(exercise["variants"])], faults, "variant id")


def index_postures(file, document, sources, faults):
    """The postures by id, each id once and each source known; None while the file has faults."""
    if document is None:
        return None
    entries = document["postures"]
    check_unique_ids(file, [(f"$.postures[{index}].id", posture["id"]) for index, posture in enumerate(entries)], faults, "posture")
    for index, posture in enumerate(entries):
        check_source_ids(file, f"$.postures[{index}].sources", posture["sources"], sources, faults)
    return {posture["id"]: posture for posture in entries}


def check_exercise_postures(file, exercise, postures, faults):
    """The posture an exercise, or a variant, starts from must be described in postures.json."""
    if postures is None:
        return
    named = [("$.posture", exercise["posture"])]
    named += [(f"$.variants[{index}].posture", variant["posture"]) for index, variant in enumerate(exercise["variants"]) if "posture" in variant]
    for path, posture_id in named:
        if posture_id not in postures:
            faults.append(Fault(file, path, f"posture '{posture_id}' is not in postures.json"))


def check_illustrations(file, exercise, illustrations_dir, faults):
    """The exercise's illustration, and each variant's, must exist as files."""
    named = [("$.illustration", exercise["illustration"])]
    named += [(f"$.variants[{index}].illustration", variant["illustration"]) for index, variant in enumerate(exercise["variants"]) if "illustration" in variant]
    for path, name in named:
        if not (illustrations_dir / name).is_file():
            faults.append(Fault(file, path, f"illustration '{name}' is not in {illustrations_dir}"))


def check_routine(file, routine, exercises, sources, faults):
    """Cross-reference checks for one routine: exercises, variants, sides and sources.

    `exercises` maps every exercise id present to `(file, document)`, document None when invalid.
    """
    check_source_ids(file, "$.sources", routine["sources"], sources, faults)
    items = routine["items"]
    for index, item in enumerate(items):
        path = f"$.items[{index}]"
        exercise_id = item["exercise"]
        if exercise_id not in exercises:
            faults.append(Fault(file, f"{path}.exercise", f"unknown exercise '{exercise_id}'"))
            continue
        exercise = exercises[exercise_id][1]
        if exercise is None:
            continue  # its own faults are reported against its file
        variant_id = item.get("variant")
        if variant_id is not None and variant_id not in {variant["id"] for variant in exercise["variants"]}:
            faults.append(Fault(file, f"{path}.variant", f"exercise '{exercise_id}' has no variant '{variant_id}'"))
        if item["per_side"] and not exercise["two_sided"]:
            faults.append(Fault(file, f"{path}.per_side", f"exercise '{exercise_id}' is one-sided: per_side must be false"))
        if exercise["two_sided"] and not item["per_side"]:
            faults.append(Fault(file, f"{path}.per_side", f"exercise '{exercise_id}' is two-sided: per_side must be true"))
    if items and items[-1]["rest_after_seconds"] != 0:
        faults.append(
            Fault(
                file,
                f"$.items[{len(items) - 1}].rest_after_seconds",
                "the last item has nothing after it: rest_after_seconds must be 0",
            )
        )


def check_unique_ids(file, entries, faults, kind="id"):
    """`entries` are `(path, id)` pairs that must not repeat an id; `kind` names it in the fault."""
    seen = set()
    for path, entry_id in entries:
        if entry_id in seen:
            faults.append(Fault(file, path, f"duplicate {kind} '{entry_id}'"))
        seen.add(entry_id)


def check_safety(file, safety, routines, sources, faults):
    """Cross-references of the safety content: sources, the gentler routine, ids, limits."""
    check_source_ids(file, "$.sources", safety["sources"], sources, faults)
    for level, advice in safety["advice"].items():
        check_source_ids(file, f"$.advice.{level}.sources", advice["sources"], sources, faults)
    guard = safety["pain_guard"]
    check_source_ids(file, "$.pain_guard.advice.sources", guard["advice"]["sources"], sources, faults)
    check_source_ids(file, "$.pain_guard.after_gentler.sources", guard["after_gentler"]["sources"], sources, faults)
    check_source_ids(file, "$.pain_guard.high_before.advice.sources", guard["high_before"]["advice"]["sources"], sources, faults)
    check_source_ids(file, "$.heat_cold.sources", safety["heat_cold"]["sources"], sources, faults)
    check_source_ids(file, "$.warning_signs.sources", safety["warning_signs"]["sources"], sources, faults)
    check_source_ids(file, "$.scope.sources", safety["scope"]["sources"], sources, faults)
    gentler = safety["pain_guard"]["gentler_routine"]
    if gentler not in routines:
        faults.append(Fault(file, "$.pain_guard.gentler_routine", f"unknown routine '{gentler}'"))
    questions = [(f"$.{group}[{index}].id", question["id"]) for group in ("emergency_questions", "urgent_questions", "banner_questions") for index, question in enumerate(safety[group])]
    check_unique_ids(file, questions, faults)
    check_unique_ids(file, [(f"$.stop_reasons[{index}].id", reason["id"]) for index, reason in enumerate(safety["stop_reasons"])], faults)
    for kind in ("heat", "cold"):
        limits = safety["heat_cold"][kind]
        if limits["default_minutes"] > limits["max_minutes"]:
            faults.append(Fault(file, f"$.heat_cold.{kind}.default_minutes", "is longer than max_minutes"))
    for kind in ("heat", "cold"):
        limits = safety["heat_cold"][kind]
        for index, minute in enumerate(limits["skin_check_minutes"]):
            if minute >= limits["max_minutes"]:
                faults.append(Fault(file, f"$.heat_cold.{kind}.skin_check_minutes[{index}]", "comes at or after the cap"))
    check_time_zones(file, safety, faults)


def check_time_zones(file, safety, faults):
    """Every country a time zone names must have an emergency number, and every number a time zone:
    a number no zone leads to would never be offered."""
    numbers = safety["emergency_services"]
    reached = set()
    for zone, countries in safety["time_zones"].items():
        for index, country in enumerate(countries):
            reached.add(country)
            if country not in numbers:
                faults.append(Fault(file, f"$.time_zones['{zone}'][{index}]", f"country '{country}' has no emergency number in emergency_services"))
    for country in numbers:
        if country not in reached:
            faults.append(Fault(file, f"$.emergency_services.{country}", "no time zone in time_zones leads to this country, so its number is never offered"))


def check_guide(file, guide, sources, faults):
    """Every guide page has a unique id and every claim cites known sources."""
    check_unique_ids(file, [(f"$.pages[{index}].id", page["id"]) for index, page in enumerate(guide["pages"])], faults)
    for page_index, page in enumerate(guide["pages"]):
        for claim_index, claim in enumerate(page["claims"]):
            check_source_ids(file, f"$.pages[{page_index}].claims[{claim_index}].sources", claim["sources"], sources, faults)


def illustrations_dir(app):
    """Where the exercise illustrations live: `illustrations/` in the app's static folder."""
    return Path(app.config["STATIC_DIR"]) / "illustrations"


def init_app(app: Flask):
    """Load the catalog once at start-up, refusing to start on any fault."""
    app.extensions["catalog"] = load_catalog(app.config["ROUTINES_DIR"], illustrations_dir(app))
