"""Times as the server keeps them (naive UTC) and as the API writes and reads them (RFC 3339)."""

from datetime import UTC, datetime


def utc_now():
    """Now, as the naive UTC the database stores."""
    return datetime.now(UTC).replace(tzinfo=None)


def iso(moment):
    """A stored naive-UTC time as the client writes times: milliseconds and a Z."""
    return moment.isoformat(timespec="milliseconds") + "Z"


def parse_time(text):
    """An RFC 3339 time (already checked against `wire.TIMESTAMP_PATTERN`) as naive UTC; ValueError if impossible.

    Year 0001 with a positive offset, or 9999 with a negative one, falls off the calendar in UTC.
    """
    try:
        return datetime.fromisoformat(text).astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        raise ValueError(f"{text} is outside the calendar") from None
