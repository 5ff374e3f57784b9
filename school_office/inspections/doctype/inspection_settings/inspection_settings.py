# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class InspectionSettings(Document):
	def validate(self):
		for fieldname in ("minor_due_days", "major_due_days", "critical_due_days"):
			if int(self.get(fieldname) or 0) < 1:
				frappe.throw(
					_("{0} must be at least one working day.").format(_(self.meta.get_label(fieldname))),
					title=_("Invalid Deadline"),
				)
		for fieldname in ("points_per_finding", "points_per_late_rectification"):
			if float(self.get(fieldname) or 0) < 0:
				frappe.throw(
					_("{0} cannot be negative.").format(_(self.meta.get_label(fieldname))),
					title=_("Invalid Points"),
				)
