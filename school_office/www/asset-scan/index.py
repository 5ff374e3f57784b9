"""Portal page /asset-scan?asset=<Asset name>: what a label's QR code opens on a phone (AS-2).

Opening it (GET) changes nothing: it shows the asset and the scanner's location (remembered on the phone);
"Record" POSTs to school_office.campus_assets.api.record_scan with the session's CSRF token, which records
last seen and, during a stocktake, marks the line. The URL format is a contract (issue #15's phone app)."""

import frappe
from frappe import _

no_cache = 1


def get_context(context):
	asset = frappe.form_dict.get("asset") or ""
	if frappe.session.user == "Guest":
		from urllib.parse import urlencode

		frappe.local.flags.redirect_location = "/login?" + urlencode(
			{"redirect-to": "/asset-scan?" + urlencode({"asset": asset})}
		)
		raise frappe.Redirect
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Scan Asset")
	context.csrf_token = frappe.sessions.get_csrf_token()
	context.asset = None
	context.message = ""
	context.asset_name_arg = str(asset)
	if not asset or not frappe.db.exists("Asset", asset):
		context.message = _("Asset {0} was not found.").format(asset) if asset else _("Scan an asset label.")
		return context
	if not frappe.has_permission("Asset", "read", asset):
		context.message = _("You are not permitted to see this asset.")
		return context
	a = frappe.db.get_value(
		"Asset",
		asset,
		[
			"name",
			"asset_name",
			"school_asset_number",
			"department",
			"location",
			"status",
			"last_seen_on",
			"last_seen_location",
		],
		as_dict=True,
	)
	from school_office.campus_assets.api import open_lines

	context.asset = {
		"name": a.name,
		"asset_name": a.asset_name,
		"number": a.school_asset_number or "",
		"department": _(frappe.db.get_value("Department", a.department, "department_name") or "")
		if a.department
		else "",
		"location": _(a.location) if a.location else "",
		"status": _(a.status),
		"last_seen": frappe.utils.format_datetime(a.last_seen_on, "yyyy-MM-dd HH:mm")
		if a.last_seen_on
		else "",
		"last_seen_location": _(a.last_seen_location) if a.last_seen_location else "",
		"in_stocktake": bool(open_lines(a.name)),
	}
	context.locations = [
		{"name": n, "label": _(n)} for n in frappe.get_all("Location", pluck="name", order_by="name")
	]
	context.default_location = a.location or ""
	context.messages = {
		"recorded": _("Recorded"),
		"error": _("Something went wrong. Please try again."),
		"saving": _("Saving..."),
		"found": _("Found"),
		"found_elsewhere": _("Found Elsewhere"),
		"damaged": _("Damaged"),
		"arrival": _("Your arrival for the repair is recorded."),
	}
	return context
