"""Reading a request body: JSON, within its size limit, valid against its OpenAPI schema."""

from flask import request

from .errors import ApiError
from .openapi import first_error, validator_for

_validators = {}


def json_body(schema_name, optional=False):
    """The request's JSON body, valid against `schema_name`; raises a 400 naming the field."""
    if optional and not request.get_data(cache=True):
        document = {}
    else:
        document = request.get_json(silent=True, force=True)
        if document is None:
            raise ApiError(400, "Send a JSON object as the body, with 'Content-Type: application/json'.", "body")
    validator = _validators.get(schema_name) or _validators.setdefault(schema_name, validator_for(schema_name))
    fault = first_error(validator, document)
    if fault:
        field, message = fault
        raise ApiError(400, f"{field}: {message}", field)
    return document
