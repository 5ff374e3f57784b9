# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""A year's official holiday arrangement (节假日安排): statutory holidays and make-up working days (调休).

Frappe's Holiday List has no notion of a worked weekend day, and ERPNext's SLA counts only its
support weekdays minus the list's holidays. Entered once a year here, the arrangement rebuilds
the "School Calendar" Holiday List (every non-working weekday-off plus holidays, minus make-up
days) that the SLAs use with all seven days as support days, so a make-up Saturday is on the
clock and a statutory holiday is not; the app's own clocks read the same data."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate


class HolidayArrangement(Document):
	def validate(self):
		if not 2000 <= (self.year or 0) <= 2100:
			frappe.throw(_("Enter a year between 2000 and 2100."))
		seen = set()
		for row in self.days:
			d = getdate(row.date)
			if d.year != self.year:
				frappe.throw(_("Row {0}: {1} is not in {2}.").format(row.idx, row.date, self.year))
			if d in seen:
				frappe.throw(_("Row {0}: {1} is listed twice.").format(row.idx, row.date))
			seen.add(d)
		self.days.sort(key=lambda r: getdate(r.date))
		for i, row in enumerate(self.days, start=1):
			row.idx = i

	def on_update(self):
		from school_office.utils.calendar import rebuild_school_calendar

		rebuild_school_calendar()

	def on_trash(self):
		frappe.flags.arrangement_deleted = self.name

	def after_delete(self):
		from school_office.utils.calendar import rebuild_school_calendar

		rebuild_school_calendar()
