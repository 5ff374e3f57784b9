"""Defaults of Office Supplies, created once (install, patch) and never overwritten.

create_defaults(): the custom fields this module adds to ERPNext's Material Request, Supplier Quotation,
Stock Entry (scrap reason and approval), Purchase Receipt Item (rejection reason) and Purchase Order (department and approvals of a request, the criteria of a quotation, the Office
Manager's exception to the three-quote rule), the item group "Office Supplies" and the settings' values.
remove_defaults() (before uninstall): the custom fields, without committing.
make_demo(ctx): employees for the demo's staff (their department), a few supply items, print quotas.
"""

import frappe

SUPPLY_ITEM_GROUP = "Office Supplies"

CUSTOM_FIELDS = {
	"Material Request": [
		{
			"fieldname": "school_department",
			"label": "Requesting Department",
			"fieldtype": "Link",
			"options": "Department",
			"insert_after": "material_request_type",
			"in_standard_filter": 1,
		},
		{
			"fieldname": "school_requester",
			"label": "Requested By",
			"fieldtype": "Link",
			"options": "User",
			"insert_after": "school_department",
			"read_only": 1,
		},
		{
			"fieldname": "teaching_consumable",
			"label": "Teaching Consumables",
			"fieldtype": "Check",
			"insert_after": "school_requester",
			"description": "Needs the teaching department's approval; delivered with the quarter's delivery",
		},
		{
			"fieldname": "pickup_slot",
			"label": "Pick-up Slot",
			"fieldtype": "Datetime",
			"insert_after": "teaching_consumable",
			"read_only": 1,
		},
		{
			"fieldname": "department_approved_by",
			"label": "Approved by Department Head",
			"fieldtype": "Link",
			"options": "User",
			"insert_after": "pickup_slot",
			"read_only": 1,
		},
		{
			"fieldname": "teaching_approved_by",
			"label": "Approved by Teaching Department",
			"fieldtype": "Link",
			"options": "User",
			"insert_after": "department_approved_by",
			"read_only": 1,
		},
		{
			"fieldname": "supply_plan",
			"label": "Supply Plan",
			"fieldtype": "Link",
			"options": "Supply Plan",
			"insert_after": "teaching_approved_by",
			"read_only": 1,
		},
	],
	"Supplier Quotation": [
		{
			"fieldname": "sample_provided",
			"label": "Sample Provided",
			"fieldtype": "Check",
			"insert_after": "valid_till",
		},
		{
			"fieldname": "warranty_years",
			"label": "Warranty (Years)",
			"fieldtype": "Int",
			"insert_after": "sample_provided",
			"non_negative": 1,
		},
	],
	"Stock Entry": [
		{
			"fieldname": "scrap_reason",
			"label": "Scrap Reason",
			"fieldtype": "Select",
			"options": "\nExpired\nDamaged",
			"insert_after": "stock_entry_type",
			"depends_on": "eval:doc.purpose=='Material Issue'",
			"description": "Scrapping expired or damaged supplies needs the Office Manager's approval before submit",
		},
		{
			"fieldname": "scrap_approved_by",
			"label": "Scrap Approved By",
			"fieldtype": "Link",
			"options": "User",
			"insert_after": "scrap_reason",
			"read_only": 1,
			"depends_on": "scrap_reason",
		},
	],
	"Purchase Receipt Item": [
		{
			"fieldname": "rejection_reason",
			"label": "Rejection Reason",
			"fieldtype": "Small Text",
			"insert_after": "rejected_warehouse",
			"depends_on": "eval:doc.rejected_qty > 0",
		},
	],
	"Purchase Order": [
		{
			"fieldname": "quote_exception_section",
			"label": "Three-Quote Rule",
			"fieldtype": "Section Break",
			"insert_after": "items",
			"collapsible": 1,
		},
		{
			"fieldname": "quote_exception",
			"label": "Office Manager's Exception to the Three-Quote Rule",
			"fieldtype": "Check",
			"insert_after": "quote_exception_section",
			"read_only": 1,
		},
		{
			"fieldname": "quote_exception_reason",
			"label": "Exception Reason",
			"fieldtype": "Small Text",
			"insert_after": "quote_exception",
			"read_only": 1,
		},
		{
			"fieldname": "quote_exception_by",
			"label": "Exception Granted By",
			"fieldtype": "Link",
			"options": "User",
			"insert_after": "quote_exception_reason",
			"read_only": 1,
		},
		{
			"fieldname": "quote_exception_on",
			"label": "Exception Granted On",
			"fieldtype": "Datetime",
			"insert_after": "quote_exception_by",
			"read_only": 1,
		},
	],
}

SETTINGS_DEFAULTS = {
	"min_quotations": 3,
	"min_warranty_years": 3,
	"require_sample": 1,
	"default_buffer_percent": 15,
	"history_quarters": 4,
	"pickup_start": "09:00:00",
	"pickup_end": "11:00:00",
	"pickup_slot_minutes": 15,
	"variance_threshold_percent": 3,
	"print_due_minutes": 30,
	"urgent_print_due_minutes": 15,
}


def create_custom_fields():
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields as create

	present = {dt: fields for dt, fields in CUSTOM_FIELDS.items() if frappe.db.exists("DocType", dt)}
	if present:
		create(present, ignore_validate=True)


