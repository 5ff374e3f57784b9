"""Portal intake and follow-up (SD-1, SD-2, SD-7): submit, list, detail timeline, reply, rating page."""

import base64
import io
from contextlib import contextmanager
from unittest.mock import patch

import frappe
from frappe.model.document import Document
from frappe.tests.utils import FrappeTestCase
from frappe.utils import set_request

from school_office.service_desk import portal

PASSWORD = "Portal#Test2026"
SIGNATURE = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\nfake-signature").decode()


def make_portal_user(email: str, first_name: str, lang: str = "en") -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"user_type": "Website User",
				"send_welcome_email": 0,
				"language": lang,
			}
		)
		user.insert(ignore_permissions=True)
	return email


def b64(data: bytes) -> str:
	return base64.b64encode(data).decode()


def image_bytes(fmt: str = "JPEG") -> bytes:
	from PIL import Image

	buf = io.BytesIO()
	Image.new("RGB", (8, 8), (200, 30, 30)).save(buf, fmt)
	return buf.getvalue()


def pdf_bytes(padding: int = 0) -> bytes:
	"""A real (blank) PDF, optionally padded to a given size with a PDF comment."""
	from pypdf import PdfWriter

	writer = PdfWriter()
	writer.add_blank_page(100, 100)
	buf = io.BytesIO()
	writer.write(buf)
	data = buf.getvalue()
	if padding:
		data += b"\n%" + b"x" * padding + b"\n"
	return data


@contextmanager
def versions_on():
	"""Frappe skips Version records in tests (ignore_version = in_test); the timeline is built from them."""
	original = Document._save

	def _save(self, *args, **kwargs):
		kwargs.setdefault("ignore_version", False)
		return original(self, *args, **kwargs)

	with patch.object(Document, "_save", _save):
		yield


def make_staff_user(email: str = "portal.staff@test.school", roles=("Office Manager", "Office Staff")) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "Portal Staff",
				"user_type": "System User",
				"send_welcome_email": 0,
				"roles": [{"role": r} for r in roles],
			}
		).insert(ignore_permissions=True)
	return email


def mandatory_files(service_type: str) -> list[dict]:
	"""One small PDF for each mandatory material of the service (material:<row>)."""
	rows = frappe.get_all(
		"Service Type Material",
		filters={"parenttype": "Service Type", "parent": service_type, "is_mandatory": 1},
		fields=["idx"],
		order_by="idx asc",
	)
	return [
		{"filename": f"material-{r.idx}.pdf", "content": b64(pdf_bytes()), "material": r.idx} for r in rows
	]


def receive_materials(name: str):
	doc = frappe.get_doc("Service Request", name)
	for m in doc.materials:
		m.received = 1
	doc.save(ignore_permissions=True)


class PortalTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.student = make_portal_user("portal.student@test.school", "Portal Student")
		cls.other = make_portal_user("portal.other@test.school", "Other Student")
		for st in ("Repair Request", "Leave Slip", "Venue Application", "Complaint"):
			frappe.db.set_value("Service Type", st, "is_published", 1)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.request = None
		frappe.local.lang = "en"
		frappe.db.set_single_value("School Office Settings", "allow_anonymous_complaints", 0)
		frappe.clear_document_cache("School Office Settings", "School Office Settings")

	def submit(self, user=None, **kw):
		"""Submit as the portal user; the mandatory materials come as files unless `files` is given."""
		frappe.set_user(user or self.student)
		kw.setdefault("service_type", "Repair Request")
		kw.setdefault("subject", "Broken window in room 101")
		# the repair's "Location and description of the fault" is given in the form
		kw.setdefault("description", "Room 101: the window glass is cracked")
		if "files" not in kw:
			kw["files"] = mandatory_files(kw["service_type"])
		return portal.submit_request(**kw)


