/** Entry point: wire the router, the views, the catalog refresh and the service worker. */
import { refreshCatalog, takeReadPaths } from "./catalog-store.js";
import { LOG_PULLED } from "./events.js";
import { watchHeatCold } from "./heat-cold-watch.js";
import { createRouter } from "./router.js";
import { registerServiceWorker } from "./sw-bridge.js";
import { startSync } from "./sync-queue.js";
import { checkView } from "./views/check-view.js";
import { exerciseView } from "./views/exercise-view.js";
import { guideListView, guidePageView } from "./views/guide-view.js";
import { heatColdView } from "./views/heat-cold-view.js";
import { historyView } from "./views/history-view.js";
import { homeView } from "./views/home-view.js";
import { notFoundView } from "./views/not-found-view.js";
import { playerView } from "./views/player-view.js";
import { routineView } from "./views/routine-view.js";
import { settingsView } from "./views/settings-view.js";

const ID = "[a-z0-9]+(?:-[a-z0-9]+)*";
const routes = [
  { pattern: /^\/$/, view: homeView },
  { pattern: new RegExp(`^/routines/(?<routineId>${ID})$`), view: routineView },
  { pattern: new RegExp(`^/exercises/(?<exerciseId>${ID})$`), view: exerciseView },
  { pattern: new RegExp(`^/play/(?<routineId>${ID})$`), view: playerView },
  { pattern: /^\/history$/, view: historyView },
  { pattern: /^\/settings$/, view: settingsView },
  { pattern: /^\/check$/, view: checkView },
  { pattern: /^\/heat-cold$/, view: heatColdView },
  { pattern: /^\/guide$/, view: guideListView },
  { pattern: new RegExp(`^/guide/(?<pageId>${ID})$`), view: guidePageView },
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
    watchHeatCold();
  },
});

registerServiceWorker({
  banner: document.getElementById("update-banner"),
  button: document.getElementById("update-button"),
});

async function refresh() {
  const changed = await refreshCatalog();
  changed.forEach((path) => changedDuringRender.add(path));
  if (changed.some((path) => pathsOnScreen.has(path))) router.refresh();
}
// Draw from the device first, then look for fresh data.
router.start().then(refresh);
window.addEventListener("online", refresh);
// Sync the log once the first view is drawn; redraw History when sessions arrive from the account.
startSync();
window.addEventListener(LOG_PULLED, () => {
  if (location.pathname === "/history") router.redraw();
});
