"""Every shape that crosses `/api/v1`, defined once as a pydantic model.

Request validation, the OpenAPI document and the JSON the API writes all come from these
models (through spectree, see `spec.py`), and the storing code maps them to rows by their field
names, which are the database columns' names. JSON names are camelCase, as the client writes them.
Adding a field to a logged set is a field here, a column in `models.py` and its migration, and
the client's recorder: nothing else restates it.
"""

import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, StringConstraints, WithJsonSchema
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from ..catalog import ID_PATTERN as CATALOG_ID_PATTERN
from ..timestamps import iso, utc_now
from . import limits

# Lower case only, as `crypto.randomUUID()` writes them: one id, one spelling. `[0-9]`, not `\d`,
# which matches every script's digits; the Rust regex engine's `$` is the very end of the text.
UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# RFC 3339 with its offset: a time without one cannot be placed on a timeline.
TIMESTAMP_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?(?:Z|[+-][0-9]{2}:[0-9]{2})$"
TIMESTAMP_MAX_LENGTH = 40
PAIRING_CODE_PATTERN = "^[A-Za-z0-9 -]{8,12}$"
DEVICE_ID_PATTERN = "^[0-9a-f]{32}$"
# NUL and lone surrogates: valid in a JSON string, but no database column can store them.
UNSTORABLE_TEXT = re.compile("[\x00\ud800-\udfff]")

TIMESTAMP_EXAMPLE = "2026-11-21T08:30:00.000Z"
# How each pattern is said in an error message, instead of the regular expression itself.
PATTERN_WORDS = {
    CATALOG_ID_PATTERN.pattern: "must be an id in lower case with dashes, like back-basics",
    UUID_PATTERN: "must be a UUID in lower case",
    PAIRING_CODE_PATTERN: "must be a pairing code, like ABCD-EFGH",
    DEVICE_ID_PATTERN: "must be a device id from GET /devices",
}


def storable(text: str) -> str:
    """Text any database can store: no NUL, no half of a UTF-16 surrogate pair."""
    if UNSTORABLE_TEXT.search(text):
        raise PydanticCustomError("unstorable_text", "holds a character that cannot be stored (NUL or half of a UTF-16 pair)")
    return text


def parse_timestamp(value: Any) -> datetime:
    """An RFC 3339 time with its offset, parsed for real, as the naive UTC the database keeps.

    The pattern lets through only ASCII digits in the right places; the calendar then refuses
    month 13, 30 February, hour 24 and an offset of +99:99.
    """
    if isinstance(value, datetime):  # read back from the database
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("timestamp_type", "must be a time as text, like {example}", {"example": TIMESTAMP_EXAMPLE})
    if len(value) > TIMESTAMP_MAX_LENGTH or not re.fullmatch(TIMESTAMP_PATTERN, value):
        raise PydanticCustomError("timestamp_pattern", "must be a time with its offset, like {example}", {"example": TIMESTAMP_EXAMPLE})
    try:
        return datetime.fromisoformat(value).astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):
        raise PydanticCustomError("timestamp_impossible", "'{value}' is not a real date and time", {"value": value}) from None


def text(min_length=0, max_length=None, pattern=None, description=None):
    """A JSON string type: strict, storable, with its limits."""
    constraints = StringConstraints(strict=True, min_length=min_length or None, max_length=max_length, pattern=pattern)
    return Annotated[str, constraints, AfterValidator(storable), Field(description=description)]


def whole_number(minimum, maximum, description=None):
    return Annotated[int, Field(strict=True, ge=minimum, le=maximum, description=description)]


Timestamp = Annotated[
    datetime,
    BeforeValidator(parse_timestamp),
    PlainSerializer(iso, return_type=str, when_used="json"),
    WithJsonSchema(
        {"type": "string", "pattern": TIMESTAMP_PATTERN, "maxLength": TIMESTAMP_MAX_LENGTH, "format": "date-time", "description": f"RFC 3339 time with an offset, e.g. {TIMESTAMP_EXAMPLE}."}
    ),
]


def not_far_ahead(moment):
    """A time no further ahead of the server's clock than a device's clock may drift."""
    if moment > utc_now() + timedelta(hours=limits.MAX_CLOCK_AHEAD_HOURS):
        raise PydanticCustomError("time_in_future", "is in the future: check this device's date and time")
    return moment


