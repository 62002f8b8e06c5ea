/** Saving a file the app made (a CSV, a routine file, a calendar) through the browser's download. */
import { h } from "./dom.js";

// The download has its own copy well before then; the object URL only holds the memory.
const REVOKE_AFTER_MS = 60_000;

/** Offer `blob` to be saved as `fileName`. */
export function saveFile(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** Today's date as "YYYY-MM-DD", for a file name such as unknot-sessions-2026-12-08.csv. */
export function fileDate(now = new Date()) {
  return now.toISOString().slice(0, 10);
}
