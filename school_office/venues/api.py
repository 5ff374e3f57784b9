"""The Venues module's API for the portal, the desk and other modules (Meetings books rooms through it).

- find_free_venues(starts_on, ends_on, capacity=None, equipment=None, category=None): one SQL over
  bookings (covering index starts_on, ends_on, status, venue), ranked best fit first.
- request_booking(...): the venue application (SD-10) from the portal or another module.
- my_bookings(), venue_schedule(venue, start, end): own bookings in full, others' as busy slots.
- cancel_booking, check_in (desk button; booking key or the venue's door QR), check_out.
- reallocate(booking, venue, ...): the Office Manager's emergency reallocation (RM-4).
- feed_url(), ics(venue, key): a per-user-keyed iCalendar feed per venue.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import add_to_date, cint, get_datetime, get_url, now_datetime

from school_office.core import booking as rules
from school_office.utils.actions import keys_match
from school_office.venues import service

# Guest and portal endpoints that take a key: requests per IP address and window (brute force, load).
CHECK_IN_LIMIT = (60, 60)  # 60 a minute: a class checking in at the door from one school network
FEED_LIMIT = (120, 60)  # calendar apps poll the feed; a school network has many of them


def _require_login():
	if frappe.session.user == "Guest":
		frappe.throw(_("Please log in to book a venue."), frappe.PermissionError)


def _equipment_list(equipment) -> list[str]:
	if not equipment:
		return []
	if isinstance(equipment, str):
		try:
			parsed = json.loads(equipment)
			equipment = parsed if isinstance(parsed, list) else equipment
		except ValueError:
			pass
	if isinstance(equipment, str):
		equipment = equipment.split(",")
	return sorted({" ".join(str(e).split()) for e in equipment if str(e).strip()})


def _span(starts_on, ends_on):
	try:
		s, e = get_datetime(starts_on), get_datetime(ends_on)
	except Exception:
		frappe.throw(_("Give the start and end as date and time."))
	if not s or not e:
		frappe.throw(_("Give the start and end as date and time."))
	if e <= s:
		frappe.throw(
			_("The booking must end after it starts ({0}). Choose a later end time.").format(
				frappe.utils.format_datetime(s)
			)
		)
	return s, e


def longest_booking_minutes() -> int:
	"""An upper bound on the length of any blocking booking (cached), so the search can bound its index range."""
	value = frappe.cache.get_value("venue_booking_longest_minutes")
	if value is None:
		value = cint(
			frappe.db.sql(
				"""select max(timestampdiff(minute, starts_on, ends_on)) from `tabVenue Booking`
				where status in ('Approved', 'Checked In')"""
			)[0][0]
		)
		frappe.cache.set_value("venue_booking_longest_minutes", value)
	return cint(value)


def note_booking_length(doc, method=None):
	"""doc_events hook: keep longest_booking_minutes an upper bound."""
	minutes = int((get_datetime(doc.ends_on) - get_datetime(doc.starts_on)).total_seconds() // 60) + 1
	if minutes > longest_booking_minutes():
		frappe.cache.set_value("venue_booking_longest_minutes", minutes)


def free_venue_rows(
	starts_on, ends_on, capacity=None, equipment=None, category=None, exclude=None
) -> list[dict]:
	"""Bookable venues free for the span (each venue's category buffer included), best fit first."""
	s, e = _span(starts_on, ends_on)
	need = _equipment_list(equipment)
	longest = longest_booking_minutes()
	conds, values = ["v.is_bookable = 1"], {"s": s, "e": e}
	if cint(capacity):
		conds.append("v.capacity >= %(capacity)s")
		values["capacity"] = cint(capacity)
	if category:
		conds.append("v.venue_category = %(category)s")
		values["category"] = category
	if exclude:
		conds.append("v.name != %(exclude)s")
		values["exclude"] = exclude
	if need:
		conds.append(
			"""(select count(distinct trim(ve.equipment)) from `tabVenue Equipment` ve
			where ve.parent = v.name and ve.parenttype = 'Venue' and trim(ve.equipment) in %(need)s) = %(n_need)s"""
		)
		values["need"] = tuple(need)
		values["n_need"] = len(need)
	# One non-correlated subquery over bookings: the busy venues of the span. Its range on starts_on has
	# constant bounds (no blocking booking is longer than `longest`, no buffer longer than the largest),
	# so it reads only the bookings around the span through the (starts_on, ends_on, status, venue)
	# index; each venue's own category buffer is then applied exactly.
	max_buffer = cint(frappe.db.sql("select max(buffer_minutes) from `tabVenue Category`")[0][0])
	values["lo"] = add_to_date(s, minutes=-(longest + max_buffer + 1))
	values["hi"] = add_to_date(e, minutes=max_buffer)
	rows = frappe.db.sql(
		f"""select v.name, v.venue_name, v.capacity, v.venue_category, v.building, v.floor, v.function_zone,
			v.check_in_required, ifnull(c.buffer_minutes, 0) as buffer_minutes
		from `tabVenue` v left join `tabVenue Category` c on c.name = v.venue_category
		where {" and ".join(conds)}
			and v.name not in (
				select b.venue from `tabVenue Booking` b force index (time_venue_status_index)
				join `tabVenue` bv on bv.name = b.venue
				left join `tabVenue Category` bc on bc.name = bv.venue_category
				where b.starts_on >= %(lo)s and b.starts_on < %(hi)s
					and b.status in ('Approved', 'Checked In')
					and b.starts_on < date_add(%(e)s, interval ifnull(bc.buffer_minutes, 0) minute)
					and b.ends_on > date_sub(%(s)s, interval ifnull(bc.buffer_minutes, 0) minute))""",
		values,
		as_dict=True,
	)
	if not rows:
		return []
	equipment_rows = frappe.db.sql(
		"""select parent, equipment from `tabVenue Equipment` where parenttype = 'Venue' and parent in %(names)s order by idx""",
		{"names": tuple(r.name for r in rows)},
		as_dict=True,
	)
	by_venue: dict[str, list[str]] = {}
	for er in equipment_rows:
		by_venue.setdefault(er.parent, []).append(er.equipment)
	infos = [
		rules.VenueInfo(r.name, r.capacity, r.venue_category, frozenset(by_venue.get(r.name, [])))
		for r in rows
	]
	order = {v.name: i for i, v in enumerate(rules.rank_venues(infos, capacity, need))}
	out = []
	for r in sorted(rows, key=lambda r: order[r.name]):
		r["equipment"] = by_venue.get(r.name, [])
		r["equipment_labels"] = [_(e) for e in r["equipment"]]
		r["label"] = _(r.name)  # venues the app created have zh names; an administrator's show as entered
		out.append(r)
	return out


@frappe.whitelist()
def find_free_venues(starts_on, ends_on, capacity=None, equipment=None, category=None):
	"""Free bookable venues for [starts_on, ends_on), seating `capacity`, with all of `equipment`
	(a list, JSON list or comma-separated names), optionally of one category; best fit first."""
	_require_login()
	return free_venue_rows(starts_on, ends_on, capacity=capacity, equipment=equipment, category=category)


@frappe.whitelist()
def request_booking(
	venue,
	starts_on,
	ends_on,
	purpose,
	activity_class="Meeting",
	headcount=1,
	event_name=None,
	equipment=None,
	safety_commitment=0,
	department=None,
	contact_phone=None,
	repeat_every_weeks=None,
	repeat_until=None,
):
	"""The venue application (SD-10): event, time, headcount, equipment, signed safety commitment."""
	_require_login()
	if not cint(safety_commitment):
		frappe.throw(_("Please sign the safety commitment."))
	doc = frappe.get_doc(
		{
			"doctype": "Venue Booking",
			"venue": venue,
			"starts_on": starts_on,
			"ends_on": ends_on,
			"purpose": purpose,
			"activity_class": activity_class,
			"headcount": cint(headcount) or 1,
			"event_name": event_name,
			"safety_commitment": 1,
			"department": department,
			"contact_phone": contact_phone,
			"requester": frappe.session.user,
			"equipment_needs": [{"equipment": e, "quantity": 1} for e in _equipment_list(equipment)],
			"repeat_weekly": 1 if repeat_until else 0,
			"repeat_every_weeks": cint(repeat_every_weeks) or 1,
			"repeat_until": repeat_until or None,
		}
	)
	doc.insert()
	doc.reload()
	return _own_view(doc)


def _own_view(doc) -> dict:
	return {
		"name": doc.name,
		"venue": doc.venue,
		"venue_label": _(doc.venue),
		"starts_on": str(doc.starts_on),
		"ends_on": str(doc.ends_on),
		"status": doc.status,
		"status_label": _(doc.status),
		"event_name": doc.event_name,
		"purpose": doc.purpose,
		"activity_class": doc.activity_class,
		"headcount": doc.headcount,
		"skipped_occurrences": doc.skipped_occurrences,
		"displacement_note": doc.displacement_note,
		"recurrence_of": doc.recurrence_of,
		"check_in_url": check_in_url(doc) if doc.status == "Approved" else None,
	}


def check_in_url(doc) -> str:
	return get_url("/venue-check-in?" + urlencode({"booking": doc.name, "key": doc.check_in_key}))


@frappe.whitelist()
def my_bookings(include_past=0):
	_require_login()
	filters = {"requester": frappe.session.user}
	if not cint(include_past):
		filters["ends_on"] = (">=", add_to_date(now_datetime(), days=-1))
	names = frappe.get_all(
		"Venue Booking",
		filters=filters,
		order_by="starts_on asc",
		pluck="name",
		limit=200,
		ignore_permissions=True,
	)
	return [_own_view(frappe.get_doc("Venue Booking", n)) for n in names]


def schedule_rows(start, end, venue=None, filters=None) -> list[dict]:
	"""Blocking and requested bookings in [start, end): own ones (or all, for staff) in full, others as busy."""
	user = frappe.session.user
	staff = service.is_staff(user)
	values = {"s": get_datetime(start), "e": get_datetime(end)}
	cond = ""
	if venue:
		cond = " and venue = %(venue)s"
		values["venue"] = venue
	if isinstance(filters, str):
		filters = json.loads(filters or "[]")
	for f in filters or []:
		if isinstance(f, (list, tuple)) and len(f) >= 4 and f[1] == "venue" and f[2] == "=":
			cond = " and venue = %(venue)s"
			values["venue"] = f[3]
	rows = frappe.db.sql(
		f"""select name, venue, starts_on, ends_on, status, activity_class, event_name, purpose, requester, owner
		from `tabVenue Booking` where starts_on < %(e)s and ends_on > %(s)s
			and status in ('Requested', 'Approved', 'Checked In'){cond} order by starts_on""",
		values,
		as_dict=True,
	)
	out = []
	for r in rows:
		own = user in (r.requester, r.owner)
		if own or staff:
			title = f"{r.venue}: {r.event_name or r.purpose or ''} ({_(r.status)})"
			out.append(
				{
					"name": r.name,
					"venue": r.venue,
					"starts_on": r.starts_on,
					"ends_on": r.ends_on,
					"status": r.status,
					"title": title,
					"own": int(own),
					"event_name": r.event_name,
					"purpose": r.purpose,
				}
			)
		elif r.status in rules.BLOCKING_STATUSES:
			out.append(
				{
					"name": None,
					"venue": r.venue,
					"starts_on": r.starts_on,
					"ends_on": r.ends_on,
					"status": "Busy",
					"title": f"{r.venue}: {_('Busy')}",
					"own": 0,
				}
			)
	return out


@frappe.whitelist()
def venue_schedule(venue, start, end):
	_require_login()
	return schedule_rows(start, end, venue=venue)


def _get_booking(name, ptype="read"):
	doc = frappe.get_doc("Venue Booking", name)
	doc.check_permission(ptype)
	return doc


@frappe.whitelist()
def cancel_booking(name):
	_require_login()
	doc = _get_booking(name, "write")
	if doc.status not in ("Requested", "Approved"):
		frappe.throw(
			_("Only a requested or approved booking can be cancelled; this one is {0}.").format(_(doc.status))
		)
	service.set_status(doc, "Cancelled")
	return _own_view(doc)


def check_in_target(booking=None, key=None, venue=None):
	"""The booking a check-in is for, read only: the desk button (booking: read permission), the booking's
	own QR code (booking + its key) or the venue's door QR code (venue + its key: the logged-in user's
	booking of that venue that is about to start or running). Keys are compared in constant time.
	Throws PermissionError for a wrong key, ValidationError when there is nothing to check in to."""
	_require_login()
	user = frappe.session.user
	if venue:
		if not frappe.db.exists("Venue", venue) or not keys_match(
			key, frappe.db.get_value("Venue", venue, "check_in_key")
		):
			frappe.throw(_("This check-in code is not valid."), frappe.PermissionError)
		opens = get_settings_minutes("check_in_opens_minutes")
		now = now_datetime()
		booking = frappe.db.get_value(
			"Venue Booking",
			{
				"venue": venue,
				"status": ("in", ["Approved", "Checked In"]),
				"requester": user,
				"starts_on": ("<=", add_to_date(now, minutes=opens)),
				"ends_on": (">", now),
			},
			"name",
		)
		if not booking:
			frappe.throw(_("You have no booking of {0} to check in to now.").format(venue))
		return frappe.get_doc("Venue Booking", booking)
	if not booking or not frappe.db.exists("Venue Booking", booking):
		frappe.throw(_("This check-in code is not valid."), frappe.PermissionError)
	doc = frappe.get_doc("Venue Booking", booking)
	if key:
		if not keys_match(key, doc.check_in_key):
			frappe.throw(_("This check-in code is not valid."), frappe.PermissionError)
	else:
		doc.check_permission("read")
	return doc


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=CHECK_IN_LIMIT[0], seconds=CHECK_IN_LIMIT[1])
def check_in(booking=None, key=None, venue=None):
	"""Check in (POST only: it changes the booking): the desk button (booking), the booking's own QR
	(booking + key) or the venue's door QR (venue + key: checks in the logged-in user's booking of that
	venue that is about to start or running). The /venue-check-in page shows the booking and posts here."""
	doc = check_in_target(booking=booking, key=key, venue=venue)
	service.lock_venue(doc.venue)
	doc.reload()
	service.check_in(doc, frappe.session.user)
	return _own_view(doc)


