"""MT-6 minutes and MT-7 decisions.

The draft is a Meeting Minutes record (named after the meeting) that only the chair, the
minute-taker and the approver read and change (``draft_has_permission``); the minute-taker submits
it, the chair, the approver or a School Leader publishes it (or returns it with a comment). On
publication the text and the decisions are copied onto the Meeting (permlevel 1, read by every
attendee), each decision becomes a ToDo for its owner (tracked to done by a ToDo hook), and the PDF
(Print Format "Meeting Minutes", Chinese fonts from fonts-noto-cjk) goes to the attendees and the
heads of their departments.

Deadlines: the minutes are due ``minutes_due_working_hours`` working hours after the end (school
calendar), at most ``minutes_max_hours`` calendar hours; an hourly job reminds the minute-taker, then
escalates to the chair and the Meeting Team.
"""

from __future__ import annotations

from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import format_datetime, get_datetime, now_datetime

from school_office.core import meetings as rules
from school_office.utils.actions import has_role, system_save

DRAFT = "Meeting Minutes"
PRINT_FORMAT = "Meeting Minutes"


def due_by(doc):
	from school_office.meetings.doctype.meeting.meeting import settings_int
	from school_office.utils.calendar import get_work_calendar

	end = get_datetime(doc.ends_on)
	working = get_work_calendar().add_working_hours(end, settings_int("minutes_due_working_hours", 4))
	return rules.minutes_due(end, working, settings_int("minutes_max_hours", 24))


def start_minutes(doc):
	doc.minutes_due_by = due_by(doc)
	if not frappe.db.exists(DRAFT, doc.name):
		draft = frappe.get_doc({"doctype": DRAFT, "meeting": doc.name, "minutes": "", "decisions": []})
		draft.flags.ignore_permissions = True
		draft.insert()
	if doc.minute_taker:
		from school_office.meetings.doctype.meeting.meeting import notify_users

		notify_users(
			[doc.minute_taker],
			doc,
			_("Minutes of {0} are due by {1}").format(
				doc.title, format_datetime(doc.minutes_due_by, "yyyy-MM-dd HH:mm")
			),
		)


# ---------------------------------------------------------------------- who reads the draft
def draft_readers(meeting: dict) -> set[str]:
	return {u for u in (meeting.get("chair"), meeting.get("minute_taker"), meeting.get("approver")) if u}


def _meeting_row(name: str):
	return frappe.db.get_value(
		"Meeting", name, ["name", "status", "chair", "minute_taker", "approver"], as_dict=True
	)


