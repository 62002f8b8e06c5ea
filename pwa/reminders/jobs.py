"""Timed jobs, run every minute by the deployment's systemd timer (or cron): `flask jobs run`.

Each job is quick, safe to run again at once, and safe to run on several machines at the same
time: clearing pairing codes that are spent or expired, and sending the reminders that are due.
"""

import click
from flask import Flask
from flask.cli import AppGroup

from ..storing.db import db
from ..storing.models import PairingCode
from ..storing.timestamps import utc_now
from . import send_due_reminders


def clear_spent_pairing_codes(now):
    """Delete every pairing code that was used or has expired; how many there were."""
    spent = db.delete(PairingCode).where(PairingCode.used_at.is_not(None) | (PairingCode.expires_at <= now))
    count = db.session.execute(spent).rowcount
    db.session.commit()
    return count


JOBS = {"pairing codes cleared": clear_spent_pairing_codes, "reminders": send_due_reminders}

jobs_cli = AppGroup("jobs", help="Timed jobs: run every minute by the deployment's timer.")


@jobs_cli.command("run")
def run_command():
    """Run every timed job once and say what each did."""
    now = utc_now()
    for name, job in JOBS.items():
        click.echo(f"{name}: {job(now)}")


def init_app(app: Flask):
    app.cli.add_command(jobs_cli)
