"""A refused request's first fault, in words a person can act on, naming the field at fault.

Pydantic reports faults as types with a location (`('sessions', 0, 'painAfter')`); the API says
`sessions[0].painAfter: must be at most 10`, and never echoes the value (which may be huge).
"""

from pydantic import ValidationError

from .wire import PATTERN_WORDS

WORDS = {
    "json_invalid": "is not JSON this API takes (strict JSON, an object, not nested too deep)",
    "json_type": "must be a JSON object",
    "missing": "is required",
    "extra_forbidden": "is not a field this API knows",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "int_parsing": "must be a whole number",
    "float_type": "must be a number",
    "finite_number": "must be a number",
    "string_type": "must be text",
    "string_unicode": "holds a character that cannot be stored (NUL or half of a UTF-16 pair)",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
}
WORDS_WITH_LIMITS = {
    "less_than_equal": "must be at most {le}",
    "greater_than_equal": "must be at least {ge}",
    "too_long": "may hold at most {max_length} items",
    "too_short": "must hold at least {min_length} items",
    "string_too_long": "may be at most {max_length} characters long",
    "string_too_short": "must be at least {min_length} characters long",
}


def field_name(location):
    """`('sessions', 0, 'painBefore')` as `sessions[0].painBefore`; the empty location is `body`."""
    name = ""
    for part in location:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "body"


def describe(fault):
    """What the field must be, in words."""
    kind, context = fault["type"], fault.get("ctx") or {}
    if kind in WORDS:
        return WORDS[kind]
    if kind in WORDS_WITH_LIMITS:
        return WORDS_WITH_LIMITS[kind].format(**context)
    if kind == "literal_error":
        return "must be one of " + context["expected"].replace(" or ", ", ")
    if kind == "string_pattern_mismatch":
        return PATTERN_WORDS.get(context["pattern"], "is not in the expected form")
    # Our own types (times, storable text) say it in their own message.
    return fault["msg"][:200]


def first_fault(error: ValidationError):
    """The (field, message) of the first fault pydantic found, in the order of the document."""
    fault = error.errors(include_url=False, include_input=False)[0]
    return field_name(fault["loc"]), describe(fault)
