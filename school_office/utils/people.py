"""Who a user is in the school: their departments (from their ERPNext Employee record).

Cached for the current request (frappe.local), since permission hooks ask for every document
they check; saving or deleting an Employee clears it.
"""

import frappe


def employee_departments(user: str) -> list[str]:
	cache = getattr(frappe.local, "school_office_employee_departments", None)
	if cache is None:
		cache = frappe.local.school_office_employee_departments = {}
	if user not in cache:
		found = []
		if frappe.db.table_exists("Employee"):
			found = frappe.get_all(
				"Employee", filters={"user_id": user, "status": "Active"}, pluck="department"
			)
		cache[user] = sorted({d for d in found if d})
	return cache[user]


def clear_employee_cache(*args, **kwargs):
	frappe.local.school_office_employee_departments = {}
