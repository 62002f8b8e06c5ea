import { h } from "../../lib/dom.js";

/**
 * The Start control for a routine, as the safety check allows: locked (a disabled button)
 * after an emergency or an unconfirmed urgent answer, through the check when it is due,
 * and straight to the player otherwise.
 */
export function startControl(routine, gate, className = "button button-primary button-large") {
  const label = `Start ${routine.title}`;
  if (gate.status === "emergency" || gate.status === "urgent") {
    return h(
      "button",
      { type: "button", class: className, disabled: true, "aria-describedby": "locked-reason" },
      `${label} (locked)`,
    );
  }
  const player = `/play/${routine.id}`;
  return h(
    "a",
    { class: className, href: gate.status === "due" ? `/check?next=${encodeURIComponent(player)}` : player },
    label,
  );
}

/** Why Start is locked, next to the control, with the way to the check. */
export function lockedReason(gate) {
  if (gate.status !== "emergency" && gate.status !== "urgent") return null;
  const text =
    gate.status === "emergency"
      ? "Your safety check found signs that need medical help now, so the routines are locked."
      : "Your safety check found signs a doctor should look at first, so the routines are paused.";
  return h(
    "p",
    { id: "locked-reason", class: "locked-note" },
    `${text} `,
    h("a", { href: "/check" }, "Open the safety check"),
  );
}