class TestPortalIntake(PortalTestCase):
	def test_submit_gives_number_and_ignores_client_requester(self):
		res = self.submit(
			description="Glass <b>cracked</b>\nsecond line",
			contact="13800000000",
			requester=self.other,
			channel="Window",
		)
		self.assertTrue(res["name"].startswith("SR-"))
		self.assertIn(res["name"], res["message"])
		self.assertEqual(res["url"], f"/my-requests/{res['name']}")
		doc = frappe.get_doc("Service Request", res["name"])
		self.assertEqual(doc.requester, self.student)
		self.assertEqual(doc.owner, self.student)
		self.assertEqual(doc.channel, "Portal")
		self.assertEqual(doc.status, "Open")
		self.assertEqual(doc.service_team, "Maintenance")
		self.assertEqual(doc.service_category, "Facilities and Repairs")
		self.assertNotIn("<b>", doc.description)  # the requester's text is escaped
		self.assertTrue(doc.service_level_agreement)
		self.assertTrue(doc.response_by)

	def test_guest_and_unpublished_refused(self):
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			portal.submit_request(service_type="Repair Request", subject="x")
		frappe.db.set_value("Service Type", "Transcript Request", "is_published", 0)
		try:
			with self.assertRaises(frappe.ValidationError):
				self.submit(service_type="Transcript Request")
		finally:
			frappe.db.set_value("Service Type", "Transcript Request", "is_published", 1)

	def test_complaint_needs_problem_type_and_contact(self):
		with self.assertRaises(frappe.ValidationError):
			self.submit(service_type="Complaint", subject="Canteen", contact="x@y.z")
		with self.assertRaises(frappe.ValidationError):
			self.submit(service_type="Complaint", subject="Canteen", problem_type="Facilities")
		# anonymous is ignored while the setting is off
		with self.assertRaises(frappe.ValidationError):
			self.submit(service_type="Complaint", subject="Canteen", problem_type="Facilities", anonymous=1)
		res = self.submit(
			service_type="Complaint", subject="Canteen", problem_type="Facilities", contact="13900000000"
		)
		doc = frappe.get_doc("Service Request", res["name"])
		self.assertTrue(doc.is_complaint)
		self.assertEqual(doc.problem_type, "Facilities")
		self.assertTrue(doc.registered_due and doc.plan_due)

	def test_anonymous_complaint_when_allowed(self):
		frappe.db.set_single_value("School Office Settings", "allow_anonymous_complaints", 1)
		frappe.clear_document_cache("School Office Settings", "School Office Settings")
		res = self.submit(
			service_type="Complaint", subject="Noise at night", problem_type="Facilities", anonymous=1
		)
		doc = frappe.get_doc("Service Request", res["name"])
		self.assertEqual(doc.requester_name, "Anonymous")
		self.assertFalse(doc.contact)
		# the requester can still follow it
		self.assertIn(res["name"], [r.name for r in portal.my_requests(self.student)])

	def test_leave_slip_fields(self):
		with self.assertRaises(frappe.ValidationError):
			self.submit(service_type="Leave Slip", subject="Sick leave", leave_start="2026-12-01T08:00")
		with self.assertRaises(frappe.ValidationError):
			self.submit(
				service_type="Leave Slip",
				subject="Sick leave",
				leave_start="2026-12-02T08:00",
				leave_end="2026-12-01T08:00",
				leave_reason="Flu",
			)
		res = self.submit(
			service_type="Leave Slip",
			subject="Sick leave",
			leave_start="2026-12-01T08:00",
			leave_end="2026-12-02T17:00",
			leave_reason="Flu",
			counsellor="Administrator",
			counsellor_signature=SIGNATURE,
			event_name="not a venue form field here",
		)
		doc = frappe.get_doc("Service Request", res["name"])
		self.assertEqual(doc.form_template, "Leave Slip")
		self.assertEqual(str(doc.leave_start), "2026-12-01 08:00:00")
		self.assertEqual(doc.leave_reason, "Flu")
		self.assertEqual(doc.counsellor, "Administrator")
		self.assertTrue(doc.counsellor_signature.startswith("data:image/png"))
		self.assertFalse(doc.event_name)
		with self.assertRaises(frappe.ValidationError):
			self.submit(
				service_type="Leave Slip",
				subject="x",
				leave_start="2026-12-01T08:00",
				leave_end="2026-12-02T08:00",
				leave_reason="x",
				counsellor="nobody@nowhere.test",
			)

	def test_venue_application_needs_signed_commitment(self):
		values = dict(
			service_type="Venue Application",
			subject="Debate final",
			event_name="Debate final",
			event_start="2026-12-03T14:00",
			event_end="2026-12-03T17:00",
			headcount="120",
			equipment_needed="2 microphones",
		)
		with self.assertRaises(frappe.ValidationError):
			self.submit(**values)
		res = self.submit(**values, safety_commitment="1", safety_signature=SIGNATURE)
		doc = frappe.get_doc("Service Request", res["name"])
		self.assertEqual(doc.headcount, 120)
		self.assertEqual(doc.safety_commitment, 1)
		self.assertEqual(doc.team if hasattr(doc, "team") else doc.service_team, "Meeting Team")

	def test_attachments_saved_with_request_and_materials(self):
		pdf = pdf_bytes()
		res = self.submit(
			files=[
				{"filename": "fault.pdf", "content": b64(pdf), "material": 1},
				{"filename": "photo.jpg", "content": b64(image_bytes())},
			]
		)
		frappe.set_user("Administrator")
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Service Request", "attached_to_name": res["name"]},
			pluck="file_name",
		)
		self.assertEqual(sorted(files), ["fault.pdf", "photo.jpg"])  # material 1 is the only mandatory one
		doc = frappe.get_doc("Service Request", res["name"])
		row = next(m for m in doc.materials if m.idx == 1)
		self.assertTrue(row.attachment)


