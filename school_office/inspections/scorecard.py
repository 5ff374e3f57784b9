"""Contractor credit in ERPNext's Supplier Scorecard (IN-1): Supplier Scorecard Variables whose
``path`` points here. ERPNext calls each with the Supplier Scorecard Period (``supplier``,
``start_date``, ``end_date``) and stores the value; the criteria *Inspection Credit* scores
``100 - {inspection_points_lost}``.

A finding counts in the period of its round's date; a late rectification is one rectified after its
deadline, or not rectified and past it at the period's end (or today, if earlier)."""

import frappe
from frappe.utils import getdate

from school_office.core import inspections as rules

VARIABLES = (
	# label, param_name, function, description
	(
		"Inspection Findings",
		"inspection_findings",
		"get_inspection_findings",
		"Findings of inspection rounds against the contractor in the period",
	),
	(
		"Late Rectifications",
		"inspection_late_rectifications",
		"get_late_rectifications",
		"Findings against the contractor rectified after the deadline, or open past it",
	),
	(
		"Inspection Points Lost",
		"inspection_points_lost",
		"get_points_lost",
		"Credit points lost: per finding and per late rectification (Inspection Settings)",
	),
)
CRITERIA = "Inspection Credit"


def findings_of(supplier, start_date, end_date):
	rows = frappe.db.sql(
		"""
		select f.due_by, f.rectified_on
		from `tabInspection Finding` f
		join `tabInspection Round` r on r.name = f.parent and f.parenttype = 'Inspection Round'
		where r.docstatus = 1 and f.contractor = %(supplier)s
			and r.round_date between %(start)s and %(end)s
		""",
		{"supplier": supplier, "start": start_date, "end": end_date},
		as_dict=True,
	)
	return [rules.FindingFacts(getdate(r.due_by) if r.due_by else None, r.rectified_on) for r in rows]


def _asof(scorecard):
	return min(getdate(scorecard.end_date), getdate())


def get_inspection_findings(scorecard):
	return len(findings_of(scorecard.supplier, scorecard.start_date, scorecard.end_date))


def get_late_rectifications(scorecard):
	today = _asof(scorecard)
	return sum(
		1
		for f in findings_of(scorecard.supplier, scorecard.start_date, scorecard.end_date)
		if rules.is_late(f.due_by, f.rectified_on, today)
	)


def get_points_lost(scorecard):
	s = frappe.get_cached_doc("Inspection Settings")
	return rules.points_lost(
		findings_of(scorecard.supplier, scorecard.start_date, scorecard.end_date),
		_asof(scorecard),
		float(s.points_per_finding if s.points_per_finding is not None else 2),
		float(s.points_per_late_rectification if s.points_per_late_rectification is not None else 5),
	)
