"""Validation and the OpenAPI 3.1 document, both from the wire models, through spectree.

Why spectree: it validates a plain Flask blueprint's views with pydantic models (body and query)
and writes the OpenAPI 3.1 document from the very same models, without replacing Flask's app
class or the blueprint, and it serialises the pydantic models the views return. What it does
not know is added here: our one error shape (a validation fault is answered as `ApiError`, the
first fault only, in the words of `faults.py`), the catalog documents described by the data
schemas in `routines/schema/`, and the headers some responses carry.
"""

import copy
import functools
import json
from pathlib import Path

from flask import current_app, request
from pydantic import ValidationError
from spectree import Response, SecurityScheme, SecuritySchemeData, SpecTree
from spectree.model_adapter.pydantic_adapter import PydanticModelAdapter
from spectree.plugins.base import Context
from spectree.plugins.flask_plugin import FlaskPlugin
from spectree.utils import get_multidict_items

from ..storing import limits
from . import wire
from .catalog_schemas import response_schemas
from .errors import ApiError
from .faults import first_fault
from .request_body import containers

API_TITLE = "Unknot API"
API_VERSION = "1.0.0"
API_PREFIX = "/api/v1"


class FirstFaultAdapter(PydanticModelAdapter):
    """Spectree's pydantic adapter, reporting only the first fault of a refused request.

    Spectree turns every fault into JSON before any hook runs: listing them all would make a
    request full of faults cost far more to refuse than a good one costs to store.
    """

    def validation_errors(self, err: ValidationError):
        return [first_fault(err)]


BODY_METHODS = {"POST", "PUT", "PATCH"}


class RawBodyFlaskPlugin(FlaskPlugin):
    """Spectree's Flask plugin, validating a JSON body straight from its bytes.

    Spectree would parse the body with Python's `json` first, building every object a body holds
    (a third of a million for a megabyte of `{}`) before the model can refuse the first.
    Pydantic's own parser refuses what JSON does not allow (NaN, a lone surrogate, nesting
    past its limit) and, with the models' lists failing fast, stops at the first fault.
    """

    def request_validation(self, request, query, json, form, headers, cookies):
        body = None
        if json is not None and request.method in BODY_METHODS:
            data = request.get_data(cache=True)
            if data and not request.is_json:
                raise ApiError(400, "Send the body as JSON, with Content-Type: application/json.", "body")
            cap = getattr(json, "MAX_CONTAINERS", None)
            if cap is not None and containers(data) > cap:
                raise ApiError(400, f"body: holds more objects and lists than any batch can ({cap})", "body")
            body = self.model_adapter.validate_json(json, data or b"{}")
        query_model = self.model_adapter.validate_obj(query, get_multidict_items(request.args, query)) if query else None
        request.context = Context(query_model, body, None, None, None)


def refuse_invalid_request(req, resp, req_validation_error, instance, model_adapter):
    """Answer a request that failed validation with the one error shape: 400, naming the field."""
    if req_validation_error is not None:
        field, message = first_fault(req_validation_error)
        raise ApiError(400, f"{field}: {message}", field)


spec = SpecTree(
    "flask",
    backend=RawBodyFlaskPlugin,
    mode="strict",
    title=API_TITLE,
    version=API_VERSION,
    description=(
        "Routines as JSON, and each person's log synced from their devices. Bodies are JSON; "
        f"a body may be at most {limits.MAX_BODY_BYTES} bytes ({limits.MAX_SYNC_BODY_BYTES} for `/sync`). Every error has the `Error` shape."
    ),
    model_adapter=FirstFaultAdapter(),
    validation_error_status=400,
    validation_error_model=wire.Error,
    before=refuse_invalid_request,
    naming_strategy=lambda model: model.__name__,
    security_schemes=[SecurityScheme(name="bearer", data=SecuritySchemeData(type="http", scheme="bearer", description="The token from `POST /devices`."))],
    security={"bearer": []},
)

PUBLIC = {}  # an operation that needs no token


def errors(*statuses, **described):
    """Error responses of an operation, each with the `Error` shape and its description."""
    return {f"HTTP_{status}": (wire.Error, described.get(f"HTTP_{status}", ERROR_WORDS[status])) for status in statuses}