class TestPortalPages(PortalTestCase):
	def test_list_shows_only_own(self):
		mine = self.submit()["name"]
		theirs = self.submit(user=self.other)["name"]
		frappe.set_user(self.student)
		names = [r.name for r in portal.my_requests()]
		self.assertIn(mine, names)
		self.assertNotIn(theirs, names)

	def test_other_persons_request_not_permitted(self):
		theirs = self.submit(user=self.other, subject="Secret subject of another person")["name"]
		frappe.set_user(self.student)
		with self.assertRaises(frappe.PermissionError):
			portal.get_own_request(theirs)
		with self.assertRaises(frappe.PermissionError):
			portal.get_own_request("SR-1999-99999")
		from frappe.website.serve import get_response

		set_request(method="GET", path=f"/my-requests/{theirs}")
		response = get_response()
		self.assertEqual(response.status_code, 403)
		self.assertNotIn("Secret subject of another person", response.get_data(as_text=True))
		set_request(
			method="GET", path=f"/my-requests/{self.submit(subject='My own visible subject')['name']}"
		)
		frappe.set_user(self.student)
		response = get_response()
		self.assertEqual(response.status_code, 200)
		html = response.get_data(as_text=True)
		self.assertIn("My own visible subject", html)
		self.assertIn('name="viewport"', html)

	def test_timeline_and_reply_reopens_needs_info(self):
		from school_office.service_desk import api

		name = self.submit()["name"]
		frappe.set_user("Administrator")
		with versions_on():
			api.request_info(name, "Please add a photo of the fault")
		self.assertEqual(frappe.db.get_value("Service Request", name, "status"), "Needs Info")
		frappe.set_user(self.other)
		with self.assertRaises(frappe.PermissionError):
			portal.add_reply(name, "not mine")
		frappe.set_user(self.student)
		with self.assertRaises(frappe.ValidationError):
			portal.add_reply(name, "here", files=[{"filename": "virus.exe", "content": b64(b"MZ")}])
		self.assertEqual(frappe.db.get_value("Service Request", name, "status"), "Needs Info")
		with versions_on():
			res = portal.add_reply(
				name, "Photo attached", files=[{"filename": "fault.png", "content": b64(image_bytes("PNG"))}]
			)
		self.assertEqual(res["status"], "Open")
		comm = frappe.get_all(
			"Communication",
			filters={
				"reference_doctype": "Service Request",
				"reference_name": name,
				"sent_or_received": "Received",
			},
			fields=["sender", "content"],
		)
		self.assertEqual(len(comm), 1)
		self.assertEqual(comm[0].sender, self.student)
		self.assertIn("fault.png", comm[0].content)
		doc = portal.get_own_request(name)
		timeline = portal.request_timeline(doc)
		kinds = [e["kind"] for e in timeline]
		self.assertEqual(kinds[0], "created")
		statuses = [e["status"] for e in timeline if e["kind"] == "status"]
		self.assertEqual(statuses, ["Needs Info", "Open"])
		needs_info = next(e for e in timeline if e.get("status") == "Needs Info")
		self.assertIn("Please add a photo", needs_info["note_html"])
		self.assertIn("message", kinds)
		whens = [e["on"] for e in timeline]
		self.assertEqual(whens, sorted(whens))

	def test_timeline_in_chinese(self):
		name = self.submit()["name"]
		frappe.set_user(self.student)
		frappe.local.lang = "zh"
		timeline = portal.request_timeline(portal.get_own_request(name))
		self.assertIn("已提交申请", timeline[0]["title"])

	def test_closed_request_takes_no_reply(self):
		from school_office.service_desk import api

		name = self.submit()["name"]
		frappe.set_user("Administrator")
		api.reject(name, "Not a repair")
		frappe.set_user(self.student)
		with self.assertRaises(frappe.ValidationError):
			portal.add_reply(name, "but why")


