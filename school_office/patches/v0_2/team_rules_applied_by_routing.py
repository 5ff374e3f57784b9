"""The teams' assignment rules are applied by the routing job and kept disabled (Frappe would
evaluate every condition on every save); rebuild them with the new description and flag."""

import frappe


def execute():
	from school_office.service_desk.routing import sync_team_rules

	for team in frappe.get_all("Service Team", pluck="name"):
		sync_team_rules(frappe.get_doc("Service Team", team))
