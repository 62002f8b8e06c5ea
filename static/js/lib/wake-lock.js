/**
 * Keep the screen on during a routine. The browser drops the lock whenever the page is
 * hidden, so it is taken again each time the page becomes visible.
 */
export function createWakeLock({ onUnsupported, onChange }) {
  let sentinel = null;
  let wanted = false;

  async function acquire() {
    if (!wanted || sentinel || document.visibilityState !== "visible") return;
    try {
      sentinel = await navigator.wakeLock.request("screen");
      onChange(true);
      sentinel.addEventListener("release", () => {
        sentinel = null;
        onChange(false);
      });
    } catch {
      onChange(false);
    }
  }

  function onVisibility() {
    acquire();
  }

  return {
    hold() {
      wanted = true;
      if (!("wakeLock" in navigator)) {
        onUnsupported();
        return;
      }
      document.addEventListener("visibilitychange", onVisibility);
      acquire();
    },
    release() {
      wanted = false;
      document.removeEventListener("visibilitychange", onVisibility);
      sentinel?.release().catch(() => {});
      sentinel = null;
    },
  };
}
