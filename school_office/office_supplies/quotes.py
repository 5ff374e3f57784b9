"""SU-2: the three-quote rule on ERPNext's Purchase Order, on every path (desk, REST, import).

A Purchase Order line is *planned* when its item is an office supply (the settings' item group or a
subgroup) or it orders a Material Request made by a Supply Plan. For each planned item the order needs
submitted Supplier Quotations (of the order's company, still valid on the order's date) from at least
*Minimum Supplier Quotations* suppliers, and the ordered supplier's own quotation must meet the criteria
(sample provided, warranty of at least *Minimum Warranty* years). Otherwise the order is refused — on
submit (desk, ``/api/resource`` with docstatus 1, ``frappe.client.submit``, Data Import) — unless the
Office Manager granted an exception with a reason (:func:`grant_quote_exception`), recorded on the order.
A draft may be saved (so that the exception can be asked for on it); every save shows what is missing.

The exception's fields are read-only custom fields; a client that writes them (REST insert or update,
``set_value``) is refused: only the action sets them.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from school_office.core.supplies import Quote, quote_problems
from school_office.utils.actions import lock, require_roles

EXCEPTION_FIELDS = ("quote_exception", "quote_exception_reason", "quote_exception_by", "quote_exception_on")


def _settings():
	return frappe.get_cached_doc("Office Supplies Settings")


def supply_group_items(items: set[str]) -> set[str]:
	group = _settings().supply_item_group
	if not items or not group or not frappe.db.exists("Item Group", group):
		return set()
	lft, rgt = frappe.db.get_value("Item Group", group, ["lft", "rgt"])
	return set(
		frappe.db.sql_list(
			"""select i.name from `tabItem` i join `tabItem Group` g on g.name = i.item_group
			where g.lft >= %s and g.rgt <= %s and i.name in %s""",
			(lft, rgt, tuple(items)),
		)
	)


def planned_items(doc) -> list[str]:
	items = {r.item_code for r in doc.items if r.item_code}
	planned = supply_group_items(items)
	requests = {r.material_request for r in doc.items if r.get("material_request")}
	if requests:
		from_plans = set(
			frappe.get_all(
				"Material Request",
				filters={"name": ("in", list(requests)), "supply_plan": ("is", "set")},
				pluck="name",
			)
		)
		planned |= {r.item_code for r in doc.items if r.get("material_request") in from_plans}
	return sorted(planned)


def quotes_for(company: str, items: list[str], on_date) -> dict[str, list[Quote]]:
	"""Submitted, valid Supplier Quotations per item: one query for all items."""
	if not items:
		return {}
	rows = frappe.db.sql(
		"""select sqi.item_code, sq.supplier, sqi.base_net_rate as rate,
			ifnull(sq.sample_provided, 0) as sample_provided, ifnull(sq.warranty_years, 0) as warranty_years
		from `tabSupplier Quotation Item` sqi join `tabSupplier Quotation` sq on sq.name = sqi.parent
		where sq.docstatus = 1 and sq.company = %(company)s and sqi.item_code in %(items)s
			and sq.transaction_date <= %(on)s and (sq.valid_till is null or sq.valid_till >= %(on)s)""",
		{"company": company, "items": tuple(items), "on": getdate(on_date)},
		as_dict=True,
	)
	out: dict[str, list[Quote]] = {i: [] for i in items}
	for r in rows:
		out[r.item_code].append(
			Quote(r.supplier, float(r.rate or 0), bool(r.sample_provided), int(r.warranty_years))
		)
	return out


def problems(doc) -> list[str]:
	s = _settings()
	items = planned_items(doc)
	quotes = quotes_for(doc.company, items, doc.transaction_date or now_datetime())
	out = []
	for item in items:
		for message, args in quote_problems(
			item,
			quotes.get(item, []),
			doc.supplier,
			int(s.min_quotations if s.min_quotations is not None else 3),
			int(s.min_warranty_years if s.min_warranty_years is not None else 3),
			bool(s.require_sample),
		):
			out.append(_(message).format(*args))
	return out


def guard_exception_fields(doc):
	"""The exception is the Office Manager's, set only by grant_quote_exception: refuse a client's value."""
	if doc.flags.quote_exception_action:
		return
	stored = {}
	if not doc.is_new():
		stored = frappe.db.get_value("Purchase Order", doc.name, list(EXCEPTION_FIELDS), as_dict=True) or {}
	elif doc.get("amended_from"):
		# an amendment does not inherit the cancelled order's exception
		for f in EXCEPTION_FIELDS:
			doc.set(f, None)
		return
	for f in EXCEPTION_FIELDS:
		if _norm(doc.get(f)) != _norm(stored.get(f)):
			frappe.throw(
				_(
					"Only the Office Manager grants an exception to the three-quote rule (action Grant Quote Exception)."
				),
				frappe.PermissionError,
			)


def _norm(v):
	if v in (None, "", 0, "0"):
		return None
	return str(v)


def validate_purchase_order(doc, method=None):
	"""doc_events Purchase Order: validate (every save) guards the exception's fields and warns of what the
	rule still lacks; before_submit refuses the order unless the rule is met or excepted."""
	if not frappe.db.exists("DocType", "Office Supplies Settings"):
		return
	if method != "before_submit":
		guard_exception_fields(doc)
		if doc.docstatus == 0 and not doc.get("quote_exception"):
			found = problems(doc)
			if found:
				frappe.msgprint(
					"<br>".join(frappe.utils.escape_html(p) for p in found),
					title=_("Three-quote rule: this order cannot be submitted yet"),
					indicator="orange",
				)
		return
	found = problems(doc)
	if found and not doc.get("quote_exception"):
		frappe.throw(
			"<br>".join(frappe.utils.escape_html(p) for p in found)
			+ "<br>"
			+ _("Collect more quotations, or ask the Office Manager for an exception with a reason."),
			title=_("Three-quote rule"),
		)


@frappe.whitelist(methods=["POST"])
def grant_quote_exception(purchase_order: str, reason: str):
	"""The Office Manager allows a draft order with fewer quotations; the reason is recorded on the order."""
	require_roles(
		("Office Manager",), _("Only the Office Manager grants an exception to the three-quote rule.")
	)
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("Give the reason for the exception."))
	lock("Purchase Order", purchase_order)
	if frappe.db.get_value("Purchase Order", purchase_order, "docstatus") != 0:
		frappe.throw(_("An exception is granted on a draft order only."))
	frappe.db.set_value(
		"Purchase Order",
		purchase_order,
		{
			"quote_exception": 1,
			"quote_exception_reason": reason,
			"quote_exception_by": frappe.session.user,
			"quote_exception_on": now_datetime(),
		},
	)
	frappe.get_doc("Purchase Order", purchase_order).add_comment(
		"Info", _("Exception to the three-quote rule granted: {0}").format(frappe.utils.escape_html(reason))
	)
	return {"purchase_order": purchase_order, "quote_exception_by": frappe.session.user}


@frappe.whitelist()
def quote_comparison(item_code: str, company: str | None = None):
	"""The valid submitted quotations of an item side by side (criteria first, then price)."""
	if not frappe.has_permission("Supplier Quotation", "read"):
		frappe.throw(_("Not permitted"), frappe.PermissionError)
	from school_office.core.supplies import rank_quotes

	s = _settings()
	company = company or frappe.defaults.get_user_default("Company")
	quotes = quotes_for(company, [item_code], now_datetime()).get(item_code, [])
	ranked = rank_quotes(quotes, int(s.min_warranty_years or 0), bool(s.require_sample))
	return [q.__dict__ for q in ranked]
