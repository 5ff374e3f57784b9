# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""Archive categories of official documents (Administrative, Teaching, Finance and what admins add)."""

from frappe.model.document import Document


class DocumentCategory(Document):
	pass
