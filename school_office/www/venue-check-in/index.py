"""Portal page /venue-check-in: the QR code of a booking (booking + key) or at a venue's door
(venue + key) opens this page on a phone. Opening it (GET) changes nothing: it shows the booking and a
Check In button, which POSTs to school_office.venues.api.check_in with the session's CSRF token
(school_office/utils/key_pages.py)."""

import frappe
from frappe import _
from frappe.utils import format_datetime

from school_office.utils.key_pages import key_action, require_login_with

no_cache = 1


def get_context(context):
	args = {k: v for k, v in frappe.form_dict.items() if k in ("booking", "venue", "key") and v}
	require_login_with("/venue-check-in", args)
	from school_office.venues.api import check_in_target

	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Venue Check-in")
	context.key_action = action(False, {k: str(v) for k, v in args.items()})
	context.booking = None
	context.message = ""
	try:
		doc = check_in_target(booking=args.get("booking"), key=args.get("key"), venue=args.get("venue"))
	except (frappe.ValidationError, frappe.PermissionError, frappe.DoesNotExistError) as e:
		frappe.clear_last_message()
		frappe.local.message_log = []
		context.ok = False
		context.message = str(e) or _("Check-in failed")
		return context
	context.ok = True
	context.booking = {
		"name": doc.name,
		"venue": _(doc.venue),
		"event": doc.event_name or doc.purpose or "",
		"starts_on": format_datetime(doc.starts_on, "yyyy-MM-dd HH:mm"),
		"ends_on": format_datetime(doc.ends_on, "yyyy-MM-dd HH:mm"),
		"status": doc.status,
		"status_label": _(doc.status),
		"can_check_in": doc.status == "Approved",
	}
	# the button posts what the page was opened with: the door's code, the booking's own key, or the booking
	if args.get("venue"):
		posted = {"venue": args["venue"], "key": args.get("key", "")}
	elif args.get("key"):
		posted = {"booking": doc.name, "key": args["key"]}
	else:
		posted = {"booking": doc.name}
	b = context.booking
	context.key_action = action(
		b["can_check_in"], posted, done_arg=f"{b['venue']} {b['starts_on']} – {b['ends_on']}"
	)
	if doc.status == "Checked In":
		context.message = _("Checked in: {0}").format(f"{_(doc.venue)} {context.booking['starts_on']}")
	elif doc.status != "Approved":
		context.ok = False
		context.message = _("Only an approved booking can be checked in; this one is {0}.").format(
			_(doc.status)
		)
	return context


def action(can_check_in: bool, posted: dict, done_arg: str | None = None) -> dict:
	return key_action(
		css="so-check-in",
		label=_("Check In"),
		can_act=can_check_in,
		back_route="/venue-booking",
		back_label=_("My Bookings"),
		method="school_office.venues.api.check_in",
		args=posted,
		messages={
			"done": _("Checked in: {0}"),
			"error": _("Something went wrong. Please try again."),
			"busy": _("Checking in..."),
		},
		done_arg=done_arg,
	)
