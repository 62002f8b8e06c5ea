"""Reminders: this device's Web Push subscription and schedule, the server's key, and a calendar file."""

import ipaddress
import zoneinfo
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from flask import Response, current_app, g, request
from icalendar import Alarm, Calendar, Event, vRecur
from sqlalchemy.exc import IntegrityError

from .. import base64url
from ..reminders import WEEKDAYS, vapid
from ..storing.db import db
from ..storing.models import Reminder
from ..storing.timestamps import utc_now
from . import reminder_wire
from .auth import device_required
from .blueprint import bp
from .errors import ApiError
from .rate_limit import client_address, configured, limiter
from .spec import PUBLIC, errors, responses, spec

CALENDAR_EVENT_MINUTES = 10
ICAL_DAYS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}


def decoded(value, field):
    try:
        return base64url.decode(value)
    except ValueError:
        raise ApiError(400, f"{field}: must be base64url text", field) from None


def check_endpoint(endpoint):
    """An https URL of a push service; never an address on this server's own network.

    The server posts to it, so a made-up endpoint must not reach anything but a push service:
    hosts are checked against `PUSH_SERVICE_HOSTS` (when set), and IP literals are refused.
    `PUSH_ALLOW_LOOPBACK_HTTP` (tests only) lets `http://127.0.0.1:<port>` stand in for one.
    """
    field = "subscription.endpoint"
    try:
        parts = urlsplit(endpoint)
        host = parts.hostname or ""
        parts.port  # noqa: B018  (raises ValueError on a port that is not one)
    except ValueError:
        raise ApiError(400, f"{field}: must be an https URL", field) from None
    if current_app.config.get("PUSH_ALLOW_LOOPBACK_HTTP") and parts.scheme == "http" and host == "127.0.0.1":
        return
    if parts.scheme != "https" or not host or parts.username is not None or parts.password is not None:
        raise ApiError(400, f"{field}: must be an https URL", field)
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        raise ApiError(400, f"{field}: must name a push service by its host name", field)
    allowed = current_app.config.get("PUSH_SERVICE_HOSTS")
    if allowed and not any(host == suffix or host.endswith("." + suffix) for suffix in allowed):
        raise ApiError(400, f"{field}: is not a push service this server sends to", field)


def check_keys(keys: reminder_wire.PushKeys):
    """The browser's key a real P-256 point, the secret 16 bytes: else nothing could be encrypted to them."""
    point = decoded(keys.p256dh, "subscription.keys.p256dh")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
        if len(point) != 65:
            raise ValueError
    except ValueError:
        raise ApiError(400, "subscription.keys.p256dh: must be an uncompressed P-256 public key (65 bytes)", "subscription.keys.p256dh") from None
    if len(decoded(keys.auth, "subscription.keys.auth")) != 16:
        raise ApiError(400, "subscription.keys.auth: must be 16 bytes", "subscription.keys.auth")


def reminder_json(row: Reminder) -> reminder_wire.Reminder:
    return reminder_wire.Reminder.of(
        subscription=reminder_wire.PushSubscription.of(endpoint=row.endpoint, keys=reminder_wire.PushKeys.of(p256dh=row.p256dh, auth=row.auth)),
        days=row.days.split(","),
        local_time=row.local_time,
        time_zone=row.time_zone,
        paused_for_safety=row.paused_for_safety,
        settled_on=row.settled_on.isoformat() if row.settled_on else None,
    )


def this_devices_reminder():
    return db.session.execute(db.select(Reminder).filter_by(device_id=g.device.id)).scalar_one_or_none()


def device_of_request():
    return str(g.device.id)


NO_REMINDER = "This device has no reminder. Set one with PUT /reminders."


@bp.put("/reminders")
@device_required
@spec.validate(
    json=reminder_wire.ReminderSettings,
    resp=responses(HTTP_200=(reminder_wire.Reminder, "The reminder as kept."), **errors(400, 401, 413, 429)),
    tags=["reminders"],
)
@limiter.limit(configured("reminder-change"), key_func=device_of_request, scope="reminder-change")
def put_reminder(json: reminder_wire.ReminderSettings):
    """Set this device's reminder (replacing any it had)

    Send it again whenever the subscription, the days, the time, the time zone or the safety
    check's state change. While `pausedForSafety` is true no reminder is sent.
    """
    check_endpoint(json.subscription.endpoint)
    check_keys(json.subscription.keys)
    try:
        row = keep_reminder(json)
    except IntegrityError:
        # Two first settings from this device at once: the other made the row; this one updates it.
        db.session.rollback()
        row = keep_reminder(json)
    return reminder_json(row), 200, {"Cache-Control": "no-store"}


