"""The OpenAPI 3.1 description of `/api/v1`, and request validation against its own schemas.

The request schemas below are the ones the views validate with, so the document cannot drift
from what the server accepts; tests check real responses against the response schemas.
"""

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ..catalog import ID_PATTERN as CATALOG_ID_PATTERN
from . import bp

API_TITLE = "Unknot API"
API_VERSION = "1.0.0"

MAX_SYNC_SESSIONS = 50
MAX_SETS_PER_SESSION = 300
MAX_EXERCISE_STOPS = 50
MAX_NOTE_LENGTH = 2000
MAX_SYNC_BODY_BYTES = 1024 * 1024
MAX_BODY_BYTES = 64 * 1024
SESSIONS_PAGE_DEFAULT = 20
SESSIONS_PAGE_MAX = 100
PAIRING_CODE_MINUTES = 10

# The catalog's own id rule, so a request names ids the way the data files do.
ID_PATTERN = CATALOG_ID_PATTERN.pattern
# Lower case only, as `crypto.randomUUID()` writes them: one id, one spelling.
UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# RFC 3339 with its offset: a time without one cannot be placed on a timeline.
TIMESTAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})$"
PAIRING_CODE_PATTERN = "^[A-Za-z0-9 -]{8,12}$"


PATTERN_WORDS = {
    ID_PATTERN: "must be an id in lower case with dashes, like back-basics",
    UUID_PATTERN: "must be a UUID in lower case",
    TIMESTAMP_PATTERN: "must be a time with its offset, like 2026-11-21T08:30:00.000Z",
    PAIRING_CODE_PATTERN: "must be a pairing code, like ABCD-EFGH",
}


def nullable(schema):
    """`schema` or null (JSON Schema 2020-12, as OpenAPI 3.1 uses it)."""
    return {"anyOf": [schema, {"type": "null"}]}


TIMESTAMP = {"type": "string", "pattern": TIMESTAMP_PATTERN, "maxLength": 40, "description": "RFC 3339 time with an offset, e.g. 2026-11-21T08:30:00.000Z."}
CATALOG_ID = {"type": "string", "pattern": ID_PATTERN, "maxLength": 64}
PAIN = {"type": "integer", "minimum": 0, "maximum": 10, "description": "Pain on the 0–10 scale; null when skipped."}
SMALL_COUNT = {"type": "integer", "minimum": 0, "maximum": 1000}

SET = {
    "type": "object",
    "description": "One set of one exercise, on one side where it has sides: what was planned and what was done.",
    "additionalProperties": False,
    "required": ["id", "order", "exerciseId", "exerciseName", "variantId", "set", "side", "repsPlanned", "repsDone", "holdSecondsPlanned", "heldSeconds", "skipped", "recordedAt"],
    "properties": {
        "id": {"type": "string", "pattern": UUID_PATTERN, "description": "The client's UUID of the set."},
        "order": {"type": "integer", "minimum": 0, "maximum": 10000, "description": "Position of the set in the session."},
        "exerciseId": {**CATALOG_ID, "description": "An exercise of the catalog."},
        "exerciseName": {"type": "string", "minLength": 1, "maxLength": 200},
        "variantId": nullable({**CATALOG_ID, "description": "A variant of that exercise."}),
        "set": {"type": "integer", "minimum": 1, "maximum": 100},
        "side": nullable({"enum": ["left", "right"]}),
        "repsPlanned": SMALL_COUNT,
        "repsDone": SMALL_COUNT,
        "holdSecondsPlanned": nullable({"type": "integer", "minimum": 0, "maximum": 3600}),
        "heldSeconds": {"type": "array", "maxItems": 1000, "items": {"type": "number", "minimum": 0, "maximum": 3600}, "description": "Seconds held, rep by rep."},
        "skipped": {"type": "boolean"},
        "recordedAt": TIMESTAMP,
    },
}

EXERCISE_STOP = {
    "type": "object",
    "additionalProperties": False,
    "required": ["exerciseId", "reason", "at"],
    "properties": {
        "exerciseId": CATALOG_ID,
        "reason": {**CATALOG_ID, "description": "A stop reason of the safety data."},
        "at": TIMESTAMP,
    },
}

