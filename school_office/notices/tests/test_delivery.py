"""DingTalk and WeCom delivery (PF-1) against a local server (127.0.0.1) that implements the vendors'
documented request formats and checks DingTalk's signature: a notice and a service-desk notification arrive,
a failing endpoint is retried and logged, and the save that caused it still succeeds."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from school_office.notices import delivery
from school_office.notices.tests.helpers import People, make_notice, publish
from school_office.notices.tests.loopback import Vendor

LOG = "Collaboration Delivery Log"


def channel(name, channel_type, **fields):
	if frappe.db.exists("Collaboration Channel", name):
		frappe.delete_doc("Collaboration Channel", name, force=True)
	doc = frappe.get_doc(
		{"doctype": "Collaboration Channel", "channel_name": name, "channel_type": channel_type, **fields}
	)
	doc.insert(ignore_permissions=True)
	frappe.cache.delete_value(f"school_office:collaboration_token:{name}")
	return doc


class DeliveryTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		from school_office.notices.install import create_defaults

		create_defaults()
		cls.p = People()

	def setUp(self):
		frappe.set_user("Administrator")
		self.vendor = Vendor().__enter__()
		s = frappe.get_single("Notice Settings")
		s.dingtalk_robot_url = f"{self.vendor.url}/robot/send"
		s.dingtalk_api_url = self.vendor.url
		s.wecom_api_url = self.vendor.url
		s.max_delivery_attempts = 3
		s.retry_after_minutes = 5
		s.save()
		for name in frappe.get_all("Collaboration Channel", pluck="name"):
			frappe.db.set_value("Collaboration Channel", name, "enabled", 0)
		self.dt_robot = channel(
			"NT DingTalk Group",
			"DingTalk Robot",
			robot_credential="dt-robot-token",
			signing_secret="SECtest-secret",
		)
		self.wc_robot = channel("NT WeCom Group", "WeCom Robot", robot_credential="wc-robot-key")
		self.dt_app = channel(
			"NT DingTalk App",
			"DingTalk Work Notice",
			client_id="dt-app-key",
			app_secret="dt-app-secret",
			agent_id="1001",
		)
		self.wc_app = channel(
			"NT WeCom App", "WeCom App Message", corp_id="wc-corp", app_secret="wc-secret", agent_id="1000002"
		)

	def tearDown(self):
		self.vendor.__exit__(None, None, None)
		frappe.set_user("Administrator")

	def logs(self, **filters):
		return frappe.get_all(LOG, filters=filters, fields=["*"], order_by="creation asc")


class TestNoticeDelivery(DeliveryTestCase):
	def test_a_published_notice_reaches_the_groups_and_the_audiences_phones(self):
		name = make_notice(
			self.p.staff,
			title="Campus network maintenance",
			channels=[{"channel": "DingTalk"}, {"channel": "WeCom"}, {"channel": "Notice Board"}],
		)
		publish(self.p, name)
		robot = self.vendor.of("/robot/send")
		self.assertEqual(len(robot), 1)
		self.assertEqual(robot[0]["answer"]["errcode"], 0, "the signature is checked by the server")
		self.assertEqual(robot[0]["body"]["msgtype"], "markdown")
		self.assertIn("Campus network maintenance", robot[0]["body"]["markdown"]["text"])
		self.assertTrue(robot[0]["content_type"].startswith("application/json"))
		wc = self.vendor.of("/cgi-bin/webhook/send")
		self.assertEqual(len(wc), 1)
		self.assertIn("Campus network maintenance", wc[0]["body"]["markdown"]["content"])
		self.assertEqual(len(self.vendor.of("/gettoken")), 1)
		dt = self.vendor.of("/topapi/message/corpconversation/asyncsend_v2")
		self.assertEqual(len(dt), 1)
		self.assertEqual(dt[0]["body"]["agent_id"], 1001)
		self.assertIn("dt-teacher-a", dt[0]["body"]["userid_list"].split(","))
		self.assertIn("dt-staff", dt[0]["body"]["userid_list"].split(","))
		wapp = self.vendor.of("/cgi-bin/message/send")
		self.assertEqual(wapp[0]["body"]["agentid"], 1000002)
		self.assertIn("wc-teacher-a", wapp[0]["body"]["touser"].split("|"))
		logs = self.logs(reference_name=name)
		self.assertEqual(len(logs), 4)
		self.assertEqual({log.status for log in logs}, {"Sent"})

	def test_a_restricted_notice_goes_only_to_its_audience(self):
		name = make_notice(
			self.p.staff,
			title="Finance: closing the books",
			channels=[{"channel": "DingTalk"}],
			audience=[{"audience_type": "Department", "department": self.p.dept_a}],
		)
		publish(self.p, name)
		self.assertFalse(
			self.vendor.of("/robot/send"), "a group's members are unknown: no restricted notice there"
		)
		dt = self.vendor.of("/topapi/message/corpconversation/asyncsend_v2")
		self.assertEqual(len(dt), 1)
		self.assertEqual(dt[0]["body"]["userid_list"], "dt-teacher-a")
		self.assertFalse(self.vendor.of("/cgi-bin/message/send"), "WeCom was not chosen")

	def test_each_emergency_update_is_pushed_on_every_channel(self):
		from school_office.notices import api
		from school_office.notices.tests.helpers import act

		name = make_notice(
			self.p.staff,
			notice_type="Emergency",
			title="Gas leak",
			channels=[{"channel": "DingTalk"}, {"channel": "WeCom"}],
		)
		act(self.p.staff, name, "Publish")
		before = len(self.vendor.received)
		frappe.set_user(self.p.staff)
		api.post_update(name, "All clear in building B")
		new = self.vendor.received[before:]
		paths = sorted(r["path"] for r in new if r["method"] == "POST")
		self.assertEqual(
			paths,
			sorted(
				[
					"/robot/send",
					"/cgi-bin/webhook/send",
					"/topapi/message/corpconversation/asyncsend_v2",
					"/cgi-bin/message/send",
				]
			),
		)
		self.assertTrue(
			all("All clear in building B" in frappe.as_json(r["body"]) for r in new if r["method"] == "POST")
		)


class TestNotificationDelivery(DeliveryTestCase):
	def test_a_service_desk_notification_reaches_the_assignees_phone(self):
		from frappe.desk.form import assign_to

		from school_office.service_desk.tests.test_portal import PortalTestCase, make_portal_user

		student = make_portal_user("nt.requester@test.school", "Requester")
		for st in ("Repair Request",):
			frappe.db.set_value("Service Type", st, "is_published", 1)
		submit = PortalTestCase.submit
		res = submit(self, user=student)
		frappe.set_user(self.p.manager)
		assign_to.add({"assign_to": [self.p.staff], "doctype": "Service Request", "name": res["name"]})
		wapp = self.vendor.of("/cgi-bin/message/send")
		self.assertTrue(wapp, "the assignment notification went to WeCom")
		self.assertEqual(wapp[-1]["body"]["touser"], "wc-staff")
		self.assertIn(res["name"], wapp[-1]["body"]["markdown"]["content"])
		dt = self.vendor.of("/topapi/message/corpconversation/asyncsend_v2")
		self.assertEqual(dt[-1]["body"]["userid_list"], "dt-staff")
		logs = self.logs(reference_name=res["name"], recipient_user=self.p.staff)
		self.assertTrue(logs)
		self.assertTrue(all(log.status == "Sent" and log.notification_log for log in logs))

	def test_a_teams_group_robot_gets_its_service_requests_notifications_once(self):
		from frappe.desk.form import assign_to

		from school_office.service_desk.tests.test_portal import PortalTestCase, make_portal_user

		student = make_portal_user("nt.requester@test.school", "Requester")
		frappe.db.set_value("Service Type", "Repair Request", "is_published", 1)
		res = PortalTestCase.submit(self, user=student)
		frappe.set_user("Administrator")
		team = frappe.db.get_value("Service Request", res["name"], "service_team")
		self.assertTrue(team, "a repair request has its team")
		robot = channel(
			"NT Team Robot",
			"WeCom Robot",
			robot_credential="wc-robot-key",
			service_team=team,
			use_for_notices=0,
		)
		frappe.set_user(self.p.manager)
		assign_to.add(
			{"assign_to": [self.p.staff, self.p.staff2], "doctype": "Service Request", "name": res["name"]}
		)
		posts = [
			r for r in self.vendor.of("/cgi-bin/webhook/send") if res["name"] in frappe.as_json(r["body"])
		]
		self.assertEqual(len(posts), 1, "two members' notifications, one post to the team's group")
		self.assertEqual(len(self.logs(channel=robot.name, reference_name=res["name"])), 1)

	def test_a_failing_endpoint_is_retried_logged_and_the_save_succeeds(self):
		self.vendor.fail["/cgi-bin/webhook/send"] = 1
		name = make_notice(self.p.staff, title="Exam timetable", channels=[{"channel": "WeCom"}])
		doc = publish(self.p, name)
		self.assertEqual(doc.status, "Published", "the save that caused the delivery succeeded")
		log = self.logs(reference_name=name, channel=self.wc_robot.name)[0]
		self.assertEqual(log.status, "Retrying")
		self.assertEqual(log.attempts, 1)
		self.assertIn("HTTP 500", log.error)
		self.assertGreater(log.next_attempt_on, now_datetime())
		# not due yet: the retry job leaves it
		frappe.set_user("Administrator")
		self.assertNotIn(log.name, delivery.retry_due())
		frappe.db.set_value(LOG, log.name, "next_attempt_on", add_to_date(now_datetime(), minutes=-1))
		self.assertIn(log.name, delivery.retry_due())
		log = frappe.get_doc(LOG, log.name)
		self.assertEqual((log.status, log.attempts), ("Sent", 2))
		self.assertFalse(log.error)
		self.assertEqual(len(self.vendor.of("/cgi-bin/webhook/send")), 2)

	def test_a_message_that_keeps_failing_ends_failed_with_the_reason(self):
		self.vendor.fail["/cgi-bin/webhook/send"] = 10
		name = make_notice(self.p.staff, title="Canteen menu", channels=[{"channel": "WeCom"}])
		publish(self.p, name)
		log_name = self.logs(reference_name=name, channel=self.wc_robot.name)[0].name
		frappe.set_user("Administrator")
		self.assertEqual(delivery.deliver(log_name), "Retrying")
		self.assertEqual(delivery.deliver(log_name), "Failed")
		log = frappe.get_doc(LOG, log_name)
		self.assertEqual(log.attempts, 3)
		self.assertIn("HTTP 500", log.error)
		self.assertIsNone(delivery.deliver(log_name), "a failed message is not sent again")
		self.assertEqual(len(self.vendor.of("/cgi-bin/webhook/send")), 3)

	def test_a_wrong_signing_secret_is_refused_by_dingtalk_and_logged(self):
		frappe.set_user("Administrator")
		bad = channel(
			"NT Bad Robot", "DingTalk Robot", robot_credential="dt-robot-token", signing_secret="SECwrong"
		)
		name = delivery.queue(bad, "Hello", "World")
		log = frappe.get_doc(LOG, name)
		self.assertEqual(log.status, "Retrying")
		self.assertIn("310000", log.error)
		self.assertEqual(self.vendor.of("/robot/send")[-1]["answer"]["errcode"], 310000)

	def test_the_access_token_is_cached_and_renewed_when_it_expires(self):
		frappe.set_user("Administrator")
		delivery.queue(self.wc_app, "One", "first", recipient_ids=["wc-staff"])
		delivery.queue(self.wc_app, "Two", "second", recipient_ids=["wc-staff"])
		self.assertEqual(len(self.vendor.of("/cgi-bin/gettoken")), 1, "the token is cached")
		self.vendor.valid_tokens.clear()  # WeCom expired it
		name = delivery.queue(self.wc_app, "Three", "third", recipient_ids=["wc-staff"])
		self.assertEqual(frappe.db.get_value(LOG, name, "status"), "Sent")
		self.assertEqual(len(self.vendor.of("/cgi-bin/gettoken")), 2)
		self.assertEqual(self.vendor.of("/cgi-bin/message/send")[-2]["answer"]["errcode"], 42001)

	def test_delivery_never_fails_the_notification(self):
		frappe.set_user("Administrator")
		with patch("school_office.notices.delivery.queue", side_effect=RuntimeError("boom")):
			log = frappe.get_doc(
				{
					"doctype": "Notification Log",
					"for_user": self.p.staff,
					"subject": "Still saved",
					"type": "Alert",
				}
			).insert(ignore_permissions=True)
		self.assertTrue(frappe.db.exists("Notification Log", log.name))

	def test_users_without_an_id_and_disabled_channels_get_nothing(self):
		frappe.set_user("Administrator")
		frappe.get_doc(
			{"doctype": "Notification Log", "for_user": self.p.staff2, "subject": "No id", "type": "Alert"}
		).insert(ignore_permissions=True)
		self.assertFalse(self.vendor.received)
		frappe.db.set_value("Collaboration Channel", self.wc_app.name, "enabled", 0)
		frappe.get_doc(
			{"doctype": "Notification Log", "for_user": self.p.staff, "subject": "WeCom off", "type": "Alert"}
		).insert(ignore_permissions=True)
		self.assertFalse(self.vendor.of("/cgi-bin/message/send"))
		self.assertTrue(self.vendor.of("/topapi/message/corpconversation/asyncsend_v2"))

	def test_credentials_are_not_readable_over_the_api(self):
		from frappe.client import get

		frappe.set_user("Administrator")
		doc = get("Collaboration Channel", self.wc_app.name)
		self.assertNotEqual(doc.get("app_secret"), "wc-secret")
