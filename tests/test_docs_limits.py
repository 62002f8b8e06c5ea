"""Every limit the docs name is the code's. The limits tables (docs/limits.md, and the targets in
docs/benchmarks.md) are read and each value compared with the constant, schema or setting its row
names; every constant of pwa/storing/limits.py and every rate limit has a row; and each sentence that
repeats a limit in prose is checked against the same value, so a changed limit fails here until
every page that states it says the new one."""

import ast
import json
import re
from datetime import timedelta
from fractions import Fraction

from pwa import PROJECT_ROOT

DOCS = PROJECT_ROOT / "docs"
TABLE_HEAD = "| limit | value | in the code |"
API_LIMITS = "pwa/storing/limits.py"
# A value's unit, in bytes, seconds or a plain count.
UNITS = {"KiB": 1024, "MiB": 1024**2, "ms": Fraction(1, 1000), "second": 1, "minute": 60, "hour": 3600, "day": 86400, "character": 1}
# The unit of a number in the code, read from its name (MAX_CLOCK_AHEAD_HOURS, recheck_days...).
NAME_UNITS = {"_ms": Fraction(1, 1000), "_seconds": 1, "_minutes": 60, "_hours": 3600, "_days": 86400}
RANGE_KEYS = (("minimum", "maximum"), ("minLength", "maxLength"), ("minItems", "maxItems"))
RATE = 'config:RATE_LIMITS["{}"]'
# Sentences that repeat a limit, as templates: {reference|format} is the code's value, written the
# way the sentence writes it (see `spelled`).
SAID = {
    "user-guide.md": [
        "along with the\nanswers of up to {static/js/plan/plan-store.js:EARLIER_KEPT|n} earlier days",
        "({routines/schema/exercise.schema.json#/$defs/sets|low} to {routines/schema/exercise.schema.json#/$defs/sets|high} sets, "
        "{routines/schema/exercise.schema.json#/$defs/reps|low} to {routines/schema/exercise.schema.json#/$defs/reps|high} reps,\n"
        "holds up to {routines/schema/exercise.schema.json#/$defs/hold_seconds|high} s, rests up to {routines/schema/exercise.schema.json#/$defs/rest_seconds|high} s, "
        "at most {routines/schema/routine.schema.json#/properties/items|high} exercises, "
        "a name of {routines/schema/exercise.schema.json#/$defs/short_text|low} to {routines/schema/exercise.schema.json#/$defs/short_text|high} characters",
        "An account keeps up to {pwa/storing/limits.py:MAX_OWN_ROUTINES|n} routines",
        "is over {static/js/own-routines/shared-routine.js:MAX_FILE_BYTES|KB} KB",
        "works once, for {pwa/storing/limits.py:PAIRING_CODE_MINUTES|duration}",
        "again every {routines/safety.json#/recheck_days|days} days",
    ],
    "api.md": [
        "single use, valid {pwa/storing/limits.py:PAIRING_CODE_MINUTES|duration}",
        "(at most {pwa/storing/limits.py:MAX_SYNC_SESSIONS|n}, each with at most {pwa/storing/limits.py:MAX_SETS_PER_SESSION|n} sets; body at most {pwa/storing/limits.py:MAX_SYNC_BODY_BYTES|size})",
        "(at most {pwa/storing/limits.py:MAX_SYNC_FUNCTION_CHECKS|n} checks, each with 1–{pwa/storing/limits.py:MAX_FUNCTION_CHECK_ACTIVITIES|n} activities: names trimmed, "
        "1–{pwa/storing/limits.py:MAX_ACTIVITY_NAME_LENGTH|n} characters",
        "times at most {pwa/storing/limits.py:MAX_CLOCK_AHEAD_HOURS|duration} ahead",
        "an account keeps at most {pwa/storing/limits.py:MAX_FUNCTION_CHECKS_PER_ACCOUNT|n}, about 19 years",
        "(the newest {pwa/storing/limits.py:MAX_FUNCTION_CHECKS_LISTED|n} at most)",
        "(at most {pwa/storing/limits.py:MAX_OWN_ROUTINES_BATCH|n}; body at most {pwa/storing/limits.py:MAX_OWN_ROUTINES_BODY_BYTES|size})",
        "An account keeps at most {pwa/storing/limits.py:MAX_OWN_ROUTINES|n} routines (deleted ones do not count) and the latest {pwa/storing/limits.py:MAX_OWN_ROUTINE_TOMBSTONES|n} deletions",
        "a body over\n{pwa/storing/limits.py:MAX_BODY_BYTES|size} ({pwa/storing/limits.py:MAX_SYNC_BODY_BYTES|size} for `/sync`, {pwa/storing/limits.py:MAX_OWN_ROUTINES_BODY_BYTES|size} for `/own-routines`) is a `413`",
        f"New accounts ({{{RATE.format('new-account')}|rate}}), pairing-code attempts ({{{RATE.format('pairing-redeem')}|rate}}) per client address, and new\n"
        f"pairing codes per account ({{{RATE.format('pairing-code')}|rate}})",
        f"A device changes its reminder at most {{{RATE.format('reminder-change')}|hits}} times in {{{RATE.format('reminder-change')}|window}}.",
        f"{{{RATE.format('calendar')}|hits}} files in {{{RATE.format('calendar')}|window}} per client address",
        "by\nless than {pwa/reminders/__init__.py:LATE_BY_AT_MOST|duration}",
        "a JWT valid for {pwa/reminders/__init__.py:JWT_LIFETIME_SECONDS|duration}), lives {pwa/reminders/__init__.py:TIME_TO_LIVE|duration} at the push service",
    ],
    "benchmarks.md": [
        "against the {bench/figure_weight.py:BUDGET_BYTES|KB} KB budget",
        "budget {bench/page_weight.py:FIRST_PAINT_BUDGET|KB} KB), the illustrations (budget {bench/page_weight.py:ILLUSTRATIONS_BUDGET|KB} KB) and\n"
        "the whole precache (budget {bench/page_weight.py:PRECACHE_BUDGET|KB} KB)",
        "(budget {bench/figure_weight.py:BUDGET_BYTES|KB} KB by either)",
        "(target {bench/player_timing.py:TARGET_MS|ms} ms)",
        "(target {bench/api_ratio.py:TARGET|n})",
        '(targets {bench/phone_load.py:TARGETS["first_paint_ms"]|ms} ms, {bench/phone_load.py:TARGETS["start_ms"]|ms} ms, '
        '{bench/phone_load.py:TARGETS["bytes_before_start"]|KB} KB, {bench/phone_load.py:TARGETS["bytes_total"]|KB} KB)',
    ],
}


