# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

from datetime import datetime

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_datetime, now_datetime

from school_office.demo import make_demo
from school_office.service_desk import api
from school_office.service_desk.tasks import auto_close, escalate_request
from school_office.setup.demo_data import DEMO_DOMAIN
from school_office.utils.calendar import clear_calendar_cache


def u(local):
	return f"{local}@{DEMO_DOMAIN}"


def make_request(**kw):
	values = {
		"doctype": "Service Request",
		"subject": kw.pop("subject", "Test request"),
		"service_type": kw.pop("service_type", "Consultation"),
		"channel": kw.pop("channel", "Window"),
		"requester": kw.pop("requester", u("student")),
	}
	values.update(kw)
	return frappe.get_doc(values).insert()


def ensure_outgoing_email_account():
	"""Notifications queue e-mail only when an outgoing account exists (nothing is sent in tests)."""
	if frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
		return
	acc = frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": "School Office Test Outbox",
			"email_id": "office@demo.school",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "127.0.0.1",
			"smtp_port": 2525,
			"no_smtp_authentication": 1,
		}
	)
	acc.flags.ignore_validate = True
	acc.insert(ignore_permissions=True)
	frappe.db.commit()


def mails(name):
	"""E-mails the standard Notifications sent about a request (their Communication records)."""
	return frappe.get_all(
		"Communication",
		filters={
			"reference_doctype": "Service Request",
			"reference_name": name,
			"communication_medium": "Email",
		},
		fields=["content", "recipients", "subject"],
	)


def sent_to(name, text):
	return ", ".join(m.recipients or "" for m in mails(name) if text in (m.content or ""))


def restart_clock(doc, at: str):
	"""Pretend the request was filed at `at`: the SLA recomputes from this moment."""
	doc.reload()
	doc.service_level_agreement_creation = at
	doc.save()
	doc.reload()
	return doc


class ServiceDeskTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_demo(verbose=False)  # idempotent; commits the demo school once
		ensure_outgoing_email_account()

	def tearDown(self):
		frappe.set_user("Administrator")


class TestIntake(ServiceDeskTestCase):
	def test_walk_in_request_by_staff(self):
		frappe.set_user(u("office.staff"))
		doc = make_request(service_type="Repair Request", area="Teaching Building")
		self.assertRegex(doc.name, r"^SR-\d{4}-\d{5}$")
		self.assertEqual(doc.channel, "Window")
		self.assertEqual(doc.requester, u("student"))
		self.assertEqual(doc.requester_name, frappe.db.get_value("User", u("student"), "full_name"))
		self.assertEqual(doc.service_team, "Maintenance")
		self.assertEqual(doc.service_category, "Facilities and Repairs")
		self.assertEqual(doc.priority, "High")  # the service type's default
		self.assertTrue(
			doc.materials and doc.materials[0].material == "Location and description of the fault"
		)
		self.assertTrue(doc.registered_on)
		self.assertEqual(doc.service_level_agreement, "SLA-Service Request-Facilities and Repairs")
		self.assertTrue(doc.response_by and doc.sla_resolution_by)
		self.assertEqual(doc.agreement_status, "First Response Due")
		self.assertIn(u("technician"), frappe.db.get_value("Service Request", doc.name, "team_emails"))
		self.assertTrue(frappe.db.get_value("Service Request", doc.name, "routed_on"))

	def test_portal_user_is_the_requester(self):
		frappe.set_user(u("teacher"))
		doc = frappe.get_doc(
			{
				"doctype": "Service Request",
				"subject": "Need a certificate",
				"service_type": "Certificate Issuance",
			}
		).insert()
		self.assertEqual(doc.channel, "Portal")
		self.assertEqual(doc.requester, u("teacher"))

	def test_new_request_must_start_open(self):
		with self.assertRaises(frappe.ValidationError):
			make_request(status="Closed")


