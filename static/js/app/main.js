/**
 * Entry point: wire the router, the views, the catalog refresh and the service worker.
 *
 * Home is imported with the entry (the shell preloads both); every other view, sync and the heat
 * and cold bar come from `later.js`, imported once the first view is drawn (or when a deep link
 * needs it), so a first visit waits for Home's modules only. The service worker precaches it, so
 * all of it is on the device, offline too, after that visit.
 */
import { refreshCatalog, takeReadVersions } from "../catalog/catalog-store.js";
import { announce, CATALOG_REFRESHED, LOG_PULLED, OWN_ROUTINES_PULLED } from "../lib/events.js";
import { createRouter } from "./router.js";
import { registerServiceWorker } from "../lib/sw-bridge.js";
import { homeView } from "../views/home/home-view.js";
import { notFoundView } from "../views/common/not-found-view.js";

/** Run `callback` in a task of its own, after the one running now (and the paint it may bring). */
function inNextTask(callback) {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    callback();
  };
  channel.port2.postMessage(null);
}

/** Everything but the first view, fetched the first time any of it is needed. */
const loadLater = () => import("./later.js");

/** A view from `later.js`. */
function later(name) {
  return async (context) => (await loadLater())[name](context);
}

const ID = "[a-z0-9]+(?:-[a-z0-9]+)*";
const routes = [
  { pattern: /^\/$/, view: homeView },
  { pattern: new RegExp(`^/routines/(?<routineId>${ID})$`), view: later("routineView") },
  { pattern: new RegExp(`^/routines/(?<routineId>${ID})/share$`), view: later("shareView") },
  { pattern: /^\/shared$/, view: later("sharedView") },
  { pattern: new RegExp(`^/exercises/(?<exerciseId>${ID})$`), view: later("exerciseView") },
  { pattern: new RegExp(`^/play/(?<routineId>${ID})$`), view: later("playerView") },
  { pattern: /^\/build$/, view: later("builderView") },
  { pattern: new RegExp(`^/build/(?<routineId>${ID})$`), view: later("builderView") },
  { pattern: /^\/history$/, view: later("historyView") },
  { pattern: /^\/history\/report$/, view: later("reportView") },
  { pattern: /^\/settings$/, view: later("settingsView") },
  { pattern: /^\/check$/, view: later("checkView") },
  { pattern: /^\/weekly-check$/, view: later("weeklyCheckView") },
  { pattern: /^\/warning-signs$/, view: later("warningSignsView") },
  { pattern: /^\/heat-cold$/, view: later("heatColdView") },
  { pattern: /^\/guide$/, view: later("guideListView") },
  { pattern: new RegExp(`^/guide/(?<pageId>${ID})$`), view: later("guidePageView") },
];

// Which catalog documents the view on screen was drawn from, and which version of each: only a
// newer version of one of them redraws it (a view drawn from the very copy a refresh just stored
// is left alone, with whatever the person was doing in it).
let versionsOnScreen = new Map();
// Documents the refresh changed while a view was being drawn: it may hold the older copy.
let changedDuringRender = new Map();
const showsOlderThan = (changed) =>
  [...changed].some(([path, version]) => versionsOnScreen.has(path) && versionsOnScreen.get(path) !== version);
const router = createRouter(document.getElementById("main"), routes, notFoundView, {
  beforeRender: () => {
    takeReadVersions();
    changedDuringRender = new Map();
  },
  afterRender: () => {
    versionsOnScreen = takeReadVersions();
    if (showsOlderThan(changedDuringRender)) queueMicrotask(() => router.refresh());
    // A heat or cold pack keeps its time on every page, not only on the timer's: watched from a
    // task of its own, once this view is on screen.
    inNextTask(() => loadLater().then(({ watchHeatCold }) => watchHeatCold()));
  },
});

async function refresh() {
  const changed = await refreshCatalog();
  for (const [path, version] of changed) changedDuringRender.set(path, version);
  // A view being drawn is judged by what it read once it is on screen (in `afterRender`), not by
  // what the view it replaces had read.
  if (!router.isDrawing() && showsOlderThan(changed)) await router.refresh();
  announce(CATALOG_REFRESHED);
}
// Draw from the device first, then look for fresh data. The worker is registered once the first
// view is on screen (in a task of its own, after the one that drew it): its precache must not
// compete with what that view is still downloading. Sync starts then too, and the reminders'
// watch on the safety check.
// Even when the first view fails (say, on data an older version stored), the rest still starts,
// and fresh data can redraw it.
router
  .start()
  .catch((error) => console.error(error))
  .then(() =>
    inNextTask(() => {
      registerServiceWorker({
        banner: document.getElementById("update-banner"),
        button: document.getElementById("update-button"),
      });
      loadLater().then(({ startSync, watchReminders }) => {
        startSync();
        watchReminders();
      });
      refresh();
    }),
  );
window.addEventListener("online", refresh);
// Redraw History when sessions arrive from the account.
window.addEventListener(LOG_PULLED, () => {
  if (location.pathname === "/history") router.redraw();
});
// Own routines changed on another device: the views that show them draw again (never the player).
window.addEventListener(OWN_ROUTINES_PULLED, () => {
  if (location.pathname === "/" || location.pathname.startsWith("/routines/")) router.refresh();
});
