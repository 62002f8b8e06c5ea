"""The app shell as the server sends it: page, manifest, service worker, modules, headers, versions."""

import base64
import hashlib
import json
import re
import struct
from io import BytesIO

import pytest
from PIL import Image

from pwa import create_app


def png_size(data):
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def fetch(client, url):
    """GET a URL and close the response, which releases the file behind a static one."""
    with client.get(url) as response:
        response.get_data()
        return response


def make_app(**config):
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", **config})


@pytest.mark.parametrize("path", ["/", "/routines/back-basics", "/routines/back-basics/share", "/shared", "/exercises/bridge", "/play/acute-relief"])
def test_client_routes_get_the_shell(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.content_type.startswith("text/html")
    assert response.cache_control.no_cache
    assert b'<main id="main"' in response.data


def test_shell_has_no_inline_script_and_loads_versioned_assets(app, client):
    html = client.get("/").get_data(as_text=True)
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S)
    assert scripts and all(body.strip() == "" for body in scripts)
    assert "style=" not in html
    manifest = app.extensions["assets"]
    assert f'src="/js/{manifest.js_version}/main.js"' in html
    assert 'rel="stylesheet"' not in html


def test_the_shell_carries_its_stylesheet_inline_allowed_by_its_hash_alone(app, client):
    """The first paint waits for no second request; the policy allows that one stylesheet, no other."""
    response = client.get("/")
    (css,) = re.findall(r"<style>(.*?)</style>", response.get_data(as_text=True), flags=re.S)
    manifest = app.extensions["assets"]
    assert css == manifest.inline_css and ".app-bar" in css
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    policy = dict(directive.strip().split(" ", 1) for directive in response.headers["Content-Security-Policy"].split(";"))
    assert policy["style-src"] == f"'self' 'sha256-{digest}'"
    assert policy["script-src"] == "'self'"
    # Nothing else names a hash: the API and the worker keep the plain policy.
    for url in ("/api/v1/routines", "/sw.js", "/manifest.webmanifest"):
        assert "sha256-" not in client.get(url).headers["Content-Security-Policy"], url


@pytest.mark.parametrize("path", ["/", "/history", "/sw.js"])
def test_pages_and_the_worker_carry_strict_security_headers(client, path):
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "object-src 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "screen-wake-lock=(self)" in headers["Permissions-Policy"]


@pytest.mark.parametrize("path", ["/api/v1/routines", "/api/v1/routines/back-basics", "/manifest.webmanifest", "/api/v1/nothing", "/api/v1/openapi.json"])
def test_data_opened_as_a_page_may_load_and_run_nothing(client, path):
    """JSON opened on its own is a document too: it gets the strictest policy, and no page's extras."""
    headers = client.get(path).headers
    assert headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Permissions-Policy" not in headers


def test_manifest_is_complete(client):
    response = client.get("/manifest.webmanifest")
    assert response.content_type == "application/manifest+json"
    manifest = response.get_json(force=True)
    for field in ("name", "short_name", "description", "start_url", "scope", "id", "theme_color", "background_color"):
        assert manifest[field], field
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == manifest["scope"] == "/"
    assert {shortcut["url"] for shortcut in manifest["shortcuts"]} == {
        "/routines/back-basics",
        "/routines/acute-relief",
        "/routines/morning-mobility",
        "/routines/daily-strength",
        "/routines/desk-break",
    }


def test_manifest_icons_are_real_pngs_of_the_stated_size(client):
    icons = client.get("/manifest.webmanifest").get_json(force=True)["icons"]
    pngs = [icon for icon in icons if icon["type"] == "image/png"]
    assert {(icon["sizes"], icon["purpose"]) for icon in pngs} == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    }
    for icon in pngs:
        response = fetch(client, icon["src"])
        assert response.status_code == 200
        width, height = (int(number) for number in icon["sizes"].split("x"))
        assert png_size(response.data) == (width, height)


def test_maskable_icon_fills_the_square_edge_to_edge(app, client):
    urls = app.extensions["assets"].icon_urls
    any_icon, maskable = fetch(client, urls["icon-512.png"]).data, fetch(client, urls["icon-maskable-512.png"]).data
    assert any_icon != maskable
    # The "any" icon has rounded, transparent corners; the maskable one is opaque there.
    assert Image.open(BytesIO(any_icon)).convert("RGBA").getpixel((1, 1))[3] == 0
    assert Image.open(BytesIO(maskable)).convert("RGBA").getpixel((1, 1))[3] == 255


def test_apple_touch_icon_is_linked(app, client):
    html = client.get("/").get_data(as_text=True)
    url = app.extensions["assets"].icon_urls["apple-touch-icon.png"]
    assert f'rel="apple-touch-icon" href="{url}"' in html
    assert png_size(fetch(client, url).data) == (180, 180)


def service_worker_precache(client):
    body = client.get("/sw.js").get_data(as_text=True)
    first_line = body.splitlines()[0]
    assert first_line.startswith("self.UNKNOT_PRECACHE = ") and first_line.endswith(";")
    return json.loads(first_line.removeprefix("self.UNKNOT_PRECACHE = ").removesuffix(";"))