class TestClocks(ServiceDeskTestCase):
	def test_friday_afternoon_two_hours_due_next_working_day(self):
		doc = make_request(service_type="Repair Request")  # 2 working hours to respond
		restart_clock(doc, "2026-11-20 17:00:00")  # a Friday
		self.assertEqual(get_datetime(doc.response_by), datetime(2026, 11, 23, 10, 0))  # 08:30 + 1.5 h

		# with an 08:00 start the same request is due at 09:30
		sla = frappe.get_doc("Service Level Agreement", doc.service_level_agreement)
		for row in sla.support_and_resolution:
			row.start_time = "08:00:00"
		sla.save()
		try:
			restart_clock(doc, "2026-11-20 17:00:00")
			self.assertEqual(get_datetime(doc.response_by), datetime(2026, 11, 23, 9, 30))
		finally:
			for row in sla.support_and_resolution:
				row.start_time = "08:30:00"
			sla.save()

	def test_make_up_saturday_counts_and_holiday_does_not(self):
		arrangement = frappe.get_doc(
			{
				"doctype": "Holiday Arrangement",
				"year": 2030,
				"days": [
					{"date": f"2030-10-0{d}", "day_type": "Holiday", "description": "National Day"}
					for d in range(1, 8)
				]
				+ [{"date": "2030-10-12", "day_type": "Make-up Working Day", "description": "调休"}],
			}
		)
		if frappe.db.exists("Holiday Arrangement", "2030"):
			frappe.delete_doc("Holiday Arrangement", "2030", force=True)
		arrangement.insert()
		self.assertEqual(datetime(2030, 10, 12).weekday(), 5)  # Saturday
		doc = make_request(service_type="Repair Request")
		restart_clock(doc, "2030-10-12 09:00:00")  # make-up Saturday: on the clock
		self.assertEqual(get_datetime(doc.response_by), datetime(2030, 10, 12, 11, 0))
		restart_clock(doc, "2030-10-02 09:00:00")  # statutory holiday: starts on 10-08
		self.assertEqual(get_datetime(doc.response_by), datetime(2030, 10, 8, 10, 30))
		restart_clock(doc, "2030-10-13 09:00:00")  # an ordinary Sunday stays off
		self.assertEqual(get_datetime(doc.response_by), datetime(2030, 10, 14, 10, 30))
		# the app's own calendar agrees
		from school_office.utils.calendar import get_work_calendar

		clear_calendar_cache()
		cal = get_work_calendar()
		self.assertTrue(cal.is_working_day(datetime(2030, 10, 12).date()))
		self.assertFalse(cal.is_working_day(datetime(2030, 10, 2).date()))

	def test_needs_info_pauses_and_reply_reopens(self):
		doc = make_request(service_type="Consultation")
		api.request_info(doc.name, "Please send your student number")
		doc.reload()
		self.assertEqual(doc.status, "Needs Info")
		self.assertTrue(doc.on_hold_since)
		self.assertTrue(doc.first_responded_on)
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"sent_or_received": "Received",
				"subject": f"Re: {doc.subject}",
				"content": "My number is 2024001",
				"sender": u("student"),
				"reference_doctype": "Service Request",
				"reference_name": doc.name,
			}
		).insert(ignore_permissions=True)
		doc.reload()
		self.assertEqual(doc.status, "Open")
		self.assertFalse(doc.on_hold_since)


