# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class ServiceQualitySettings(Document):
	def validate(self):
		for fieldname in (
			"on_time_target",
			"analysis_threshold",
			"operator_error_target",
			"first_contact_target",
			"resolution_target",
			"repeat_target",
			"audit_sample_percent",
		):
			value = self.get(fieldname)
			if value is not None and not 0 <= float(value) <= 100:
				frappe.throw(
					_("{0} must be between 0 and 100.").format(_(self.meta.get_label(fieldname))),
					title=_("Invalid Target"),
				)
		if self.repeat_window_days is not None and int(self.repeat_window_days) < 1:
			frappe.throw(_("The repeat inquiry window must be at least one day."), title=_("Invalid Target"))

	def on_update(self):
		from school_office.service_desk.quality_setup import sync_goal_objectives

		sync_goal_objectives(self)
