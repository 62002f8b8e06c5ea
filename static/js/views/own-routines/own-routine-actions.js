/**
 * What a routine's page offers for changing it: "Make a copy to change" and "Share" on every
 * routine, and on one's own also "Change it" and "Delete", which asks first.
 */
import { h } from "../../lib/dom.js";
import { deleteOwnRoutine } from "../../own-routines/own-routine-store.js";

function deleteControl(routine, navigate) {
  const status = h("p", { class: "meta", role: "status" });
  const confirm = h(
    "button",
    {
      type: "button",
      class: "button",
      hidden: true,
      onclick: async () => {
        try {
          await deleteOwnRoutine(routine.id);
          navigate("/");
        } catch (error) {
          console.error(error);
          status.textContent = "This device could not delete it. Please try again.";
        }
      },
    },
    `Yes, delete ${routine.title}`,
  );
  const ask = h(
    "button",
    {
      type: "button",
      class: "button",
      onclick: () => {
        confirm.hidden = false;
        status.textContent =
          "Delete it from this device and your other devices? What you did with it stays in your history.";
        confirm.focus();
      },
    },
    "Delete this routine",
  );
  return [ask, status, confirm];
}

export function ownRoutineActions(routine, navigate) {
  const copy = h(
    "a",
    { class: "button", href: `/build?from=${encodeURIComponent(routine.id)}` },
    "Make a copy to change",
  );
  const share = h("a", { class: "button", href: `/routines/${encodeURIComponent(routine.id)}/share` }, "Share");
  if (!routine.own) return h("p", { class: "secondary-actions" }, copy, share);
  return h(
    "div",
    { class: "secondary-actions" },
    h("p", { class: "meta" }, "A routine you made."),
    h("a", { class: "button", href: `/build/${routine.id}` }, "Change it"),
    copy,
    share,
    ...deleteControl(routine, navigate),
  );
}
