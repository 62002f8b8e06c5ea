/**
 * "Export my routines": the person's own routines as one JSON file, from this device (so it
 * works offline and without an account), each routine in the shape of the catalog's routine files.
 */
import { h } from "../../lib/dom.js";
import { fileDate, saveFile } from "../../lib/download.js";
import { listOwnRoutines } from "../../own-routines/own-routine-store.js";

/** The file's contents: every own routine not deleted, with its id and last edit. */
export async function ownRoutinesFile() {
  const records = await listOwnRoutines();
  const routines = records.map(({ id, updatedAt, routine }) => ({ id, updatedAt, routine }));
  return new Blob([JSON.stringify({ routines }, null, 2)], { type: "application/json" });
}

export function ownRoutineExportButton() {
  const message = h("p", { "aria-live": "polite" });
  const button = h("button", { type: "button", class: "button" }, "Export my routines");
  button.addEventListener("click", async () => {
    try {
      saveFile(await ownRoutinesFile(), `unknot-routines-${fileDate()}.json`);
      message.className = "";
      message.textContent = "Your own routines were saved as a JSON file.";
    } catch (error) {
      console.error(error);
      message.className = "form-error";
      message.textContent = "This device could not read your routines. Please try again.";
    }
  });
  return [button, message];
}
