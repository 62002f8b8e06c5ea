import { h } from "../../lib/dom.js";
import { deviceTimeZone, emergencyNumberFor } from "../../safety/screen-rules.js";
import { sourceList } from "../common/sources.js";

/** The emergency number of the country the device's time zone places it in, as a call button. */
export function emergencyCall(safety) {
  const found = emergencyNumberFor(
    deviceTimeZone(),
    navigator.languages ?? [navigator.language],
    safety.emergency_services,
    safety.time_zones,
  );
  if (!found) {
    // 112 only as a hint for Europe: it is not every country's number.
    return h(
      "p",
      { class: "emergency-number" },
      "Use the emergency number for the country you are in. 112 works from most mobiles in Europe.",
    );
  }
  const { country, number, note, alsoFromMobile } = found;
  const sentences = [
    `This device's time zone places it in ${country}, where the number for an ambulance is ${note ? `${number} ${note}` : number}.`,
    alsoFromMobile ? `${alsoFromMobile} also works from a mobile.` : null,
    "In another country, use that country's number.",
  ];
  const call = (digits) => h("a", { class: "button button-danger", href: `tel:${digits}` }, `Call ${digits}`);
  return h(
    "p",
    { class: "emergency-number" },
    `${sentences.filter(Boolean).join(" ")} `,
    call(number),
    alsoFromMobile ? [" ", call(alsoFromMobile)] : null,
  );
}

/** An advice block from the safety content: heading, paragraphs, and the number for emergencies (or where `call` asks for it). */
export function adviceCard(safety, advice, { level, headingLevel = "h2", id, call = level === "emergency" }) {
  return h(
    "section",
    { class: `advice advice-${level}`, "aria-labelledby": id, role: level === "emergency" ? "alert" : null },
    h(headingLevel, { id }, advice.title),
    advice.body.map((paragraph) => h("p", {}, paragraph)),
    call ? emergencyCall(safety) : null,
    h(
      "details",
      { class: "advice-sources" },
      h("summary", {}, "Sources"),
      sourceList(advice.sources, { heading: false }),
    ),
  );
}

/** Who Unknot is for and what it is not (not a diagnosis, adults, cautions), where a first-time user looks. */
export function scopeNote(safety, id) {
  return h(
    "section",
    { class: "notice scope", "aria-labelledby": id },
    h("h2", { id }, safety.scope.title),
    h(
      "ul",
      {},
      safety.scope.body.map((line) => h("li", {}, line)),
    ),
  );
}
