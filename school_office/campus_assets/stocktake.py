"""Stocktake (AS-3): plan, lines for the scope, scans, set-based reconciliation in a background job, sign-off.

ERPNext has no asset stocktake (Stock Reconciliation counts stock items, not assets with a location and a
custodian), so the plan and its lines are the app's; what a reconciliation finds goes back into ERPNext:
Found Elsewhere → one draft Asset Movement of those assets to where they were found (the asset office
reviews and submits it),
Damaged → a draft Asset Repair, Missing → one loss review (an Asset Disposal of type Loss, approved by the
Office Manager and then written off through ERPNext's scrapping), surplus (盘盈) → a draft Asset.

The reconciliation works on sets — a few UPDATE … JOIN and GROUP BY queries however many lines there are —
and creates only the documents for the exceptions; benchmarks/campus_assets_stocktake.py measures it
against a per-asset ORM loop.
"""

import time

import frappe
from frappe import _
from frappe.utils import cint, flt, now_datetime, today

from school_office.campus_assets import assets as asset_helpers
from school_office.campus_assets.api import can_scan_line
from school_office.core import campus_assets as rules
from school_office.utils.actions import has_role, load_for_action, lock

DT = "Asset Stocktake"
LINE = "Asset Stocktake Line"
MANAGERS = ("Office Manager", "System Manager")
IN_USE = ("Scrapped", "Sold", "Cancelled", "Capitalized")


def _stocktake(name, for_update=True):
	"""The stocktake's own fields (not its lines, which may be 20,000 rows), after the read check."""
	if for_update:
		lock(DT, name)
	row = frappe.db.get_value(DT, name, "*", as_dict=True)
	if not row:
		frappe.throw(_("{0} {1} does not exist.").format(_(DT), name), frappe.DoesNotExistError)
	if not frappe.has_permission(DT, "read"):
		frappe.throw(
			_("You are not permitted to act on {0} {1}.").format(_(DT), name), frappe.PermissionError
		)
	return row


def scope_assets(doc) -> list[dict]:
	"""The submitted, in-use assets of the stocktake's departments and locations (with sub-locations)."""
	conds = ["a.docstatus = 1", "a.status not in %(gone)s", "a.company = %(company)s"]
	values = {"gone": IN_USE, "company": doc.company}
	depts = [d.department for d in doc.departments]
	if depts:
		conds.append("a.department in %(depts)s")
		values["depts"] = depts
	locs = [d.location for d in doc.locations]
	if locs:
		bounds = frappe.get_all("Location", filters={"name": ("in", locs)}, fields=["lft", "rgt"])
		parts = []
		for i, b in enumerate(bounds):
			values[f"l{i}"], values[f"r{i}"] = b.lft, b.rgt
			parts.append(f"(loc.lft >= %(l{i})s and loc.rgt <= %(r{i})s)")
		conds.append("(" + " or ".join(parts or ["0"]) + ")")
	return frappe.db.sql(
		f"""select a.name, a.asset_name, a.department, a.location, a.custodian
		from `tabAsset` a left join `tabLocation` loc on loc.name = a.location
		where {" and ".join(conds)} order by a.name""",
		values,
		as_dict=True,
	)


def spot_share(stocktake_type) -> float:
	s = asset_helpers.settings()
	if stocktake_type == "Half-yearly Spot Check":
		return flt(s.half_yearly_spot_share) or 20
	if stocktake_type == "Quarterly Spot Check":
		return flt(s.quarterly_spot_share) or 10
	return 100


def insert_lines(stocktake: str, rows: list[dict]):
	"""Lines as one bulk insert (thousands of rows: no per-row ORM)."""
	now = now_datetime()
	user = frappe.session.user
	fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"parent",
		"parenttype",
		"parentfield",
		"idx",
		"asset",
		"asset_name",
		"department",
		"expected_location",
		"expected_custodian",
		"result",
	]
	values = [
		(
			frappe.generate_hash(length=12),
			now,
			now,
			user,
			user,
			0,
			stocktake,
			DT,
			"lines",
			i,
			r["name"],
			r.get("asset_name"),
			r.get("department"),
			r.get("location"),
			r.get("custodian"),
			"Pending",
		)
		for i, r in enumerate(rows, start=1)
	]
	frappe.db.bulk_insert(LINE, fields, values, chunk_size=5000)


