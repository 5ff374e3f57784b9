"""Scheduled jobs of the Meetings module (hooks.py scheduler_events).

- minutes_reminders (hourly): an hour before the minutes are due the minute-taker is reminded; once
  they are late the chair and the Meeting Team are told (each once per meeting).
- review_reminders (hourly): minutes still under review when they should have been sent (2 working days
  after the end) — the chair, the approver and the Meeting Team are told, once.
- setup_reminders (hourly): equipment not tested by its test date (3 days before) — the Meeting Team is
  reminded; from one day before the meeting the reminder is an escalation to the Office Managers.
- friday_digest (Fridays): last week's decisions and their state, to the School Leaders (MT-7).
- monthly_report (1st of the month): last month's decisions and their state, to the School Leaders.
"""

from __future__ import annotations

from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import escape_html, format_date, get_datetime, now_datetime

from school_office.core import meetings as rules


def _role_users(roles) -> list[str]:
	users = frappe.get_all(
		"Has Role", filters={"role": ("in", list(roles)), "parenttype": "User"}, pluck="parent", distinct=True
	)
	if not users:
		return []
	return frappe.get_all(
		"User",
		filters=[["name", "in", users], ["enabled", "=", 1], ["name", "not in", ["Administrator", "Guest"]]],
		pluck="name",
	)


def _notify(users, doc_name: str, subject: str):
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	users = sorted({u for u in users if u})
	if users:
		make_notification_logs(
			{
				"type": "Alert",
				"document_type": "Meeting",
				"document_name": doc_name,
				"subject": subject,
				"from_user": "Administrator",
			},
			users,
		)


def minutes_reminders(now=None):
	from school_office.meetings.minutes import overdue_step

	now = now or now_datetime()
	for name in frappe.get_all(
		"Meeting", filters={"status": "Held", "minutes_due_by": ("is", "set")}, pluck="name"
	):
		doc = frappe.get_doc("Meeting", name)
		step = overdue_step(doc, now)
		if step == "remind":
			_notify(
				[doc.minute_taker],
				doc.name,
				_("Reminder: the minutes of {0} are due at {1}").format(doc.title, doc.minutes_due_by),
			)
			doc.db_set("minutes_reminded_on", now, update_modified=False)
		elif step == "escalate":
			_notify(
				[doc.chair, doc.minute_taker, *_role_users(["Meeting Team"])],
				doc.name,
				_("Overdue: the minutes of {0} were due at {1}").format(doc.title, doc.minutes_due_by),
			)
			doc.db_set(
				{"minutes_escalated_on": now, "minutes_reminded_on": doc.minutes_reminded_on or now},
				update_modified=False,
			)
		frappe.db.commit() if not frappe.flags.in_test else None


def send_deadline(doc):
	"""MT-6: the minutes go out within N working days of the meeting's end (school calendar)."""
	from school_office.meetings.doctype.meeting.meeting import settings_int
	from school_office.utils.calendar import get_work_calendar

	return get_work_calendar().add_working_days(
		get_datetime(doc.ends_on), settings_int("minutes_send_working_days", 2)
	)


def review_reminders(now=None):
	"""Minutes still under review at the send deadline: the chair, the approver and the Meeting Team are
	told (once)."""
	now = now or now_datetime()
	for name in frappe.get_all(
		"Meeting", filters={"status": "Minutes Review", "review_reminded_on": ("is", "not set")}, pluck="name"
	):
		doc = frappe.get_doc("Meeting", name)
		if now < send_deadline(doc):
			continue
		_notify(
			[doc.chair, doc.approver, *_role_users(["Meeting Team"])],
			doc.name,
			_("Overdue: the minutes of {0} were to be sent by {1}; review and publish them").format(
				doc.title, send_deadline(doc)
			),
		)
		doc.db_set("review_reminded_on", now, update_modified=False)


def setup_reminders(now=None):
	"""Untested equipment of upcoming meetings: remind the Meeting Team at the test date, escalate to the
	Office Managers one day before the meeting (once)."""
	now = now or now_datetime()
	names = frappe.get_all(
		"Meeting",
		filters={
			"status": ("in", ["Approved", "Notified"]),
			"setup_test_due": ("<=", now),
			"starts_on": (">", now),
		},
		pluck="name",
	)
	for name in names:
		doc = frappe.get_doc("Meeting", name)
		untested = [r.item for r in doc.setup if not r.tested_on]
		if not untested:
			continue
		if get_datetime(doc.starts_on) - now <= timedelta(days=1):
			if doc.setup_escalated_on:
				continue
			_notify(
				_role_users(["Office Manager", "Meeting Team"]),
				doc.name,
				_("Escalation: equipment of {0} not tested: {1}").format(
					doc.title, ", ".join(_(i) for i in untested)
				),
			)
			doc.db_set("setup_escalated_on", now, update_modified=False)
		else:
			_notify(
				_role_users(["Meeting Team"]),
				doc.name,
				_("Test the equipment of {0}: {1}").format(doc.title, ", ".join(_(i) for i in untested)),
			)


def decision_rows(since, until) -> list[dict]:
	return frappe.db.sql(
		"""select m.name as meeting, m.title, d.decision, d.decision_owner, d.due_date, d.status, d.project
		from `tabMeeting Decision` d join `tabMeeting` m on m.name = d.parent and d.parenttype = 'Meeting'
		where m.status = 'Minutes Published' and m.minutes_published_on >= %s and m.minutes_published_on < %s
		order by m.minutes_published_on, d.idx""",
		(since, until),
		as_dict=True,
	)


def digest_html(rows, title: str) -> str:
	counts = {}
	for r in rows:
		counts[r.status] = counts.get(r.status, 0) + 1
	summary = ", ".join(f"{escape_html(_(k))}: {v}" for k, v in sorted(counts.items())) or escape_html(
		_("no decisions")
	)
	lines = "".join(
		"<tr>"
		+ "".join(
			f"<td>{escape_html(str(v or ''))}</td>"
			for v in (
				r.title,
				r.decision,
				r.decision_owner,
				format_date(r.due_date) if r.due_date else "",
				_(r.status),
			)
		)
		+ "</tr>"
		for r in rows
	)
	head = "".join(
		f"<th>{escape_html(_(h))}</th>"
		for h in ("Meeting", "Decision", "Decision Owner", "Due Date", "Status")
	)
	return f"<h3>{escape_html(title)}</h3><p>{summary}</p><table border='1' cellpadding='4'><tr>{head}</tr>{lines}</table>"


def _send_digest(rows, title: str):
	from school_office.utils.mail import note_mail_skipped, outgoing_mail_ready

	leaders = _role_users(["School Leader"])
	html = digest_html(rows, title)
	_notify(leaders, rows[0].meeting if rows else "", title) if rows else None
	emails = [
		e for e in frappe.get_all("User", filters={"name": ("in", leaders or [""])}, pluck="email") if e
	]
	if emails and outgoing_mail_ready("Meeting"):
		frappe.sendmail(recipients=emails, subject=title, message=html)
	elif emails:
		note_mail_skipped(title)
	return html


def friday_digest(now=None):
	since, until = rules.week_before(now or now_datetime())
	rows = decision_rows(since, until)
	return _send_digest(
		rows,
		_("Decisions of the week {0} – {1}").format(
			format_date(since), format_date(until - timedelta(days=1))
		),
	)


def monthly_report(now=None):
	now = now or now_datetime()
	until = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
	since = (until - timedelta(days=1)).replace(day=1)
	rows = decision_rows(since, until)
	return _send_digest(rows, _("Decisions of {0}: progress report").format(since.strftime("%Y-%m")))
