"""Read-only catalog endpoints, served from JSON documents rendered once at start-up."""

import hashlib
import json
from dataclasses import dataclass

from flask import abort, current_app, request

from ..catalog import dosage
from .blueprint import bp
from .spec import PUBLIC, errors, responses, spec


@dataclass(frozen=True)
class Document:
    """A response body rendered once, with its strong ETag.

    `pwa.delivery.static_files` serves every GET and HEAD of it, compressed ahead of time, before Flask
    is reached. The views below are what the OpenAPI document is made from, and they answer the
    404 of an id no document has; `serve` is their plain path, used only without WhiteNoise.
    """

    body: bytes
    etag: str

    @classmethod
    def of(cls, data):
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return cls(body=body, etag=content_etag(body))


def content_etag(body):
    """The strong validator of a body: its hash, the same on every machine."""
    return hashlib.sha256(body).hexdigest()[:32]


ILLUSTRATIONS_URL = "/static/illustrations/"


def with_illustration_url(document):
    """Add the URL of a document's illustration, where it names one."""
    if "illustration" not in document:
        return document
    return {**document, "illustration_url": ILLUSTRATIONS_URL + document["illustration"]}


def resolve_posture(posture_id, postures, sources):
    """A posture spelled out: its name and how to get into it, with its sources."""
    posture = postures[posture_id]
    return {**posture, "sources": [sources[key] for key in posture["sources"]]}


def resolve_variant(variant, postures, sources):
    """A variant with its illustration URL and, for an adaptation, its posture spelled out."""
    resolved = with_illustration_url(variant)
    if "posture" in variant:
        resolved = {**resolved, "posture": resolve_posture(variant["posture"], postures, sources)}
    return resolved


def resolve_exercise(exercise_id, exercise, sources, postures):
    """An exercise as the API shows it: its id, illustration URLs, posture and sources spelled out,
    and no provenance (the seed articles it grew from are never shown as sources)."""
    return {
        "id": exercise_id,
        **with_illustration_url(without_internal_keys(exercise)),
        "posture": resolve_posture(exercise["posture"], postures, sources),
        "variants": [resolve_variant(variant, postures, sources) for variant in exercise["variants"]],
        "sources": [sources[key] for key in exercise["sources"]],
    }


def routine_summary(routine_id, routine, exercises):
    """What a list of routines needs to show one: no items, but the exercise names and length."""
    seconds = dosage.routine_seconds(routine)
    return {
        "id": routine_id,
        "title": routine["title"],
        "summary": routine["summary"],
        "frequency": routine["frequency"],
        "duration_seconds": seconds,
        "duration_minutes": dosage.rounded_minutes(seconds),
        "exercise_count": len(routine["items"]),
        "exercise_names": [exercises[item["exercise"]]["name"] for item in routine["items"]],
    }


def resolve_routine(routine_id, routine, exercises, sources, postures):
    """A routine with each item's exercise and variant spelled out, for the player."""
    items = []
    for index, item in enumerate(routine["items"]):
        exercise = exercises[item["exercise"]]
        variants = {variant["id"]: resolve_variant(variant, postures, sources) for variant in exercise["variants"]}
        # The exercise in full but for its source list, which the player never shows and which
        # would repeat in every routine (it is on /exercises/<id>): the precache stays small.
        resolved_exercise = resolve_exercise(item["exercise"], exercise, sources, postures)
        del resolved_exercise["sources"]
        items.append(
            {
                **item,
                "exercise": resolved_exercise,
                "variant": variants.get(item.get("variant")),
                "duration_seconds": dosage.item_seconds(item, is_last=index == len(routine["items"]) - 1),
            }
        )
    return {
        **routine_summary(routine_id, routine, exercises),
        **without_internal_keys(routine),
        "warm_up": routine.get("warm_up"),
        "items": items,
        "sources": [sources[key] for key in routine["sources"]],
    }


def resolve_advice(advice, sources):
    """A block of safety content (advice, warning signs, heat and cold rules) with its sources spelled out."""
    return {**advice, "sources": [sources[key] for key in advice["sources"]]}


def resolve_safety(safety, sources):
    """The safety content with every source spelled out."""
    heat_cold = safety["heat_cold"]
    pain_guard = safety["pain_guard"]
    return {
        **without_schema_key(safety),
        "advice": {level: resolve_advice(advice, sources) for level, advice in safety["advice"].items()},
        "pain_guard": {
            **pain_guard,
            "advice": resolve_advice(pain_guard["advice"], sources),
            "after_gentler": resolve_advice(pain_guard["after_gentler"], sources),
            "high_before": {**pain_guard["high_before"], "advice": resolve_advice(pain_guard["high_before"]["advice"], sources)},
        },
        "heat_cold": resolve_advice(heat_cold, sources),
        "warning_signs": resolve_advice(safety["warning_signs"], sources),
        "scope": resolve_advice(safety["scope"], sources),
        # The shape app versions installed before the country names read: region code to number.
        # They keep offering the right number until the person takes the update.
        "emergency_numbers": {region: service["number"] for region, service in safety["emergency_services"].items()},
        "sources": [sources[key] for key in safety["sources"]],
    }