def remove_custom_fields():
	for dt, fields in CUSTOM_FIELDS.items():
		for f in fields:
			name = frappe.db.get_value("Custom Field", {"dt": dt, "fieldname": f["fieldname"]})
			if name:
				frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
		frappe.clear_cache(doctype=dt)


def create_item_group():
	if not frappe.db.exists("DocType", "Item Group") or frappe.db.exists("Item Group", SUPPLY_ITEM_GROUP):
		return
	root = frappe.db.get_value("Item Group", {"is_group": 1, "parent_item_group": ("in", ("", None))})
	frappe.get_doc(
		{
			"doctype": "Item Group",
			"item_group_name": SUPPLY_ITEM_GROUP,
			"parent_item_group": root,
			"is_group": 1,
		}
	).insert(ignore_permissions=True)


def _store_warehouse():
	company = frappe.defaults.get_global_default("company")
	if not company or not frappe.db.exists("DocType", "Warehouse"):
		return None
	return frappe.db.get_value("Warehouse", {"company": company, "warehouse_name": "Stores", "is_group": 0})


def create_settings():
	"""The settings' values once; later runs fill only an empty store or item group."""
	if not frappe.db.exists("DocType", "Office Supplies Settings"):
		return
	settings = frappe.get_single("Office Supplies Settings")
	changed = False
	if not settings.get("defaults_applied"):
		settings.update(SETTINGS_DEFAULTS)
		settings.defaults_applied = 1
		changed = True
	if not settings.supply_item_group and frappe.db.exists("Item Group", SUPPLY_ITEM_GROUP):
		settings.supply_item_group = SUPPLY_ITEM_GROUP
		changed = True
	if not settings.get("store_warehouse") and settings.meta.has_field("store_warehouse"):
		store = _store_warehouse()
		if store:
			settings.store_warehouse = store
			changed = True
	if changed:
		settings.flags.ignore_permissions = True
		settings.flags.ignore_mandatory = True
		settings.save()


def create_defaults():
	from school_office.office_supplies.receiving import create_inspection_template, create_rejected_warehouse

	create_custom_fields()
	create_item_group()
	create_settings()
	create_inspection_template()
	create_rejected_warehouse()


def remove_defaults():
	remove_custom_fields()


# ----------------------------------------------------------------------------- demo

DEMO_ITEMS = (
	("OS-PAPER-A4", "A4 Copy Paper (500 sheets)", "Ream"),
	("OS-PEN-BLACK", "Black Gel Pen", "Nos"),
	("OS-TONER-BW", "Black Toner Cartridge", "Nos"),
	("OS-CHALK", "Dustless Chalk (box)", "Box"),
)


def _demo_employees(ctx):
	from school_office.setup.demo_data import DEMO_DOMAIN, USERS

	company = ctx.get("company")
	if not company or not frappe.db.exists("DocType", "Employee"):
		return
	for local, first, last, _roles, _lang, dept, user_type in USERS:
		if not dept or (user_type != "System User" and local != "teacher"):
			continue
		user = f"{local}@{DEMO_DOMAIN}"
		department = ctx.get("departments", {}).get(dept)
		if not department or not frappe.db.exists("User", user):
			continue
		if frappe.db.exists("Employee", {"user_id": user}):
			continue
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": first,
				"last_name": last,
				"gender": "Other" if frappe.db.exists("Gender", "Other") else None,
				"date_of_birth": "1985-01-01",
				"date_of_joining": "2015-09-01",
				"company": company,
				"department": department,
				"user_id": user,
				"status": "Active",
				# no User Permissions (they would confine the user to this company and record everywhere)
				"create_user_permission": 0,
			}
		).insert(ignore_permissions=True)
		if user_type == "Website User":
			_keep_portal_user(user)


def _keep_portal_user(user):
	"""ERPNext gives an employee's user the Employee role (a desk role): a portal user stays a portal user."""
	frappe.db.delete("Has Role", {"parent": user, "parenttype": "User", "role": "Employee"})
	frappe.db.set_value("User", user, "user_type", "Website User")
	frappe.clear_cache(user=user)


def _demo_items():
	if not frappe.db.exists("Item Group", SUPPLY_ITEM_GROUP):
		return
	for code, name, uom in DEMO_ITEMS:
		if frappe.db.exists("Item", code):
			continue
		if not frappe.db.exists("UOM", uom):
			uom = "Nos"
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": name,
				"item_group": SUPPLY_ITEM_GROUP,
				"stock_uom": uom,
				"is_stock_item": 1,
				"include_item_in_manufacturing": 0,
			}
		).insert(ignore_permissions=True)


def _demo_quotas(ctx):
	from frappe.utils import get_first_day, get_last_day, nowdate

	start, end = get_first_day(nowdate()), get_last_day(nowdate())
	period = f"{start:%Y-%m}"
	for department in (ctx.get("departments") or {}).values():
		if frappe.db.exists("Print Quota", {"department": department, "period": period}):
			continue
		frappe.get_doc(
			{
				"doctype": "Print Quota",
				"department": department,
				"period_type": "Month",
				"period": period,
				"from_date": start,
				"to_date": end,
				"bw_pages": 2000,
				"colour_pages": 200,
			}
		).insert(ignore_permissions=True)


def make_demo(ctx):
	_demo_employees(ctx)
	_demo_items()
	_demo_quotas(ctx)
