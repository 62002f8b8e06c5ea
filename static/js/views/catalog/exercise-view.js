import { EXERCISES_PATH, readDocument } from "../../catalog/catalog-store.js";
import { h, textList } from "../../lib/dom.js";
import { loadFigure, setFigureMotion } from "../../catalog/illustration.js";
import { notFoundView } from "../common/not-found-view.js";
import { sourceList } from "../common/sources.js";

const VARIANT_KINDS = { easier: "Easier", harder: "Harder", adaptation: "Adaptation" };

function variantItem(variant) {
  return h(
    "li",
    {},
    h("span", { class: "variant-kind" }, `${VARIANT_KINDS[variant.kind]}: ${variant.name}. `),
    variant.instructions,
    variant.steps ? textList("ol", variant.steps, "steps") : null,
  );
}

export async function exerciseView({ params }) {
  const list = await readDocument(EXERCISES_PATH);
  const exercise = list?.exercises.find((candidate) => candidate.id === params.exerciseId);
  if (!exercise) return notFoundView();
  const figure = await loadFigure(exercise.illustration_url);
  const dose = exercise.default_dose;
  setFigureMotion(figure, { motion: "move", tempoSeconds: dose.rep_seconds || 2 * Math.min(dose.hold_seconds, 4) });
  // Moving pictures that loop need a way to stop them (WCAG 2.2.2).
  const motionToggle = figure
    ? h(
        "button",
        {
          type: "button",
          class: "button figure-toggle",
          "aria-pressed": "false",
          onclick: (event) => {
            const paused = figure.toggleAttribute("data-paused");
            event.currentTarget.setAttribute("aria-pressed", String(paused));
          },
        },
        "Pause the animation",
      )
    : null;

  return {
    title: exercise.name,
    node: h(
      "article",
      {},
      h("a", { class: "back-link", href: "/" }, "← Today"),
      h("h1", {}, exercise.name),
      figure,
      motionToggle,
      h("p", {}, exercise.purpose),
      h("p", { class: "meta" }, `${exercise.position}${exercise.two_sided ? " · both sides, one at a time" : ""}`),
      h("h2", {}, "How to do it"),
      textList("ol", exercise.steps, "steps"),
      h("h2", {}, "Keep in mind"),
      textList("ul", exercise.form_cues),
      h(
        "section",
        { class: "notice", "aria-labelledby": "stop-if" },
        h("h2", { id: "stop-if" }, "Stop if"),
        textList("ul", exercise.stop_if),
      ),
      h("h2", {}, "How much"),
      h("p", {}, exercise.default_dose.summary),
      h("h2", {}, "Other versions"),
      h("ul", {}, exercise.variants.map(variantItem)),
      sourceList(exercise.sources),
    ),
  };
}
