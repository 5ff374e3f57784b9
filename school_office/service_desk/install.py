"""Defaults of the service desk, created once: the school calendar, ERPNext Service Level
Agreements on Service Request from the seed figures, and the teams' assignment rules.

Time figures (working hours on the school calendar; a working day is 9 hours by default):
- Consultation: respond within 4 h when urgent, 12 h otherwise; resolve within 24 h.
- Facilities and Repairs: respond within 2 h; fix within 48 h (major faults).
- Everything else (default): respond within 4 h (urgent), 12 h (high) or 24 h; a solution within
  3 working days (27 h) for urgent and high items, 5 working days (45 h) for the rest.
"""

import frappe

DOCTYPE = "Service Request"
HOUR = 3600
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# name, condition, default?, {priority: (response h, resolution h)}
SLAS = (
	(
		"Consultation",
		'doc.service_type == "Consultation"',
		0,
		{"Urgent": (4, 24), "High": (12, 24), "Medium": (12, 24), "Low": (12, 24)},
	),
	(
		"Facilities and Repairs",
		'doc.service_category == "Facilities and Repairs"',
		0,
		{"Urgent": (2, 48), "High": (2, 48), "Medium": (2, 48), "Low": (2, 48)},
	),
	("General Service", None, 1, {"Urgent": (4, 27), "High": (12, 27), "Medium": (24, 45), "Low": (24, 45)}),
)
FULFILLED = ("Resolved", "Closed", "Rejected", "Referred")
PAUSED = ("Needs Info", "On Hold")


def create_defaults():
	from school_office.utils.calendar import SCHOOL_CALENDAR, rebuild_school_calendar

	if not frappe.db.exists("Holiday List", SCHOOL_CALENDAR):
		rebuild_school_calendar()
	if not frappe.db.get_single_value("Support Settings", "track_service_level_agreement"):
		frappe.db.set_single_value("Support Settings", "track_service_level_agreement", 1)
	create_slas(SCHOOL_CALENDAR)
	from school_office.service_desk.routing import sync_team_rules

	for team in frappe.get_all("Service Team", pluck="name"):
		sync_team_rules(frappe.get_doc("Service Team", team))


# The names of the SLAs the app created (a global default, kept outside the app's own doctypes): their
# support hours follow School Office Settings; an SLA an administrator made is never changed.
CREATED_SLAS_KEY = "school_office_created_slas"


def _working_hours(settings) -> tuple[str, str]:
	from frappe.utils import get_time

	return (
		str(get_time(settings.work_start_time or "08:30:00")),
		str(get_time(settings.work_end_time or "17:30:00")),
	)


def created_slas() -> list[str]:
	"""The app's own SLAs: those recorded when they were created (or, on a site installed before the
	record was kept, the SLAs of Service Request with the app's service levels)."""
	from school_office.utils import store

	names = store.read_json(CREATED_SLAS_KEY)
	if not names:
		names = frappe.get_all(
			"Service Level Agreement",
			filters={"document_type": DOCTYPE, "service_level": ("in", [s[0] for s in SLAS])},
			pluck="name",
		)
	return [n for n in names if frappe.db.exists("Service Level Agreement", n)]


def _record_created_sla(name: str):
	from school_office.utils import store

	names = store.read_json(CREATED_SLAS_KEY, []) or []
	if name not in names:
		store.write_json(CREATED_SLAS_KEY, [*names, name])


def sync_sla_hours(settings=None, method=None):
	"""on_change of School Office Settings: the support hours of the app's SLAs follow the settings'
	working day (they were copied at install and would drift otherwise). Returns the SLAs changed."""
	settings = settings or frappe.get_single("School Office Settings")
	start, end = _working_hours(settings)
	changed = []
	for name in created_slas():
		sla = frappe.get_doc("Service Level Agreement", name)
		rows = sla.support_and_resolution
		if rows and all(
			(str(frappe.utils.get_time(r.start_time)), str(frappe.utils.get_time(r.end_time))) == (start, end)
			for r in rows
		):
			continue
		if rows:
			for r in rows:
				r.start_time, r.end_time = start, end
		else:
			sla.set(
				"support_and_resolution",
				[{"workday": d, "start_time": start, "end_time": end} for d in WEEKDAYS],
			)
		sla.flags.ignore_permissions = True
		sla.save()
		changed.append(name)
	return changed


