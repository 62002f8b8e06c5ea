import { readRoutine } from "../catalog-store.js";
import { h } from "../dom.js";
import { formatDose } from "../format.js";
import { notFoundView } from "./not-found-view.js";

/**
 * Where the guided player will live. Until it is built this view says so plainly and lists
 * the routine's exercises with their doses, so Start never leads nowhere.
 */
export async function playView({ params }) {
  const routine = await readRoutine(params.routineId);
  if (!routine) return notFoundView();
  return {
    title: `${routine.title}: player`,
    node: h(
      "section",
      {},
      h("a", { class: "back-link", href: `/routines/${routine.id}` }, `← ${routine.title}`),
      h("h1", {}, routine.title),
      h("p", { class: "notice" }, "The guided player with timers and cues is not ready yet. For now, follow the list below at your own pace."),
      h(
        "ol",
        { class: "steps" },
        routine.items.map((item) => h("li", {}, h("a", { href: `/exercises/${item.exercise.id}` }, item.variant?.name ?? item.exercise.name), ` · ${formatDose(item)}`)),
      ),
    ),
  };
}
