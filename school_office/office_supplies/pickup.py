"""SU-4: staff pick up supplies at the desk.

A request is an ERPNext Material Request of type *Material Issue* with the requesting department and the
requester (custom fields). Its department's head approves it; a request for teaching consumables also
needs the head of the teaching department (setting) and is delivered with the quarter's delivery (its
required-by date is the first day of the next quarter) instead of a pick-up slot. Once approved the
request is submitted and, for ordinary supplies, given the next free pick-up slot in the desk's window
(09:00–11:00 by default, slots of 15 minutes, working days of the school calendar). The storekeeper
(ERPNext's Stock User) issues it in one step: a submitted Stock Entry (Material Issue) from the store,
linked to the request, so ERPNext marks the request Issued. The *Supply Issue Register* report lists
the issues per department.
"""

from __future__ import annotations

import json
from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import flt, get_datetime, getdate, now_datetime, nowdate

from school_office.core.supplies import pickup_slots, quarter_bounds
from school_office.office_supplies.plan import supply_items
from school_office.utils.actions import has_role, lock, require_roles
from school_office.utils.people import employee_departments

STOREKEEPERS = ("Stock User", "Stock Manager")
MANAGERS = ("Office Manager", "System Manager")


def _settings():
	return frappe.get_cached_doc("Office Supplies Settings")


def _time(v):
	from school_office.core.worktime import calendar_from_settings

	return calendar_from_settings(v, "23:59:59").start


def next_quarter_start(today=None):
	today = getdate(today or nowdate())
	q = (today.month - 1) // 3 + 1
	period = f"{today.year + (q == 4)}-Q{1 if q == 4 else q + 1}"
	return quarter_bounds(period)[0]


@frappe.whitelist(methods=["POST"])
def request_supplies(items, teaching_consumable=0, department=None):
	"""A staff member asks for supplies (desk or phone): a draft Material Issue request of their department."""
	user = frappe.session.user
	mine = employee_departments(user)
	if user == "Guest" or not mine:
		frappe.throw(_("Only staff with an employee record request supplies."), frappe.PermissionError)
	department = department or mine[0]
	if department not in mine:
		frappe.throw(_("You can only request supplies for your own department."), frappe.PermissionError)
	rows = json.loads(items) if isinstance(items, str) else (items or [])
	allowed = set(supply_items(_settings().supply_item_group))
	clean = []
	for r in rows:
		code, qty = (r or {}).get("item_code"), flt((r or {}).get("qty"))
		if not code or code not in allowed:
			frappe.throw(_("{0} is not an office supply.").format(frappe.bold(code or "?")))
		if qty <= 0:
			frappe.throw(_("Quantity of {0} must be more than zero.").format(code))
		clean.append((code, qty))
	if not clean:
		frappe.throw(_("Choose at least one item."))
	store = _settings().store_warehouse
	if not store:
		frappe.throw(_("No supplies store is set in Office Supplies Settings."))
	teaching = 1 if int(teaching_consumable or 0) else 0
	schedule = next_quarter_start() if teaching else getdate(nowdate())
	mr = frappe.new_doc("Material Request")
	mr.material_request_type = "Material Issue"
	mr.company = frappe.db.get_value("Warehouse", store, "company")
	mr.transaction_date = nowdate()
	mr.schedule_date = schedule
	mr.set_warehouse = store
	mr.school_department = department
	mr.school_requester = user
	mr.teaching_consumable = teaching
	for code, qty in clean:
		mr.append("items", {"item_code": code, "qty": qty, "warehouse": store, "schedule_date": schedule})
	mr.flags.supplies_system = True
	mr.flags.ignore_permissions = True  # staff have no Material Request rights; the values are checked above
	mr.insert()
	return {"name": mr.name, "status": _("Pending Approval")}


def guard_request_fields(doc, method=None):
	"""Material Request validate: requester, approvals, slot and plan are the system's (read-only custom
	fields that a client could otherwise write over REST)."""
	if doc.flags.supplies_system:
		return
	fields = (
		"school_requester",
		"department_approved_by",
		"teaching_approved_by",
		"pickup_slot",
		"supply_plan",
	)
	stored = {}
	if not doc.is_new():
		stored = frappe.db.get_value("Material Request", doc.name, list(fields), as_dict=True) or {}
	for f in fields:
		if (doc.get(f) or None) != (stored.get(f) or None) and str(doc.get(f) or "") != str(
			stored.get(f) or ""
		):
			if doc.is_new() and doc.get("amended_from"):
				doc.set(f, None)
				continue
			frappe.throw(
				_("{0} is set by the system.").format(_(doc.meta.get_label(f))), frappe.PermissionError
			)


def _load(name):
	lock("Material Request", name)
	mr = frappe.get_doc("Material Request", name)
	if mr.material_request_type != "Material Issue" or not mr.get("school_department"):
		frappe.throw(_("{0} is not a supplies pick-up request.").format(name))
	return mr


def _is_head_of(department, user=None):
	user = user or frappe.session.user
	return has_role(("Department Head",), user) and department in employee_departments(user)


