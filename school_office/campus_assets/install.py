"""Defaults of Campus Assets, created once (install, patch) and never overwritten.

create_defaults(): the custom fields on ERPNext's Asset and Asset Repair (create_custom_fields), the
office-relevant part of GB/T 14885 as Asset Classifications (each mapped to an ERPNext Asset Category with
the company's fixed asset account, and a fixed-asset Item per leaf so an Asset can be registered from its
classification), Campus Asset Settings' values and the school roles' permissions on Asset, Asset Movement
and Asset Repair (Custom DocPerm).
remove_defaults(): the custom fields and the permission rows (before uninstall; no commit). Asset
Categories and Items stay: ERPNext's assets refer to them.
make_demo(ctx): a few registered assets and the demo asset administrator of Logistics.
"""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

from school_office.core.campus_assets import DEFAULT_NUMBER_PATTERN
from school_office.setup.permissions import PERM_FLAGS

ITEM_PREFIX = "GBT-"

CUSTOM_FIELDS = {
	"Asset": [
		{
			"fieldname": "school_asset_number",
			"label": "School Asset Number",
			"fieldtype": "Data",
			"insert_after": "asset_name",
			"unique": 1,
			"read_only": 1,
			"no_copy": 1,
			"in_standard_filter": 1,
			"in_global_search": 1,
			"search_index": 1,
			"translatable": 0,
			"description": "Given by the system from the classification and the pattern in Campus Asset Settings",
		},
		{
			"fieldname": "asset_classification",
			"label": "Asset Classification",
			"fieldtype": "Link",
			"options": "Asset Classification",
			"insert_after": "item_code",
			"in_standard_filter": 1,
		},
		{
			"fieldname": "asset_administrator",
			"label": "Asset Administrator",
			"fieldtype": "Link",
			"options": "User",
			"insert_after": "department",
			"description": "The department's accountable asset administrator",
		},
		{
			"fieldname": "campus_last_seen_section",
			"label": "Last Seen",
			"fieldtype": "Section Break",
			"insert_after": "asset_administrator",
			"collapsible": 1,
		},
		{
			"fieldname": "last_seen_on",
			"label": "Last Seen On",
			"fieldtype": "Datetime",
			"insert_after": "campus_last_seen_section",
			"read_only": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "last_seen_location",
			"label": "Last Seen Location",
			"fieldtype": "Link",
			"options": "Location",
			"insert_after": "last_seen_on",
			"read_only": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "last_seen_by",
			"label": "Last Seen By",
			"fieldtype": "Link",
			"options": "User",
			"insert_after": "last_seen_location",
			"read_only": 1,
			"no_copy": 1,
		},
	],
	"Asset Repair": [
		{
			"fieldname": "campus_repair_section",
			"label": "Repair Clocks",
			"fieldtype": "Section Break",
			"insert_after": "asset_name",
			"collapsible": 1,
		},
		{
			"fieldname": "service_request",
			"label": "Service Request",
			"fieldtype": "Link",
			"options": "Service Request",
			"insert_after": "campus_repair_section",
			"read_only": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "is_major_fault",
			"label": "Major Fault",
			"fieldtype": "Check",
			"insert_after": "service_request",
			"read_only": 1,
		},
		{
			"fieldname": "respond_by",
			"label": "Respond By",
			"fieldtype": "Datetime",
			"insert_after": "is_major_fault",
			"read_only": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "responded_on",
			"label": "Responded On",
			"fieldtype": "Datetime",
			"insert_after": "respond_by",
			"read_only": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "campus_repair_cb",
			"fieldtype": "Column Break",
			"insert_after": "responded_on",
		},
		{
			"fieldname": "on_site_by",
			"label": "On Site By",
			"fieldtype": "Datetime",
			"insert_after": "campus_repair_cb",
			"read_only": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "arrived_on",
			"label": "Technician Arrived On",
			"fieldtype": "Datetime",
			"insert_after": "on_site_by",
			"read_only": 1,
			"no_copy": 1,
		},
		{
			"fieldname": "fix_by",
			"label": "Fix By",
			"fieldtype": "Datetime",
			"insert_after": "arrived_on",
			"read_only": 1,
			"no_copy": 1,
		},
	],
}

