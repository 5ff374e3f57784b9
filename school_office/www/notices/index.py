"""Portal page /notices: the notice board (AN-1) of the signed-in user (their audience's current notices);
guests see the notices for everyone published on the Website channel."""

import frappe
from frappe import _
from frappe.utils import format_datetime

from school_office.notices.www_utils import TYPE_CLASS

no_cache = 1


def board_rows(rows) -> list[dict]:
	return [
		{
			"name": r.name,
			"title": r.title,
			"notice_type": r.notice_type,
			"type_label": _(r.notice_type),
			"type_class": TYPE_CLASS.get(r.notice_type, "gray"),
			"department": _(r.department) if r.department else "",
			"published_on": format_datetime(r.published_on, "yyyy-MM-dd HH:mm") if r.published_on else "",
			"requires_acknowledgement": r.requires_acknowledgement,
		}
		for r in rows
	]


def get_context(context):
	from school_office.notices.api import board_notices

	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Notices")
	context.is_guest = frappe.session.user == "Guest"
	context.notices = board_rows(board_notices())
	return context
