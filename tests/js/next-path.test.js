import assert from "node:assert/strict";
import { test } from "node:test";

import { nextPath } from "../../static/js/views/safety/check-view.js";

const ORIGIN = "http://127.0.0.1:5000";

test("a page of the app is followed, query included", () => {
  assert.equal(nextPath("?next=%2Fplay%2Fback-basics", ORIGIN), "/play/back-basics");
  assert.equal(nextPath("?next=/routines/desk-break?x=1", ORIGIN), "/routines/desk-break?x=1");
  assert.equal(nextPath("", ORIGIN), "/");
});

test("anything that leaves the origin goes home instead", () => {
  for (const next of [
    "//evil.example",
    "/%5Cevil.example",
    "/\\evil.example",
    "/%09/evil.example",
    "/%0A/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
  ]) {
    assert.equal(nextPath(`?next=${next}`, ORIGIN), "/", next);
  }
});
