/**
 * Client-side routing with the History API: same-origin links are drawn in place, and the
 * back button and a reload land on the same view. A view returns `{ title, node, cleanup }`;
 * `cleanup` (timers, wake lock) runs when the next view replaces it; `staysOnRefresh` keeps a
 * view (the player, mid-routine) from being redrawn when fresh catalog data arrives.
 */

export function createRouter(outlet, routes, notFound, { beforeRender = () => {}, afterRender = () => {} } = {}) {
  let renderCount = 0;
  let cleanupCurrent = null;
  let currentStaysOnRefresh = false;

  function match(pathname) {
    for (const { pattern, view } of routes) {
      const found = pathname.match(pattern);
      if (found) return { view, params: found.groups ?? {} };
    }
    return { view: notFound, params: {} };
  }

  // The draw in progress, and what was asked for while it was ("refresh" or "redraw"): asked
  // then, it waits for the view being drawn, so it neither supersedes a navigation (its scroll
  // and focus) nor is judged by the view that is leaving.
  let drawing = null;
  let wanted = null;

  function render({ moveFocus }) {
    const token = ++renderCount;
    const rendering = draw(token, moveFocus).then((drawn) => {
      if (!drawn || !wanted) return;
      const kind = wanted;
      wanted = null;
      if (kind === "redraw" || !currentStaysOnRefresh) return render({ moveFocus: false });
    });
    drawing = rendering;
    const settled = () => {
      if (drawing === rendering) drawing = null;
    };
    rendering.then(settled, settled);
    return rendering;
  }

  function askWhileDrawing(kind) {
    if (wanted !== "redraw") wanted = kind;
    return drawing;
  }

  /** Each `<details>` summary in the outlet, with a key: its words, and how many alike came before. */
  function detailsKeys() {
    const seen = new Map();
    return [...outlet.querySelectorAll("details > summary")].map((summary) => {
      const count = seen.get(summary.textContent) ?? 0;
      seen.set(summary.textContent, count + 1);
      return [summary, `${count} ${summary.textContent}`];
    });
  }

  /** Draw the view of the current address; resolves to false when a later draw superseded it. */
  async function draw(token, moveFocus) {
    beforeRender();
    const { view, params } = match(location.pathname);
    const { title, node, cleanup, staysOnRefresh = false } = await view({ params, navigate });
    // A later navigation started while this view was loading: let it win.
    if (token !== renderCount) {
      cleanup?.();
      return false;
    }
    cleanupCurrent?.();
    cleanupCurrent = cleanup ?? null;
    currentStaysOnRefresh = staysOnRefresh;
    const focusWasInside = outlet.contains(document.activeElement);
    // Drawn again in place: what the person opened (a table, "Why this routine today") stays
    // open, each <details> known by the words of its summary and its place among those alike.
    const opened = moveFocus
      ? new Set()
      : new Set(
          detailsKeys()
            .filter(([summary]) => summary.parentElement.open)
            .map(([, key]) => key),
        );
    outlet.replaceChildren(node);
    if (opened.size) for (const [summary, key] of detailsKeys()) if (opened.has(key)) summary.parentElement.open = true;
    document.title = title ? `${title} · Unknot` : "Unknot";
    if (moveFocus) window.scrollTo(0, 0);
    // A new view, or a redraw that removed the focused element: the heading takes focus.
    const heading = outlet.querySelector("h1");
    if (heading && (moveFocus || focusWasInside)) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: !moveFocus });
    }
    // Once the view is in the page: what this starts (fetching more code) never delays it.
    afterRender();
    return true;
  }

  function navigate(path) {
    if (path !== location.pathname + location.search) history.pushState(null, "", path);
    return render({ moveFocus: true });
  }

  function isAppLink(link, event) {
    return (
      link.origin === location.origin &&
      !link.target &&
      !link.hasAttribute("download") &&
      !link.pathname.startsWith("/api/") &&
      !link.pathname.startsWith("/static/") &&
      event.button === 0 &&
      !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    );
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href]");
    if (!link || !isAppLink(link, event) || (link.hash && link.pathname === location.pathname)) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
  window.addEventListener("popstate", () => render({ moveFocus: true }));

  return {
    navigate,
    /** Draw the current view again after fresh catalog data arrived, unless it asked not to be. */
    refresh: () =>
      drawing ? askWhileDrawing("refresh") : currentStaysOnRefresh ? Promise.resolve() : render({ moveFocus: false }),
    /** Draw the current view again even if it stays on refresh: its own data changed. */
    redraw: () => (drawing ? askWhileDrawing("redraw") : render({ moveFocus: false })),
    start: () => render({ moveFocus: false }),
    /** Whether a view is being drawn now: the data it reads is judged once it is on screen. */
    isDrawing: () => drawing !== null,
  };
}
