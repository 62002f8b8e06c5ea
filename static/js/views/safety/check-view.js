/**
 * The red-flag screen: short yes/no questions, then the advice for the most serious answer.
 * Emergency locks the routines; urgent pauses them until the person confirms a clinician has
 * seen them; banner answers only show a note. Answers are kept on this device.
 */
import { h } from "../../lib/dom.js";
import { getScreenRecord, readSafety, saveScreenRecord } from "../../safety/safety-store.js";
import { bannerAdvice, levelOf, screenStatus } from "../../safety/screen-rules.js";
import { adviceCard, scopeNote } from "./advice.js";
import { offlineEmptyView } from "../common/not-found-view.js";

// Emergency questions are answered one by one: one tap must never say "no" to all of them.
const GROUPS = [
  { key: "emergency_questions", title: "Signs that need help straight away", allNo: false },
  { key: "urgent_questions", title: "Signs a doctor should check first", allNo: true },
  { key: "banner_questions", title: "Worth knowing", allNo: true },
];

/** Only a page of this app may follow the check: parsed as a URL, it must stay on our origin. */
export function nextPath(search = location.search, origin = location.origin) {
  const next = new URLSearchParams(search).get("next");
  if (!next) return "/";
  try {
    const url = new URL(next, origin);
    return url.origin === origin ? url.pathname + url.search : "/";
  } catch {
    return "/";
  }
}

function question(item) {
  const legendId = `q-${item.id}`;
  const choice = (value, label) =>
    h("label", { class: "choice" }, h("input", { type: "radio", name: item.id, value, required: true }), label);
  return h(
    "fieldset",
    { class: "question", "aria-labelledby": legendId },
    h("legend", { id: legendId }, item.text),
    h("div", { class: "choices" }, choice("yes", "Yes"), choice("no", "No")),
  );
}

function group(safety, { key, title, allNo }, index) {
  const fieldset = h(
    "fieldset",
    { class: "question-group" },
    h("legend", {}, `${index + 1}. ${title}`),
    allNo ? null : h("p", { class: "meta" }, "Please answer each of these on its own."),
    safety[key].map(question),
  );
  if (!allNo) return fieldset;
  fieldset.append(
    h(
      "button",
      {
        type: "button",
        class: "button",
        onclick: () => {
          for (const item of safety[key]) fieldset.querySelector(`input[name="${item.id}"][value="no"]`).checked = true;
        },
      },
      "No to all of these",
    ),
  );
  return fieldset;
}

/** With the routines open: the signs that mean stop and get emergency help, and the page with them all. */
function comeBackFor(safety) {
  const emergency = safety.warning_signs.groups.find((group) => group.level === "emergency");
  return h(
    "section",
    { class: "come-back", "aria-labelledby": "come-back-title" },
    h("h2", { id: "come-back-title" }, "Stop and get help at once if you notice"),
    h(
      "ul",
      {},
      emergency.signs.map((sign) => h("li", {}, sign)),
    ),
    h(
      "p",
      {},
      h("a", { href: "/warning-signs" }, "All the warning signs"),
      ", including those that need a doctor today.",
    ),
  );
}

class SafetyCheck {
  constructor(safety, record) {
    this.safety = safety;
    this.record = record;
    this.root = h("section", { class: "check" });
  }

  show(...children) {
    this.root.replaceChildren(...children.filter(Boolean));
    const heading = this.root.querySelector("h1");
    heading?.setAttribute("tabindex", "-1");
    heading?.focus();
  }

  showForm() {
    const error = h("p", { class: "form-error", role: "alert" });
    const form = h(
      "form",
      { novalidate: true, onsubmit: (event) => this.submit(event, form, error) },
      GROUPS.map((item, index) => group(this.safety, item, index)),
      error,
      h("button", { type: "submit", class: "button button-primary button-large" }, "Save my answers"),
    );
    this.show(
      h("h1", {}, "Safety check"),
      h(
        "p",
        {},
        "A few yes-or-no questions before you exercise. They look for the rare signs that need a doctor first. Answer for how you are now.",
      ),
      scopeNote(this.safety, "check-scope-title"),
      form,
    );
  }

