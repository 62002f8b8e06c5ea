/**
 * One exercise of the routine being built: its version (the exercise, or one of its easier,
 * harder or other-position variants), its dose fields, and the buttons that move or remove it.
 * Every field carries `data-path`, the JSON path a schema fault names, so the fault shows beside it.
 */
import { h } from "../../lib/dom.js";

/** Each dose field's label, in plain words. */
export const FIELD_LABELS = {
  title: "Name",
  summary: "What it is for",
  items: "Exercises",
  sets: "Sets",
  reps: "Reps in each set",
  hold_seconds: "Hold each rep (seconds, 0 for a moving rep)",
  rep_seconds: "Seconds for one moving rep (0 for a held rep)",
  rest_between_reps_seconds: "Rest between reps (seconds)",
  rest_between_sets_seconds: "Rest between sets (seconds)",
  switch_sides_seconds: "Pause to change sides (seconds)",
  get_ready_seconds: "Time to get ready (seconds)",
  rest_after_seconds: "Rest before the next exercise (seconds)",
  variant: "Version",
};

const KIND_WORDS = { easier: "Easier", harder: "Harder", adaptation: "Another position" };

/** A labelled input with the place for its fault. */
export function field(id, path, label, input) {
  input.id = id;
  input.dataset.path = path;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    input,
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }),
  );
}

function numberInput(value, onChange) {
  return h("input", {
    type: "number",
    inputmode: "numeric",
    min: 0,
    step: 1,
    value,
    oninput: (event) => onChange(event.target.value === "" ? null : Number(event.target.value)),
  });
}

function versionSelect(item, exercise, onChange) {
  const options = [h("option", { value: "", selected: !item.variant }, `${exercise.name} (the usual version)`)];
  for (const variant of exercise.variants) {
    options.push(
      h(
        "option",
        { value: variant.id, selected: item.variant === variant.id },
        `${KIND_WORDS[variant.kind]}: ${variant.name}`,
      ),
    );
  }
  return h("select", { onchange: (event) => onChange(event.target.value || null) }, options);
}

/**
 * The editor of `items[index]`. `on.change(field, value)` hears every edit; `on.move(delta)`
 * and `on.remove()` the buttons.
 */
export function itemEditor(item, index, count, exercise, on) {
  const prefix = `item-${index}`;
  const path = `$.items[${index}]`;
  const name = item.variant ? exercise.variants.find((variant) => variant.id === item.variant)?.name : exercise.name;
  const fields = [
    field(
      `${prefix}-variant`,
      `${path}.variant`,
      FIELD_LABELS.variant,
      versionSelect(item, exercise, (value) => on.change("variant", value)),
    ),
  ];
  for (const name of [
    "sets",
    "reps",
    "hold_seconds",
    "rep_seconds",
    "rest_between_reps_seconds",
    "rest_between_sets_seconds",
  ]) {
    fields.push(
      field(
        `${prefix}-${name}`,
        `${path}.${name}`,
        FIELD_LABELS[name],
        numberInput(item[name], (value) => on.change(name, value)),
      ),
    );
  }
  if (item.per_side) {
    fields.push(
      field(
        `${prefix}-switch_sides_seconds`,
        `${path}.switch_sides_seconds`,
        FIELD_LABELS.switch_sides_seconds,
        numberInput(item.switch_sides_seconds, (value) => on.change("switch_sides_seconds", value)),
      ),
    );
  }
  fields.push(
    field(
      `${prefix}-get_ready_seconds`,
      `${path}.get_ready_seconds`,
      FIELD_LABELS.get_ready_seconds,
      numberInput(item.get_ready_seconds, (value) => on.change("get_ready_seconds", value)),
    ),
  );
  if (index < count - 1) {
    fields.push(
      field(
        `${prefix}-rest_after_seconds`,
        `${path}.rest_after_seconds`,
        FIELD_LABELS.rest_after_seconds,
        numberInput(item.rest_after_seconds, (value) => on.change("rest_after_seconds", value)),
      ),
    );
  }
  const button = (label, action, onclick) =>
    h("button", { type: "button", class: "button", "data-action": action, onclick }, label);
  return h(
    "li",
    { class: "builder-item", "data-index": index },
    h("h3", { id: `${prefix}-title`, tabindex: -1 }, `${index + 1}. ${name}`),
    h(
      "p",
      { class: "meta" },
      item.per_side ? "Done on each side: the reps are for one side." : "Done once, not per side.",
    ),
    h("div", { class: "field-grid" }, fields),
    h(
      "div",
      { class: "item-actions", role: "group", "aria-label": `${index + 1}. ${name}: order` },
      index > 0 ? button("Move up", "up", () => on.move(-1)) : null,
      index < count - 1 ? button("Move down", "down", () => on.move(1)) : null,
      button("Remove", "remove", () => on.remove()),
    ),
  );
}
