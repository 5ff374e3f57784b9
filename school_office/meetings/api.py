"""The Meetings API for the desk, the portal pages and phones.

- rsvp(meeting, answer, delegate=None, note=None): the attendee's answer (e-mail link, phone, desk).
- sign_in(meeting, key): QR sign-in at the door (POST; key compared in constant time; rate-limited).
- sign_in_url(meeting), qr_svg(meeting): the door QR for the organiser and the Meeting Team.
  The QR encodes ``<site>/meeting-sign-in?meeting=<Meeting name>&key=<key>`` (a public contract: the
  phone app of issue #15 parses it).
- attendance(meeting): the attendance list.
- free_rooms(meeting): the Venues free-room search for the meeting's time, headcount and needs.
- my_meetings(): the session user's meetings (portal, phone).
"""

from __future__ import annotations

from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import add_to_date, format_datetime, get_datetime, get_url, now_datetime

from school_office.utils.actions import has_role, keys_match, load_for_action, system_save

SIGN_IN_LIMIT = (60, 60)
SIGN_IN_OPENS_MINUTES = 30


def _require_login():
	if frappe.session.user == "Guest":
		frappe.throw(_("Please log in."), frappe.PermissionError)


def _stored(meeting: str, for_update: bool = False):
	"""The stored meeting, for a user on its attendee list (as attendee or delegate) or who reads it."""
	_require_login()
	if not meeting or not frappe.db.exists("Meeting", meeting):
		frappe.throw(_("Meeting {0} does not exist.").format(meeting or "?"), frappe.DoesNotExistError)
	if for_update:
		frappe.db.get_value("Meeting", meeting, "name", for_update=True)
	doc = frappe.get_doc("Meeting", meeting)
	from school_office.meetings.permissions import can_read

	if not can_read(doc):
		frappe.throw(_("You are not on the attendee list of this meeting."), frappe.PermissionError)
	return doc


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=SIGN_IN_LIMIT[0], seconds=SIGN_IN_LIMIT[1])
def rsvp(meeting, answer, delegate=None, note=None):
	"""The session user's answer to a meeting notice: Accepted, Declined or Delegated (with the delegate)."""
	from school_office.meetings.notice import respond

	doc = _stored(meeting, for_update=True)
	return respond(doc, frappe.session.user, answer, delegate=delegate, note=note)


def sign_in_url(doc) -> str:
	return get_url("/meeting-sign-in?" + urlencode({"meeting": doc.name, "key": doc.sign_in_key}))


def sign_in_target(meeting, key):
	"""The meeting a sign-in code is for (read only). Throws PermissionError for a wrong key."""
	_require_login()
	if not meeting or not frappe.db.exists("Meeting", meeting):
		frappe.throw(_("This sign-in code is not valid."), frappe.PermissionError)
	stored_key = frappe.db.get_value("Meeting", meeting, "sign_in_key")
	if not keys_match(key, stored_key):
		frappe.throw(_("This sign-in code is not valid."), frappe.PermissionError)
	return frappe.get_doc("Meeting", meeting)


def attendee_row(doc, user: str):
	return next((a for a in doc.attendees if user in (a.user, a.delegate)), None)


def sign_in_state(doc, user: str, now=None) -> tuple[bool, str]:
	"""(may sign in now, message)."""
	now = now or now_datetime()
	row = attendee_row(doc, user)
	if not row:
		return False, _("You are not on the attendee list of this meeting. Ask the organiser to add you.")
	if row.signed_in_at:
		return False, _("Signed in at {0}").format(format_datetime(row.signed_in_at, "HH:mm"))
	if doc.status not in ("Notified", "In Progress"):
		return False, _("Sign-in is open for a notified meeting; this one is {0}.").format(_(doc.status))
	opens = add_to_date(get_datetime(doc.starts_on), minutes=-SIGN_IN_OPENS_MINUTES)
	if now < opens:
		return False, _("Sign-in opens at {0}.").format(format_datetime(opens, "yyyy-MM-dd HH:mm"))
	if now >= get_datetime(doc.ends_on):
		return False, _("This meeting has already ended.")
	return True, ""