class TestAcceptance(ServiceDeskTestCase):
	def test_mandatory_materials_checked_before_accept(self):
		doc = make_request(service_type="Certificate Issuance")
		with self.assertRaisesRegex(frappe.ValidationError, "Application form"):
			api.accept(doc.name)
		doc.reload()
		self.assertEqual(doc.status, "Open")
		for m in doc.materials:
			m.received = 1
		doc.save()
		api.accept(doc.name)
		doc.reload()
		self.assertEqual(doc.status, "Accepted")
		self.assertTrue(doc.first_responded_on)

	def test_reject_and_refer_need_reasons(self):
		doc = make_request()
		with self.assertRaises(frappe.ValidationError):
			api.reject(doc.name, "  ")
		api.reject(doc.name, "Not a matter for the office")
		doc.reload()
		self.assertEqual((doc.status, doc.rejection_reason), ("Rejected", "Not a matter for the office"))
		with self.assertRaises(frappe.ValidationError):
			api.accept(doc.name)  # Rejected is final

		other = make_request()
		dept = frappe.db.get_value("Department", {"department_name": "Finance"})
		with self.assertRaises(frappe.ValidationError):
			api.refer(other.name, dept, "")
		api.refer(other.name, dept, "Fees are handled by Finance")
		other.reload()
		self.assertEqual((other.status, other.referred_to), ("Referred", dept))

	def test_needs_info_requires_a_message(self):
		doc = make_request()
		with self.assertRaises(frappe.ValidationError):
			api.request_info(doc.name, "")

	def test_leave_slip_form_checked(self):
		doc = make_request(
			service_type="Leave Slip",
			leave_start="2026-12-02 08:00:00",
			leave_end="2026-12-01 08:00:00",
			leave_reason="Ill",
		)
		self.assertEqual(doc.form_template, "Leave Slip")
		for m in doc.materials:
			m.received = 1
		doc.save()
		with self.assertRaisesRegex(frappe.ValidationError, "end after"):
			api.accept(doc.name)
		doc.reload()
		doc.leave_end = "2026-12-03 08:00:00"
		doc.save()
		api.accept(doc.name)

	def test_staff_only_actions(self):
		doc = make_request()
		frappe.set_user(u("student"))
		with self.assertRaises(frappe.PermissionError):
			api.accept(doc.name)


