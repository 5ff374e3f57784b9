"""PR-1: a decision starts a cross-department ERPNext Project.

The Project is made from the Project Template "Cross-department" (created once by the module's defaults;
an administrator may edit its tasks): the template's tasks (kick-off, reviews) are copied by ERPNext;
this module adds one Task per department taking part (from the attendees), each assigned to its lead
and due ``BUFFER_DAYS`` before the deadline, a contingency buffer task and a Deadline milestone. The
tasks show in ERPNext's Gantt view of the project; the project's progress shows on the meeting.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

TEMPLATE = "Cross-department"
BUFFER_DAYS = 3
# subject, start offset (days), duration (days)
TEMPLATE_TASKS = (
	("Kick-off: division of work among departments", 0, 1),
	("Mid-point progress review", 7, 1),
)


def create_template():
	"""Project Template "Cross-department" with its template tasks, once (an administrator's edits stay)."""
	if not frappe.db.exists("DocType", "Project Template") or frappe.db.exists("Project Template", TEMPLATE):
		return
	rows = []
	for subject, start, duration in TEMPLATE_TASKS:
		name = frappe.db.get_value("Task", {"subject": subject, "is_template": 1})
		if not name:
			task = frappe.get_doc(
				{
					"doctype": "Task",
					"subject": subject,
					"is_template": 1,
					"start": start,
					"duration": duration,
				}
			)
			task.insert(ignore_permissions=True)
			name = task.name
		rows.append({"task": name})
	frappe.get_doc({"doctype": "Project Template", "name": TEMPLATE, "tasks": rows}).insert(
		ignore_permissions=True, set_name=TEMPLATE
	)


def department_leads(doc) -> dict[str, str]:
	"""department -> its lead: the first attendee (or their delegate) of each department, in list order."""
	out: dict[str, str] = {}
	for a in doc.attendees or []:
		if a.department and a.department not in out:
			out[a.department] = a.delegate or a.user
	return out


def start_project(doc, row):
	create_template()
	if not row.due_date:
		frappe.throw(_("Decision {0} needs a due date to start a project.").format(row.idx))
	due = getdate(row.due_date)
	start = getdate(today())
	if due <= add_days(start, BUFFER_DAYS):
		frappe.throw(
			_("The deadline {0} leaves no buffer of {1} days: choose a later due date.").format(
				frappe.utils.formatdate(due), BUFFER_DAYS
			)
		)
	company = frappe.defaults.get_global_default("company") or frappe.db.get_value("Company", {}, "name")
	project = frappe.get_doc(
		{
			"doctype": "Project",
			# ERPNext's project names are unique: the meeting and the decision's number make it so
			"project_name": f"{doc.name}-{row.idx} {row.decision}"[:140],
			"project_template": TEMPLATE if frappe.db.exists("Project Template", TEMPLATE) else None,
			"expected_start_date": start,
			"expected_end_date": due,
			"company": company,
			"department": doc.requesting_department,
			"holiday_list": "School Calendar"
			if frappe.db.exists("Holiday List", "School Calendar")
			else None,
			"notes": _("From meeting {0}").format(doc.name),
			"percent_complete_method": "Task Completion",
		}
	)
	project.flags.ignore_permissions = True
	# ERPNext copies the template's tasks with a plain insert (the caller's Task permission): the action
	# has checked the caller, so the copy runs as the system; the project records who started it
	caller = frappe.session.user
	frappe.set_user("Administrator")
	try:
		project.insert()
		_department_tasks(doc, row, project, start, due)
	finally:
		frappe.set_user(caller)
	project.add_comment("Info", _("Started by {0} from meeting {1}").format(caller, doc.name))
	row.db_set("project", project.name)
	return project.name


def _department_tasks(doc, row, project, start, due):
	from frappe.desk.form.assign_to import add as assign

	work_end = add_days(due, -BUFFER_DAYS)
	leads = department_leads(doc) or {None: row.decision_owner}
	for dept, lead in leads.items():
		subject = _("{0}: {1}").format(_(dept) if dept else _("Owner"), row.decision)
		task = _task(project, subject, start, work_end, department=dept)
		if lead:
			assign(
				{"assign_to": [lead], "doctype": "Task", "name": task.name, "description": task.subject},
				ignore_permissions=True,
			)
	_task(project, _("Buffer and contingency before the deadline"), add_days(work_end, 1), due)
	milestone = _task(project, _("Deadline: {0}").format(row.decision), due, due)
	milestone.db_set("is_milestone", 1)


def _task(project, subject, starts, ends, department=None):
	task = frappe.get_doc(
		{
			"doctype": "Task",
			"department": department,
			"subject": subject[:140],
			"project": project.name,
			"status": "Open",
			"exp_start_date": starts,
			"exp_end_date": ends,
		}
	)
	task.flags.ignore_permissions = True
	task.insert()
	return task