class TestFeedbackPage(PortalTestCase):
	def test_rating_link_for_guest(self):
		from school_office.service_desk import api

		name = self.submit()["name"]
		frappe.set_user("Administrator")
		key = frappe.db.get_value("Service Request", name, "rating_key")
		frappe.set_user("Guest")
		frappe.form_dict.update({"request": name, "key": "wrong"})
		ctx = portal.feedback_context(frappe._dict())
		self.assertFalse(ctx.valid)
		self.assertTrue(ctx.error)
		self.assertIsNone(ctx.request)
		frappe.form_dict.update({"request": name, "key": key})
		ctx = portal.feedback_context(frappe._dict())
		self.assertTrue(ctx.valid)
		self.assertTrue(ctx.error)  # not resolved yet
		frappe.set_user("Administrator")
		receive_materials(name)
		api.resolve(name, resolution="Glass replaced")
		frappe.set_user("Guest")
		frappe.form_dict.update({"request": name, "key": key})
		ctx = portal.feedback_context(frappe._dict())
		self.assertTrue(ctx.valid and not ctx.error)
		with self.assertRaises(frappe.PermissionError):
			api.rate(name, "wrong", 5)
		api.rate(name, key, 4, "Quick and clean")
		self.assertEqual(frappe.db.get_value("Service Request", name, "rating"), 4)
		frappe.form_dict.pop("request", None)
		frappe.form_dict.pop("key", None)


class TestMandatoryMaterials(PortalTestCase):
	"""Issue #9 item 7: the portal takes a request only with its mandatory materials, and says it waits."""

	def test_request_without_mandatory_material_refused(self):
		subject = "No materials at all"
		photo = [{"filename": "photo.jpg", "content": b64(image_bytes())}]
		with self.assertRaises(frappe.ValidationError) as cm:
			self.submit(service_type="Certificate Issuance", subject=subject, files=photo)
		self.assertIn("Application form", str(cm.exception))
		with self.assertRaises(frappe.ValidationError) as cm:  # a repair without its description
			self.submit(subject=subject, description="  ", files=photo)
		self.assertIn("Location and description of the fault", str(cm.exception))
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Service Request", {"subject": subject}))

	def test_optional_material_alone_is_not_enough(self):
		# Certificate Issuance: two mandatory materials; one given is still refused, naming the other
		files = mandatory_files("Certificate Issuance")
		self.assertEqual(len(files), 2)
		with self.assertRaises(frappe.ValidationError) as cm:
			self.submit(service_type="Certificate Issuance", subject="Enrolment", files=files[:1])
		# files[:1] is material 1, the application form
		self.assertIn("Student or staff ID card", str(cm.exception))
		self.assertNotIn("Application form", str(cm.exception))  # given

	def test_complete_request_is_received_and_waits_for_acceptance(self):
		res = self.submit(service_type="Certificate Issuance", subject="Enrolment certificate")
		doc = frappe.get_doc("Service Request", res["name"])
		self.assertEqual(doc.status, "Open")
		self.assertTrue(all(m.attachment for m in doc.materials if m.is_mandatory))
		self.assertIn("waiting for the office to accept", res["message"])
		self.assertNotIn("accepted.", res["message"])

	def test_answer_and_refusal_in_chinese(self):
		frappe.local.lang = "zh"
		res = self.submit(service_type="Certificate Issuance", subject="在读证明")
		self.assertIn("已提交，待受理", res["message"])
		self.assertNotIn("已受理登记", res["message"])
		with self.assertRaises(frappe.ValidationError) as cm:
			self.submit(service_type="Certificate Issuance", subject="没有材料", files=[])
		self.assertIn("请上传必交材料", str(cm.exception))
		self.assertIn("学生证或工作证", str(cm.exception))  # the material's name in zh, not English
		with self.assertRaises(frappe.ValidationError) as cm:
			self.submit(subject="没有说明", description="", files=[])
		self.assertIn("请在说明中填写", str(cm.exception))
		self.assertIn("故障", str(cm.exception))

	def test_new_request_page_marks_mandatory_materials(self):
		from frappe.website.serve import get_response

		frappe.set_user(self.student)
		set_request(method="GET", path="/service-request", query_string="service_type=Repair%20Request")
		frappe.set_user(self.student)
		frappe.local.form_dict = frappe._dict(service_type="Repair Request")  # set_user clears it
		html = get_response().get_data(as_text=True)
		import re

		self.assertTrue(re.search(r'<option value="Repair Request"[^>]*\s+selected', html), "not preselected")
		# Repair Request's "Location and description of the fault" is given in the form: no file input
		# for it; the optional photo has one; Certificate Issuance's ID card is a mandatory file
		self.assertIn("so-material-in-form", html)
		self.assertTrue(re.search(r'name="material:2"[^>]*data-service="Repair Request"', html), html[-3000:])
		self.assertTrue(
			re.search(
				r'name="material:2"[^>]*data-service="Certificate Issuance"\s+data-mandatory="1"', html
			),
			"no mandatory input",
		)

	def test_material_given_in_the_form_needs_no_file_and_is_received(self):
		from school_office.service_desk import api

		res = self.submit(subject="Tap leaking", description="Room 204, the tap leaks", files=[])
		doc = frappe.get_doc("Service Request", res["name"])
		row = next(m for m in doc.materials if m.material == "Location and description of the fault")
		self.assertEqual((row.is_mandatory, row.received, row.attachment), (1, 1, None))
		frappe.set_user(make_staff_user())
		self.assertEqual(api.accept(doc.name)["status"], "Accepted")


