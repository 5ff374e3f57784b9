"""Row-level permissions of Venue Booking (hooks has_permission / permission_query_conditions).

Anyone logged in may request a venue ("All" role on the doctype); office staff see every booking;
everyone else sees and changes only bookings they requested or created. Others' bookings reach them
only as busy slots (school_office.venues.api.schedule_rows).
"""

import frappe

from school_office.venues.service import is_staff


def booking_query_conditions(user=None):
	user = user or frappe.session.user
	if is_staff(user):
		return ""
	u = frappe.db.escape(user)
	return f"(`tabVenue Booking`.requester = {u} or `tabVenue Booking`.owner = {u})"


def booking_has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if is_staff(user):
		return True
	if doc.is_new() if hasattr(doc, "is_new") else not doc.get("name"):
		return True
	return user in (doc.get("requester"), doc.get("owner"))
