/**
 * Every event the app's modules send one another, named once. An import of this module shows
 * who sends and who listens; the names are what the browser tests listen for too.
 */

/** The log on this device changed (a session saved or ended): the sync queue sends what is new. */
export const LOG_CHANGED = "unknot:log-changed";
/** Sessions arrived from the account (or were deleted here): History draws again. */
export const LOG_PULLED = "unknot:log-pulled";
/** Sync started or ended a run: Settings → Your data shows the new status. */
export const SYNC_STATUS = "unknot:sync-status";
/** The safety check's answers changed (saved by safety-store.js): reminders pause or resume. */
export const SAFETY_CHANGED = "unknot:safety-changed";
/** An own routine was saved or deleted here: sync sends it. */
export const OWN_ROUTINES_CHANGED = "unknot:own-routines-changed";
/** Own routines arrived from the account: Home and their pages draw again. */
export const OWN_ROUTINES_PULLED = "unknot:own-routines-pulled";
/** The catalog's refresh ended, and the view on screen was drawn again if it had to be. */
export const CATALOG_REFRESHED = "unknot:catalog-refreshed";
/** A cue fired (on the document, with its detail): the timing benchmark and tests read it. */
export const CUE = "unknot:cue";

/** Tell the rest of the app that `name` happened. */
export function announce(name) {
  window.dispatchEvent(new Event(name));
}
