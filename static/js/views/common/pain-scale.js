import { h } from "../../lib/dom.js";

const WORDS = { 0: "no pain", 5: "moderate", 10: "worst imaginable" };

/**
 * A 0–10 pain question as eleven big buttons and a Skip: one tap answers it.
 * `onAnswer` gets the number, or null when skipped.
 */
export function painScale({ question, onAnswer, skipLabel = "Skip" }) {
  const headingId = `pain-${Math.random().toString(36).slice(2)}`;
  // One answer only: a second tap while the first is being saved must not count twice.
  const answer = (value) => {
    section.querySelectorAll("button").forEach((button) => {
      button.disabled = true;
    });
    onAnswer(value);
  };
  const section = h(
    "section",
    { class: "pain-scale", "aria-labelledby": headingId },
    h("h2", { id: headingId }, question),
    h("p", { class: "meta" }, "0 is no pain, 10 the worst you can imagine."),
    h(
      "div",
      { class: "pain-buttons", role: "group", "aria-label": "Pain from 0 to 10" },
      Array.from({ length: 11 }, (_, value) =>
        h(
          "button",
          {
            type: "button",
            class: "button pain-button",
            "aria-label": WORDS[value] ? `${value}, ${WORDS[value]}` : String(value),
            onclick: () => answer(value),
          },
          String(value),
        ),
      ),
    ),
    h("button", { type: "button", class: "button", onclick: () => answer(null) }, skipLabel),
  );
  return section;
}
