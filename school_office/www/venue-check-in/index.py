"""Portal page /venue-check-in: the QR code of a booking (booking + key) or at a venue's door
(venue + key) opens this page on a phone; a logged-in holder is checked in at once."""

import frappe
from frappe import _

no_cache = 1


def get_context(context):
	args = frappe.form_dict
	if frappe.session.user == "Guest":
		from urllib.parse import urlencode

		frappe.local.flags.redirect_location = "/login?" + urlencode(
			{
				"redirect-to": "/venue-check-in?"
				+ urlencode({k: v for k, v in args.items() if k in ("booking", "venue", "key")})
			}
		)
		raise frappe.Redirect
	from school_office.venues.api import check_in

	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Venue Check-in")
	try:
		booking = check_in(booking=args.get("booking"), key=args.get("key"), venue=args.get("venue"))
		frappe.db.commit()
		context.ok = True
		context.message = _("Checked in: {0}").format(
			f"{booking['venue']} {booking['starts_on']} – {booking['ends_on']}"
		)
	except (frappe.ValidationError, frappe.PermissionError, frappe.DoesNotExistError) as e:
		frappe.db.rollback()
		frappe.clear_last_message()
		frappe.local.message_log = []
		context.ok = False
		context.message = str(e) or _("Check-in failed")
	return context
