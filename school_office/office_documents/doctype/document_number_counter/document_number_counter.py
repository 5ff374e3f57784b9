# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""One row per (counter type, code, period); locked with SELECT ... FOR UPDATE while a number is taken."""

from frappe.model.document import Document


class DocumentNumberCounter(Document):
	pass
