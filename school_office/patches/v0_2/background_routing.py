"""Routing moved to a background job keyed on routed_on: existing requests count as routed
(they were assigned when saved), and the teams' assignment rules get the new condition."""

import frappe


def execute():
	frappe.db.sql("update `tabService Request` set routed_on = creation where routed_on is null")
	from school_office.service_desk.routing import sync_team_rules

	for team in frappe.get_all("Service Team", pluck="name"):
		sync_team_rules(frappe.get_doc("Service Team", team))
