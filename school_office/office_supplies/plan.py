"""SU-1: the quarterly Supply Plan, computed from ERPNext's records.

- demand: submitted Material Requests of type Purchase that carry a requesting department, with a
  required-by date in the plan's quarter, not gathered by another plan;
- history: the Stock Ledger's outgoing quantities (consumption: issues, transfers out, deliveries — not
  stock reconciliations and not cancelled entries) of the plan's warehouse over the last quarters
  (setting *History Quarters*), averaged per quarter;
- on hand: the warehouse's Bin.

Every figure comes from ONE grouped query over all items (``GROUP BY item_code``), so a plan over
hundreds of items costs three queries; ``history_per_item`` is the one-query-per-item way, kept as the
benchmark's baseline (benchmarks/office_supplies_plan.py). The computation runs as a background job.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import flt, now_datetime

from school_office.core.supplies import history_window, plan_line, quarter_bounds


def settings():
	return frappe.get_cached_doc("Office Supplies Settings")


def supply_items(item_group: str | None) -> list[str]:
	"""Stock items (enabled) of the supplies item group and its subgroups."""
	if not item_group or not frappe.db.exists("Item Group", item_group):
		return []
	lft, rgt = frappe.db.get_value("Item Group", item_group, ["lft", "rgt"])
	return frappe.db.sql_list(
		"""select i.name from `tabItem` i join `tabItem Group` g on g.name = i.item_group
		where g.lft >= %s and g.rgt <= %s and i.disabled = 0 and i.is_stock_item = 1
		order by i.name""",
		(lft, rgt),
	)


def department_demand(company: str, from_date, to_date, plan_name: str | None = None):
	"""{item: qty in stock UOM} and the request names, of departments' purchase requests in the quarter."""
	rows = frappe.db.sql(
		"""select mri.item_code, sum(mri.stock_qty) as qty, group_concat(distinct mr.name) as requests
		from `tabMaterial Request Item` mri join `tabMaterial Request` mr on mr.name = mri.parent
		where mr.docstatus = 1 and mr.material_request_type = 'Purchase' and mr.company = %(company)s
			and ifnull(mr.school_department, '') != ''
			and (ifnull(mr.supply_plan, '') = '' or mr.supply_plan = %(plan)s)
			and mri.schedule_date between %(from_date)s and %(to_date)s
		group by mri.item_code""",
		{"company": company, "from_date": from_date, "to_date": to_date, "plan": plan_name or ""},
		as_dict=True,
	)
	requests = set()
	for r in rows:
		requests.update((r.requests or "").split(","))
	return {r.item_code: flt(r.qty) for r in rows}, sorted(x for x in requests if x)


CONSUMPTION_SQL = """select item_code, sum(-actual_qty) as qty from `tabStock Ledger Entry` {hint}
	where warehouse = %(warehouse)s and is_cancelled = 0 and actual_qty < 0
		and voucher_type != 'Stock Reconciliation'
		and posting_datetime >= %(from_date)s and posting_datetime < %(to_date)s {item_filter}
	group by item_code"""


def _window(from_date, to_date):
	"""[from 00:00, the day after to) on posting_datetime, which ERPNext's ledger index covers
	(item_code, warehouse, posting_datetime)."""
	from frappe.utils import add_days, getdate

	return getdate(from_date), add_days(getdate(to_date), 1)


def history_grouped(warehouse: str, items: list[str], from_date, to_date) -> dict[str, float]:
	"""Consumption per item over the window: one grouped query for all items."""
	if not items:
		return {}
	start, end = _window(from_date, to_date)
	rows = frappe.db.sql(
		CONSUMPTION_SQL.format(hint=_sequential_hint(), item_filter=""),
		{"warehouse": warehouse, "from_date": start, "to_date": end},
	)
	wanted = set(items)
	return {code: flt(qty) for code, qty in rows if code in wanted}


# ERPNext's ledger index (item_code, warehouse, posting_datetime): for one item it is the right path (the
# baseline uses it), but for all items of a warehouse MariaDB would walk it as one random range per item;
# the grouped query reads the warehouse's window in one sequential pass instead (measured by the benchmark)
ITEM_INDEX = "item_code_warehouse_posting_datetime_creation_index"


def _sequential_hint() -> str:
	hint = getattr(frappe.local, "office_supplies_sle_hint", None)
	if hint is None:
		has = frappe.db.sql("show index from `tabStock Ledger Entry` where Key_name = %s", ITEM_INDEX)
		hint = frappe.local.office_supplies_sle_hint = f"ignore index (`{ITEM_INDEX}`)" if has else ""
	return hint


def history_per_item(warehouse: str, items: list[str], from_date, to_date) -> dict[str, float]:
	"""The same figures with one ledger query per item (the benchmark's baseline)."""
	out = {}
	start, end = _window(from_date, to_date)
	for code in items:
		rows = frappe.db.sql(
			CONSUMPTION_SQL.format(hint="", item_filter="and item_code = %(item)s"),
			{"warehouse": warehouse, "from_date": start, "to_date": end, "item": code},
		)
		if rows:
			out[code] = flt(rows[0][1])
	return out


