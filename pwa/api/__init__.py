"""The JSON API under `/api/v1`: one blueprint, its documents built once at start-up."""

from flask import Flask

# Each views module mounts its routes on the blueprint as it is imported.
from . import catalog_views, device_views, errors, function_check_views, log_views, meta_views, own_routine_views, reminder_views
from .blueprint import bp


def init_app(app: Flask):
    """Pre-render the catalog documents, install the JSON error handlers, mount the blueprint."""
    app.extensions["api_documents"] = catalog_views.build_documents(app.extensions["catalog"])
    errors.init_app(app)
    app.register_blueprint(bp)
