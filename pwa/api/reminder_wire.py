"""The shapes of reminders on the wire: a device's Web Push reminder, the server's key, the calendar file's query."""

from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ..reminders import WEEKDAYS, time_zone_names
from .wire import BASE64URL_PATTERN, DAYS_PATTERN, LOCAL_TIME_PATTERN, TIME_ZONE_PATTERN, WireModel, text


def known_time_zone(name: str) -> str:
    """An IANA time zone this server knows (`Europe/London`), not merely a well-formed name."""
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
