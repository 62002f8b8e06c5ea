/**
 * The heat and cold timer: heat (15 min, up to 20), cold (15 min, hard cap 20, skin checks at
 * 5 and 10 min, 90 min before the next cold), or heat then cold (20 + 20, 3 times a day).
 * Timed from timestamps like the player; the running session survives a reload; every
 * session is kept in the log.
 */
import { h } from "../../lib/dom.js";
import { plural } from "../../lib/format.js";
import {
  acknowledgeSkinCheck,
  endOf,
  finishHeatCold,
  runningHeatCold,
  startHeatCold,
} from "../../safety/heat-cold-session.js";
import { watchHeatCold } from "../../safety/heat-cold-watch.js";
import { listHeatColdSessions, readSafety } from "../../safety/safety-store.js";
import { canStart, sessionAt } from "../../safety/heat-cold-rules.js";
import { createWakeLock } from "../../lib/wake-lock.js";
import { clock } from "../../player/step-text.js";
import { offlineEmptyView } from "../common/not-found-view.js";
import { sourceList } from "../common/sources.js";

const MODES = [
  { id: "heat", label: "Heat" },
  { id: "cold", label: "Cold" },
  { id: "alternate", label: "Heat, then cold" },
];
const KIND_WORDS = { heat: "Heat", cold: "Cold" };

