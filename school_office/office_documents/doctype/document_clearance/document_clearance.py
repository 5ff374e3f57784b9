# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""Per-user secrecy clearance (DOC-6), set by the Office Manager. A user without one sees Public documents only."""

from frappe.model.document import Document


class DocumentClearance(Document):
	pass
