"""Service Desk KPIs (issue #14): the checks and findings of completed Service Audits are kept on each
request (audit_checks, audit_findings), so the report reads them in its one scan; filled here for the
audits completed before."""

import frappe


def execute():
	frappe.reload_doc("service_desk", "doctype", "service_request")
	if not frappe.db.table_exists("Service Audit Item"):
		return
	from school_office.service_desk.quality import store_audit_counts

	store_audit_counts(
		frappe.get_all(
			"Service Audit Item",
			filters={"parenttype": "Service Audit"},
			pluck="service_request",
			distinct=True,
		)
	)
