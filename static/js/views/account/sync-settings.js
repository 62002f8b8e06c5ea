/**
 * Settings → "Your data": sync status, pairing a second device (both sides), the devices on the
 * account, the CSV export, the export of own routines, and deleting everything here and on the server.
 */
import { h } from "../../lib/dom.js";
import { fileDate, saveFile } from "../../lib/download.js";
import { SYNC_STATUS } from "../../lib/events.js";
import { plural } from "../../lib/format.js";
import {
  deleteMyData,
  exportCsv,
  joinWithCode,
  listDevices,
  makePairingCode,
  revokeDevice,
} from "../../account/sync-account.js";
import { ownRoutineExportButton } from "../own-routines/own-routine-export.js";
import { syncNow, syncStatus } from "../../account/sync-queue.js";

function statusText(status) {
  if (status.signedOut)
    return `This device is signed out of sync; ${plural(status.waiting, "session")} kept here. Tap Sync now to start a new account, or join with a code.`;
  if (!status.total && !status.device && !status.checksWaiting)
    return "Nothing to sync yet: your sessions are sent to your account after each routine.";
  const parts = [];
  if (status.syncing) parts.push("Syncing…");
  else if (status.waiting)
    parts.push(
      `${plural(status.waiting, "session")} waiting to sync${status.online ? "" : " until you are back online"}.`,
    );
  else if (status.total || !status.checksWaiting) {
    // Sessions the server refused are not synced: they are counted apart, below.
    const synced = status.total - status.refused.length;
    if (synced === 1) parts.push("Your session is synced.");
    else parts.push(synced ? `All ${synced} sessions synced.` : "Synced.");
  }
  if (status.checksWaiting && !status.syncing)
    parts.push(
      `${plural(status.checksWaiting, "weekly check")} waiting to sync${status.online ? "" : " until you are back online"}.`,
    );
  if (status.lastSynced) parts.push(`Last synced ${status.lastSynced}.`);
  if (status.lastError && !status.syncing) parts.push(status.lastError);
  if (status.refused.length)
    parts.push(`${plural(status.refused.length, "session")} could not be synced: ${status.refused[0].message}`);
  if (status.checksRefused.length)
    parts.push(
      `${plural(status.checksRefused.length, "weekly check")} could not be synced: ${status.checksRefused[0].message}`,
    );
  return parts.join(" ");
}

/** Each own routine the server refused, by name, with why and what to do about it. */
function refusedRoutineItems(routines) {
  return routines.map(({ id, title, full, reason }) =>
    h(
      "li",
      {},
      h(
        "p",
        {},
        `“${title}” is on this device only. `,
        full
          ? "Your account already keeps as many routines of your own as it can: delete one you no longer use, and this one syncs then."
          : `The server could not take it as it is: ${reason.replace(/\.$/, "")}. Change it and save it to try again.`,
      ),
      h("a", { class: "button", href: `/routines/${id}` }, `Open ${title}`),
    ),
  );
}

function friendly(error) {
  return error.status ? error.message : "No connection to the server. Try again when you are online.";
}

function pairingPanel() {
  const output = h("div", { class: "pairing-output", "aria-live": "polite" });
  const show = h("button", { type: "button", class: "button" }, "Show a pairing code");
  show.addEventListener("click", async () => {
    show.disabled = true;
    output.replaceChildren(h("p", {}, "Asking the server for a code…"));
    try {
      const { code, expiresAt } = await makePairingCode();
      const until = new Date(expiresAt).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
      output.replaceChildren(
        h("p", { class: "pairing-code" }, code),
        h(
          "p",
          {},
          `On the other device open Settings, type this code under "Join with a code" and tap Join. It works once, until ${until}.`,
        ),
      );
    } catch (error) {
      output.replaceChildren(h("p", { class: "form-error", role: "alert" }, friendly(error)));
    } finally {
      show.disabled = false;
    }
  });
  return [
    h("h3", {}, "Use Unknot on another device"),
    h("p", {}, "Your history can follow you to another phone or computer, with no email or password."),
    show,
    output,
  ];
}

