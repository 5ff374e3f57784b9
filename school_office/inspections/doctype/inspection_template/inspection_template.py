# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class InspectionTemplate(Document):
	def validate(self):
		seen = set()
		for row in self.items:
			item = (row.item or "").strip()
			if item.lower() in seen:
				frappe.throw(
					_("Row {0}: the checklist item {1} is listed twice.").format(row.idx, item),
					title=_("Duplicate Item"),
				)
			seen.add(item.lower())
			row.item = item
