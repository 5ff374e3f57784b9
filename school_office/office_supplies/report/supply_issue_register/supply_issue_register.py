# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""The issue register: supplies handed out at the desk per department (submitted Material Issue entries of
pick-up requests). A Department Head sees only their own departments."""

import frappe
from frappe import _
from frappe.utils import get_first_day, get_last_day, nowdate

from school_office.utils.actions import has_role
from school_office.utils.people import employee_departments

SEE_ALL = ("Office Manager", "Office Staff", "Stock User", "Stock Manager", "System Manager")


def execute(filters=None):
	filters = filters or {}
	conditions = [
		"se.docstatus = 1",
		"se.purpose = 'Material Issue'",
		"ifnull(mr.school_department, '') != ''",
	]
	values = {
		"from_date": filters.get("from_date") or get_first_day(nowdate()),
		"to_date": filters.get("to_date") or get_last_day(nowdate()),
	}
	conditions.append("se.posting_date between %(from_date)s and %(to_date)s")
	if not has_role(SEE_ALL):
		values["mine"] = tuple(employee_departments(frappe.session.user)) or ("",)
		conditions.append("mr.school_department in %(mine)s")
	if filters.get("department"):
		values["department"] = filters["department"]
		conditions.append("mr.school_department = %(department)s")
	rows = frappe.db.sql(
		f"""select se.posting_date, mr.school_department as department, mr.school_requester as requester,
			sed.item_code, sed.item_name, sed.transfer_qty as qty, sed.stock_uom as uom,
			se.name as stock_entry, mr.name as material_request, mr.teaching_consumable
		from `tabStock Entry Detail` sed
		join `tabStock Entry` se on se.name = sed.parent
		join `tabMaterial Request` mr on mr.name = sed.material_request
		where {" and ".join(conditions)}
		order by mr.school_department, se.posting_date, se.name""",
		values,
		as_dict=True,
	)
	columns = [
		{"fieldname": "posting_date", "label": _("Date"), "fieldtype": "Date", "width": 100},
		{
			"fieldname": "department",
			"label": _("Department"),
			"fieldtype": "Link",
			"options": "Department",
			"width": 160,
		},
		{
			"fieldname": "requester",
			"label": _("Requester"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
		{"fieldname": "item_code", "label": _("Item"), "fieldtype": "Link", "options": "Item", "width": 140},
		{"fieldname": "item_name", "label": _("Item Name"), "fieldtype": "Data", "width": 160},
		{"fieldname": "qty", "label": _("Qty"), "fieldtype": "Float", "width": 80},
		{"fieldname": "uom", "label": _("UOM"), "fieldtype": "Data", "width": 70},
		{
			"fieldname": "stock_entry",
			"label": _("Stock Entry"),
			"fieldtype": "Link",
			"options": "Stock Entry",
			"width": 150,
		},
		{
			"fieldname": "material_request",
			"label": _("Material Request"),
			"fieldtype": "Link",
			"options": "Material Request",
			"width": 150,
		},
	]
	return columns, rows