function joinForm(onJoined) {
  const input = h("input", {
    id: "pairing-code-input",
    name: "pairingCode",
    autocomplete: "off",
    autocapitalize: "characters",
    spellcheck: "false",
    required: true,
    maxlength: "12",
    "aria-describedby": "pairing-code-hint",
  });
  const message = h("p", { "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "button button-primary" }, "Join");
  const form = h(
    "form",
    { class: "join-form" },
    h("label", { for: "pairing-code-input" }, "Join with a code"),
    h(
      "p",
      { id: "pairing-code-hint", class: "meta" },
      "The code shown on your other device, like ABCD-EFGH. Sessions on this device join that account too.",
    ),
    h("div", { class: "join-row" }, input, submit),
    message,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    message.className = "";
    message.textContent = "Joining…";
    try {
      const complete = await joinWithCode(input.value);
      input.value = "";
      message.textContent = complete
        ? "Joined. Your history from the other device is on this one now."
        : "Joined. Your history will arrive when the connection allows; tap Sync now to try again.";
      onJoined();
    } catch (error) {
      message.className = "form-error";
      message.textContent =
        error.field === "pairingCode" || error.status === 400
          ? "That code is wrong, used or expired. Show a new code on the other device."
          : friendly(error);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function devicesPanel() {
  const list = h("ul", { class: "device-list" });
  const panel = h("div", { class: "devices", hidden: true }, h("h3", {}, "Devices on your account"), list);
  async function load() {
    let devices;
    try {
      devices = await listDevices();
    } catch {
      panel.hidden = true;
      return;
    }
    panel.hidden = devices.length === 0;
    const alone = devices.length === 1;
    list.replaceChildren(
      ...devices.map((device) => {
        if (device.current && alone) {
          // Signing out the only device would leave the account out of everyone's reach.
          return h(
            "li",
            { class: "device" },
            h("span", {}, h("strong", {}, device.name), " (this device, the only one on your account)"),
          );
        }
        const remove = h(
          "button",
          { type: "button", class: "button" },
          device.current ? "Sign this device out" : `Remove ${device.name}`,
        );
        remove.addEventListener("click", async () => {
          remove.disabled = true;
          try {
            await revokeDevice(device.id);
            await load();
          } catch (error) {
            remove.disabled = false;
            remove.after(h("p", { class: "form-error", role: "alert" }, friendly(error)));
          }
        });
        const seen = new Date(device.lastSeenAt).toLocaleDateString(undefined, { day: "numeric", month: "short" });
        return h(
          "li",
          { class: "device" },
          h(
            "span",
            {},
            h("strong", {}, device.name),
            device.current ? " (this device)" : "",
            h("span", { class: "meta" }, ` · last seen ${seen}`),
          ),
          remove,
        );
      }),
    );
  }
  return { panel, load };
}

function exportButton() {
  const message = h("p", { "aria-live": "polite" });
  const button = h("button", { type: "button", class: "button" }, "Export CSV");
  button.addEventListener("click", async () => {
    button.disabled = true;
    message.className = "";
    message.textContent = "Preparing your file…";
    try {
      const blob = await exportCsv();
      saveFile(blob, `unknot-sessions-${fileDate()}.csv`);
      message.textContent =
        "Your sessions were saved as a CSV file, a row per set, then your weekly checks, a row per activity.";
    } catch (error) {
      message.className = "form-error";
      message.textContent = friendly(error);
    } finally {
      button.disabled = false;
    }
  });
  return [button, message];
}

function deleteButton(onDeleted) {
  const message = h("p", { "aria-live": "polite" });
  const confirm = h("button", { type: "button", class: "button button-danger" }, "Delete everything");
  const keep = h("button", { type: "button", class: "button" }, "Keep my data");
  const dialog = h(
    "dialog",
    { class: "confirm-dialog", "aria-labelledby": "delete-title", "aria-describedby": "delete-text" },
    h("h2", { id: "delete-title" }, "Delete your data?"),
    h(
      "p",
      { id: "delete-text" },
      "Every session, set, weekly check and own routine on this device and on the server, and this device's sign-in, will be deleted. This cannot be undone.",
    ),
    h("div", { class: "dialog-actions" }, confirm, keep),
  );
  const open = h("button", { type: "button", class: "button button-danger" }, "Delete my data");
  open.addEventListener("click", () => {
    dialog.showModal();
    keep.focus();
  });
  keep.addEventListener("click", () => dialog.close());
  confirm.addEventListener("click", async () => {
    confirm.disabled = true;
    try {
      const onServerToo = await deleteMyData();
      dialog.close();
      message.className = "saved";
      message.textContent = onServerToo
        ? "Your data was deleted, here and on the server."
        : "Your data was deleted from this device. This device was not signed in to an account.";
      onDeleted();
    } catch (error) {
      dialog.close();
      message.className = "form-error";
      message.textContent = `Nothing was deleted. ${friendly(error)}`;
    } finally {
      confirm.disabled = false;
      open.focus();
    }
  });
  return [open, dialog, message];
}

/** The "Your data" section and its cleanup (it listens for sync status while on screen). */
export function syncSettings() {
  const status = h("p", { class: "sync-status", role: "status" }, "Checking…");
  // Kept in the page even while empty: a live region shown and filled at once is seldom read out.
  const refused = h("ul", { class: "sync-refused", "aria-live": "polite" });
  let refusedShown = "[]";
  const refresh = async () => {
    const current = await syncStatus();
    status.textContent = statusText(current);
    // Redrawn only when it changed: a live region redrawn the same would be read out again.
    const key = JSON.stringify(current.routinesRefused);
    if (key === refusedShown) return;
    refusedShown = key;
    refused.replaceChildren(...refusedRoutineItems(current.routinesRefused));
  };
  const syncButton = h("button", { type: "button", class: "button button-primary" }, "Sync now");
  syncButton.addEventListener("click", () => syncNow({ pull: true }));
  const devices = devicesPanel();
  const changed = () => {
    refresh();
    devices.load();
  };
  const node = h(
    "section",
    { class: "card sync-settings", "aria-labelledby": "your-data" },
    h("h2", { id: "your-data" }, "Your data"),
    status,
    refused,
    syncButton,
    ...pairingPanel(),
    joinForm(changed),
    devices.panel,
    h("h3", {}, "Export or delete"),
    h("div", { class: "data-actions" }, ...exportButton(), ...ownRoutineExportButton(), ...deleteButton(changed)),
  );
  window.addEventListener(SYNC_STATUS, refresh);
  refresh();
  devices.load();
  return { node, cleanup: () => window.removeEventListener(SYNC_STATUS, refresh) };
}