function timeOfDay(milliseconds) {
  return new Date(milliseconds).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

class HeatColdTimer {
  constructor(safety) {
    this.rules = safety.heat_cold;
    this.safety = safety;
    // One live region for the whole view, present from the start, so changes are announced.
    this.announcer = h("p", { class: "visually-hidden", role: "status" });
    this.content = h("div");
    this.root = h("section", { class: "heat-cold" }, this.content, this.announcer);
    this.wakeLock = createWakeLock({ onUnsupported: () => {}, onChange: () => {} });
    this.timer = null;
    this.focusAfterShow = null;
    this.mode = "heat";
    this.minutes = this.rules.heat.default_minutes;
  }

  /** Show a new screen and move focus to its heading, or to `focusSelector` when given. */
  show(...children) {
    this.content.replaceChildren(...children.filter(Boolean));
    const heading = this.content.querySelector("h1");
    heading?.setAttribute("tabindex", "-1");
    (this.focusAfterShow ? this.content.querySelector(this.focusAfterShow) : heading)?.focus({ preventScroll: true });
    this.focusAfterShow = null;
  }

  announce(text) {
    this.announcer.textContent = text;
  }

  async showSetup() {
    clearTimeout(this.timer);
    const history = await listHeatColdSessions();
    const check = canStart(this.mode, history, this.rules, Date.now());
    const limits = this.mode === "alternate" ? null : this.rules[this.mode];
    const minutesLabel = h("span", { class: "minutes-value", "aria-live": "polite" }, plural(this.minutes, "minute"));
    const change = (delta) => {
      this.minutes = Math.min(limits.max_minutes, Math.max(1, this.minutes + delta));
      minutesLabel.textContent = plural(this.minutes, "minute");
      less.disabled = this.minutes <= 1;
      more.disabled = this.minutes >= limits.max_minutes;
    };
    const less = h(
      "button",
      { type: "button", class: "button", "aria-label": "One minute less", onclick: () => change(-1) },
      "−",
    );
    const more = h(
      "button",
      { type: "button", class: "button", "aria-label": "One minute more", onclick: () => change(1) },
      "+",
    );
    if (limits) {
      less.disabled = this.minutes <= 1;
      more.disabled = this.minutes >= limits.max_minutes;
    }
    const blocked =
      check.reason === "cold-rest"
        ? `Cold needs a break of ${this.rules.cold.rest_minutes} minutes between sessions: you can start again at ${timeOfDay(check.allowedAt)}.`
        : check.reason === "daily-limit"
          ? `Heat then cold is limited to ${this.rules.alternate.max_per_day} times a day: you have reached it today.`
          : null;

    this.show(
      h("h1", {}, "Heat and cold timer"),
      h(
        "fieldset",
        { class: "mode-choice" },
        h("legend", {}, "What are you using?"),
        MODES.map(({ id, label }) =>
          h(
            "label",
            { class: "choice" },
            h("input", {
              type: "radio",
              name: "mode",
              value: id,
              checked: this.mode === id,
              onchange: () => {
                this.mode = id;
                this.minutes = id === "alternate" ? 0 : this.rules[id].default_minutes;
                // Arrowing through the choices must keep focus on them, not jump to the heading.
                this.focusAfterShow = `input[name="mode"][value="${id}"]`;
                this.showSetup();
              },
            }),
            label,
          ),
        ),
      ),
      limits
        ? h(
            "div",
            { class: "minutes", role: "group", "aria-label": "Minutes" },
            less,
            minutesLabel,
            more,
            h("p", { class: "meta" }, `Up to ${limits.max_minutes} minutes.`),
          )
        : h(
            "p",
            {},
            `${this.rules.alternate.heat_minutes} minutes of heat, then ${this.rules.alternate.cold_minutes} minutes of cold.`,
          ),
      h(
        "section",
        { class: "notice", "aria-labelledby": "warnings-title" },
        h("h2", { id: "warnings-title" }, "Before you start"),
        h(
          "ul",
          {},
          this.rules.warnings.map((text) => h("li", {}, text)),
        ),
      ),
      blocked ? h("p", { class: "locked-note", role: "status" }, blocked) : null,
      h(
        "button",
        {
          type: "button",
          class: "button button-primary button-large",
          disabled: !check.allowed,
          onclick: () => this.start(),
        },
        "Start the timer",
      ),
      this.historyList(history),
      h(
        "details",
        { class: "advice-sources" },
        h("summary", {}, "Sources"),
        sourceList(this.rules.sources, { heading: false }),
      ),
    );
  }

  historyList(history) {
    if (!history.length) return null;
    return h(
      "section",
      { "aria-labelledby": "recent-title" },
      h("h2", { id: "recent-title" }, "Recent sessions"),
      h(
        "ul",
        { class: "heat-cold-log" },
        history
          .slice(0, 5)
          .map((session) =>
            h(
              "li",
              {},
              `${new Date(session.startedAt).toLocaleString(undefined, { weekday: "short", hour: "2-digit", minute: "2-digit" })}: ${MODES.find((mode) => mode.id === session.mode).label}, ${plural(Math.max(1, Math.round((session.endedAt - session.startedAt) / 60000)), "minute")}${session.stoppedEarly ? " (stopped early)" : ""}`,
            ),
          ),
      ),
    );
  }

  async start() {
    const { active, saved } = startHeatCold(this.mode, this.minutes, this.rules, Date.now());
    this.active = active;
    this.showRunning();
    this.announce("Timer started.");
    if (!(await saved))
      this.ui.prompt.before(
        h(
          "p",
          { class: "notice", role: "alert" },
          "This device could not save the timer: keep this page open until it ends.",
        ),
      );
  }

  resumeActive(active) {
    this.active = active;
    this.showRunning();
  }

  showRunning() {
    this.wakeLock.hold();
    this.ui = {
      phase: h("p", { class: "player-instruction" }),
      count: h("span", { class: "player-count" }),
      unit: h("span", { class: "player-unit" }, "minutes left"),
      prompt: h("div", { class: "skin-check", role: "alert" }),
    };
    this.show(
      h("h1", {}, MODES.find((mode) => mode.id === this.active.mode).label),
      this.ui.phase,
      h("div", { class: "player-dial", role: "timer" }, this.ui.count, this.ui.unit),
      this.ui.prompt,
      h("p", { class: "meta" }, this.rules.warnings[0]),
      h(
        "button",
        { type: "button", class: "button player-main-button", onclick: () => this.finish(Date.now(), true) },
        "Stop now",
      ),
    );
    this.tick();
  }

  tick() {
    clearTimeout(this.timer);
    const now = Date.now();
    const state = sessionAt(this.active.plan, this.active.startedAt, now, this.rules);
    if (state.done) {
      this.finish(state.endedAt, false);
      return;
    }
    const part = this.active.plan.length > 1 ? ` (part ${state.phaseIndex + 1} of 2)` : "";
    this.ui.phase.textContent = KIND_WORDS[state.kind] + part;
    const seconds = Math.ceil(state.remainingMs / 1000);
    this.ui.count.textContent = clock(seconds);
    this.ui.unit.textContent = seconds >= 60 ? "minutes left" : "seconds left";
    const due = state.skinChecksDue.filter(
      (minute) => !this.active.acknowledged.includes(`${state.phaseIndex}:${minute}`),
    );
    if (due.length && !this.ui.prompt.childElementCount) this.showSkinCheck(state.phaseIndex, due);
    this.timer = setTimeout(() => this.tick(), ((state.remainingMs - 1) % 1000) + 2);
  }

  showSkinCheck(phaseIndex, minutes) {
    if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
    this.ui.prompt.replaceChildren(
      h("p", {}, this.rules.skin_check),
      h(
        "button",
        {
          type: "button",
          class: "button button-primary",
          onclick: () => {
            this.active = acknowledgeSkinCheck(this.active, phaseIndex, minutes);
            this.ui.prompt.replaceChildren();
          },
        },
        "My skin looks fine",
      ),
    );
  }

  async finish(endedAt, stoppedEarly) {
    clearTimeout(this.timer);
    this.wakeLock.release();
    const end = endOf(this.active, endedAt, stoppedEarly, this.rules);
    // "Take the pack off" first, whatever happens to the write after it.
    if (navigator.vibrate) navigator.vibrate([300, 100, 300]);
    this.announce(end.stoppedEarly ? "Timer stopped. Take the pack off now." : "Time is up. Take the pack off now.");
    const saved = h("p", { class: "saved", role: "status" }, "Take the pack off now.");
    this.show(
      h("h1", {}, end.stoppedEarly ? "Timer stopped" : "Time is up"),
      saved,
      h("button", { type: "button", class: "button", onclick: () => this.showSetup() }, "Back to the timer"),
    );
    try {
      await finishHeatCold(this.active, end);
      saved.textContent = "Take the pack off now. This session is saved on this device.";
    } catch (error) {
      console.error(error);
      saved.textContent = "Take the pack off now. This device could not save this session.";
    }
    watchHeatCold();
  }

  dispose() {
    clearTimeout(this.timer);
    this.wakeLock.release();
  }
}

export async function heatColdView() {
  const [safety, active] = await Promise.all([readSafety(), runningHeatCold()]);
  if (!safety) return offlineEmptyView();
  const timer = new HeatColdTimer(safety);
  if (active) timer.resumeActive(active);
  else await timer.showSetup();
  return { title: "Heat and cold timer", node: timer.root, cleanup: () => timer.dispose(), staysOnRefresh: true };
}