  async submit(event, form, error) {
    event.preventDefault();
    const questions = GROUPS.flatMap(({ key }) => this.safety[key]);
    const unanswered = questions.filter((item) => !form.querySelector(`input[name="${item.id}"]:checked`));
    if (unanswered.length) {
      error.textContent = `Please answer every question: ${unanswered.length} still ${unanswered.length === 1 ? "has" : "have"} no answer.`;
      form.querySelector(`input[name="${unanswered[0].id}"]`).focus();
      return;
    }
    const answers = Object.fromEntries(
      questions.map((item) => [item.id, form.querySelector(`input[name="${item.id}"]:checked`).value === "yes"]),
    );
    this.record = {
      answers,
      level: levelOf(this.safety, answers),
      answeredAt: Date.now(),
      confirmedSeenAt: null,
      bannerDismissedAt: null,
    };
    await this.saveAndShow();
  }

  async confirmSeen() {
    this.record = { ...this.record, confirmedSeenAt: Date.now() };
    await this.saveAndShow();
  }

  /** The advice is shown whatever happens to the write; a failed write is said beside it. */
  async saveAndShow() {
    let saved = true;
    try {
      await saveScreenRecord(this.record);
    } catch (error) {
      console.error(error);
      saved = false;
    }
    this.showResult(saved);
  }

  showResult(saved = true) {
    const { level } = this.record;
    const status = screenStatus(this.safety, this.record, Date.now());
    const again = h("button", { type: "button", class: "button", onclick: () => this.showForm() }, "Answer again");
    const carryOn = h(
      "a",
      { class: "button button-primary button-large", href: nextPath() },
      nextPath() === "/" ? "Go to today's routine" : "Carry on",
    );
    const parts = [h("h1", {}, "Safety check")];
    if (!saved)
      parts.push(
        h(
          "p",
          { class: "notice", role: "alert" },
          "This device could not save your answers: you may be asked again next time.",
        ),
      );
    if (status === "emergency") {
      parts.push(adviceCard(this.safety, this.safety.advice.emergency, { level: "emergency", id: "advice-title" }));
      parts.push(
        h(
          "p",
          { class: "locked-note" },
          "The routines are locked while you have these signs. If your answers change, answer again.",
        ),
        again,
      );
    } else if (status === "urgent") {
      parts.push(adviceCard(this.safety, this.safety.advice.urgent, { level: "urgent", id: "advice-title" }));
      parts.push(
        h("p", { class: "locked-note" }, "The routines are paused until then."),
        h(
          "button",
          { type: "button", class: "button button-primary", onclick: () => this.confirmSeen() },
          "I have been seen, and was told gentle exercise is fine",
        ),
        again,
      );
    } else {
      const advice =
        level === "banner"
          ? bannerAdvice(this.safety, this.record.answers)
          : level === "urgent"
            ? null
            : this.safety.advice.clear;
      if (level === "urgent")
        parts.push(
          h("p", { class: "saved" }, "Thank you: you confirmed a clinician has seen you. The routines are open."),
        );
      if (advice) parts.push(adviceCard(this.safety, advice, { level, id: "advice-title" }));
      parts.push(comeBackFor(this.safety), carryOn, again);
    }
    this.show(...parts);
  }
}

export async function checkView() {
  const [safety, record] = await Promise.all([readSafety(), getScreenRecord()]);
  if (!safety) return offlineEmptyView();
  const check = new SafetyCheck(safety, record);
  if (screenStatus(safety, record, Date.now()) === "due") check.showForm();
  else check.showResult();
  return { title: "Safety check", node: check.root, staysOnRefresh: true };
}
