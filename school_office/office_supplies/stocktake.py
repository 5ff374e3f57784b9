"""SU-5: stocktake and scrapping on ERPNext's Stock Reconciliation and Stock Entry.

- The storekeeper counts monthly (and quarterly) with ERPNext's Stock Reconciliation ("Fetch Items from
  Warehouse"); the *Stocktake Variance* report compares each counted line with the books (the line's
  ``current_qty``) and flags a variance above *Stocktake Variance Threshold* (3 % by default).
- Expired or damaged supplies are scrapped with a Stock Entry (Material Issue) whose *Scrap Reason* is set;
  it is submitted only after the Office Manager approved it (:func:`approve_scrap`), who is recorded on it.
"""

import frappe
from frappe import _

from school_office.utils.actions import lock, require_roles


def guard_scrap(doc, method=None):
	"""Stock Entry validate: the approval is the Office Manager's (set only by approve_scrap); before_submit:
	a scrap entry needs it."""
	if method == "before_submit":
		if doc.get("scrap_reason") and not doc.get("scrap_approved_by"):
			frappe.throw(_("Scrapping stock needs the Office Manager's approval first."))
		return
	if doc.flags.scrap_action:
		return
	stored = None
	if not doc.is_new():
		stored = frappe.db.get_value("Stock Entry", doc.name, "scrap_approved_by")
	elif doc.get("amended_from"):
		doc.scrap_approved_by = None
		return
	if (doc.get("scrap_approved_by") or None) != (stored or None):
		frappe.throw(
			_("Only the Office Manager approves scrapping (action Approve Scrapping)."),
			frappe.PermissionError,
		)
	if stored and doc.get("scrap_reason") and doc.docstatus == 0:
		before = frappe.db.get_value("Stock Entry", doc.name, "scrap_reason")
		if before != doc.scrap_reason:
			doc.scrap_approved_by = None  # a changed reason needs a new approval


@frappe.whitelist(methods=["POST"])
def approve_scrap(stock_entry):
	"""The Office Manager approves a draft scrap entry (expired or damaged stock)."""
	require_roles(("Office Manager",), _("Only the Office Manager approves scrapping."))
	lock("Stock Entry", stock_entry)
	se = frappe.db.get_value(
		"Stock Entry", stock_entry, ["docstatus", "scrap_reason", "purpose"], as_dict=True
	)
	if se.docstatus != 0 or not se.scrap_reason or se.purpose != "Material Issue":
		frappe.throw(_("Only a draft Material Issue with a scrap reason is approved for scrapping."))
	frappe.db.set_value("Stock Entry", stock_entry, "scrap_approved_by", frappe.session.user)
	frappe.get_doc("Stock Entry", stock_entry).add_comment("Info", _("Scrapping approved"))
	return {"stock_entry": stock_entry, "scrap_approved_by": frappe.session.user}
