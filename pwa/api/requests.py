"""Reading a request body: JSON, within its size limit, valid against its OpenAPI schema."""

import json
import re
from functools import cache

from flask import request

from .errors import ApiError
from .openapi import field_name, first_error, validator_for

# NUL and lone surrogates: valid in a JSON string, but no database column can store them.
UNSTORABLE_TEXT = re.compile("[\x00\ud800-\udfff]")
# Far deeper than any body this API takes (a set is 4 levels down), far shallower than the
# recursion limit a validator would hit describing it.
MAX_DEPTH = 16
validator = cache(validator_for)


def refuse_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(data):
    """The JSON document in `data`, or a 400 naming the body: strict JSON only (no NaN), not nested for ever."""
    try:
        return json.loads(data, parse_constant=refuse_constant)
    except (ValueError, RecursionError):
        raise ApiError(400, "Send the body as a JSON object.", "body") from None


def unstorable(document, path=()):
    """(field, message) for the first place no database could store, or too deep to check; else None."""
    if len(path) > MAX_DEPTH:
        return field_name(path), f"is nested deeper than {MAX_DEPTH} levels"
    if isinstance(document, str):
        return (field_name(path), "holds a character that cannot be stored (NUL or half of a UTF-16 pair)") if UNSTORABLE_TEXT.search(document) else None
    items = document.items() if isinstance(document, dict) else enumerate(document) if isinstance(document, list) else ()
    for key, value in items:
        if isinstance(key, str) and UNSTORABLE_TEXT.search(key):
            return field_name(path), "has a field name that cannot be stored"
        found = unstorable(value, (*path, key))
        if found is not None:
            return found
    return None


def json_body(schema_name, optional=False):
    """The request's JSON body, valid against `schema_name`; raises a 400 naming the field."""
    data = request.get_data(cache=True)
    document = {} if optional and not data else parse_json(data)
    fault = unstorable(document) or first_error(validator(schema_name), document)
    if fault:
        field, message = fault
        field = field or "body"
        raise ApiError(400, f"{field}: {message}", field)
    return document
