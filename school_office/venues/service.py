"""Booking services shared by the Venue Booking controller, the API, the portal and the scheduler.

Concurrency (RM-4): every write that may put a booking into the venue's timetable (insert, save,
approval, reallocation) first locks the Venue row with SELECT ... FOR UPDATE, and only then reads the
colliding bookings with a locking read (which sees the latest committed rows, not the transaction's
snapshot) and changes statuses, all in one transaction. The venue lock is always taken before any
booking row lock (VenueBooking.save/insert take it before Frappe locks the booking row), so two
approvals of one venue queue up behind each other instead of deadlocking.

The rules themselves (overlap with buffers, priority, displacement, ranking) are plain Python in
school_office/core/booking.py.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_to_date, format_datetime, get_datetime, now_datetime

from school_office.core import booking as rules

BLOCKING = rules.BLOCKING_STATUSES
STAFF_ROLES = ("Office Staff", "Office Manager", "System Manager")


class VenueConflictError(frappe.ValidationError):
	pass


class VenueRuleError(frappe.ValidationError):
	pass


def is_staff(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(set(frappe.get_roles(user)) & set(STAFF_ROLES))


def get_settings():
	return frappe.get_cached_doc("Venue Settings")


def lock_venue(venue: str) -> dict | None:
	"""Lock the Venue row for the rest of the transaction and return its booking-relevant values."""
	row = frappe.db.sql(
		"""select v.name, v.venue_name, v.capacity, v.is_bookable, v.check_in_required, v.venue_category,
			ifnull(c.buffer_minutes, 0) as buffer_minutes, ifnull(c.min_advance_days, 0) as min_advance_days,
			ifnull(c.max_duration_hours, 0) as max_duration_hours, ifnull(c.requires_approval, 1) as requires_approval
		from `tabVenue` v left join `tabVenue Category` c on c.name = v.venue_category
		where v.name = %s for update""",
		venue,
		as_dict=True,
	)
	return row[0] if row else None


def venue_rules(venue: str) -> dict | None:
	"""The same values without a lock (for messages and reads)."""
	row = frappe.db.sql(
		"""select v.name, v.venue_name, v.capacity, v.is_bookable, v.check_in_required, v.venue_category,
			ifnull(c.buffer_minutes, 0) as buffer_minutes, ifnull(c.min_advance_days, 0) as min_advance_days,
			ifnull(c.max_duration_hours, 0) as max_duration_hours, ifnull(c.requires_approval, 1) as requires_approval
		from `tabVenue` v left join `tabVenue Category` c on c.name = v.venue_category where v.name = %s""",
		venue,
		as_dict=True,
	)
	return row[0] if row else None


# ----------------------------------------------------------------------------- rules (RM-3)


def rule_messages(failures, venue: dict) -> list[str]:
	"""Translated refusal per broken rule, each saying what would pass."""
	out = []
	cat = venue.get("venue_category") or ""
	for f in failures:
		p = f.params
		if f.rule == "not_bookable":
			out.append(_("Venue {0} is not open for booking. Choose another venue.").format(venue["name"]))
		elif f.rule == "end_before_start":
			out.append(
				_("The booking must end after it starts ({0}). Choose a later end time.").format(
					format_datetime(p["starts_on"])
				)
			)
		elif f.rule == "in_past":
			out.append(
				_("A booking cannot start in the past. Choose a start at or after {0}.").format(
					format_datetime(p["earliest"])
				)
			)
		elif f.rule == "advance":
			out.append(
				_(
					"Venues of category {0} must be booked at least {1} day(s) ahead. The earliest start date that passes is {2}."
				).format(_(cat), p["days"], frappe.format(p["earliest_date"], "Date"))
			)
		elif f.rule == "duration":
			out.append(
				_(
					"Venues of category {0} can be booked for at most {1} hour(s). End at or before {2}."
				).format(_(cat), frappe.format(p["hours"], "Float"), format_datetime(p["latest_end"]))
			)
		elif f.rule == "capacity":
			out.append(
				_(
					"Venue {0} seats {1}, but the headcount is {2}. Lower the headcount to {1} or choose a larger venue."
				).format(venue["name"], p["capacity"], p["headcount"])
			)
	return out


def check_booking_rules(doc, venue: dict):
	failures = rules.check_rules(
		get_datetime(doc.starts_on),
		get_datetime(doc.ends_on),
		now_datetime(),
		headcount=doc.headcount or 0,
		capacity=venue.get("capacity"),
		min_advance_days=venue.get("min_advance_days") or 0,
		max_duration_hours=venue.get("max_duration_hours") or 0,
		is_bookable=bool(venue.get("is_bookable")),
	)
	if failures:
		msgs = rule_messages(failures, venue)
		frappe.throw("<br>".join(msgs), VenueRuleError, title=_("Booking rules not met"))


# ----------------------------------------------------------------------------- conflicts (RM-4)


def colliding_rows(
	venue: str, starts_on, ends_on, buffer_minutes: int, exclude: str | None = None
) -> list[dict]:
	"""Blocking bookings of `venue` that collide with the span, read with a lock (latest committed data)."""
	from school_office.venues.api import longest_booking_minutes

	ws, we = rules.blocking_window(get_datetime(starts_on), get_datetime(ends_on), buffer_minutes)
	# the lower bound on starts_on keeps the index range (and the rows it locks) near the span
	lo = add_to_date(ws, minutes=-(longest_booking_minutes() + 1))
	return frappe.db.sql(
		"""select name, starts_on, ends_on, activity_class, status, requester, owner, headcount, event_name, purpose
		from `tabVenue Booking`
		where venue = %(venue)s and starts_on >= %(lo)s and starts_on < %(we)s and ends_on > %(ws)s
			and status in ('Approved', 'Checked In') and name != %(exclude)s
		for update""",
		{"venue": venue, "ws": ws, "we": we, "lo": lo, "exclude": exclude or ""},
		as_dict=True,
	)


def decide(doc, venue: dict, force: bool = False) -> rules.Decision:
	"""Lock-protected conflict decision for `doc` entering the venue's timetable; throws on conflict."""
	rows = colliding_rows(doc.venue, doc.starts_on, doc.ends_on, venue["buffer_minutes"], exclude=doc.name)
	slots = [
		rules.Slot(r.name, get_datetime(r.starts_on), get_datetime(r.ends_on), r.activity_class, r.status)
		for r in rows
	]
	new = rules.Slot(
		doc.name or "", get_datetime(doc.starts_on), get_datetime(doc.ends_on), doc.activity_class, "Approved"
	)
	decision = rules.resolve_conflicts(new, slots, venue["buffer_minutes"], force=force)
	if not decision.ok:
		blocker = next(r for r in rows if r.name == decision.blocking[0])
		alternatives = ", ".join(v["name"] for v in alternative_venues(doc, venue, count=3)) or _("none")
		frappe.throw(
			_(
				"Venue {0} is already booked from {1} to {2} ({3}, {4}); bookings of this venue keep {5} minutes apart. Choose another time or a free venue: {6}"
			).format(
				doc.venue,
				format_datetime(blocker.starts_on),
				format_datetime(blocker.ends_on),
				_(blocker.activity_class),
				_(blocker.status),
				venue["buffer_minutes"],
				alternatives,
			),
			VenueConflictError,
			title=_("Venue not free"),
		)
	return decision


