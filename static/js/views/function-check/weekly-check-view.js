/**
 * The weekly function check (the Patient-Specific Functional Scale), at /weekly-check: up to
 * three activities the back makes hard, each rated 0–10. The first time the person names them;
 * later weeks start from last week's names (editable); within seven days of a check, the form
 * edits it. It says "saved" only once IndexedDB has the check.
 */
import { h } from "../../lib/dom.js";
import { formRows, MAX_NAME_LENGTH, readForm, SCORE_MAX } from "../../function-check/function-check-plan.js";
import { listFunctionChecks, saveFunctionCheck } from "../../function-check/function-check-store.js";

const WORDS = { 0: "unable to do it", [SCORE_MAX]: "able to do it as before" };

/** One activity: its name and its score as eleven big radio buttons (arrow keys move between them). */
function activityRow(index, { name, score }) {
  const nameId = `activity-${index}-name`;
  const errorId = `activity-${index}-error`;
  const input = h("input", {
    id: nameId,
    type: "text",
    class: "text-input",
    value: name,
    maxlength: String(MAX_NAME_LENGTH),
    autocomplete: "off",
    "aria-describedby": errorId,
  });
  const scores = Array.from({ length: SCORE_MAX + 1 }, (_, value) => {
    const id = `activity-${index}-score-${value}`;
    const radio = h("input", {
      type: "radio",
      class: "score-radio",
      name: `activity-${index}-score`,
      id,
      value: String(value),
      checked: score === value,
    });
    const label = h(
      "label",
      {
        for: id,
        class: "button pain-button",
        "aria-label": WORDS[value] ? `${value}, ${WORDS[value]}` : String(value),
      },
      String(value),
    );
    return h("span", { class: "score-option" }, radio, label);
  });
  const clear = h("button", { type: "button", class: "button" }, "Clear");
  const error = h("p", { id: errorId, class: "form-error" });
  const fieldset = h(
    "fieldset",
    { class: "weekly-activity" },
    h("legend", {}, `Activity ${index + 1}`),
    h("label", { for: nameId }, "Something your back makes hard to do"),
    input,
    h(
      "fieldset",
      { class: "score-group" },
      h("legend", {}, `How well can you do it now? 0 is unable, ${SCORE_MAX} is as before the problem.`),
      h("div", { class: "pain-buttons" }, scores),
    ),
    clear,
    error,
  );
  clear.addEventListener("click", () => {
    input.value = "";
    fieldset.querySelectorAll("input[type=radio]").forEach((radio) => {
      radio.checked = false;
    });
    error.textContent = "";
    input.focus();
  });
  return {
    node: fieldset,
    input,
    error,
    value: () => {
      const checked = fieldset.querySelector("input[type=radio]:checked");
      return { name: input.value, score: checked ? Number(checked.value) : null };
    },
  };
}

export async function weeklyCheckView() {
  const checks = await listFunctionChecks();
  const start = formRows(checks);
  let editing = start.editing;
  const activities = start.rows.map((row, index) => activityRow(index, row));
  const status = h("p", { role: "status" });
  const formError = h("p", { class: "form-error", role: "alert" });
  const save = h("button", { type: "submit", class: "button button-primary button-large" }, "Save this week's check");
  const form = h(
    "form",
    { class: "weekly-check-form", novalidate: true },
    activities.map((row) => row.node),
    formError,
    save,
    status,
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    activities.forEach((row) => {
      row.error.textContent = "";
      row.input.removeAttribute("aria-invalid");
    });
    formError.textContent = "";
    status.textContent = "";
    const result = readForm(activities.map((row) => row.value()));
    if (result.error) {
      if (result.row === null) {
        formError.textContent = result.error;
        activities[0].input.focus();
      } else {
        const row = activities[result.row];
        row.error.textContent = result.error;
        row.input.setAttribute("aria-invalid", "true");
        row.input.focus();
      }
      return;
    }
    save.disabled = true;
    try {
      editing = await saveFunctionCheck(result.activities, editing);
      status.replaceChildren("Saved on this device. ", h("a", { href: "/history" }, "See it in your history"));
      save.textContent = "Save changes";
    } catch (error) {
      console.error(error);
      formError.textContent = "This device could not save your check. Nothing was lost from before: please try again.";
    } finally {
      save.disabled = false;
    }
  });

  return {
    title: "Weekly check",
    node: h(
      "section",
      { class: "weekly-check" },
      h("a", { class: "back-link", href: "/" }, "← Today"),
      h("h1", {}, "Weekly check"),
      h(
        "p",
        {},
        editing
          ? "You did this week's check already: you can change it here."
          : "Name up to three activities your back makes hard, and rate how well you can do each one now. Once a week is enough; it is optional.",
      ),
      h(
        "p",
        { class: "meta" },
        "Rating the same activities each week shows, in your history, how they change. This is the Patient-Specific Functional Scale.",
      ),
      form,
    ),
    staysOnRefresh: true,
  };
}
