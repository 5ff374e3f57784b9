"""The staff phone app at /office: an installable web app (PWA) for the office's desk users.

Served by a page renderer (hooks `page_renderer`), ahead of www/office:

	/office                      the app's shell, for a logged-in desk user (System User); everybody
	                             else gets www/office as before: students and teachers their portal
	                             home, a guest the login page
	/office/manifest.webmanifest the Web App Manifest (start_url and scope /office, icons)
	/office/sw.js                the service worker, sent with `Service-Worker-Allowed: /office` so it
	                             controls /office itself; it caches the shell only (sw.js)
	/office/offline              the page shown when the phone is offline (no user data in it)

Why no Vue / frappe-ui build (as frappe/hrms does): the bench's CI has no node or npm and the npm
registry may be unreachable, so a build step could not be reproduced there; and the shell must load in
well under 2 s on a phone. The app is one plain ES2017 script and one stylesheet under public/
(served from /assets/school_office/campus_identity/ after `bench build` or `bench setup` links the
app's public folder; nothing to compile). It uses Frappe's own copies of socket.io-client (realtime)
and html5-qrcode (camera scanning where the browser lacks BarcodeDetector), as Frappe's desk does.
"""

import hashlib
import json
import os
import re
from functools import lru_cache

import frappe
from frappe import _
from frappe.website.page_renderers.base_renderer import BaseRenderer

ROUTE = "office"
ASSET_DIR = "/assets/school_office/campus_identity"
SHELL_FILES = ("office_app.js", "office_app.css", "icon-192.png", "icon-512.png")
MANIFEST = f"{ROUTE}/manifest.webmanifest"
SERVICE_WORKER = f"{ROUTE}/sw.js"
OFFLINE = f"{ROUTE}/offline"
# the QR codes the scanner opens (same site only): venue check-in, meeting sign-in, asset label
SCAN_ROUTES = ("/venue-check-in", "/meeting-sign-in", "/asset-scan")
# the translatable strings of office_app.js: its double-quoted calls of the double-underscore function
JS_STRING = re.compile("_" + "_\\(" + '"((?:[^"\\\\]|\\\\.)*)"')


def public_path(*parts) -> str:
	return frappe.get_app_path("school_office", "public", "campus_identity", *parts)


@lru_cache(maxsize=1)
def _version_cached(stamp: str) -> str:
	h = hashlib.sha1()
	for name in SHELL_FILES:
		with open(public_path(name), "rb") as f:
			h.update(f.read())
	return h.hexdigest()[:10]


def shell_version() -> str:
	"""Changes whenever a shell file changes: the assets' ?v= and the service worker's cache name."""
	stamp = "|".join(str(os.path.getmtime(public_path(n))) for n in SHELL_FILES)
	return _version_cached(stamp)


def is_app_user(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user not in (None, "Guest") and frappe.get_cached_value("User", user, "user_type") == "System User"


@lru_cache(maxsize=4)
def _js_strings(stamp: str) -> tuple[str, ...]:
	with open(public_path("office_app.js"), encoding="utf-8") as f:
		source = f.read()
	return tuple(sorted(set(JS_STRING.findall(source))))


def js_messages() -> dict:
	"""The strings office_app.js translates (see JS_STRING), in the user's language."""
	stamp = str(os.path.getmtime(public_path("office_app.js")))
	return {s: _(s) for s in _js_strings(stamp)}


def manifest() -> dict:
	return {
		"name": _("School Office"),
		"short_name": _("Office"),
		"description": _("The office's work on your phone: requests, documents, bookings and scanning"),
		"start_url": f"/{ROUTE}",
		"scope": f"/{ROUTE}",
		"id": f"/{ROUTE}",
		"display": "standalone",
		"orientation": "portrait",
		"background_color": "#ffffff",
		"theme_color": "#1d4ed8",
		"lang": frappe.local.lang or "en",
		"icons": [
			{"src": f"{ASSET_DIR}/icon-{s}.png", "sizes": f"{s}x{s}", "type": "image/png", "purpose": p}
			for s in (192, 512)
			for p in ("any", "maskable")
		],
	}


def service_worker() -> str:
	with open(public_path("sw.js"), encoding="utf-8") as f:
		source = f.read()
	version = shell_version()
	shell = [f"{ASSET_DIR}/{n}?v={version}" for n in SHELL_FILES] + [f"/{OFFLINE}"]
	return source.replace("__VERSION__", version).replace('"__SHELL__"', json.dumps(shell)[1:-1])


def boot() -> dict:
	from frappe.sessions import get_csrf_token

	from school_office.portal_home import portal_pages

	user = frappe.session.user
	return {
		"user": user,
		"full_name": frappe.utils.get_fullname(user),
		"lang": frappe.local.lang or "en",
		"csrf_token": get_csrf_token(),
		"sitename": frappe.local.site,
		"socketio_port": frappe.conf.get("socketio_port"),
		"scan_routes": list(SCAN_ROUTES),
		"messages": js_messages(),
		"version": shell_version(),
		"portal_pages": [{"route": p.route, "title": p.title} for p in portal_pages(user)],
	}


class OfficeAppPage(BaseRenderer):
	def can_render(self):
		if self.path in (MANIFEST, SERVICE_WORKER, OFFLINE):
			return True
		return self.path == ROUTE and is_app_user()

	def render(self):
		if self.path == MANIFEST:
			return self._respond(
				json.dumps(manifest(), ensure_ascii=False),
				"application/manifest+json",
				{"Cache-Control": "no-cache"},
			)
		if self.path == SERVICE_WORKER:
			return self._respond(
				service_worker(),
				"text/javascript",
				{"Service-Worker-Allowed": f"/{ROUTE}", "Cache-Control": "no-cache"},
			)
		context = {"version": shell_version(), "asset_dir": ASSET_DIR, "lang": frappe.local.lang or "en"}
		if self.path == OFFLINE:
			context["title"] = _("You are offline")
			return self._respond(
				frappe.render_template(
					"school_office/campus_identity/templates/office_offline.html", context
				),
				"text/html",
				{"Cache-Control": "no-cache"},
			)
		context["boot"] = boot()
		context["title"] = _("School Office")
		frappe.db.commit()  # the CSRF token just made lives in the session (as frappe/hrms does)
		return self._respond(
			frappe.render_template("school_office/campus_identity/templates/office_app.html", context),
			"text/html",
			{"Cache-Control": "no-store"},
		)

	def _respond(self, data: str, mimetype: str, headers: dict):
		from werkzeug.wrappers import Response

		response = Response(data, mimetype=mimetype, status=200)
		for key, value in headers.items():
			response.headers[key] = value
		return response