SESSION = {
    "type": "object",
    "description": "A routine session with its sets, as the player logged it.",
    "additionalProperties": False,
    "required": ["id", "routineId", "routineTitle", "startedAt", "endedAt", "painBefore", "painAfter", "note", "status", "stopReason", "updatedAt", "sets"],
    "properties": {
        "id": {"type": "string", "pattern": UUID_PATTERN, "description": "The client's UUID of the session."},
        "routineId": {**CATALOG_ID, "description": "A routine of the catalog."},
        "routineTitle": {"type": "string", "minLength": 1, "maxLength": 200},
        "startedAt": TIMESTAMP,
        "endedAt": nullable(TIMESTAMP),
        "painBefore": nullable(PAIN),
        "painAfter": nullable(PAIN),
        "note": {"type": "string", "maxLength": MAX_NOTE_LENGTH},
        "status": {"enum": ["in-progress", "completed", "stopped", "abandoned"]},
        "stopReason": nullable({**CATALOG_ID, "description": "Why the whole session was stopped: a stop reason of the safety data."}),
        "exerciseStops": {"type": "array", "maxItems": MAX_EXERCISE_STOPS, "items": {"$ref": "#/components/schemas/ExerciseStop"}},
        "updatedAt": {**TIMESTAMP, "description": "The device's time of its last edit: the later edit wins."},
        "sets": {"type": "array", "maxItems": MAX_SETS_PER_SESSION, "items": {"$ref": "#/components/schemas/Set"}},
    },
}

ERROR = {
    "type": "object",
    "additionalProperties": False,
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "additionalProperties": False,
            "required": ["status", "message"],
            "properties": {
                "status": {"type": "integer", "minimum": 400, "maximum": 599},
                "message": {"type": "string"},
                "field": {"type": "string", "description": "The request field at fault, e.g. `sessions[0].painAfter`, `limit` or `body`."},
            },
        }
    },
}

DEVICE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "name", "createdAt", "lastSeenAt", "current"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "createdAt": TIMESTAMP,
        "lastSeenAt": TIMESTAMP,
        "current": {"type": "boolean", "description": "True for the device making the request."},
    },
}

SCHEMAS = {
    "Error": ERROR,
    "Set": SET,
    "ExerciseStop": EXERCISE_STOP,
    "Session": SESSION,
    "Device": DEVICE,
    "NewDevice": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 60, "description": "A name the person will recognise, e.g. 'Phone'."},
            "pairingCode": {"type": "string", "pattern": PAIRING_CODE_PATTERN, "description": "A code from a device already on the account: joins that account instead of making a new one."},
        },
    },
    "DeviceToken": {
        "type": "object",
        "additionalProperties": False,
        "required": ["token", "device"],
        "properties": {
            "token": {"type": "string", "description": "The bearer token. Shown once: the server keeps only its hash."},
            "device": {"$ref": "#/components/schemas/Device"},
        },
    },
    "DeviceList": {
        "type": "object",
        "additionalProperties": False,
        "required": ["devices"],
        "properties": {"devices": {"type": "array", "items": {"$ref": "#/components/schemas/Device"}}},
    },
    "PairingCode": {
        "type": "object",
        "additionalProperties": False,
        "required": ["code", "expiresAt"],
        "properties": {"code": {"type": "string", "pattern": PAIRING_CODE_PATTERN}, "expiresAt": TIMESTAMP},
    },
    "SyncBatch": {
        "type": "object",
        "additionalProperties": False,
        "required": ["sessions"],
        "properties": {"sessions": {"type": "array", "maxItems": MAX_SYNC_SESSIONS, "items": {"$ref": "#/components/schemas/Session"}}},
    },
    "SyncResult": {
        "type": "object",
        "additionalProperties": False,
        "required": ["stored", "updated", "alreadyThere"],
        "description": "Session ids by outcome: each id sent is in exactly one list.",
        "properties": {
            "stored": {"type": "array", "items": {"type": "string"}, "description": "New on the server."},
            "updated": {"type": "array", "items": {"type": "string"}, "description": "Known, and replaced by this later edit."},
            "alreadyThere": {"type": "array", "items": {"type": "string"}, "description": "Known, with this edit or a later one: nothing changed."},
        },
    },
    "SessionPage": {
        "type": "object",
        "additionalProperties": False,
        "required": ["sessions", "next"],
        "properties": {
            "sessions": {"type": "array", "items": {"$ref": "#/components/schemas/Session"}},
            "next": nullable({"type": "string", "description": "Pass as `before` for the next (older) page; null on the last page."}),
        },
    },
}


def error_response(description):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def json_response(description, schema_name):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}}


def loose_object(required):
    """A catalog document: its fields are described by the data schemas in `routines/schema/`."""
    return {"type": "object", "required": required}