@frappe.whitelist(methods=["POST"])
def start_stocktake(name):
	"""Draft → In Progress: one line per asset in scope (a random share for spot checks)."""
	doc = load_for_action(
		DT, name, "write", roles=MANAGERS, message=_("Only the Office Manager starts a stocktake.")
	)
	if doc.status != "Draft":
		frappe.throw(_("Stocktake {0} has already started.").format(doc.name))
	assets = scope_assets(doc)
	if doc.stocktake_type in rules.SPOT_TYPES:
		picked = set(rules.spot_sample([a.name for a in assets], spot_share(doc.stocktake_type), doc.name))
		assets = [a for a in assets if a.name in picked]
	if not assets:
		frappe.throw(_("No assets in use are in the stocktake's scope."))
	present = {d.department for d in doc.departments}
	for dept in sorted({a.department for a in assets if a.department} - present):
		doc.append("departments", {"department": dept})
	for d in doc.departments:
		d.asset_administrator = asset_helpers.department_administrator(d.department)
		d.expected = sum(1 for a in assets if a.department == d.department)
	doc.expected_count = len(assets)
	doc.status = "In Progress"
	doc.flags.campus_assets_action = True
	doc.flags.ignore_permissions = True
	doc.lines = []
	doc.save()
	# the lines are written in bulk (thousands of rows: no per-row ORM)
	frappe.db.delete(LINE, {"parent": doc.name, "parenttype": DT})
	insert_lines(doc.name, assets)
	return {"status": doc.status, "lines": len(assets)}


@frappe.whitelist(methods=["POST"])
def mark_line(stocktake, asset, result, note=None, photo=None):
	"""An asset administrator records what a scan cannot: Missing, or Damaged with a note/photo."""
	st = _stocktake(stocktake)
	if st.status != "In Progress":
		frappe.throw(_("Stocktake {0} is not in progress.").format(stocktake))
	if result not in ("Missing", "Damaged", "Pending"):
		frappe.throw(_("Choose Missing or Damaged."))
	line = frappe.db.get_value(
		LINE, {"parent": stocktake, "parenttype": DT, "asset": asset}, ["name", "department"], as_dict=True
	)
	if not line:
		frappe.throw(_("Asset {0} is not on this stocktake.").format(asset))
	if not can_scan_line(frappe.session.user, line.department):
		frappe.throw(
			_("Only the department's asset administrator records its lines."), frappe.PermissionError
		)
	if result == "Damaged":
		asset_helpers.record_seen(asset, None)
	frappe.db.set_value(
		LINE,
		line.name,
		{
			"result": result,
			"scanned_by": frappe.session.user,
			"scanned_on": now_datetime(),
			"note": (note or "").strip()[:500] or None,
			"photo": photo or None,
		},
		update_modified=False,
	)
	return result


@frappe.whitelist(methods=["POST"])
def add_surplus(
	stocktake, description, location, asset_classification=None, photo=None, estimated_value=None
):
	"""盘盈: an asset found that is on no line."""
	st = _stocktake(stocktake)
	if st.status != "In Progress":
		frappe.throw(_("Stocktake {0} is not in progress.").format(stocktake))
	if not has_role((*MANAGERS, "Asset Administrator")):
		frappe.throw(_("Only asset administrators report surplus assets."), frappe.PermissionError)
	if not (description or "").strip() or not frappe.db.exists("Location", location or ""):
		frappe.throw(_("Describe the asset and choose where it was found."))
	if asset_classification and not frappe.db.exists("Asset Classification", asset_classification):
		frappe.throw(_("Asset Classification {0} does not exist.").format(asset_classification))
	idx = cint(
		frappe.db.sql("select max(idx) from `tabAsset Stocktake Surplus` where parent=%s", stocktake)[0][0]
	)
	now = now_datetime()
	row = frappe.get_doc(
		{
			"doctype": "Asset Stocktake Surplus",
			"parent": stocktake,
			"parenttype": DT,
			"parentfield": "surplus",
			"idx": idx + 1,
			"description": description.strip()[:500],
			"location": location,
			"asset_classification": asset_classification,
			"photo": photo,
			"estimated_value": max(flt(estimated_value), 0),
			"reported_by": frappe.session.user,
		}
	)
	row.db_insert()
	frappe.db.set_value(DT, stocktake, "modified", now, update_modified=False)
	return row.name


