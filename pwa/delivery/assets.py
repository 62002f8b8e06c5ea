"""The front end's files: built at start-up, versioned by content, listed for the service worker.

- CSS: webassets concatenates and minifies `static/css/` into `static/gen/app.<hash>.css`, and
  the shell page carries that stylesheet inline (its hash in the page's CSP): the first paint
  waits for no second request.
- JavaScript: esbuild (from npm, `node_modules/`; its binary needs no Node.js to run) bundles the
  ES modules from `main.js`, split where `main.js` imports something lazily: the entry with the
  first view, the chunks it shares, and `later.js` (every other view). The output is served
  under `/js/<version>/`, the version a hash of every source module and of esbuild's version, so
  a changed module makes a new bundle under new URLs. Each version is built once, into
  `static/gen/js/<version>/`, and found there by later starts and other workers.
- Icons: rendered from `static/icons/icon.svg` by `icons.py`.
- Illustrations: `static/illustrations/*.svg`, one per exercise and adaptation, precached.

The precache list and the app version come from these real files and the catalog, so
changing any of them yields a new service worker; nothing is bumped by hand.
"""

import base64
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from webassets import Bundle, Environment

from ..paths import PROJECT_ROOT
from . import icons
from .static_files import build_served, catalog_file

# Order matters: later files build on the custom properties of earlier ones.
CSS_FILES = ("css/tokens.css", "css/base.css", "css/components.css", "css/views.css", "css/report.css")
CSS_OUTPUT = "gen/app.%(version)s.css"
JS_DIR = "js"
ILLUSTRATIONS_DIR = "illustrations"
# The app's entry in static/js/, and its name in the bundle (`--entry-names=[name]`).
ENTRY_SOURCE = "app/main.js"
ENTRY_MODULE = "main.js"
ESBUILD = PROJECT_ROOT / "node_modules" / ".bin" / "esbuild"
# Every option but the paths: part of the version, so a change of them makes new URLs.
ESBUILD_OPTIONS = ("--bundle", "--splitting", "--format=esm", "--minify", "--charset=utf8", "--legal-comments=none", "--entry-names=[name]", "--chunk-names=[name]-[hash]", "--log-level=warning")
SERVICE_WORKER_SOURCE = "sw.js"


@dataclass(frozen=True)
class AssetManifest:
    """Everything the shell page and the service worker need to know about the static files."""

    version: str
    css_url: str
    inline_css: str  # the stylesheet, as the shell page carries it
    style_hash: str  # its CSP source: `'sha256-...'`
    js_version: str
    js_files: tuple  # the bundle's files, relative to `/js/<version>/`
    js_bodies: dict  # file → its bytes, as served
    first_view_modules: tuple  # the entry and every file it imports statically, for `modulepreload` links
    icon_urls: dict
    illustration_urls: tuple
    precache: tuple
    served_folder: Path  # every file above and the catalog documents, with compressed copies (`static_files.py`)
    immutable_prefixes: tuple  # URLs that name a version: cached for ever

    def js_url(self, relative_path):
        """The versioned URL of one file of the bundle."""
        return f"/js/{self.js_version}/{relative_path}"


def build_css(static_dir):
    """Minify and hash the stylesheets with webassets; drop outputs of earlier versions."""
    environment = Environment(directory=str(static_dir), url="/static")
    environment.cache = False
    environment.manifest = f"json:{static_dir / 'gen' / 'webassets-manifest.json'}"
    environment.versions = "hash"
    environment.url_expire = False
    environment.auto_build = False
    bundle = Bundle(*CSS_FILES, filters="rcssmin", output=CSS_OUTPUT)
    environment.register("css", bundle)
    # Always rebuild: webassets' timestamp check can keep a stale hash after an edit.
    bundle.build(force=True)
    (css_url,) = bundle.urls()
    current = Path(css_url).name
    for old in (static_dir / "gen").glob("app.*.css"):
        if old.name != current:
            old.unlink(missing_ok=True)
    return css_url


# The catalog's schemas that `static/js/catalog/routine-schema.js` imports as `unknot-routine-schema/<file>`:
# the builder checks a draft on the device against the very files the server validates with (less
# the annotations only people read: see `without_annotations`).
SCHEMA_ALIAS = "unknot-routine-schema"
BUNDLED_SCHEMAS = ("routine.schema.json", "exercise.schema.json")


