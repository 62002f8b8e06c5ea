"""Compressed and cached from the app itself, so that gunicorn alone or any proxy serves it right."""

import gzip

import brotli
import pytest


def get(client, url, encoding):
    with client.get(url, headers={"Accept-Encoding": encoding}) as response:
        response.get_data()
        return response


def decoded(response):
    encoding = response.headers.get("Content-Encoding")
    return {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding](response.data)


def static_urls(app):
    manifest = app.extensions["assets"]
    return [manifest.js_url("main.js"), manifest.js_url(next(name for name in manifest.js_files if name != "main.js")), manifest.illustration_urls[0]]


@pytest.mark.parametrize(("accepted", "encoding"), [("br, gzip", "br"), ("gzip, deflate", "gzip"), ("identity", None)])
def test_static_files_come_precompressed_in_the_encoding_the_browser_takes(app, client, accepted, encoding):
    for url in static_urls(app):
        plain = get(client, url, "identity")
        response = get(client, url, accepted)
        assert response.status_code == 200, url
        assert response.headers.get("Content-Encoding") == encoding, url
        assert "Accept-Encoding" in response.headers["Vary"]
        assert decoded(response) == plain.data
        if encoding:
            assert len(response.data) < len(plain.data) / 2, url


def test_versioned_static_urls_are_cached_for_a_year_and_the_others_revalidated(app, client):
    manifest = app.extensions["assets"]
    for url in (manifest.js_url(name) for name in manifest.js_files):
        assert get(client, url, "br").headers["Cache-Control"] == "max-age=31536000, public, immutable", url
    for url in (manifest.illustration_urls[0], manifest.icon_urls["icon-192.png"]):
        response = get(client, url, "br")
        assert response.headers["Cache-Control"] == "no-cache", url
        with client.get(url, headers={"If-None-Match": response.headers["ETag"]}) as again:
            assert again.status_code == 304


def test_static_files_carry_the_headers_that_matter_to_them_and_no_more(app, client):
    manifest = app.extensions["assets"]
    for url in (manifest.js_url("main.js"), manifest.icon_urls["icon-192.png"]):
        headers = get(client, url, "br").headers
        assert headers["X-Content-Type-Options"] == "nosniff", url
        assert "Content-Security-Policy" not in headers, url
        assert "Access-Control-Allow-Origin" not in headers
    # An SVG opened on its own is a document, which needs nothing: it may load and run nothing.
    headers = get(client, manifest.illustration_urls[0], "br").headers
    assert headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url", ["/", "/sw.js", "/manifest.webmanifest", "/api/v1/openapi.json"])
def test_pages_made_per_request_are_compressed_on_the_fly(client, url):
    plain = get(client, url, "identity")
    for accepted, encoding in (("br", "br"), ("gzip", "gzip")):
        response = get(client, url, accepted)
        assert response.headers.get("Content-Encoding") == encoding
        assert decoded(response) == plain.data


def test_the_sessions_of_an_account_are_compressed_on_the_fly(client, auth):
    from tests.log_payloads import a_session

    client.post("/api/v1/sync", json={"sessions": [a_session(day=day) for day in range(3)]}, headers=auth)
    response = client.get("/api/v1/sessions", headers={**auth, "Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    assert b'"sessions"' in decoded(response)


def test_catalog_documents_are_compressed_once_at_start_up_not_per_request(app, client, monkeypatch):
    plain = get(client, "/api/v1/routines/back-basics", "identity")

    def refuse(*args, **kwargs):
        raise AssertionError("compressed during a request")

    monkeypatch.setattr(brotli, "compress", refuse)
    monkeypatch.setattr(gzip, "compress", refuse)
    for accepted in ("br", "gzip"):
        response = get(client, "/api/v1/routines/back-basics", accepted)
        assert response.headers["Content-Encoding"] == accepted
        assert decoded(response) == plain.data
        assert response.headers["Cache-Control"] == "public, max-age=300"
        with client.get("/api/v1/routines/back-basics", headers={"Accept-Encoding": accepted, "If-None-Match": response.headers["ETag"]}) as again:
            assert again.status_code == 304


def test_catalog_documents_are_read_from_memory_with_no_file_opened(client, monkeypatch):
    """The catalog is what every phone reads most: its answers open no file, whatever the encoding."""
    expected = {accepted: get(client, "/api/v1/routines/back-basics", accepted) for accepted in ("identity", "br", "gzip")}

    def refuse(*args, **kwargs):
        raise AssertionError("a file was opened to answer a catalog read")

    monkeypatch.setattr("builtins.open", refuse)
    for accepted, first in expected.items():
        response = get(client, "/api/v1/routines/back-basics", accepted)
        assert response.status_code == 200
        assert response.data == first.data and response.headers.get("Content-Encoding") == first.headers.get("Content-Encoding")
        with client.head("/api/v1/routines/back-basics", headers={"Accept-Encoding": accepted}) as head:
            assert head.data == b"" and head.headers["Content-Length"] == str(len(first.data))
