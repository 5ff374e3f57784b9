"""Shared records of the Office Supplies tests (created as Administrator; each test then acts as its role)."""

import frappe
from frappe.utils import add_days, nowdate

from school_office.tests import fixtures as shared

COMPANY = "Demo School"
PREFIX = "ostest"


def company():
	if frappe.db.exists("Company", COMPANY):
		return COMPANY
	return (
		frappe.db.get_value("Company", {"abbr": ("not like", "\\_%")})
		or frappe.get_all("Company", pluck="name")[0]
	)


def warehouse(comp=None):
	comp = comp or company()
	return frappe.db.get_value("Warehouse", {"company": comp, "is_group": 0, "warehouse_name": "Stores"})


def make_user(local, roles=(), user_type="System User"):
	return shared.make_user(f"{PREFIX}.{local}@example.com", roles, user_type, first_name=local)


def make_department(name, comp=None):
	return shared.make_department(name, comp or company())


def make_employee(user, department, comp=None):
	comp = comp or company()
	if not frappe.db.exists("Employee", {"user_id": user}):
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": user.split("@")[0],
				"gender": frappe.db.get_value("Gender", {}) or None,
				"date_of_birth": "1985-01-01",
				"date_of_joining": "2015-09-01",
				"company": comp,
				"department": department,
				"user_id": user,
				"status": "Active",
				"create_user_permission": 0,
			}
		).insert(ignore_permissions=True)
	from school_office.utils.people import clear_employee_cache

	clear_employee_cache()


def make_item(code, group="Office Supplies"):
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": code,
				"item_group": group,
				"stock_uom": "Nos",
				"is_stock_item": 1,
				"valuation_rate": 5,
			}
		).insert(ignore_permissions=True)
	return code


def make_supplier(name):
	if not frappe.db.exists("Supplier", name):
		frappe.get_doc(
			{
				"doctype": "Supplier",
				"supplier_name": name,
				"supplier_group": frappe.db.get_value("Supplier Group", {}),
			}
		).insert(ignore_permissions=True)
	return name


def stock_entry(purpose, item, qty, posting_date, wh=None, comp=None):
	comp = comp or company()
	wh = wh or warehouse(comp)
	row = {"item_code": item, "qty": qty, "basic_rate": 5, "conversion_factor": 1}
	if purpose == "Material Receipt":
		row["t_warehouse"] = wh
	else:
		row["s_warehouse"] = wh
	se = frappe.get_doc(
		{
			"doctype": "Stock Entry",
			"stock_entry_type": purpose,
			"purpose": purpose,
			"company": comp,
			"set_posting_time": 1,
			"posting_date": posting_date,
			"items": [row],
		}
	)
	se.insert(ignore_permissions=True)
	se.submit()
	return se


def purchase_request(item, qty, schedule_date, department, comp=None):
	comp = comp or company()
	mr = frappe.get_doc(
		{
			"doctype": "Material Request",
			"material_request_type": "Purchase",
			"company": comp,
			"transaction_date": nowdate(),
			"schedule_date": schedule_date,
			"school_department": department,
			"items": [
				{
					"item_code": item,
					"qty": qty,
					"schedule_date": schedule_date,
					"warehouse": warehouse(comp),
				}
			],
		}
	)
	mr.insert(ignore_permissions=True)
	mr.submit()
	return mr


def supplier_quotation(supplier, item, rate, sample=1, warranty=3, comp=None):
	comp = comp or company()
	sq = frappe.get_doc(
		{
			"doctype": "Supplier Quotation",
			"supplier": supplier,
			"company": comp,
			"transaction_date": add_days(nowdate(), -1),
			"valid_till": add_days(nowdate(), 30),
			"sample_provided": sample,
			"warranty_years": warranty,
			"items": [{"item_code": item, "qty": 10, "rate": rate, "warehouse": warehouse(comp)}],
		}
	)
	sq.insert(ignore_permissions=True)
	sq.submit()
	return sq