RESPONSES = {
    "BadRequest": error_response("The body is not JSON, or a field is wrong: `error.field` names it."),
    "Unauthorized": error_response("No bearer token, or one that is wrong or revoked."),
    "NotFound": error_response("No such thing (on this account)."),
    "TooLarge": error_response("The body is over the size limit."),
    "TooMany": {**error_response("Too many requests: wait `Retry-After` seconds."), "headers": {"Retry-After": {"schema": {"type": "integer"}}}},
}


def ref(name):
    return {"$ref": f"#/components/responses/{name}"}


def catalog_get(summary, schema, with_id=None, example=None):
    operation = {
        "summary": summary,
        "tags": ["catalog"],
        "security": [],
        "responses": {
            "200": {"description": "The document, with a strong `ETag`.", "headers": {"ETag": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": schema}}},
            "304": {"description": "Unchanged since the `If-None-Match` ETag."},
        },
    }
    if with_id:
        operation["parameters"] = [{"name": with_id, "in": "path", "required": True, "schema": {"type": "string"}, "example": example}]
        operation["responses"]["404"] = ref("NotFound")
    return {"get": operation}


def json_body(schema_name, required=True):
    return {"required": required, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}}


PATHS = {
    "/exercises": catalog_get("Every exercise", {"type": "object", "required": ["exercises"]}),
    "/exercises/{exercise_id}": catalog_get("One exercise, its sources spelled out", loose_object(["id", "name", "steps", "variants", "sources"]), "exercise_id", "bridge"),
    "/routines": catalog_get("Every routine, summarised", {"type": "object", "required": ["routines"]}),
    "/routines/{routine_id}": catalog_get("One routine with its exercises", loose_object(["id", "title", "items"]), "routine_id", "back-basics"),
    "/safety": catalog_get("The red-flag screen, stop reasons, advice and heat/cold limits", loose_object(["stop_reasons"])),
    "/guide": catalog_get("The guide pages with their sources", loose_object(["pages"])),
    "/devices": {
        "post": {
            "summary": "Sign a device in: a new anonymous account, or an existing one with a pairing code",
            "tags": ["devices"],
            "security": [],
            "requestBody": json_body("NewDevice", required=False),
            "responses": {
                "201": json_response("The device, and its bearer token (shown only now).", "DeviceToken"),
                "400": ref("BadRequest"),
                "413": ref("TooLarge"),
                "422": error_response("The pairing code is wrong, used or expired."),
                "429": ref("TooMany"),
            },
        },
        "get": {
            "summary": "The account's devices",
            "tags": ["devices"],
            "responses": {"200": json_response("Every device on the account.", "DeviceList"), "401": ref("Unauthorized")},
        },
    },
    "/devices/{device_id}": {
        "delete": {
            "summary": "Revoke a device of the account (its token stops working at once)",
            "tags": ["devices"],
            "parameters": [{"name": "device_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"204": {"description": "Revoked."}, "401": ref("Unauthorized"), "404": ref("NotFound")},
        }
    },
    "/pairing-codes": {
        "post": {
            "summary": f"A pairing code for a second device: single use, valid {PAIRING_CODE_MINUTES} minutes",
            "tags": ["devices"],
            "responses": {
                "201": json_response("The code.", "PairingCode"),
                "401": ref("Unauthorized"),
                "429": ref("TooMany"),
                "503": error_response("No free code could be drawn (vanishingly rare): try again."),
            },
        }
    },
    "/account": {
        "delete": {
            "summary": "Delete the account with every device, session and set",
            "tags": ["devices"],
            "responses": {"204": {"description": "Deleted: every token of the account stops working."}, "401": ref("Unauthorized")},
        }
    },
    "/sync": {
        "post": {
            "summary": "Store a batch of sessions with their sets, exactly once",
            "description": "Idempotent by the client's UUIDs: a retry, a duplicate, a reordered or concurrent batch never stores anything twice. A session sent again with a later `updatedAt` replaces the stored one; sets are added, never duplicated.",
            "tags": ["log"],
            "requestBody": json_body("SyncBatch"),
            "responses": {
                "200": json_response("What became of each session.", "SyncResult"),
                "400": ref("BadRequest"),
                "401": ref("Unauthorized"),
                "413": ref("TooLarge"),
                "422": error_response("A session names an unknown routine, exercise, variant or stop reason, or ends before it starts: `error.field` names it."),
            },
        }
    },
    "/sessions": {
        "get": {
            "summary": "The account's sessions with their sets, newest first, a page at a time",
            "tags": ["log"],
            "parameters": [
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": SESSIONS_PAGE_MAX, "default": SESSIONS_PAGE_DEFAULT}},
                {"name": "before", "in": "query", "schema": {"type": "string"}, "description": "The `next` of the previous page."},
            ],
            "responses": {"200": json_response("A page of sessions.", "SessionPage"), "400": ref("BadRequest"), "401": ref("Unauthorized")},
        }
    },
    "/sessions.csv": {
        "get": {
            "summary": "Every session of the account as CSV, a row per set",
            "tags": ["log"],
            "responses": {
                "200": {"description": "CSV with a header row; a session without sets is one row with empty set columns.", "content": {"text/csv": {"schema": {"type": "string"}}}},
                "401": ref("Unauthorized"),
            },
        }
    },
    "/openapi.json": {
        "get": {
            "summary": "This document",
            "tags": ["meta"],
            "security": [],
            "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}},
        }
    },
}

OPENAPI = {
    "openapi": "3.1.0",
    "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
    "info": {
        "title": API_TITLE,
        "version": API_VERSION,
        "description": "Routines as JSON, and each person's log synced from their devices. Bodies are JSON; "
        f"a body may be at most {MAX_BODY_BYTES} bytes ({MAX_SYNC_BODY_BYTES} for `/sync`). Every error has the `Error` shape.",
    },
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearer": []}],
    "tags": [
        {"name": "catalog", "description": "Exercises, routines, safety and guide: public and cacheable."},
        {"name": "devices", "description": "Anonymous accounts, their devices and pairing."},
        {"name": "log", "description": "The person's sessions and sets."},
        {"name": "meta", "description": "About the API."},
    ],
    "paths": PATHS,
    "components": {
        "schemas": SCHEMAS,
        "responses": RESPONSES,
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "The token from `POST /devices`."}},
    },
}

DOCUMENT_URI = "urn:unknot:openapi"
_registry = Registry().with_resource(DOCUMENT_URI, Resource.from_contents(OPENAPI, default_specification=DRAFT202012))


def validator_for(schema_name):
    """A validator for one component schema, resolving its `$ref`s inside this document."""
    schema = {"$ref": f"{DOCUMENT_URI}#/components/schemas/{schema_name}"}
    return Draft202012Validator(schema, registry=_registry)


def field_name(path):
    """`deque(['sessions', 0, 'painBefore'])` as `sessions[0].painBefore`."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


JSON_TYPES = {"integer": "a whole number", "number": "a number", "string": "text", "boolean": "true or false", "array": "a list", "object": "an object", "null": "null"}


def describe(error):
    """What a field must be, in words, without echoing the value (which may be huge)."""
    expected = error.validator_value
    match error.validator:
        case "type":
            kinds = expected if isinstance(expected, list) else [expected]
            return "must be " + " or ".join(JSON_TYPES.get(kind, kind) for kind in kinds)
        case "minimum":
            return f"must be at least {expected}"
        case "maximum":
            return f"must be at most {expected}"
        case "maxItems":
            return f"may hold at most {expected} items"
        case "minLength":
            return f"must be at least {expected} characters long"
        case "maxLength":
            return f"may be at most {expected} characters long"
        case "enum":
            return "must be one of " + ", ".join(map(repr, expected))
        case "pattern":
            return PATTERN_WORDS.get(expected, f"must match {expected}")
    return error.message[:200]


def first_error(validator, document):
    """The (field, message) of the first fault in `document`, or None when it is valid.

    The field names the exact place: for a missing or unexpected property, the property itself.
    """
    # In document order: sessions[2] before sessions[10].
    errors = sorted(validator.iter_errors(document), key=lambda error: ([(isinstance(part, str), part) for part in error.absolute_path], error.validator))
    if not errors:
        return None
    error = errors[0]
    path = list(error.absolute_path)
    if error.validator == "required":
        path.append(next(name for name in error.validator_value if name not in error.instance))
        message = "is required"
    elif error.validator == "additionalProperties":
        path.append(sorted(set(error.instance) - set(error.schema.get("properties", {})))[0])
        message = "is not a field this API knows"
    elif error.validator == "anyOf":
        # "X or null": say what X must be, from its first fault that is not "is not null".
        options = [option for option in error.context or [] if option.validator_value != "null"]
        message = (describe(options[0]) if options else "has the wrong type") + " (or null)"
    else:
        message = describe(error)
    return field_name(path) or "body", message


@bp.get("/openapi.json")
def openapi_document():
    """The OpenAPI 3.1 description of this API."""
    return OPENAPI
