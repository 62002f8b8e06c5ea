"""Files served by WhiteNoise: compressed ahead of time, cached for ever where versioned.

At start-up everything the app serves unchanged is written, once per content, to a build folder
below `static/gen/build/<digest>/`, each file with its Brotli and gzip copies made by
WhiteNoise's own compressor: in `public/`, below the path of its URL, the minified JavaScript
modules, the stylesheet, the illustrations and the icons; in `catalog/`, the pre-rendered catalog
documents of `/api/v1`. The folder is made under a temporary name and renamed into place, so
workers starting together never serve a half-written file. WhiteNoise then answers those URLs
before Flask is reached (a catalog read costs about what a bare WSGI app would), choosing the
encoding the browser accepts. Versioned URLs (the modules' folder, the hashed stylesheet) are
`public, max-age=31536000, immutable`; the catalog is `public` for `CATALOG_MAX_AGE` seconds; the
rest is revalidated. Every ETag is made from the content, so it is the same on every machine.
"""

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from flask import Flask
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor
from whitenoise.responders import StaticFile

from .security import DATA_HEADERS

YEAR_IN_SECONDS = 365 * 24 * 3600
BUILD_DIR = Path("gen") / "build"
CATALOG_URL = "/api/v1/"
SUBRESOURCE_SUFFIXES = (".js", ".css", ".png")
SUBRESOURCE_HEADERS = {"X-Content-Type-Options": "nosniff"}
# How many earlier builds to keep, for workers of an older release still running next to this one.
KEEP_BUILDS = 3


class UnknotWhiteNoise(WhiteNoise):
    """WhiteNoise with a year for "for ever", the app's security headers and content ETags."""

    FOREVER = YEAR_IN_SECONDS

    def __init__(self, application, immutable_prefixes, catalog_max_age):
        super().__init__(application, max_age=0, allow_all_origins=False, add_headers_function=self.add_app_headers)
        self.immutable_prefixes = tuple(immutable_prefixes)
        self.catalog_max_age = catalog_max_age

    def __call__(self, environ, start_response):
        # Only reads: any other method goes to the app, which answers in the API's error shape.
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        # Whole files only: nothing here is large, and a range past the end would be a bare 416.
        environ.pop("HTTP_RANGE", None)
        return super().__call__(environ, start_response)

    def immutable_file_test(self, path, url):
        return url.startswith(self.immutable_prefixes)

    def add_app_headers(self, headers, path, url):
        # A script, a stylesheet or a PNG is never a document, so a document's policies mean nothing
        # on it: only `nosniff` does. Leaving the rest off saves ~700 bytes on each of ~70 files.
        # (An SVG or a catalog document opened on its own is a document, that needs nothing.)
        policies = SUBRESOURCE_HEADERS if path.endswith(SUBRESOURCE_SUFFIXES) else DATA_HEADERS
        for name, value in policies.items():
            headers[name] = value
        headers["ETag"] = content_etag(path)
        if url.startswith(CATALOG_URL):
            headers["Cache-Control"] = f"public, max-age={self.catalog_max_age}"
        elif not self.immutable_file_test(path, url):
            headers["Cache-Control"] = "no-cache"

    def add_document(self, url, path):
        """Serve the file at `path` as `url` (a catalog URL has no file name of its own), from memory."""
        self.files[url] = KeptDocument(self.get_static_file(path, url))

    @staticmethod
    def serve(static_file, environ, start_response):
        if isinstance(static_file, KeptDocument):
            status, headers, body = static_file.answer(environ)
            start_response(status, headers)
            return [body]
        return WhiteNoise.serve(static_file, environ, start_response)


class KeptDocument:
    """A catalog document's answers, as WhiteNoise makes them, each read once and kept in memory.

    The catalog is read far more than anything else and is small, so a read opens no file and
    builds no headers: WhiteNoise chose the headers and the encodings once, at start-up.
    """

    def __init__(self, static_file: StaticFile):
        self.static_file = static_file
        self.not_modified = ("304 Not Modified", list(static_file.not_modified_response.headers), b"")
        self.answers = [(accepts, "200 OK", list(headers), Path(path).read_bytes()) for accepts, path, headers in static_file.alternatives]

    def answer(self, environ):
        """(status line, headers, body) for a GET or HEAD, in the encoding WhiteNoise would pick."""
        if self.static_file.is_not_modified(environ):
            return self.not_modified
        accepted = environ.get("HTTP_ACCEPT_ENCODING", "")
        if accepted == "*":
            accepted = ""
        for accepts, status, headers, body in self.answers:  # smallest first, as WhiteNoise orders them
            if accepts.search(accepted):
                return status, headers, b"" if environ["REQUEST_METHOD"] == "HEAD" else body
        raise AssertionError("WhiteNoise always has the plain file last")  # pragma: no cover


def content_digest(files):
    """A short hash over (name, bytes) pairs."""
    digest = hashlib.sha256()
    for name, data in sorted(files.items()):
        digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:16]


def build_served(static_dir, files):
    """Write `files` ({relative path: bytes}) with their compressed copies; the build folder.

    A build of the same content is made once: later starts (and other workers) find it done.
    """
    static_dir = Path(static_dir)
    builds = static_dir / BUILD_DIR
    target = builds / content_digest(files)
    if target.is_dir():
        os.utime(target)  # in use again: the newest, whatever its age
        return target
    builds.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".building-", dir=builds))
    compressor = Compressor(quiet=True)
    for name, data in files.items():
        path = scratch / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if compressor.should_compress(name):
            compressor.compress(str(path))
    try:
        os.rename(scratch, target)
    except OSError:  # another worker finished the same build first
        shutil.rmtree(scratch, ignore_errors=True)
    forget_old_builds(builds, keep=target)
    return target


def forget_old_builds(builds, keep):
    finished = sorted((path for path in builds.iterdir() if path.is_dir() and not path.name.startswith(".")), key=lambda path: path.stat().st_mtime)
    for old in finished[:-KEEP_BUILDS]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def content_etag(path):
    """A file's ETag: a hash of its content (WhiteNoise's own comes from its time, which differs by machine)."""
    return f'"{hashlib.sha256(Path(path).read_bytes()).hexdigest()[:32]}"'


def catalog_file(key):
    """Where the catalog document of `/api/v1/<key>` is kept in a build: `catalog/routines/back-basics.json`."""
    return f"catalog/{key}.json"


def init_app(app: Flask):
    """Serve the start-up build's files through WhiteNoise, in front of the app."""
    manifest = app.extensions["assets"]
    folder = Path(manifest.served_folder).resolve()
    app.wsgi_app = UnknotWhiteNoise(app.wsgi_app, immutable_prefixes=manifest.immutable_prefixes, catalog_max_age=app.config["CATALOG_MAX_AGE"])
    app.wsgi_app.add_files(str(folder / "public"), prefix="/")
    for key in app.extensions["api_documents"]:
        app.wsgi_app.add_document(f"{CATALOG_URL}{key}", str(folder / catalog_file(key)))
