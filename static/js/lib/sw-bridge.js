/**
 * The page's side of the service worker: registration and the update prompt.
 * A new version never takes over by itself: the person taps "Reload to update", the
 * waiting worker is told to skip waiting, and the page reloads when it takes control.
 * While a routine is running the prompt stays hidden: never reload in the middle of one.
 */

let banner = null;
let waitingWorker = null;
let busy = false;

function showOfferIfAllowed() {
  if (banner) banner.hidden = busy || !waitingWorker;
}

/** The player calls this with true when a routine starts and false when it ends. */
export function setBusy(value) {
  busy = value;
  showOfferIfAllowed();
}

export function registerServiceWorker({ banner: bannerElement, button }) {
  if (!("serviceWorker" in navigator)) return;
  banner = bannerElement;
  let accepted = false;

  function offerUpdate(worker) {
    waitingWorker = worker;
    showOfferIfAllowed();
  }

  button.addEventListener("click", () => {
    if (!waitingWorker || busy) return;
    accepted = true;
    button.disabled = true;
    waitingWorker.postMessage({ type: "skip-waiting" });
  });

  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (accepted) location.reload();
  });

  navigator.serviceWorker.register("/sw.js").then((registration) => {
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker?.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
      });
    });
    // Look for a new version whenever the person comes back to the app.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") registration.update().catch(() => {});
    });
  });
}
