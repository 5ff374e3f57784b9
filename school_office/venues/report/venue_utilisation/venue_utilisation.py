# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""Venue Utilisation (RM-6): per venue (or category) and month, booked working hours over the
working hours the school is open (School Office Settings + Holiday List), the no-show rate, and a
flag with a suggestion for under-used (< 20 %) and over-used (> 85 %) venues (thresholds in Venue
Settings).

Booked hours: Approved, Checked In and Completed bookings, clipped to the month and to working time.
No-show rate: No Show over (No Show + Checked In + Completed).
"""

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate

from school_office.core import booking as rules
from school_office.utils.calendar import get_work_calendar

USED = ("Approved", "Checked In", "Completed")


def _months(from_date, to_date):
	d = getdate(from_date).replace(day=1)
	end = getdate(to_date)
	while d <= end:
		yield d.year, d.month
		d = d.replace(year=d.year + (d.month == 12), month=d.month % 12 + 1)


def utilisation_rows(year, month, venue=None, category=None, group_by="Venue") -> list[dict]:
	cal = get_work_calendar()
	settings = frappe.get_cached_doc("Venue Settings")
	under, over = settings.under_used_percent or 20, settings.over_used_percent or 85
	ms, me = rules.month_bounds(int(year), int(month))
	available = cal.working_time_between(ms, me).total_seconds() / 3600.0
	vfilters = {}
	if venue:
		vfilters["name"] = venue
	if category:
		vfilters["venue_category"] = category
	venues = frappe.get_all("Venue", filters=vfilters, fields=["name", "venue_category"], order_by="name")
	if not venues:
		return []
	bookings = frappe.db.sql(
		"""select venue, starts_on, ends_on, status from `tabVenue Booking`
		where venue in %(venues)s and starts_on < %(me)s and ends_on > %(ms)s
			and status in ('Approved', 'Checked In', 'Completed', 'No Show')""",
		{"venues": tuple(v.name for v in venues), "ms": ms, "me": me},
		as_dict=True,
	)
	key_of = {v.name: (v.name if group_by != "Category" else v.venue_category) for v in venues}
	groups: dict = {}
	for v in venues:
		g = groups.setdefault(
			key_of[v.name],
			{"venues": 0, "booked": 0.0, "count": 0, "no_show": 0, "held": 0, "category": v.venue_category},
		)
		g["venues"] += 1
	for b in bookings:
		g = groups[key_of[b.venue]]
		if b.status in USED:
			s, e = max(get_datetime(b.starts_on), ms), min(get_datetime(b.ends_on), me)
			g["booked"] += cal.working_time_between(s, e).total_seconds() / 3600.0 if e > s else 0
			g["count"] += 1
		if b.status == "No Show":
			g["no_show"] += 1
		elif b.status in ("Checked In", "Completed"):
			g["held"] += 1
	out = []
	for key, g in groups.items():
		avail = available * g["venues"]
		pct = rules.utilisation(g["booked"], avail)
		flag = rules.usage_flag(pct, under, over)
		out.append(
			{
				"venue": key if group_by != "Category" else None,
				"venue_category": g["category"],
				"month": f"{int(year):04d}-{int(month):02d}",
				"bookings": g["count"],
				"booked_hours": round(g["booked"], 1),
				"available_hours": round(avail, 1),
				"utilisation": pct,
				"no_show_rate": rules.no_show_rate(g["no_show"], g["held"]),
				"flag": flag,
				"flag_label": _(flag) if flag else "",
				"suggestion": _(rules.suggestion(flag)) if flag else "",
			}
		)
	return out


def execute(filters=None):
	filters = frappe._dict(filters or {})
	today = getdate()
	from_date = filters.from_date or today.replace(day=1)
	to_date = filters.to_date or today
	group_by = filters.group_by or "Venue"
	data = []
	for y, m in _months(from_date, to_date):
		data += utilisation_rows(
			y, m, venue=filters.venue, category=filters.venue_category, group_by=group_by
		)
	columns = []
	if group_by != "Category":
		columns.append(
			{"fieldname": "venue", "label": _("Venue"), "fieldtype": "Link", "options": "Venue", "width": 180}
		)
	columns += [
		{
			"fieldname": "venue_category",
			"label": _("Venue Category"),
			"fieldtype": "Link",
			"options": "Venue Category",
			"width": 130,
		},
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{"fieldname": "bookings", "label": _("Bookings"), "fieldtype": "Int", "width": 90},
		{"fieldname": "booked_hours", "label": _("Booked Hours"), "fieldtype": "Float", "width": 110},
		{"fieldname": "available_hours", "label": _("Available Hours"), "fieldtype": "Float", "width": 120},
		{"fieldname": "utilisation", "label": _("Utilisation (%)"), "fieldtype": "Percent", "width": 120},
		{"fieldname": "no_show_rate", "label": _("No-show Rate (%)"), "fieldtype": "Percent", "width": 130},
		{"fieldname": "flag_label", "label": _("Flag"), "fieldtype": "Data", "width": 100},
		{"fieldname": "suggestion", "label": _("Suggestion"), "fieldtype": "Data", "width": 300},
	]
	# translated names (venues and categories are translated doctypes), shorter in zh too
	labels = (
		[_(r.get("venue") or r.get("venue_category") or "") for r in data if r["month"] == data[-1]["month"]]
		if data
		else []
	)
	chart = None
	if labels:
		last = [r for r in data if r["month"] == data[-1]["month"]]
		chart = {
			"data": {
				"labels": labels,
				"datasets": [{"name": _("Utilisation (%)"), "values": [r["utilisation"] or 0 for r in last]}],
			},
			"type": "bar",
			# a series axis shows whole labels (every n-th when they do not fit) instead of cutting every label
			# to "..." on a phone
			"axisOptions": {"xIsSeries": 1, "seriesLabelSpaceRatio": 1},
		}
	return columns, data, None, chart
