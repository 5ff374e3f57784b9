"""Notices: review workflow (AN-2), permissions (item 7), channels (AN-1), acknowledgements (AN-3),
emergencies (AN-4) and digests (AN-5) — each role acting as itself."""

import os
from datetime import timedelta

import frappe
from frappe.model.workflow import WorkflowPermissionError
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, now_datetime

from school_office.notices import api, digest, publishing
from school_office.notices.tests.helpers import People, act, make_notice, publish


class NoticeTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		from school_office.notices.install import create_defaults

		create_defaults()
		cls.p = People()
		frappe.db.set_single_value("Notice Settings", "emergency_skip_review", 1)
		frappe.db.set_single_value("Notice Settings", "min_seconds_per_item", 300)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.set_single_value("Notice Settings", "emergency_skip_review", 1)
		frappe.clear_document_cache("Notice Settings", "Notice Settings")

	def logs_for(self, user, name):
		return frappe.get_all(
			"Notification Log", filters={"for_user": user, "document_name": name}, pluck="subject"
		)


class TestReview(NoticeTestCase):
	def test_general_notice_reviewed_then_published(self):
		name = make_notice(self.p.staff)
		self.assertEqual(frappe.db.get_value("Notice", name, "status"), "Draft")
		doc = act(self.p.staff, name, "Submit for Review")
		self.assertEqual(doc.status, "Pending Review")
		self.assertTrue(
			self.logs_for(self.p.manager, name), "the office head is told there is a notice to review"
		)
		# the author cannot approve their own notice: Approve is the office head's
		self.assertRaises(frappe.ValidationError, act, self.p.staff, name, "Approve")
		doc = act(self.p.manager, name, "Approve")
		self.assertEqual(doc.status, "Published")
		self.assertEqual(doc.published_by, self.p.manager)
		self.assertTrue(doc.published_on and doc.publish_from)
		self.assertEqual([r.action for r in doc.review_log], ["Submit for Review", "Approve"])

	def test_major_notice_needs_a_leaders_sign_off(self):
		name = make_notice(self.p.staff, notice_type="Major", title="Winter holiday dates")
		act(self.p.staff, name, "Submit for Review")
		doc = act(self.p.manager, name, "Approve")
		self.assertEqual(doc.status, "Pending Sign-off")
		self.assertTrue(self.logs_for(self.p.leader, name))
		self.assertRaises(frappe.ValidationError, act, self.p.manager, name, "Sign Off")
		doc = act(self.p.leader, name, "Sign Off")
		self.assertEqual(doc.status, "Published")
		self.assertEqual(
			[r.to_state for r in doc.review_log], ["Pending Review", "Pending Sign-off", "Published"]
		)

	def test_rejection_needs_and_keeps_its_reason(self):
		name = make_notice(self.p.staff, title="Sports day")
		act(self.p.staff, name, "Submit for Review")
		with self.assertRaisesRegex(frappe.ValidationError, "reason"):
			act(self.p.manager, name, "Reject")
		self.assertEqual(frappe.db.get_value("Notice", name, "status"), "Pending Review")
		frappe.set_user(self.p.manager)
		self.assertEqual(api.reject(name, "Date clashes with the exams"), "Draft")
		doc = frappe.get_doc("Notice", name)
		self.assertEqual(doc.review_log[-1].action, "Reject")
		self.assertEqual(doc.review_log[-1].reason, "Date clashes with the exams")
		self.assertEqual(doc.review_log[-1].reviewed_by, self.p.manager)
		self.assertFalse(doc.rejection_reason)
		self.assertTrue(any("rejected" in s for s in self.logs_for(self.p.staff, name)))
		# rejected twice, both reasons kept
		act(self.p.staff, name, "Submit for Review")
		frappe.set_user(self.p.manager)
		api.reject(name, "Still wrong")
		reasons = [r.reason for r in frappe.get_doc("Notice", name).review_log if r.action == "Reject"]
		self.assertEqual(reasons, ["Date clashes with the exams", "Still wrong"])

	def test_forged_state_and_system_fields_are_ignored(self):
		frappe.set_user(self.p.staff)
		doc = frappe.get_doc(
			{
				"doctype": "Notice",
				"title": "Forged",
				"body": "x",
				"status": "Published",
				"published_by": self.p.leader,
				"review_log": [{"action": "Approve", "reviewed_by": self.p.manager}],
			}
		).insert()
		self.assertEqual(doc.status, "Draft")
		self.assertFalse(doc.published_by)
		self.assertFalse(doc.review_log)
		doc.status = "Published"
		self.assertRaises(WorkflowPermissionError, doc.save)

	def test_staff_change_only_their_own_drafts(self):
		name = make_notice(self.p.staff, title="Library hours")
		frappe.set_user(self.p.staff2)
		doc = frappe.get_doc("Notice", name)
		doc.title = "Changed by another"
		self.assertRaises(frappe.PermissionError, doc.save)
		act(self.p.staff, name, "Submit for Review")
		frappe.set_user(self.p.staff)
		doc = frappe.get_doc("Notice", name)
		doc.body = "<p>changed after submitting</p>"
		self.assertRaises(frappe.PermissionError, doc.save)
		# the leader changes nothing before it waits for their sign-off
		frappe.set_user(self.p.leader)
		doc = frappe.get_doc("Notice", name)
		doc.title = "Leader edit"
		self.assertRaises(frappe.PermissionError, doc.save)