class TestReplyReachesMaterials(PortalTestCase):
	"""Issue #9 item 2: a file sent in a reply for a material lands on that material, and Accept passes."""

	def test_reply_file_for_material_lets_staff_accept(self):
		from school_office.service_desk import api

		staff = make_staff_user()
		frappe.set_user(staff)
		# a request taken at the window, the ID card still missing
		doc = frappe.get_doc(
			{
				"doctype": "Service Request",
				"subject": "Window: transcript",
				"service_type": "Transcript Request",
				"requester": self.student,
				"channel": "Window",
			}
		).insert()
		self.assertEqual([m.is_mandatory for m in doc.materials], [1, 1])
		with self.assertRaises(frappe.ValidationError):
			api.accept(doc.name)
		api.request_info(doc.name, "Please send the application form and your student ID card")

		frappe.set_user(self.student)
		frappe.local.lang = "en"
		ctx = portal.detail_context(frappe._dict(), doc.name)
		self.assertEqual([m["idx"] for m in ctx.materials_to_send], [1, 2])
		res = portal.add_reply(
			doc.name,
			"Here they are",
			files=[
				{"filename": "form.pdf", "content": b64(pdf_bytes()), "material": 1},
				{"filename": "id-card.jpg", "content": b64(image_bytes()), "material": 2},
				{"filename": "extra.png", "content": b64(image_bytes("PNG"))},
			],
		)
		self.assertEqual(res["status"], "Open")
		frappe.set_user(staff)
		stored = frappe.get_doc("Service Request", doc.name)

		def url(file_name):
			return frappe.db.get_value(
				"File", {"attached_to_name": doc.name, "file_name": file_name}, "file_url"
			)

		self.assertEqual(stored.materials[0].attachment, url("form.pdf"))
		self.assertEqual(stored.materials[1].attachment, url("id-card.jpg"))
		self.assertTrue(url("form.pdf") and url("id-card.jpg"))
		content = frappe.get_all(
			"Communication",
			filters={"reference_name": doc.name, "sent_or_received": "Received"},
			pluck="content",
		)[0]
		self.assertIn("form.pdf (for Application form)", content)
		self.assertEqual(api.accept(doc.name)["status"], "Accepted")

	def test_material_number_of_another_row_is_ignored(self):
		name = self.submit()["name"]
		frappe.set_user(self.student)
		portal.add_reply(name, "x", files=[{"filename": "p.pdf", "content": b64(pdf_bytes()), "material": 9}])
		frappe.set_user("Administrator")
		doc = frappe.get_doc("Service Request", name)
		self.assertEqual(len(doc.materials), 2)
		self.assertTrue(frappe.db.exists("File", {"attached_to_name": name, "file_name": "p.pdf"}))