def alternative_venues(doc, venue: dict | None = None, count: int = 3) -> list[dict]:
	"""Up to `count` free venues like `doc`'s venue for its time (similar capacity and equipment)."""
	from school_office.venues.api import free_venue_rows

	target_equipment = frappe.get_all(
		"Venue Equipment", filters={"parent": doc.venue, "parenttype": "Venue"}, pluck="equipment"
	)
	capacity = (venue or {}).get("capacity") or frappe.db.get_value("Venue", doc.venue, "capacity") or 0
	free = free_venue_rows(doc.starts_on, doc.ends_on, capacity=doc.headcount or None)
	target = rules.VenueInfo(doc.venue, capacity, None, rules.norm_equipment(target_equipment))
	infos = {
		v["name"]: rules.VenueInfo(
			v["name"], v["capacity"], v["venue_category"], rules.norm_equipment(v["equipment"])
		)
		for v in free
	}
	picked = rules.similar_venues(target, list(infos.values()), headcount=doc.headcount or 0, count=count)
	by_name = {v["name"]: v for v in free}
	return [by_name[v.name] for v in picked]


def displace(names: list[str], by_doc, emergency: bool = False):
	"""Mark bookings Displaced (inside the caller's transaction, venue already locked) and tell their holders."""
	for name in names:
		other = frappe.get_doc("Venue Booking", name)
		alts = alternative_venues(other, count=3)
		alt_text = ", ".join(f"{a['name']} ({a['capacity']})" for a in alts) or _("none")
		note = _(
			"Displaced by {0} ({1}). Free venues of similar capacity and equipment for the same time: {2}"
		).format(
			by_doc.name, _(by_doc.activity_class) if not emergency else _("emergency reallocation"), alt_text
		)
		other.db_set(
			{"status": "Displaced", "displaced_by": by_doc.name, "displacement_note": note}, notify=True
		)
		other.add_comment("Info", note)
		notify_holder(
			other,
			_("Your venue booking {0} was displaced").format(other.name),
			_("Your booking of {0} from {1} to {2} gave way to a booking of higher priority.").format(
				other.venue, format_datetime(other.starts_on), format_datetime(other.ends_on)
			)
			+ "<br>"
			+ note,
		)


