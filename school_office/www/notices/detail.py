"""Portal page /notices/<name>: one notice, its updates, and the Acknowledge button for a listed department
(AN-3; the link in the notice's e-mail opens this page). A notice the user may not read is "not found"."""

import frappe
from frappe import _
from frappe.utils import format_datetime, sanitize_html

no_cache = 1


def get_context(context):
	from school_office.notices.api import my_pending_acknowledgements, readable_notice
	from school_office.notices.www_utils import TYPE_CLASS

	name = frappe.form_dict.get("name") or (frappe.local.request.path.rstrip("/").rsplit("/", 1)[-1])
	doc = readable_notice(name)
	if not doc:
		if frappe.session.user == "Guest":
			from urllib.parse import urlencode

			frappe.local.flags.redirect_location = "/login?" + urlencode({"redirect-to": f"/notices/{name}"})
			raise frappe.Redirect
		raise frappe.PageDoesNotExistError
	context.no_cache = 1
	context.show_sidebar = False
	context.title = doc.title
	context.notice = {
		"name": doc.name,
		"title": doc.title,
		"type_label": _(doc.notice_type),
		"type_class": TYPE_CLASS.get(doc.notice_type, "gray"),
		"department": _(doc.department) if doc.department else "",
		"published_on": format_datetime(doc.published_on, "yyyy-MM-dd HH:mm") if doc.published_on else "",
		"status_label": _(doc.status),
	}
	context.body_html = sanitize_html(doc.body or "")
	context.updates = [
		{"posted_on": format_datetime(u.posted_on, "yyyy-MM-dd HH:mm"), "text": u.text}
		for u in reversed(doc.updates)
	]
	context.acknowledgements = (
		[
			{
				"department": _(r.department),
				"done": bool(r.acknowledged_by),
				"on": format_datetime(r.acknowledged_on, "yyyy-MM-dd HH:mm") if r.acknowledged_on else "",
			}
			for r in doc.acknowledgements
		]
		if doc.requires_acknowledgement
		else []
	)
	context.pending = [_(d) for d in my_pending_acknowledgements(doc)]
	context.csrf_token = frappe.sessions.get_csrf_token() if frappe.session.user != "Guest" else ""
	context.messages = {
		"done": _("Receipt confirmed. Thank you."),
		"error": _("Something went wrong. Please try again."),
		"sending": _("Confirming..."),
	}
	return context