class TestRouting(ServiceDeskTestCase):
	def test_team_and_assignment_rule(self):
		doc = make_request(service_type="Repair Request", area="Teaching Building")
		doc.reload()
		self.assertEqual(frappe.parse_json(doc._assign), [u("technician")])
		rules = frappe.get_all(
			"Assignment Rule",
			filters={"document_type": "Service Request", "description": ("like", "%Maintenance -->%")},
			fields=["name", "disabled"],
		)
		self.assertTrue({"Maintenance", "Maintenance: urgent"} <= {r.name for r in rules})
		self.assertTrue(all(r.disabled for r in rules))  # applied by routing, not evaluated on every save
		todo = frappe.get_all("ToDo", filters={"reference_name": doc.name}, fields=["description", "status"])
		self.assertIn(doc.subject, todo[0].description)
		# done -> the assignment is closed
		for m in doc.materials:
			m.received = 1
		doc.save()
		api.accept(doc.name)
		api.resolve(doc.name, "Replaced the lamp")
		self.assertEqual(
			frappe.get_all("ToDo", filters={"reference_name": doc.name}, pluck="status"), ["Closed"]
		)

	def test_round_robin_and_areas(self):
		if frappe.db.exists("Service Team", "Test RR Team"):
			frappe.delete_doc("Service Team", "Test RR Team", force=True)
		team = frappe.get_doc(
			{
				"doctype": "Service Team",
				"team_name": "Test RR Team",
				"assignment_method": "Round Robin",
				"members": [
					{"user": u("office.staff"), "skill_level": "Junior", "areas": "North"},
					{"user": u("print.staff"), "skill_level": "Expert", "areas": "South"},
				],
			}
		).insert()
		got = []
		for _i in range(4):
			d = make_request(service_type="Consultation", service_team=team.name, priority="Medium")
			got.append(frappe.parse_json(frappe.db.get_value("Service Request", d.name, "_assign"))[0])
		self.assertEqual(set(got), {u("office.staff"), u("print.staff")})
		self.assertNotEqual(got[0], got[1])
		south = make_request(
			service_type="Consultation", service_team=team.name, area="South gate", priority="Medium"
		)
		self.assertEqual(
			frappe.parse_json(frappe.db.get_value("Service Request", south.name, "_assign")),
			[u("print.staff")],
		)
		urgent = make_request(service_type="Consultation", service_team=team.name, priority="Urgent")
		self.assertEqual(
			frappe.parse_json(frappe.db.get_value("Service Request", urgent.name, "_assign")),
			[u("print.staff")],
		)

	def _team(self, name, user):
		if frappe.db.exists("Service Team", name):
			frappe.delete_doc("Service Team", name, force=True, ignore_permissions=True)
		return frappe.get_doc(
			{
				"doctype": "Service Team",
				"team_name": name,
				"assignment_method": "Round Robin",
				"members": [{"user": user, "skill_level": "Senior"}],
			}
		).insert()

	def _assignees(self, request):
		return frappe.parse_json(frappe.db.get_value("Service Request", request.name, "_assign") or "[]")

	def test_renamed_team_keeps_routing(self):
		for name in ("Test Rename Team", "Test Renamed Team"):
			if frappe.db.exists("Service Team", name):
				frappe.delete_doc("Service Team", name, force=True, ignore_permissions=True)
		frappe.set_user(u("office.manager"))  # the Office Manager keeps the teams
		self._team("Test Rename Team", u("print.staff"))
		frappe.rename_doc("Service Team", "Test Rename Team", "Test Renamed Team")
		self.assertEqual(
			frappe.db.get_value("Service Team", "Test Renamed Team", "team_name"), "Test Renamed Team"
		)
		frappe.set_user("Administrator")
		rules = frappe.get_all(
			"Assignment Rule",
			filters={"document_type": "Service Request", "description": ("like", "%Test Rename%")},
			fields=["name", "assign_condition"],
			order_by="name",
		)
		self.assertEqual(
			[(r.name, r.assign_condition) for r in rules],
			[
				("Test Renamed Team", 'routed_on and service_team == "Test Renamed Team"'),
				(
					"Test Renamed Team: urgent",
					'routed_on and service_team == "Test Renamed Team" and priority == "Urgent"',
				),
			],
		)
		request = make_request(
			service_type="Consultation", service_team="Test Renamed Team", priority="Medium"
		)
		self.assertEqual(self._assignees(request), [u("print.staff")])

	def test_team_rule_never_overwrites_an_administrators_rule(self):
		name = "Test Clash Team"
		for rule in (name, f"{name}: urgent", f"{name} [School Office]", f"{name}: urgent [School Office]"):
			if frappe.db.exists("Assignment Rule", rule):
				frappe.delete_doc("Assignment Rule", rule, force=True, ignore_permissions=True)
		# an administrator's own rule that happens to bear the team's name
		own = frappe.get_doc(
			{
				"doctype": "Assignment Rule",
				"document_type": "Service Request",
				"description": "The administrator's own rule",
				"assign_condition": 'status == "Open"',
				"rule": "Load Balancing",
				"priority": 1,
				"disabled": 1,
				"users": [{"user": u("office.staff")}],
				"assignment_days": [{"day": "Monday"}],
			}
		)
		own.insert(set_name=name, ignore_permissions=True)
		before = frappe.get_doc("Assignment Rule", name).as_dict()

		frappe.set_user(u("office.manager"))
		self._team(name, u("print.staff"))
		frappe.set_user("Administrator")
		from school_office.service_desk.install import create_defaults

		create_defaults()  # what installing (again) does for every team

		after = frappe.get_doc("Assignment Rule", name)
		self.assertEqual(
			(after.document_type, after.description, after.assign_condition, after.rule, after.modified),
			(
				"Service Request",
				"The administrator's own rule",
				'status == "Open"',
				"Load Balancing",
				before.modified,
			),
		)
		self.assertEqual([r.user for r in after.users], [u("office.staff")])
		self.assertEqual(
			sorted(
				frappe.get_all(
					"Assignment Rule",
					filters={"description": ("like", f"%-- [school_office team] {name} -->%")},
					pluck="name",
				)
			),
			[f"{name} [School Office]", f"{name}: urgent"],
		)
		request = make_request(service_type="Consultation", service_team=name, priority="Medium")
		self.assertEqual(self._assignees(request), [u("print.staff")])

	def test_scheduled_routing_routes_what_is_left(self):
		from school_office.service_desk.routing import route_new_requests

		doc = make_request(service_type="Repair Request", area="Teaching Building")
		# as if saved while routing runs every minute: not routed, not assigned yet
		frappe.db.set_value(
			"Service Request", doc.name, {"routed_on": None, "_assign": None}, update_modified=False
		)
		frappe.db.delete("ToDo", {"reference_type": "Service Request", "reference_name": doc.name})
		route_new_requests()
		self.assertTrue(frappe.db.get_value("Service Request", doc.name, "routed_on"))
		self.assertEqual(
			frappe.parse_json(frappe.db.get_value("Service Request", doc.name, "_assign")), [u("technician")]
		)
		route_new_requests()  # nothing twice
		self.assertEqual(
			frappe.db.count("ToDo", {"reference_type": "Service Request", "reference_name": doc.name}), 1
		)

	def test_urgent_first_and_move_to_front(self):
		low = make_request(priority="Low", service_team="Coordination")
		medium = make_request(priority="Medium", service_team="Coordination")
		urgent = make_request(priority="Urgent", service_team="Coordination")
		order = frappe.get_all(
			"Service Request",
			filters={"name": ("in", [low.name, medium.name, urgent.name])},
			order_by="queue_score asc",
			pluck="name",
		)
		self.assertEqual(order, [urgent.name, medium.name, low.name])
		frappe.set_user(u("office.staff"))
		with self.assertRaises(frappe.PermissionError):
			api.move_to_front(medium.name, "Dean's request")
		frappe.set_user(u("office.manager"))
		with self.assertRaises(frappe.ValidationError):
			api.move_to_front(medium.name, "")
		later = make_request(priority="Medium", service_team="Coordination")
		api.move_to_front(later.name, "Dean's request")
		frappe.set_user("Administrator")
		order = frappe.get_all(
			"Service Request",
			filters={"name": ("in", [medium.name, later.name, urgent.name])},
			order_by="queue_score asc",
			pluck="name",
		)
		self.assertEqual(
			order, [urgent.name, later.name, medium.name]
		)  # front of its band, urgent still first
		self.assertTrue(
			frappe.db.exists(
				"Comment", {"reference_name": later.name, "content": ("like", "%Dean's request%")}
			)
		)