@frappe.whitelist(methods=["POST"])
@rate_limit(limit=SIGN_IN_LIMIT[0], seconds=SIGN_IN_LIMIT[1])
def sign_in(meeting, key):
	"""QR sign-in at the door (POST only: it changes the meeting). The /meeting-sign-in page posts here."""
	sign_in_target(meeting, key)
	frappe.db.get_value("Meeting", meeting, "name", for_update=True)
	doc = frappe.get_doc("Meeting", meeting)
	user = frappe.session.user
	ok, message = sign_in_state(doc, user)
	if not ok:
		frappe.throw(message)
	row = attendee_row(doc, user)
	row.signed_in_at = now_datetime()
	row.signed_in_by = user
	if row.rsvp == "Pending":
		row.rsvp = "Accepted" if user == row.user else row.rsvp
	if doc.status == "Notified":
		doc.status = "In Progress"
	system_save(doc)
	return {"meeting": doc.name, "signed_in_at": str(row.signed_in_at), "status": doc.status}


@frappe.whitelist()
def attendance(meeting):
	"""The attendance list: who was asked, answered, delegated and signed in."""
	doc = load_for_action("Meeting", meeting, "read", for_update=False)
	return [
		{
			"user": a.user,
			"full_name": a.full_name,
			"department": a.department,
			"attendance": a.attendance,
			"rsvp": a.rsvp,
			"delegate": a.delegate,
			"signed_in_at": str(a.signed_in_at) if a.signed_in_at else None,
		}
		for a in doc.attendees
	]


@frappe.whitelist()
def qr_svg(meeting):
	"""An SVG QR code of the meeting's door sign-in link (organiser and Meeting Team; read only)."""
	import io

	import pyqrcode

	doc = load_for_action(
		"Meeting",
		meeting,
		"write",
		message=_("Only the organiser or the Meeting Team can print the sign-in code."),
		for_update=False,
	)
	url = sign_in_url(doc)
	buf = io.BytesIO()
	pyqrcode.create(url).svg(buf, scale=4)
	return {"url": url, "svg": buf.getvalue().decode()}


@frappe.whitelist()
def free_rooms(meeting):
	"""Free bookable rooms for the meeting's time, seating its headcount, with its room needs."""
	from school_office.meetings.rooms import free_rooms as search

	doc = load_for_action("Meeting", meeting, "write", for_update=False)
	return search(doc)


@frappe.whitelist()
def my_meetings(include_past=0):
	"""The session user's meetings as attendee or delegate (the portal's and the phone's list)."""
	_require_login()
	user = frappe.session.user
	since = add_to_date(now_datetime(), days=-1 if not frappe.utils.cint(include_past) else -365)
	names = frappe.db.sql(
		"""select distinct m.name from `tabMeeting` m join `tabMeeting Attendee` a
			on a.parent = m.name and a.parenttype = 'Meeting'
		where (a.user = %(u)s or a.delegate = %(u)s) and m.ends_on >= %(since)s
			and m.status in ('Approved', 'Notified', 'In Progress', 'Held', 'Minutes Review', 'Minutes Published')
		order by m.starts_on limit 100""",
		{"u": user, "since": since},
		pluck=True,
	)
	out = []
	for name in names:
		doc = frappe.get_doc("Meeting", name)
		row = attendee_row(doc, user)
		out.append(
			{
				"name": doc.name,
				"title": doc.title,
				"starts_on": format_datetime(doc.starts_on, "yyyy-MM-dd HH:mm"),
				"ends_on": format_datetime(doc.ends_on, "HH:mm"),
				"venue": _(doc.venue) if doc.venue else "",
				"status": doc.status,
				"status_label": _(doc.status),
				"rsvp": row.rsvp if row else None,
				"rsvp_label": _(row.rsvp) if row else "",
			}
		)
	return out


def is_meeting_team(user: str | None = None) -> bool:
	return has_role(("Meeting Team", "System Manager"), user)


def upcoming_meeting_count(user: str) -> int:
	"""The portal home's badge: meetings not yet over that the user attends (or attends as delegate)."""
	return frappe.db.sql(
		"""select count(distinct m.name) from `tabMeeting` m join `tabMeeting Attendee` a
			on a.parent = m.name and a.parenttype = 'Meeting'
		where (a.user = %(u)s or a.delegate = %(u)s) and m.ends_on >= %(now)s
			and m.status in ('Approved', 'Notified', 'In Progress')""",
		{"u": user, "now": now_datetime()},
	)[0][0]
