"""One JSON error shape for everything under `/api`: `{"error": {"status": N, "message": "..."}}`."""

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

GENERIC_SERVER_ERROR = "Something went wrong on our side. Your data on this device is safe; try again later."


def error_body(status, message):
    """The error document every API error uses."""
    return {"error": {"status": status, "message": message}}


def error_response(status, message):
    """A JSON error response for a view to return."""
    return jsonify(error_body(status, message)), status


def handle_http_exception(error: HTTPException):
    """Answer API errors in JSON, keeping headers such as `Allow`; leave other paths to Flask."""
    if not request.path.startswith("/api/"):
        return error
    # Never show the text of an unexpected exception: it is for the log, not the person.
    message = GENERIC_SERVER_ERROR if error.code >= 500 else error.description
    response = error.get_response()
    response.set_data(jsonify(error_body(error.code, message)).get_data())
    response.content_type = "application/json"
    return response


def init_app(app: Flask):
    """Register the handler for every HTTP error, 500 (any unhandled exception) included."""
    app.register_error_handler(HTTPException, handle_http_exception)
