/**
 * "Warning signs" over the player: the signs that mean stop and get help, from the safety
 * content the device already holds, so it opens offline and the routine waits underneath.
 */
import { h, textList } from "../../dom.js";
import { emergencyCall } from "../advice.js";

/** Open the dialog in `root`; `onClose()` runs once it is closed (by its button or Escape). */
export function openWarningSigns(root, safety, onClose) {
  const dialog = h(
    "dialog",
    { class: "stop-panel warning-signs", "aria-labelledby": "warning-signs-title" },
    h("h2", { id: "warning-signs-title" }, "Warning signs"),
    h("h3", {}, "Stop and get emergency help now if you have"),
    textList("ul", safety.emergency_questions.map((question) => question.text)),
    emergencyCall(safety),
    h("h3", {}, "Stop and speak to a doctor today if you have"),
    textList("ul", safety.urgent_questions.map((question) => question.text)),
    h("button", { type: "button", class: "button button-primary", onclick: () => dialog.close() }, "Back to the exercise"),
  );
  dialog.addEventListener("close", () => {
    dialog.remove();
    onClose();
  });
  root.append(dialog);
  dialog.showModal();
  dialog.querySelector("button").focus();
}
