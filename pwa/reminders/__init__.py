"""Daily reminders: which are due, and sending them by Web Push (`flask reminders send`).

A reminder is due when, in its own time zone, today is one of its days, the local time is at or
past its time but by less than an hour (`LATE_BY_AT_MOST`), and today's reminder is not yet
settled. The hour lets a run missed for a while catch up; past it, a reminder is no longer one,
and a reminder set at 9:00 for 8:00 must not arrive at 9:01, but the next chosen day at 8:00. Settling is one atomic UPDATE
(`settled_on` set to today where it was not), so two runs at once, or one every minute, send
nothing twice. A due reminder is settled without a message when the account already has a
session completed today (in that time zone), or while the device says its safety check stands
(`paused_for_safety`): then nothing is sent at all, since a person told to get care first should
not be nudged about their back, nor invited to exercise. A push service answering 404 or 410 has
dropped the subscription, so the reminder is deleted; any other failure is logged and the day
unsettled again, so the next run tries again.

The server's signing key is `vapid.py`; `jobs.py` sends the due reminders every minute, with the
other timed jobs.
"""

import functools
import json
import logging
import time
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import click
import requests
from flask import Flask
from flask.cli import AppGroup
from pywebpush import WebPushException, webpush

from ..storing.db import db
from ..storing.models import Device, LoggedSession, Reminder
from . import vapid

log = logging.getLogger(__name__)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A reminder that could not reach the phone within this many seconds is stale: the push service drops it.
TIME_TO_LIVE = 4 * 3600
PUSH_TIMEOUT_SECONDS = 10
# Not in the JWT's "exp" the spec's 24 hours, but what every push service takes (Apple asks for at most an hour).
JWT_LIFETIME_SECONDS = 3600
GONE = {404, 410}
LATE_BY_AT_MOST = timedelta(hours=1)
MESSAGE = {
    "title": "Time for your routine",
    "body": "A few gentle minutes for your back: today's routine is ready.",
    "url": "/",
    "tag": "unknot-reminder",
}


@functools.cache
def time_zone_names():
    """Every IANA time zone this machine knows (read once: it walks the tz database)."""
    return frozenset(zoneinfo.available_timezones())


def local_now(reminder: Reminder, now: datetime) -> datetime:
    """`now` (aware, or naive UTC) on the reminder's wall clock."""
    moment = now if now.tzinfo else now.replace(tzinfo=UTC)
    return moment.astimezone(zoneinfo.ZoneInfo(reminder.time_zone))


def is_due(reminder: Reminder, now: datetime) -> bool:
    """Today (its time zone) is one of its days, its time has come, and today is not settled."""
    local = local_now(reminder, now)
    if WEEKDAYS[local.weekday()] not in reminder.days.split(","):
        return False
    hour, minute = map(int, reminder.local_time.split(":"))
    # Wall-clock arithmetic, naive on purpose: the time as the person's clock on the wall shows it.
    late_by = local.replace(tzinfo=None) - local.replace(hour=hour, minute=minute, second=0, microsecond=0, tzinfo=None)
    if not timedelta(0) <= late_by < LATE_BY_AT_MOST:
        return False
    return reminder.settled_on != local.date()


def local_day_in_utc(day: date, zone: zoneinfo.ZoneInfo):
    """The local day's start and end as the naive UTC the database keeps."""
    start = datetime.combine(day, datetime.min.time(), zone)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), zone)
    return start.astimezone(UTC).replace(tzinfo=None), end.astimezone(UTC).replace(tzinfo=None)


def completed_today(account_id: int, day: date, zone: zoneinfo.ZoneInfo) -> bool:
    """Whether the account has a session started on that local day and completed (as synced)."""
    start, end = local_day_in_utc(day, zone)
    statement = db.select(LoggedSession.id).where(LoggedSession.account_id == account_id, LoggedSession.status == "completed", LoggedSession.started_at >= start, LoggedSession.started_at < end)
    return db.session.execute(statement.limit(1)).first() is not None


def settle(reminder_id: int, day: date, was: date | None) -> bool:
    """Claim today's reminder: True for the one run whose UPDATE changed the row."""
    statement = db.update(Reminder).where(Reminder.id == reminder_id, Reminder.settled_on.is_(None) if was is None else Reminder.settled_on == was).values(settled_on=day)
    claimed = db.session.execute(statement).rowcount == 1
    db.session.commit()
    return claimed