class TestPermissions(NoticeTestCase):
	def test_restricted_notice_is_seen_by_its_audience_only(self):
		name = make_notice(
			self.p.staff,
			title="Finance audit schedule",
			audience=[{"audience_type": "Department", "department": self.p.dept_a}],
		)
		frappe.set_user(self.p.teacher_a)
		self.assertNotIn(
			name, frappe.get_list("Notice", pluck="name"), "a draft is not shown to the audience"
		)
		publish(self.p, name)
		public = make_notice(self.p.staff, title="Open day")
		publish(self.p, public)

		frappe.set_user(self.p.teacher_a)
		self.assertIn(name, frappe.get_list("Notice", pluck="name"))
		self.assertTrue(frappe.has_permission("Notice", "read", name))
		self.assertIn(name, [r.name for r in api.board_notices()])

		for outsider in (self.p.teacher_b, self.p.student, self.p.staff2):
			frappe.set_user(outsider)
			self.assertNotIn(name, frappe.get_list("Notice", pluck="name"), outsider)
			self.assertIn(public, frappe.get_list("Notice", pluck="name"), outsider)
			self.assertFalse(frappe.has_permission("Notice", "read", name), outsider)
			self.assertEqual(frappe.db.count("Notice", {"name": name}) and frappe.client_count(name), 0)
			self.assertNotIn(name, [r.name for r in api.board_notices()])
			from school_office.office_documents.secrecy import get_link_title

			self.assertEqual(
				get_link_title("Notice", name), name, "the title is not shown through link titles"
			)
			self.assertIsNone(api.readable_notice(name))

	def test_role_and_user_audiences(self):
		name = make_notice(
			self.p.staff,
			title="For department heads and one student",
			audience=[
				{"audience_type": "Role", "role": "Department Head"},
				{"audience_type": "User", "user": self.p.student},
			],
		)
		publish(self.p, name)
		for user, sees in ((self.p.teacher_a, True), (self.p.student, True), (self.p.teacher_b, False)):
			frappe.set_user(user)
			self.assertEqual(name in frappe.get_list("Notice", pluck="name"), sees, user)
			self.assertEqual(bool(frappe.has_permission("Notice", "read", name)), sees, user)

	def test_withdrawn_and_expired_notices_leave_the_board(self):
		name = make_notice(self.p.staff, title="Short-lived")
		publish(self.p, name)
		act(self.p.manager, name, "Withdraw")
		frappe.set_user(self.p.teacher_b)
		self.assertNotIn(name, frappe.get_list("Notice", pluck="name"))
		other = make_notice(self.p.staff, title="Expiring")
		publish(self.p, other)
		frappe.set_user("Administrator")
		frappe.db.set_value(
			"Notice",
			other,
			{
				"publish_from": now_datetime() - timedelta(days=2),
				"publish_until": now_datetime() - timedelta(minutes=1),
			},
		)
		# a notice published without an end stays published
		lasting = make_notice(self.p.staff, title="Until further notice")
		publish(self.p, lasting)
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.get_value("Notice", lasting, "publish_until"))
		publishing.expire_notices()
		self.assertEqual(frappe.db.get_value("Notice", other, "status"), "Expired")
		self.assertEqual(frappe.db.get_value("Notice", lasting, "status"), "Published")


