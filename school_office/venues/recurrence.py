"""Recurring bookings: weekly or every N weeks until a date.

The first booking is the series' master; each later occurrence is its own Venue Booking with
recurrence_of = master, so it can be approved, checked in or cancelled on its own. Occurrences that
collide with a booking already holding the venue, or that break a booking rule, are skipped and listed
in the master's skipped_occurrences (shown to the requester on the form and the portal).
"""

import frappe
from frappe import _
from frappe.utils import format_datetime, get_datetime, getdate, now_datetime

from school_office.core import booking as rules
from school_office.venues import service


def create_occurrences(master) -> tuple[list[str], list[str]]:
	"""Create the occurrences after the first; returns (created names, skipped descriptions)."""
	venue = service.lock_venue(master.venue)
	occurrences = rules.expand_weekly(
		get_datetime(master.starts_on),
		get_datetime(master.ends_on),
		getdate(master.repeat_until),
		master.repeat_every_weeks or 1,
	)[1:]
	created, skipped = [], []
	now = now_datetime()
	for starts_on, ends_on in occurrences:
		failures = rules.check_rules(
			starts_on,
			ends_on,
			now,
			headcount=master.headcount or 0,
			capacity=venue["capacity"],
			min_advance_days=venue["min_advance_days"],
			max_duration_hours=venue["max_duration_hours"],
			is_bookable=bool(venue["is_bookable"]),
		)
		rows = service.colliding_rows(master.venue, starts_on, ends_on, venue["buffer_minutes"])
		slots = [
			rules.Slot(r.name, get_datetime(r.starts_on), get_datetime(r.ends_on), r.activity_class, r.status)
			for r in rows
		]
		decision = rules.resolve_conflicts(
			rules.Slot("", starts_on, ends_on, master.activity_class), slots, venue["buffer_minutes"]
		)
		if failures or not decision.ok:
			reason = (
				"; ".join(service.rule_messages(failures, venue))
				if failures
				else _("venue taken by {0}").format(", ".join(decision.blocking))
			)
			skipped.append(f"{format_datetime(starts_on)}: {reason}")
			continue
		occ = frappe.copy_doc(master)
		occ.update(
			{
				"starts_on": starts_on,
				"ends_on": ends_on,
				"status": "Requested",
				"repeat_weekly": 0,
				"repeat_until": None,
				"recurrence_of": master.name,
				"requester": master.requester,
			}
		)
		occ.insert(ignore_permissions=True)
		created.append(occ.name)
	if skipped:
		master.db_set("skipped_occurrences", "\n".join(skipped))
		service.notify_holder(
			master,
			_("Venue booking {0}: occurrences skipped").format(master.name),
			_("These occurrences of your recurring booking were not booked:") + "<br>" + "<br>".join(skipped),
		)
	return created, skipped