class TestPermissions(ServiceDeskTestCase):
	def test_who_sees_what(self):
		mine = make_request(service_type="Repair Request", requester=u("student"))
		theirs = make_request(service_type="Printing and Copying", requester=u("teacher"))
		dept = frappe.db.get_value("Department", {"department_name": "Academic Affairs"})
		dept_req = make_request(service_type="Consultation", requester=u("student.en"), department=dept)

		frappe.set_user(u("student"))
		visible = set(frappe.get_list("Service Request", pluck="name"))
		self.assertIn(mine.name, visible)
		self.assertNotIn(theirs.name, visible)
		self.assertFalse(frappe.has_permission("Service Request", "read", theirs.name))
		self.assertTrue(frappe.has_permission("Service Request", "read", mine.name))
		self.assertFalse(frappe.has_permission("Service Request", "write", mine.name))

		frappe.set_user(u("technician"))  # Maintenance Technician: the requests assigned to them
		visible = set(frappe.get_list("Service Request", pluck="name"))
		self.assertIn(mine.name, visible)  # a repair, assigned to the technician by the Maintenance rule
		self.assertNotIn(theirs.name, visible)
		self.assertTrue(frappe.has_permission("Service Request", "write", mine.name))
		self.assertFalse(frappe.has_permission("Service Request", "read", theirs.name))

		frappe.set_user(u("print.staff"))  # Office Staff in Print Room
		visible = set(frappe.get_list("Service Request", pluck="name"))
		self.assertIn(theirs.name, visible)
		self.assertNotIn(mine.name, visible)  # Maintenance's
		self.assertTrue(frappe.has_permission("Service Request", "write", theirs.name))
		self.assertFalse(frappe.has_permission("Service Request", "read", mine.name))

		frappe.set_user(u("dept.head"))
		visible = set(frappe.get_list("Service Request", pluck="name"))
		self.assertIn(dept_req.name, visible)
		self.assertNotIn(theirs.name, visible)

		frappe.set_user(u("office.manager"))
		visible = set(frappe.get_list("Service Request", pluck="name", limit_page_length=0))
		self.assertTrue({mine.name, theirs.name, dept_req.name} <= visible)


