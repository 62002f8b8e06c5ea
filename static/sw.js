/*
 * Unknot's service worker. Flask serves it at /sw.js with `self.UNKNOT_PRECACHE` in front:
 * the version and the list of URLs, both computed from the real files, so any change to
 * them makes a new worker. The events only wire; the strategies are named functions.
 */
const { version: VERSION, urls: PRECACHE_URLS, immutable: IMMUTABLE_URLS, icon: ICON_URL } = self.UNKNOT_PRECACHE;
const IMMUTABLE = new Set(IMMUTABLE_URLS);
const CACHE_PREFIX = "unknot-precache-";
const CACHE_NAME = `${CACHE_PREFIX}${VERSION}`;
const SHELL_URL = "/";

self.addEventListener("install", (event) => {
  event.waitUntil(precacheEverything());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(cleanupOldCaches().then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const response = respond(event.request);
  if (response) event.respondWith(response);
});

self.addEventListener("push", (event) => {
  event.waitUntil(showReminder(event.data));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openApp(event.notification.data?.url));
});

self.addEventListener("message", (event) => {
  // Only ever on the person's say-so: the page posts this when they tap "Reload to update".
  if (event.data?.type === "skip-waiting") self.skipWaiting();
});

/**
 * Cache every URL; install fails (and is retried later) if any is missing. A versioned URL never
 * changes, so the copy the page has just downloaded (in the HTTP cache) is the one: nothing is
 * downloaded twice. Every other URL is revalidated, which costs a 304 when the copy is current.
 */
async function precacheEverything() {
  const cache = await caches.open(CACHE_NAME);
  await cache.addAll(
    PRECACHE_URLS.map((url) => new Request(url, { cache: IMMUTABLE.has(url) ? "default" : "no-cache" })),
  );
}

async function cleanupOldCaches() {
  const names = await caches.keys();
  await Promise.all(
    names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME).map((name) => caches.delete(name)),
  );
}

/** Pick a strategy for a request, or null to let the browser handle it. */
function respond(request) {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return null;
  // The person's own data (it carries their token): straight to the network, never cached.
  if (request.headers.has("Authorization")) return null;
  if (url.pathname.startsWith("/api/")) return catalogRead(request);
  if (request.mode === "navigate") return shellForNavigation(request);
  return cacheOrNetwork(request);
}

async function cacheOrNetwork(request) {
  const cached = await caches.match(request, { cacheName: CACHE_NAME });
  return cached ?? fetch(request);
}

/**
 * A catalog document the page asks for plainly (it has no copy, or the shell preloads it) is the
 * precached one, of this very version: no download. Revalidating one (`If-None-Match`, as the
 * page's refresh does) asks the network, as `networkOrCache` does.
 */
function catalogRead(request) {
  return request.headers.has("If-None-Match") ? networkOrCache(request) : cacheOrNetwork(request);
}

/** Fresh catalog data when online (the page revalidates by ETag), the precached copy offline. */
async function networkOrCache(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(request.url, { cacheName: CACHE_NAME });
    if (cached) return cached;
    throw error;
  }
}

/** Every page of the app is the same shell; the router draws the view for its path. */
async function shellForNavigation(request) {
  const shell = await caches.match(SHELL_URL, { cacheName: CACHE_NAME });
  return shell ?? fetch(request);
}

// What a reminder says when its message cannot be read (the server always sends these fields).
const REMINDER = {
  title: "Time for your routine",
  body: "A few gentle minutes for your back: today's routine is ready.",
  url: "/",
  tag: "unknot-reminder",
};

/** The reminder the server pushed (`pwa/reminders/__init__.py`'s message), or the usual words if unreadable. */
function reminderOf(data) {
  try {
    const message = data?.json();
    return typeof message === "object" && message ? { ...REMINDER, ...message } : REMINDER;
  } catch {
    return REMINDER;
  }
}

/**
 * Show the pushed reminder. Only the worker can (`new Notification` does not work on Android);
 * a second one the same day replaces the first, by its tag.
 */
function showReminder(data) {
  const { title, body, url, tag } = reminderOf(data);
  return self.registration.showNotification(title, {
    body,
    icon: ICON_URL,
    badge: ICON_URL,
    tag,
    data: { url },
    actions: [{ action: "open", title: "Open today's routine" }],
  });
}

/** The app's own URL for `url`: a notification never opens another site. */
function appUrl(url) {
  const target = new URL(url ?? SHELL_URL, self.location.origin);
  return target.origin === self.location.origin ? target.href : new URL(SHELL_URL, self.location.origin).href;
}

// Views where the person is in the middle of something (a routine, a routine being built, a
// weekly check or a shared routine being read): a reminder brings them forward, never away.
const BUSY_PATHS = ["/play/", "/build", "/weekly-check", "/shared"];

/**
 * Bring Unknot to the front at `url` (Home shows today's routine): an open window is focused
 * and taken there, unless it is in the middle of something (`BUSY_PATHS`), which is never left
 * behind the person's back; with no window open, a new one opens.
 */
async function openApp(url) {
  const target = appUrl(url);
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (!open) return self.clients.openWindow(target);
  // Focus first, while the tap still allows it; a browser that refuses leaves the window as it is.
  const focused = (await open.focus().catch(() => null)) ?? open;
  const path = new URL(focused.url).pathname;
  if (BUSY_PATHS.some((busy) => path.startsWith(busy)) || focused.url === target) return focused;
  // Only a window this worker controls can be navigated; any other is at least in front.
  return focused.navigate(target).catch(() => focused);
}
