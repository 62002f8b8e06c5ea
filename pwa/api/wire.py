"""The base of every shape that crosses `/api/v1`: field types, the model they live in, the error.

Each shape is defined once as a pydantic model, in the module of its concern: `log_wire.py`
(sessions and sets), `function_check_wire.py`, `own_routine_wire.py`, `device_wire.py` and
`reminder_wire.py`, all built on the types here, so names, ids and times are checked alike
everywhere. Request validation, the OpenAPI document and the JSON the API writes all come from
these models (through spectree, see `spec.py`), and the storing code maps them to rows by their
field names, which are the database columns' names. JSON names are camelCase, as the client
writes them.
"""

import re
from datetime import datetime, timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, StringConstraints, WithJsonSchema
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from ..catalog.files import ID_PATTERN as CATALOG_ID_PATTERN
from ..storing import limits
from ..storing.timestamps import iso, parse_time, utc_now

# Lower case only, as `crypto.randomUUID()` writes them: one id, one spelling. `[0-9]`, not `\d`,
# which matches every script's digits; the Rust regex engine's `$` is the very end of the text.
UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# RFC 3339 with its offset: a time without one cannot be placed on a timeline.
TIMESTAMP_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?(?:Z|[+-][0-9]{2}:[0-9]{2})$"
TIMESTAMP_MAX_LENGTH = 40
PAIRING_CODE_PATTERN = "^[A-Za-z0-9 -]{8,12}$"
DEVICE_ID_PATTERN = "^[0-9a-f]{32}$"
DAYS_PATTERN = "^[a-z]{3}(?:,[a-z]{3}){0,6}$"
LOCAL_TIME_PATTERN = "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
# Base64url as browsers write a subscription's keys (unpadded), padding allowed.
BASE64URL_PATTERN = "^[A-Za-z0-9_-]+={0,2}$"
TIME_ZONE_PATTERN = "^[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+){0,2}$"
# NUL and lone surrogates: valid in a JSON string, but no database column can store them.
UNSTORABLE_TEXT = re.compile("[\x00\ud800-\udfff]")

TIMESTAMP_EXAMPLE = "2026-11-21T08:30:00.000Z"
# How each pattern is said in an error message, instead of the regular expression itself.
PATTERN_WORDS = {
    CATALOG_ID_PATTERN.pattern: "must be an id in lower case with dashes, like back-basics",
    UUID_PATTERN: "must be a UUID in lower case",
    PAIRING_CODE_PATTERN: "must be a pairing code, like ABCD-EFGH",
    DEVICE_ID_PATTERN: "must be a device id from GET /devices",
    DAYS_PATTERN: "must name days as mon, tue, wed, thu, fri, sat, sun, comma-separated",
    LOCAL_TIME_PATTERN: "must be a time of day as HH:MM, like 08:00",
    BASE64URL_PATTERN: "must be base64url text",
    TIME_ZONE_PATTERN: "must be an IANA time zone, like Europe/London",
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
        return parse_time(value)
    except ValueError:
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


# The one answer of every sync: the log, the weekly checks and the own routines each store a batch of records by id.
class SyncResult(WireModel):
    """Ids by outcome (of sessions, weekly checks or own routines): each id sent is in exactly one list."""

    stored: list[str] = Field(description="New on the server.")
    updated: list[str] = Field(description="Known, and replaced by this later edit.")
    already_there: list[str] = Field(description="Known, with this edit or a later one: nothing changed.")


class ErrorDetail(WireModel):
    """What went wrong, and which request field is at fault where one is."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=False)

    status: Annotated[int, Field(ge=400, le=599)]
    message: str
    field: str | None = Field(default=None, description="The request field at fault, e.g. `sessions[0].painAfter`, `limit` or `body`.")


class Error(WireModel):
    """Every error of this API."""

    error: ErrorDetail
