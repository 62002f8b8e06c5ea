/**
 * The player's first screens: the routine with the pain question before it starts, and the
 * offer to resume a routine left partway through.
 */
import { h } from "../../lib/dom.js";
import { adviceCard } from "../safety/advice.js";
import { formatMinutes, plural } from "../../lib/format.js";
import { painScale } from "../common/pain-scale.js";

/** Before the routine: what it is, a word of care, and "How is your back pain right now?". */
export function beforeScreen(routine, { otherActive, note, onPain }) {
  return [
    h("a", { class: "back-link", href: `/routines/${routine.id}` }, `← ${routine.title}`),
    h("h1", { id: "player-title" }, routine.title),
    h(
      "p",
      { class: "meta" },
      `${formatMinutes(routine.duration_minutes)} · ${plural(routine.exercise_count, "exercise")}`,
    ),
    note ? h("p", { class: "notice", role: "status" }, note) : null,
    otherActive
      ? h(
          "p",
          { class: "notice" },
          "Starting this routine ends the one you left unfinished; what you did there stays in your history.",
        )
      : null,
    h(
      "p",
      { class: "notice" },
      "Move gently. Stop if pain becomes sharp or spreads down a leg: the Stop button is always on screen.",
    ),
    painScale({ question: "How is your back pain right now?", onAnswer: onPain }),
  ];
}

/** "You stopped partway through": where (`where`), then Resume or Start over. */
export function resumeScreen(routine, where, { onResume, onStartOver }) {
  return [
    h("h1", { id: "player-title" }, routine.title),
    h("p", {}, "You stopped partway through this routine. Everything you did is saved."),
    h("p", { class: "meta" }, `You were at: ${where}`),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "button button-primary button-large", onclick: onResume }, "Resume"),
      h("button", { type: "button", class: "button", onclick: onStartOver }, "Start over"),
    ),
  ];
}

/**
 * Pain of 7 or more before the routine: start gently (the guard's advice), then Start, or the
 * gentler routine instead (`gentler`, `{ id, title }`, null when this is it).
 */
export function highPainScreen(routine, safety, advice, gentler, { onStart }) {
  const start = (event) => {
    // One start only: a second tap must not begin a second session.
    event.currentTarget.disabled = true;
    onStart();
  };
  // The gentler routine is the first choice, as the advice says; this one stays one tap away.
  return [
    h("h1", { id: "player-title" }, routine.title),
    adviceCard(safety, advice, { level: "guard", id: "high-pain-advice" }),
    h(
      "div",
      { class: "actions" },
      gentler
        ? h(
            "a",
            { class: "button button-primary button-large", href: `/play/${gentler.id}` },
            `${gentler.title} instead`,
          )
        : null,
      h(
        "button",
        { type: "button", class: gentler ? "button" : "button button-primary button-large", onclick: start },
        gentler ? `Start ${routine.title} gently` : "Start gently",
      ),
    ),
  ];
}
