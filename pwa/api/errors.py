"""One JSON error shape for everything under `/api`: `{"error": {"status": N, "message": "...", "field": "..."}}`.

`field` is there when one request field is at fault (`sessions[0].painAfter`, `limit`, `body`).
"""

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

from .rate_limit import seconds_to_wait

GENERIC_SERVER_ERROR = "Something went wrong on our side. Your data on this device is safe; try again later."


def error_body(status, message, field=None):
    """The error document every API error uses."""
    error = {"status": status, "message": message}
    if field:
        error["field"] = field
    return {"error": error}


def error_response(status, message, field=None, headers=None):
    """A JSON error response for a view to return."""
    return jsonify(error_body(status, message, field)), status, headers or {}


class ApiError(Exception):
    """Raised anywhere in a view to answer with one JSON error."""

    def __init__(self, status, message, field=None, headers=None):
        super().__init__(message)
        self.status, self.message, self.field, self.headers = status, message, field, headers


def handle_api_error(error: ApiError):
    return error_response(error.status, error.message, error.field, error.headers)


def handle_http_exception(error: HTTPException):
    """Answer API errors in JSON, keeping headers such as `Allow`; leave other paths to Flask."""
    if not request.path.startswith("/api/"):
        return error
    # Never show the text of an unexpected exception: it is for the log, not the person.
    message = GENERIC_SERVER_ERROR if error.code >= 500 else error.description
    field = None
    if error.code == 413:
        limit = request.max_content_length
        message = f"The request body is larger than this API takes ({limit} bytes)." if limit else message
        field = "body"
    response = error.get_response()
    if error.code == 429:
        wait = seconds_to_wait()
        message = f"Too many attempts. Try again in {wait} seconds."
        response.headers["Retry-After"] = str(wait)
    response.set_data(jsonify(error_body(error.code, message, field)).get_data())
    response.content_type = "application/json"
    return response


def init_app(app: Flask):
    """Register the handler for every HTTP error, 500 (any unhandled exception) included."""
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(ApiError, handle_api_error)
