/**
 * The routine builder: a new routine (`/build`), a copy of any routine (`/build?from=ID`) or an
 * own routine changed (`/build/ID`). The draft is checked against the routine schema on the
 * device, each fault shown beside its field; the length updates while editing; Save stores it on
 * the device first (sync sends it later) and opens its page.
 */
import { EXERCISES_PATH, readDocument } from "../../catalog/catalog-store.js";
import { h } from "../../lib/dom.js";
import { roundedMinutes, routineSeconds } from "../../catalog/dosage.js";
import { formatMinutes, plural } from "../../lib/format.js";
import { readAnyRoutine } from "../../own-routines/own-routine-resolve.js";
import { getOwnRoutine, saveOwnRoutine } from "../../own-routines/own-routine-store.js";
import { routineFaults } from "../../catalog/routine-schema.js";
import { copyOf, faultPlace, finished, moveItem, newItem, newRoutine } from "./builder-draft.js";
import { field, FIELD_LABELS, itemEditor } from "./item-editor.js";
import { notFoundView } from "../common/not-found-view.js";

class Builder {
  constructor(draft, exercises, { editingId, navigate }) {
    this.draft = draft;
    this.exercises = exercises;
    this.byId = new Map(exercises.map((exercise) => [exercise.id, exercise]));
    this.editingId = editingId;
    this.navigate = navigate;
    this.triedToSave = false;
    this.length = h("p", { class: "meta builder-length", "aria-live": "polite" });
    this.items = h("ol", { class: "builder-items", "aria-labelledby": "builder-exercises" });
    this.announcer = h("p", { class: "visually-hidden", role: "status" });
    this.summary = h("div", { class: "form-error-summary", tabindex: -1, hidden: true });
    this.form = this.buildForm();
    this.drawItems();
  }

  buildForm() {
    const text = (key, label) =>
      field(
        `builder-${key}`,
        `$.${key}`,
        label,
        h("input", {
          type: "text",
          value: this.draft[key],
          autocomplete: "off",
          oninput: (event) => this.change(() => (this.draft[key] = event.target.value)),
        }),
      );
    const picker = h(
      "select",
      { id: "builder-add" },
      this.exercises.map((exercise) => h("option", { value: exercise.id }, exercise.name)),
    );
    return h(
      "form",
      { class: "builder", novalidate: true, onsubmit: (event) => this.save(event) },
      this.summary,
      text("title", FIELD_LABELS.title),
      text("summary", FIELD_LABELS.summary),
      this.length,
      h("h2", { id: "builder-exercises" }, "Exercises, in order"),
      this.items,
      h("p", { class: "field-error", id: "builder-items-error", "data-path": "$.items", hidden: true }),
      h(
        "div",
        { class: "builder-add" },
        h("label", { for: "builder-add" }, "Exercise to add"),
        picker,
        h("button", { type: "button", class: "button", onclick: () => this.add(picker.value) }, "Add this exercise"),
      ),
      this.announcer,
      h("button", { type: "submit", class: "button button-primary button-large" }, "Save on this device"),
    );
  }

  nameOf(index) {
    const item = this.draft.items[index];
    const exercise = item && this.byId.get(item.exercise);
    if (!exercise) return "unknown";
    return (item.variant && exercise.variants.find((variant) => variant.id === item.variant)?.name) || exercise.name;
  }

  drawItems(focus = null) {
    const count = this.draft.items.length;
    this.items.replaceChildren(
      ...this.draft.items.map((item, index) =>
        itemEditor(item, index, count, this.byId.get(item.exercise), {
          change: (name, value) =>
            this.change(() => {
              if (name === "variant" && !value) delete item.variant;
              else item[name] = value;
              if (name === "variant") this.redrawTitle(index);
            }),
          move: (delta) => this.move(index, delta),
          remove: () => this.remove(index),
        }),
      ),
    );
    if (!count) this.items.append(h("li", { class: "meta" }, "No exercises yet: add one below."));
    this.update();
    focus?.();
  }

  redrawTitle(index) {
    const title = this.items.querySelector(`#item-${index}-title`);
    if (title) title.textContent = `${index + 1}. ${this.nameOf(index)}`;
  }

  change(edit) {
    edit();
    this.update();
  }

  add(exerciseId) {
    const exercise = this.byId.get(exerciseId);
    if (!exercise) return;
    this.draft.items.push(newItem(exercise));
    const index = this.draft.items.length - 1;
    this.drawItems(() => this.items.querySelector(`#item-${index}-title`)?.focus());
    this.announcer.textContent = `${exercise.name} added as exercise ${index + 1}.`;
  }

