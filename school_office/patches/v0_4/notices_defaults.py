"""Notices on an existing site: Notice Settings defaults, the "Notice Review" workflow and the User fields
for DingTalk / WeCom ids (each created only when missing)."""

import frappe


def execute():
	if not frappe.db.exists("DocType", "Notice") or not frappe.db.exists("DocType", "Notice Settings"):
		return
	from school_office.notices.install import create_defaults

	create_defaults()
