# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""The app's switches (a Single): working time, attachment policy, service guide texts."""

from frappe.model.document import Document


class SchoolOfficeSettings(Document):
	pass
