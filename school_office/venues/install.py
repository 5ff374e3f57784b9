"""Defaults of the Venues module, created once (install, patch) and never overwritten.

create_defaults(): the five venue categories, the Venue Settings values and the booking Workflow
(from setup/venue_booking_workflow.json with its Workflow State / Action records).
remove_defaults(): the Workflow and its records that live outside this module's doctypes.
make_demo(ctx): a few demo venues.
"""

import json
import os

import frappe

# name, min_advance_days, max_duration_hours, requires_approval, buffer_minutes, description
CATEGORIES = (
	("Normal", 1, 4, 1, 10, "Meeting rooms and ordinary rooms: booked at least one day ahead"),
	("Large", 3, 8, 1, 30, "Large rooms: booked at least three days ahead"),
	("Classroom", 0, 4, 0, 5, "Classrooms outside the timetable: approved at once"),
	("Laboratory", 1, 4, 1, 15, "Laboratories: a technician prepares them"),
	("Hall", 3, 8, 1, 30, "Halls and auditoriums: booked at least three days ahead"),
)

WORKFLOW_FILE = os.path.join(os.path.dirname(__file__), "setup", "venue_booking_workflow.json")


def workflow_definition() -> dict:
	with open(WORKFLOW_FILE, encoding="utf-8") as fh:
		return json.load(fh)


def create_categories():
	for name, days, hours, approval, buffer, description in CATEGORIES:
		if not frappe.db.exists("Venue Category", name):
			frappe.get_doc(
				{
					"doctype": "Venue Category",
					"category_name": name,
					"min_advance_days": days,
					"max_duration_hours": hours,
					"requires_approval": approval,
					"buffer_minutes": buffer,
					"description": description,
				}
			).insert(ignore_permissions=True)


def create_settings():
	if frappe.db.get_single_value("Venue Settings", "over_used_percent"):
		return
	settings = frappe.get_single("Venue Settings")
	settings.update(
		{
			"no_show_after_minutes": 15,
			"check_in_opens_minutes": 15,
			"overtime_grace_minutes": 5,
			"complete_after_minutes": 60,
			"under_used_percent": 20,
			"over_used_percent": 85,
		}
	)
	settings.flags.ignore_permissions = True
	settings.save()


# 节次: a common timetable; the school edits it in Venue Settings
CLASS_PERIODS = (
	(1, "08:00:00", "08:45:00"),
	(2, "08:55:00", "09:40:00"),
	(3, "10:00:00", "10:45:00"),
	(4, "10:55:00", "11:40:00"),
	(5, "14:00:00", "14:45:00"),
	(6, "14:55:00", "15:40:00"),
	(7, "16:00:00", "16:45:00"),
	(8, "16:55:00", "17:40:00"),
)


def create_class_periods():
	"""Seed the time grid once (an administrator who empties it later keeps it empty)."""
	if frappe.db.get_single_value("Venue Settings", "class_periods_seeded"):
		return
	settings = frappe.get_single("Venue Settings")
	if not settings.class_periods:
		for n, start, end in CLASS_PERIODS:
			settings.append("class_periods", {"period": n, "start_time": start, "end_time": end})
	settings.class_periods_seeded = 1
	settings.flags.ignore_permissions = True
	settings.save()


def create_workflow():
	wf = workflow_definition()
	if frappe.db.exists("Workflow", wf["name"]):
		return
	for s in wf["states"]:
		if not frappe.db.exists("Workflow State", s["state"]):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": s["state"]}).insert(
				ignore_permissions=True
			)
	for t in wf["transitions"]:
		if not frappe.db.exists("Workflow Action Master", t["action"]):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": t["action"]}).insert(
				ignore_permissions=True
			)
	doc = frappe.get_doc(wf)
	doc.insert(ignore_permissions=True)


def create_check_in_keys():
	"""Every venue has its door check-in key (made when a venue is saved; here for venues that were
	loaded without one), so showing the door QR code never has to create one."""
	for name in frappe.get_all("Venue", filters={"check_in_key": ("in", ("", None))}, pluck="name"):
		frappe.db.set_value(
			"Venue", name, "check_in_key", frappe.generate_hash(length=16), update_modified=False
		)


def create_defaults():
	create_categories()
	create_settings()
	create_class_periods()
	create_workflow()
	create_check_in_keys()


def remove_defaults():
	name = workflow_definition()["name"]
	if frappe.db.exists("Workflow", name):
		frappe.delete_doc("Workflow", name, ignore_permissions=True, force=True)


DEMO_VENUES = (
	# name, category, capacity, zone, building, floor, equipment
	(
		"Meeting Room 201",
		"Normal",
		16,
		"Meeting",
		"Administration Building",
		"2",
		["Projector", "Whiteboard"],
	),
	(
		"Meeting Room 305",
		"Normal",
		30,
		"Meeting",
		"Administration Building",
		"3",
		["Projector", "Microphone"],
	),
	(
		"Lecture Hall A",
		"Large",
		120,
		"Teaching",
		"Teaching Building",
		"1",
		["Projector", "Microphone", "Speakers"],
	),
	("Classroom 101", "Classroom", 45, "Teaching", "Teaching Building", "1", ["Projector", "Whiteboard"]),
	("Physics Lab", "Laboratory", 40, "Laboratory", "Science Building", "2", ["Projector", "Fume Hood"]),
	(
		"Auditorium",
		"Hall",
		600,
		"Activity",
		"Student Centre",
		"1",
		["Microphone", "Speakers", "Stage Lighting"],
	),
	("Service Hall Counter", "Normal", 8, "Consultation", "Administration Building", "1", []),
)


def make_demo(ctx=None):
	for name, category, capacity, zone, building, floor, equipment in DEMO_VENUES:
		if frappe.db.exists("Venue", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Venue",
				"venue_name": name,
				"venue_category": category,
				"capacity": capacity,
				"function_zone": zone,
				"building": building,
				"floor": floor,
				"is_bookable": 1,
				"check_in_required": 1,
				"equipment": [{"equipment": e, "quantity": 1} for e in equipment],
			}
		).insert(ignore_permissions=True)
