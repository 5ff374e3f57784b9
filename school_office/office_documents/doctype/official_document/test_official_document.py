# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Both flows end to end with each role acting as itself, numbering, and 密级 access on every path."""

from datetime import datetime

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow, get_transitions
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from school_office.core.numbering import SECRET_LEVELS
from school_office.office_documents import api, counters
from school_office.office_documents.doctype.retention_review.retention_review import RetentionReview  # noqa: F401
from school_office.office_documents.search import global_search, search_documents
from school_office.office_documents.tasks import gather_expired_documents, send_reminders

DT = "Official Document"
PNG = (
	b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00"
	b"\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def act_as(user):
	frappe.set_user(user)


def wf(doc, action):
	return apply_workflow(frappe.get_doc(DT, doc.name if hasattr(doc, "name") else doc).as_dict(), action)


class OfficeDocumentsCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# the demo school's users and departments, and this module's demo (clearances, department codes);
		# other modules' demo steps are not needed here
		from school_office import demo
		from school_office.office_documents.install import create_defaults
		from school_office.office_documents.install import make_demo as od_demo

		create_defaults()
		company = demo._company()
		cls.ctx = {
			"company": company,
			"departments": demo.make_departments(company),
			"users": demo.make_users(),
		}
		od_demo(cls.ctx)
		# the tests count working hours on a known day: 08:30–17:30, Monday to Friday
		from school_office.utils.calendar import clear_calendar_cache

		frappe.db.set_single_value(
			"School Office Settings", {"work_start_time": "08:30:00", "work_end_time": "17:30:00"}
		)
		for day in ("monday", "tuesday", "wednesday", "thursday", "friday"):
			frappe.db.set_single_value("School Office Settings", day, 1)
		frappe.clear_document_cache("School Office Settings", "School Office Settings")
		clear_calendar_cache()
		cls.u = cls.ctx["users"]
		cls.dept = cls.ctx["departments"]

	def setUp(self):
		frappe.flags.office_documents_now = None
		act_as("Administrator")

	def tearDown(self):
		frappe.flags.office_documents_now = None
		act_as("Administrator")


class TestIncomingFlow(OfficeDocumentsCase):
	def new_incoming(self, **kw):
		data = {
			"doctype": DT,
			"direction": "Incoming",
			"title": "教育局关于开展安全检查的通知",
			"source_organization": "市教育局",
			"sender_name": "李四",
			"pages": 3,
			"copies": 1,
			"secret_level": "Internal",
			"urgency": "Normal",
			"category": "Administrative",
		}
		data.update(kw)
		return frappe.get_doc(data).insert()

	def test_incoming_end_to_end(self):
		frappe.flags.office_documents_now = "2031-03-04 09:00:00"  # a Tuesday
		# the day's and the archive's sequences start here (test data: no other document of that day)
		frappe.db.delete("Document Number Counter", {"name": ("in", ["Registration:校办:20310304"])})
		frappe.db.delete("Document Number Counter", {"code": "0001-WS·2031-D10-JWC"})
		act_as(self.u["doc.clerk"])
		doc = self.new_incoming()
		self.assertEqual(doc.status, "Draft")
		# receipt checks must be done
		self.assertNotIn("Receive", [t.action for t in get_transitions(doc)])
		doc.update({"sender_checked": 1, "pages_checked": 1, "secret_level_checked": 1, "is_complete": 1})
		doc.save()
		wf(doc, "Receive")
		doc = wf(doc, "Register")
		self.assertEqual(doc.status, "Registered")
		self.assertEqual(doc.registration_number, "校办-20310304-001")
		# first review by the office head
		act_as(self.u["office.manager"])
		with self.assertRaises(frappe.ValidationError):
			wf(doc, "Review")
		doc = frappe.get_doc(DT, doc.name)
		doc.review_opinion = "请教务处、学生处办理，校领导阅知"
		doc.save()
		wf(doc, "Review")
		# the clerk distributes to two departments (→ 会签) and a leader to read
		act_as(self.u["doc.clerk"])
		doc = frappe.get_doc(DT, doc.name)
		doc.append("routing", {"department": self.dept["Academic Affairs"], "action": "Handle"})
		doc.append(
			"routing",
			{"department": self.dept["Student Affairs"], "user": self.u["office.staff"], "action": "Handle"},
		)
		doc.append("routing", {"user": self.u["school.leader"], "action": "Read"})
		doc.save()
		self.assertEqual(doc.countersign_required, 1)
		doc = wf(doc, "Distribute")
		self.assertEqual(doc.status, "In Process")
		# due on the working calendar: 12 working hours from Tue 09:00 (08:30–17:30 days) → Wed 12:00
		for row in doc.routing:
			self.assertEqual(get_datetime(row.due_by), datetime(2031, 3, 5, 12, 0))
		# cannot complete before every handling department answered
		self.assertNotIn("Complete", [t.action for t in get_transitions(doc)])
		# the department head (Academic Affairs) gives feedback as himself
		act_as(self.u["dept.head"])
		self.assertTrue(frappe.has_permission(DT, "read", doc.name))
		rows = api.my_routing(doc.name)
		self.assertEqual([r["action"] for r in rows], ["Handle"])
		with self.assertRaises(frappe.ValidationError):
			api.act(doc.name, rows[0]["name"])  # feedback text required
		api.act(doc.name, rows[0]["name"], comment="已布置各年级自查")
		# he cannot act on another department's row
		other = next(r for r in doc.routing if r.user == self.u["office.staff"])
		with self.assertRaises(frappe.PermissionError):
			api.act(doc.name, other.name, comment="x")
		act_as(self.u["office.staff"])
		api.act(doc.name, other.name, comment="学生处已完成")
		# routed staff read the document but do not edit it
		self.assertTrue(frappe.has_permission(DT, "read", doc.name))
		self.assertFalse(frappe.has_permission(DT, "write", doc.name))
		# read receipt: who and when
		act_as(self.u["school.leader"])
		frappe.flags.office_documents_now = "2031-03-04 10:30:00"
		self.assertEqual(len(api.mark_read(doc.name)), 1)
		doc = frappe.get_doc(DT, doc.name)
		read = next(r for r in doc.routing if r.action == "Read")
		self.assertEqual(
			(read.status, read.acted_by, get_datetime(read.acted_on)),
			("Read", self.u["school.leader"], datetime(2031, 3, 4, 10, 30)),
		)
		self.assertEqual(doc.handling_complete, 1)
		act_as(self.u["doc.clerk"])
		wf(doc, "Complete")
		doc = wf(doc, "Archive")
		self.assertEqual(doc.archive_code, "0001-WS·2031-D10-JWC-0001")
		self.assertEqual(doc.archive_box, "2031-D10")
		self.assertEqual(str(doc.retention_expires_on), "2042-01-01")
		# a registered document cannot be deleted (its number would leave a gap)
		act_as("Administrator")
		with self.assertRaises(frappe.ValidationError):
			frappe.delete_doc(DT, doc.name)
		# every change is versioned
		# every change is versioned (Frappe skips versions in tests unless asked)
		doc = frappe.get_doc(DT, doc.name)
		doc.secrecy_period = "1年"
		doc.save(ignore_version=False)
		self.assertTrue(frappe.db.exists("Version", {"ref_doctype": DT, "docname": doc.name}))

	def test_damaged_document_returned_with_photo_and_reason(self):
		act_as(self.u["doc.clerk"])
		doc = self.new_incoming(title="破损来文")
		self.assertIn("Return to Sender", [t.action for t in get_transitions(doc)])
		with self.assertRaises(frappe.ValidationError):
			wf(doc, "Return to Sender")  # no photo, no reason
		f = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "damage.png",
				"content": PNG,
				"is_private": 1,
				"attached_to_doctype": DT,
				"attached_to_name": doc.name,
				"attached_to_field": "damage_photo",
			}
		).insert()
		doc = frappe.get_doc(DT, doc.name)
		doc.damage_photo, doc.return_reason = f.file_url, "第2页缺失"
		doc.save()
		doc = wf(doc, "Return to Sender")
		self.assertEqual(doc.status, "Returned")
		self.assertFalse(doc.registration_number)

	def test_registration_numbers_restart_daily(self):
		act_as(self.u["doc.clerk"])
		numbers = []
		for day in ("2032-05-06 09:00:00", "2032-05-06 10:00:00", "2032-05-07 09:00:00"):
			frappe.flags.office_documents_now = day
			doc = self.new_incoming(
				sender_checked=1,
				pages_checked=1,
				secret_level_checked=1,
				is_complete=1,
				secret_level="Public",
			)
			wf(doc, "Receive")
			numbers.append(wf(doc, "Register").registration_number)
		self.assertEqual(numbers, ["校办-20320506-001", "校办-20320506-002", "校办-20320507-001"])

	def test_client_cannot_forge_numbers_or_outcomes(self):
		act_as(self.u["doc.clerk"])
		doc = self.new_incoming(title="伪造测试")
		doc.registration_number = "校办-20990101-999"
		doc.archive_code = "X"
		doc.append("routing", {"user": self.u["office.staff"], "action": "Read"})
		doc.save()
		doc.routing[0].status = "Read"
		doc.save()
		doc.reload()
		self.assertFalse(doc.registration_number)
		self.assertFalse(doc.archive_code)
		self.assertEqual(doc.routing[0].status, "Pending")


