# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class ServiceTeam(Document):
	def validate(self):
		seen = set()
		for row in self.members:
			if row.user in seen:
				frappe.throw(
					_("Row {0}: {1} is already a member of this team.").format(row.idx, row.user),
					title=_("Duplicate Member"),
				)
			seen.add(row.user)
		if self.lead and self.lead not in seen and self.members:
			frappe.msgprint(
				_("The team lead {0} is not listed as a member.").format(self.lead), indicator="orange"
			)

	def member_users(self) -> list[str]:
		return [row.user for row in self.members]
