"""The served JavaScript: minified, still valid ES modules, and the same code as the source."""

import shutil
import subprocess
from pathlib import Path

import pytest

from pwa.assets import JS_DIR

NODE = shutil.which("node")


def test_every_module_is_served_smaller_and_parses_as_an_es_module(app, client, tmp_path):
    manifest = app.extensions["assets"]
    if NODE is None:
        pytest.fail("Node.js is needed to check the served modules (make test installs it)")
    for name in manifest.js_files:
        with client.get(manifest.js_url(name)) as served:
            original = (Path(app.static_folder) / JS_DIR / name).read_bytes()
            assert served.status_code == 200 and served.mimetype == "text/javascript"
            assert 0 < len(served.data) < len(original), name
            module = tmp_path / (name.replace("/", "__").removesuffix(".js") + ".mjs")
            module.write_bytes(served.data)
        checked = subprocess.run([NODE, "--check", str(module)], capture_output=True, text=True)
        assert checked.returncode == 0, f"{name}: {checked.stderr}"


def test_minifying_keeps_strings_and_imports_intact(app, client):
    manifest = app.extensions["assets"]
    with client.get(manifest.js_url("sync-queue.js")) as response:
        served = response.get_data(as_text=True)
    assert 'from"./api-client.js"' in served or 'from "./api-client.js"' in served
    assert "This device was signed out of sync. Your sessions are still here." in served
    assert "/**" not in served and "// " not in served


def test_a_served_module_answers_304_to_its_etag(app, client):
    url = app.extensions["assets"].js_url("main.js")
    with client.get(url) as response:
        etag = response.headers["ETag"]
    with client.get(url, headers={"If-None-Match": etag}) as response:
        assert response.status_code == 304