class TestComplaints(ServiceDeskTestCase):
	def test_milestones_on_the_working_calendar(self):
		doc = make_request(
			service_type="Complaint",
			channel="Suggestion Box",
			problem_type="Facilities",
			contact="13800000000",
		)
		restart = get_datetime("2026-11-20 10:00:00")  # Friday
		doc.set_complaint_dues(restart)
		self.assertEqual(get_datetime(doc.registered_due), datetime(2026, 11, 20, 17, 30))
		self.assertEqual(get_datetime(doc.assigned_due), datetime(2026, 11, 23, 17, 30))
		self.assertEqual(get_datetime(doc.plan_due), datetime(2026, 11, 26, 17, 30))
		doc.is_complex = 1
		doc.set_complaint_dues(restart)
		self.assertEqual(get_datetime(doc.plan_due), datetime(2026, 12, 3, 17, 30))
		doc.save()
		self.assertTrue(doc.registered_on)  # recorded by staff from the suggestion box
		states = doc.milestone_states()
		# the save changed "complex", so the dues were set again from the request's own creation (today): it
		# was registered on insert, within its one working day
		self.assertGreater(get_datetime(doc.registered_due), get_datetime(doc.registered_on))
		self.assertEqual(states["registered"], "done")
		doc.responsible_department = frappe.db.get_value("Department", {"department_name": "Logistics"})
		doc.preliminary_plan = "Fix the lights this week"
		doc.save()
		self.assertTrue(doc.assigned_on and doc.plan_on)

	def test_closing_a_complaint_needs_outcome_and_reason(self):
		doc = make_request(service_type="Complaint", problem_type="Safety", contact="x@example.org")
		for m in doc.materials:
			m.received = 1
		doc.save()
		api.accept(doc.name)
		api.resolve(doc.name, "Checked")
		with self.assertRaises(frappe.ValidationError):
			api.close(doc.name)  # no outcome
		with self.assertRaises(frappe.ValidationError):
			api.close(doc.name, outcome="Cannot Be Solved")  # no reason
		api.close(doc.name, outcome="Cannot Be Solved", unsolvable_reason="The building is rented")
		self.assertEqual(frappe.db.get_value("Service Request", doc.name, "status"), "Closed")


