import { readDocument, ROUTINES_PATH } from "../catalog-store.js";
import { h } from "../dom.js";
import { formatMinutes, plural } from "../format.js";
import { getActive } from "../log-store.js";
import { DEFAULT_DAILY_ROUTINE, getDailyRoutineId } from "../settings.js";
import { offlineEmptyView } from "./not-found-view.js";

function routineCard(routine) {
  return h(
    "li",
    {},
    h(
      "a",
      { class: "card", href: `/routines/${routine.id}` },
      h("span", { class: "card-title" }, routine.title),
      h("span", {}, routine.summary),
      h("span", { class: "card-meta" }, `${formatMinutes(routine.duration_minutes)} · ${plural(routine.exercise_count, "exercise")}`),
    ),
  );
}

export async function homeView() {
  const [list, dailyId, active] = await Promise.all([readDocument(ROUTINES_PATH), getDailyRoutineId(), getActive()]);
  if (!list) return offlineEmptyView();
  const unfinished = active && list.routines.find((routine) => routine.id === active.routineId);
  const routines = list.routines;
  const today =
    routines.find((routine) => routine.id === dailyId) ?? routines.find((routine) => routine.id === DEFAULT_DAILY_ROUTINE) ?? routines[0];
  const others = routines.filter((routine) => routine.id !== today.id);

  return {
    title: "Today",
    node: h(
      "div",
      {},
      unfinished
        ? h(
            "section",
            { class: "notice resume-offer", "aria-labelledby": "resume-title" },
            h("h2", { id: "resume-title" }, `Unfinished: ${unfinished.title}`),
            h("p", {}, "Everything you did is saved. Carry on where you stopped?"),
            h("a", { class: "button button-primary", href: `/play/${unfinished.id}` }, `Resume ${unfinished.title}`),
          )
        : null,
      h(
        "section",
        { class: "today", "aria-labelledby": "today-title" },
        h("p", { class: "eyebrow" }, "Today's routine"),
        h("h1", { id: "today-title" }, today.title),
        h("p", {}, today.summary),
        h("p", { class: "meta" }, `${formatMinutes(today.duration_minutes)} · ${today.exercise_names.join(", ")}`),
        h("a", { class: "button button-primary button-large", href: `/play/${today.id}` }, `Start ${today.title}`),
        h("p", { class: "secondary-actions" }, h("a", { class: "button", href: `/routines/${today.id}` }, "See the exercises")),
      ),
      h("h2", {}, "Other routines"),
      h("ul", { class: "card-list" }, others.map(routineCard)),
      h(
        "p",
        { class: "notice" },
        "Move gently. Stop an exercise if pain becomes sharp, or spreads down a leg, and get advice if it does not settle.",
      ),
    ),
  };
}
