"""The front end's files: built at start-up, versioned by content, listed for the service worker.

- CSS: webassets concatenates and minifies `static/css/` into `static/gen/app.<hash>.css`.
- JavaScript: ES modules stay modules. The whole `static/js/` tree is served under
  `/js/<version>/`, one version for the tree, so relative imports keep resolving and any
  changed module changes every URL. Each module is minified once at start-up by rJSmin
  (comments and spaces out; it knows template literals, as long as they are not nested).
- Icons: rendered from `static/icons/icon.svg` by `pwa.icons`.
- Illustrations: `static/illustrations/*.svg`, one per exercise and adaptation, precached.

The precache list and the app version come from these real files and the catalog, so
changing any of them yields a new service worker; nothing is bumped by hand.
"""

import fcntl
import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import rjsmin
from flask import Flask
from webassets import Bundle, Environment

from . import icons
from .static_files import build_served, catalog_file

# Order matters: later files build on the custom properties of earlier ones.
CSS_FILES = ("css/tokens.css", "css/base.css", "css/components.css", "css/views.css")
CSS_OUTPUT = "gen/app.%(version)s.css"
JS_DIR = "js"
ILLUSTRATIONS_DIR = "illustrations"
ENTRY_MODULE = "main.js"
# The view a first visit most often opens: its modules are preloaded with the entry's.
FIRST_VIEW_MODULE = "views/home-view.js"
# `import ... from "x"`, `import "x"` and `export ... from "x"`: the static imports, which the
# browser must fetch before the module runs (not `import("x")`, which it fetches when asked).
STATIC_IMPORT = re.compile(r"""(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+\.js)["']""")
SERVICE_WORKER_SOURCE = "sw.js"


@dataclass(frozen=True)
class AssetManifest:
    """Everything the shell page and the service worker need to know about the static files."""

    version: str
    css_url: str
    js_version: str
    js_files: tuple
    js_bodies: dict  # module path → minified source, as served
    first_view_modules: tuple  # what the first view needs before it runs, for `modulepreload` links
    icon_urls: dict
    illustration_urls: tuple
    precache: tuple
    served_folder: Path  # every file above and the catalog documents, with compressed copies (`pwa.static_files`)
    immutable_prefixes: tuple  # URLs that name a version: cached for ever

    def js_url(self, relative_path):
        """The versioned URL of one module of `static/js/`."""
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


def javascript_files(static_dir):
    """Every module below `static/js/`, as sorted POSIX paths relative to it."""
    js_dir = static_dir / JS_DIR
    return tuple(sorted(path.relative_to(js_dir).as_posix() for path in js_dir.rglob("*.js")))


def minified_modules(static_dir, js_files):
    """Every module's source without comments and spare whitespace, by its path."""
    return {name: rjsmin.jsmin((static_dir / JS_DIR / name).read_text(encoding="utf-8")).encode("utf-8") for name in js_files}


def static_imports(js_bodies, module):
    """The modules `module` imports statically, as paths like its own."""
    source = js_bodies[module].decode("utf-8")
    folder = posixpath.dirname(module)
    return [posixpath.normpath(posixpath.join(folder, specifier)) for specifier in STATIC_IMPORT.findall(source) if specifier.startswith(".")]


def import_closure(js_bodies, entries):
    """Every module the entries need before they run: the real static import graph, in a stable order."""
    seen, pending = [], list(entries)
    while pending:
        module = pending.pop(0)
        if module in seen or module not in js_bodies:
            continue
        seen.append(module)
        pending.extend(static_imports(js_bodies, module))
    return tuple(seen)


def digest_files(static_dir, relative_paths):
    """A short hash over the names and bytes of some files below `static_dir`."""
    digest = hashlib.sha256()
    for relative in relative_paths:
        digest.update(relative.encode() + b"\0" + (static_dir / relative).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def build_manifest(static_dir, template_file, catalog_documents):
    """Build the CSS and icons, then list and version everything the service worker precaches."""
    static_dir = Path(static_dir)
    css_url = build_css(static_dir)
    icon_paths = icons.build_icons(static_dir)
    js_files = javascript_files(static_dir)
    js_version = digest_files(static_dir, [f"{JS_DIR}/{name}" for name in js_files])
    js_bodies = minified_modules(static_dir, js_files)

    catalog_urls = sorted(f"/api/v1/{key}" for key in catalog_documents if key in ("exercises", "routines", "safety", "guide") or key.startswith("routines/"))
    icon_urls = {Path(path).name: f"/static/{path}" for path in icon_paths}
    icon_urls["icon.svg"] = f"/static/{icons.SOURCE.as_posix()}"
    illustration_urls = sorted(f"/static/{ILLUSTRATIONS_DIR}/{path.name}" for path in (static_dir / ILLUSTRATIONS_DIR).glob("*.svg"))
    precache = (
        "/",
        "/manifest.webmanifest",
        css_url,
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
    served = (
        {f"public/js/{js_version}/{name}": body for name, body in js_bodies.items()}
        | {f"public{url}": (static_dir / url.removeprefix("/static/")).read_bytes() for url in (css_url, *icon_urls.values(), *illustration_urls)}
        | {catalog_file(key): document.body for key, document in catalog_documents.items()}
    )
    return AssetManifest(
        version=digest.hexdigest()[:16],
        css_url=css_url,
        js_version=js_version,
        js_files=js_files,
        js_bodies=js_bodies,
        first_view_modules=import_closure(js_bodies, [ENTRY_MODULE, FIRST_VIEW_MODULE]),
        icon_urls=icon_urls,
        illustration_urls=tuple(illustration_urls),
        precache=precache,
        served_folder=build_served(static_dir, served),
        immutable_prefixes=("/js/", css_url),
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
        app.extensions["assets"] = build_manifest(static_dir, template_file, app.extensions["api_documents"])
