# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

import frappe
from frappe.model.document import Document


class SignageScreen(Document):
	def before_validate(self):
		# the key is a permlevel-2 field (nobody reads or writes it over REST): made here, after Frappe's
		# reset of permlevel fields on insert; on update Frappe keeps the stored key
		if self.flags.in_insert:
			self.access_key = frappe.generate_hash(length=32)