def on_hand(warehouse: str, items: list[str]) -> dict[str, float]:
	if not items:
		return {}
	rows = frappe.db.sql(
		"select item_code, actual_qty from `tabBin` where warehouse = %s and item_code in %s",
		(warehouse, tuple(items)),
	)
	return {code: flt(qty) for code, qty in rows}


def compute_lines(plan, per_item: bool = False, item_group: str | None = None) -> list[dict]:
	"""The plan's lines (dicts), from the database; ``per_item`` uses the per-item ledger queries;
	``item_group`` overrides the settings' group (the benchmark plans its own 500 items)."""
	s = settings()
	start, end = quarter_bounds(plan.period)
	quarters = int(s.history_quarters or 4)
	h_from, h_to = history_window(start, quarters)
	demand, requests = department_demand(plan.company, start, end, plan.name)
	items = sorted(set(supply_items(item_group or s.supply_item_group)) | set(demand))
	history_fn = history_per_item if per_item else history_grouped
	history = history_fn(plan.warehouse, items, h_from, h_to)
	stock = on_hand(plan.warehouse, items)
	lines = []
	for code in items:
		line = plan_line(
			demand.get(code, 0), history.get(code, 0), quarters, plan.buffer_percent, stock.get(code, 0)
		)
		if not (line.department_demand or line.history_consumption or line.proposed_qty):
			continue
		lines.append(
			{
				"item_code": code,
				"department_demand": line.department_demand,
				"history_consumption": line.history_consumption,
				"buffer_qty": line.buffer_qty,
				"on_hand": line.on_hand,
				"proposed_qty": line.proposed_qty,
				"final_qty": line.proposed_qty,
			}
		)
	plan.flags.demand_requests = requests
	return lines


def compute_plan_job(plan_name: str, per_item: bool = False, item_group: str | None = None):
	"""Background job: (re)compute a Draft plan's lines. The action that enqueued it checked the caller."""
	plan = frappe.get_doc("Supply Plan", plan_name, for_update=True)
	if plan.status != "Draft":
		return
	lines = compute_lines(plan, per_item=per_item, item_group=item_group)
	plan.set("lines", lines)
	plan.computed_on = now_datetime()
	plan.demand_requests = ", ".join(plan.flags.demand_requests or [])
	plan.flags.supplies_system = True
	plan.flags.ignore_permissions = True
	plan.save()
	if not frappe.flags.in_test:
		frappe.db.commit()
	frappe.publish_realtime(
		"supply_plan_computed",
		{"name": plan.name, "lines": len(lines)},
		doctype="Supply Plan",
		docname=plan.name,
	)
	return len(lines)


def make_requests(plan):
	"""On approval: one Material Request (Purchase) of the final quantities, and a draft RFQ to the plan's
	suppliers from it. The departments' requests are marked as gathered by this plan."""
	rows = [r for r in plan.lines if flt(r.final_qty) > 0]
	if not rows:
		frappe.throw(_("The plan has no line with a final quantity; compute it first."))
	start, _end = quarter_bounds(plan.period)
	from frappe.utils import getdate, nowdate

	schedule = max(start, getdate(nowdate()))
	mr = frappe.new_doc("Material Request")
	mr.update(
		{
			"material_request_type": "Purchase",
			"company": plan.company,
			"transaction_date": nowdate(),
			"schedule_date": schedule,
			"set_warehouse": plan.warehouse,
			"supply_plan": plan.name,
		}
	)
	for r in rows:
		mr.append(
			"items",
			{
				"item_code": r.item_code,
				"qty": r.final_qty,
				"schedule_date": schedule,
				"warehouse": plan.warehouse,
			},
		)
	mr.flags.ignore_permissions = True
	mr.flags.supplies_system = True
	mr.insert()
	mr.submit()
	for name in [x.strip() for x in (plan.demand_requests or "").split(",") if x.strip()]:
		frappe.db.set_value("Material Request", name, "supply_plan", plan.name, update_modified=False)
	rfq_name = None
	if plan.suppliers:
		rfq = frappe.new_doc("Request for Quotation")
		rfq.company = plan.company
		rfq.transaction_date = nowdate()
		rfq.schedule_date = schedule
		for r in mr.items:
			rfq.append(
				"items",
				{
					"item_code": r.item_code,
					"qty": r.qty,
					"uom": r.uom,
					"conversion_factor": r.conversion_factor,
					"warehouse": r.warehouse,
					"schedule_date": r.schedule_date,
					"material_request": mr.name,
					"material_request_item": r.name,
				},
			)
		rfq.set("suppliers", [{"supplier": s.supplier} for s in plan.suppliers])
		rfq.message_for_supplier = _("Please quote for the school's office supplies of {0}.").format(
			plan.period
		)
		rfq.subject = _("Office supplies {0}").format(plan.period)
		rfq.flags.ignore_permissions = True
		rfq.insert()
		rfq_name = rfq.name
	return mr.name, rfq_name


def mark_ordered(doc, method=None):
	"""Purchase Order on_submit: a plan whose Material Request it orders becomes Ordered."""
	requests = {r.material_request for r in doc.items if r.get("material_request")}
	for mr in requests:
		plan = frappe.db.get_value("Material Request", mr, "supply_plan")
		if plan and frappe.db.get_value("Supply Plan", plan, "status") == "Approved":
			frappe.db.set_value("Supply Plan", plan, "status", "Ordered")