# ERPNext Asset Category -> the fixed asset account's name in the standard chart of accounts
ASSET_CATEGORIES = {
	"School IT Equipment": "Electronic Equipments",
	"School Office Equipment": "Office Equipments",
	"School Electrical Equipment": "Plants and Machineries",
	"School Furniture": "Furnitures and Fixtures",
}

# code, name, parent code, is_group, asset category, office equipment, major fault, maintenance
# The office-relevant part of GB/T 14885-2022 (固定资产等资产基础分类与代码): 2 设备, 5 家具和用具.
CLASSIFICATIONS = (
	("2", "Equipment", None, 1, None, 0, 0, None),
	("201", "Information Technology Equipment", "2", 1, "School IT Equipment", 0, 0, None),
	("20101", "Computers", "201", 1, "School IT Equipment", 0, 0, None),
	("2010104", "Servers", "20101", 0, "School IT Equipment", 0, 0, None),
	("2010105", "Desktop Computers", "20101", 0, "School IT Equipment", 0, 0, None),
	("2010108", "Laptop Computers", "20101", 0, "School IT Equipment", 0, 0, None),
	("2010109", "Tablet Computers", "20101", 0, "School IT Equipment", 0, 0, None),
	("20106", "Input and Output Devices", "201", 1, "School IT Equipment", 1, 0, None),
	("2010601", "Printers", "20106", 0, "School IT Equipment", 1, 0, "Weekly"),
	("2010602", "Scanners", "20106", 0, "School IT Equipment", 1, 0, None),
	("202", "Office Equipment", "2", 1, "School Office Equipment", 1, 0, None),
	("20201", "Copiers", "202", 0, "School Office Equipment", 1, 0, "Monthly"),
	("20202", "Projectors", "202", 0, "School Office Equipment", 1, 0, None),
	("20204", "Multifunction Devices", "202", 0, "School Office Equipment", 1, 0, "Monthly"),
	("206", "Electrical Equipment", "2", 1, "School Electrical Equipment", 0, 0, None),
	("20618", "Household Electrical Appliances", "206", 1, "School Electrical Equipment", 0, 0, None),
	("2061802", "Air Conditioners", "20618", 0, "School Electrical Equipment", 0, 1, None),
	("5", "Furniture and Fixtures", None, 1, "School Furniture", 0, 0, None),
	("501", "Furniture", "5", 1, "School Furniture", 0, 0, None),
	("50102", "Desks and Tables", "501", 0, "School Furniture", 0, 0, None),
	("50103", "Chairs and Stools", "501", 0, "School Furniture", 0, 0, None),
	("50105", "Cabinets", "501", 0, "School Furniture", 0, 0, None),
)
MAINTENANCE_TASKS = {"Weekly": "Weekly printer check", "Monthly": "Monthly copier service"}

ALL = dict.fromkeys(("read", "write", "create", "submit", "cancel", "report", "export", "print", "email"), 1)
READ = {"read": 1, "print": 1}
# doctype -> role -> rights (permlevel 0); row-level limits are in campus_assets/permissions.py
PERMISSIONS = {
	"Asset": {
		"Office Manager": {**ALL, "delete": 1, "share": 1},
		"Asset Administrator": {"read": 1, "write": 1, "create": 1, "submit": 1, "report": 1, "print": 1},
		"Department Head": READ,
		"Maintenance Technician": READ,
		"Employee": READ,
	},
	"Asset Movement": {
		"Office Manager": ALL,
		# ERPNext makes (and submits) a receipt movement when an asset is submitted; any other movement of
		# theirs is refused by campus_assets.api.guard_movement_submit
		"Asset Administrator": {"read": 1, "create": 1, "write": 1, "submit": 1, "report": 1, "print": 1},
		"Department Head": READ,
	},
	"Asset Repair": {
		"Office Manager": ALL,
		"Asset Administrator": {"read": 1, "report": 1, "print": 1},
		"Maintenance Technician": {"read": 1, "write": 1, "print": 1},
	},
}


def create_fields():
	create_custom_fields(CUSTOM_FIELDS, ignore_validate=True, update=True)


