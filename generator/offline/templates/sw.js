/* The mentor directory's service worker, written by the build from generator/offline/templates/sw.js
   (generator/offline/archive.py fills in the @NAMES@ below).

   The guidance pages, and the styles, scripts and search index they use, stay on the device
   after the first visit, so a student can reopen them with no signal. Everything else (the
   directory, mentor profiles, photos) is always fetched fresh when online, and shown from the
   device only when offline and at most a day old: profiles change, and may be withdrawn. */
"use strict";

const VERSION = @VERSION@; // changes whenever a file below changes
const MAX_AGE = @MAX_AGE@ * 1000; // ms: the oldest copy of such a page shown offline
const MAX_RECENT = @MAX_RECENT@; // pages outside the guidance (profiles, the directory data) kept at most

// Every cache this worker makes is named for the site's scope, so that another site on the same
// origin (user.github.io/other-project/) keeps its own caches: this worker deletes only its own.
const OWN = `mentor-directory ${self.registration.scope} `;
const GUIDANCE = `${OWN}guidance ${VERSION}`;
const RECENT = `${OWN}recent`; // pages outside the guidance, kept briefly

// Guidance pages and the search index: network first, so updates show when online.
const PAGES = @PAGES@;
// What they load: cache first; the file names or VERSION change when they do.
const ASSETS = @ASSETS@;

const absolute = (path) => new URL(path, self.registration.scope).href;
const pages = new Set(PAGES.map(absolute));
const assets = new Set(ASSETS.map(absolute));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(GUIDANCE)
      // "reload": the files themselves, not older copies from the browser's HTTP cache.
      .then((cache) => cache.addAll([...pages, ...assets].map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((n) => n.startsWith(OWN) && n !== GUIDANCE && n !== RECENT).map((n) => caches.delete(n))
      ))
      .then(dropWithdrawn)
      .then(() => self.clients.claim())
  );
});

// A new build may have withdrawn profiles: ask the server about each page kept, and drop those it
// no longer has, and those too old to be shown anyway. Offline, nothing is dropped but the old.
async function dropWithdrawn() {
  const cache = await caches.open(RECENT);
  await Promise.all((await cache.keys()).map(async (request) => {
    const saved = await cache.match(request);
    if (!saved || !(Date.now() - Date.parse(saved.headers.get("Date")) < MAX_AGE)) return cache.delete(request);
    try {
      const answer = await fetch(request.url, { method: "HEAD", cache: "no-store" });
      if (answer.status === 404 || answer.status === 410) await cache.delete(request);
    } catch (error) {
      // offline: keep it, it is still young enough
    }
  }));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  const key = url.origin + url.pathname; // a search (?q=) or #heading is the same page
  if (assets.has(key)) event.respondWith(cacheFirst(request, key));
  else if (pages.has(key)) event.respondWith(networkFirst(request, key));
  else event.respondWith(recent(request, key));
});

async function cacheFirst(request, key) {
  return (await caches.match(key, { cacheName: GUIDANCE })) || fetch(request);
}

// The network's answer, kept in the cache under `key` when it is a good one.
async function fetchAndKeep(cache, request, key) {
  const response = await fetch(request);
  if (response.ok) await cache.put(key, response.clone());
  return response;
}

async function networkFirst(request, key) {
  const cache = await caches.open(GUIDANCE);
  try {
    return await fetchAndKeep(cache, request, key);
  } catch (error) {
    const saved = await cache.match(key);
    if (saved) return saved;
    throw error;
  }
}

async function recent(request, key) {
  const cache = await caches.open(RECENT);
  try {
    // Kept under the page's address without its query, so ?search=... does not make a new copy each time.
    const response = await fetchAndKeep(cache, request, key);
    await trim(cache);
    return response;
  } catch (error) {
    const saved = await cache.match(key);
    // The server's Date header says when the copy was made; no date counts as too old.
    if (saved && Date.now() - Date.parse(saved.headers.get("Date")) < MAX_AGE) return saved;
    if (saved) await cache.delete(key);
    if (request.mode === "navigate") return offlinePage();
    throw error;
  }
}

// At most MAX_RECENT pages: the least recently fetched go first (a cache lists its entries oldest first).
async function trim(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_RECENT)).map((request) => cache.delete(request)));
}

function offlinePage() {
  const home = absolute("./");
  const html = `<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>You are offline</title>
<main style="font: 1rem/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
<h1>You are offline</h1>
<p>This page was not saved on your device: mentor profiles are only kept for a day, because they change.
Connect to the internet to see it.</p>
<p>The guidance you have read is still here: <a href="${home}">go to the home page</a>.</p></main></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