def javascript_sources(static_dir):
    """Every module below `static/js/`, as sorted POSIX paths relative to `static/`."""
    js_dir = static_dir / JS_DIR
    return tuple(sorted(path.relative_to(static_dir).as_posix() for path in js_dir.rglob("*.js")))


def esbuild_binary():
    """esbuild's own binary, as `npm ci` installs it."""
    if not ESBUILD.exists():
        raise RuntimeError(f"esbuild is missing ({ESBUILD}): run `make install`, which runs `npm ci`")
    return str(ESBUILD)


def esbuild_version():
    return subprocess.run([esbuild_binary(), "--version"], capture_output=True, text=True, check=True).stdout.strip()


# Keywords only people read; the device's schema check skips them, so every phone need not download them.
SCHEMA_ANNOTATIONS = ("description", "$comment")
# Where a schema holds a map of names to subschemas: its keys are names, never keywords.
SCHEMA_MAPS = ("properties", "$defs", "patternProperties")


def without_annotations(schema):
    """`schema` without the annotations people read, at every level; names in `properties` kept."""
    if isinstance(schema, list):
        return [without_annotations(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    kept = {}
    for key, value in schema.items():
        if key in SCHEMA_ANNOTATIONS:
            continue
        if key in SCHEMA_MAPS and isinstance(value, dict):
            kept[key] = {name: without_annotations(subschema) for name, subschema in value.items()}
        elif key in ("enum", "const"):
            kept[key] = value  # data, not schemas
        else:
            kept[key] = without_annotations(value)
    return kept


def bundled_schemas(schema_dir, target):
    """Write the schemas the bundle imports, without their annotations, into `target`."""
    target.mkdir(parents=True)
    for name in BUNDLED_SCHEMAS:
        schema = json.loads((Path(schema_dir) / name).read_text(encoding="utf-8"))
        (target / name).write_text(json.dumps(without_annotations(schema), separators=(",", ":")), encoding="utf-8")
    return target


def run_esbuild(static_dir, target, schema_dir):
    """Bundle `static/js/app/main.js` into the folder `target`, with esbuild's metafile beside it."""
    target.mkdir(parents=True)
    # Run in `target`: the metafile names every output relative to it, wherever it is moved.
    schemas = bundled_schemas(schema_dir, target.parent / "schema")
    alias = f"--alias:{SCHEMA_ALIAS}={schemas.resolve()}"
    command = [esbuild_binary(), str((static_dir / JS_DIR / ENTRY_SOURCE).resolve()), *ESBUILD_OPTIONS, alias, "--outdir=js", "--metafile=meta.json"]
    built = subprocess.run(command, capture_output=True, text=True, cwd=target)
    if built.returncode != 0:
        raise RuntimeError(f"esbuild could not bundle static/js/:\n{built.stderr}")


def build_javascript(static_dir, js_version, schema_dir):
    """The bundle of this version: {file: bytes} and the files the entry needs before it runs.

    Built once per version into `static/gen/js/<version>/` (under a temporary name, renamed into
    place, so that workers starting together never read half a build).
    """
    builds = static_dir / "gen" / "js"
    target = builds / js_version
    if not target.is_dir():
        builds.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".building-", dir=builds))
        run_esbuild(static_dir, scratch / "out", schema_dir)
        with contextlib.suppress(OSError):  # another worker finished the same build first
            os.rename(scratch / "out", target)
        shutil.rmtree(scratch, ignore_errors=True)
        for old in builds.iterdir():
            if old != target:
                shutil.rmtree(old, ignore_errors=True)
    output_dir = target / "js"
    bodies = {path.relative_to(output_dir).as_posix(): path.read_bytes() for path in sorted(output_dir.rglob("*.js"))}
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    imports = {
        output.removeprefix("js/"): [item["path"].removeprefix("js/") for item in description["imports"] if item["kind"] == "import-statement"] for output, description in meta["outputs"].items()
    }
    return bodies, static_closure(imports, ENTRY_MODULE)


def static_closure(imports, entry):
    """`entry` and every file it imports statically, directly or not: what the browser needs before it runs."""
    seen, pending = [], [entry]
    while pending:
        name = pending.pop(0)
        if name not in seen:
            seen.append(name)
            pending.extend(imports.get(name, ()))
    return tuple(seen)