@frappe.whitelist(methods=["POST"])
def reconcile_stocktake(name):
	"""In Progress → Reconciling; the reconciliation runs in a background job (progress on the form)."""
	st = _stocktake(name)
	if not has_role(MANAGERS) or not frappe.has_permission(DT, "write"):
		frappe.throw(_("Only the Office Manager reconciles a stocktake."), frappe.PermissionError)
	if st.status != "In Progress":
		frappe.throw(_("Stocktake {0} is not in progress.").format(name))
	frappe.db.set_value(DT, name, {"status": "Reconciling", "progress": 0})
	frappe.enqueue(
		"school_office.campus_assets.stocktake.run_reconciliation",
		queue="long",
		timeout=1800,
		name=name,
		enqueue_after_commit=True,
		now=bool(frappe.flags.in_test),
	)
	return "Reconciling"


def _progress(name, percent, commit, timings=None):
	if timings is not None:
		timings.append((percent, time.perf_counter()))
	frappe.db.set_value(DT, name, "progress", percent, update_modified=False)
	frappe.publish_progress(percent, title=_("Reconciling"), doctype=DT, docname=name)
	if commit:
		frappe.db.commit()


def run_reconciliation(name, commit=True, timings=None):
	"""The job: sets first, then the documents for the exceptions, then the rates."""
	st = frappe.db.get_value(DT, name, ["name", "company", "status", "loss_review"], as_dict=True)
	if not st or st.status != "Reconciling":
		return
	now = now_datetime()
	# 1. whatever nobody found is missing
	frappe.db.sql(
		f"update `tab{LINE}` set result='Missing' where parent=%s and parenttype=%s and result='Pending'",
		(name, DT),
	)
	# 2. last seen: every scan already wrote it on the asset (api.record_scan, mark_line), so no pass here
	_progress(name, 20, commit, timings)
	# 3. found elsewhere: one draft Asset Movement (a row per asset, each to where it was found)
	elsewhere = frappe.db.sql(
		f"""select l.asset, l.found_location, a.location from `tab{LINE}` l join `tabAsset` a on a.name = l.asset
		where l.parent=%s and l.parenttype=%s and l.result='Found Elsewhere' order by l.found_location, l.idx""",
		(name, DT),
		as_dict=True,
	)
	rows = [r for r in elsewhere if r.found_location and r.found_location != r.location]
	if rows:
		movement = frappe.get_doc(
			{
				"doctype": "Asset Movement",
				"company": st.company,
				"purpose": "Transfer",
				"transaction_date": now,
				"reference_doctype": DT,
				"reference_name": name,
				"assets": [
					{"asset": r.asset, "source_location": r.location, "target_location": r.found_location}
					for r in rows
				],
			}
		)
		movement.flags.ignore_permissions = True
		movement.insert()
	_progress(name, 40, commit, timings)
	# 4. damaged: a draft Asset Repair each
	damaged = frappe.db.sql(
		f"select asset, note from `tab{LINE}` where parent=%s and parenttype=%s and result='Damaged' order by idx",
		(name, DT),
		as_dict=True,
	)
	for r in damaged:
		repair = frappe.get_doc(
			{
				"doctype": "Asset Repair",
				"asset": r.asset,
				"company": st.company,
				"failure_date": now,
				"repair_status": "Pending",
				"description": r.note or _("Found damaged in stocktake {0}").format(name),
			}
		)
		repair.flags.ignore_permissions = True
		repair.insert()
	_progress(name, 60, commit, timings)
	# 5. missing: one loss review
	missing = frappe.db.sql_list(
		f"select asset from `tab{LINE}` where parent=%s and parenttype=%s and result='Missing' order by idx",
		(name, DT),
	)
	loss_review = st.loss_review
	if missing and not loss_review:
		review = frappe.get_doc(
			{
				"doctype": "Asset Disposal",
				"disposal_type": "Loss",
				"reason": _("Missing in stocktake {0}").format(name),
				"asset_stocktake": name,
				"items": [{"asset": a} for a in missing],
			}
		)
		review.flags.ignore_permissions = True
		review.insert()
		loss_review = review.name
	_progress(name, 75, commit, timings)
	# 6. surplus: a draft Asset each
	default_class = asset_helpers.settings().surplus_classification
	for s in frappe.get_all(
		"Asset Stocktake Surplus",
		filters={"parent": name, "parenttype": DT, "new_asset": ("in", ("", None))},
		fields=["name", "description", "location", "asset_classification", "estimated_value"],
		order_by="idx",
	):
		classification = s.asset_classification or default_class
		if not classification:
			continue
		asset = frappe.get_doc(
			{
				"doctype": "Asset",
				"asset_name": (s.description or "")[:140],
				"asset_classification": classification,
				"company": st.company,
				"location": s.location,
				"purchase_date": today(),
				"available_for_use_date": today(),
				"is_existing_asset": 1,
				# ERPNext requires a value: the reported estimate (1 until appraised) on the draft
				"gross_purchase_amount": flt(s.estimated_value) or 1,
				"purchase_amount": flt(s.estimated_value) or 1,
				"calculate_depreciation": 0,
			}
		)
		asset.flags.ignore_permissions = True
		asset.insert()
		frappe.db.set_value("Asset Stocktake Surplus", s.name, "new_asset", asset.name, update_modified=False)
	_progress(name, 90, commit, timings)
	# 7. rates: per department and overall (GROUP BY)
	counts = frappe.db.sql(
		f"""select department, result, count(*) n from `tab{LINE}` where parent=%s and parenttype=%s
		group by department, result""",
		(name, DT),
		as_dict=True,
	)
	totals: dict[str, int] = {}
	per_dept: dict[str, dict[str, int]] = {}
	for c in counts:
		totals[c.result] = totals.get(c.result, 0) + c.n
		per_dept.setdefault(c.department or "", {})[c.result] = c.n
	for row in frappe.get_all(
		"Asset Stocktake Department",
		filters={"parent": name, "parenttype": DT},
		fields=["name", "department"],
	):
		d = per_dept.get(row.department, {})
		expected = sum(d.values())
		frappe.db.set_value(
			"Asset Stocktake Department",
			row.name,
			{
				"expected": expected,
				"missing": d.get("Missing", 0),
				"loss_rate": rules.loss_rate(expected, d.get("Missing", 0)),
			},
			update_modified=False,
		)
	expected = sum(totals.values())
	surplus = frappe.db.count("Asset Stocktake Surplus", {"parent": name, "parenttype": DT})
	frappe.db.set_value(
		DT,
		name,
		{
			"expected_count": expected,
			"found_count": totals.get("Found", 0),
			"elsewhere_count": totals.get("Found Elsewhere", 0),
			"missing_count": totals.get("Missing", 0),
			"damaged_count": totals.get("Damaged", 0),
			"surplus_count": surplus,
			"loss_rate": rules.loss_rate(expected, totals.get("Missing", 0)),
			"target_loss_rate": flt(asset_helpers.settings().loss_rate_target) or 0.5,
			"loss_review": loss_review,
			"reconciled_on": now_datetime(),
			"progress": 100,
		},
	)
	frappe.publish_progress(100, title=_("Reconciling"), doctype=DT, docname=name)
	if commit:
		frappe.db.commit()


