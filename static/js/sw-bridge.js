/**
 * The page's side of the service worker: registration and the update prompt.
 * A new version never takes over by itself: the person taps "Reload to update", the
 * waiting worker is told to skip waiting, and the page reloads when it takes control.
 */

export function registerServiceWorker({ banner, button }) {
  if (!("serviceWorker" in navigator)) return;
  let accepted = false;

  function offerUpdate(worker) {
    banner.hidden = false;
    button.onclick = () => {
      accepted = true;
      button.disabled = true;
      worker.postMessage({ type: "skip-waiting" });
    };
  }

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
