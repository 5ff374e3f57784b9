"""Scheduled jobs of the service desk.

escalate (every 15 minutes, SD-6): when a share of a target has passed (75 % by default, a
setting) the assignees are told; when a target is breached the Office Manager is (through the
standard Notification "Service Request Breached"). Targets: the SLA's response and resolution,
and the complaint milestones (registration, assignment, preliminary plan). Every escalation is
logged on the request and never sent twice: the request row is locked while it is checked.

auto_close (daily, SD-7): resolved requests that the requester has not rated are closed after
the number of days set in School Office Settings.
"""

import frappe
from frappe import _
from frappe.utils import add_days, cint, flt, get_datetime, now_datetime

from school_office.core import service_desk as rules

DOCTYPE = "Service Request"
ACTIVE = ("Open", "Accepted", "In Progress")


def _targets(doc):
	"""(target, kind, start, due, done) of a request."""
	start = get_datetime(doc.service_level_agreement_creation or doc.creation)
	out = []
	if doc.response_by and not doc.first_responded_on:
		out.append(("Response", "Response", start, get_datetime(doc.response_by)))
	if doc.sla_resolution_by and not doc.sla_resolution_date:
		out.append(("Resolution", "Resolution", start, get_datetime(doc.sla_resolution_by)))
	return out


def _milestones(doc):
	out = []
	for target, due_f, done_f in (
		("Registration", "registered_due", "registered_on"),
		("Assignment", "assigned_due", "assigned_on"),
		("Preliminary Plan", "plan_due", "plan_on"),
	):
		if doc.get(due_f) and not doc.get(done_f):
			out.append((target, get_datetime(doc.get(due_f))))
	return out


def _notify(users, doc, subject):
	for user in users:
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"document_type": DOCTYPE,
				"document_name": doc.name,
				"subject": subject,
			}
		).insert(ignore_permissions=True)


def _assignees(doc) -> list[str]:
	users = frappe.parse_json(doc.get("_assign") or "[]") or []
	if not users and doc.service_team:
		lead = frappe.db.get_value("Service Team", doc.service_team, "lead")
		users = [lead] if lead else []
	return users


def _office_managers() -> list[str]:
	from frappe.utils.user import get_users_with_role

	return [u for u in get_users_with_role("Office Manager") if u != "Administrator"]


def escalate_request(name: str, now=None, calendar=None) -> list[str]:
	"""Check one request; returns the escalation types sent."""
	from school_office.utils.calendar import get_work_calendar

	now = now or now_datetime()
	calendar = calendar or get_work_calendar()
	# lock the row: two workers never send the same escalation
	frappe.db.sql(f"select name from `tab{DOCTYPE}` where name = %s for update", name)
	doc = frappe.get_doc(DOCTYPE, name)
	if doc.status not in ACTIVE:
		return []
	threshold = flt(frappe.db.get_single_value("School Office Settings", "escalation_threshold") or 75) / 100
	already = {(e.escalation_type, e.target) for e in doc.escalations}
	sent = []
	for target, kind, start, due in _targets(doc):
		frac = rules.elapsed_fraction(start, due, now, calendar)
		if now > due and (f"{kind} Breached", target) not in already:
			sent.append((f"{kind} Breached", target, _office_managers()))
		elif frac >= threshold and now <= due and (f"{kind} 75%", target) not in already:
			sent.append((f"{kind} 75%", target, _assignees(doc)))
	if doc.is_complaint:
		for target, due in _milestones(doc):
			if now > due and ("Complaint Milestone Breached", target) not in already:
				sent.append(("Complaint Milestone Breached", target, _office_managers()))
	if not sent:
		return []
	for etype, target, users in sent:
		doc.append(
			"escalations",
			{"escalation_type": etype, "target": target, "notified": ", ".join(users), "sent_on": now},
		)
		if "Breached" not in etype:
			_notify(
				users,
				doc,
				_("{0}: {1} of the time for {2} has passed ({3}).").format(
					doc.name, f"{int(threshold * 100)}%", _(target), doc.subject
				),
			)
	doc.flags.ignore_permissions = True
	doc.flags.in_escalation = True
	breaches = [s for s in sent if "Breached" in s[0]]
	if not breaches:
		doc.last_escalation = sent[-1][0]
		doc.save()
		return [s[0] for s in sent]
	# The Office Manager's notice is the standard Notification "Service Request Breached", which fires
	# when last_escalation changes: one save per breach, so two breaches of one run send two notices
	# (the rows above are saved with the first; a later run finds them and sends nothing again).
	for etype, target, _users in breaches:
		doc.last_escalation = f"{etype}: {target}"
		doc.flags.notifications_executed = []  # Frappe runs a Notification once per document object
		doc.save()
	return [s[0] for s in sent]


def escalate():
	from school_office.service_desk.routing import route_unrouted

	route_unrouted()
	names = frappe.get_all(DOCTYPE, filters={"status": ("in", ACTIVE)}, pluck="name")
	for name in names:
		try:
			escalate_request(name)
			frappe.db.commit()
		except Exception:
			frappe.db.rollback()
			frappe.log_error(title=f"Service request escalation failed: {name}")


def _close_unrated(name: str, days: int):
	doc = frappe.get_doc(DOCTYPE, name)
	if doc.is_complaint and not doc.outcome:
		doc.outcome = "Solved"
	doc.status = "Closed"
	doc.flags.ignore_permissions = True
	doc.add_comment("Info", _("Closed automatically: resolved {0} days ago and not rated.").format(days))
	doc.save()


def auto_close():
	"""Close resolved, unrated requests after the configured days. Each request is closed on its own: one
	that cannot be closed (e.g. a complaint whose outcome lacks its reason) is rolled back to its
	savepoint and logged, and the others still close."""
	days = cint(frappe.db.get_single_value("School Office Settings", "auto_close_after_days"))
	if days <= 0:
		return []
	cutoff = add_days(now_datetime(), -days)
	closed = []
	for name in frappe.get_all(
		DOCTYPE,
		filters={"status": "Resolved", "rating": ("in", (0, None)), "resolved_on": ("<", cutoff)},
		pluck="name",
	):
		frappe.db.savepoint("auto_close_request")
		try:
			_close_unrated(name, days)
		except Exception:
			frappe.db.rollback(save_point="auto_close_request")
			frappe.clear_last_message()
			frappe.log_error(
				title=f"Auto-close of service request {name} failed",
				reference_doctype=DOCTYPE,
				reference_name=name,
			)
		else:
			closed.append(name)
		if not frappe.flags.in_test:
			frappe.db.commit()  # one request per transaction in the scheduler; tests roll back instead
	return closed