def resolve_guide(guide, sources):
    """The guide with each claim's sources spelled out."""
    pages = [{**page, "claims": [{**claim, "sources": [sources[key] for key in claim["sources"]]} for claim in page["claims"]]} for page in guide["pages"]]
    return {"pages": pages}


def resolve_sources(node, sources):
    """A plan (or any data) with every `sources` list of ids spelled out, however deep."""
    if isinstance(node, list):
        return [resolve_sources(item, sources) for item in node]
    if not isinstance(node, dict):
        return node
    return {key: [sources[source] for source in value] if key == "sources" else resolve_sources(value, sources) for key, value in node.items()}


def build_documents(catalog):
    """Every catalog response keyed by its path below `/api/v1`."""
    exercises = {exercise_id: resolve_exercise(exercise_id, exercise, catalog.sources, catalog.postures) for exercise_id, exercise in catalog.exercises.items()}
    documents = {"exercises": Document.of({"exercises": list(exercises.values())})}
    for exercise_id, exercise in exercises.items():
        documents[f"exercises/{exercise_id}"] = Document.of(exercise)
    documents["routines"] = Document.of({"routines": [routine_summary(routine_id, routine, catalog.exercises) for routine_id, routine in catalog.routines.items()]})
    for routine_id, routine in catalog.routines.items():
        documents[f"routines/{routine_id}"] = Document.of(resolve_routine(routine_id, routine, catalog.exercises, catalog.sources, catalog.postures))
    documents["safety"] = Document.of(resolve_safety(catalog.safety, catalog.sources))
    documents["guide"] = Document.of(resolve_guide(catalog.guide, catalog.sources))
    documents["plan"] = Document.of(resolve_sources(without_schema_key(catalog.plan), catalog.sources))
    return documents


def without_schema_key(document):
    """Drop the editor hint `$schema`, which means nothing to the app."""
    return {key: value for key, value in document.items() if key != "$schema"}


def without_internal_keys(document):
    """Drop `$schema` and `provenance`: the seed articles a document grew from stay internal."""
    return {key: value for key, value in without_schema_key(document).items() if key != "provenance"}


def serve(key, not_found_message):
    """Answer with a pre-rendered document: strong ETag, Cache-Control, 304 on a matching If-None-Match."""
    document = current_app.extensions["api_documents"].get(key)
    if document is None:
        abort(404, not_found_message)
    response = current_app.response_class(document.body, mimetype="application/json")
    response.set_etag(document.etag)
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["CATALOG_MAX_AGE"]
    return response.make_conditional(request)


def catalog_document(*statuses):
    """Spectree's record of a catalog route: documented, never validated per request (the
    documents are checked against their schemas once, when the catalog loads)."""
    described = {"HTTP_200": None, "HTTP_304": None} | errors(*statuses)
    return spec.validate(resp=responses(**described), tags=["catalog"], security=PUBLIC, skip_validation=True)


@bp.get("/exercises")
@catalog_document()
def list_exercises():
    """Every exercise"""
    return serve("exercises", "The exercise list is missing.")


@bp.get("/exercises/<exercise_id>")
@catalog_document(404)
def get_exercise(exercise_id):
    """One exercise, its sources spelled out"""
    return serve(f"exercises/{exercise_id}", f"No exercise has the id '{exercise_id}'.")


@bp.get("/routines")
@catalog_document()
def list_routines():
    """Every routine, summarised"""
    return serve("routines", "The routine list is missing.")


@bp.get("/routines/<routine_id>")
@catalog_document(404)
def get_routine(routine_id):
    """One routine with its exercises"""
    return serve(f"routines/{routine_id}", f"No routine has the id '{routine_id}'.")


@bp.get("/safety")
@catalog_document()
def get_safety():
    """The red-flag screen, stop reasons, advice and heat/cold limits"""
    return serve("safety", "The safety content is missing.")


@bp.get("/guide")
@catalog_document()
def get_guide():
    """The guide pages with their sources"""
    return serve("guide", "The guide is missing.")


@bp.get("/plan")
@catalog_document()
def get_plan():
    """The daily plan's rules: the check-in, the routine of each level, stepping down and up"""
    return serve("plan", "The daily plan is missing.")
