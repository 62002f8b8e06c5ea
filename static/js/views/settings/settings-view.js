import { availableCueSettings, loadCueSettings, saveCueSetting } from "../../player/cues.js";
import { h } from "../../lib/dom.js";
import { planSettings } from "../plan/plan-settings.js";
import { reminderSettings } from "../reminders/reminder-settings.js";
import { syncSettings } from "../account/sync-settings.js";

export async function settingsView() {
  const [settings, plan] = await Promise.all([loadCueSettings(), planSettings()]);
  const status = h("p", { class: "visually-hidden", role: "status" });
  const reminders = reminderSettings();
  const yourData = syncSettings();
  return {
    title: "Settings",
    node: h(
      "section",
      {},
      h("h1", {}, "Settings"),
      h(
        "fieldset",
        { class: "toggles" },
        h("legend", {}, "Cues during a routine"),
        availableCueSettings().map(({ key, label, hint }) => {
          const id = `cue-${key}`;
          return h(
            "div",
            { class: "toggle" },
            h("input", {
              type: "checkbox",
              id,
              checked: settings[key],
              "aria-describedby": `${id}-hint`,
              onchange: async (event) => {
                try {
                  await saveCueSetting(key, event.target.checked);
                  status.textContent = `${label} ${event.target.checked ? "on" : "off"}. Saved.`;
                } catch (error) {
                  console.error(error);
                  event.target.checked = !event.target.checked;
                  status.textContent = `This device could not save that: ${label.toLowerCase()} stays ${event.target.checked ? "on" : "off"}.`;
                }
              },
            }),
            h("label", { for: id }, label),
            h("p", { id: `${id}-hint`, class: "meta" }, hint),
          );
        }),
      ),
      status,
      plan,
      reminders.node,
      yourData.node,
    ),
    cleanup: yourData.cleanup,
    // Nothing here comes from the catalog: a fresh download must not redraw it under the person.
    staysOnRefresh: true,
  };
}