def get_settings_minutes(field):
	return cint(service.get_settings().get(field))


@frappe.whitelist()
def check_out(booking):
	_require_login()
	doc = frappe.get_doc("Venue Booking", booking)
	service.check_out(doc)
	return _own_view(doc)


@frappe.whitelist()
def reallocate(booking, venue=None, starts_on=None, ends_on=None, reason=None):
	"""Emergency reallocation (RM-4) by the Office Manager: `booking` takes `venue` (default: its own)
	for its time, displacing every Approved booking in the way; the displaced holders are told with
	three free venues of similar capacity and equipment."""
	if "Office Manager" not in frappe.get_roles() and frappe.session.user != "Administrator":
		frappe.throw(
			_("Only the Office Manager can reallocate venues in an emergency."), frappe.PermissionError
		)
	doc = frappe.get_doc("Venue Booking", booking)
	if venue and venue != doc.venue:
		service.lock_venue(venue)
	service.lock_venue(doc.venue)
	if doc.status not in ("Requested", "Approved"):
		frappe.throw(
			_("Only a requested or approved booking can be reallocated; this one is {0}.").format(
				_(doc.status)
			)
		)
	doc.venue = venue or doc.venue
	doc.starts_on = starts_on or doc.starts_on
	doc.ends_on = ends_on or doc.ends_on
	doc.status = "Approved"
	doc.flags.emergency = True
	doc.flags.allow_reschedule = True
	doc.flags.ignore_permissions = True
	# Requested -> Approved is the workflow's "Reallocate" transition (Office Manager); an approved booking stays Approved
	doc.save()
	doc.add_comment("Info", _("Emergency reallocation by {0}: {1}").format(frappe.session.user, reason or ""))
	return _own_view(doc)