def _count_as_session(name):
	from frappe.client import get_count

	return get_count("Notice", {"name": name})


frappe.client_count = _count_as_session


class TestFiles(NoticeTestCase):
	def file(self, name, content=b"secret plan", private=0):
		return frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"nt-{frappe.generate_hash(length=6)}.txt",
				"content": content,
				"attached_to_doctype": "Notice",
				"attached_to_name": name,
				"is_private": private,
			}
		).insert(ignore_permissions=True)

	def test_files_of_a_restricted_notice_are_private_and_follow_its_audience(self):
		name = make_notice(
			self.p.staff,
			title="Finance: salary table",
			audience=[{"audience_type": "Department", "department": self.p.dept_a}],
		)
		frappe.set_user("Administrator")
		f = self.file(name)
		self.assertEqual(f.is_private, 1)
		self.assertTrue(f.file_url.startswith("/private/files/"))
		publish(self.p, name)
		frappe.set_user(self.p.teacher_a)
		self.assertTrue(frappe.get_doc("File", f.name).is_downloadable())
		frappe.set_user(self.p.teacher_b)
		self.assertFalse(frappe.get_doc("File", f.name).is_downloadable())

	def test_a_notice_restricted_later_takes_its_public_files_private_with_the_body(self):
		name = make_notice(self.p.staff, title="Timetable draft")
		frappe.set_user("Administrator")
		f = self.file(name, b"timetable")
		self.assertEqual(f.is_private, 0, "a public notice keeps public files")
		frappe.set_user(self.p.staff)
		doc = frappe.get_doc("Notice", name)
		doc.body = f'<p><a href="{f.file_url}">timetable</a></p>'
		doc.append("audience", {"audience_type": "Department", "department": self.p.dept_a})
		doc.save()
		f.reload()
		self.assertEqual(f.is_private, 1)
		self.assertIn(f.file_url, frappe.db.get_value("Notice", name, "body"))
		# the test's rollback would undo the move and the upload in an order that fails; remove the file here
		frappe.db.after_rollback.reset()
		path = f.get_full_path()
		if os.path.exists(path):
			os.remove(path)


class TestChannels(NoticeTestCase):
	def test_email_goes_to_the_audience_only(self):
		name = make_notice(
			self.p.staff,
			title="Budget meeting for finance",
			audience=[{"audience_type": "Department", "department": self.p.dept_a}],
			channels=[{"channel": "E-mail"}, {"channel": "Notice Board"}],
		)
		publish(self.p, name)
		recipients = frappe.get_all(
			"Email Queue Recipient",
			filters={
				"parent": (
					"in",
					frappe.get_all("Email Queue", filters={"reference_name": name}, pluck="name"),
				)
			},
			pluck="recipient",
		)
		self.assertIn(self.p.teacher_a, recipients)
		self.assertNotIn(self.p.teacher_b, recipients)
		self.assertNotIn(self.p.student, recipients)

	def test_each_update_is_mailed_to_the_audience_again(self):
		name = make_notice(
			self.p.staff,
			notice_type="Emergency",
			title="Road closed at the east gate",
			audience=[{"audience_type": "Department", "department": self.p.dept_b}],
			channels=[{"channel": "E-mail"}],
		)
		act(self.p.staff, name, "Publish")
		frappe.set_user(self.p.staff)
		api.post_update(name, "Open again from 15:00")
		frappe.set_user("Administrator")
		mails = frappe.get_all(
			"Email Queue",
			filters={"reference_name": name},
			fields=["name", "message"],
			order_by="creation asc",
		)
		self.assertEqual(len(mails), 2)
		self.assertIn("Open again from 15:00", mails[1].message)
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": mails[1].name}, pluck="recipient"
		)
		self.assertEqual(recipients, [self.p.teacher_b])

	def test_signage_screen_shows_public_screen_notices_with_its_key(self):
		frappe.set_user("Administrator")
		screen = frappe.get_doc(
			{"doctype": "Signage Screen", "screen_name": "NT Lobby", "seconds_per_item": 10}
		)
		if frappe.db.exists("Signage Screen", "NT Lobby"):
			frappe.delete_doc("Signage Screen", "NT Lobby", force=True)
		screen.insert()
		frappe.set_user(self.p.manager)
		url = api.screen_url("NT Lobby")
		key = url.split("key=")[1]
		on_screen = make_notice(self.p.staff, title="Fire drill at 10:00", channels=[{"channel": "Screens"}])
		publish(self.p, on_screen)
		restricted = make_notice(
			self.p.staff,
			title="Finance only",
			channels=[{"channel": "Screens"}],
			audience=[{"audience_type": "Department", "department": self.p.dept_a}],
		)
		publish(self.p, restricted)
		board_only = make_notice(self.p.staff, title="Board only")
		publish(self.p, board_only)
		frappe.set_user("Guest")
		self.assertRaises(frappe.PermissionError, api.screen_feed, "NT Lobby", "wrong-key")
		self.assertRaises(frappe.PermissionError, api.screen_feed, "NT Lobby", "")
		feed = api.screen_feed("NT Lobby", key)
		names = [n["name"] for n in feed["notices"]]
		self.assertIn(on_screen, names)
		self.assertNotIn(restricted, names)
		self.assertNotIn(board_only, names)
		self.assertEqual(feed["seconds_per_item"], 300, "each notice stays at least the settings' 5 minutes")
		# the key is not readable over the API, even by the office head
		frappe.set_user(self.p.manager)
		self.assertFalse(
			frappe.get_doc("Signage Screen", "NT Lobby").as_dict(no_default_fields=True).get("access_key")
			and frappe.client_get_key()
		)


