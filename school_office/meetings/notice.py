"""MT-2: the notice — lead time, then an e-mail with an ICS invitation, a system notification and a
desk calendar Event for every attendee; RSVP (accept, decline, delegate) from the e-mail link, the
phone page /meeting-rsvp or the desk form.

The ICS text reuses the Venues module's iCalendar helpers (UTC times, escaping, line folding).
"""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import add_to_date, format_datetime, get_datetime, get_url, now_datetime

from school_office.core import meetings as rules
from school_office.utils.actions import has_role, system_save


def lead_days(doc) -> int:
	from school_office.meetings.doctype.meeting.meeting import settings_int

	return rules.notice_days(
		doc.meeting_type, settings_int("notice_days", 3), settings_int("cross_department_notice_days", 7)
	)


def check_lead_time(doc, override_reason=None, now=None) -> str | None:
	"""Refuse a notice inside the lead time with the date it would need; a School Leader may override
	with a reason (returned, to be recorded)."""
	now = now or now_datetime()
	days = lead_days(doc)
	starts = get_datetime(doc.starts_on)
	if rules.notice_in_time(now, starts, days):
		return None
	reason = (override_reason or "").strip()
	if reason and has_role(("School Leader",)):
		return reason
	frappe.throw(
		_(
			"The notice of a {0} meeting must go out {1} days before it starts, by {2}; it is too late now. Move the meeting to {3} or later, or ask a School Leader to override with a reason."
		).format(
			_(doc.meeting_type),
			days,
			format_datetime(rules.notice_needed_by(starts, days), "yyyy-MM-dd HH:mm"),
			format_datetime(add_to_date(now, days=days), "yyyy-MM-dd HH:mm"),
		),
		title=_("Notice too late"),
	)


def send_notice(doc, override_reason=None):
	if doc.status != "Approved":
		frappe.throw(_("Only an approved meeting can be notified; this one is {0}.").format(_(doc.status)))
	if override_reason and not has_role(("School Leader",)):
		frappe.throw(_("Only a School Leader can override the notice lead time."), frappe.PermissionError)
	if doc.venue_booking:
		status = frappe.db.get_value("Venue Booking", doc.venue_booking, "status")
		if status not in ("Approved", "Checked In"):
			frappe.throw(
				_("The room booking {0} is {1}: book the room again before the notice.").format(
					doc.venue_booking, _(status or "")
				)
			)
	reason = check_lead_time(doc, override_reason)
	if reason:
		doc.notice_override_reason = reason
		doc.notice_overridden_by = frappe.session.user
	doc.status = "Notified"
	doc.notified_on = now_datetime()
	for a in doc.attendees:
		a.event = make_event(doc, a.delegate or a.user, a.event)
	system_save(doc)
	if reason:
		doc.add_comment(
			"Info", _("Notice lead time overridden by {0}: {1}").format(frappe.session.user, reason)
		)
	from school_office.meetings.doctype.meeting.meeting import notify_users

	users = [a.delegate or a.user for a in doc.attendees]
	notify_users(
		users,
		doc,
		_("Meeting notice: {0}, {1}").format(doc.title, format_datetime(doc.starts_on, "yyyy-MM-dd HH:mm")),
	)
	for user in users:
		send_invitation(doc, user)
	return doc.status


# ---------------------------------------------------------------------- calendar
def make_event(doc, user: str, existing: str | None = None) -> str | None:
	"""The attendee's own desk calendar Event (Private, owned by the attendee)."""
	if not user or not frappe.db.get_value("User", user, "enabled"):
		return None
	if existing and frappe.db.exists("Event", existing):
		ev = frappe.get_doc("Event", existing)
		if ev.owner == user:
			ev.update(_event_values(doc))
			ev.flags.ignore_permissions = True
			ev.save()
			return ev.name
		frappe.delete_doc("Event", existing, ignore_permissions=True, force=True)
	ev = frappe.get_doc({"doctype": "Event", **_event_values(doc)})
	ev.owner = user
	ev.flags.ignore_permissions = True
	ev.insert()
	if ev.owner != user:
		ev.db_set("owner", user, update_modified=False)
	return ev.name


def _event_values(doc) -> dict:
	place = _(doc.venue) if doc.venue else ""
	return {
		"subject": _("Meeting: {0}").format(doc.title),
		"starts_on": doc.starts_on,
		"ends_on": doc.ends_on,
		"event_type": "Private",
		"event_category": "Meeting",
		"description": agenda_text(doc) + (("\n" + _("Place: {0}").format(place)) if place else ""),
		"reference_doctype": "Meeting",
		"reference_docname": doc.name,
		"send_reminder": 1,
	}


def withdraw_events(doc):
	for a in doc.attendees or []:
		if a.event and frappe.db.exists("Event", a.event):
			frappe.delete_doc("Event", a.event, ignore_permissions=True, force=True)
		a.event = None


def agenda_text(doc) -> str:
	lines = []
	for item in doc.agenda or []:
		start = format_datetime(item.slot_starts, "HH:mm") if item.slot_starts else ""
		lines.append(f"{item.idx}. {start} {item.topic} ({item.minutes_allotted or 0} min)".strip())
	return "\n".join(lines)


# ---------------------------------------------------------------------- ICS and e-mail
def rsvp_url(doc) -> str:
	return get_url("/meeting-rsvp?" + urlencode({"meeting": doc.name}))