@frappe.whitelist()
def class_periods():
	"""The school's class periods (节次) for booking by period."""
	_require_login()
	rows = service.get_settings().class_periods or []
	from frappe.utils import get_time

	return [
		{
			"period": r.period,
			"start_time": get_time(r.start_time).strftime("%H:%M"),
			"end_time": get_time(r.end_time).strftime("%H:%M"),
			"label": r.label or _("Period {0}").format(r.period),
		}
		for r in sorted(rows, key=lambda r: r.period)
	]


@frappe.whitelist()
def period_span(date, first, last=None):
	"""Start and end of class periods first..last on a date."""
	_require_login()
	from frappe.utils import get_time, getdate

	grid = [
		(r.period, get_time(r.start_time), get_time(r.end_time))
		for r in service.get_settings().class_periods or []
	]
	try:
		s, e = rules.period_span(getdate(date), grid, cint(first), cint(last) if last else None)
	except ValueError:
		frappe.throw(_("Choose periods from the school's time grid, the first before the last."))
	return {"starts_on": str(s), "ends_on": str(e)}


@frappe.whitelist()
def venue_month(venue, year=None, month=None):
	"""The venue form's 'this month': bookings, booked and available hours, utilisation, no-shows."""
	frappe.has_permission("Venue", "read", venue, throw=True)
	from school_office.venues.report.venue_utilisation.venue_utilisation import utilisation_rows

	today = now_datetime()
	year, month = cint(year) or today.year, cint(month) or today.month
	rows = utilisation_rows(year, month, venue=venue)
	return rows[0] if rows else None