class TestEscalation(ServiceDeskTestCase):
	def test_75_percent_then_breach_each_once(self):
		doc = make_request(service_type="Repair Request", area="Teaching Building")
		restart_clock(doc, "2026-11-23 08:30:00")  # Monday; 2 h response -> 10:30
		self.assertEqual(get_datetime(doc.response_by), datetime(2026, 11, 23, 10, 30))
		sent = escalate_request(doc.name, now=datetime(2026, 11, 23, 10, 0))
		self.assertEqual(sent, ["Response 75%"])
		self.assertEqual(escalate_request(doc.name, now=datetime(2026, 11, 23, 10, 5)), [])
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": u("technician"), "document_name": doc.name})
		)
		sent = escalate_request(doc.name, now=datetime(2026, 11, 23, 11, 0))
		self.assertEqual(sent, ["Response Breached"])
		self.assertEqual(escalate_request(doc.name, now=datetime(2026, 11, 23, 12, 0)), [])
		doc.reload()
		self.assertEqual(
			[(e.escalation_type, e.target) for e in doc.escalations],
			[("Response 75%", "Response"), ("Response Breached", "Response")],
		)
		self.assertIn(u("office.manager"), doc.escalations[1].notified)
		# the standard Notification tells the Office Manager by e-mail
		self.assertIn(u("office.manager"), sent_to(doc.name, "已超过时限"))

	def test_two_breaches_in_one_run_send_two_notices(self):
		doc = make_request(service_type="Repair Request", area="Teaching Building")
		restart_clock(doc, "2026-11-23 08:30:00")  # respond by 10:30, fix within 48 working hours
		manager_log = {"for_user": u("office.manager"), "document_name": doc.name}
		logs_before = frappe.db.count("Notification Log", manager_log)
		# both targets have passed by the first run that sees the request
		sent = escalate_request(doc.name, now=datetime(2027, 1, 29, 12, 0))
		self.assertEqual(sent, ["Response Breached", "Resolution Breached"])
		doc.reload()
		self.assertEqual(
			[(e.escalation_type, e.target) for e in doc.escalations],
			[("Response Breached", "Response"), ("Resolution Breached", "Resolution")],
		)
		self.assertEqual(doc.last_escalation, "Resolution Breached: Resolution")
		breach_mails = [m for m in mails(doc.name) if "已超过时限" in (m.content or "")]
		self.assertEqual(len(breach_mails), 2)
		self.assertEqual(
			sorted(
				text
				for m in breach_mails
				for text in ("Response Breached: Response", "Resolution Breached: Resolution")
				if text in m.content
			),
			["Resolution Breached: Resolution", "Response Breached: Response"],
		)
		self.assertTrue(all(u("office.manager") in (m.recipients or "") for m in breach_mails))
		self.assertEqual(frappe.db.count("Notification Log", manager_log), logs_before + 2)
		# a later run sends neither again
		self.assertEqual(escalate_request(doc.name, now=datetime(2027, 2, 1, 12, 0)), [])
		self.assertEqual(len([m for m in mails(doc.name) if "已超过时限" in (m.content or "")]), 2)
		self.assertEqual(frappe.db.count("Notification Log", manager_log), logs_before + 2)


