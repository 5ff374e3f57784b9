"""Repairs (AS-5): a repair Service Request about an Asset opens an ERPNext Asset Repair and keeps it in step.

The service desk's Service Request already carries the subject (reference_doctype / reference_name); its
SLA, routing and status flow stay the service desk's. This module adds, through doc_events on Service
Request and Asset Repair:

- after_insert: a draft Asset Repair (failure date = the request's creation, its description, the
  request's link) with the clocks on the school calendar — respond 2 h (office equipment 4 h), on site 8 h
  (office equipment 24 h), major faults (classification flag, e.g. air conditioning) fixed in 48 h; all
  hours are Campus Asset Settings;
- on_update: the request's first response (SLA first_responded_on, else its acceptance) is the repair's
  responded_on; Resolved/Closed completes the repair (repair_status Completed, completion date), Rejected
  cancels it;
- Asset Repair on_update: a repair completed on the ERPNext side is noted on the request's timeline
  (the request's resolution stays the service desk's step, with its outcome and details);
- the technician's arrival is recorded when they scan the asset's label (campus_assets.api.record_scan).
"""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from school_office.core import campus_assets as rules

REPAIR_SERVICE_TYPES = ("Repair Request",)
REPAIR_CATEGORIES = ("Facilities and Repairs",)


def is_asset_repair(sr) -> bool:
	if sr.get("reference_doctype") != "Asset" or not sr.get("reference_name"):
		return False
	if sr.get("service_type") in REPAIR_SERVICE_TYPES:
		return True
	category = sr.get("service_category") or (
		frappe.db.get_value("Service Type", sr.service_type, "service_category")
		if sr.get("service_type")
		else None
	)
	return category in REPAIR_CATEGORIES


def clocks(asset: str, start) -> dict:
	from school_office.campus_assets.assets import settings
	from school_office.utils.calendar import get_work_calendar

	s = settings()
	classification = frappe.db.get_value("Asset", asset, "asset_classification")
	flags = (
		frappe.db.get_value(
			"Asset Classification", classification, ["is_office_equipment", "is_major_fault"], as_dict=True
		)
		if classification
		else None
	) or frappe._dict(is_office_equipment=0, is_major_fault=0)
	t = rules.repair_targets(
		office_equipment=bool(flags.is_office_equipment),
		major_fault=bool(flags.is_major_fault),
		respond_hours=s.respond_hours or 2,
		office_respond_hours=s.office_respond_hours or 4,
		on_site_hours=s.on_site_hours or 8,
		office_on_site_hours=s.office_on_site_hours or 24,
		major_fix_hours=s.major_fix_hours or 48,
	)
	cal = get_work_calendar()
	start = get_datetime(start)
	return {
		"is_major_fault": int(bool(flags.is_major_fault)),
		"respond_by": cal.add_working_hours(start, t.respond_hours),
		"on_site_by": cal.add_working_hours(start, t.on_site_hours),
		"fix_by": cal.add_working_hours(start, t.fix_hours) if t.fix_hours else None,
	}


def repair_of(sr_name: str) -> str | None:
	return frappe.db.get_value("Asset Repair", {"service_request": sr_name, "docstatus": ("<", 2)})


def on_request_insert(doc, method=None):
	if not is_asset_repair(doc) or not frappe.db.exists("Asset", doc.reference_name) or repair_of(doc.name):
		return
	company = frappe.db.get_value("Asset", doc.reference_name, "company")
	started = doc.creation or now_datetime()
	repair = frappe.get_doc(
		{
			"doctype": "Asset Repair",
			"asset": doc.reference_name,
			"company": company,
			"failure_date": started,
			"repair_status": "Pending",
			"description": doc.subject or "",
			"service_request": doc.name,
			**clocks(doc.reference_name, started),
		}
	)
	repair.flags.ignore_permissions = True
	repair.insert()
	from school_office.campus_assets.assets import add_activity

	add_activity(doc.reference_name, _("Repair requested: {0}").format(doc.name))


def on_request_update(doc, method=None):
	if not is_asset_repair(doc):
		return
	name = repair_of(doc.name)
	if not name:
		return
	r = frappe.db.get_value(
		"Asset Repair", name, ["responded_on", "repair_status", "docstatus", "completion_date"], as_dict=True
	)
	values = {}
	responded = doc.get("first_responded_on") or (
		now_datetime() if doc.status in ("Accepted", "In Progress", "Resolved", "Closed") else None
	)
	if responded and not r.responded_on:
		values["responded_on"] = responded
	if r.docstatus == 0:
		if doc.status in ("Resolved", "Closed") and r.repair_status == "Pending":
			values.update(repair_status="Completed", completion_date=doc.get("resolved_on") or now_datetime())
		elif doc.status == "Rejected" and r.repair_status == "Pending":
			values["repair_status"] = "Cancelled"
	if values:
		frappe.db.set_value("Asset Repair", name, values, update_modified=False)


def on_repair_update(doc, method=None):
	sr = doc.get("service_request")
	if not sr or doc.repair_status != "Completed":
		return
	before = doc.get_doc_before_save()
	if before and before.repair_status == "Completed":
		return
	if frappe.db.get_value("Service Request", sr, "status") not in ("Resolved", "Closed"):
		frappe.get_doc("Service Request", sr).add_comment(
			"Info", _("Asset Repair {0} is completed.").format(doc.name)
		)


def monthly_rates(from_date=None, to_date=None) -> list[dict]:
	"""Per month: repairs, responded / on site / fixed (major) in time, resolution rate (AS-5: 95 %)."""
	conds, values = ["r.service_request is not null", "r.docstatus < 2"], {}
	if from_date:
		conds.append("r.failure_date >= %(from)s")
		values["from"] = from_date
	if to_date:
		conds.append("r.failure_date < %(to)s")
		values["to"] = to_date
	return frappe.db.sql(
		f"""select date_format(r.failure_date, '%%Y-%%m') as month, count(*) as repairs,
			sum(r.responded_on is not null and r.responded_on <= r.respond_by) as responded_in_time,
			sum(r.arrived_on is not null and r.arrived_on <= r.on_site_by) as on_site_in_time,
			sum(r.is_major_fault) as major_faults,
			sum(r.is_major_fault and r.completion_date is not null and r.completion_date <= r.fix_by)
				as major_fixed_in_time,
			sum(r.repair_status = 'Completed') as resolved
		from `tabAsset Repair` r where {" and ".join(conds)}
		group by month order by month""",
		values,
		as_dict=True,
	)
