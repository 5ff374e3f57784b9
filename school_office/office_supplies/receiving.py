"""SU-3: receiving inspection on ERPNext's Purchase Receipt and Quality Inspection.

- Office supplies (items of the settings' item group) are created with *Inspection Required before
  Purchase* and the Quality Inspection Template *Office Supplies Receiving* (parameters Quantity,
  Specification, Packaging; non-numeric, each read as "OK" to pass). ERPNext then demands a submitted
  inspection on each receipt line and stops a receipt whose inspection was rejected.
- What does not conform is received as *Rejected Qty* into the rejected warehouse (setting; created at
  install as "Rejected Supplies") with a *Rejection Reason* on the line, required by this module.
"""

import frappe
from frappe import _
from frappe.utils import flt

TEMPLATE = "Office Supplies Receiving"
PARAMETERS = ("Quantity", "Specification", "Packaging")


def create_inspection_template():
	if not frappe.db.exists("DocType", "Quality Inspection Template"):
		return
	for p in PARAMETERS:
		if not frappe.db.exists("Quality Inspection Parameter", p):
			frappe.get_doc(
				{"doctype": "Quality Inspection Parameter", "parameter": p, "description": p}
			).insert(ignore_permissions=True)
	if not frappe.db.exists("Quality Inspection Template", TEMPLATE):
		frappe.get_doc(
			{
				"doctype": "Quality Inspection Template",
				"quality_inspection_template_name": TEMPLATE,
				"item_quality_inspection_parameter": [
					{"specification": p, "numeric": 0, "value": "OK"} for p in PARAMETERS
				],
			}
		).insert(ignore_permissions=True)


def create_rejected_warehouse():
	company = frappe.defaults.get_global_default("company")
	if not company or not frappe.db.exists("DocType", "Office Supplies Settings"):
		return
	if frappe.db.get_single_value("Office Supplies Settings", "rejected_warehouse"):
		return
	name = frappe.db.get_value("Warehouse", {"company": company, "warehouse_name": "Rejected Supplies"})
	if not name:
		parent = frappe.db.get_value("Warehouse", {"company": company, "is_group": 1}, order_by="lft asc")
		name = (
			frappe.get_doc(
				{
					"doctype": "Warehouse",
					"warehouse_name": "Rejected Supplies",
					"company": company,
					"parent_warehouse": parent,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
	frappe.db.set_single_value("Office Supplies Settings", "rejected_warehouse", name)


def in_supply_group(item_group: str | None) -> bool:
	group = frappe.db.get_single_value("Office Supplies Settings", "supply_item_group")
	if not group or not item_group or not frappe.db.exists("Item Group", group):
		return False
	lft, rgt = frappe.db.get_value("Item Group", group, ["lft", "rgt"])
	own = frappe.db.get_value("Item Group", item_group, ["lft", "rgt"])
	return bool(own) and own[0] >= lft and own[1] <= rgt


def item_before_insert(doc, method=None):
	"""Item before_insert: a new office supply is inspected on receipt (an administrator may turn it off)."""
	if not frappe.db.exists("DocType", "Office Supplies Settings") or not in_supply_group(doc.item_group):
		return
	doc.inspection_required_before_purchase = 1
	if not doc.get("quality_inspection_template") and frappe.db.exists(
		"Quality Inspection Template", TEMPLATE
	):
		doc.quality_inspection_template = TEMPLATE


def _rejected_supply_rows(doc):
	for row in doc.items:
		if flt(row.rejected_qty) > 0 and in_supply_group(
			frappe.db.get_value("Item", row.item_code, "item_group")
		):
			yield row


def fill_rejected_warehouse(doc, method=None):
	"""Purchase Receipt before_validate: rejected office supplies go to the rejected warehouse (setting)."""
	if not frappe.db.exists("DocType", "Office Supplies Settings"):
		return
	rejected_wh = frappe.db.get_single_value("Office Supplies Settings", "rejected_warehouse")
	for row in _rejected_supply_rows(doc):
		if not row.rejected_warehouse:
			row.rejected_warehouse = doc.get("rejected_warehouse") or rejected_wh


def validate_receipt(doc, method=None):
	"""Purchase Receipt validate: a rejected quantity of an office supply needs a reason."""
	if not frappe.db.exists("DocType", "Office Supplies Settings"):
		return
	for row in _rejected_supply_rows(doc):
		if not (row.get("rejection_reason") or "").strip():
			frappe.throw(
				_("Row {0}: give the reason why {1} of {2} are rejected.").format(
					row.idx, flt(row.rejected_qty), row.item_code
				)
			)
