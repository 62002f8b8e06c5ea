/**
 * "What is happening?": the dialog behind "Stop — this hurts". One tap on a reason; an
 * emergency reason ends the session at once, any other ends this exercise and offers its
 * easier version, going on, or ending. Escape means "keep going", never "stop".
 */
import { h } from "../../lib/dom.js";
import { exerciseName } from "../../player/step-text.js";
import { isEmergencyStop } from "../../safety/emergency-lock.js";
import { emergencyCall } from "../safety/advice.js";

/**
 * Open the dialog in `root`. `item` is the exercise on screen (none in the warm-up). The
 * handlers: `keepGoing()`, `endSession(reason)`, `skipExercise(reason, item)`; the dialog is
 * closed before each is called.
 */
export function openStopDialog(root, safety, item, { keepGoing, endSession, skipExercise }) {
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  const onKeepGoing = () => {
    close();
    keepGoing();
  };
  const choose = (reason) => {
    if (isEmergencyStop(reason)) {
      close();
      endSession(reason);
    } else {
      offerEasier(dialog, safety, item, reason, close, { endSession, skipExercise });
    }
  };
  const dialog = h(
    "dialog",
    { class: "stop-panel", "aria-labelledby": "stop-title" },
    h("h2", { id: "stop-title" }, "What is happening?"),
    h("p", {}, "Tap the closest answer."),
    h(
      "div",
      { class: "stop-reasons" },
      safety.stop_reasons.map((reason) =>
        h("button", { type: "button", class: "button", onclick: () => choose(reason) }, reason.label),
      ),
    ),
    h("button", { type: "button", class: "button button-primary", onclick: onKeepGoing }, "Keep going"),
  );
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    onKeepGoing();
  });
  root.append(dialog);
  dialog.showModal();
}

/**
 * An exercise-level reason: this exercise ends. Most reasons offer its easier version, going
 * on, or ending; a reason with advice of its own (dizziness) shows that advice instead, with
 * the emergency number, and no easier version: what helps is resting, not a gentler move.
 */
function offerEasier(dialog, safety, item, reason, close, { endSession, skipExercise }) {
  const ownAdvice = reason.advice ? safety.advice[reason.advice] : null;
  const easier = ownAdvice ? null : item?.exercise.variants.find((variant) => variant.kind === "easier");
  const advice = ownAdvice ?? safety.advice.stop_exercise;
  const button = (label, onclick, className = "button") =>
    h("button", { type: "button", class: className, onclick }, label);
  // Advice of its own ("Sit or lie down") is not followed by going on: there, ending the
  // session is the first and primary choice; elsewhere going on with the next exercise is.
  const goOn = button(
    item ? `Skip ${exerciseName(item)} and go on` : "Go on",
    () => {
      close();
      skipExercise(reason, item);
    },
    ownAdvice ? "button" : "button button-primary",
  );
  const end = button(
    "End the session",
    () => {
      close();
      endSession(reason);
    },
    ownAdvice ? "button button-primary" : "button",
  );
  dialog.replaceChildren(
    h("h2", { id: "stop-title" }, advice.title),
    ...advice.body.map((paragraph) => h("p", {}, paragraph)),
    ownAdvice ? emergencyCall(safety) : "",
    easier ? h("p", { class: "easier" }, h("strong", {}, `Easier version: ${easier.name}. `), easier.instructions) : "",
    h("div", { class: "stop-reasons" }, ownAdvice ? [end, goOn] : [goOn, end]),
  );
  dialog.querySelector("h2").setAttribute("tabindex", "-1");
  dialog.querySelector("h2").focus();
}
