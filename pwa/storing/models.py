"""The person's data on the server: an anonymous account, its devices, and the synced log.

Nothing here identifies a person: an account is a number with devices, and a device is known
only by the SHA-256 hash of its bearer token. Sessions and sets keep the client's UUIDs, unique
per account, which is what makes sync idempotent. Times are stored as naive UTC.
"""

from datetime import date, datetime

from flask import Flask
from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import db, migrate

CLIENT_ID_LENGTH = 36  # a UUID in its canonical text form


class Account(db.Model):
    """One person, without a name, an email or a password: only their devices can reach it."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime]

    devices: Mapped[list["Device"]] = relationship(back_populates="account", passive_deletes=True)


class Device(db.Model):
    """A phone or browser signed in to an account, known by the hash of its bearer token."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What the API shows and revokes by: random, so one account cannot guess another's devices.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]

    account: Mapped[Account] = relationship(back_populates="devices")


class PairingCode(db.Model):
    """A short code that lets a second device join an account: single use, soon expired."""

    __tablename__ = "pairing_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class LoggedSession(db.Model):
    """One routine session as the player logged it on a device."""

    __tablename__ = "sessions"
    __table_args__ = (
        UniqueConstraint("account_id", "client_id", name="uq_sessions_account_client"),
        # Newest first, page by page: the order of GET /sessions.
        Index("ix_sessions_account_started", "account_id", "started_at", "client_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(CLIENT_ID_LENGTH))
    routine_id: Mapped[str] = mapped_column(String(64))
    routine_title: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    pain_before: Mapped[int | None]
    pain_after: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    stop_reason: Mapped[str | None] = mapped_column(String(64))
    exercise_stops: Mapped[list] = mapped_column(JSON)
    # The device's time of its last edit: a later edit replaces an earlier one, never the reverse.
    updated_at: Mapped[datetime]
    received_at: Mapped[datetime]

    sets: Mapped[list["LoggedSet"]] = relationship(order_by="LoggedSet.order", passive_deletes=True)


class LoggedSet(db.Model):
    """One set of one exercise (on one side) within a session: what was planned and what was done."""

    __tablename__ = "sets"
    __table_args__ = (UniqueConstraint("session_id", "client_id", name="uq_sets_session_client"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(CLIENT_ID_LENGTH))
    order: Mapped[int]
    exercise_id: Mapped[str] = mapped_column(String(64))
    exercise_name: Mapped[str] = mapped_column(String(200))
    variant_id: Mapped[str | None] = mapped_column(String(64))
    set_number: Mapped[int]
    side: Mapped[str | None] = mapped_column(String(8))
    reps_planned: Mapped[int]
    reps_done: Mapped[int]
    hold_seconds_planned: Mapped[int | None]
    held_seconds: Mapped[list] = mapped_column(JSON)
    skipped: Mapped[bool]
    recorded_at: Mapped[datetime]


class Reminder(db.Model):
    """A device's daily reminder: its Web Push subscription, the days and local time, and its time zone.

    One per device, gone with the device. `settled_on` is the local date (in `time_zone`) on which
    that day's reminder was sent or deliberately not sent, so nothing goes out twice a day.
    """

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"), unique=True)
    endpoint: Mapped[str] = mapped_column(String(2048))
    p256dh: Mapped[str] = mapped_column(String(100))
    auth: Mapped[str] = mapped_column(String(32))
    # Monday first, comma-separated: "mon,wed,fri".
    days: Mapped[str] = mapped_column(String(27))
    local_time: Mapped[str] = mapped_column(String(5))
    time_zone: Mapped[str] = mapped_column(String(64))
    paused_for_safety: Mapped[bool]
    settled_on: Mapped[date | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    device: Mapped[Device] = relationship()


class FunctionCheck(db.Model):
    """A weekly function check (the Patient-Specific Functional Scale): up to three activities, each rated 0–10.

    `activities` holds the wire's own list, `[{"name": ..., "score": ...}]`, in the person's order.
    """

    __tablename__ = "function_checks"
    __table_args__ = (
        UniqueConstraint("account_id", "client_id", name="uq_function_checks_account_client"),
        Index("ix_function_checks_account_taken", "account_id", "taken_at", "client_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(CLIENT_ID_LENGTH))
    taken_at: Mapped[datetime]
    activities: Mapped[list] = mapped_column(JSON)
    # The device's time of its last edit: a later edit replaces an earlier one, never the reverse.
    updated_at: Mapped[datetime]
    received_at: Mapped[datetime]


class OwnRoutine(db.Model):
    """A routine the person made, synced like the log: unique per account by the client's UUID,
    replaced only by a later edit, and kept as a tombstone (no document) once deleted."""

    __tablename__ = "own_routines"
    __table_args__ = (UniqueConstraint("account_id", "client_id", name="uq_own_routines_account_client"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(CLIENT_ID_LENGTH))
    # The document in the shape of `routines/schema/routine.schema.json`; None once deleted.
    routine: Mapped[dict | None] = mapped_column(JSON)
    deleted: Mapped[bool]
    # The device's time of its last edit: a later edit replaces an earlier one, never the reverse.
    updated_at: Mapped[datetime]
    received_at: Mapped[datetime]


def init_app(app: Flask):
    """Bind the database and Flask-Migrate (`flask db upgrade`, `flask db migrate`) to the app.

    Here, below the tables, so that each of them is known to a migration by then.
    """
    db.init_app(app)
    migrate.init_app(app, db)