ERROR_WORDS = {
    400: "The body or a query parameter is wrong: `error.field` names it.",
    401: "No bearer token, or one that is wrong or revoked.",
    404: "No such thing (on this account).",
    409: "The request conflicts with the account's state: `error.message` says what to do.",
    413: "The body is over the size limit.",
    422: "A field names something that does not exist: `error.field` names it.",
    429: "Too many requests: wait `Retry-After` seconds.",
    503: "Could not be done just now: try again.",
}


def responses(**models):
    """A spectree `Response`: `HTTP_200=(Model, "description")`, `HTTP_204=None`, ..."""
    return Response(**models)


def body_limit(max_bytes):
    """Let this view's body be up to `max_bytes` (the app's default is smaller); set before it is read."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            request.max_content_length = max_bytes
            return view(*args, **kwargs)

        return wrapped

    return decorate


# The catalog documents, described by the very schemas the data files are checked against.
# `$defs` of each data schema become components named `<Title><Def>`; the response documents add
# what the API resolves (ids, illustration URLs, sources spelled out, durations).
CATALOG_RESPONSES = {
    "/exercises": "ExerciseList",
    "/exercises/{exercise_id}": "Exercise",
    "/routines": "RoutineList",
    "/routines/{routine_id}": "Routine",
    "/safety": "Safety",
    "/guide": "Guide",
    "/plan": "Plan",
}
HEADERS = {
    ("200", "catalog"): {"ETag": {"description": "A strong validator: send it back as `If-None-Match`.", "schema": {"type": "string"}}},
    ("429", None): {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
}


# What some operations answer that no pydantic model describes.
CONTENT = {
    "/openapi.json": {"application/json": {"schema": {"type": "object", "description": "OpenAPI 3.1"}}},
    "/reminders/calendar.ics": {"text/calendar": {"schema": {"type": "string", "description": "An iCalendar file (RFC 5545): one weekly event with an alarm at its start."}}},
    "/sessions.csv": {
        "text/csv": {
            "schema": {
                "type": "string",
                "description": "A header row, then a row per set (a session without sets is one row with empty set columns), then a row per activity of each weekly function check.",
            }
        }
    },
}
DESCRIPTIONS = {"200": "The document, with a strong `ETag`.", "304": "Unchanged since the `If-None-Match` ETag.", "204": "Done."}


def finish_document(document, schema_dir):
    """Spectree's document with what it cannot know: catalog schemas, headers, contents, tags."""
    document = copy.deepcopy(document)
    document["components"]["schemas"].update(response_schemas(schema_dir))
    for path, operations in document["paths"].items():
        local_path = path.removeprefix(API_PREFIX)
        for operation in operations.values():
            operation.pop("operationId", None)
            for key in ("description", "parameters"):
                if not operation.get(key):
                    operation.pop(key, None)
            catalog = operation.get("tags") == ["catalog"]
            for status, answer in operation["responses"].items():
                if answer.get("description", "").startswith("HTTP "):  # spectree's placeholder
                    answer["description"] = DESCRIPTIONS.get(status, answer["description"])
                headers = HEADERS.get((status, "catalog" if catalog else None))
                if headers:
                    answer["headers"] = headers
            if local_path in CATALOG_RESPONSES:
                name = CATALOG_RESPONSES[local_path]
                operation["responses"]["200"]["content"] = {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}
            if local_path in CONTENT:
                operation["responses"]["200"]["content"] = CONTENT[local_path]
    # Paths below the one server URL, as a client joins them.
    document["paths"] = {path.removeprefix(API_PREFIX): operations for path, operations in document["paths"].items()}
    document["servers"] = [{"url": API_PREFIX}]
    document["jsonSchemaDialect"] = "https://spec.openapis.org/oas/3.1/dialect/base"
    document["tags"] = [
        {"name": "catalog", "description": "Exercises, routines, safety, guide and the daily plan: public and cacheable."},
        {"name": "devices", "description": "Anonymous accounts, their devices and pairing."},
        {"name": "log", "description": "The person's sessions and sets, and weekly function checks."},
        {"name": "own routines", "description": "The routines a person made, synced between their devices."},
        {"name": "reminders", "description": "Daily reminders by Web Push, and as a calendar file."},
        {"name": "meta", "description": "About the API."},
    ]
    # JSON through and through: what is served is what the tests read.
    return json.loads(json.dumps(document))


def finished_document():
    """The document of the current app, its catalog described by the app's own data schemas."""
    return finish_document(spec.spec, Path(current_app.config["ROUTINES_DIR"]) / "schema")
