// School Office app: service worker. Caches the app's shell only (its script, stylesheet, icons and
// the offline page) — never a response of /api or any page with data. Version: __VERSION__
const CACHE = "school-office-shell-__VERSION__";
const SHELL = ["__SHELL__"];

self.addEventListener("install", (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys.filter((k) => k.startsWith("school-office-shell-") && k !== CACHE).map((k) => caches.delete(k))
				)
			)
			.then(() => self.clients.claim())
	);
});

self.addEventListener("fetch", (event) => {
	const request = event.request;
	if (request.method !== "GET") return;
	const url = new URL(request.url);
	if (url.origin !== self.location.origin) return;
	if (request.mode === "navigate") {
		// the app's page carries the user's data: always from the network; offline, the offline page
		event.respondWith(fetch(request).catch(() => caches.match("/office/offline")));
		return;
	}
	const key = url.pathname + url.search;
	if (SHELL.includes(key)) {
		event.respondWith(caches.match(key).then((hit) => hit || fetch(request)));
	}
});
