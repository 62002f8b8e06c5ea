"""Reading the catalog's data files: JSON parsed strictly, checked against its schema, each fault located.

A `Fault` is one problem in one file; a folder of exercises or routines is read as ids (their
file names) and documents, a document None when it has any fault.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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


def format_faults(faults):
    """The faults one a line, then a count, as the CLI and start-up print them."""
    files = {fault.file for fault in faults}
    noun = "fault" if len(faults) == 1 else "faults"
    lines = [str(fault) for fault in faults]
    lines.append(f"{len(faults)} {noun} in {len(files)} file{'s' if len(files) != 1 else ''}.")
    return "\n".join(lines)


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