class TestOfficeAnswer(PortalTestCase):
	"""Issue #9 item 4: the requester sees the office's answer and keeps the Needs Info messages."""

	def test_resolution_outcome_and_reason_shown_escaped(self):
		from frappe.website.serve import get_response

		from school_office.service_desk import api

		name = self.submit(subject="Answer <b>me</b>")["name"]
		staff = make_staff_user()
		frappe.set_user(staff)
		with versions_on():
			api.request_info(name, "Which room? <script>alert(2)</script> a < b")
		frappe.set_user(self.student)
		with versions_on():
			portal.add_reply(name, "Room 101")
		frappe.set_user(staff)
		with versions_on():
			api.accept(name)
			api.resolve(
				name,
				resolution="<p>Window <b>replaced</b></p><script>alert(1)</script>",
				outcome="Cannot Be Solved",
				unsolvable_reason="The frame <needs> a new order",
			)
		frappe.set_user(self.student)
		ctx = portal.detail_context(frappe._dict(), name)
		labels = [r["label"] for r in ctx.answer["rows"]]
		self.assertEqual(labels, ["Outcome", "Resolution Details", "Why It Cannot Be Solved"])
		html_rows = {r["label"]: r["value_html"] for r in ctx.answer["rows"]}
		self.assertIn("<b>replaced</b>", html_rows["Resolution Details"])
		self.assertNotIn("<script", html_rows["Resolution Details"])
		self.assertIn("&lt;needs&gt;", html_rows["Why It Cannot Be Solved"])
		self.assertNotIn("&amp;lt;", html_rows["Why It Cannot Be Solved"])  # not escaped twice
		# the Needs Info question stays on the timeline after the reply and the resolution
		needs = [e for e in ctx.timeline if e.get("status") == "Needs Info"]
		self.assertEqual(len(needs), 1)
		self.assertIn("Which room?", needs[0]["note_html"])
		self.assertIn("a &lt; b", needs[0]["note_html"])
		self.assertNotIn("<script", needs[0]["note_html"])
		set_request(method="GET", path=f"/my-requests/{name}")
		frappe.set_user(self.student)
		page = get_response().get_data(as_text=True)
		import re

		# inside <title> (raw text for the browser, Frappe strips tags there) "<b>" is only text
		page = re.sub(r"<title>.*?</title>", "", page, flags=re.S)
		checks = {
			"answer card": 'id="so-answer"' in page,
			"resolution markup kept": "Window <b>replaced</b>" in page,
			"no script": "<script>alert" not in page,
			"subject escaped": "Answer &lt;b&gt;me&lt;/b&gt;" in page and "Answer <b>me</b>" not in page,
			"needs info kept": "Which room?" in page,
		}
		self.assertEqual([k for k, ok in checks.items() if not ok], [])

	def test_rejection_reason_shown(self):
		from school_office.service_desk import api

		name = self.submit()["name"]
		frappe.set_user(make_staff_user())
		api.reject(name, "Not a repair: ask the canteen")
		frappe.set_user(self.student)
		ctx = portal.detail_context(frappe._dict(), name)
		self.assertEqual(ctx.answer["rows"][0]["label"], "Rejection Reason")
		self.assertIn("ask the canteen", ctx.answer["rows"][0]["value_html"])

	def test_open_request_has_no_answer_and_times_have_no_seconds(self):
		name = self.submit()["name"]
		frappe.set_user(self.student)
		ctx = portal.detail_context(frappe._dict(), name)
		self.assertIsNone(ctx.answer)
		self.assertRegex(ctx.submitted_on, r"^\d{4}-\d\d-\d\d \d\d:\d\d$")
		for e in ctx.timeline:
			self.assertRegex(e["when"], r"^\d{4}-\d\d-\d\d \d\d:\d\d$")
		row = next(r for r in portal.my_requests() if r.name == name)
		self.assertRegex(row.submitted_on, r"^\d{4}-\d\d-\d\d \d\d:\d\d$")


