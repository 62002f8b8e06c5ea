import { h } from "../dom.js";
import { emergencyNumberFor } from "../safety/screen-rules.js";
import { sourceList } from "./sources.js";

/** The device's emergency number where we ship one for its locale, as a call button. */
export function emergencyCall(safety) {
  const found = emergencyNumberFor(navigator.languages ?? [navigator.language], safety.emergency_numbers);
  if (!found) {
    return h("p", { class: "emergency-number" }, "Use the emergency number for the country you are in.");
  }
  return h(
    "p",
    { class: "emergency-number" },
    `Where this device is set up (${found.region}), the emergency number is ${found.number}. `,
    h("a", { class: "button button-danger", href: `tel:${found.number}` }, `Call ${found.number}`),
  );
}

/** An advice block from the safety content: heading, paragraphs, and for emergencies the number. */
export function adviceCard(safety, advice, { level, headingLevel = "h2", id }) {
  return h(
    "section",
    { class: `advice advice-${level}`, "aria-labelledby": id, role: level === "emergency" ? "alert" : null },
    h(headingLevel, { id }, advice.title),
    advice.body.map((paragraph) => h("p", {}, paragraph)),
    level === "emergency" ? emergencyCall(safety) : null,
    h("details", { class: "advice-sources" }, h("summary", {}, "Sources"), sourceList(advice.sources, { heading: false })),
  );
}
