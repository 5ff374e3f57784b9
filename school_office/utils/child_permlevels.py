"""Child-row permlevels on insert, for every doctype of the app (the hardening rule: fields only the system
or a later step sets are read-only on every path).

Frappe resets the fields of a higher permlevel the user may not write — on a new record for the record's
own fields, and on an existing record also for its child rows — but not for the child rows of a *new*
record (``Document.validate_higher_perm_levels`` returns early). So a REST insert, ``frappe.client.insert``,
a desk save of a new form or a Data Import could set a child row's system fields (who acknowledged, a
verification, a stocktake result) at once.

``reset_child_permlevels`` is the ``before_insert`` of every doctype (hooks ``doc_events["*"]``) and acts
on the app's doctypes only: it does for the new record's child rows what Frappe does for an existing
record's, with Frappe's own exceptions (``ignore_permissions``, install, Administrator) — each field the
user cannot write at its permlevel goes back to the child doctype's default, and rows made only of such
fields (a review log, a stocktake line: only the app adds them) are dropped. It runs before Frappe's reset
of the parent's fields and before ``before_validate`` / ``validate``, so the values controllers set there
are the system's and stay.
"""

from functools import lru_cache

import frappe
from frappe.model import display_fieldtypes


@lru_cache(maxsize=1)
def app_modules() -> frozenset:
	"""The app's modules (modules.txt changes only with a new build)."""
	return frozenset(frappe.get_module_list("school_office"))


def data_fields(doctype: str) -> list:
	return [df for df in frappe.get_meta(doctype).fields if df.fieldtype not in display_fieldtypes]


def reset_child_permlevels(doc, method=None):
	if doc.flags.ignore_permissions or frappe.flags.in_install or frappe.session.user == "Administrator":
		return
	if doc.meta.istable or doc.meta.module not in app_modules():
		return
	writable = None
	for table in doc.meta.get_table_fields():
		fields = [
			df
			for df in frappe.get_meta(table.options).get_high_permlevel_fields()
			if df.fieldtype not in display_fieldtypes
		]
		rows = doc.get(table.fieldname) or []
		if not fields or not rows:
			continue
		if writable is None:
			writable = set(doc.get_permlevel_access("write"))
		to_reset = [df for df in fields if df.permlevel not in writable]
		if not to_reset:
			continue
		if len(to_reset) == len(data_fields(table.options)):
			# every field of the row is the system's (a review log, a stocktake line): only the app adds rows
			doc.set(table.fieldname, [])
			continue
		defaults = frappe.new_doc(table.options)
		for row in rows:
			for df in to_reset:
				row.set(df.fieldname, defaults.get(df.fieldname))
