"""MT-3: the meeting's room, booked through the Venues module (school_office.venues.api).

The booking is a Venue Booking like any other: the free-room search (capacity, equipment), the
booking rules and the conflict check under the venue's row lock are the Venues module's own
(``request_booking``, then ``service.decide`` — the same lock-protected check as an approval). The
room is held (Approved) at once because the meeting itself is approved by a leader (MT-1); a
meeting whose room is taken gets Venues' conflict message, naming the booking in the way and free
alternatives. A room released (meeting cancelled, room changed) is cancelled in Venues.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import now_datetime

from school_office.core import meetings as rules

BOOKABLE_STATUSES = ("Draft", "Pending Approval", "Approved", "Notified")


def room_needs(doc) -> list[str]:
	return [x.strip() for x in (doc.room_needs or "").replace("\n", ",").split(",") if x.strip()]


def free_rooms(doc) -> list[dict]:
	from school_office.venues.api import free_venue_rows

	return free_venue_rows(
		doc.starts_on, doc.ends_on, capacity=doc.expected_headcount or None, equipment=room_needs(doc)
	)


def book_room(doc, venue: str):
	"""Book `venue` for the meeting (the caller was checked: organiser or Meeting Team)."""
	from school_office.utils.actions import system_save
	from school_office.venues import service
	from school_office.venues.api import request_booking

	if doc.status not in BOOKABLE_STATUSES:
		frappe.throw(_("The room of a {0} meeting cannot change.").format(_(doc.status)))
	if not venue or not frappe.db.exists("Venue", venue):
		frappe.throw(_("Venue {0} does not exist.").format(venue or "?"))
	if doc.venue_booking and doc.venue == venue:
		status = frappe.db.get_value("Venue Booking", doc.venue_booking, "status")
		if status in ("Approved", "Checked In"):
			return {"venue": doc.venue, "venue_booking": doc.venue_booking, "status": status}
	# the Venues module's application: its rules (capacity, advance days, duration) and its lock
	view = request_booking(
		venue=venue,
		starts_on=str(doc.starts_on),
		ends_on=str(doc.ends_on),
		purpose=_("Meeting {0}: {1}").format(doc.name, doc.title),
		activity_class="Meeting",
		headcount=max(doc.expected_headcount or 0, len(doc.attendees or []), 1),
		event_name=doc.title,
		equipment=room_needs(doc),
		safety_commitment=1,
		department=doc.requesting_department,
	)
	booking = frappe.get_doc("Venue Booking", view["name"])
	if booking.status == "Requested":
		# the meeting is approved by a leader: hold the room now, after Venues' own conflict decision
		# (venue row locked since the insert above; colliding bookings read FOR UPDATE)
		venue_row = service.lock_venue(booking.venue)
		service.decide(booking, venue_row)
		service.set_status(booking, "Approved", approved_by=frappe.session.user, approved_on=now_datetime())
		booking.add_comment("Info", _("Held for meeting {0}").format(doc.name))
		from school_office.venues.api import note_booking_length

		note_booking_length(booking)
	old = doc.venue_booking
	doc.venue, doc.venue_booking = venue, booking.name
	if not doc.setup:
		doc.fill_setup()
	system_save(doc)
	if old and old != booking.name:
		_cancel_booking(old, doc)
	return {"venue": doc.venue, "venue_booking": doc.venue_booking, "status": "Approved"}


def _cancel_booking(name: str, doc):
	from school_office.venues import service

	if not frappe.db.exists("Venue Booking", name):
		return
	booking = frappe.get_doc("Venue Booking", name)
	if booking.status in ("Requested", "Approved"):
		service.lock_venue(booking.venue)
		service.set_status(booking, "Cancelled")
		booking.add_comment("Info", _("Released by meeting {0}").format(doc.name))


def release_room(doc):
	if doc.venue_booking:
		_cancel_booking(doc.venue_booking, doc)


def setup_checklist(doc) -> list:
	return rules.setup_checklist(doc.expected_headcount or 0, room_needs(doc))