# An edit's time: a clock far ahead would win every later edit, on every device, for ever.
PastTime = Annotated[Timestamp, AfterValidator(not_far_ahead)]
ClientId = text(pattern=UUID_PATTERN, max_length=36, description="The client's UUID.")
CatalogId = text(pattern=CATALOG_ID_PATTERN.pattern, max_length=64)
Pain = Annotated[int | None, Field(strict=True, ge=0, le=10, description="Pain on the 0–10 scale; null when skipped.")]
SmallCount = whole_number(0, 1000)


def bounded_list(item_type, max_length, description=None):
    """A list that stops at its first faulty item: refusing a batch of junk costs no more than storing a good one."""
    return Annotated[list[item_type], Field(max_length=max_length, fail_fast=True, description=description)]


class WireModel(BaseModel):
    """camelCase on the wire, snake_case (the column names) in Python; nothing unknown, nothing coerced."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        alias_generator=to_camel,
        validate_by_alias=True,
        validate_by_name=False,
        serialize_by_alias=True,
        allow_inf_nan=False,
        hide_input_in_errors=True,
        json_schema_serialization_defaults_required=True,
    )

    @classmethod
    def from_row(cls, row, **values):
        """The model of a database row, its fields read by their (column) names; `values` add or override some."""
        fields = {name: values[name] if name in values else getattr(row, name) for name in cls.model_fields}
        return cls.model_validate(fields, from_attributes=True, by_name=True, by_alias=False, strict=False)

    @classmethod
    def of(cls, **values):
        """The model from its fields by their Python names (a view's answer)."""
        return cls.model_validate(values, by_name=True, by_alias=False, strict=False)


SET_EXAMPLE = {
    "id": "3f0b8c52-5a1e-4a57-9d38-1b1e1a0c2d11",
    "order": 0,
    "exerciseId": "bridge",
    "exerciseName": "Bridge",
    "variantId": None,
    "set": 1,
    "side": None,
    "repsPlanned": 5,
    "repsDone": 5,
    "holdSecondsPlanned": 5,
    "heldSeconds": [5, 5, 5, 5, 5.1],
    "skipped": False,
    "recordedAt": "2026-11-02T07:31:00.000Z",
}


class SetRecord(WireModel):
    """One set of one exercise, on one side where it has sides: what was planned and what was done."""

    model_config = ConfigDict(title="Set", json_schema_extra={"examples": [SET_EXAMPLE]})

    client_id: ClientId = Field(alias="id")
    order: whole_number(0, 10000, "Position of the set in the session.")
    exercise_id: CatalogId = Field(description="An exercise of the catalog.")
    exercise_name: text(1, 200)
    variant_id: CatalogId | None = Field(description="A variant of that exercise.")
    set_number: whole_number(1, 100) = Field(alias="set")
    side: Literal["left", "right"] | None
    reps_planned: SmallCount
    reps_done: SmallCount
    hold_seconds_planned: whole_number(0, 3600) | None
    held_seconds: bounded_list(Annotated[float, Field(ge=0, le=3600)], 1000, "Seconds held, rep by rep.")
    skipped: Annotated[bool, Field(strict=True)]
    recorded_at: Timestamp


class ExerciseStop(WireModel):
    """An exercise the person stopped, and why."""

    exercise_id: CatalogId
    reason: CatalogId = Field(description="A stop reason of the safety data.")
    at: Timestamp


SESSION_EXAMPLE = {
    "id": "9a7e6d1c-2b3f-4c5d-8e9f-0a1b2c3d4e5f",
    "routineId": "back-basics",
    "routineTitle": "Back basics",
    "startedAt": "2026-11-02T07:30:00.000Z",
    "endedAt": "2026-11-02T07:37:00.000Z",
    "painBefore": 6,
    "painAfter": 4,
    "note": "",
    "status": "completed",
    "stopReason": None,
    "exerciseStops": [],
    "updatedAt": "2026-11-02T07:37:05.000Z",
    "sets": [SET_EXAMPLE],
}


def readable_stops(stored):
    """The stored exercise stops that are valid today.

    Before times were parsed for real, a stop's `at` was only matched against a pattern, so a
    row may hold one on 30 February: it is left out of answers (and stays in the row), never a 500.
    """
    for stop in stored:
        try:
            yield ExerciseStop.model_validate(stop)
        except ValueError:
            continue


class SessionRecord(WireModel):
    """A routine session with its sets, as the player logged it."""

    model_config = ConfigDict(title="Session", json_schema_extra={"examples": [SESSION_EXAMPLE]})

    client_id: ClientId = Field(alias="id")
    routine_id: CatalogId = Field(description="A routine of the catalog.")
    routine_title: text(1, 200)
    started_at: Timestamp
    ended_at: Timestamp | None
    pain_before: Pain
    pain_after: Pain
    note: text(max_length=limits.MAX_NOTE_LENGTH)
    status: Literal["in-progress", "completed", "stopped", "abandoned"]
    stop_reason: CatalogId | None = Field(description="Why the whole session was stopped: a stop reason of the safety data.")
    exercise_stops: bounded_list(ExerciseStop, limits.MAX_EXERCISE_STOPS) = Field(default_factory=list)
    updated_at: Timestamp = Field(description="The device's time of its last edit: the later edit wins.")
    sets: bounded_list(SetRecord, limits.MAX_SETS_PER_SESSION)

    # Kept as JSON in one column, exactly as the wire writes them.
    JSON_COLUMNS: ClassVar[set[str]] = {"exercise_stops"}

    @classmethod
    def from_row(cls, row, **values):
        # JSON columns hold the wire's own shape (camelCase): read them as the wire is read.
        return super().from_row(row, exercise_stops=list(readable_stops(row.exercise_stops)), **values)

    def row(self, **columns):
        """The session's columns (its sets apart), as `sessions` stores them."""
        row = self.model_dump(by_alias=False, exclude={"sets", *self.JSON_COLUMNS})
        row |= {name: self.model_dump(mode="json", include={name})[to_camel(name)] for name in self.JSON_COLUMNS}
        return row | columns


def set_row(record: SetRecord, **columns):
    """A set's columns, as `sets` stores them."""
    return record.model_dump(by_alias=False) | columns


class SyncBatch(WireModel):
    """Sessions to store, each exactly once."""

    # The most objects and lists a valid batch can hold: a body with more is refused unparsed.
    MAX_CONTAINERS: ClassVar[int] = 2 + limits.MAX_SYNC_SESSIONS * (3 + limits.MAX_EXERCISE_STOPS + 2 * limits.MAX_SETS_PER_SESSION)

    sessions: bounded_list(SessionRecord, limits.MAX_SYNC_SESSIONS)


class SyncResult(WireModel):
    """Session ids by outcome: each id sent is in exactly one list."""

    stored: list[str] = Field(description="New on the server.")
    updated: list[str] = Field(description="Known, and replaced by this later edit.")
    already_there: list[str] = Field(description="Known, with this edit or a later one: nothing changed.")


class SessionPage(WireModel):
    """A page of sessions, newest first."""

    sessions: list[SessionRecord]
    next: str | None = Field(description="Pass as `before` for the next (older) page; null on the last page.")


class SessionPageQuery(WireModel):
    """Which page of sessions: how many, and after which."""

    model_config = ConfigDict(strict=False)  # query parameters arrive as text

    limit: Annotated[int, Field(ge=1, le=limits.SESSIONS_PAGE_MAX)] = limits.SESSIONS_PAGE_DEFAULT
    before: text(max_length=200, description="The `next` of the previous page.") | None = None


class NewDevice(WireModel):
    """A device to sign in: on a new account, or with a pairing code on an existing one."""

    name: text(1, 60, description="A name the person will recognise, e.g. 'Phone'.") | None = None
    pairing_code: text(pattern=PAIRING_CODE_PATTERN, description="A code from a device already on the account: joins that account instead of making a new one.") | None = None


class Device(WireModel):
    """A device on the account."""

    public_id: str = Field(alias="id")
    name: str
    created_at: Timestamp
    last_seen_at: Timestamp
    current: bool = Field(description="True for the device making the request.")


class DeviceToken(WireModel):
    """A signed-in device and its bearer token."""

    token: str = Field(description="The bearer token. Shown once: the server keeps only its hash.")
    device: Device


class DeviceList(WireModel):
    """Every device on the account."""

    devices: list[Device]


class PairingCode(WireModel):
    code: text(pattern=PAIRING_CODE_PATTERN)
    expires_at: Timestamp


DeviceId = text(pattern=DEVICE_ID_PATTERN)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAYS_PATTERN = "^[a-z]{3}(?:,[a-z]{3}){0,6}$"
LOCAL_TIME_PATTERN = "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
# Base64url as browsers write a subscription's keys (unpadded), padding allowed.
BASE64URL_PATTERN = "^[A-Za-z0-9_-]+={0,2}$"
TIME_ZONE_PATTERN = "^[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+){0,2}$"
PATTERN_WORDS |= {
    DAYS_PATTERN: "must name days as mon, tue, wed, thu, fri, sat, sun, comma-separated",
    LOCAL_TIME_PATTERN: "must be a time of day as HH:MM, like 08:00",
    BASE64URL_PATTERN: "must be base64url text",
    TIME_ZONE_PATTERN: "must be an IANA time zone, like Europe/London",
}


def known_time_zone(name: str) -> str:
    """An IANA time zone this server knows (`Europe/London`), not merely a well-formed name."""
    from ..reminders import time_zone_names

    if name not in time_zone_names():
        raise PydanticCustomError("time_zone_unknown", "is not an IANA time zone this server knows, like Europe/London")
    return name


def distinct_days(days: list[str]) -> list[str]:
    """The days in week order (Monday first), each once."""
    if len(set(days)) != len(days):
        raise PydanticCustomError("days_repeated", "names a day more than once")
    return sorted(days, key=WEEKDAYS.index)


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Weekdays = Annotated[list[Weekday], Field(min_length=1, max_length=7, description="The days of the week, `mon` to `sun`, each once."), AfterValidator(distinct_days)]
LocalTime = text(pattern=LOCAL_TIME_PATTERN, max_length=5, description="The local time of day, HH:MM (24 hours).")
TimeZone = Annotated[text(1, 64, pattern=TIME_ZONE_PATTERN, description="An IANA time zone, e.g. Europe/London."), AfterValidator(known_time_zone)]


class PushKeys(WireModel):
    """The subscription's keys, as `PushSubscription.toJSON()` writes them."""

    p256dh: text(80, 90, pattern=BASE64URL_PATTERN, description="The browser's P-256 public key, uncompressed (65 bytes), base64url.") = Field(alias="p256dh")
    auth: text(20, 24, pattern=BASE64URL_PATTERN, description="The 16-byte authentication secret, base64url.")


class PushSubscription(WireModel):
    """A Web Push subscription: `pushManager.subscribe(...)`'s answer, `toJSON()` as it is."""

    endpoint: text(12, 2048, description="The push service's URL for this subscription (https).")
    expiration_time: Annotated[float | None, Field(ge=0, description="When the subscription ends (ms since 1970), as the browser says; not used.")] = None
    keys: PushKeys


REMINDER_EXAMPLE = {
    "subscription": {
        "endpoint": "https://fcm.googleapis.com/fcm/send/example",
        "keys": {"p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM", "auth": "tBHItJI5svbpez7KI4CCXg"},
    },
    "days": ["mon", "wed", "fri"],
    "time": "08:00",
    "timeZone": "Europe/London",
    "pausedForSafety": False,
}


class ReminderSettings(WireModel):
    """This device's reminder: where to push it, on which days, at what local time."""

    model_config = ConfigDict(title="ReminderSettings", json_schema_extra={"examples": [REMINDER_EXAMPLE]})

    subscription: PushSubscription
    days: Weekdays
    local_time: LocalTime = Field(alias="time")
    time_zone: TimeZone
    paused_for_safety: Annotated[bool, Field(strict=True, description="True while an emergency or urgent answer of the safety check stands: then no reminder is sent.")]


class Reminder(ReminderSettings):
    """This device's reminder as the server keeps it."""

    model_config = ConfigDict(title="Reminder", json_schema_extra={"examples": [REMINDER_EXAMPLE | {"settledOn": "2026-11-02"}]})

    settled_on: str | None = Field(description="The last local date (YYYY-MM-DD) whose reminder was sent or deliberately not sent; null before the first.")


class VapidPublicKey(WireModel):
    """The application server key for `pushManager.subscribe({applicationServerKey})`."""

    public_key: str = Field(description="The server's P-256 public key, uncompressed (65 bytes), base64url without padding.")


def day_list(days: str) -> list[str]:
    """`mon,wed,fri` as the days it names, in week order; each a day, each once."""
    names = days.split(",")
    if any(name not in WEEKDAYS for name in names):
        raise PydanticCustomError("day_unknown", "must name days as mon, tue, wed, thu, fri, sat, sun, comma-separated")
    return distinct_days(names)


class CalendarQuery(WireModel):
    """The days and time of a repeating calendar event."""

    model_config = ConfigDict(strict=False)  # query parameters arrive as text

    days: Annotated[text(3, 27, pattern=DAYS_PATTERN, description="The days, comma-separated: mon,wed,fri."), AfterValidator(day_list)]
    time: LocalTime
    tz: TimeZone


class ErrorDetail(WireModel):
    """What went wrong, and which request field is at fault where one is."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=False)

    status: Annotated[int, Field(ge=400, le=599)]
    message: str
    field: str | None = Field(default=None, description="The request field at fault, e.g. `sessions[0].painAfter`, `limit` or `body`.")


class Error(WireModel):
    """Every error of this API."""

    error: ErrorDetail
