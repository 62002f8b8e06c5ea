/**
 * What Home shows around today's routine: the safety check's notices, the pain guard's ease-off,
 * an unfinished routine, and the weekly check's invitation.
 */
import { daysBetween, weekday } from "../../plan/daily-plan.js";
import { h } from "../../lib/dom.js";
import { snoozeWeeklyCheck } from "../../function-check/function-check-store.js";
import * as logStore from "../../log/log-store.js";
import { abandonActive } from "../../player/session-recorder.js";
import { saveScreenRecord } from "../../safety/safety-store.js";
import { bannerAdvice } from "../../safety/screen-rules.js";
import { adviceCard } from "../safety/advice.js";

/**
 * A button that saves something on the device, then draws Home again; if the device cannot
 * save, it says so beside the button and Home stays as it is.
 */
function savingButton(label, save, navigate) {
  const button = h("button", { type: "button", class: "button" }, label);
  button.addEventListener("click", async () => {
    try {
      await save();
      navigate("/");
    } catch (error) {
      console.error(error);
      button.after(
        h("p", { class: "form-error", role: "alert" }, "This device could not save that. Please try again."),
      );
    }
  });
  return button;
}

/** The weekly function check's invitation, with "Not now" to put it off for a week. */
export function weeklyCheckCard(navigate) {
  const notNow = savingButton("Not now", snoozeWeeklyCheck, navigate);
  return h(
    "section",
    { class: "card weekly-check-card", "aria-labelledby": "weekly-check-title" },
    h("h2", { id: "weekly-check-title" }, "Weekly check: how are the things your back makes hard?"),
    h("p", {}, "Rate up to three activities from 0 to 10. It takes a minute, and it is optional."),
    h(
      "p",
      { class: "secondary-actions" },
      h("a", { class: "button button-primary", href: "/weekly-check" }, "Take the weekly check"),
      notNow,
    ),
  );
}

/** What the safety check asks of Home: the emergency advice, a pause, or a dismissible note. */
export function safetyNotice(gate, navigate) {
  const { safety, record, status } = gate;
  if (status === "emergency")
    return adviceCard(safety, safety.advice.emergency, { level: "emergency", id: "home-advice" });
  if (status === "urgent") return adviceCard(safety, safety.advice.urgent, { level: "urgent", id: "home-advice" });
  if (status === "open" && record?.level === "banner" && !record.bannerDismissedAt) {
    const card = adviceCard(safety, bannerAdvice(safety, record.answers), { level: "banner", id: "home-advice" });
    card.append(
      savingButton("Dismiss", () => saveScreenRecord({ ...record, bannerDismissedAt: Date.now() }), navigate),
    );
    return card;
  }
  return null;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * Today's card while the pain guard's ease-off stands: no routine and no Start, only what helps
 * meanwhile, and the day Home offers a routine again.
 */
export function easeOffToday(pause, today) {
  const until =
    daysBetween(today, pause.resumes) === 1 ? "None until tomorrow" : `None until ${WEEKDAYS[weekday(pause.resumes)]}`;
  return h(
    "section",
    { class: "today", "aria-labelledby": "today-title" },
    h("p", { class: "eyebrow" }, "Today's routine"),
    h("h1", { id: "today-title" }, until),
    h(
      "p",
      {},
      "Keep moving gently in your usual day. Heat or cold may ease the pain meanwhile, and the warning signs say when to get help.",
    ),
    h(
      "p",
      { class: "secondary-actions" },
      h("a", { class: "button", href: "/heat-cold" }, "Heat and cold timer"),
      h("a", { class: "button", href: "/warning-signs" }, "Warning signs"),
    ),
  );
}

/**
 * Whether Home may offer to resume `unfinished`: when it is today's routine, or a level no
 * harder than the plan's own choice today. Otherwise a harder routine left unfinished would be
 * one tap away on a bad day, before the day's answer or after a session made things worse.
 */
export function resumable(unfinished, today, plan, rules, gentlerRoutine) {
  if (unfinished.id === today?.id) return true;
  if (!plan || gentlerRoutine) return false;
  const level = rules.levels.indexOf(unfinished.id);
  return level >= 0 && level <= rules.levels.indexOf(plan.suggestedRoutineId);
}

/** A routine left unfinished: Resume when it fits today, else a note that it can wait, and "End it". */
export function unfinishedOffer(routine, active, resume, navigate) {
  if (resume) {
    return h(
      "section",
      { class: "notice resume-offer", "aria-labelledby": "resume-title" },
      h("h2", { id: "resume-title" }, `Unfinished: ${routine.title}`),
      h("p", {}, "Everything you did is saved. Carry on where you stopped?"),
      h("a", { class: "button button-primary", href: `/play/${routine.id}` }, `Resume ${routine.title}`),
    );
  }
  const end = savingButton("End it", () => abandonActive(logStore, active, Date.now()), navigate);
  return h(
    "section",
    { class: "notice resume-offer", "aria-labelledby": "resume-title" },
    h("h2", { id: "resume-title" }, `Left unfinished: ${routine.title}`),
    h("p", {}, "It can wait until your back settles. Everything you did is saved in your history."),
    end,
  );
}
