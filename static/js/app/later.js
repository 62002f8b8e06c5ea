/**
 * Everything the app needs after the first view: the other views, sync, the heat and cold
 * watch and the reminders' safety pause. `main.js` imports this one module when any of them is
 * first needed, so the bundle (`pwa/delivery/assets.py`) makes it one file, fetched once Home is drawn,
 * instead of a file per view.
 */
export { builderView } from "../views/own-routines/builder-view.js";
export { checkView } from "../views/safety/check-view.js";
export { exerciseView } from "../views/catalog/exercise-view.js";
export { guideListView, guidePageView } from "../views/catalog/guide-view.js";
export { heatColdView } from "../views/safety/heat-cold-view.js";
export { historyView } from "../views/log/history-view.js";
export { playerView } from "../views/player/player-view.js";
export { reportView } from "../views/log/report-view.js";
export { routineView } from "../views/catalog/routine-view.js";
export { settingsView } from "../views/settings/settings-view.js";
export { shareView } from "../views/own-routines/share-view.js";
export { sharedView } from "../views/own-routines/shared-view.js";
export { warningSignsView } from "../views/safety/warning-signs-view.js";
export { weeklyCheckView } from "../views/function-check/weekly-check-view.js";
export { startSync } from "../account/sync-queue.js";
export { watchHeatCold } from "../safety/heat-cold-watch.js";
export { watchReminders } from "../reminders/reminder-store.js";