def limit_rows():
    """(page, limit, value, reference) for each row of every limits table in docs/."""
    for page in sorted(DOCS.glob("*.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines):
            if line != TABLE_HEAD:
                continue
            for row in lines[index + 2 :]:
                if not row.startswith("|"):
                    break
                limit, value, reference = (cell.strip() for cell in row.strip().strip("|").split("|"))
                yield page.name, limit, value, reference.strip("`")


def module_constants(path):
    """A module's constants, from its source (no import): each top-level assignment whose value is
    made of literals and earlier constants."""
    namespace = {"timedelta": timedelta}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                namespace[node.targets[0].id] = eval(compile(ast.Expression(node.value), str(path), "eval"), {"__builtins__": {}}, namespace)
            except (NameError, TypeError, AttributeError):
                continue  # not a constant: a logger, a function call, a path
    return namespace


def js_constant(path, name):
    match = re.search(rf"^(?:export )?const {name} = ([\d\s*+/().-]+);", path.read_text(encoding="utf-8"), re.MULTILINE)
    return eval(match.group(1), {"__builtins__": {}}) if match else None


def code_value(reference, app):
    """The code's value for a reference: `config:EXPR` (the app's settings), `FILE.py:EXPR` (a
    module's constants), `FILE.js:NAME` (a `const`) or `FILE.json#/pointer`."""
    if reference.startswith("config:"):
        return eval(reference.removeprefix("config:"), {"__builtins__": {}}, dict(app.config))
    file_name, rest = re.split(r"[:#]", reference, maxsplit=1)
    path = PROJECT_ROOT / file_name
    assert path.is_file(), f"{reference}: {file_name} does not exist"
    if path.suffix == ".py":
        return eval(rest, {"__builtins__": {}}, module_constants(path))
    if path.suffix == ".js":
        return js_constant(path, rest)
    value = json.loads(path.read_text(encoding="utf-8"))
    for key in rest.strip("/").split("/"):
        value = value[key]
    return value


def normalise(raw, reference):
    """A code value in bytes, seconds or a count: (hits, seconds) for a rate, (low, high) for a range."""
    scale = next((unit for suffix, unit in NAME_UNITS.items() if re.findall(r"[A-Za-z_]+", reference)[-1].lower().endswith(suffix)), 1)
    if hasattr(raw, "hits"):
        return (raw.hits, raw.seconds)
    if isinstance(raw, timedelta):
        return int(raw.total_seconds())
    if isinstance(raw, dict):
        low, high = next((raw.get(low, 0), raw[high]) for low, high in RANGE_KEYS if high in raw)
        return (low * scale, high * scale)
    return Fraction(str(raw)) * scale if isinstance(raw, float) else raw * scale


def measure(value):
    """A documented value in the same terms: '64 KiB', '30 in 1 hour', '0 to 60 seconds', '0.8'."""
    number = r"(\d+(?:\.\d+)?)"
    unit = r"(?: ([A-Za-z]+))?"
    if match := re.fullmatch(rf"(\d+) in (\d+){unit}", value):
        return (int(match[1]), int(match[2]) * scale_of(match[3]))
    if match := re.fullmatch(rf"{number} to {number}{unit}", value):
        return (Fraction(match[1]) * scale_of(match[3]), Fraction(match[2]) * scale_of(match[3]))
    if match := re.fullmatch(rf"{number}{unit}", value):
        return Fraction(match[1]) * scale_of(match[2])
    raise AssertionError(f"cannot read the value {value!r}")


def scale_of(word):
    """What one of a unit is in bytes or seconds ('hours' as 'hour'); a plain count is 1."""
    if word is None:
        return 1
    scale = UNITS.get(word) or UNITS.get(word.removesuffix("s"))
    assert scale, f"no such unit: {word!r}"
    return scale


def duration(seconds):
    for size, word, one in ((86400, "days", "a day"), (3600, "hours", "an hour"), (60, "minutes", "a minute")):
        if seconds % size == 0:
            return one if seconds == size else f"{seconds // size} {word}"
    return f"{seconds} seconds"


def spelled(value, form):
    """A normalised value written as the docs write it."""
    forms = {
        "n": lambda: str(float(value)) if isinstance(value, Fraction) and value.denominator != 1 else str(value),
        "low": lambda: str(value[0]),
        "high": lambda: str(value[1]),
        "KB": lambda: str(value // 1024),
        "size": lambda: f"{value // 1024**2} MiB" if value % 1024**2 == 0 else f"{value // 1024} KiB",
        "ms": lambda: f"{int(value * 1000):,}",
        "days": lambda: str(value // 86400),
        "duration": lambda: duration(value),
        "hits": lambda: str(value[0]),
        "window": lambda: duration(value[1]),
        "rate": lambda: f"{value[0]} an hour" if value[1] == 3600 else f"{value[0]} in {duration(value[1])}",
    }
    return forms[form]()


def test_every_limit_in_the_docs_tables_is_the_codes(app):
    rows = list(limit_rows())
    assert {page for page, *_ in rows} == {"limits.md", "benchmarks.md"}
    wrong = []
    for page, limit, value, reference in rows:
        raw = code_value(reference, app)
        assert raw is not None, f"docs/{page}: '{limit}': {reference} names nothing in the code"
        if measure(value) != normalise(raw, reference):
            wrong.append(f"docs/{page}: '{limit}' says {value}, but {reference} is {raw}")
    assert wrong == []


def test_every_api_limit_and_rate_limit_has_a_row(app):
    referenced = {reference for *_, reference in limit_rows()}
    constants = [name for name, value in module_constants(PROJECT_ROOT / API_LIMITS).items() if name.isupper() and isinstance(value, int)]
    expected = [f"{API_LIMITS}:{name}" for name in constants] + [RATE.format(name) for name in app.config["RATE_LIMITS"]]
    assert len(constants) > 10
    assert [reference for reference in expected if reference not in referenced] == [], "constants and rate limits that docs/limits.md does not list"


def test_every_sentence_that_repeats_a_limit_says_the_codes_value(app):
    def fill(template):
        return re.sub(r"\{([^{}|]+)\|(\w+)\}", lambda match: spelled(normalise(code_value(match[1], app), match[1]), match[2]), template)

    missing = []
    for page, templates in SAID.items():
        text = (DOCS / page).read_text(encoding="utf-8")
        missing += [f"docs/{page} should say: {sentence!r}" for sentence in map(fill, templates) if sentence not in text]
    assert missing == []


def test_values_are_read_and_written_in_the_docs_terms():
    assert measure("64 KiB") == 65536
    assert measure("30 in 1 hour") == (30, 3600)
    assert measure("0 to 60 seconds") == (0, 60)
    assert measure("14 days") == normalise(14, "safety.json#/recheck_days")
    assert measure("36 hours") == normalise(36, "MAX_CLOCK_AHEAD_HOURS")
    assert measure("50 ms") == normalise(50, "TARGET_MS")
    assert spelled(4 * 3600, "duration") == "4 hours"
    assert spelled((10, 600), "rate") == "10 in 10 minutes"
    assert spelled(1024**2, "size") == "1 MiB"
    assert spelled(Fraction(1), "ms") == "1,000"