def unsettle(reminder_id: int, day: date, was: date | None):
    """Give the claim back after a failure, so the next run tries again."""
    db.session.execute(db.update(Reminder).where(Reminder.id == reminder_id, Reminder.settled_on == day).values(settled_on=was))
    db.session.commit()


def subscription_info(reminder: Reminder):
    return {"endpoint": reminder.endpoint, "keys": {"p256dh": reminder.p256dh, "auth": reminder.auth}}


def push(reminder: Reminder, message: dict):
    """Send one message to the reminder's subscription; raises WebPushException on an error answer."""
    parts = urlsplit(reminder.endpoint)
    claims = {"sub": vapid.subject(), "aud": f"{parts.scheme}://{parts.netloc}", "exp": int(time.time()) + JWT_LIFETIME_SECONDS}
    webpush(
        subscription_info(reminder),
        data=json.dumps(message, separators=(",", ":")),
        vapid_private_key=vapid.server_key(),
        vapid_claims=claims,
        content_encoding="aes128gcm",
        ttl=TIME_TO_LIVE,
        timeout=PUSH_TIMEOUT_SECONDS,
    )


@dataclass
class Outcome:
    """What one run did: sent, skipped (done today or paused for safety), dropped (gone), failed (tried again next run)."""

    sent: int = 0
    skipped: int = 0
    dropped: int = 0
    failed: int = 0

    def __str__(self):
        return f"sent {self.sent}, skipped {self.skipped}, dropped {self.dropped}, failed {self.failed}"


def send_due_reminders(now: datetime) -> Outcome:
    """Send every reminder due at `now` (aware, or naive UTC), each at most once a local day."""
    outcome = Outcome()
    rows = db.session.execute(db.select(Reminder, Device.account_id).join(Device, Reminder.device_id == Device.id).order_by(Reminder.id)).all()
    # End the read: each claim below is its own short transaction. The rows are let go first, so
    # reading them later asks the database nothing (and a row deleted meanwhile cannot stop the run:
    # its claim simply finds nothing).
    db.session.expunge_all()
    db.session.commit()
    for reminder, account_id in rows:
        try:
            if not is_due(reminder, now):
                continue
        except zoneinfo.ZoneInfoNotFoundError:
            # Its zone left this machine's tz database (a later update): the others still go.
            log.warning("reminder %s: time zone %s is no longer known here", reminder.id, reminder.time_zone)
            continue
        zone = zoneinfo.ZoneInfo(reminder.time_zone)
        today = local_now(reminder, now).date()
        was = reminder.settled_on
        if not settle(reminder.id, today, was):
            continue  # another run has it
        if reminder.paused_for_safety or completed_today(account_id, today, zone):
            outcome.skipped += 1
            continue
        try:
            push(reminder, MESSAGE)
        except WebPushException as error:
            status = error.response.status_code if error.response is not None else None
            if status in GONE:
                db.session.execute(db.delete(Reminder).where(Reminder.id == reminder.id))
                db.session.commit()
                outcome.dropped += 1
                log.info("reminder %s: the push service at %s answered %s, subscription dropped", reminder.id, urlsplit(reminder.endpoint).hostname, status)
                continue
            log.warning("reminder %s: the push service at %s answered %s; trying again next run", reminder.id, urlsplit(reminder.endpoint).hostname, status)
            unsettle(reminder.id, today, was)
            outcome.failed += 1
            continue
        except (requests.RequestException, OSError) as error:
            log.warning("reminder %s: could not reach the push service at %s (%s); trying again next run", reminder.id, urlsplit(reminder.endpoint).hostname, type(error).__name__)
            unsettle(reminder.id, today, was)
            outcome.failed += 1
            continue
        outcome.sent += 1
    return outcome


def parse_now(_context, _parameter, value):
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("must be an ISO 8601 time, like 2026-12-01T08:00:00+00:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


reminders_cli = AppGroup("reminders", help="Daily reminders by Web Push.")


@reminders_cli.command("send")
@click.option("--now", callback=parse_now, help="Act as if it were this time (ISO 8601; UTC unless it has an offset).")
def send_command(now):
    """Send every reminder that is due now, and say what became of them."""
    outcome = send_due_reminders(now or datetime.now(UTC))
    click.echo(f"reminders: {outcome}")


def init_app(app: Flask):
    app.cli.add_command(reminders_cli)
