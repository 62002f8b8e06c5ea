/**
 * Settings → Daily plan: whether the plan adds a desk break, and on which days the person works.
 * Each change is saved at once; the status line says so, or that it was not.
 */
import { h } from "../../lib/dom.js";
import { getPlanChoices, setDeskBreakWanted, setWorkDays } from "../../plan/plan-store.js";

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
// Monday first, as most calendars show a working week.
const DAY_ORDER = [1, 2, 3, 4, 5, 6, 0];

function toggle(id, label, checked, onchange, hint = null) {
  return h(
    "div",
    { class: "toggle" },
    h("input", { type: "checkbox", id, checked, "aria-describedby": hint ? `${id}-hint` : null, onchange }),
    h("label", { for: id }, label),
    hint ? h("p", { id: `${id}-hint`, class: "meta" }, hint) : null,
  );
}

export async function planSettings() {
  const choices = await getPlanChoices();
  const status = h("p", { class: "visually-hidden", role: "status" });
  const workDays = new Set(choices.workDays);
  const saved = async (event, save, what) => {
    try {
      await save();
      status.textContent = `${what} Saved.`;
    } catch (error) {
      console.error(error);
      event.target.checked = !event.target.checked;
      status.textContent = "This device could not save that. Please try again.";
    }
  };
  const onDeskBreak = (event) =>
    saved(event, () => setDeskBreakWanted(event.target.checked), `Desk break ${event.target.checked ? "on" : "off"}.`);
  const onDay = (day) => (event) => {
    const checked = event.target.checked;
    // Changed before the write, not after it: a second tap while this one is saving builds on
    // this one (writes to one store commit in order), instead of undoing it.
    const apply = (on) => (on ? workDays.add(day) : workDays.delete(day));
    apply(checked);
    return saved(
      event,
      async () => {
        try {
          await setWorkDays(new Set(workDays));
        } catch (error) {
          apply(!checked);
          throw error;
        }
      },
      `${DAY_NAMES[day]} ${checked ? "is" : "is not"} a work day.`,
    );
  };
  return h(
    "div",
    { class: "plan-settings" },
    h(
      "fieldset",
      { class: "toggles" },
      h("legend", {}, "Daily plan"),
      toggle(
        "plan-desk-break",
        "Offer a desk break on my work days",
        choices.deskBreak,
        onDeskBreak,
        "Home adds a short desk break beside the day's routine. Stand or walk every 30–60 minutes; do the desk break 2–3 times a day.",
      ),
    ),
    h(
      "fieldset",
      { class: "toggles" },
      h("legend", {}, "My work days"),
      DAY_ORDER.map((day) => toggle(`work-day-${day}`, DAY_NAMES[day], workDays.has(day), onDay(day))),
    ),
    status,
  );
}
