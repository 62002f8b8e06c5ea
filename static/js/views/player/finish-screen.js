/**
 * The player's end screens: "Routine complete" with the pain question, the screen after the
 * answer (the pain guard's advice when pain rose, and the optional note), and "Session
 * stopped" with the advice for the reason given. They draw; the controller writes.
 */
import { h } from "../../lib/dom.js";
import { adviceCard } from "../safety/advice.js";
import { painScale } from "../common/pain-scale.js";

const PAIN_AFTER = "How is your back pain now?";

/** "Routine complete" and the pain question. `saved` false says the end is not written yet. */
export function completeScreen(routine, saved, onPain) {
  return [
    h("h1", { id: "player-title" }, "Routine complete"),
    h("p", {}, `Well done: you finished ${routine.title}.`),
    // The end is written again with the pain answer; until then, say it is not saved yet.
    saved
      ? null
      : h(
          "p",
          { class: "notice", role: "alert" },
          "This device could not save the end of your session yet: it is tried again with your answer below.",
        ),
    painScale({ question: PAIN_AFTER, onAnswer: onPain }),
  ];
}

/** The pain answer could not be written: ask again. */
export function painRetryScreen(onPain) {
  return [
    h("h1", { id: "player-title" }, "Routine complete"),
    h("p", { class: "notice", role: "alert" }, "This device could not save your answer. Please try again."),
    painScale({ question: PAIN_AFTER, onAnswer: onPain }),
  ];
}

/**
 * Saved: the pain guard's advice when pain rose (`guardAdvice`, else null), and the note form. `saveNote(text)` resolves once
 * the note is written and rejects if it could not be.
 */
export function afterScreen(safety, guardAdvice, saveNote) {
  const note = h("textarea", { id: "session-note", rows: "3", maxlength: "1000" });
  const saved = h("p", { class: "saved", role: "status" }, "Saved on this device.");
  return [
    h("h1", { id: "player-title" }, "Routine complete"),
    saved,
    guardAdvice ? adviceCard(safety, guardAdvice, { level: "guard", id: "guard-advice" }) : null,
    h(
      "form",
      {
        class: "note-form",
        onsubmit: async (event) => {
          event.preventDefault();
          saved.textContent = "Saving…";
          try {
            await saveNote(note.value);
            saved.textContent = "Note saved on this device.";
          } catch (error) {
            console.error(error);
            saved.textContent = "This device could not save your note. Please try again.";
          }
        },
      },
      h("label", { for: "session-note" }, "A note for your history (optional)"),
      note,
      h("button", { type: "submit", class: "button" }, "Save note"),
    ),
    h(
      "div",
      { class: "actions" },
      h("a", { class: "button button-primary", href: "/history" }, "See your history"),
      h("a", { class: "button", href: "/" }, "Home"),
    ),
  ];
}

/** The advice once the session has ended for `reason` at `level` ("emergency" or "exercise"). */
function adviceAfterStop(safety, reason, level) {
  if (level === "emergency") return safety.advice.emergency;
  // The session is over: never the exercise advice's "skip this exercise and go on".
  return reason.advice ? safety.advice[reason.advice] : safety.advice.stop_session;
}

/**
 * "Session stopped", the advice for `level` ("emergency" or "exercise") first, and a line that
 * `savedAs(ok)` fills in once the write is done.
 */
export function stoppedScreen(safety, reason, level) {
  const saved = h("p", { class: "saved", role: "status" }, "Saving…");
  return {
    nodes: [
      h("h1", { id: "player-title" }, "Session stopped"),
      saved,
      adviceCard(safety, adviceAfterStop(safety, reason, level), {
        level,
        id: "stop-advice",
        call: level === "emergency" || Boolean(reason.advice),
      }),
      h(
        "div",
        { class: "actions" },
        h("a", { class: "button", href: "/" }, "Home"),
        h("a", { class: "button", href: "/history" }, "History"),
      ),
    ],
    savedAs(ok) {
      saved.textContent = ok
        ? `Saved on this device: stopped for “${reason.label.toLowerCase()}”.`
        : "This session could not be saved on this device.";
    },
  };
}