def keep_reminder(json: reminder_wire.ReminderSettings) -> Reminder:
    """Write this device's reminder as `json` says, making the row if it has none."""
    now = utc_now()
    row = this_devices_reminder()
    if row is None:
        row = Reminder(device_id=g.device.id, created_at=now)
        db.session.add(row)
    row.endpoint = json.subscription.endpoint
    row.p256dh, row.auth = json.subscription.keys.p256dh, json.subscription.keys.auth
    row.days, row.local_time, row.time_zone = ",".join(json.days), json.local_time, json.time_zone
    row.paused_for_safety = json.paused_for_safety
    row.updated_at = now
    db.session.commit()
    return row


@bp.get("/reminders")
@device_required
@spec.validate(resp=responses(HTTP_200=(reminder_wire.Reminder, "This device's reminder."), **errors(401, 404, HTTP_404=NO_REMINDER)), tags=["reminders"])
def get_reminder():
    """This device's reminder"""
    row = this_devices_reminder()
    if row is None:
        raise ApiError(404, NO_REMINDER)
    return reminder_json(row), 200, {"Cache-Control": "no-store"}


@bp.delete("/reminders")
@device_required
@spec.validate(resp=responses(HTTP_204=None, **errors(401)), tags=["reminders"])
def delete_reminder():
    """Stop this device's reminders (done too if it had none)"""
    db.session.execute(db.delete(Reminder).filter_by(device_id=g.device.id))
    db.session.commit()
    return "", 204


@bp.get("/reminders/vapid-public-key")
@spec.validate(resp=responses(HTTP_200=(reminder_wire.VapidPublicKey, "The key.")), tags=["reminders"], security=PUBLIC)
def vapid_public_key():
    """The server's application server key, for `pushManager.subscribe`"""
    return reminder_wire.VapidPublicKey.of(public_key=vapid.public_key(vapid.server_key())), 200, {"Cache-Control": "public, max-age=3600"}


def first_occurrence(days, local_time, zone, now):
    """The first chosen day at `local_time`, today or later in `zone`: DTSTART must be an occurrence of its own rule."""
    today = now.astimezone(zone).date()
    hour, minute = (int(part) for part in local_time.split(":"))
    for offset in range(7):
        day = today + timedelta(days=offset)
        if WEEKDAYS[day.weekday()] in days:
            return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    raise AssertionError("days is never empty")


def calendar_file(days, local_time, time_zone, app_url, now):
    """An iCalendar file: one weekly event on the chosen days at the local time, an alarm at its start."""
    zone = zoneinfo.ZoneInfo(time_zone)
    calendar = Calendar()
    calendar.add("prodid", "-//Unknot//Reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"unknot-reminders@{urlsplit(app_url).hostname}")
    event.add("dtstamp", now.astimezone(UTC))
    start = first_occurrence(days, local_time, zone, now)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=CALENDAR_EVENT_MINUTES))
    event.add("rrule", vRecur(freq="WEEKLY", byday=[ICAL_DAYS[day] for day in days]))
    event.add("summary", "Unknot: today's routine")
    event.add("description", f"A few gentle minutes for your back. Open Unknot for today's routine: {app_url}\nIf your safety check said to get help first, do that instead.")
    event.add("url", app_url)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Time for your Unknot routine")
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


@bp.get("/reminders/calendar.ics")
@spec.validate(query=reminder_wire.CalendarQuery, resp=responses(HTTP_200=None, **errors(400, 429)), tags=["reminders"], security=PUBLIC)
@limiter.limit(configured("calendar"), key_func=client_address, scope="calendar")
def reminders_calendar(query: reminder_wire.CalendarQuery):
    """The reminder as a repeating calendar event, for any calendar app, with an alarm at its start"""
    body = calendar_file(query.days, query.time, query.tz, request.host_url, datetime.now(UTC))
    headers = {"Content-Disposition": 'attachment; filename="unknot-reminders.ics"', "Cache-Control": "no-store"}
    return Response(body, mimetype="text/calendar", headers=headers)
