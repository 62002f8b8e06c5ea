"""Reading a request body: JSON, within its size limit, valid against its OpenAPI schema."""

import json
import re

from flask import request

from .errors import ApiError
from .openapi import field_name, first_error, validator_for

_validators = {}
# NUL and lone surrogates: valid in a JSON string, but no database column can store them.
UNSTORABLE_TEXT = re.compile("[\x00\ud800-\udfff]")


def refuse_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(data):
    """The JSON document in `data`, or a 400 naming the body: strict JSON only (no NaN), not nested for ever."""
    try:
        return json.loads(data, parse_constant=refuse_constant)
    except (ValueError, RecursionError):
        raise ApiError(400, "Send a JSON object as the body, with 'Content-Type: application/json'.", "body") from None


def unstorable_text(document, path=()):
    """The path of the first string (or key) holding NUL or a lone surrogate, or None."""
    if isinstance(document, str):
        return list(path) if UNSTORABLE_TEXT.search(document) else None
    items = document.items() if isinstance(document, dict) else enumerate(document) if isinstance(document, list) else ()
    for key, value in items:
        if isinstance(key, str) and UNSTORABLE_TEXT.search(key):
            return list(path)
        found = unstorable_text(value, (*path, key))
        if found is not None:
            return found
    return None


def json_body(schema_name, optional=False):
    """The request's JSON body, valid against `schema_name`; raises a 400 naming the field."""
    data = request.get_data(cache=True)
    document = {} if optional and not data else parse_json(data)
    bad_text = unstorable_text(document)
    if bad_text is not None:
        field = field_name(bad_text) or "body"
        raise ApiError(400, f"{field}: holds a character that cannot be stored (NUL or half of a UTF-16 pair)", field)
    validator = _validators.get(schema_name) or _validators.setdefault(schema_name, validator_for(schema_name))
    fault = first_error(validator, document)
    if fault:
        field, message = fault
        raise ApiError(400, f"{field}: {message}", field)
    return document
