"""Cross-reference checks of the catalog that its schemas cannot express: ids, sources, postures, sides.

The daily plan's own checks are in `plan.py`.
"""

from urllib.parse import urlsplit

from .files import Fault


def index_sources(file, document, faults):
    """The sources keyed by id, refusing duplicate ids and home-page links; None when the file itself is invalid."""
    if document is None:
        return None
    check_unique_ids(str(file), [(f"$.sources[{index}].id", source["id"]) for index, source in enumerate(document["sources"])], faults, "source id")
    for index, source in enumerate(document["sources"]):
        if "url" in source and is_home_page(source["url"]):
            faults.append(Fault(str(file), f"$.sources[{index}].url", f"'{source['id']}' links only to a home page ({source['url']}): link the page that says what is cited to it"))
    return {source["id"]: source for source in document["sources"]}


def is_home_page(url):
    """Whether a link goes only to a site's front page, which never shows a person the words we cite."""
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query and not parts.fragment


# Ids that sources.json cited until December 2026 and no longer has (a low-authority guide and
# three home pages). An own routine saved, or a link shared, before then may still name them.
RETIRED_SOURCE_IDS = frozenset({"MCG", "UCI", "Merck", "HW"})


def check_source_ids(file, path, ids, sources, faults, legacy_ok=False):
    """Every cited source must be in `sources.json` (unchecked while that file has faults), and
    none may be a seed: a seed article is internal provenance, never shown as a source.

    `legacy_ok` lets through a seed or retired id, as an own routine saved by an older version
    may name them; the app shows neither (it spells out only what the catalog serves).
    """
    if sources is None:
        return
    for index, source_id in enumerate(ids):
        if legacy_ok and (source_id in RETIRED_SOURCE_IDS or sources.get(source_id, {}).get("kind") == "seed"):
            continue
        if source_id not in sources:
            faults.append(Fault(file, f"{path}[{index}]", f"unknown source '{source_id}': add it to sources.json"))
        elif sources[source_id]["kind"] == "seed":
            faults.append(Fault(file, f"{path}[{index}]", f"'{source_id}' is a seed article, which users never see as a source: list it in provenance"))


def check_provenance(file, document, sources, faults):
    """A provenance list (optional) names seed articles only, each known to `sources.json`."""
    if sources is None:
        return
    for index, source_id in enumerate(document.get("provenance", [])):
        if source_id not in sources:
            faults.append(Fault(file, f"$.provenance[{index}]", f"unknown source '{source_id}': add it to sources.json"))
        elif sources[source_id]["kind"] != "seed":
            faults.append(Fault(file, f"$.provenance[{index}]", f"'{source_id}' is a {sources[source_id]['kind']}, not a seed article: cite it in sources"))


def check_exercise(file, exercise, sources, faults):
    """Cross-reference checks the schema cannot express for one exercise."""
    check_source_ids(file, "$.sources", exercise["sources"], sources, faults)
    check_provenance(file, exercise, sources, faults)
    check_unique_ids(file, [(f"$.variants[{index}].id", variant["id"]) for index, variant in enumerate(exercise["variants"])], faults, "variant id")


def index_postures(file, document, sources, faults):
    """The postures by id, each id once and each source known; None while the file has faults."""
    if document is None:
        return None
    entries = document["postures"]
    check_unique_ids(file, [(f"$.postures[{index}].id", posture["id"]) for index, posture in enumerate(entries)], faults, "posture")
    for index, posture in enumerate(entries):
        check_source_ids(file, f"$.postures[{index}].sources", posture["sources"], sources, faults)
    return {posture["id"]: posture for posture in entries}


def check_exercise_postures(file, exercise, postures, faults):
    """The posture an exercise, or a variant, starts from must be described in postures.json."""
    if postures is None:
        return
    named = [("$.posture", exercise["posture"])]
    named += [(f"$.variants[{index}].posture", variant["posture"]) for index, variant in enumerate(exercise["variants"]) if "posture" in variant]
    for path, posture_id in named:
        if posture_id not in postures:
            faults.append(Fault(file, path, f"posture '{posture_id}' is not in postures.json"))


def check_illustrations(file, exercise, illustrations_dir, faults):
    """The exercise's illustration, and each variant's, must exist as files."""
    named = [("$.illustration", exercise["illustration"])]
    named += [(f"$.variants[{index}].illustration", variant["illustration"]) for index, variant in enumerate(exercise["variants"]) if "illustration" in variant]
    for path, name in named:
        if not (illustrations_dir / name).is_file():
            faults.append(Fault(file, path, f"illustration '{name}' is not in {illustrations_dir}"))


