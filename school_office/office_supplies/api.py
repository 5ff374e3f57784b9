"""Portal and phone endpoints of Office Supplies: print requests (SU-6).

Every function acts as the session user: a print job is created with the caller's own permissions (the
controller sets requester, department check, status and quota), and lists show only the caller's own jobs.
"""

import frappe
from frappe import _
from frappe.utils import cint

from school_office.utils.people import employee_departments

JOB_FIELDS = ("attachment", "pages", "copies", "sides", "colour", "paper_size", "binding", "notes")


@frappe.whitelist(methods=["POST"])
def submit_print_job(
	attachment=None,
	pages=None,
	copies=1,
	sides="Single",
	colour="Black and White",
	paper_size="A4",
	binding=None,
	notes=None,
	urgent=0,
	ask_approval_over_quota=0,
	department=None,
):
	"""A print request from the portal or a phone: inserted with the caller's permissions."""
	if frappe.session.user == "Guest" or not frappe.has_permission("Print Job", "create"):
		frappe.throw(_("Please log in to send a print request."), frappe.PermissionError)
	if not attachment:
		frappe.throw(_("Attach the file to print."))
	job = frappe.new_doc("Print Job")
	job.attachment = attachment
	job.pages = cint(pages)
	job.copies = cint(copies) or 1
	job.sides = sides if sides in ("Single", "Double") else "Single"
	job.colour = colour if colour in ("Black and White", "Colour") else "Black and White"
	job.paper_size = paper_size if paper_size in ("A4", "A3", "B5", "A5") else "A4"
	job.binding = binding if binding in ("Staple", "Comb Binding", "Thermal Binding") else None
	job.notes = notes
	job.urgent = 1 if cint(urgent) else 0
	job.ask_approval_over_quota = 1 if cint(ask_approval_over_quota) else 0
	job.department = department or None
	job.insert()
	return {"name": job.name, "status": job.status, "status_label": _(job.status), "due_by": job.due_by}


def my_jobs(user=None, limit=20):
	"""The caller's own print jobs (newest first), with translated labels."""
	user = user or frappe.session.user
	rows = frappe.get_list(
		"Print Job",
		filters={"requester": user},
		fields=[
			"name",
			"status",
			"pages",
			"copies",
			"colour",
			"due_by",
			"urgent",
			"creation",
			"rejection_reason",
		],
		order_by="creation desc",
		limit_page_length=limit,
	)
	for r in rows:
		r.status_label = _(r.status)
		r.colour_label = _(r.colour)
	return rows


@frappe.whitelist()
def my_print_jobs():
	"""The caller's own jobs (frappe.get_list applies the row permissions)."""
	if frappe.session.user == "Guest":
		frappe.throw(_("Please log in."), frappe.PermissionError)
	return my_jobs()


def my_departments(user=None):
	return employee_departments(user or frappe.session.user)


def open_print_job_count(user):
	return frappe.db.count(
		"Print Job",
		{
			"requester": user,
			"status": ("in", ("Submitted", "Pending Approval", "Approved", "In Progress", "Ready")),
		},
	)


def has_department(user):
	"""Portal card condition: the user is staff with an employee record (they may request supplies)."""
	return bool(employee_departments(user))
