"""Actions of the campus asset office (AS-1, AS-2): transfers, disposals, the guarded scrap, scanning.

Every action loads the stored record through school_office.utils.actions (row locked, the caller's
permission and role checked) and saves with system_save; nothing from the client decides a state, an
approver or a result beyond the choice the step offers.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from school_office.campus_assets import assets as asset_helpers
from school_office.core import campus_assets as rules
from school_office.utils.actions import has_role, load_for_action, require_roles, system_save
from school_office.utils.people import employee_departments

MANAGERS = ("Office Manager", "System Manager")


def _is_manager(user=None) -> bool:
	return has_role(MANAGERS, user)


# ----------------------------------------------------------------------------- transfer (调拨)


def _transfer_step(doc) -> str:
	"""The department whose head acts now."""
	if doc.status == "Pending Source Approval":
		return doc.from_department
	if doc.status == "Pending Target Approval":
		return doc.to_department
	frappe.throw(_("Transfer {0} is {1}: nothing to approve.").format(doc.name, _(doc.status)))


def _require_head_of(department):
	user = frappe.session.user
	if user == "Administrator" or has_role(("System Manager",)):
		return
	if not has_role(("Department Head",)) or department not in employee_departments(user):
		frappe.throw(
			_("Only the head of {0} may approve this step.").format(department or _("the department")),
			frappe.PermissionError,
		)


@frappe.whitelist(methods=["POST"])
def approve_transfer(name):
	doc = load_for_action(
		"Asset Transfer",
		name,
		"read",
		roles=("Department Head", "System Manager"),
		message=_("Only department heads approve transfers."),
	)
	_require_head_of(_transfer_step(doc))
	doc.flags.campus_assets_action = True
	if doc.status == "Pending Source Approval":
		doc.source_approved_by = frappe.session.user
		doc.source_approved_on = now_datetime()
		doc.status = "Pending Target Approval"
		system_save(doc)
		return doc.status
	doc.target_approved_by = frappe.session.user
	doc.target_approved_on = now_datetime()
	doc.status = "Approved"
	system_save(doc)
	movement = frappe.get_doc("Asset Movement", doc.asset_movement)
	# what is submitted is what both heads approved, whatever a draft's editor changed meanwhile
	movement.set(
		"assets",
		[
			{
				"asset": doc.asset,
				"source_location": doc.from_location,
				"target_location": doc.to_location,
				"from_employee": doc.from_custodian,
				"to_employee": doc.to_custodian,
			}
		],
	)
	movement.purpose = "Transfer"
	movement.flags.ignore_permissions = True
	frappe.flags.campus_assets_approved_transfer = doc.name
	try:
		movement.submit()
	finally:
		frappe.flags.campus_assets_approved_transfer = None
	frappe.db.set_value(
		"Asset",
		doc.asset,
		{
			"department": doc.to_department,
			"asset_administrator": asset_helpers.department_administrator(doc.to_department),
		},
	)
	asset_helpers.add_activity(
		doc.asset,
		_("Transferred from {0} to {1} ({2})").format(
			doc.from_department or "-", doc.to_department, doc.name
		),
	)
	return doc.status


@frappe.whitelist(methods=["POST"])
def reject_transfer(name, reason=None):
	doc = load_for_action(
		"Asset Transfer",
		name,
		"read",
		roles=("Department Head", "System Manager"),
		message=_("Only department heads decide on transfers."),
	)
	_require_head_of(_transfer_step(doc))
	if not (reason or "").strip():
		frappe.throw(_("Give the reason for the rejection."))
	doc.flags.campus_assets_action = True
	doc.status = "Rejected"
	doc.rejected_by = frappe.session.user
	doc.rejection_reason = reason.strip()
	system_save(doc)
	movement = doc.asset_movement
	if movement and frappe.db.get_value("Asset Movement", movement, "docstatus") == 0:
		frappe.db.set_value("Asset Transfer", doc.name, "asset_movement", None, update_modified=False)
		frappe.delete_doc("Asset Movement", movement, ignore_permissions=True)
	return doc.status


MOVEMENT_ROLES = ("Office Manager", "System Manager", "Stock Manager", "Accounts Manager")


def guard_movement_submit(doc, method=None):
	"""Asset Movement before_submit: a transfer's movement is submitted only by its last approval; other
	movements only by the Office Manager (or ERPNext's stock/accounts managers), except the receipt ERPNext
	itself makes when an Asset is submitted (which an asset administrator registering an asset triggers)."""
	if doc.reference_doctype == "Asset Transfer" and doc.reference_name:
		if frappe.flags.campus_assets_approved_transfer == doc.reference_name:
			return
		frappe.throw(
			_(
				"This movement belongs to transfer {0}; it is submitted when both department heads approved."
			).format(doc.reference_name),
			frappe.PermissionError,
		)
	if doc.purpose == "Receipt" and len(doc.assets) == 1:
		# ERPNext's first receipt of a newly submitted asset (Asset.make_asset_movement)
		asset = doc.assets[0].asset
		if not frappe.db.sql(
			"""select 1 from `tabAsset Movement Item` i join `tabAsset Movement` m on m.name = i.parent
			where i.asset = %s and m.docstatus = 1 limit 1""",
			(asset,),
		):
			return
	if not has_role(MOVEMENT_ROLES):
		frappe.throw(
			_("Assets move between departments through an Asset Transfer approved by both department heads."),
			frappe.PermissionError,
		)


# ----------------------------------------------------------------------------- disposal (报废)


@frappe.whitelist(methods=["POST"])
def approve_disposal(name):
	doc = load_for_action(
		"Asset Disposal",
		name,
		"read",
		roles=MANAGERS,
		message=_("Only the Office Manager approves disposals."),
	)
	if doc.status != "Requested":
		frappe.throw(_("Disposal {0} is {1}: nothing to approve.").format(doc.name, _(doc.status)))
	doc.flags.campus_assets_action = True
	doc.status = "Approved"
	doc.approved_by = frappe.session.user
	doc.approved_on = now_datetime()
	system_save(doc)
	return doc.status


@frappe.whitelist(methods=["POST"])
def reject_disposal(name, reason=None):
	doc = load_for_action(
		"Asset Disposal",
		name,
		"read",
		roles=MANAGERS,
		message=_("Only the Office Manager decides on disposals."),
	)
	if doc.status != "Requested":
		frappe.throw(_("Disposal {0} is {1}: nothing to decide.").format(doc.name, _(doc.status)))
	if not (reason or "").strip():
		frappe.throw(_("Give the reason for the rejection."))
	doc.flags.campus_assets_action = True
	doc.status = "Rejected"
	doc.rejection_reason = reason.strip()
	system_save(doc)
	return doc.status


def _scrap_row(doc, row, scrap_date=None):
	from erpnext.assets.doctype.asset.depreciation import scrap_asset as erpnext_scrap_asset

	erpnext_scrap_asset(row.asset, scrap_date or doc.scrap_date)
	row.scrapped = 1
	row.journal_entry = frappe.db.get_value("Asset", row.asset, "journal_entry_for_scrap")
	label = _("Written off as lost") if doc.disposal_type == "Loss" else _("Scrapped")
	asset_helpers.add_activity(row.asset, f"{label} ({doc.name})")


def _finish(doc):
	doc.flags.campus_assets_action = True
	if all(r.scrapped for r in doc.items):
		doc.status = "Scrapped"
		doc.scrapped_on = now_datetime()
	system_save(doc)


@frappe.whitelist(methods=["POST"])
def scrap_disposal(name):
	"""Scrap (through ERPNext) every asset of an approved disposal."""
	doc = load_for_action(
		"Asset Disposal",
		name,
		"write",
		roles=(*MANAGERS, "Asset Administrator"),
		message=_("Only the Office Manager or an asset administrator scraps approved disposals."),
	)
	if doc.status != "Approved":
		frappe.throw(_("Disposal {0} must be approved by the Office Manager first.").format(doc.name))
	for row in doc.items:
		if not row.scrapped:
			_scrap_row(doc, row)
	_finish(doc)
	return doc.status


@frappe.whitelist(methods=["POST"])
def scrap_asset(asset_name, scrap_date=None):
	"""Replaces ERPNext's erpnext.assets.doctype.asset.depreciation.scrap_asset (the Asset form's Scrap
	button and its REST endpoint): only an asset listed on an approved disposal is scrapped."""
	require_roles((*MANAGERS, "Asset Administrator"), _("You may not scrap assets."))
	frappe.has_permission("Asset", "write", asset_name, throw=True)
	parent = frappe.db.sql(
		"""select d.name from `tabAsset Disposal` d join `tabAsset Disposal Item` i on i.parent = d.name
		where d.status = 'Approved' and i.asset = %s and i.scrapped = 0 limit 1""",
		(asset_name,),
	)
	if not parent:
		frappe.throw(
			_(
				"Asset {0} can be scrapped only after the Office Manager approved its disposal request."
			).format(asset_name),
			frappe.PermissionError,
		)
	doc = load_for_action("Asset Disposal", parent[0][0], "write")
	for row in doc.items:
		if row.asset == asset_name and not row.scrapped:
			_scrap_row(doc, row, scrap_date)
	_finish(doc)


@frappe.whitelist(methods=["POST"])
def restore_asset(asset_name):
	"""Replaces ERPNext's restore_asset: only the Office Manager undoes a scrapping."""
	require_roles(MANAGERS, _("Only the Office Manager may restore a scrapped asset."))
	frappe.has_permission("Asset", "write", asset_name, throw=True)
	from erpnext.assets.doctype.asset.depreciation import restore_asset as erpnext_restore_asset

	erpnext_restore_asset(asset_name)
	asset_helpers.add_activity(asset_name, _("Restored by {0}").format(frappe.session.user))