class TestCompletion(ServiceDeskTestCase):
	def resolved(self):
		doc = make_request(service_type="Consultation")
		api.accept(doc.name)
		api.resolve(doc.name, "Answered at the window")
		return frappe.get_doc("Service Request", doc.name)

	def test_resolved_requester_told_with_rating_link(self):
		doc = self.resolved()
		self.assertTrue(doc.resolved_on)
		log = frappe.get_all(
			"Notification Log", filters={"for_user": u("student"), "document_name": doc.name}, pluck="subject"
		)
		self.assertTrue(any(doc.rating_key in s for s in log))
		mail = mails(doc.name)
		self.assertTrue(
			any(
				f"service-feedback?request={doc.name}&amp;key={doc.rating_key}" in m.content
				or f"service-feedback?request={doc.name}&key={doc.rating_key}" in m.content
				for m in mail
			)
		)
		self.assertTrue(any("请为本次服务评分" in m.content and "Please rate" in m.content for m in mail))
		self.assertIn(u("student"), sent_to(doc.name, "请为本次服务评分"))

	def test_rating_link(self):
		doc = self.resolved()
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			api.rate(doc.name, "wrong-key", 5)
		with self.assertRaises(frappe.ValidationError):
			api.rate(doc.name, doc.rating_key, 6)
		with self.assertRaises(frappe.ValidationError):
			api.rate(doc.name, doc.rating_key, "4.5")
		api.rate(doc.name, doc.rating_key, 4, "Quick and kind")
		frappe.set_user("Administrator")
		doc.reload()
		self.assertEqual((doc.rating, doc.feedback_comment), (4, "Quick and kind"))
		self.assertTrue(doc.rated_on)

	def test_unrated_resolved_requests_close_after_n_days(self):
		doc = self.resolved()
		rated = self.resolved()
		for name in (doc.name, rated.name):
			frappe.db.set_value("Service Request", name, "resolved_on", add_days(now_datetime(), -10))
		frappe.db.set_value("Service Request", rated.name, "rating", 5)
		frappe.db.set_single_value("School Office Settings", "auto_close_after_days", 7)
		closed = auto_close()
		self.assertIn(doc.name, closed)
		self.assertNotIn(rated.name, closed)
		self.assertEqual(frappe.db.get_value("Service Request", doc.name, "status"), "Closed")

	def test_one_failing_request_does_not_stop_auto_close(self):
		first, second = self.resolved(), self.resolved()
		# a complaint whose outcome "Cannot Be Solved" lacks its reason cannot be closed
		bad = make_request(service_type="Complaint", problem_type="Safety", contact="x@example.org")
		for m in bad.materials:
			m.received = 1
		bad.save()
		api.accept(bad.name)
		api.resolve(bad.name, "Checked")
		frappe.db.set_value(
			"Service Request", bad.name, {"outcome": "Cannot Be Solved", "unsolvable_reason": ""}
		)
		for name in (first.name, bad.name, second.name):
			frappe.db.set_value("Service Request", name, "resolved_on", add_days(now_datetime(), -10))
		frappe.db.set_single_value("School Office Settings", "auto_close_after_days", 7)
		title = f"Auto-close of service request {bad.name} failed"
		frappe.db.delete("Error Log", {"method": title})

		closed = auto_close()

		self.assertEqual(set(closed) & {first.name, bad.name, second.name}, {first.name, second.name})
		status = {
			n: frappe.db.get_value("Service Request", n, "status")
			for n in (first.name, bad.name, second.name)
		}
		self.assertEqual(status, {first.name: "Closed", bad.name: "Resolved", second.name: "Closed"})
		# the failed attempt left nothing behind on the request and is logged
		self.assertFalse(
			frappe.db.exists(
				"Comment", {"reference_name": bad.name, "content": ("like", "Closed automatically%")}
			)
		)
		log = frappe.get_all("Error Log", filters={"method": title}, fields=["reference_name", "error"])
		self.assertEqual([entry.reference_name for entry in log], [bad.name])
		self.assertIn("Explain to the requester why it cannot be solved", log[0].error)

	def test_follow_up_call_logged(self):
		doc = self.resolved()
		api.log_follow_up(doc.name, "Satisfied", "Thanked the office")
		doc.reload()
		self.assertEqual(
			(doc.follow_ups[0].outcome, doc.follow_ups[0].called_by), ("Satisfied", "Administrator")
		)


class TestNotifications(ServiceDeskTestCase):
	def test_standard_notifications_installed_and_bilingual(self):
		for name in (
			"Service Request New",
			"Service Request Assigned",
			"Service Request Needs Info",
			"Service Request Resolved",
			"Service Request Breached",
			"Service Request Complaint Closed",
		):
			n = frappe.get_doc("Notification", name)
			self.assertTrue(n.enabled and n.is_standard, name)
		doc = make_request(service_type="Repair Request", area="Teaching Building")
		self.assertTrue(
			any("新的服务申请" in m.content and "A new service request" in m.content for m in mails(doc.name))
		)
		self.assertIn(u("technician"), sent_to(doc.name, "新的服务申请"))
		api.request_info(doc.name, "Which room?")
		self.assertIn(u("student"), sent_to(doc.name, "Which room?"))
		# assigned -> assignee (Notification on ToDo)
		todo = frappe.get_all("ToDo", filters={"reference_name": doc.name}, pluck="name")
		self.assertTrue(todo)
		self.assertTrue(
			frappe.get_all(
				"Communication",
				filters={
					"reference_doctype": "ToDo",
					"reference_name": ("in", todo),
					"recipients": ("like", f"%{u('technician')}%"),
				},
			)
		)
