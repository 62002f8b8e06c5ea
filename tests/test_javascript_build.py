"""The served JavaScript: esbuild's bundle of `static/js/`, minified, valid ES modules, strings intact."""

import shutil
import subprocess
from pathlib import Path

import pytest

NODE = shutil.which("node")


def test_every_file_of_the_bundle_is_served_and_parses_as_an_es_module(app, client, tmp_path):
    manifest = app.extensions["assets"]
    if NODE is None:
        pytest.fail("Node.js is needed to check the served modules (make test installs it)")
    for name in manifest.js_files:
        with client.get(manifest.js_url(name)) as served:
            assert served.status_code == 200 and served.mimetype == "text/javascript"
            assert served.data == manifest.js_bodies[name]
            module = tmp_path / (name.removesuffix(".js") + ".mjs")
            module.write_bytes(served.data)
        checked = subprocess.run([NODE, "--check", str(module)], capture_output=True, text=True)
        assert checked.returncode == 0, f"{name}: {checked.stderr}"


def test_the_bundle_is_minified_and_keeps_strings_intact(app):
    manifest = app.extensions["assets"]
    code = b"".join(manifest.js_bodies.values()).decode("utf-8")
    assert "This device was signed out of sync. Your sessions are still here." in code
    assert "Stop — this hurts" in code  # UTF-8 as written, not escaped
    assert "/**" not in code and "\n  " not in code
    sources = sum(len(path.read_bytes()) for path in (Path(app.static_folder) / "js").rglob("*.js"))
    assert len(code.encode("utf-8")) < sources / 2


def test_a_served_module_answers_304_to_its_etag(app, client):
    url = app.extensions["assets"].js_url("main.js")
    with client.get(url) as response:
        etag = response.headers["ETag"]
    with client.get(url, headers={"If-None-Match": etag}) as response:
        assert response.status_code == 304