# ----------------------------------------------------------------------------- scanning (AS-2)


def scan_url(asset: str) -> str:
	"""What a label's QR code encodes (the phone app of issue #15 parses exactly this)."""
	from urllib.parse import quote

	return frappe.utils.get_url(f"/asset-scan?asset={quote(asset)}")


def can_scan_line(user, department) -> bool:
	if _is_manager(user):
		return True
	return has_role(("Asset Administrator",), user) and department in asset_helpers.administered_departments(
		user
	)


def open_lines(asset: str):
	return frappe.db.sql(
		"""select l.name, l.parent, l.department, l.expected_location, l.result
		from `tabAsset Stocktake Line` l join `tabAsset Stocktake` s on s.name = l.parent
		where s.status = 'In Progress' and l.parenttype = 'Asset Stocktake' and l.asset = %s""",
		(asset,),
		as_dict=True,
	)


@frappe.whitelist(methods=["POST"])
def record_scan(asset, location=None, result=None, note=None):
	"""A label scanned on a phone: last seen (who, where, when); during a stocktake the line is marked Found or
	Found Elsewhere at the scanner's location (Damaged when the scanner says so); a technician's scan of an
	asset under repair records their arrival."""
	doc = load_for_action("Asset", asset, "read", for_update=False)
	if location and not frappe.db.exists("Location", location):
		frappe.throw(_("Location {0} does not exist.").format(location))
	if result not in (None, "", "Found", "Damaged"):
		frappe.throw(_("A scan records Found or Damaged."))
	user = frappe.session.user
	now = now_datetime()
	asset_helpers.record_seen(doc.name, location, user, now)
	out = {"asset": doc.name, "last_seen_on": str(now), "location": location, "stocktake": []}
	for line in open_lines(doc.name):
		if not can_scan_line(user, line.department):
			continue
		value = "Damaged" if result == "Damaged" else rules.scan_result(line.expected_location, location)
		frappe.db.set_value(
			"Asset Stocktake Line",
			line.name,
			{
				"result": value,
				"found_location": location or line.expected_location,
				"scanned_by": user,
				"scanned_on": now,
				"note": (note or "").strip()[:500] or None,
			},
			update_modified=False,
		)
		out["stocktake"].append({"stocktake": line.parent, "result": value})
	out["arrival"] = record_arrival(doc.name, user, now)
	return out


def record_arrival(asset, user, when):
	"""The technician assigned to an open repair of this asset is on site."""
	if not has_role(("Maintenance Technician",), user) or not frappe.get_meta("Asset Repair").has_field(
		"arrived_on"
	):
		return None
	rows = frappe.db.sql(
		"""select r.name from `tabAsset Repair` r join `tabService Request` s on s.name = r.service_request
		where r.asset = %s and r.docstatus = 0 and r.repair_status = 'Pending' and r.arrived_on is null
		and s._assign like %s""",
		(asset, f"%{user}%"),
	)
	for (name,) in rows:
		frappe.db.set_value("Asset Repair", name, "arrived_on", when, update_modified=False)
		return name
	return None
