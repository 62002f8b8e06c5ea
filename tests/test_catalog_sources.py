"""Sources a person can check: the API shows no seed article, and every reference it shows links
the page that says what is cited to it and says whether someone has read that page."""

import re
from urllib.parse import urlsplit

import pytest


def catalog_urls(client):
    """Every catalog document the API serves, as its OpenAPI index lists them: each path tagged
    `catalog`, and a path that takes an id once for each id its list gives."""
    index = client.get("/api/v1/openapi.json").get_json()
    (server,) = index["servers"]
    urls = []
    for path, operations in index["paths"].items():
        if "catalog" not in operations.get("get", {}).get("tags", []):
            continue
        if "{" not in path:
            urls.append(server["url"] + path)
            continue
        listing = path.rsplit("/", 1)[0]
        items = client.get(server["url"] + listing).get_json()[listing.lstrip("/")]
        urls += [server["url"] + re.sub(r"\{[^}]+\}", item["id"], path) for item in items]
    return urls


def walk(node, path="$"):
    """Every `(path, key, value)` of a JSON document, however deep."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}[{index}]")


def served_sources(client):
    """Every source object the catalog documents show, with where it was found."""
    found = []
    for url in catalog_urls(client):
        for path, key, value in walk(client.get(url).get_json()):
            if key == "sources":
                found += [(f"{url} {path}", source) for source in value]
    return found


@pytest.fixture
def served(client):
    """`(documents by URL, every source shown with where)` from the real catalog."""
    return {url: client.get(url).get_json() for url in catalog_urls(client)}, served_sources(client)


def assert_a_deep_reference_that_says_whether_it_was_read(where, source):
    """A source a person can check: Unknot's own rule with its rationale, or a reference that
    links a page below a site's home page and is either `checked` or `to_verify`."""
    if source["kind"] == "rule":
        assert source["publisher"] == "Unknot" and source["rationale"], where
        return
    assert source["kind"] == "reference", where
    parts = urlsplit(source.get("url", ""))
    assert parts.scheme == "https" and parts.path not in ("", "/"), (where, source["id"], source.get("url"))
    assert ("checked" in source) != ("to_verify" in source), (where, source["id"])


def test_every_document_of_the_catalog_is_walked(served, app):
    documents, _ = served
    catalog = app.extensions["catalog"]
    each = {f"/api/v1/exercises/{key}" for key in catalog.exercises} | {f"/api/v1/routines/{key}" for key in catalog.routines}
    assert each <= set(documents)
    assert {"/api/v1/safety", "/api/v1/guide", "/api/v1/plan"} <= set(documents)
    assert all(documents.values())


def test_no_served_document_shows_a_seed_article(served):
    documents, _ = served
    shown = [
        f"{url} {path}.{key}"
        for url, document in documents.items()
        for path, key, value in walk(document)
        if key in ("provenance", "seed_file") or (key == "kind" and value == "seed") or (isinstance(value, str) and "Web article" in value)
    ]
    assert shown == []


def test_every_reference_shown_links_a_deep_page_and_says_whether_it_was_read(served):
    _, sources = served
    assert sources
    for where, source in sources:
        assert_a_deep_reference_that_says_whether_it_was_read(where, source)


def test_every_emergency_number_names_its_page_and_is_to_verify_until_that_page_is_read(served, app):
    """The number a person in an emergency is told to call: every entry of the served
    `emergency_services` names a known source; an entry whose page nobody has read is itself
    `to_verify`, so no number looks checked on the strength of an unread page."""
    documents, _ = served
    known = app.extensions["catalog"].sources
    services = documents["/api/v1/safety"]["emergency_services"]
    assert services
    for region, service in services.items():
        where = f"/api/v1/safety $.emergency_services.{region}"
        assert service.get("source") in known, (where, service.get("source"))
        source = known[service["source"]]
        assert_a_deep_reference_that_says_whether_it_was_read(where, source)
        if "checked" not in source:
            assert service.get("to_verify") is True, (where, source["id"])


def test_curl_up_cites_an_authority_with_a_link_and_no_low_authority_guide(served):
    documents, _ = served
    sources = documents["/api/v1/exercises/curl-up"]["sources"]
    assert [source["id"] for source in sources] == ["McGill"]
    assert "McGill" in sources[0]["publisher"] and sources[0]["url"].startswith("https://")
    every_title = [source["title"] for _, source in served[1]]
    assert not any("low-authority" in title for title in every_title)


def test_the_guide_cites_pages_that_say_it(served):
    documents, _ = served
    pages = {page["id"]: page for page in documents["/api/v1/guide"]["pages"]}
    # What a spasm is: a page that defines one, not the back pain pages that do not.
    spasm = pages["what-is-a-back-spasm"]["claims"][0]["sources"]
    assert {source["id"] for source in spasm}.isdisjoint({"NHS-BP", "CKS-LBP"})
    assert all("spasm" in source["title"].lower() for source in spasm)
    getting_better = pages["getting-better"]["claims"]
    # Sleeping with a pillow between the knees is on the NHS sciatica page.
    assert [source["url"] for source in getting_better[2]["sources"]] == ["https://www.nhs.uk/conditions/sciatica/"]
    # Floor and bed transfers, which no page we could check describes, are Unknot's own rule.
    assert [(source["kind"], source["publisher"]) for source in getting_better[1]["sources"]] == [("rule", "Unknot")]


def test_postures_cite_the_rule_they_rest_on(served):
    documents, _ = served
    postures = [item["exercise"]["posture"] for item in documents["/api/v1/routines/morning-mobility"]["items"]]
    assert postures
    for posture in postures:
        assert [(source["id"], source["kind"]) for source in posture["sources"]] == [("Unknot-Transfers", "rule")]
