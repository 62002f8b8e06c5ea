"""The JSON API under `/api/v1`: one blueprint, its documents built once at start-up."""

from flask import Blueprint, Flask

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import catalog_views, device_views, errors, function_check_views, log_views, meta_views, own_routine_views, reminder_views


def init_app(app: Flask):
    """Pre-render the catalog documents, install the JSON error handlers, mount the blueprint."""
    app.extensions["api_documents"] = catalog_views.build_documents(app.extensions["catalog"])
    errors.init_app(app)
    app.register_blueprint(bp)