def test_service_worker_is_served_at_the_root_uncached(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.cache_control.no_cache
    assert 'addEventListener("install"' in response.get_data(as_text=True)


def test_precache_lists_every_module_stylesheet_icon_and_the_catalog(app, client):
    precache = service_worker_precache(client)
    manifest = app.extensions["assets"]
    urls = set(precache["urls"])
    assert precache["version"] == manifest.version
    assert {"/", "/manifest.webmanifest"} <= urls
    # The whole bundle: the entry, the chunk it shares with the rest, and everything else.
    assert {manifest.js_url(name) for name in manifest.js_files} <= urls
    assert "main.js" in manifest.js_files and len(manifest.js_files) >= 3
    # The stylesheet is in the shell page itself.
    assert not {url for url in urls if url.endswith(".css")}
    assert manifest.icon_urls["icon.svg"] in urls
    # The system fetches the PNG icons itself when the app is installed: precaching them is waste.
    assert not {url for url in urls if url.endswith(".png")}
    assert {"/api/v1/routines", "/api/v1/exercises", "/api/v1/plan", "/api/v1/routines/back-basics", "/api/v1/routines/desk-break"} <= urls


def test_every_precached_url_answers_200(client):
    # One failure would make the worker's install fail as a whole.
    for url in service_worker_precache(client)["urls"]:
        assert fetch(client, url).status_code == 200, url


def test_modules_of_the_current_version_are_immutable(app, client):
    response = fetch(client, app.extensions["assets"].js_url("main.js"))
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.cache_control.immutable
    assert response.cache_control.max_age == 365 * 24 * 3600


@pytest.mark.parametrize("path", ["/js/0000000000000000/main.js", "/js/{version}/missing.js", "/js/{version}/../sw.js"])
def test_other_versions_and_unknown_modules_are_404(app, client, path):
    assert client.get(path.format(version=app.extensions["assets"].js_version)).status_code == 404


def test_the_same_files_give_the_same_version(static_copy):
    first = make_app(STATIC_DIR=str(static_copy)).extensions["assets"]
    second = make_app(STATIC_DIR=str(static_copy)).extensions["assets"]
    assert first.version == second.version
    assert first.precache == second.precache


@pytest.mark.parametrize(
    ("changed_file", "addition", "moved_url", "kept_url"),
    [
        ("css/views.css", "\n.today { border: 2px solid; }\n", "style_hash", "js_version"),
        ("js/lib/format.js", "\nexport const CHANGED = true;\n", "js_version", "style_hash"),
    ],
)
def test_a_changed_static_file_changes_the_version_and_its_urls(static_copy, changed_file, addition, moved_url, kept_url):
    before = make_app(STATIC_DIR=str(static_copy)).extensions["assets"]
    target = static_copy / changed_file
    target.write_text(target.read_text() + addition)
    after = make_app(STATIC_DIR=str(static_copy)).extensions["assets"]
    assert after.version != before.version
    assert getattr(after, moved_url) != getattr(before, moved_url)
    assert getattr(after, kept_url) == getattr(before, kept_url)


def test_changed_catalog_data_changes_the_version(catalog_copy):
    before = make_app(ROUTINES_DIR=str(catalog_copy)).extensions["assets"]
    routine_file = catalog_copy / "routines" / "back-basics.json"
    routine_file.write_text(routine_file.read_text().replace('"Once a day."', '"Once or twice a day."'))
    after = make_app(ROUTINES_DIR=str(catalog_copy)).extensions["assets"]
    assert after.version != before.version


def served_text(client, url):
    with client.get(url) as response:
        assert response.status_code == 200, url
        return response.get_data(as_text=True)


# The files of the bundle that a file imports statically, as esbuild writes them (`from"./chunk-X.js"`).
BUNDLE_IMPORT = re.compile(r"""(?:import|from)\s*["']\./([\w.-]+\.js)["']""")


def test_the_shell_preloads_exactly_what_the_first_view_imports(app, client):
    """The browser learns every file Home needs from the page itself: no import waterfall."""
    manifest = app.extensions["assets"]
    html = client.get("/").get_data(as_text=True)
    preloaded = re.findall(r'<link rel="modulepreload" href="/js/[0-9a-f]+/([^"]+)">', html)
    assert len(preloaded) == len(set(preloaded))
    first_view = {"main.js", *preloaded}
    assert first_view == set(manifest.first_view_modules)
    for name in first_view:
        assert set(BUNDLE_IMPORT.findall(served_text(client, manifest.js_url(name)))) <= first_view, name
    first_view_code = "".join(served_text(client, manifest.js_url(name)) for name in first_view)
    assert "Other routines" in first_view_code  # Home
    # The other views are imported when first needed, and precached by the worker.
    later = set(manifest.js_files) - first_view
    assert later
    later_code = "".join(served_text(client, manifest.js_url(name)) for name in later)
    for text in ("this hurts", "Export CSV"):  # the player, Settings
        assert text not in first_view_code and text in later_code, text


def test_the_shell_preloads_the_catalog_documents_home_draws_from(client):
    html = client.get("/").get_data(as_text=True)
    preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="fetch" crossorigin>', html)
    # `crossorigin` (same-origin credentials), as the page's own `fetch` asks: the same request, taken once.
    assert preloads == ["/api/v1/routines", "/api/v1/safety", "/api/v1/plan"]
    for url in preloads:
        assert client.get(url).status_code == 200


def test_the_bundle_is_built_anew_when_a_module_changes(static_copy):
    before = make_app(STATIC_DIR=str(static_copy)).extensions["assets"]
    home = static_copy / "js" / "views" / "home" / "home-view.js"
    home.write_text(home.read_text().replace('"Other routines"', '"More routines"'))
    after = make_app(STATIC_DIR=str(static_copy)).extensions["assets"]
    assert after.js_version != before.js_version
    client = make_app(STATIC_DIR=str(static_copy)).test_client()
    code = "".join(served_text(client, after.js_url(name)) for name in after.first_view_modules)
    assert "More routines" in code and "Other routines" not in code
    # The old version's URLs are gone with it; the build of a version is made once and reused.
    assert client.get(before.js_url("main.js")).status_code == 404
    assert sorted(path.name for path in (static_copy / "gen" / "js").iterdir()) == [after.js_version]