def check_routine(file, routine, exercises, sources, faults, legacy_ok=False):
    """Cross-reference checks for one routine: exercises, variants, sides and sources.

    `exercises` maps every exercise id present to `(file, document)`, document None when invalid;
    `legacy_ok` is for own routines, which may still name sources since withdrawn.
    """
    check_source_ids(file, "$.sources", routine["sources"], sources, faults, legacy_ok)
    check_provenance(file, routine, sources, faults)
    items = routine["items"]
    for index, item in enumerate(items):
        path = f"$.items[{index}]"
        exercise_id = item["exercise"]
        if exercise_id not in exercises:
            faults.append(Fault(file, f"{path}.exercise", f"unknown exercise '{exercise_id}'"))
            continue
        exercise = exercises[exercise_id][1]
        if exercise is None:
            continue  # its own faults are reported against its file
        variant_id = item.get("variant")
        if variant_id is not None and variant_id not in {variant["id"] for variant in exercise["variants"]}:
            faults.append(Fault(file, f"{path}.variant", f"exercise '{exercise_id}' has no variant '{variant_id}'"))
        if item["per_side"] and not exercise["two_sided"]:
            faults.append(Fault(file, f"{path}.per_side", f"exercise '{exercise_id}' is one-sided: per_side must be false"))
        if exercise["two_sided"] and not item["per_side"]:
            faults.append(Fault(file, f"{path}.per_side", f"exercise '{exercise_id}' is two-sided: per_side must be true"))
    if items and items[-1]["rest_after_seconds"] != 0:
        faults.append(
            Fault(
                file,
                f"$.items[{len(items) - 1}].rest_after_seconds",
                "the last item has nothing after it: rest_after_seconds must be 0",
            )
        )


def check_unique_ids(file, entries, faults, kind="id"):
    """`entries` are `(path, id)` pairs that must not repeat an id; `kind` names it in the fault."""
    seen = set()
    for path, entry_id in entries:
        if entry_id in seen:
            faults.append(Fault(file, path, f"duplicate {kind} '{entry_id}'"))
        seen.add(entry_id)


def check_safety(file, safety, routines, sources, faults):
    """Cross-references of the safety content: sources, the gentler routine, ids, limits."""
    check_source_ids(file, "$.sources", safety["sources"], sources, faults)
    for level, advice in safety["advice"].items():
        check_source_ids(file, f"$.advice.{level}.sources", advice["sources"], sources, faults)
    guard = safety["pain_guard"]
    check_source_ids(file, "$.pain_guard.advice.sources", guard["advice"]["sources"], sources, faults)
    check_source_ids(file, "$.pain_guard.after_gentler.sources", guard["after_gentler"]["sources"], sources, faults)
    check_source_ids(file, "$.pain_guard.high_before.advice.sources", guard["high_before"]["advice"]["sources"], sources, faults)
    check_source_ids(file, "$.heat_cold.sources", safety["heat_cold"]["sources"], sources, faults)
    check_source_ids(file, "$.warning_signs.sources", safety["warning_signs"]["sources"], sources, faults)
    check_source_ids(file, "$.scope.sources", safety["scope"]["sources"], sources, faults)
    for region, service in safety["emergency_services"].items():
        if sources is not None and "source" in service and service["source"] not in sources:
            faults.append(Fault(file, f"$.emergency_services.{region}.source", f"unknown source '{service['source']}': add it to sources.json"))
    gentler = safety["pain_guard"]["gentler_routine"]
    if gentler not in routines:
        faults.append(Fault(file, "$.pain_guard.gentler_routine", f"unknown routine '{gentler}'"))
    questions = [(f"$.{group}[{index}].id", question["id"]) for group in ("emergency_questions", "urgent_questions", "banner_questions") for index, question in enumerate(safety[group])]
    check_unique_ids(file, questions, faults)
    check_unique_ids(file, [(f"$.stop_reasons[{index}].id", reason["id"]) for index, reason in enumerate(safety["stop_reasons"])], faults)
    for kind in ("heat", "cold"):
        limits = safety["heat_cold"][kind]
        if limits["default_minutes"] > limits["max_minutes"]:
            faults.append(Fault(file, f"$.heat_cold.{kind}.default_minutes", "is longer than max_minutes"))
    for kind in ("heat", "cold"):
        limits = safety["heat_cold"][kind]
        for index, minute in enumerate(limits["skin_check_minutes"]):
            if minute >= limits["max_minutes"]:
                faults.append(Fault(file, f"$.heat_cold.{kind}.skin_check_minutes[{index}]", "comes at or after the cap"))
    check_time_zones(file, safety, faults)


def check_time_zones(file, safety, faults):
    """Every country a time zone names must have an emergency number, and every number a time zone:
    a number no zone leads to would never be offered."""
    numbers = safety["emergency_services"]
    reached = set()
    for zone, countries in safety["time_zones"].items():
        for index, country in enumerate(countries):
            reached.add(country)
            if country not in numbers:
                faults.append(Fault(file, f"$.time_zones['{zone}'][{index}]", f"country '{country}' has no emergency number in emergency_services"))
    for country in numbers:
        if country not in reached:
            faults.append(Fault(file, f"$.emergency_services.{country}", "no time zone in time_zones leads to this country, so its number is never offered"))


def check_guide(file, guide, sources, faults):
    """Every guide page has a unique id and every claim cites known sources."""
    check_unique_ids(file, [(f"$.pages[{index}].id", page["id"]) for index, page in enumerate(guide["pages"])], faults)
    for page_index, page in enumerate(guide["pages"]):
        for claim_index, claim in enumerate(page["claims"]):
            check_source_ids(file, f"$.pages[{page_index}].claims[{claim_index}].sources", claim["sources"], sources, faults)
