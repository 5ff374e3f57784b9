"""Portal page /meeting-rsvp (?meeting=<name>): the notice e-mail's link. Lists the session user's meetings
and answers one: attend, decline or send a delegate (POST to school_office.meetings.api.rsvp). Opening
it changes nothing."""

import frappe
from frappe import _
from frappe.utils import format_datetime

no_cache = 1


def get_context(context):
	meeting = str(frappe.form_dict.get("meeting") or "")
	if frappe.session.user == "Guest":
		from urllib.parse import urlencode

		target = "/meeting-rsvp" + ("?" + urlencode({"meeting": meeting}) if meeting else "")
		frappe.local.flags.redirect_location = "/login?" + urlencode({"redirect-to": target})
		raise frappe.Redirect
	from school_office.meetings.api import attendee_row, my_meetings
	from school_office.meetings.permissions import can_read, visible_materials

	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("My Meetings")
	context.csrf_token = frappe.sessions.get_csrf_token()
	context.meetings = my_meetings()
	context.meeting = None
	context.message = ""
	if meeting:
		if not frappe.db.exists("Meeting", meeting):
			context.message = _("Meeting {0} does not exist.").format(meeting)
			return context
		doc = frappe.get_doc("Meeting", meeting)
		row = attendee_row(doc, frappe.session.user)
		if not row or not can_read(doc):
			context.message = _("You are not on the attendee list of this meeting.")
			return context
		context.meeting = {
			"name": doc.name,
			"title": doc.title,
			"starts_on": format_datetime(doc.starts_on, "yyyy-MM-dd HH:mm"),
			"ends_on": format_datetime(doc.ends_on, "HH:mm"),
			"venue": _(doc.venue) if doc.venue else _("to be announced"),
			"status_label": _(doc.status),
			"rsvp": row.rsvp,
			"rsvp_label": _(row.rsvp),
			"delegate": row.delegate or "",
			"is_delegate": row.delegate == frappe.session.user,
			"can_answer": doc.status in ("Approved", "Notified"),
			"agenda": [
				{
					"topic": a.topic,
					"minutes": a.minutes_allotted or 0,
					"start": format_datetime(a.slot_starts, "HH:mm") if a.slot_starts else "",
				}
				for a in doc.agenda
			],
			"materials": [
				{"title": m.title, "level": _(m.secret_level or "Public"), "url": m.attachment or ""}
				for m in visible_materials(doc.materials)
			],
		}
	context.messages = {
		"saved": _("Your answer is recorded: {0}"),
		"error": _("Something went wrong. Please try again."),
		"need_delegate": _("Enter the e-mail of the colleague who attends in your place."),
		"Accepted": _("Accepted"),
		"Declined": _("Declined"),
		"Delegated": _("Delegated"),
	}
	return context
