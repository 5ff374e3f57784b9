"""Office Supplies on an existing site: custom fields on Material Request, Supplier Quotation and Purchase
Order, the item group and the settings (idempotent; see school_office.office_supplies.install)."""

import frappe


def execute():
	if not frappe.db.exists("DocType", "Office Supplies Settings"):
		frappe.reload_doc("office_supplies", "doctype", "office_supplies_settings")
	from school_office.office_supplies.install import create_defaults

	create_defaults()
