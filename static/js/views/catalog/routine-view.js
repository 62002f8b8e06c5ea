import { h, textList } from "../../lib/dom.js";
import { formatDose, formatMinutes, plural } from "../../lib/format.js";
import { routineGate } from "../../safety/safety-store.js";
import { readAnyRoutine } from "../../own-routines/own-routine-resolve.js";
import { getPickedRoutineId, setDailyRoutineId } from "../../lib/settings.js";
import { notFoundView } from "../common/not-found-view.js";
import { ownRoutineActions } from "../own-routines/own-routine-actions.js";
import { lockedReason, startControl } from "../safety/start-control.js";
import { sourceList } from "../common/sources.js";

function itemCard(item) {
  const name = item.variant ? item.variant.name : item.exercise.name;
  return h(
    "li",
    {},
    h(
      "a",
      { class: "card", href: `/exercises/${item.exercise.id}` },
      h("span", { class: "card-title" }, name),
      h("span", { class: "card-meta" }, formatDose(item)),
    ),
  );
}

/** Make this routine the person's daily pick, which the plan then respects, or hand the choice back. */
function dailyChoice(routine, isDaily, navigate) {
  const save = async (event, routineId) => {
    try {
      await setDailyRoutineId(routineId);
      navigate("/");
    } catch (error) {
      console.error(error);
      event.target.after(
        h("p", { class: "form-error", role: "alert" }, "This device could not save your choice. Please try again."),
      );
    }
  };
  if (isDaily) {
    return h(
      "div",
      {},
      h("p", { class: "meta" }, "This is your daily routine on the home screen."),
      h(
        "button",
        { type: "button", class: "button", onclick: (event) => save(event, null) },
        "Let the daily plan choose again",
      ),
    );
  }
  return h(
    "button",
    {
      type: "button",
      class: "button",
      onclick: (event) => save(event, routine.id),
    },
    "Make this my daily routine",
  );
}

export async function routineView({ params, navigate }) {
  const [routine, dailyId, gate] = await Promise.all([
    readAnyRoutine(params.routineId),
    getPickedRoutineId(),
    routineGate(),
  ]);
  if (!routine) return notFoundView();

  return {
    title: routine.title,
    node: h(
      "article",
      {},
      h("a", { class: "back-link", href: "/" }, "← Today"),
      h("h1", {}, routine.title),
      h("p", {}, routine.summary),
      h(
        "p",
        { class: "meta" },
        `${formatMinutes(routine.duration_minutes)} · ${plural(routine.exercise_count, "exercise")} · ${routine.frequency}`,
      ),
      h(
        "div",
        { class: "actions" },
        startControl(routine, gate),
        lockedReason(gate),
        dailyChoice(routine, dailyId === routine.id, navigate),
      ),
      ownRoutineActions(routine, navigate),
      h("h2", {}, "When to use it"),
      textList("ul", routine.when_to_use),
      h(
        "section",
        { class: "notice", "aria-labelledby": "when-not" },
        h("h2", { id: "when-not" }, "When not to"),
        textList("ul", routine.when_not_to_use),
      ),
      h("h2", {}, "The exercises"),
      routine.warm_up ? h("p", {}, `First: ${routine.warm_up.instruction}`) : null,
      h("ol", { class: "card-list dose-list" }, routine.items.map(itemCard)),
      h("h2", {}, "Why these"),
      h("p", {}, routine.rationale),
      sourceList(routine.sources),
    ),
  };
}
