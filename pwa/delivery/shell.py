"""The installable app shell: the page, its web app manifest, the service worker and the JS modules."""

import json
from pathlib import Path

from flask import Blueprint, Flask, current_app, render_template, request

from . import assets
from .security import content_security_policy

bp = Blueprint("shell", __name__)

APP_NAME = "Unknot"
APP_DESCRIPTION = "Guided relief routines for back spasms: gentle exercises, timed for you, offline."
THEME_COLOR = "#0f766e"
BACKGROUND_COLOR = "#f6faf9"
# The catalog documents Home draws from (`static/js/views/home/home-view.js` and the safety gate it
# asks): the shell preloads them, so a first visit fetches them beside the bundle, not after it.
FIRST_VIEW_DATA = ("/api/v1/routines", "/api/v1/safety", "/api/v1/plan")


def asset_manifest():
    """The start-up build of the static files (`assets.AssetManifest`)."""
    return current_app.extensions["assets"]


# The paths the client-side router draws: a reload or a deep link on them gets the shell.
@bp.get("/")
@bp.get("/routines/<routine_id>")
@bp.get("/routines/<routine_id>/share")
@bp.get("/shared")
@bp.get("/exercises/<exercise_id>")
@bp.get("/play/<routine_id>")
@bp.get("/build")
@bp.get("/build/<routine_id>")
@bp.get("/history")
@bp.get("/history/report")
@bp.get("/settings")
@bp.get("/check")
@bp.get("/weekly-check")
@bp.get("/warning-signs")
@bp.get("/heat-cold")
@bp.get("/guide")
@bp.get("/guide/<page_id>")
def shell_page(**_route_values):
    """The one HTML page; the client-side router draws the view for its path."""
    manifest = asset_manifest()
    response = current_app.make_response(render_template("shell.html", assets=manifest, description=APP_DESCRIPTION, first_view_data=FIRST_VIEW_DATA))
    # The page's stylesheet is inline, so that the first paint waits for no other request: the
    # policy allows exactly that stylesheet, by its hash (and still no inline script).
    response.headers["Content-Security-Policy"] = content_security_policy([manifest.style_hash])
    # Revalidate every time: a stale shell would point at modules that no longer exist. The
    # ETag makes that revalidation a 304 while the version is the same.
    response.cache_control.no_cache = True
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/manifest.webmanifest")
def web_app_manifest():
    """The web app manifest, with a shortcut to each routine."""
    icon_urls = asset_manifest().icon_urls
    routines = current_app.extensions["catalog"].routines
    document = {
        "id": "/",
        "name": f"{APP_NAME}: back spasm relief",
        "short_name": APP_NAME,
        "description": APP_DESCRIPTION,
        "lang": "en",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "categories": ["health", "fitness", "medical"],
        "icons": [
            {"src": icon_urls["icon-192.png"], "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": icon_urls["icon-512.png"], "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {"src": icon_urls["icon-maskable-512.png"], "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
            {"src": icon_urls["icon.svg"], "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
        ],
        "shortcuts": [
            {
                "name": routine["title"],
                "short_name": routine["title"],
                "description": routine["summary"],
                "url": f"/routines/{routine_id}",
                "icons": [{"src": icon_urls["icon-192.png"], "sizes": "192x192", "type": "image/png"}],
            }
            for routine_id, routine in routines.items()
        ],
    }
    response = current_app.response_class(json.dumps(document, ensure_ascii=False), mimetype="application/manifest+json")
    response.cache_control.no_cache = True
    return response


@bp.get("/sw.js")
def service_worker():
    """The worker, revalidated on every check so that a new version is found at once."""
    response = current_app.response_class(current_app.extensions["service_worker"], mimetype="text/javascript")
    response.cache_control.no_cache = True
    return response


def service_worker_source(static_dir, asset_manifest):
    """The worker source with its version and precache list in front: any change to them changes its bytes."""
    # Versioned URLs never change: the worker may take them from the HTTP cache, where the page
    # has just put them, instead of downloading them a second time.
    immutable = [url for url in asset_manifest.precache if url.startswith(asset_manifest.immutable_prefixes)]
    # The reminder's notification shows the app's icon; the system fetches it when it draws one.
    icon = asset_manifest.icon_urls["icon-192.png"]
    precache = {"version": asset_manifest.version, "urls": list(asset_manifest.precache), "immutable": immutable, "icon": icon}
    source = (Path(static_dir) / assets.SERVICE_WORKER_SOURCE).read_text(encoding="utf-8")
    return f"self.UNKNOT_PRECACHE = {json.dumps(precache)};\n{source}"


def init_app(app: Flask):
    """Prepare the worker script once and mount the shell's routes."""
    app.extensions["service_worker"] = service_worker_source(app.static_folder, app.extensions["assets"])
    app.register_blueprint(bp)
