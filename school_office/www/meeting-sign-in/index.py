"""Portal page /meeting-sign-in?meeting=<Meeting name>&key=<key>: the door QR code of a meeting opens this
page on a phone (the URL format is a contract: the phone app of issue #15 parses it). Opening it (GET)
changes nothing: it shows the meeting and a Sign In button, which POSTs to
school_office.meetings.api.sign_in with the session's CSRF token (school_office/utils/key_pages.py)."""

import frappe
from frappe import _
from frappe.utils import format_datetime

from school_office.utils.key_pages import key_action, require_login_with

no_cache = 1


def get_context(context):
	args = {k: str(v) for k, v in frappe.form_dict.items() if k in ("meeting", "key") and v}
	require_login_with("/meeting-sign-in", args)
	from school_office.meetings.api import attendee_row, sign_in_state, sign_in_target

	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Meeting Sign-in")
	context.meeting = None
	context.key_action = action(False, args)
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
	context.key_action = action(ok, args)
	row = attendee_row(doc, frappe.session.user)
	context.ok = ok or bool(row and row.signed_in_at)
	context.message = message
	return context


def action(can_sign_in: bool, args: dict) -> dict:
	return key_action(
		css="so-sign-in",
		label=_("Sign In"),
		can_act=can_sign_in,
		back_route="/meeting-rsvp",
		back_label=_("My Meetings"),
		method="school_office.meetings.api.sign_in",
		args={"meeting": args.get("meeting", ""), "key": args.get("key", "")},
		messages={
			"done": _("Signed in at {0}"),
			"error": _("Something went wrong. Please try again."),
			"busy": _("Signing in..."),
		},
		done_field="signed_in_at",
	)