def ics_text(doc, user: str, now=None) -> str:
	"""An iCalendar REQUEST for one attendee (RFC 5545, UTC times)."""
	from school_office.venues.ics import _esc, _fold, utc_stamp

	stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") if now is None else utc_stamp(now)
	organiser = frappe.db.get_value("User", doc.organiser, "email") or doc.organiser
	email = frappe.db.get_value("User", user, "email") or user
	lines = [
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//school_office//Meetings//EN",
		"CALSCALE:GREGORIAN",
		"METHOD:REQUEST",
		"BEGIN:VEVENT",
		f"UID:{_esc(doc.name)}@{_esc(frappe.local.site)}",
		f"DTSTAMP:{stamp}",
		f"DTSTART:{utc_stamp(doc.starts_on)}",
		f"DTEND:{utc_stamp(doc.ends_on)}",
		f"SUMMARY:{_esc(doc.title)}",
		f"LOCATION:{_esc(_(doc.venue) if doc.venue else '')}",
		f"DESCRIPTION:{_esc(agenda_text(doc))}",
		f"URL:{rsvp_url(doc)}",
		f"ORGANIZER:mailto:{organiser}",
		f"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{email}",
		"STATUS:CONFIRMED",
		"SEQUENCE:0",
		"END:VEVENT",
		"END:VCALENDAR",
	]
	return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def invitation(doc, user: str) -> dict:
	"""Subject, HTML body and the ICS attachment of one attendee's notice (materials listed only up to
	the recipient's clearance)."""
	from frappe.utils import escape_html

	from school_office.meetings.permissions import visible_materials

	materials = visible_materials(doc.materials, user)
	place = _(doc.venue) if doc.venue else _("to be announced")
	rows = "".join(
		f"<li>{escape_html(item.topic)} ({item.minutes_allotted or 0} {escape_html(_('min'))})</li>"
		for item in doc.agenda or []
	)
	mats = "".join(
		f"<li>{escape_html(m.title)} [{escape_html(_(m.secret_level or 'Public'))}]</li>" for m in materials
	)
	body = (
		f"<p>{escape_html(_('You are invited to the meeting {0}.').format(doc.title))}</p>"
		f"<p>{escape_html(_('Time'))}: {escape_html(format_datetime(doc.starts_on, 'yyyy-MM-dd HH:mm'))} – "
		f"{escape_html(format_datetime(doc.ends_on, 'HH:mm'))}<br>"
		f"{escape_html(_('Place'))}: {escape_html(place)}</p>"
		f"<p>{escape_html(_('Agenda'))}:</p><ol>{rows}</ol>"
		+ (f"<p>{escape_html(_('Materials to prepare'))}:</p><ul>{mats}</ul>" if mats else "")
		+ f'<p><a href="{escape_html(rsvp_url(doc))}">{escape_html(_("Answer: attend, decline or send a delegate"))}</a></p>'
	)
	return {
		"subject": _("Meeting notice: {0}").format(doc.title),
		"message": body,
		"attachments": [{"fname": "meeting.ics", "fcontent": ics_text(doc, user).encode()}],
	}


def send_invitation(doc, user: str):
	from school_office.utils.mail import note_mail_skipped, outgoing_mail_ready

	email = frappe.db.get_value("User", user, "email")
	if not email:
		return
	if not outgoing_mail_ready("Meeting"):
		note_mail_skipped(f"Meeting notice {doc.name}")
		return
	mail = invitation(doc, user)
	frappe.sendmail(
		recipients=[email],
		subject=mail["subject"],
		message=mail["message"],
		attachments=mail["attachments"],
		reference_doctype="Meeting",
		reference_name=doc.name,
	)


# ---------------------------------------------------------------------- RSVP
def respond(doc, user: str, answer: str, delegate: str | None = None, note: str | None = None):
	"""The attendee's answer (the caller is the attendee; checked by the API)."""
	if doc.status not in ("Approved", "Notified"):
		frappe.throw(_("Answers are taken until the meeting starts; this one is {0}.").format(_(doc.status)))
	if answer not in ("Accepted", "Declined", "Delegated"):
		frappe.throw(_("Answer Accepted, Declined or Delegated."))
	row = next((a for a in doc.attendees if a.user == user), None)
	if not row:
		row = next((a for a in doc.attendees if a.delegate == user), None)
		if row and answer == "Delegated":
			frappe.throw(_("A delegate cannot delegate again."))
	if not row:
		frappe.throw(_("You are not on the attendee list of this meeting."), frappe.PermissionError)
	old_attendee = row.delegate or row.user
	if answer == "Delegated":
		if not delegate or not frappe.db.get_value("User", delegate, "enabled"):
			frappe.throw(_("Choose the colleague who attends in your place."))
		if delegate == row.user or any(a.user == delegate for a in doc.attendees):
			frappe.throw(_("{0} is already an attendee.").format(delegate))
		row.delegate = delegate
	elif user == row.user:
		row.delegate = None
	row.rsvp = answer if user == row.user else ("Accepted" if answer == "Accepted" else "Declined")
	if user != row.user and answer == "Declined":
		# the delegate cannot come: the attendee is asked again
		row.delegate = None
		row.rsvp = "Pending"
	row.rsvp_note = (note or "").strip() or None
	new_attendee = row.delegate or row.user
	if doc.status == "Notified" and new_attendee != old_attendee:
		if row.event and frappe.db.exists("Event", row.event):
			frappe.delete_doc("Event", row.event, ignore_permissions=True, force=True)
		row.event = make_event(doc, new_attendee)
		from school_office.meetings.doctype.meeting.meeting import notify_users

		notify_users(
			[new_attendee],
			doc,
			_("You attend meeting {0} in place of {1}").format(doc.title, row.full_name or row.user),
		)
		send_invitation(doc, new_attendee)
	system_save(doc)
	return {"rsvp": row.rsvp, "delegate": row.delegate}