def create_slas(holiday_list: str):
	s = frappe.get_single("School Office Settings")
	start, end = _working_hours(s)
	from school_office.utils import store

	if not store.read_json(CREATED_SLAS_KEY):
		# sites installed before the record was kept: the app's existing SLAs are its own
		for name in created_slas():
			_record_created_sla(name)
	for name, condition, is_default, targets in SLAS:
		if frappe.db.exists("Service Level Agreement", {"service_level": name, "document_type": DOCTYPE}):
			continue
		sla = frappe.get_doc(
			{
				"doctype": "Service Level Agreement",
				"service_level": name,
				"document_type": DOCTYPE,
				"enabled": 1,
				"default_service_level_agreement": is_default,
				"condition": condition,
				"holiday_list": holiday_list,
				"apply_sla_for_resolution": 1,
				# all seven days: weekends are days off through the School Calendar holiday list, so a
				# make-up working Saturday (调休) counts
				"support_and_resolution": [
					{"workday": d, "start_time": start, "end_time": end} for d in WEEKDAYS
				],
				"priorities": [
					{
						"priority": p,
						"response_time": r * HOUR,
						"resolution_time": res * HOUR,
						"default_priority": int(p == "Medium"),
					}
					for p, (r, res) in targets.items()
				],
				"sla_fulfilled_on": [{"status": st} for st in FULFILLED],
				"pause_sla_on": [{"status": st} for st in PAUSED],
			}
		)
		sla.insert(ignore_permissions=True)
		_record_created_sla(sla.name)


def remove_defaults():
	for name in frappe.get_all("Service Level Agreement", filters={"document_type": DOCTYPE}, pluck="name"):
		frappe.delete_doc("Service Level Agreement", name, ignore_permissions=True, force=True)
	from school_office.utils import store

	store.clear(CREATED_SLAS_KEY)
	for name in frappe.get_all("Assignment Rule", filters={"document_type": DOCTYPE}, pluck="name"):
		frappe.delete_doc("Assignment Rule", name, ignore_permissions=True, force=True)
	for dt in ("Notification",):
		for name in frappe.get_all(dt, filters={"document_type": DOCTYPE}, pluck="name"):
			frappe.delete_doc(dt, name, ignore_permissions=True, force=True)


def make_demo(ctx):
	"""Demo: the department head's Employee record (Department Heads see their department's
	requests through it) and a few requests in different states."""
	from frappe.utils import add_years, nowdate

	company, users, depts = ctx.get("company"), ctx.get("users", {}), ctx.get("departments", {})
	head = users.get("dept.head")
	if (
		company
		and head
		and depts.get("Academic Affairs")
		and not frappe.db.exists("Employee", {"user_id": head})
	):
		gender = frappe.db.get_value("Gender", "Male") or frappe.db.get_value("Gender", {})
		emp = frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": "Head",
				"last_name": "Zhang",
				"gender": gender,
				"date_of_birth": add_years(nowdate(), -40),
				"date_of_joining": add_years(nowdate(), -5),
				"company": company,
				"department": depts["Academic Affairs"],
				"user_id": head,
				"status": "Active",
			}
		)
		emp.flags.ignore_mandatory = True
		emp.insert(ignore_permissions=True)
	student = users.get("student")
	if student and not frappe.db.exists(
		"Service Request", {"subject": "Demo: projector in room 101 does not work"}
	):
		frappe.get_doc(
			{
				"doctype": "Service Request",
				"subject": "Demo: projector in room 101 does not work",
				"service_type": "Repair Request"
				if frappe.db.exists("Service Type", "Repair Request")
				else None,
				"channel": "Window",
				"requester": student,
				"area": "Teaching Building",
				"description": "The projector shows no picture.",
			}
		).insert(ignore_permissions=True)
