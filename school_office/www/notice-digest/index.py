"""Portal page /notice-digest?period=daily|weekly|monthly&date=YYYY-MM-DD (AN-5): the day's notices, or the
departments' news of the week / month, as the signed-in user may read them."""

import frappe
from frappe import _
from frappe.utils import format_datetime, getdate

no_cache = 1


def get_context(context):
	from school_office.notices import digest

	if frappe.session.user == "Guest":
		from urllib.parse import urlencode

		frappe.local.flags.redirect_location = "/login?" + urlencode(
			{"redirect-to": frappe.local.request.full_path if frappe.local.request else "/notice-digest"}
		)
		raise frappe.Redirect
	period = frappe.form_dict.get("period") or "daily"
	if period not in digest.PERIODS:
		period = "daily"
	try:
		day = getdate(frappe.form_dict.get("date")) if frappe.form_dict.get("date") else getdate()
	except Exception:
		day = getdate()
	start, end = digest.window(period, day)
	rows = digest.notices_for_user(period, day)
	context.no_cache = 1
	context.show_sidebar = False
	context.period = period
	context.title = {
		"daily": _("Today's Digest"),
		"weekly": _("Department News This Week"),
		"monthly": _("Department News This Month"),
	}[period]
	context.range_label = (
		f"{getdate(start)} – {getdate(end) if period == 'daily' else frappe.utils.add_days(getdate(end), -1)}"
	)
	if period == "daily":
		context.range_label = str(getdate(start))
	context.groups = [
		{
			"department": _(dept) if dept else _("Office"),
			"notices": [
				{
					"name": r.name,
					"title": r.title,
					"type_label": _(r.notice_type),
					"published_on": format_datetime(r.published_on, "yyyy-MM-dd HH:mm"),
				}
				for r in items
			],
		}
		for dept, items in (digest.group_by_department(rows) if period != "daily" else [("", rows)])
		if items
	]
	context.show_departments = period != "daily"
	return context
