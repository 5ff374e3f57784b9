# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""The record a meeting's secret material files are attached to (one per meeting and level).

Frappe serves a private file (``/private/files/…``) to anyone who reads the document the File is
attached to — its File permission does not ask the app's hooks. A file of a material above Public is
therefore attached here, not to the Meeting every attendee reads: this record is read only by users who
read the meeting and are cleared for its level (school_office.meetings.permissions.access_has_permission).
"""

import frappe
from frappe.model.document import Document


class MeetingMaterialAccess(Document):
	def autoname(self):
		self.name = access_name(self.meeting, self.secret_level)


def access_name(meeting: str, level: str) -> str:
	return f"{meeting}-{level}"


def ensure(meeting: str, level: str) -> str:
	name = access_name(meeting, level)
	if not frappe.db.exists("Meeting Material Access", name):
		doc = frappe.get_doc(
			{"doctype": "Meeting Material Access", "meeting": meeting, "secret_level": level}
		)
		doc.flags.ignore_permissions = True
		doc.insert()
	return name