@frappe.whitelist(methods=["POST"])
def feed_url():
	"""The user's personal iCalendar feed URL template (per-user key, created once: POST only)."""
	_require_login()
	user = frappe.session.user
	key = frappe.db.get_value("Venue Feed Key", user, "feed_key")
	if not key:
		key = frappe.generate_hash(length=32)
		frappe.get_doc({"doctype": "Venue Feed Key", "user": user, "feed_key": key}).insert(
			ignore_permissions=True
		)
	return {
		"key": key,
		"url": get_url("/api/method/school_office.venues.api.ics?" + urlencode({"key": key}) + "&venue="),
	}


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=FEED_LIMIT[0], seconds=FEED_LIMIT[1])
def ics(venue, key):
	"""iCalendar feed of one venue for the key's user: own bookings in full, others as Busy."""
	from werkzeug.wrappers import Response

	user = frappe.db.get_value("Venue Feed Key", {"feed_key": key or "-"}, "user") if key else None
	stored = frappe.db.get_value("Venue Feed Key", user, "feed_key") if user else None
	if not user or not keys_match(key, stored) or not frappe.db.get_value("User", user, "enabled"):
		return Response(_("This calendar key is not valid."), status=403, mimetype="text/plain")
	if not frappe.db.exists("Venue", venue):
		return Response(_("Venue {0} does not exist.").format(venue), status=404, mimetype="text/plain")
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		rows = schedule_rows(
			add_to_date(now_datetime(), days=-30), add_to_date(now_datetime(), days=180), venue=venue
		)
	finally:
		frappe.set_user(previous)
	from school_office.venues.ics import calendar

	body = calendar(venue, rows, frappe.local.site)
	disposition = f"inline; filename=\"venue.ics\"; filename*=UTF-8''{quote(venue)}.ics"
	return Response(body, status=200, mimetype="text/calendar", headers={"Content-Disposition": disposition})


@frappe.whitelist()
def qr_svg(booking=None, venue=None):
	"""An SVG QR code of a booking's check-in link, or of a venue's door check-in link (staff). Read only:
	the keys are made when the venue is saved and when the booking is created, never here."""
	import io

	import pyqrcode

	if venue:
		frappe.has_permission("Venue", "write", venue, throw=True)
		key = frappe.db.get_value("Venue", venue, "check_in_key")
		if not key:
			frappe.throw(_("Venue {0} has no check-in code yet. Save the venue to create one.").format(venue))
		url = get_url("/venue-check-in?" + urlencode({"venue": venue, "key": key}))
	else:
		doc = _get_booking(booking)
		if not doc.check_in_key:
			frappe.throw(_("Booking {0} has no check-in code.").format(doc.name))
		url = check_in_url(doc)
	buf = io.BytesIO()
	pyqrcode.create(url).svg(buf, scale=4)
	return {"url": url, "svg": buf.getvalue().decode()}
