"""The database: one SQLAlchemy instance bound to the app, and the command that prepares it."""

import click
from flask import Flask
from flask.cli import with_appcontext
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Base class of every model."""


db = SQLAlchemy(model_class=Base)


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create any missing tables; safe to run again on a database that has them."""
    db.create_all()
    click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")


def init_app(app: Flask):
    """Bind the database to the app and register `flask init-db`."""
    db.init_app(app)
    app.cli.add_command(init_db_command)
