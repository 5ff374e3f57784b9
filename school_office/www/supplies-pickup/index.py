"""Portal page /supplies-pickup: staff ask for office supplies from a phone, see their pick-up slot, and
department heads approve their department's requests (SU-4)."""

import frappe
from frappe import _

from school_office.office_supplies import pickup
from school_office.office_supplies.plan import supply_items
from school_office.utils.people import employee_departments

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/supplies-pickup"
		raise frappe.Redirect
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Pick Up Supplies")
	context.csrf_token = frappe.sessions.get_csrf_token()
	user = frappe.session.user
	context.departments = employee_departments(user)
	s = frappe.get_cached_doc("Office Supplies Settings")
	codes = supply_items(s.supply_item_group)
	stock = {}
	if codes and s.store_warehouse:
		stock = dict(
			frappe.db.sql(
				"select item_code, actual_qty from `tabBin` where warehouse = %s and item_code in %s",
				(s.store_warehouse, tuple(codes)),
			)
		)
	names = dict(
		frappe.get_all(
			"Item", filters={"name": ("in", codes or [""])}, fields=["name", "item_name"], as_list=True
		)
	)
	context.items = [{"code": c, "name": _(names.get(c) or c), "stock": stock.get(c, 0)} for c in codes]
	context.window = f"{str(s.pickup_start or '09:00:00')[:5]}–{str(s.pickup_end or '11:00:00')[:5]}"
	context.requests = pickup.my_requests(user)
	context.pending = pickup.pending_for(user)
	context.messages = {
		"sent": _("Request sent: {0}. Your department head will approve it."),
		"approved": _("Approved."),
		"error": _("Something went wrong. Please try again."),
		"choose": _("Choose at least one item."),
	}
	return context
