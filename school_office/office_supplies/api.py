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


@frappe.whitelist(methods=["POST"])
def print_job_from_service_request(
	service_request, pages, copies=1, colour="Black and White", sides="Single", urgent=0
):
	"""The print room turns a service request (e.g. "Printing and Copying") into a Print Job for its requester:
	the request's first attachment is the file, its requester and department are the job's."""
	from school_office.utils.actions import load_for_action

	sr = load_for_action(
		"Service Request",
		service_request,
		"read",
		roles=("Office Staff", "Office Manager"),
		message=_("Only the print room makes print jobs from service requests."),
		for_update=False,
	)
	existing = frappe.db.get_value("Print Job", {"service_request": sr.name, "status": ("!=", "Rejected")})
	if existing:
		frappe.throw(_("Print job {0} was already made from this request.").format(existing))
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Service Request", "attached_to_name": sr.name},
		pluck="file_url",
		order_by="creation asc",
		limit=1,
	)
	if not files:
		frappe.throw(_("The service request has no file to print."))
	job = frappe.new_doc("Print Job")
	job.flags.system_requester = sr.requester
	job.department = sr.get("department") or None
	job.attachment = files[0]
	job.pages = cint(pages)
	job.copies = cint(copies) or 1
	job.colour = colour if colour in ("Black and White", "Colour") else "Black and White"
	job.sides = sides if sides in ("Single", "Double") else "Single"
	job.urgent = 1 if cint(urgent) else 0
	job.service_request = sr.name
	job.insert()
	return {"name": job.name, "status": job.status}