  move(index, delta) {
    const name = this.nameOf(index);
    this.draft.items = moveItem(this.draft.items, index, delta);
    const to = index + delta;
    const action = delta < 0 ? "up" : "down";
    this.drawItems(() => {
      const item = this.items.querySelector(`[data-index="${to}"]`);
      (item.querySelector(`[data-action="${action}"]`) ?? item.querySelector("[data-action]"))?.focus();
    });
    this.announcer.textContent = `${name} is now exercise ${to + 1} of ${this.draft.items.length}.`;
  }

  remove(index) {
    const name = this.nameOf(index);
    this.draft.items.splice(index, 1);
    this.drawItems(() => document.getElementById("builder-add").focus());
    this.announcer.textContent = `${name} removed.`;
  }

  /** The length, and once Save was tried, the faults as they are now. */
  update() {
    // Checked as it will be saved: with the sources of its exercises added.
    const faults = routineFaults(finished(this.draft, this.exercises));
    const numbersOk = !faults.some(
      (fault) => fault.path.startsWith("$.items[") && fault.message.includes("whole number"),
    );
    if (!this.draft.items.length) this.length.textContent = "Add an exercise to see how long it takes.";
    else if (!numbersOk) this.length.textContent = "The length shows once every number is filled in.";
    else
      this.length.textContent = `${formatMinutes(roundedMinutes(routineSeconds(this.draft)))} · ${plural(this.draft.items.length, "exercise")}`;
    if (this.triedToSave) this.showFaults(faults);
    return faults;
  }

  showFaults(faults) {
    for (const error of this.form.querySelectorAll(".field-error")) {
      error.hidden = true;
      error.textContent = "";
    }
    for (const input of this.form.querySelectorAll("[aria-invalid]")) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
    const lines = [];
    for (const fault of faults) {
      const place = faultPlace(fault.path, FIELD_LABELS, (index) => this.nameOf(index));
      lines.push(`${place}: ${fault.message}.`);
      const input = this.form.querySelector(
        `input[data-path="${CSS.escape(fault.path)}"], select[data-path="${CSS.escape(fault.path)}"]`,
      );
      const error = input
        ? document.getElementById(`${input.id}-error`)
        : this.form.querySelector(`p.field-error[data-path="${CSS.escape(fault.path)}"]`);
      if (input) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", error.id);
      }
      if (error) {
        error.hidden = false;
        error.textContent = error.textContent
          ? `${error.textContent} ${fault.message}.`
          : `${fault.message[0].toUpperCase()}${fault.message.slice(1)}.`;
      }
    }
    this.summary.hidden = !lines.length;
    this.summary.replaceChildren(
      ...(lines.length
        ? [
            h("h2", {}, `${plural(lines.length, "thing", "things")} to fix before saving`),
            h(
              "ul",
              {},
              lines.map((line) => h("li", {}, line)),
            ),
          ]
        : []),
    );
  }

  async save(event) {
    event.preventDefault();
    this.triedToSave = true;
    const faults = this.update();
    if (faults.length) {
      this.summary.focus();
      return;
    }
    try {
      const id = await saveOwnRoutine(finished(this.draft, this.exercises), this.editingId);
      this.navigate(`/routines/${id}`);
    } catch (error) {
      console.error(error);
      this.summary.hidden = false;
      this.summary.replaceChildren(
        h(
          "p",
          { role: "alert" },
          "This device could not save the routine: its storage did not answer. Please try again.",
        ),
      );
      this.summary.focus();
    }
  }
}

/** The draft to start from: an own routine to change, a copy of any routine, or a new one. */
async function startingDraft(params) {
  if (params.routineId) {
    const record = await getOwnRoutine(params.routineId);
    return record
      ? { draft: structuredClone(record.routine), editingId: record.id, heading: `Change ${record.routine.title}` }
      : null;
  }
  const from = new URLSearchParams(location.search).get("from");
  if (!from) return { draft: newRoutine(), editingId: null, heading: "New routine" };
  const routine = await readAnyRoutine(from);
  return routine ? { draft: copyOf(routine), editingId: null, heading: `A copy of ${routine.title}` } : null;
}

export async function builderView({ params, navigate }) {
  const [start, list] = await Promise.all([startingDraft(params), readDocument(EXERCISES_PATH)]);
  if (!start || !list) return notFoundView();
  const builder = new Builder(start.draft, list.exercises, { editingId: start.editingId, navigate });
  return {
    title: start.heading,
    node: h(
      "article",
      {},
      h(
        "a",
        { class: "back-link", href: start.editingId ? `/routines/${start.editingId}` : "/" },
        start.editingId ? "← Back to the routine" : "← Today",
      ),
      h("h1", {}, start.heading),
      h(
        "p",
        {},
        "Pick exercises, their versions and doses, and their order. It is kept on this device, and on your other devices once sync is on.",
      ),
      builder.form,
    ),
    // Fresh catalog data must never wipe a draft half made: this view keeps the copy it drew from.
    staysOnRefresh: true,
  };
}
