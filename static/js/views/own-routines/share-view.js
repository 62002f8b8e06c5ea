/**
 * Share a routine (`/routines/ID/share`): a link that carries the routine itself in its fragment
 * (Copy, and the system's share sheet where the browser has one), the link's QR code drawn here
 * as SVG, and the routine as a `.json` file in the `routines/` schema. All of it is made on the
 * device: no account, no server, no third party.
 */
import { h } from "../../lib/dom.js";
import { saveFile } from "../../lib/download.js";
import { readAnyRoutine } from "../../own-routines/own-routine-resolve.js";
import { getOwnRoutine } from "../../own-routines/own-routine-store.js";
import { qrSvg } from "../../own-routines/qr-svg.js";
import { canCarryRoutines, routineLink } from "../../own-routines/routine-link.js";
import { routineFileName, routineFileText } from "../../own-routines/shared-routine.js";
import { documentOf } from "./builder-draft.js";
import { notFoundView } from "../common/not-found-view.js";

/** The routine's document in the schema's shape: an own one as stored, a catalog one rebuilt. */
async function sharedDocument(id) {
  const own = await getOwnRoutine(id);
  if (own) return own.routine;
  const resolved = await readAnyRoutine(id);
  return resolved ? documentOf(resolved) : null;
}

/** The SVG text as a node: parsed as SVG, so no HTML parser (and no inline style) is involved. */
function svgNode(text) {
  return document.importNode(new DOMParser().parseFromString(text, "image/svg+xml").documentElement, true);
}

async function copyText(field, status) {
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = "Link copied. Paste it into a message.";
  } catch {
    // No clipboard here (or no permission): the link is selected, for the system's own copy.
    field.focus();
    field.select();
    status.textContent = "The link is selected: copy it with your device's Copy.";
  }
}

function linkPart(link, title) {
  const status = h("p", { class: "meta", role: "status" });
  const field = h("input", {
    type: "text",
    id: "share-link",
    class: "share-link",
    readonly: true,
    value: link,
    autocomplete: "off",
    spellcheck: "false",
    onfocus: (event) => event.target.select(),
  });
  const buttons = [
    h(
      "button",
      { type: "button", class: "button button-primary", onclick: () => copyText(field, status) },
      "Copy the link",
    ),
  ];
  if (typeof navigator.share === "function") {
    buttons.push(
      h(
        "button",
        {
          type: "button",
          class: "button",
          onclick: () =>
            navigator
              .share({ title, text: `${title}: a routine for Unknot`, url: link })
              .catch((error) => error.name === "AbortError" || console.error(error)),
        },
        "Share with an app",
      ),
    );
  }
  return [
    h("h2", { id: "share-link-heading" }, "A link"),
    h(
      "p",
      {},
      "The link holds the whole routine. Whoever opens it sees the routine and can add it to their routines; nothing goes through a server.",
    ),
    h("label", { for: "share-link" }, "Link to this routine"),
    field,
    h("p", { class: "share-actions" }, buttons),
    status,
    h("h2", { id: "share-qr-heading" }, "A QR code"),
    h("p", {}, "Another phone's camera can open the link from this code, shown on this screen or printed."),
    qrFigure(link, title),
  ];
}

/** The link's QR code, or why there is none: a link past what a code can hold. */
function qrFigure(link, title) {
  let code;
  try {
    code = svgNode(qrSvg(link, { label: `QR code of the link to ${title}` }));
  } catch (error) {
    console.error(error);
    return h(
      "p",
      { class: "meta" },
      "This routine's link is too long for a QR code. Send the link or the file instead.",
    );
  }
  return h(
    "figure",
    { class: "share-qr" },
    code,
    h("figcaption", { class: "meta" }, `The same link as above, for ${title}.`),
  );
}

function filePart(routine) {
  const status = h("p", { class: "meta", role: "status" });
  const save = () => {
    saveFile(new Blob([routineFileText(routine)], { type: "application/json" }), routineFileName(routine));
    status.textContent = `Saved as ${routineFileName(routine)}.`;
  };
  return [
    h("h2", { id: "share-file-heading" }, "A file"),
    h("p", {}, "A routine file to send by email or keep. Unknot opens it from Home, under “Open a routine file”."),
    h("p", {}, h("button", { type: "button", class: "button", onclick: save }, "Save as file")),
    status,
  ];
}

export async function shareView({ params }) {
  const routine = await sharedDocument(params.routineId);
  if (!routine) return notFoundView();
  const { title } = routine;
  let link = null;
  let linkProblem = null;
  if (!canCarryRoutines())
    linkProblem = "This browser cannot make routine links. Share the file instead, or update the browser.";
  else {
    try {
      link = await routineLink(routine, location.origin);
    } catch (error) {
      linkProblem =
        error instanceof RangeError
          ? "This routine is too long for a link. Share the file instead."
          : "This device could not make the link. Share the file instead.";
      if (!(error instanceof RangeError)) console.error(error);
    }
  }
  return {
    title: `Share ${title}`,
    node: h(
      "article",
      { class: "share" },
      h("a", { class: "back-link", href: `/routines/${params.routineId}` }, `← ${title}`),
      h("h1", {}, `Share ${title}`),
      h("p", {}, "No account is needed to open what you share. It holds only the routine: nothing of your history."),
      link ? linkPart(link, title) : h("p", { class: "form-error" }, linkProblem),
      filePart(routine),
    ),
  };
}
