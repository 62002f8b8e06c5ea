"""The `/api/v1` blueprint, on which each views module mounts its routes."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
