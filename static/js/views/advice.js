import { h } from "../dom.js";
import { deviceTimeZone, emergencyNumberFor } from "../safety/screen-rules.js";
import { sourceList } from "./sources.js";

/** The emergency number of the country the device's time zone places it in, as a call button. */
export function emergencyCall(safety) {
  const found = emergencyNumberFor(deviceTimeZone(), navigator.languages ?? [navigator.language], safety.emergency_services, safety.time_zones);
  if (!found) {
    return h("p", { class: "emergency-number" }, "Use the emergency number for the country you are in.");
  }
  return h(
    "p",
    { class: "emergency-number" },
    `This device's time zone places it in ${found.country}, where the number for an ambulance is ${found.number}. In another country, use that country's number. `,
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

/** Who Unknot is for and what it is not (not a diagnosis, adults, cautions), where a first-time user looks. */
export function scopeNote(safety, id) {
  return h(
    "section",
    { class: "notice scope", "aria-labelledby": id },
    h("h2", { id }, safety.scope.title),
    h("ul", {}, safety.scope.body.map((line) => h("li", {}, line))),
  );
}