class TestMalformedPdf(PortalTestCase):
	"""Issue #9 item 5: a PDF that does not parse is refused with a translated message, not a 500."""

	BROKEN = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage without startxref"

	def test_broken_pdf_refused_on_submit_and_reply(self):
		subject = "Broken PDF"
		with self.assertRaises(frappe.ValidationError) as cm:
			self.submit(
				subject=subject, files=[{"filename": "scan.pdf", "content": b64(self.BROKEN), "material": 1}]
			)
		self.assertIn("scan.pdf is not a readable PDF file", str(cm.exception))
		self.assertNotIn("startxref", str(cm.exception))
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Service Request", {"subject": subject}))
		name = self.submit()["name"]
		frappe.set_user(self.student)
		with self.assertRaises(frappe.ValidationError):
			portal.add_reply(name, "again", files=[{"filename": "scan.pdf", "content": b64(self.BROKEN)}])

	def test_broken_pdf_message_in_chinese(self):
		frappe.local.lang = "zh"
		with self.assertRaises(frappe.ValidationError) as cm:
			self.submit(files=[{"filename": "扫描.pdf", "content": b64(self.BROKEN), "material": 1}])
		self.assertIn("不是可读取的 PDF 文件", str(cm.exception))

	def test_good_pdf_still_passes(self):
		self.assertTrue(self.submit(files=mandatory_files("Repair Request"))["name"])


class TestRatedOnce(PortalTestCase):
	"""Issue #9 item 8: a rated request shows its rating read-only; a second rating is refused."""

	def test_rated_page_is_read_only(self):
		from frappe.website.serve import get_response

		from school_office.service_desk import api

		name = self.submit()["name"]
		frappe.set_user(make_staff_user())
		api.accept(name)
		api.resolve(name, resolution="Fixed")
		key = frappe.db.get_value("Service Request", name, "rating_key")
		frappe.set_user("Guest")
		frappe.local.request_ip = "127.0.0.1"  # the rate limit keys on it
		set_request(method="GET", path="/service-feedback", query_string=f"request={name}&key={key}")
		frappe.local.form_dict = frappe._dict(request=name, key=key)
		html = get_response().get_data(as_text=True)
		self.assertTrue('id="so-rating-form"' in html, "no rating form")
		api.rate(name, key, 4, "Quick <b>fix</b>")
		with self.assertRaises(frappe.ValidationError):
			api.rate(name, key, 1, "changed my mind")
		self.assertEqual(frappe.db.get_value("Service Request", name, "rating"), 4)
		set_request(method="GET", path="/service-feedback", query_string=f"request={name}&key={key}")
		frappe.local.form_dict = frappe._dict(request=name, key=key)
		html = get_response().get_data(as_text=True)
		frappe.local.form_dict = frappe._dict()
		self.assertTrue('id="so-rating-form"' not in html and 'id="so-rated"' in html, "rating form again")
		self.assertEqual(html.count("so-star on"), 4)
		self.assertIn("Quick &lt;b&gt;fix&lt;/b&gt;", html)


class TestTimelineOfChineseStaff(PortalTestCase):
	"""Frappe's Version stores the status as the acting user saw it (待补充材料): the requester's
	timeline still finds the Needs Info message and the answer after a reply (issue #9 item 4)."""

	def test_needs_info_message_kept_after_reply(self):
		from school_office.service_desk import api

		name = self.submit()["name"]
		staff = make_staff_user()
		frappe.db.set_value("User", staff, "language", "zh")
		frappe.set_user(staff)
		frappe.local.lang = "zh"
		with versions_on():
			api.request_info(name, "请补充故障照片")
		stored = frappe.get_all("Version", filters={"docname": name}, pluck="data")
		import json

		changed = [c for d in stored for c in json.loads(d)["changed"] if c[0] == "status"]
		self.assertIn(["status", "待受理", "待补充材料"], changed)  # the zh labels, not the values
		frappe.set_user(self.student)
		frappe.local.lang = "en"
		with versions_on():
			portal.add_reply(name, "photo attached")
		ctx = portal.detail_context(frappe._dict(), name)
		statuses = [e["status"] for e in ctx.timeline if e["kind"] == "status"]
		self.assertEqual(statuses, ["Needs Info", "Open"])
		needs = next(e for e in ctx.timeline if e.get("status") == "Needs Info")
		self.assertIn("请补充故障照片", needs["note_html"])
		self.assertEqual(needs["title"], "Status: Needs Info")