def notify_holder(doc, subject: str, message: str):
	"""Tell a booking's holder: a desk notification (system users) and an email."""
	user = doc.requester or doc.owner
	if not user or user in ("Administrator", "Guest"):
		return
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	if frappe.db.get_value("User", user, "user_type") == "System User":
		enqueue_create_notification(
			user,
			{
				"type": "Alert",
				"document_type": "Venue Booking",
				"document_name": doc.name,
				"subject": subject,
				"email_content": message,
			},
		)
	from frappe.email.doctype.email_account.email_account import EmailAccount

	if not EmailAccount.find_default_outgoing():
		return  # no mail server: the desk notification and the note on the booking remain
	try:
		frappe.sendmail(
			recipients=[user],
			subject=subject,
			message=message,
			reference_doctype="Venue Booking",
			reference_name=doc.name,
		)
	except Exception:
		# an email problem must not undo a booking change; the desk notification and the note remain
		frappe.log_error(title="Venue booking email")


# ----------------------------------------------------------------------------- transitions outside the workflow


def set_status(doc, status: str, **values):
	"""Change a booking's status directly (checks done by the caller) and record it."""
	values["status"] = status
	doc.db_set(values, notify=True)
	doc.add_comment("Info", _("Status set to {0}").format(_(status)))


def check_in(doc, user: str | None = None):
	"""Check a booking in (desk button, QR code at the door). The holder or office staff only."""
	user = user or frappe.session.user
	if not (is_staff(user) or user in (doc.requester, doc.owner)):
		frappe.throw(
			_("Only the holder of the booking or the office can check it in."), frappe.PermissionError
		)
	if doc.status == "Checked In":
		return doc
	if doc.status != "Approved":
		frappe.throw(_("Only an approved booking can be checked in; this one is {0}.").format(_(doc.status)))
	now = now_datetime()
	opens = add_to_date(get_datetime(doc.starts_on), minutes=-(get_settings().check_in_opens_minutes or 0))
	if now < opens:
		frappe.throw(_("Check-in opens at {0}.").format(format_datetime(opens)))
	if now >= get_datetime(doc.ends_on):
		frappe.throw(_("This booking has already ended."))
	set_status(doc, "Checked In", checked_in_at=now)
	return doc


def check_out(doc, user: str | None = None):
	user = user or frappe.session.user
	if not (is_staff(user) or user in (doc.requester, doc.owner)):
		frappe.throw(
			_("Only the holder of the booking or the office can check it out."), frappe.PermissionError
		)
	if doc.status != "Checked In":
		frappe.throw(
			_("Only a checked-in booking can be checked out; this one is {0}.").format(_(doc.status))
		)
	set_status(doc, "Completed", checked_out_at=now_datetime())
	return doc