def _client_key():
	from frappe.client import get

	return get("Signage Screen", "NT Lobby").get("access_key")


frappe.client_get_key = _client_key


class TestAcknowledgements(NoticeTestCase):
	def test_departments_confirm_and_missing_ones_are_followed_up(self):
		name = make_notice(
			self.p.staff,
			notice_type="Important",
			title="Fire safety inspection",
			requires_acknowledgement=1,
			acknowledgements=[
				{"department": self.p.dept_a, "acknowledged_by": self.p.leader},
				{"department": self.p.dept_b},
			],
		)
		doc = frappe.get_doc("Notice", name)
		self.assertFalse(
			doc.acknowledgements[0].acknowledged_by, "a client cannot pre-fill an acknowledgement"
		)
		publish(self.p, name)
		frappe.set_user(self.p.student)
		self.assertRaises(frappe.PermissionError, api.acknowledge, name)
		frappe.set_user(self.p.teacher_a)
		res = api.acknowledge(name)
		self.assertEqual(res["acknowledged"], [self.p.dept_a])
		self.assertRaises(frappe.ValidationError, api.acknowledge, name)
		row = frappe.get_doc("Notice", name).acknowledgements[0]
		self.assertEqual(row.acknowledged_by, self.p.teacher_a)
		self.assertTrue(row.acknowledged_on)

		frappe.set_user("Administrator")
		published = get_datetime(frappe.db.get_value("Notice", name, "published_on"))
		self.assertFalse(
			[r for r in publishing.acknowledgement_reminders(published + timedelta(hours=1)) if r[0] == name]
		)
		out = [
			r for r in publishing.acknowledgement_reminders(published + timedelta(hours=25)) if r[0] == name
		]
		self.assertEqual(out, [(name, self.p.dept_b, "remind")])
		self.assertTrue(self.logs_for(self.p.teacher_b, name))
		self.assertFalse(self.logs_for(self.p.teacher_a, name))
		out = [
			r for r in publishing.acknowledgement_reminders(published + timedelta(hours=49)) if r[0] == name
		]
		self.assertEqual(out, [(name, self.p.dept_b, "escalate")])
		self.assertTrue(any("Not acknowledged" in s for s in self.logs_for(self.p.manager, name)))
		# once escalated, not again
		self.assertFalse(
			[r for r in publishing.acknowledgement_reminders(published + timedelta(hours=60)) if r[0] == name]
		)


