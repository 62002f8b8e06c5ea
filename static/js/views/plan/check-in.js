/**
 * Home's one-tap check-in, "How is your back today?": a big button per answer of the plan,
 * the day's answer pressed. A tap keeps the answer on the device for today (it can be changed
 * all day), then Home is drawn again with the routine the answer leads to. Beside it, the other
 * pieces Home shows of the daily plan: the reasons said above Start on a gentler day, "Why this
 * routine today", the person's usual routine when the plan set it aside, and the desk break's offer.
 */
import { h } from "../../lib/dom.js";
import { saveCheckIn } from "../../plan/plan-store.js";

export function checkInSection(rules, answerId, navigate) {
  const { question, answers } = rules.check_in;
  const choose = async (event, answer) => {
    try {
      await saveCheckIn(answer.id, answers);
      // Drawn again: focus moves to the heading of today's routine, which the answer chose.
      navigate("/");
    } catch (error) {
      console.error(error);
      event.target
        .closest("section")
        .append(
          h("p", { class: "form-error", role: "alert" }, "This device could not save your answer. Please try again."),
        );
    }
  };
  return h(
    "section",
    { class: "check-in", "aria-labelledby": "check-in-title" },
    h("h2", { id: "check-in-title" }, question),
    h(
      "div",
      { class: "check-in-answers" },
      answers.map((answer) => {
        const chosen = answer.id === answerId;
        return h(
          "button",
          {
            type: "button",
            class: chosen ? "button button-primary" : "button",
            "aria-pressed": chosen ? "true" : "false",
            onclick: (event) => choose(event, answer),
          },
          answer.label,
        );
      }),
    ),
    answerId ? h("p", { class: "meta" }, "Kept for today on this device. Tap another answer to change it.") : null,
  );
}

/**
 * What makes today a day for the gentler routine (a bad day, a recent setback, one step at a
 * time), said above Start in plain text: the disclosure below may stay closed.
 */
export function planLead(lead) {
  return lead.map((sentence) => h("p", { class: "gentler-note plan-lead" }, sentence));
}

/** The person's own pick, set aside today for the plan's gentler routine: a secondary link to its page, not a Start. */
export function usualRoutineLink(routine) {
  return h(
    "p",
    { class: "usual-routine" },
    h("a", { class: "button", href: `/routines/${routine.id}` }, `Your usual routine: ${routine.title}`),
  );
}

/** "Why this routine today": the plan's reasons, one a line, behind a disclosure. */
export function whyToday(reasons) {
  return h(
    "details",
    { class: "why-today" },
    h("summary", {}, "Why this routine today"),
    h(
      "ul",
      {},
      reasons.map((reason) => h("li", {}, reason)),
    ),
  );
}

/** The desk break the plan adds on a work day, beside today's routine. */
export function deskBreakCard(routine, reason) {
  return h(
    "section",
    { class: "notice desk-break-offer", "aria-labelledby": "desk-break-title" },
    h("h2", { id: "desk-break-title" }, `Also today: ${routine.title}`),
    h("p", {}, reason),
    h("a", { class: "button", href: `/routines/${routine.id}` }, `See ${routine.title}`),
  );
}
