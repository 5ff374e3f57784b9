"""ERPNext's Asset as the school registers it (AS-1, AS-2): hooks on Asset and small helpers.

- before_validate: an Asset registered from its Asset Classification gets the classification's fixed-asset
  Item and ERPNext Asset Category; its department's asset administrator (Campus Asset Settings) when none is
  given; and the school asset number from the pattern (the client's number is ignored, except from an Office
  Manager or System Manager entering the legacy register).
- the number and the last-seen fields are the system's: on a draft the stored values are kept whatever a
  client sends (desk, REST, import); on a submitted Asset Frappe refuses changes to them (not
  allow-on-submit) and the scan writes them with ``db.set_value``.
"""

import frappe
from frappe import _
from frappe.model.naming import getseries
from frappe.utils import getdate, now_datetime

from school_office.core import campus_assets as rules

SYSTEM_FIELDS = ("last_seen_on", "last_seen_location", "last_seen_by")
REGISTER_ROLES = {"Office Manager", "System Manager"}


def settings():
	return frappe.get_cached_doc("Campus Asset Settings")


def department_administrator(department: str | None) -> str | None:
	if not department:
		return None
	for row in settings().department_administrators:
		if row.department == department:
			return row.asset_administrator
	return None


def administered_departments(user: str) -> list[str]:
	"""Departments whose accountable asset administrator the user is (Campus Asset Settings), and, for an
	Asset Administrator, their own department (ERPNext Employee)."""
	out = {r.department for r in settings().department_administrators if r.asset_administrator == user}
	if "Asset Administrator" in frappe.get_roles(user):
		from school_office.utils.people import employee_departments

		out.update(employee_departments(user))
	return sorted(out)


def user_employees(user: str) -> list[str]:
	if not frappe.db.table_exists("Employee"):
		return []
	return frappe.get_all("Employee", filters={"user_id": user}, pluck="name")


def next_number(asset) -> str | None:
	if not asset.asset_classification:
		return None
	pattern = settings().asset_number_pattern or rules.DEFAULT_NUMBER_PATTERN
	code = frappe.db.get_value("Asset Classification", asset.asset_classification, "code")
	year = getdate(asset.purchase_date).year if asset.purchase_date else now_datetime().year
	dept = ""
	if asset.department:
		dept = frappe.db.get_value("Department", asset.department, "department_name") or ""
	try:
		prefix, digits, suffix = rules.number_prefix(pattern, code, year, dept)
	except rules.PatternError:
		frappe.throw(_("The asset number pattern in Campus Asset Settings is not valid: {0}").format(pattern))
	serial = getseries(f"SAN{prefix}", digits)
	return f"{prefix}{serial}{suffix}"


def before_validate(doc, method=None):
	if doc.asset_classification:
		c = frappe.db.get_value(
			"Asset Classification", doc.asset_classification, ["is_group", "asset_category"], as_dict=True
		)
		if not c:
			frappe.throw(_("Asset Classification {0} does not exist.").format(doc.asset_classification))
		if c.is_group:
			frappe.throw(
				_("Choose a classification that is not a group: {0} has sub-classifications.").format(
					doc.asset_classification
				)
			)
		if not doc.item_code:
			from school_office.campus_assets.install import ensure_item

			doc.item_code = ensure_item(doc.asset_classification)
		if not doc.asset_category and c.asset_category:
			doc.asset_category = c.asset_category
	if not doc.asset_administrator:
		doc.asset_administrator = department_administrator(doc.department)
	protect_system_fields(doc)
	if doc.is_new() or doc.flags.in_insert:
		given = (doc.school_asset_number or "").strip()
		privileged = bool(REGISTER_ROLES & set(frappe.get_roles())) or frappe.session.user == "Administrator"
		if given and privileged:
			doc.school_asset_number = given
		else:
			doc.school_asset_number = next_number(doc)
	elif not doc.school_asset_number and doc.docstatus == 0:
		doc.school_asset_number = next_number(doc)
	if not doc.school_asset_number:
		doc.school_asset_number = None  # unique: empty values must be NULL, not ''


def protect_system_fields(doc):
	"""The scan's fields and an existing number keep their stored values (new Assets start empty)."""
	if doc.flags.campus_assets_system:
		return
	if doc.is_new():
		for f in SYSTEM_FIELDS:
			doc.set(f, None)
		return
	stored = frappe.db.get_value("Asset", doc.name, [*SYSTEM_FIELDS, "school_asset_number"], as_dict=True)
	if not stored:
		return
	for f in SYSTEM_FIELDS:
		doc.set(f, stored.get(f))
	if stored.school_asset_number:
		doc.school_asset_number = stored.school_asset_number


def record_seen(asset: str, location: str | None, user: str | None = None, when=None):
	values = {"last_seen_on": when or now_datetime(), "last_seen_by": user or frappe.session.user}
	if location:
		values["last_seen_location"] = location
	frappe.db.set_value("Asset", asset, values, update_modified=False)


def add_activity(asset: str, text: str):
	"""One timeline per asset: ERPNext's Asset Activity (shown on the Asset) carries the school's events."""
	try:
		from erpnext.assets.doctype.asset_activity.asset_activity import add_asset_activity
	except ImportError:
		return
	add_asset_activity(asset, text)
