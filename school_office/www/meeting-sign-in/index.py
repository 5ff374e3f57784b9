"""Portal page /meeting-sign-in?meeting=<Meeting name>&key=<key>: the door QR code of a meeting opens this
page on a phone (the URL format is a contract: the phone app of issue #15 parses it). Opening it (GET)
changes nothing: it shows the meeting and a Sign In button, which POSTs to
school_office.meetings.api.sign_in with the session's CSRF token."""

import frappe
from frappe import _
from frappe.utils import format_datetime

no_cache = 1


def get_context(context):
	args = {k: str(v) for k, v in frappe.form_dict.items() if k in ("meeting", "key") and v}
	if frappe.session.user == "Guest":
		from urllib.parse import urlencode

		frappe.local.flags.redirect_location = "/login?" + urlencode(
			{"redirect-to": "/meeting-sign-in?" + urlencode(args)}
		)
		raise frappe.Redirect
	from school_office.meetings.api import attendee_row, sign_in_state, sign_in_target

	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Meeting Sign-in")
	context.csrf_token = frappe.sessions.get_csrf_token()
	context.sign_in_args = {"meeting": args.get("meeting", ""), "key": args.get("key", "")}
	context.meeting = None
	context.can_sign_in = False
	try:
		doc = sign_in_target(args.get("meeting"), args.get("key"))
	except (frappe.ValidationError, frappe.PermissionError, frappe.DoesNotExistError) as e:
		frappe.clear_last_message()
		frappe.local.message_log = []
		context.ok = False
		context.message = str(e) or _("Sign-in failed")
		return context
	context.meeting = {
		"name": doc.name,
		"title": doc.title,
		"venue": _(doc.venue) if doc.venue else "",
		"starts_on": format_datetime(doc.starts_on, "yyyy-MM-dd HH:mm"),
		"ends_on": format_datetime(doc.ends_on, "HH:mm"),
		"status_label": _(doc.status),
	}
	ok, message = sign_in_state(doc, frappe.session.user)
	context.can_sign_in = ok
	row = attendee_row(doc, frappe.session.user)
	context.ok = ok or bool(row and row.signed_in_at)
	context.message = message
	context.messages = {
		"signed_in": _("Signed in at {0}"),
		"error": _("Something went wrong. Please try again."),
		"signing_in": _("Signing in..."),
	}
	return context
