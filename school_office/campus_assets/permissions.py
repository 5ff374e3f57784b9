"""Who sees which Asset, Asset Repair, Asset Transfer and Asset Disposal (issue #10, item 7).

The role rights are Custom DocPerm rows (campus_assets/install.py); these hooks narrow them to rows:

- Office Manager, Office Staff (who pick assets for venues) and ERPNext's own asset/accounts/stock roles:
  every asset.
- Asset Administrator: the assets of the departments they administer (Campus Asset Settings, their own
  department) or whose asset_administrator they are — to change; plus those in their custody — to read.
- Department Head: the assets of their department (read); Maintenance Technician: the assets of repairs
  assigned to them and the Asset Repairs of those requests; everybody: the assets in their custody (read).

Frappe's has_permission hooks only narrow: True leaves the role rights to decide.
"""

import frappe

from school_office.campus_assets.assets import administered_departments, user_employees
from school_office.utils.people import employee_departments

UNRESTRICTED = {
	"System Manager",
	"Office Manager",
	"Office Staff",
	"Accounts User",
	"Accounts Manager",
	"Quality Manager",
	"Stock Manager",
	"Stock User",
	"Manufacturing Manager",
}
READ_TYPES = {"read", "select", "print", "report", "export", "email"}


def _unrestricted(user: str) -> bool:
	return user == "Administrator" or bool(UNRESTRICTED & set(frappe.get_roles(user)))


def _in(values) -> str:
	return ", ".join(frappe.db.escape(v) for v in values) if values else "''"


def technician_asset_names(user: str) -> list[str]:
	if "Maintenance Technician" not in frappe.get_roles(user):
		return []
	return frappe.db.sql_list(
		"""select distinct reference_name from `tabService Request`
		where reference_doctype = 'Asset' and _assign like %s""",
		(f"%{user}%",),
	)


def asset_scope(user: str) -> dict:
	roles = set(frappe.get_roles(user))
	return {
		"manage": administered_departments(user) if "Asset Administrator" in roles else [],
		"read_departments": employee_departments(user) if "Department Head" in roles else [],
		"custody": user_employees(user),
		"technician": technician_asset_names(user),
	}


def asset_query_conditions(user=None, doctype=None):
	user = user or frappe.session.user
	if _unrestricted(user):
		return ""
	s = asset_scope(user)
	conds = [f"`tabAsset`.`asset_administrator` = {frappe.db.escape(user)}"]
	if s["manage"] or s["read_departments"]:
		conds.append(f"`tabAsset`.`department` in ({_in(s['manage'] + s['read_departments'])})")
	if s["custody"]:
		conds.append(f"`tabAsset`.`custodian` in ({_in(s['custody'])})")
	if s["technician"]:
		conds.append(f"`tabAsset`.`name` in ({_in(s['technician'])})")
	return "(" + " or ".join(conds) + ")"


def asset_has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if _unrestricted(user):
		return True
	s = asset_scope(user)
	if doc.get("asset_administrator") == user and "Asset Administrator" in frappe.get_roles(user):
		return True
	if doc.get("department") and doc.get("department") in s["manage"]:
		return True
	if ptype in READ_TYPES or ptype is None:
		if doc.get("department") and doc.get("department") in s["read_departments"]:
			return True
		if doc.get("custodian") and doc.get("custodian") in s["custody"]:
			return True
		if doc.get("name") in s["technician"]:
			return True
	if doc.get("__islocal") or not doc.get("name") or doc.get("name", "").startswith("new-"):
		# creating: an Asset Administrator registers assets of their departments only
		return bool(doc.get("department") and doc.get("department") in s["manage"])
	return False


def repair_query_conditions(user=None, doctype=None):
	user = user or frappe.session.user
	if _unrestricted(user) or "Asset Administrator" in frappe.get_roles(user):
		return ""
	return f"""`tabAsset Repair`.`service_request` in (select `name` from `tabService Request`
		where `_assign` like {frappe.db.escape(f"%{user}%")})"""


def repair_has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if _unrestricted(user) or "Asset Administrator" in frappe.get_roles(user):
		return True
	sr = doc.get("service_request")
	if not sr:
		return False
	assigned = frappe.db.get_value("Service Request", sr, "_assign") or ""
	return user in assigned


def _departments_of(user):
	return set(administered_departments(user)) | set(employee_departments(user))


def transfer_query_conditions(user=None, doctype=None):
	user = user or frappe.session.user
	if _unrestricted(user):
		return ""
	depts = _in(sorted(_departments_of(user)))
	return (
		f"(`tabAsset Transfer`.`from_department` in ({depts}) or `tabAsset Transfer`.`to_department` in "
		f"({depts}) or `tabAsset Transfer`.`owner` = {frappe.db.escape(user)})"
	)


def transfer_has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if _unrestricted(user):
		return True
	if doc.get("__islocal") or not doc.get("creation"):
		return True  # the controller checks write permission on the asset
	depts = _departments_of(user)
	return (
		doc.get("from_department") in depts or doc.get("to_department") in depts or doc.get("owner") == user
	)


def disposal_query_conditions(user=None, doctype=None):
	user = user or frappe.session.user
	if _unrestricted(user):
		return ""
	depts = _in(administered_departments(user))
	return f"""(`tabAsset Disposal`.`owner` = {frappe.db.escape(user)} or exists (select 1 from
		`tabAsset Disposal Item` i where i.parent = `tabAsset Disposal`.`name` and i.department in ({depts})))"""


def disposal_has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if _unrestricted(user):
		return True
	if doc.get("__islocal") or not doc.get("creation"):
		return True  # the controller checks write permission on every asset listed
	if doc.get("owner") == user:
		return True
	depts = set(administered_departments(user))
	return any(row.get("department") in depts for row in doc.get("items") or [])
