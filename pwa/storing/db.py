"""The database: one SQLAlchemy instance, its migrations, and SQLite's settings.

`models.py` defines the tables on it and binds it to the app, so that every table is known
before any migration runs.
"""

import sqlite3
from pathlib import Path

from flask_migrate import Migrate
from flask_migrate import upgrade as apply_migrations
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

# Beside the package's wings, where Flask-Migrate has always kept them: `pwa/migrations/`.
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


class Base(DeclarativeBase):
    """Base class of every model."""


db = SQLAlchemy(model_class=Base)
migrate = Migrate(directory=str(MIGRATIONS_DIR), render_as_batch=True)


@event.listens_for(Engine, "connect")
def configure_sqlite(dbapi_connection, _connection_record):
    """SQLite: write-ahead logging, so readers never wait for the writer; and real foreign keys."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL is durable across application crashes; only an OS crash may lose
    # the last commits, which the device still holds and syncs again.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


def upgrade_database():
    """Apply every migration not yet applied (inside an app context)."""
    apply_migrations(directory=str(MIGRATIONS_DIR))
