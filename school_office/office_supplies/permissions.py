"""Who sees what in Office Supplies (issue #11, item 7).

- Print Job: the Office Manager and Office Staff (the print room) see all; a Department Head sees the jobs
  of their departments (from their Employee record); everyone else sees the jobs they requested. A
  requester changes their own job only while it waits (Submitted / Pending Approval); what was charged to
  the quota never changes (see PrintJob.validate).
- Print Quota: the Office Manager and Office Staff see all; a Department Head sees their departments'.
- Supply Plan and the settings: by role (doctype permissions).
"""

import frappe

from school_office.utils.people import employee_departments

ALL_JOBS = ("Office Manager", "Office Staff", "System Manager")


def _roles(user):
	return set(frappe.get_roles(user))


def _sees_all(user) -> bool:
	return user == "Administrator" or bool(_roles(user) & set(ALL_JOBS))


def _in_list(values) -> str:
	return ", ".join(frappe.db.escape(v) for v in values)


def print_job_query_conditions(user=None, doctype=None):
	user = user or frappe.session.user
	if _sees_all(user):
		return ""
	cond = f"`tabPrint Job`.`requester` = {frappe.db.escape(user)}"
	depts = employee_departments(user) if "Department Head" in _roles(user) else []
	if depts:
		cond = f"({cond} or `tabPrint Job`.`department` in ({_in_list(depts)}))"
	return cond


def print_job_has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if _sees_all(user):
		return True
	if not doc.get("name") or (hasattr(doc, "is_new") and doc.is_new()):
		return True  # a new job: the requester is set by the system (PrintJob.set_insert_values)
	own = doc.get("requester") == user
	head = "Department Head" in _roles(user) and doc.get("department") in employee_departments(user)
	if ptype in (None, "read", "print", "select", "report", "export"):
		return own or head
	if ptype == "write":
		return own and doc.get("status") in ("Submitted", "Pending Approval")
	if ptype == "create":
		return True
	return False


def print_quota_query_conditions(user=None, doctype=None):
	user = user or frappe.session.user
	if _sees_all(user):
		return ""
	depts = employee_departments(user) if "Department Head" in _roles(user) else []
	if not depts:
		return "1 = 0"
	return f"`tabPrint Quota`.`department` in ({_in_list(depts)})"


def print_quota_has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if _sees_all(user):
		return True
	if ptype not in (None, "read", "print", "select", "report"):
		return False
	return "Department Head" in _roles(user) and doc.get("department") in employee_departments(user)
