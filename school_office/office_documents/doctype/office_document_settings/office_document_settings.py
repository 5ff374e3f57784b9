# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""Codes of the office: registration office code, document code, fonds and department codes."""

from frappe.model.document import Document


class OfficeDocumentSettings(Document):
	pass