def style_source(css):
    """The CSP source that allows exactly this inline stylesheet."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii") + "'"


def digest_files(static_dir, relative_paths):
    """A short hash over the names and bytes of some files below `static_dir`."""
    digest = hashlib.sha256()
    for relative in relative_paths:
        digest.update(relative.encode() + b"\0" + (static_dir / relative).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def build_manifest(static_dir, template_file, catalog_documents, schema_dir):
    """Build the CSS and icons, then list and version everything the service worker precaches."""
    static_dir = Path(static_dir)
    css_url = build_css(static_dir)
    inline_css = (static_dir / css_url.removeprefix("/static/")).read_text(encoding="utf-8")
    icon_paths = icons.build_icons(static_dir)
    version_of_tools = hashlib.sha256(f"{esbuild_version()} {ESBUILD_OPTIONS} {SCHEMA_ANNOTATIONS}".encode()).hexdigest()
    # The bundled schemas feed the version too: a changed limit is a new bundle.
    sources_digest = digest_files(static_dir, javascript_sources(static_dir)) + digest_files(Path(schema_dir), BUNDLED_SCHEMAS)
    js_version = hashlib.sha256(f"{version_of_tools} {sources_digest}".encode()).hexdigest()[:16]
    js_bodies, first_view_modules = build_javascript(static_dir, js_version, schema_dir)
    js_files = tuple(js_bodies)

    catalog_urls = sorted(f"/api/v1/{key}" for key in catalog_documents if key in ("exercises", "routines", "safety", "guide", "plan") or key.startswith("routines/"))
    icon_urls = {Path(path).name: f"/static/{path}" for path in icon_paths}
    icon_urls["icon.svg"] = f"/static/{icons.SOURCE.as_posix()}"
    illustration_urls = sorted(f"/static/{ILLUSTRATIONS_DIR}/{path.name}" for path in (static_dir / ILLUSTRATIONS_DIR).glob("*.svg"))
    precache = (
        "/",
        "/manifest.webmanifest",
        *(f"/js/{js_version}/{name}" for name in js_files),
        # The page shows only the SVG; the PNGs are for the system, which fetches them itself on install.
        icon_urls["icon.svg"],
        *illustration_urls,
        *catalog_urls,
    )

    # Every static file (sources included) and the catalog feed the version.
    static_files = sorted(path.relative_to(static_dir).as_posix() for path in static_dir.rglob("*") if path.is_file() and "gen" not in path.relative_to(static_dir).parts)
    digest = hashlib.sha256(digest_files(static_dir, static_files).encode())
    digest.update(Path(template_file).read_bytes())
    for key in sorted(catalog_documents):
        digest.update(f"{key}={catalog_documents[key].etag}".encode())
    digest.update(css_url.encode())
    # The bundle's version too: a new esbuild or new options change the served code.
    digest.update(js_version.encode())
    served = (
        {f"public/js/{js_version}/{name}": body for name, body in js_bodies.items()}
        | {f"public{url}": (static_dir / url.removeprefix("/static/")).read_bytes() for url in (*icon_urls.values(), *illustration_urls)}
        | {catalog_file(key): document.body for key, document in catalog_documents.items()}
    )
    return AssetManifest(
        version=digest.hexdigest()[:16],
        css_url=css_url,
        inline_css=inline_css,
        style_hash=style_source(inline_css),
        js_version=js_version,
        js_files=js_files,
        js_bodies=js_bodies,
        first_view_modules=first_view_modules,
        icon_urls=icon_urls,
        illustration_urls=tuple(illustration_urls),
        precache=precache,
        served_folder=build_served(static_dir, served),
        immutable_prefixes=("/js/",),
    )


def init_app(app: Flask):
    """Build the assets once at start-up and keep their manifest on the app.

    One process builds at a time (a lock file in `static/gen/`): the stylesheet and icons are
    rewritten in place, and a worker reading one while another writes it would serve it cut short.
    """
    static_dir = Path(app.config["STATIC_DIR"])
    app.static_folder = str(static_dir)
    template_file = Path(app.root_path) / "templates" / "shell.html"
    (static_dir / "gen").mkdir(parents=True, exist_ok=True)
    with open(static_dir / "gen" / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        schema_dir = Path(app.config["ROUTINES_DIR"]) / "schema"
        app.extensions["assets"] = build_manifest(static_dir, template_file, app.extensions["api_documents"], schema_dir)
