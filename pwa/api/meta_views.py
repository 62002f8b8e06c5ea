"""About the API: its OpenAPI 3.1 document."""

from flask import current_app

from .blueprint import bp
from .spec import PUBLIC, finished_document, responses, spec


@bp.get("/openapi.json")
@spec.validate(resp=responses(HTTP_200=None), tags=["meta"], security=PUBLIC, skip_validation=True)
def openapi_document():
    """This document

    OpenAPI 3.1, made from the same models that validate requests and write responses.
    """
    app = current_app._get_current_object()
    if "openapi" not in app.extensions:
        app.extensions["openapi"] = finished_document()
    return app.extensions["openapi"]
