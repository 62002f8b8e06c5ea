/**
 * "Warning signs": the signs that mean stop and get help, by level, with what to do and the
 * emergency number where the device is. Drawn from the safety data, so it works offline.
 */
import { h } from "../../lib/dom.js";
import { readSafety } from "../../safety/safety-store.js";
import { emergencyCall } from "./advice.js";
import { offlineEmptyView } from "../common/not-found-view.js";
import { sourceList } from "../common/sources.js";

export const WARNING_SIGNS_PATH = "/warning-signs";

// The groups whose action says to call the emergency number (the emergency signs, and heavy
// bleeding in pregnancy) offer the same Call button, for the country the device is in.
const CALLS_FOR_HELP = new Set(["emergency", "pregnancy"]);

/** The signs, a section per level with what to do; the player shows them in a dialog too. */
export function warningSignGroups(safety) {
  return safety.warning_signs.groups.map((group) => signGroup(safety, group));
}

function signGroup(safety, group) {
  const id = `signs-${group.level}`;
  return h(
    "section",
    { class: `advice advice-${group.level}`, "aria-labelledby": id },
    h("h2", { id }, group.title),
    h("p", {}, group.action),
    h(
      "ul",
      {},
      group.signs.map((sign) => h("li", {}, sign)),
    ),
    CALLS_FOR_HELP.has(group.level) ? emergencyCall(safety) : null,
  );
}

export async function warningSignsView() {
  const safety = await readSafety();
  if (!safety) return offlineEmptyView();
  const signs = safety.warning_signs;
  return {
    title: signs.title,
    node: h(
      "article",
      { class: "warning-signs" },
      h("a", { class: "back-link", href: "/" }, "← Today"),
      h("h1", {}, signs.title),
      h("p", {}, signs.intro),
      warningSignGroups(safety),
      h("p", {}, "Not sure? ", h("a", { href: "/check" }, "Answer the safety check again"), "."),
      sourceList(signs.sources),
    ),
  };
}