def create_asset_categories():
	for category, account_name in ASSET_CATEGORIES.items():
		if frappe.db.exists("Asset Category", category):
			continue
		rows = []
		for c in frappe.get_all(
			"Company", fields=["name", "accumulated_depreciation_account", "depreciation_expense_account"]
		):
			account = frappe.db.get_value(
				"Account", {"company": c.name, "account_type": "Fixed Asset", "account_name": account_name}
			) or frappe.db.get_value(
				"Account", {"company": c.name, "account_type": "Fixed Asset", "is_group": 0}
			)
			if not account:
				continue
			rows.append(
				{
					"company_name": c.name,
					"fixed_asset_account": account,
					"accumulated_depreciation_account": c.accumulated_depreciation_account,
					"depreciation_expense_account": c.depreciation_expense_account,
				}
			)
		if not rows:
			continue  # no company with a chart of accounts yet: a later patch run creates it
		frappe.get_doc(
			{"doctype": "Asset Category", "asset_category_name": category, "accounts": rows}
		).insert(ignore_permissions=True)


def item_code_for(code: str) -> str:
	return f"{ITEM_PREFIX}{code}"


def ensure_item(classification: str) -> str | None:
	"""The fixed-asset Item an Asset of this (leaf) classification is registered on; made when missing."""
	c = frappe.db.get_value(
		"Asset Classification",
		classification,
		["code", "classification_name", "asset_category"],
		as_dict=True,
	)
	if not c or not c.asset_category or not frappe.db.exists("Asset Category", c.asset_category):
		return None
	code = item_code_for(c.code)
	if frappe.db.exists("Item", code):
		return code
	group = (
		"Products" if frappe.db.exists("Item Group", "Products") else frappe.db.get_value("Item Group", {})
	)
	uom = "Nos" if frappe.db.exists("UOM", "Nos") else frappe.db.get_value("UOM", {})
	frappe.get_doc(
		{
			"doctype": "Item",
			"item_code": code,
			"item_name": c.classification_name,
			"item_group": group,
			"stock_uom": uom,
			"is_stock_item": 0,
			"is_fixed_asset": 1,
			"auto_create_assets": 0,
			"asset_category": c.asset_category,
			"description": f"GB/T 14885 {c.code} {c.classification_name}",
		}
	).insert(ignore_permissions=True)
	return code


def create_classifications():
	"""Seed once; a classification an administrator deleted or renamed is not brought back."""
	if frappe.db.get_single_value("Campus Asset Settings", "classifications_seeded"):
		return
	for code, name, parent, is_group, category, office, major, periodicity in CLASSIFICATIONS:
		if frappe.db.exists("Asset Classification", code):
			continue
		frappe.get_doc(
			{
				"doctype": "Asset Classification",
				"code": code,
				"classification_name": name,
				"parent_asset_classification": parent,
				"is_group": is_group,
				"asset_category": category
				if category and frappe.db.exists("Asset Category", category)
				else None,
				"is_office_equipment": office,
				"is_major_fault": major,
				"maintenance_periodicity": periodicity,
				"maintenance_task": MAINTENANCE_TASKS.get(periodicity),
			}
		).insert(ignore_permissions=True)
	for code, _name, _parent, is_group, *_rest in CLASSIFICATIONS:
		if not is_group and frappe.db.exists("Asset Classification", code):
			ensure_item(code)
	frappe.db.set_single_value("Campus Asset Settings", "classifications_seeded", 1)


def create_settings():
	if frappe.db.get_single_value("Campus Asset Settings", "asset_number_pattern"):
		return
	s = frappe.get_single("Campus Asset Settings")
	s.update(
		{
			"asset_number_pattern": DEFAULT_NUMBER_PATTERN,
			"loss_rate_target": 0.5,
			"half_yearly_spot_share": 20,
			"quarterly_spot_share": 10,
			"respond_hours": 2,
			"office_respond_hours": 4,
			"on_site_hours": 8,
			"office_on_site_hours": 24,
			"major_fix_hours": 48,
		}
	)
	s.flags.ignore_permissions = True
	s.save()


