/*
 * Unknot's service worker. Flask serves it at /sw.js with `self.UNKNOT_PRECACHE` in front:
 * the version and the list of URLs, both computed from the real files, so any change to
 * them makes a new worker. The events only wire; the strategies are named functions.
 */
const { version: VERSION, urls: PRECACHE_URLS, immutable: IMMUTABLE_URLS } = self.UNKNOT_PRECACHE;
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
  await cache.addAll(PRECACHE_URLS.map((url) => new Request(url, { cache: IMMUTABLE.has(url) ? "default" : "no-cache" })));
}

async function cleanupOldCaches() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME).map((name) => caches.delete(name)));
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