@frappe.whitelist(methods=["POST"])
def approve_request(material_request):
	"""The department head (and, for teaching consumables, the teaching department's head) approve."""
	require_roles(("Department Head", *MANAGERS), _("Only a department head approves supply requests."))
	mr = _load(material_request)
	if mr.docstatus != 0:
		frappe.throw(_("This request is no longer waiting for approval."))
	user = frappe.session.user
	teaching = _settings().teaching_department
	did = []
	if not mr.department_approved_by and (_is_head_of(mr.school_department) or has_role(MANAGERS)):
		mr.department_approved_by = user
		did.append("department")
	elif (
		mr.teaching_consumable
		and mr.department_approved_by
		and not mr.teaching_approved_by
		and ((teaching and _is_head_of(teaching)) or has_role(MANAGERS))
	):
		mr.teaching_approved_by = user
		did.append("teaching")
	if not did:
		frappe.throw(
			_("You cannot approve this request (or you have already approved it)."), frappe.PermissionError
		)
	done = mr.department_approved_by and (not mr.teaching_consumable or mr.teaching_approved_by)
	mr.flags.supplies_system = True
	mr.flags.ignore_permissions = True
	if done:
		if not mr.teaching_consumable:
			mr.pickup_slot = next_free_slot(exclude=mr.name)
		mr.save()
		mr.submit()
	else:
		mr.save()
	return {"name": mr.name, "approved": bool(done), "pickup_slot": mr.pickup_slot}


@frappe.whitelist(methods=["POST"])
def reject_request(material_request, reason):
	require_roles(("Department Head", *MANAGERS), _("Only a department head rejects supply requests."))
	mr = _load(material_request)
	teaching = _settings().teaching_department
	if not (has_role(MANAGERS) or _is_head_of(mr.school_department) or (teaching and _is_head_of(teaching))):
		frappe.throw(_("You cannot reject this request."), frappe.PermissionError)
	if mr.docstatus != 0:
		frappe.throw(_("This request is no longer waiting for approval."))
	if not (reason or "").strip():
		frappe.throw(_("Give the reason for the rejection."))
	mr.add_comment("Comment", _("Rejected: {0}").format(frappe.utils.escape_html(reason.strip())))
	mr.flags.ignore_permissions = True
	mr.submit()
	mr.cancel()
	return {"name": mr.name}


def next_free_slot(after=None, exclude=None, days=30):
	"""The first pick-up slot from ``after`` (default now) not taken by another request."""
	from school_office.utils.calendar import get_work_calendar

	s = _settings()
	start, end = _time(s.pickup_start or "09:00:00"), _time(s.pickup_end or "11:00:00")
	minutes = int(s.pickup_slot_minutes or 15)
	cal = get_work_calendar()
	after = get_datetime(after or now_datetime())
	taken = {
		get_datetime(x)
		for x in frappe.get_all(
			"Material Request",
			filters={
				"pickup_slot": (">=", after.replace(hour=0, minute=0, second=0)),
				"docstatus": 1,
				"name": ("!=", exclude or ""),
			},
			pluck="pickup_slot",
		)
	}
	day = after.date()
	for _i in range(days):
		if cal.is_working_day(day):
			for slot in pickup_slots(day, start, end, minutes):
				if slot >= after and slot not in taken:
					return slot
		day += timedelta(days=1)
	frappe.throw(_("No free pick-up slot in the next {0} days.").format(days))


@frappe.whitelist(methods=["POST"])
def issue_request(material_request):
	"""The storekeeper hands the supplies over at the desk: one submitted Stock Entry (Material Issue)."""
	require_roles(STOREKEEPERS, _("Only the storekeeper issues supplies."))
	mr = _load(material_request)
	if mr.docstatus != 1 or mr.status in ("Issued", "Stopped", "Cancelled"):
		frappe.throw(_("Only an approved request that is not yet issued can be issued."))
	if not frappe.has_permission("Stock Entry", "create"):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	se = frappe.new_doc("Stock Entry")
	se.stock_entry_type = "Material Issue"
	se.purpose = "Material Issue"
	se.company = mr.company
	se.remarks = _("Supplies pick-up {0} for {1}").format(mr.name, mr.school_department)
	for r in mr.items:
		left = flt(r.stock_qty) - flt(r.ordered_qty)
		if left <= 0:
			continue
		se.append(
			"items",
			{
				"item_code": r.item_code,
				"qty": left / flt(r.conversion_factor or 1),
				"uom": r.uom,
				"conversion_factor": r.conversion_factor,
				"s_warehouse": r.warehouse,
				"material_request": mr.name,
				"material_request_item": r.name,
			},
		)
	se.insert()
	se.submit()
	return {"stock_entry": se.name, "status": frappe.db.get_value("Material Request", mr.name, "status")}


def my_requests(user=None, limit=20):
	user = user or frappe.session.user
	rows = frappe.get_all(
		"Material Request",
		filters={"school_requester": user, "material_request_type": "Material Issue"},
		fields=[
			"name",
			"status",
			"docstatus",
			"pickup_slot",
			"teaching_consumable",
			"schedule_date",
			"creation",
		],
		order_by="creation desc",
		limit_page_length=limit,
	)
	for r in rows:
		if r.docstatus == 0:
			r.state = _("Pending Approval")
		elif r.docstatus == 2:
			r.state = _("Rejected")
		else:
			r.state = _(r.status)
	return rows


def pending_for(user=None):
	"""Requests waiting for this user's approval (department head / teaching head / manager)."""
	user = user or frappe.session.user
	depts = employee_departments(user) if has_role(("Department Head",), user) else []
	teaching = _settings().teaching_department
	out = []
	if depts:
		out += frappe.get_all(
			"Material Request",
			filters={
				"docstatus": 0,
				"material_request_type": "Material Issue",
				"school_department": ("in", depts),
				"department_approved_by": ("is", "not set"),
			},
			fields=["name", "school_department", "school_requester", "teaching_consumable"],
		)
	if teaching and teaching in depts:
		out += frappe.get_all(
			"Material Request",
			filters={
				"docstatus": 0,
				"material_request_type": "Material Issue",
				"teaching_consumable": 1,
				"department_approved_by": ("is", "set"),
				"teaching_approved_by": ("is", "not set"),
			},
			fields=["name", "school_department", "school_requester", "teaching_consumable"],
		)
	return out