class TestOutgoingFlow(OfficeDocumentsCase):
	def draft(self, code, **kw):
		act_as(self.u["office.staff"])
		data = {
			"doctype": DT,
			"direction": "Outgoing",
			"title": "关于加强校园安全管理的通知",
			"number_code": code,
			"secret_level": "Public",
			"main_recipients": "各学院、各部门",
			"cc_recipients": "校领导",
			"body": "<p>为加强校园安全管理……</p>",
			"copies": 30,
			"category": "Administrative",
			"retention": "Permanent",
		}
		data.update(kw)
		return frappe.get_doc(data).insert()

	def to_signed(self, doc):
		act_as(self.u["office.staff"])
		wf(doc, "Submit for Review")
		act_as(self.u["office.manager"])
		wf(doc, "Send for Sign-off")
		return wf(doc, "Sign")

	def test_outgoing_end_to_end_with_countersign_and_leader_signoff(self):
		code = frappe.generate_hash(length=6) + "发"
		frappe.db.delete("Document Number Counter", {"code": ("like", "0001-WS·%-Y-BGS")})
		doc = self.draft(
			code,
			is_policy=1,
			routing=[
				{"department": self.dept["Academic Affairs"], "action": "Countersign"},
				{
					"user": self.u["office.staff"],
					"department": self.dept["General Office"],
					"action": "Countersign",
				},
			],
		)
		self.assertEqual(doc.countersign_required, 1)
		wf(doc, "Submit for Review")
		act_as(self.u["office.manager"])
		self.assertEqual(
			[t.action for t in get_transitions(frappe.get_doc(DT, doc.name))].count("Send for Sign-off"), 0
		)
		doc = wf(doc, "Send for Countersign")
		self.assertEqual(doc.status, "Countersigning")
		self.assertTrue(all(r.due_by for r in doc.routing))
		# one department signing is not enough
		act_as(self.u["dept.head"])
		row = api.my_routing(doc.name)[0]
		self.assertEqual(row["action"], "Countersign")
		api.act(doc.name, row["name"], comment="同意")
		act_as(self.u["office.manager"])
		with self.assertRaises(WorkflowTransitionError):
			wf(doc, "Send for Sign-off")
		act_as(self.u["office.staff"])
		api.act(doc.name, api.my_routing(doc.name)[0]["name"])
		doc = frappe.get_doc(DT, doc.name)
		self.assertEqual(doc.countersign_complete, 1)
		act_as(self.u["office.manager"])
		wf(doc, "Send for Sign-off")
		# a policy document: the office head cannot sign it off, a School Leader does
		self.assertNotIn("Sign", [t.action for t in get_transitions(frappe.get_doc(DT, doc.name))])
		act_as(self.u["school.leader"])
		doc = wf(doc, "Sign")
		self.assertEqual(doc.signer, self.u["school.leader"])
		self.assertFalse(doc.document_number)
		act_as(self.u["doc.clerk"])
		doc = wf(doc, "Register")
		year = get_datetime(doc.signed_on).year
		self.assertEqual(doc.document_number, f"{code}〔{year}〕1号")
		doc = wf(doc, "Record Seal")
		self.assertEqual((doc.sealed_by, bool(doc.seal_name)), (self.u["doc.clerk"], True))
		doc = frappe.get_doc(DT, doc.name)
		doc.append("routing", {"department": self.dept["Academic Affairs"], "action": "Read"})
		doc.save()
		doc = wf(doc, "Distribute")
		# the returned signature of the recipient department
		act_as(self.u["dept.head"])
		self.assertEqual(len(api.mark_read(doc.name)), 1)
		act_as(self.u["doc.clerk"])
		doc = wf(doc, "Archive")
		self.assertEqual(doc.archive_code, f"0001-WS·{year}-Y-BGS-0001")
		self.assertEqual(doc.archive_box, f"{year}-Y")

	def test_general_notice_signed_by_office_head(self):
		doc = self.to_signed(self.draft(frappe.generate_hash(length=6) + "发"))
		self.assertEqual((doc.status, doc.signer), ("Signed", self.u["office.manager"]))

	def test_number_only_after_signoff_no_padding_and_new_year_restarts(self):
		code = frappe.generate_hash(length=6) + "发"
		unsigned = self.draft(code)
		act_as(self.u["doc.clerk"])
		self.assertNotIn("Register", [t.action for t in get_transitions(unsigned)])
		frappe.flags.office_documents_now = "2033-12-31 16:00:00"
		numbers = []
		for _i in range(11):
			doc = self.to_signed(self.draft(code))
			act_as(self.u["doc.clerk"])
			numbers.append(wf(doc, "Register").document_number)
		self.assertEqual(numbers, [f"{code}〔2033〕{i}号" for i in range(1, 12)])
		frappe.flags.office_documents_now = "2034-01-02 09:00:00"
		doc = self.to_signed(self.draft(code))
		act_as(self.u["doc.clerk"])
		self.assertEqual(wf(doc, "Register").document_number, f"{code}〔2034〕1号")
		# a failed registration gives its number back (same transaction)
		doc = self.to_signed(self.draft(code))
		frappe.db.savepoint("before_failed")
		counters.next_number("Document Number", code, "2034")
		frappe.db.rollback(save_point="before_failed")
		act_as(self.u["doc.clerk"])
		self.assertEqual(wf(doc, "Register").document_number, f"{code}〔2034〕2号")

	def test_office_staff_cannot_sign_or_register(self):
		doc = self.draft(frappe.generate_hash(length=6) + "发")
		wf(doc, "Submit for Review")
		with self.assertRaises(WorkflowTransitionError):
			wf(doc, "Send for Sign-off")


