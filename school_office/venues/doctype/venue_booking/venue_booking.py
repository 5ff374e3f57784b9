# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""A request for a venue and its life: Requested -> Approved / Rejected (Workflow "Venue Booking Approval")
-> Checked In -> Completed, or Cancelled, No Show, Displaced.

The rules are in school_office/core/booking.py, the locking and displacement in
school_office/venues/service.py. Categories that need no approval are approved at once on insert
(after the same conflict check as an approval).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from school_office.core import booking as rules
from school_office.venues import service

TIME_FIELDS = ("venue", "starts_on", "ends_on", "headcount")


class VenueBooking(Document):
	# The venue lock is taken before Frappe locks this booking's row (in check_if_latest), so every
	# writer of a venue's bookings queues on the same first lock: no lock-order deadlocks.
	def insert(self, *args, **kwargs):
		if self.venue:
			service.lock_venue(self.venue)
		return super().insert(*args, **kwargs)

	def save(self, *args, **kwargs):
		if self.venue and not self.is_new():
			service.lock_venue(self.venue)
			before = frappe.db.get_value("Venue Booking", self.name, "venue")
			if before and before != self.venue:
				service.lock_venue(before)
		return super().save(*args, **kwargs)

	def before_validate(self):
		if not self.requester:
			self.requester = frappe.session.user
		if self.is_new() and not self.check_in_key:
			self.check_in_key = frappe.generate_hash(length=16)

	def validate(self):
		before = self.get_doc_before_save()
		old_status = before.status if before else None
		self.validate_requester()
		if self.safety_commitment and not self.safety_commitment_signed_on:
			self.safety_commitment_signed_on = now_datetime()
		if not self.safety_commitment:
			self.safety_commitment_signed_on = None
		if self.repeat_weekly:
			if not self.repeat_until:
				frappe.throw(_("Set the date until which the booking repeats."))
			if (self.repeat_every_weeks or 0) < 1:
				self.repeat_every_weeks = 1

		venue = service.lock_venue(self.venue)
		if not venue:
			frappe.throw(_("Venue {0} does not exist.").format(self.venue))
		changed = before is None or any(before.get(f) != self.get(f) for f in TIME_FIELDS)
		if (
			before is not None
			and changed
			and old_status not in ("Requested", None)
			and not self.flags.allow_reschedule
		):
			frappe.throw(_("Only a requested booking can be moved; cancel it and book again."))
		if changed and self.status in ("Requested", "Approved") and not self.flags.emergency:
			service.check_booking_rules(self, venue)

		self._decision = None
		entering = self.status in rules.BLOCKING_STATUSES and old_status not in rules.BLOCKING_STATUSES
		if entering or (self.status in rules.BLOCKING_STATUSES and changed):
			self._decision = service.decide(self, venue, force=bool(self.flags.emergency))
		elif (
			self.is_new()
			and not venue["requires_approval"]
			and (self.activity_class not in rules.DISPLACING_CLASSES or service.is_staff())
		):
			# Teaching / Exam requests by non-staff may displace others, so the office approves them
			# approved at once: the same check as an approval, the status is set after insert
			self._decision = service.decide(self, venue)
			self.flags.auto_approve = True

		if old_status != self.status:
			self.on_status_change(old_status)

	def validate_requester(self):
		user = frappe.session.user
		if self.requester != user and not service.is_staff(user):
			before = self.get_doc_before_save()
			if before is None or before.requester != self.requester:
				frappe.throw(_("You can request venues only for yourself."), frappe.PermissionError)

	def on_status_change(self, old_status):
		now = now_datetime()
		if self.status == "Approved":
			self.approved_by = frappe.session.user
			self.approved_on = now
		elif self.status == "Checked In" and not self.checked_in_at:
			self.checked_in_at = now
		elif self.status == "Completed" and old_status == "Checked In" and not self.checked_out_at:
			self.checked_out_at = now

	def after_insert(self):
		if self.flags.auto_approve:
			self.db_set({"status": "Approved", "approved_on": now_datetime()})
			self.add_comment(
				"Info",
				_("Approved at once: venues of category {0} need no approval.").format(
					_(self.venue_category or "")
				),
			)
		if self.repeat_weekly and not self.recurrence_of:
			from school_office.venues.recurrence import create_occurrences

			create_occurrences(self)

	def on_update(self):
		decision = getattr(self, "_decision", None)
		if decision and decision.displace and self.status in rules.BLOCKING_STATUSES:
			service.displace(decision.displace, self, emergency=bool(self.flags.emergency))
		before = self.get_doc_before_save()
		old_status = before.status if before else None
		if old_status and old_status != self.status and self.status in ("Approved", "Rejected"):
			msg = _("Your booking of {0} from {1} to {2} is {3}.").format(
				self.venue,
				frappe.utils.format_datetime(self.starts_on),
				frappe.utils.format_datetime(self.ends_on),
				_(self.status),
			)
			if self.status == "Rejected" and self.rejection_reason:
				msg += " " + _("Reason: {0}").format(self.rejection_reason)
			service.notify_holder(self, _("Venue booking {0}: {1}").format(self.name, _(self.status)), msg)
		if old_status == "Approved" and self.status == "Displaced" and not self.displaced_by:
			# an Office Manager displaced it through the workflow: tell the holder with alternatives
			alts = service.alternative_venues(self, count=3)
			note = _(
				"Displaced by the office. Free venues of similar capacity and equipment for the same time: {0}"
			).format(", ".join(f"{a['name']} ({a['capacity']})" for a in alts) or _("none"))
			self.db_set("displacement_note", note)
			service.notify_holder(self, _("Your venue booking {0} was displaced").format(self.name), note)


def on_doctype_update():
	# find_free_venues and the conflict check read bookings by venue and time: one covering index
	frappe.db.add_index(
		"Venue Booking", ["venue", "starts_on", "ends_on", "status"], "venue_time_status_index"
	)
	frappe.db.add_index(
		"Venue Booking", ["starts_on", "ends_on", "status", "venue"], "time_venue_status_index"
	)


@frappe.whitelist()
def get_events(start, end, filters=None):
	"""Desk calendar: busy slots of every venue; details only for the user's own bookings or for staff.

	Public: to every logged-in user, as the venue schedule is; schedule_rows shows a booking's details
	only to its holder and to staff."""
	from school_office.venues.api import schedule_rows

	return schedule_rows(start, end, filters=filters)
