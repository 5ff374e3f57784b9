"""Portal page /venue-booking: find a free venue and request it from a phone (RM-2, SD-10, RM-8).

Requesters see their own bookings in full and others' only as busy slots (school_office.venues.api).
"""

import frappe
from frappe import _

from school_office.core.booking import ACTIVITY_CLASSES

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/venue-booking"
		raise frappe.Redirect
	from school_office.venues.service import is_staff

	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Book a Venue")
	context.csrf_token = frappe.sessions.get_csrf_token()
	context.categories = frappe.get_all("Venue Category", pluck="name", order_by="name")
	classes = (
		ACTIVITY_CLASSES if is_staff() else [c for c in ACTIVITY_CLASSES if c not in ("Teaching", "Exam")]
	)
	context.activity_classes = [(c, _(c)) for c in classes]
	from school_office.venues.api import class_periods

	context.periods = class_periods()
	context.venues = frappe.get_all("Venue", filters={"is_bookable": 1}, pluck="name", order_by="name")
	context.messages = {
		"searching": _("Searching..."),
		"none_free": _("No venue is free for this time. Try another time or fewer requirements."),
		"seats": _("seats {0}"),
		# not "Request": its zh is the 公文 term 请示
		"request": _("Apply for This Venue"),
		"sent": _("Application submitted: booking number {0}. The office will approve it."),
		"booked": _("Venue booked: booking number {0}."),
		"number": _("Booking Number"),
		"no_bookings": _("No bookings yet."),
		"cancel": _("Cancel"),
		"cancel_confirm": _("Cancel this booking?"),
		"check_in_link": _("Check-in link"),
		"error": _("Something went wrong. Please try again."),
		"busy": _("Busy"),
		"free_all_day": _("No bookings on this day."),
		"skipped": _("Skipped Occurrences"),
	}
	return context
