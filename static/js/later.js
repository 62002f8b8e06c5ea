/**
 * Everything the app needs after the first view: the other views, sync, the heat and cold
 * watch and the reminders' safety pause. `main.js` imports this one module when any of them is
 * first needed, so the bundle (`pwa/assets.py`) makes it one file, fetched once Home is drawn,
 * instead of a file per view.
 */
export { builderView } from "./views/builder-view.js";
export { checkView } from "./views/check-view.js";
export { exerciseView } from "./views/exercise-view.js";
export { guideListView, guidePageView } from "./views/guide-view.js";
export { heatColdView } from "./views/heat-cold-view.js";
export { historyView } from "./views/history-view.js";
export { playerView } from "./views/player-view.js";
export { reportView } from "./views/report-view.js";
export { routineView } from "./views/routine-view.js";
export { settingsView } from "./views/settings-view.js";
export { shareView } from "./views/share-view.js";
export { sharedView } from "./views/shared-view.js";
export { warningSignsView } from "./views/warning-signs-view.js";
export { weeklyCheckView } from "./views/weekly-check-view.js";
export { startSync } from "./sync-queue.js";
export { watchHeatCold } from "./heat-cold-watch.js";
export { watchReminders } from "./reminder-store.js";