def create_permissions():
	from frappe.permissions import add_permission

	for doctype, roles in PERMISSIONS.items():
		if not frappe.db.exists("DocType", doctype):
			continue
		for role, rights in roles.items():
			if not frappe.db.exists("Role", role):
				continue
			name = frappe.db.get_value(
				"Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0, "if_owner": 0}
			)
			if not name:
				name = add_permission(doctype, role, 0, "read")
				frappe.db.set_value("Custom DocPerm", name, dict.fromkeys(PERM_FLAGS, 0))
			current = frappe.db.get_value("Custom DocPerm", name, list(PERM_FLAGS), as_dict=True)
			# only adds rights: what an administrator granted stays
			update = {k: 1 for k, v in rights.items() if v and not current.get(k)}
			if update:
				frappe.db.set_value("Custom DocPerm", name, update)
		frappe.clear_cache(doctype=doctype)


def create_defaults():
	if not frappe.db.exists("DocType", "Asset Classification"):
		return
	create_fields()
	create_settings()
	create_asset_categories()
	create_classifications()
	create_permissions()
	if frappe.db.exists("DocType", "Emergency Plan"):
		from school_office.campus_assets.dispatch import create_plans

		create_plans()


def remove_defaults():
	from school_office.setup.permissions import _key

	for doctype, fields in CUSTOM_FIELDS.items():
		for f in fields:
			name = f"{doctype}-{f['fieldname']}"
			if frappe.db.exists("Custom Field", name):
				frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
		frappe.clear_cache(doctype=doctype)
	for doctype, roles in PERMISSIONS.items():
		frappe.db.delete("Custom DocPerm", {"parent": doctype, "role": ("in", list(roles))})
		custom = frappe.get_all("Custom DocPerm", filters={"parent": doctype}, fields=["*"])
		standard = frappe.get_all("DocPerm", filters={"parent": doctype}, fields=["*"])
		if custom and sorted(map(_key, custom)) == sorted(map(_key, standard)):
			frappe.db.delete("Custom DocPerm", {"parent": doctype})
		frappe.clear_cache(doctype=doctype)


# ----------------------------------------------------------------------------- demo

DEMO_ASSETS = (
	# name, classification, department, location, amount
	("Office Printer 1", "2010601", "General Office", "Service Hall Counter", 2400),
	("Copier A3", "20201", "General Office", "Service Hall Counter", 18000),
	("Projector 201", "20202", "Logistics", "Meeting Room 201", 5200),
	("Projector 305", "20202", "Logistics", "Meeting Room 305", 5200),
	("Air Conditioner Hall A", "2061802", "Logistics", "Lecture Hall A", 9800),
	("Desktop PC 101", "2010105", "Academic Affairs", "Classroom 101", 4600),
)


def make_demo(ctx=None):
	ctx = ctx or {}
	company = ctx.get("company") or frappe.db.get_value("Company", {}, "name")
	depts = ctx.get("departments") or {}
	users = ctx.get("users") or {}
	create_defaults()
	if not company:
		return
	admin = users.get("asset.admin")
	if admin and depts.get("Logistics"):
		s = frappe.get_single("Campus Asset Settings")
		if not any(r.department == depts["Logistics"] for r in s.department_administrators):
			s.append(
				"department_administrators", {"department": depts["Logistics"], "asset_administrator": admin}
			)
			s.flags.ignore_permissions = True
			s.save()
	for name, classification, dept, location, amount in DEMO_ASSETS:
		if frappe.db.exists("Asset", {"asset_name": name}):
			continue
		if not frappe.db.exists("Location", location) or not frappe.db.exists(
			"Asset Classification", classification
		):
			continue
		doc = frappe.get_doc(
			{
				"doctype": "Asset",
				"asset_name": name,
				"asset_classification": classification,
				"company": company,
				"location": location,
				"department": depts.get(dept),
				"purchase_date": "2025-09-01",
				"available_for_use_date": "2025-09-01",
				"gross_purchase_amount": amount,
				"purchase_amount": amount,
				"is_existing_asset": 1,
				"calculate_depreciation": 0,
			}
		)
		doc.insert(ignore_permissions=True)
		doc.submit()
