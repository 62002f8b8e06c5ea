"""The migrations: `flask db upgrade` builds the schema the models describe, on SQLite and PostgreSQL."""

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade

from pwa import create_app
from pwa.storing.db import MIGRATIONS_DIR, db, upgrade_database

pytestmark = pytest.mark.database


def test_flask_db_upgrade_creates_a_wal_sqlite_database_from_nothing(tmp_path):
    database = tmp_path / "unknot.sqlite"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})

    result = app.test_cli_runner().invoke(args=["db", "upgrade"])

    assert result.exit_code == 0, result.output
    with app.app_context():
        db.engine.dispose()
    connection = sqlite3.connect(database)
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    # WAL is a property of the file: a new connection that sets nothing still sees it.
    (journal_mode,) = connection.execute("PRAGMA journal_mode").fetchone()
    connection.close()
    assert {"accounts", "devices", "pairing_codes", "sessions", "sets"} <= tables
    assert journal_mode == "wal"


def test_the_migrations_build_exactly_what_the_models_describe(app):
    with app.app_context(), db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []


def test_the_migrations_go_down_to_nothing_and_up_again(app):
    with app.app_context():
        downgrade(directory=str(MIGRATIONS_DIR), revision="base")
        assert set(db.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade_database()
        assert "sessions" in db.inspect(db.engine).get_table_names()