@frappe.whitelist(methods=["POST"])
def sign_off(name, department):
	"""The department's asset administrator signs off their part; when every department has, it is complete."""
	st = _stocktake(name)
	if st.status != "Reconciling" or not st.reconciled_on:
		frappe.throw(_("Sign off after the reconciliation has finished."))
	row = frappe.db.get_value(
		"Asset Stocktake Department",
		{"parent": name, "parenttype": DT, "department": department},
		["name", "asset_administrator", "signed_off_on"],
		as_dict=True,
	)
	if not row:
		frappe.throw(_("Department {0} is not part of this stocktake.").format(department))
	user = frappe.session.user
	if user not in (row.asset_administrator, "Administrator") and not (
		has_role(("Asset Administrator",)) and department in asset_helpers.administered_departments(user)
	):
		frappe.throw(
			_("Only the asset administrator of {0} signs off its part.").format(department),
			frappe.PermissionError,
		)
	if row.signed_off_on:
		frappe.throw(_("{0} has already signed off.").format(department))
	frappe.db.set_value(
		"Asset Stocktake Department",
		row.name,
		{"signed_off_by": user, "signed_off_on": now_datetime()},
		update_modified=False,
	)
	pending = frappe.db.count(
		"Asset Stocktake Department", {"parent": name, "parenttype": DT, "signed_off_on": ("is", "not set")}
	)
	if not pending:
		frappe.db.set_value(DT, name, "status", "Completed")
	return "Completed" if not pending else "Reconciling"
