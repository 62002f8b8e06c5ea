import assert from "node:assert/strict";
import { test } from "node:test";

import { createRouter } from "../../static/js/app/router.js";

/** Just enough of a browser for the router: an address, a history, a scroll, an outlet. */
function fakeBrowser() {
  const scrolls = [];
  globalThis.location = { pathname: "/", search: "", origin: "http://127.0.0.1" };
  globalThis.history = { pushState: (_state, _title, path) => (location.pathname = path) };
  globalThis.document = { title: "", activeElement: null, addEventListener: () => {} };
  globalThis.window = { addEventListener: () => {}, scrollTo: () => scrolls.push(location.pathname) };
  const outlet = {
    node: null,
    contains: () => false,
    replaceChildren: (node) => (outlet.node = node),
    querySelector: () => null,
    querySelectorAll: () => [],
  };
  return { outlet, scrolls };
}

/** A view whose data arrives when the test says: each draw of it is one call, resolved by hand. */
function heldView(name, { staysOnRefresh = false } = {}) {
  const draws = [];
  const view = () =>
    new Promise((resolve) => {
      const number = draws.length + 1;
      draws.push(() => resolve({ title: name, node: `${name} #${number}`, staysOnRefresh }));
    });
  return { view, draws };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function routerWith(home, builder) {
  const browser = fakeBrowser();
  const routes = [
    { pattern: /^\/$/, view: home.view },
    { pattern: /^\/build$/, view: builder.view },
  ];
  return { router: createRouter(browser.outlet, routes, home.view), ...browser };
}

/** Home drawn, then a navigation to /build, and fresh data arriving while /build is being drawn. */
async function refreshWhileNavigating(router, home) {
  const started = router.start();
  home.draws[0]();
  await started;
  const navigated = router.navigate("/build");
  const refreshed = router.refresh();
  await settle();
  return { navigated, refreshed };
}

test("fresh data that arrives during a navigation waits for the new view, then draws it once more", async () => {
  const home = heldView("home");
  const exercises = heldView("exercises");
  const { router, outlet, scrolls } = routerWith(home, exercises);
  const { navigated, refreshed } = await refreshWhileNavigating(router, home);
  // The navigation is not superseded: it still draws, and still scrolls to the top.
  assert.equal(exercises.draws.length, 1);
  exercises.draws[0]();
  await settle();
  assert.equal(outlet.node, "exercises #1");
  assert.deepEqual(scrolls, ["/build"]);
  // Then the new view (not the one that left) is drawn again, once.
  assert.equal(exercises.draws.length, 2);
  exercises.draws[1]();
  await Promise.all([navigated, refreshed]);
  assert.equal(outlet.node, "exercises #2");
  assert.equal(home.draws.length, 1);
});

test("a view that stays on refresh keeps what was drawn, even when the data came during its navigation", async () => {
  const home = heldView("home");
  const builder = heldView("builder", { staysOnRefresh: true });
  const { router, outlet } = routerWith(home, builder);
  const { navigated, refreshed } = await refreshWhileNavigating(router, home);
  builder.draws[0]();
  await Promise.all([navigated, refreshed]);
  assert.equal(outlet.node, "builder #1");
  assert.equal(builder.draws.length, 1);
  // Its own data changing still draws it again.
  const redrawn = router.redraw();
  builder.draws[1]();
  await redrawn;
  assert.equal(outlet.node, "builder #2");
});

test("a redraw asked for during a draw is not lowered to a refresh by a later one", async () => {
  const home = heldView("home", { staysOnRefresh: true });
  const builder = heldView("builder");
  const { router, outlet } = routerWith(home, builder);
  const started = router.start();
  router.redraw();
  router.refresh();
  home.draws[0]();
  await settle();
  assert.equal(home.draws.length, 2);
  home.draws[1]();
  await started;
  assert.equal(outlet.node, "home #2");
  assert.equal(home.draws.length, 2);
});

test("drawn again in place, a view keeps open what the person opened, and only that", async () => {
  const browser = fakeBrowser();
  // Each draw of History: a pain table and two "Sources", as fresh elements.
  const history = () => {
    const summaries = ["Pain table", "Sources", "Sources"].map((textContent) => ({
      textContent,
      parentElement: { open: false },
    }));
    return Promise.resolve({ title: "History", node: { summaries } });
  };
  browser.outlet.querySelectorAll = () => browser.outlet.node?.summaries ?? [];
  const router = createRouter(browser.outlet, [{ pattern: /^\/$/, view: history }], history);
  await router.start();
  const [, , secondSources] = browser.outlet.node.summaries;
  secondSources.parentElement.open = true;
  await router.redraw();
  assert.deepEqual(
    browser.outlet.node.summaries.map((summary) => summary.parentElement.open),
    [false, false, true],
  );
  // A new view, reached by a link, starts closed.
  await router.navigate("/");
  assert.deepEqual(
    browser.outlet.node.summaries.map((summary) => summary.parentElement.open),
    [false, false, false],
  );
});