def can_read_draft(meeting_name: str, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator" or "System Manager" in frappe.get_roles(user):
		return True
	row = _meeting_row(meeting_name)
	if not row:
		return False
	if user in draft_readers(row):
		return True
	if row.status == "Minutes Published":
		from school_office.meetings.permissions import can_read

		return can_read(frappe.get_doc("Meeting", meeting_name), user)
	return False


def can_write_draft(meeting_name: str, user: str) -> bool:
	if user == "Administrator" or "System Manager" in frappe.get_roles(user):
		return True
	row = _meeting_row(meeting_name)
	if not row:
		return False
	if row.status in ("In Progress", "Held") and user == row.minute_taker:
		return True
	return row.status == "Minutes Review" and user in (row.chair, row.approver)


def draft_has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	if doc.is_new() or ptype == "create":
		# drafts are created by end_meeting; a user creates one only for a meeting they write minutes of
		return None if doc.get("meeting") and can_write_draft(doc.meeting, user) else False
	if ptype in ("write", "delete", "submit", "cancel", "amend"):
		return None if can_write_draft(doc.meeting, user) and ptype == "write" else False
	if ptype == "share":
		return False
	return None if can_read_draft(doc.meeting, user) else False


def draft_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator" or "System Manager" in frappe.get_roles(user):
		return ""
	u = frappe.db.escape(user)
	from school_office.meetings.permissions import query_conditions

	return (
		"(`tabMeeting Minutes`.meeting in (select `tabMeeting`.name from `tabMeeting` where "
		f"`tabMeeting`.chair = {u} or `tabMeeting`.minute_taker = {u} or `tabMeeting`.approver = {u}"
		" or (`tabMeeting`.status = 'Minutes Published' and " + (query_conditions(user) or "1=1") + ")))"
	)


# ---------------------------------------------------------------------- steps
def submit_minutes(doc):
	user = frappe.session.user
	if user != doc.minute_taker and not has_role(("System Manager",)):
		frappe.throw(_("Only the minute-taker can submit the minutes."), frappe.PermissionError)
	if doc.status != "Held":
		frappe.throw(
			_("Minutes are submitted after the meeting is held; this one is {0}.").format(_(doc.status))
		)
	draft = frappe.get_doc(DRAFT, doc.name)
	if not frappe.utils.strip_html(draft.minutes or "").strip():
		frappe.throw(_("Write the minutes before submitting them."))
	for d in draft.decisions:
		if not d.decision_owner or not d.due_date:
			frappe.throw(_("Decision {0} needs an owner and a due date.").format(d.idx))
	doc.status = "Minutes Review"
	doc.minutes_submitted_on = now_datetime()
	system_save(doc)
	from school_office.meetings.doctype.meeting.meeting import notify_users

	notify_users(
		[doc.chair, doc.approver], doc, _("Minutes of {0} are ready for your review").format(doc.title)
	)
	return doc.status


def check_reviewer(doc):
	from school_office.meetings.doctype.meeting.meeting import can_publish

	if not can_publish(doc, frappe.session.user) and frappe.session.user != "Administrator":
		frappe.throw(
			_("Only the chair, the approver or a School Leader can review the minutes."),
			frappe.PermissionError,
		)
	if frappe.session.user == doc.minute_taker and frappe.session.user not in (doc.chair, "Administrator"):
		frappe.throw(_("The minute-taker cannot review their own minutes."), frappe.PermissionError)


def return_minutes(doc, comment=None):
	check_reviewer(doc)
	if doc.status != "Minutes Review":
		frappe.throw(_("Only minutes under review can be returned."))
	if not (comment or "").strip():
		frappe.throw(_("Say what the minute-taker should change."))
	frappe.db.set_value(DRAFT, doc.name, "review_comment", comment.strip())
	doc.status = "Held"
	system_save(doc)
	from school_office.meetings.doctype.meeting.meeting import notify_users

	notify_users([doc.minute_taker], doc, _("Minutes of {0} returned: {1}").format(doc.title, comment))
	return doc.status


def publish_minutes(doc):
	check_reviewer(doc)
	if doc.status != "Minutes Review":
		frappe.throw(
			_("Only minutes under review can be published; this meeting is {0}.").format(_(doc.status))
		)
	draft = frappe.get_doc(DRAFT, doc.name)
	doc.minutes = draft.minutes
	doc.set("decisions", [])
	for d in draft.decisions:
		doc.append(
			"decisions",
			{
				"decision": d.decision,
				"decision_owner": d.decision_owner,
				"due_date": d.due_date,
				"status": "Open",
			},
		)
	doc.status = "Minutes Published"
	doc.minutes_published_on = now_datetime()
	doc.minutes_published_by = frappe.session.user
	doc.flags.system_change = True
	system_save(doc)
	for row in doc.decisions:
		row.db_set("todo", make_todo(doc, row), update_modified=False)
	frappe.enqueue(
		"school_office.meetings.minutes.send_minutes",
		meeting=doc.name,
		now=bool(frappe.flags.in_test),
		enqueue_after_commit=True,
	)
	return doc.status


def make_todo(doc, row) -> str:
	todo = frappe.get_doc(
		{
			"doctype": "ToDo",
			"allocated_to": row.decision_owner,
			"description": _("Decision of meeting {0}: {1}").format(doc.title, row.decision),
			"reference_type": "Meeting",
			"reference_name": doc.name,
			"date": row.due_date,
			"assigned_by": frappe.session.user,
			"priority": "Medium",
		}
	)
	todo.flags.ignore_permissions = True
	todo.insert()
	return todo.name


def on_todo_update(todo, method=None):
	"""ToDo.on_update: a decision follows its ToDo (Closed -> Done, Cancelled -> Cancelled)."""
	if todo.reference_type != "Meeting" or not todo.reference_name:
		return
	status = {"Closed": "Done", "Cancelled": "Cancelled", "Open": "Open"}.get(todo.status)
	if not status:
		return
	for name, current in frappe.get_all(
		"Meeting Decision",
		filters={"parenttype": "Meeting", "parent": todo.reference_name, "todo": todo.name},
		fields=["name", "status"],
		as_list=True,
	):
		if current != status:
			frappe.db.set_value(
				"Meeting Decision",
				name,
				{"status": status, "done_on": frappe.utils.today() if status == "Done" else None},
				update_modified=False,
			)


# ---------------------------------------------------------------------- the PDF
def minutes_pdf(doc) -> bytes:
	return frappe.get_print("Meeting", doc.name, PRINT_FORMAT, doc=doc, as_pdf=True)


def recipients(doc) -> list[str]:
	"""Attendees (or their delegates) and the heads of their departments."""
	users = {a.delegate or a.user for a in doc.attendees or []}
	depts = {a.department for a in doc.attendees or [] if a.department}
	if doc.requesting_department:
		depts.add(doc.requesting_department)
	if depts:
		heads = (
			frappe.get_all(
				"Document Department Code",
				filters={"department": ("in", list(depts)), "parenttype": "Office Document Settings"},
				pluck="head",
			)
			if frappe.db.exists("DocType", "Document Department Code")
			else []
		)
		users |= {h for h in heads if h}
	return sorted(u for u in users if u)


def send_minutes(meeting: str):
	from school_office.utils.mail import note_mail_skipped, outgoing_mail_ready

	doc = frappe.get_doc("Meeting", meeting)
	if doc.status != "Minutes Published":
		return
	users = recipients(doc)
	from school_office.meetings.doctype.meeting.meeting import notify_users

	notify_users(users, doc, _("Minutes of {0} are published").format(doc.title))
	if outgoing_mail_ready("Meeting"):
		pdf = minutes_pdf(doc)
		emails = [
			e
			for e in frappe.get_all("User", filters={"name": ("in", users), "enabled": 1}, pluck="email")
			if e
		]
		if emails:
			frappe.sendmail(
				recipients=emails,
				subject=_("Minutes: {0}").format(doc.title),
				message=_("The minutes of {0} are attached.").format(frappe.utils.escape_html(doc.title)),
				attachments=[{"fname": f"{doc.name}.pdf", "fcontent": pdf}],
				reference_doctype="Meeting",
				reference_name=doc.name,
			)
	else:
		note_mail_skipped(f"Minutes {doc.name}")
	doc.db_set("minutes_sent_on", now_datetime(), update_modified=False)


def overdue_step(doc, now) -> str | None:
	"""'remind' an hour before the minutes are due, 'escalate' once they are late (each once)."""
	due = get_datetime(doc.minutes_due_by)
	if not due:
		return None
	if now >= due and not doc.minutes_escalated_on:
		return "escalate"
	if now >= due - timedelta(hours=1) and not doc.minutes_reminded_on:
		return "remind"
	return None
