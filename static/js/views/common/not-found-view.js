import { h } from "../../lib/dom.js";

export function notFoundView() {
  return {
    title: "Not found",
    node: h(
      "section",
      {},
      h("h1", {}, "We could not find that page"),
      h("p", {}, "It may have moved, or it is not on this device yet."),
      h("a", { class: "button", href: "/" }, "Go to today's routine"),
    ),
  };
}

/** Shown when the catalog has never been downloaded and the device is offline. */
export function offlineEmptyView() {
  return {
    title: "Offline",
    node: h(
      "section",
      {},
      h("h1", {}, "Your routines are not on this device yet"),
      h("p", {}, "Connect to the internet once, and Unknot will keep everything on this device for offline use."),
    ),
  };
}
