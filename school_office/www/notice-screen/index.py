"""Signage page /notice-screen?screen=…&key=… (AN-1): a full-screen page for a TV in a corridor. No login:
the screen's key (compared in constant time, rate limited) opens it; it shows only notices for everyone on
the Screens channel, rotates them (each at least the minimum of the Notice Settings, 5 minutes unless
changed) and refreshes itself from school_office.notices.api.screen_feed."""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

no_cache = 1


@rate_limit(limit=60, seconds=60)
def _open_screen(screen, key):
	from school_office.notices.api import screen_for_key

	return screen_for_key(screen, key)


def get_context(context):
	from school_office.notices.api import screen_payload

	screen = frappe.form_dict.get("screen")
	key = frappe.form_dict.get("key")
	context.no_cache = 1
	context.no_header = 1
	context.no_breadcrumbs = 1
	context.show_sidebar = False
	context.title = _("Notices")
	doc = _open_screen(screen, key)
	context.ok = bool(doc)
	if not doc:
		context.http_status_code = 403
		context.message = _("Unknown screen or wrong key.")
		context.payload = {}
		return context
	context.payload = screen_payload(doc)
	context.feed = {"screen": doc.name, "key": key}
	context.messages = {"none": _("No notices at the moment."), "updates": _("Updates")}
	return context
