"""Scheduled jobs of the Venues module (hooks.scheduler_events).

- mark_no_shows (every few minutes): Approved bookings of venues that require check-in, not checked in
  `no_show_after_minutes` after their start, become No Show; the venue is free again.
- complete_finished (every few minutes): Approved bookings of venues without check-in become Completed
  after their end; Checked In bookings are completed `complete_after_minutes` after their end.
- remind_overtime (every few minutes): Checked In bookings still occupying the venue
  `overtime_grace_minutes` past their end get one reminder to the holder (RM-5).
- remind_equipment (daily): approved bookings that start tomorrow and need equipment: the holder and
  the office staff are asked to confirm the equipment (RM-2).
"""

import frappe
from frappe import _
from frappe.utils import add_days, add_to_date, format_datetime, get_datetime, getdate, now_datetime

from school_office.venues import service

# The jobs look back this far only: older bookings were handled by earlier runs (or predate the app).
LOOKBACK_DAYS = 7


def _commit():
	# one booking per transaction in the scheduler; tests roll back instead
	if not frappe.flags.in_test:
		frappe.db.commit()


def _minutes(field, default):
	value = service.get_settings().get(field)
	return default if value is None else int(value)


def mark_no_shows(now=None):
	now = now or now_datetime()
	limit = add_to_date(now, minutes=-_minutes("no_show_after_minutes", 15))
	names = frappe.db.sql(
		"""select b.name from `tabVenue Booking` b join `tabVenue` v on v.name = b.venue
		where b.status = 'Approved' and v.check_in_required = 1 and b.starts_on <= %s and b.starts_on >= %s""",
		(limit, add_days(limit, -LOOKBACK_DAYS)),
	)
	done = []
	for (name,) in names:
		doc = frappe.get_doc("Venue Booking", name)
		service.lock_venue(doc.venue)
		if frappe.db.get_value("Venue Booking", name, "status", for_update=True) != "Approved":
			continue
		service.set_status(doc, "No Show")
		service.notify_holder(
			doc,
			_("Venue booking {0}: No Show").format(doc.name),
			_("Your booking of {0} from {1} was not checked in and the venue has been released.").format(
				doc.venue, format_datetime(doc.starts_on)
			),
		)
		_commit()
		done.append(name)
	return done


# Only these may become Completed: an approved booking of a venue without check-in, or a checked-in one.
# Cancelled, No Show, Rejected, Displaced (and Completed) bookings are final and never touched.
COMPLETABLE = ("Approved", "Checked In")


def finished_bookings(now) -> list[str]:
	"""Bookings that have ended and may be completed (read without a lock; re-checked per booking)."""
	rows = frappe.db.sql(
		"""select b.name from `tabVenue Booking` b join `tabVenue` v on v.name = b.venue
		where b.status = 'Approved' and v.check_in_required = 0 and b.ends_on <= %s and b.ends_on >= %s""",
		(now, add_days(now, -LOOKBACK_DAYS)),
	)
	limit = add_to_date(now, minutes=-_minutes("complete_after_minutes", 60))
	rows += frappe.db.sql(
		"""select name from `tabVenue Booking` where status = 'Checked In' and ends_on <= %s and ends_on >= %s""",
		(limit, add_days(limit, -LOOKBACK_DAYS)),
	)
	return [name for (name,) in rows]


def complete_finished(now=None):
	"""Complete the finished bookings. The list is read first and each booking is completed in its own
	transaction, so a booking may have been cancelled (or marked No Show, checked out, ...) in between:
	its status is read again under the venue and row locks, and only a completable one is changed."""
	now = now or now_datetime()
	limit = add_to_date(now, minutes=-_minutes("complete_after_minutes", 60))
	done = []
	for name in finished_bookings(now):
		venue = frappe.db.get_value("Venue Booking", name, "venue")
		if not venue:
			continue
		service.lock_venue(venue)
		current = frappe.db.get_value(
			"Venue Booking", name, ["status", "ends_on", "checked_out_at"], as_dict=True, for_update=True
		)
		end_limit = now if current and current.status == "Approved" else limit
		if not current or current.status not in COMPLETABLE or get_datetime(current.ends_on) > end_limit:
			_commit()
			continue
		if current.status == "Approved" and frappe.db.get_value("Venue", venue, "check_in_required"):
			_commit()  # an approved booking of a check-in venue becomes No Show, not Completed
			continue
		doc = frappe.get_doc("Venue Booking", name)
		service.set_status(
			doc,
			"Completed",
			checked_out_at=current.checked_out_at or (now if current.status == "Checked In" else None),
		)
		_commit()
		done.append(name)
	return done


def remind_overtime(now=None):
	now = now or now_datetime()
	limit = add_to_date(now, minutes=-_minutes("overtime_grace_minutes", 5))
	names = frappe.get_all(
		"Venue Booking",
		filters={
			"status": "Checked In",
			"ends_on": ("between", [add_days(limit, -1), limit]),
			"overtime_reminded_at": ("is", "not set"),
		},
		pluck="name",
	)
	for name in names:
		doc = frappe.get_doc("Venue Booking", name)
		doc.db_set("overtime_reminded_at", now)
		service.notify_holder(
			doc,
			_("Venue booking {0}: time is up").format(doc.name),
			_("Your booking of {0} ended at {1}. Please vacate the venue and check out.").format(
				doc.venue, format_datetime(doc.ends_on)
			),
		)
		_commit()
	return names


def remind_equipment(today=None):
	"""Bookings starting tomorrow that need equipment: ask the holder and the office to confirm it."""
	tomorrow = add_days(getdate(today or now_datetime()), 1)
	names = frappe.db.sql(
		"""select distinct b.name from `tabVenue Booking` b
		join `tabVenue Booking Equipment` e on e.parent = b.name and e.parenttype = 'Venue Booking'
		where b.status = 'Approved' and date(b.starts_on) = %s and b.equipment_confirmed = 0
			and b.equipment_reminder_sent = 0""",
		tomorrow,
	)
	staff = [
		u
		for u in frappe.get_all(
			"Has Role", filters={"role": "Office Staff", "parenttype": "User"}, pluck="parent"
		)
		if u not in ("Administrator",) and frappe.db.get_value("User", u, "enabled")
	]
	out = []
	for (name,) in names:
		doc = frappe.get_doc("Venue Booking", name)
		items = ", ".join(f"{r.equipment} × {r.quantity or 1}" for r in doc.equipment_needs)
		subject = _("Venue booking {0}: confirm equipment for tomorrow").format(doc.name)
		message = _(
			"{0} from {1} needs: {2}. Please set it up, test it and tick Equipment Confirmed."
		).format(doc.venue, format_datetime(doc.starts_on), items)
		service.notify_holder(doc, subject, message)
		if staff:
			from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

			enqueue_create_notification(
				staff,
				{
					"type": "Alert",
					"document_type": "Venue Booking",
					"document_name": doc.name,
					"subject": subject,
					"email_content": message,
				},
			)
		doc.db_set("equipment_reminder_sent", 1)
		_commit()
		out.append(name)
	return out
