/**
 * Entry point: wire the router, the views, the catalog refresh and the service worker.
 *
 * Home is imported with the entry (the shell preloads both); every other view, sync and the heat
 * and cold bar are imported when first needed, so a first visit waits for Home's modules only.
 * The service worker precaches them all, so each is on the device, offline too, after that visit.
 */
import { refreshCatalog, takeReadPaths } from "./catalog-store.js";
import { LOG_PULLED } from "./events.js";
import { createRouter } from "./router.js";
import { registerServiceWorker } from "./sw-bridge.js";
import { homeView } from "./views/home-view.js";
import { notFoundView } from "./views/not-found-view.js";

/** A view from a module fetched the first time it is shown. */
function later(load, name) {
  return async (context) => (await load())[name](context);
}

const ID = "[a-z0-9]+(?:-[a-z0-9]+)*";
const routes = [
  { pattern: /^\/$/, view: homeView },
  { pattern: new RegExp(`^/routines/(?<routineId>${ID})$`), view: later(() => import("./views/routine-view.js"), "routineView") },
  { pattern: new RegExp(`^/exercises/(?<exerciseId>${ID})$`), view: later(() => import("./views/exercise-view.js"), "exerciseView") },
  { pattern: new RegExp(`^/play/(?<routineId>${ID})$`), view: later(() => import("./views/player-view.js"), "playerView") },
  { pattern: /^\/history$/, view: later(() => import("./views/history-view.js"), "historyView") },
  { pattern: /^\/settings$/, view: later(() => import("./views/settings-view.js"), "settingsView") },
  { pattern: /^\/check$/, view: later(() => import("./views/check-view.js"), "checkView") },
  { pattern: /^\/warning-signs$/, view: later(() => import("./views/warning-signs-view.js"), "warningSignsView") },
  { pattern: /^\/heat-cold$/, view: later(() => import("./views/heat-cold-view.js"), "heatColdView") },
  { pattern: /^\/guide$/, view: later(() => import("./views/guide-view.js"), "guideListView") },
  { pattern: new RegExp(`^/guide/(?<pageId>${ID})$`), view: later(() => import("./views/guide-view.js"), "guidePageView") },
];

// Which catalog documents the view on screen was drawn from: only their change redraws it.
let pathsOnScreen = new Set();
// Documents the refresh changed while a view was being drawn: it may hold the older copy.
let changedDuringRender = new Set();
const router = createRouter(document.getElementById("main"), routes, notFoundView, {
  beforeRender: () => {
    takeReadPaths();
    changedDuringRender = new Set();
  },
  afterRender: () => {
    pathsOnScreen = takeReadPaths();
    if ([...pathsOnScreen].some((path) => changedDuringRender.has(path))) queueMicrotask(() => router.refresh());
    // A heat or cold pack keeps its time on every page, not only on the timer's.
    import("./heat-cold-watch.js").then(({ watchHeatCold }) => watchHeatCold());
  },
});


async function refresh() {
  const changed = await refreshCatalog();
  changed.forEach((path) => changedDuringRender.add(path));
  if (changed.some((path) => pathsOnScreen.has(path))) router.refresh();
}
// Draw from the device first, then look for fresh data. The worker is registered once the first
// view is on screen: its precache must not compete with what that view is still downloading.
router.start().then(() => {
  registerServiceWorker({
    banner: document.getElementById("update-banner"),
    button: document.getElementById("update-button"),
  });
  return refresh();
});
window.addEventListener("online", refresh);
// Sync the log once the first view is drawn; redraw History when sessions arrive from the account.
import("./sync-queue.js").then(({ startSync }) => startSync());
window.addEventListener(LOG_PULLED, () => {
  if (location.pathname === "/history") router.redraw();
});
