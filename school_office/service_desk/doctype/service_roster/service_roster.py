# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""A team's duty times (SD-14): weekly slots per member, temporary staff with start and end dates.
Routing (school_office.service_desk.routing) assigns only members on duty at the time."""

import frappe
from frappe import _
from frappe.model.document import Document

from school_office.core import quality as rules


class ServiceRoster(Document):
	def validate(self):
		members = set(
			frappe.get_all(
				"Service Team Member",
				filters={"parent": self.service_team, "parenttype": "Service Team"},
				pluck="user",
			)
		)
		for row in self.slots:
			errors = rules.validate_slot(slot_of(row))
			if "times" in errors:
				frappe.throw(
					_("Row {0}: the duty must end after it starts.").format(row.idx), title=_("Invalid Slot")
				)
			if "dates" in errors:
				frappe.throw(
					_("Row {0}: Valid To is before Valid From.").format(row.idx), title=_("Invalid Slot")
				)
			if row.is_temporary and not (row.valid_from and row.valid_to):
				frappe.throw(
					_("Row {0}: temporary staff need the dates they help (Valid From and Valid To).").format(
						row.idx
					),
					title=_("Invalid Slot"),
				)
			if not row.is_temporary and row.user not in members:
				frappe.throw(
					_(
						"Row {0}: {1} is not a member of {2}; add them to the team or mark them as temporary staff."
					).format(row.idx, row.user, self.service_team),
					title=_("Not a Member"),
				)


def slot_of(row) -> rules.Slot:
	from frappe.utils import get_time, getdate

	return rules.Slot(
		user=row.user,
		weekday=row.weekday,
		from_time=get_time(row.from_time),
		to_time=get_time(row.to_time),
		valid_from=getdate(row.valid_from) if row.valid_from else None,
		valid_to=getdate(row.valid_to) if row.valid_to else None,
		extra={"temporary": bool(row.is_temporary)},
	)
