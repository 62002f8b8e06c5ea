/**
 * "Warning signs" over the player: the signs that mean stop and get help, from the safety
 * content the device already holds, so it opens offline and the routine waits underneath.
 */
import { h } from "../../lib/dom.js";
import { warningSignGroups } from "../safety/warning-signs-view.js";

/** Open the dialog in `root`; `onClose()` runs once it is closed (by its button or Escape). */
export function openWarningSigns(root, safety, onClose) {
  const signs = safety.warning_signs;
  const dialog = h(
    "dialog",
    { class: "stop-panel signs-panel", "aria-labelledby": "warning-signs-title" },
    h("h2", { id: "warning-signs-title" }, signs.title),
    h("p", {}, signs.intro),
    warningSignGroups(safety),
    h(
      "button",
      { type: "button", class: "button button-primary", onclick: () => dialog.close() },
      "Back to the exercise",
    ),
  );
  dialog.addEventListener("close", () => {
    dialog.remove();
    onClose();
  });
  root.append(dialog);
  dialog.showModal();
  // From the top: the heading first, the close button at the end of what to read.
  const heading = dialog.querySelector("h2");
  heading.setAttribute("tabindex", "-1");
  heading.focus();
}
