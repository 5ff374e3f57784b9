# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Service requests and a completed audit written straight to the database (bulk insert, no controllers),
as the KPI report reads them: shared by the KPI tests' hand-computed fixture and the 200,000-request
benchmark (benchmarks/service_desk_kpis.py)."""

import frappe

# a row: name, requester, creation, status, resolved_on, sla_resolution_by, contact_rounds,
# handling_minutes, outcome, is_repeat, service_type, service_team
ROW_FIELDS = (
	"name",
	"requester",
	"creation",
	"status",
	"resolved_on",
	"sla_resolution_by",
	"contact_rounds",
	"handling_minutes",
	"outcome",
	"is_repeat",
	"service_type",
	"service_team",
)


def remove(prefix: str, audit: str):
	frappe.db.delete("Service Request", {"name": ("like", f"{prefix}%")})
	frappe.db.delete("Service Audit Item", {"parent": audit})
	frappe.db.delete("Service Audit", {"name": audit})


def insert_requests(rows, chunk: int = 10_000):
	"""Rows as ROW_FIELDS; the subject is the name, created and modified by Administrator."""
	fields = [*ROW_FIELDS, "subject", "modified", "owner", "modified_by", "docstatus"]
	values = [(*r, r[0], r[2], "Administrator", "Administrator", 0) for r in rows]
	for k in range(0, len(values), chunk):
		frappe.db.bulk_insert("Service Request", fields, values[k : k + chunk])


def insert_audit(name: str, month: str, when, items):
	"""A completed Service Audit with items (item name, service_request, has_finding), its checks and
	findings then kept on the requests as completing an audit does."""
	from school_office.service_desk.quality import store_audit_counts

	frappe.db.bulk_insert(
		"Service Audit",
		["name", "month", "status", "owner", "modified_by", "creation", "modified", "docstatus"],
		[(name, month, "Completed", "Administrator", "Administrator", when, when, 0)],
	)
	frappe.db.bulk_insert(
		"Service Audit Item",
		["name", "parent", "parenttype", "parentfield", "idx", "service_request", "has_finding"],
		[
			(item, name, "Service Audit", "items", i, request, finding)
			for i, (item, request, finding) in enumerate(items, 1)
		],
	)
	store_audit_counts([request for _item, request, _finding in items])