class TestEmergency(NoticeTestCase):
	def test_emergency_publishes_at_once_when_the_settings_allow(self):
		name = make_notice(self.p.staff, notice_type="Emergency", title="Gas leak: leave building B")
		doc = frappe.get_doc("Notice", name)
		self.assertEqual(
			get_datetime(doc.publish_deadline), get_datetime(doc.creation) + timedelta(minutes=60)
		)
		doc = act(self.p.staff, name, "Publish")
		self.assertEqual(doc.status, "Published")
		# a General notice may not skip the review
		other = make_notice(self.p.staff, title="Not urgent")
		self.assertRaises(frappe.ValidationError, act, self.p.staff, other, "Publish")

	def test_without_the_setting_an_emergency_is_reviewed(self):
		frappe.db.set_single_value("Notice Settings", "emergency_skip_review", 0)
		name = make_notice(self.p.staff, notice_type="Emergency", title="Storm warning")
		self.assertRaises(frappe.ValidationError, act, self.p.staff, name, "Publish")
		act(self.p.staff, name, "Submit for Review")
		self.assertEqual(act(self.p.manager, name, "Approve").status, "Published")

	def test_the_clock_reminds_then_escalates(self):
		name = make_notice(self.p.staff, notice_type="Emergency", title="Power cut")
		created = get_datetime(frappe.db.get_value("Notice", name, "creation"))
		frappe.set_user("Administrator")
		self.assertNotIn(name, [n for n, _s in publishing.emergency_clock(created + timedelta(minutes=10))])
		self.assertIn((name, "remind"), publishing.emergency_clock(created + timedelta(minutes=31)))
		self.assertTrue(self.logs_for(self.p.manager, name))
		self.assertIn((name, "escalate"), publishing.emergency_clock(created + timedelta(minutes=61)))
		self.assertTrue(any("not published in time" in s for s in self.logs_for(self.p.leader, name)))
		self.assertNotIn(name, [n for n, _s in publishing.emergency_clock(created + timedelta(minutes=90))])

	def test_updates_are_posted_by_the_office_only(self):
		name = make_notice(self.p.staff, notice_type="Emergency", title="Flooding")
		act(self.p.staff, name, "Publish")
		frappe.set_user(self.p.teacher_b)
		self.assertRaises(frappe.PermissionError, api.post_update, name, "fake update")
		frappe.set_user(self.p.staff)
		api.post_update(name, "Water level falling; <b>building A</b> open again")
		doc = frappe.get_doc("Notice", name)
		self.assertEqual(doc.updates[-1].text, "Water level falling; building A open again")
		self.assertEqual(doc.updates[-1].posted_by, self.p.staff)


class TestDigest(NoticeTestCase):
	def test_daily_digest_on_the_web_and_by_mail_is_per_reader(self):
		restricted = make_notice(
			self.p.staff,
			title="Digest: finance only",
			audience=[{"audience_type": "Department", "department": self.p.dept_a}],
			department=self.p.dept_a,
		)
		publish(self.p, restricted)
		public = make_notice(self.p.staff, title="Digest: for all", department=self.p.dept_b)
		publish(self.p, public)
		frappe.set_user(self.p.teacher_b)
		names = [r.name for r in digest.notices_for_user("daily")]
		self.assertIn(public, names)
		self.assertNotIn(restricted, names)
		weekly = [r.name for r in digest.notices_for_user("weekly")]
		self.assertIn(public, weekly)
		frappe.set_user("Administrator")
		per_user = digest.build_mailing(*digest.window("daily"), department_news=False)
		self.assertIn(restricted, [d.name for d in per_user[self.p.teacher_a]])
		self.assertNotIn(restricted, [d.name for d in per_user[self.p.teacher_b]])
		before = frappe.db.count("Email Queue")
		self.assertGreater(digest.send_daily_digest(), 0)
		self.assertGreater(frappe.db.count("Email Queue"), before)

	def test_weekly_and_monthly_department_news_by_mail(self):
		news = make_notice(self.p.staff, title="Teaching affairs: new timetable", department=self.p.dept_b)
		publish(self.p, news)
		no_dept = make_notice(self.p.staff, title="Not department news")
		publish(self.p, no_dept)
		frappe.set_user("Administrator")
		start, end = digest.window("weekly")
		per_user = digest.build_mailing(start, end, department_news=True)
		self.assertIn(news, [d.name for d in per_user[self.p.teacher_b]])
		self.assertNotIn(no_dept, [d.name for d in per_user[self.p.teacher_b]])
		# sent on the Monday after (the previous week) and on the 1st of the next month
		self.assertGreater(digest.send_weekly_digest(end + timedelta(hours=7)), 0)
		month_end = digest.window("monthly")[1]
		self.assertGreater(digest.send_monthly_digest(month_end + timedelta(hours=7)), 0)
		messages = frappe.get_all("Email Queue", filters={"creation": (">=", start)}, pluck="message")
		self.assertTrue(any("Teaching affairs: new timetable" in (m or "") for m in messages))