class TestClearance(OfficeDocumentsCase):
	"""Each clearance level against a document of each secret level, on every path."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = {}
		for level in (None, *SECRET_LEVELS):
			email = f"od-clear-{(level or 'none').replace(' ', '-').lower()}@test.school"
			if not frappe.db.exists("User", email):
				frappe.get_doc(
					{
						"doctype": "User",
						"email": email,
						"first_name": level or "None",
						"send_welcome_email": 0,
						"roles": [{"role": "Document Clerk"}],
					}
				).insert(ignore_permissions=True)
			if level and not frappe.db.exists("Document Clearance", email):
				frappe.get_doc(
					{"doctype": "Document Clearance", "user": email, "clearance_level": level}
				).insert(ignore_permissions=True)
			cls.users[level] = email
		cls.tag = "密级测试" + frappe.generate_hash(length=5)
		cls.docs = {}
		for level in SECRET_LEVELS:
			d = frappe.get_doc(
				{
					"doctype": DT,
					"direction": "Incoming",
					"title": f"{cls.tag} {level}",
					"secret_level": level,
					"source_organization": "市委办",
					"pages": 1,
				}
			).insert(ignore_permissions=True)
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"{level}.txt",
					"content": f"{cls.tag} attachment {level}",
					"is_private": 1,
					"attached_to_doctype": DT,
					"attached_to_name": d.name,
				}
			).insert(ignore_permissions=True)
			cls.docs[level] = d.name
		from frappe.utils.global_search import sync_global_search

		sync_global_search()

	def expected(self, clearance):
		rank = SECRET_LEVELS.index(clearance) if clearance else 0
		return {self.docs[lv] for lv in SECRET_LEVELS[: rank + 1]}

	def test_list_form_report_search_rest_attachment(self):
		from frappe.desk.reportview import get as reportview_get

		for clearance, user in self.users.items():
			act_as(user)
			want = self.expected(clearance)
			with self.subTest(clearance=clearance):
				# list (and REST list, which is frappe.get_list)
				got = set(frappe.get_list(DT, filters={"title": ["like", f"{self.tag}%"]}, pluck="name"))
				self.assertEqual(got, want)
				# form / REST document
				for level, name in self.docs.items():
					self.assertEqual(frappe.has_permission(DT, "read", name), name in want, (level, name))
				# report view
				frappe.local.form_dict = frappe._dict(
					doctype=DT,
					fields=["`tabOfficial Document`.`name`"],
					filters=[[DT, "title", "like", f"{self.tag}%"]],
				)
				res = reportview_get()
				self.assertEqual({r[0] for r in res["values"]} if res else set(), want)
				# full-text search including attachment text
				self.assertEqual({r.name for r in search_documents(self.tag)}, want)
				self.assertEqual({r.name for r in search_documents(f"{self.tag} attachment")}, want)
				# global search
				hits = {r["name"] for r in global_search(self.tag, limit=50) if r["doctype"] == DT}
				self.assertEqual(hits, want)
				# attachments (private files)
				for name in self.docs.values():
					fname = frappe.db.get_value("File", {"attached_to_doctype": DT, "attached_to_name": name})
					self.assertEqual(
						frappe.has_permission("File", "read", frappe.get_doc("File", fname)), name in want
					)

	def test_department_head_sees_only_routed(self):
		act_as(self.u["dept.head"])
		self.assertFalse(set(frappe.get_list(DT, filters={"title": ["like", f"{self.tag}%"]}, pluck="name")))


class TestTimeAndRetention(OfficeDocumentsCase):
	def test_overdue_reminder_once(self):
		frappe.flags.office_documents_now = "2035-06-05 09:00:00"  # Tuesday
		doc = frappe.get_doc(
			{
				"doctype": DT,
				"direction": "Incoming",
				"title": "催办测试",
				"urgency": "Urgent",
				"status": "Draft",
				"source_organization": "区教委",
				"pages": 1,
				"routing": [{"user": self.u["office.staff"], "action": "Handle"}],
			}
		).insert()
		frappe.db.set_value(DT, doc.name, "status", "In Process")
		doc = frappe.get_doc(DT, doc.name)
		doc.set_due_times(("Handle",))
		self.assertEqual(
			get_datetime(doc.routing[0].due_by), datetime(2035, 6, 5, 11, 0)
		)  # urgent: 2 working hours
		doc.db_update_all()
		frappe.flags.office_documents_now = "2035-06-05 11:30:00"
		before = frappe.db.count(
			"Notification Log", {"document_name": doc.name, "for_user": self.u["office.staff"]}
		)
		send_reminders()
		self.assertEqual(
			get_datetime(frappe.db.get_value("Document Routing", doc.routing[0].name, "reminded_on")),
			datetime(2035, 6, 5, 11, 30),
		)
		frappe.flags.office_documents_now = "2035-06-05 12:30:00"
		send_reminders()  # reminded once
		self.assertEqual(
			get_datetime(frappe.db.get_value("Document Routing", doc.routing[0].name, "reminded_on")),
			datetime(2035, 6, 5, 11, 30),
		)
		self.assertEqual(
			frappe.db.count(
				"Notification Log", {"document_name": doc.name, "for_user": self.u["office.staff"]}
			),
			before + 1,
		)
		self.assertEqual(frappe.db.get_value(DT, doc.name, "has_overdue"), 1)

	def test_quarterly_review_destroys_only_after_approval(self):
		doc = frappe.get_doc(
			{
				"doctype": DT,
				"direction": "Incoming",
				"title": "到期文件",
				"source_organization": "某单位",
				"pages": 1,
				"retention": "10 Years",
			}
		).insert()
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "old.txt",
				"content": "old",
				"is_private": 1,
				"attached_to_doctype": DT,
				"attached_to_name": doc.name,
			}
		).insert()
		frappe.db.set_value(
			DT,
			doc.name,
			{
				"status": "Archived",
				"archive_code": "0001-WS·2001-D10-BGS-" + frappe.generate_hash(length=4),
				"retention_expires_on": "2012-01-01",
			},
		)
		review = frappe.get_doc("Retention Review", gather_expired_documents())
		self.assertIn(doc.name, [i.official_document for i in review.items])
		for item in review.items:
			item.decision = "Destroy" if item.official_document == doc.name else "Keep"
		review.save()
		act_as(self.u["doc.clerk"])
		review = frappe.get_doc("Retention Review", review.name)
		with self.assertRaises(frappe.ValidationError):
			review.destroy()
		review.submit_for_approval()
		with self.assertRaises(frappe.PermissionError):
			review.approve()
		act_as(self.u["school.leader"])
		frappe.get_doc("Retention Review", review.name).approve()
		act_as(self.u["doc.clerk"])
		frappe.get_doc("Retention Review", review.name).destroy()
		act_as("Administrator")
		d = frappe.get_doc(DT, doc.name)
		self.assertEqual(
			(d.status, d.destroyed_by, d.retention_review), ("Destroyed", self.u["doc.clerk"], review.name)
		)
		self.assertEqual(d.title, "到期文件")
		self.assertFalse(
			frappe.get_all("File", filters={"attached_to_doctype": DT, "attached_to_name": doc.name})
		)
		# a destroyed document is not gathered again: it stays in its own review only
		gather_expired_documents()
		self.assertEqual(
			frappe.get_all(
				"Retention Review Item",
				filters={"official_document": doc.name, "parenttype": "Retention Review"},
				pluck="parent",
			),
			[review.name],
		)


class TestCounterConcurrency(FrappeTestCase):
	def test_parallel_transactions_take_distinct_gap_free_numbers(self):
		"""20 threads, each with its own database connection and transaction, take numbers of one code."""
		import threading

		site, sites_path = frappe.local.site, frappe.local.sites_path
		code = "并发" + frappe.generate_hash(length=6)
		got, errors = [], []
		barrier = threading.Barrier(20)

		def worker():
			frappe.init(site=site, sites_path=sites_path)
			frappe.connect()
			try:
				barrier.wait()
				n = counters.next_number("Document Number", code, "2040")
				frappe.db.commit()
				got.append(n)
			except Exception as e:  # report, do not hide
				errors.append(repr(e))
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=worker) for _ in range(20)]
		for t in threads:
			t.start()
		for t in threads:
			t.join()
		self.assertEqual(errors, [])
		self.assertEqual(sorted(got), list(range(1, 21)))
		self.assertEqual(counters.current_number("Document Number", code, "2040"), 20)
		frappe.db.delete("Document Number Counter", {"code": code})
		frappe.db.commit()
