# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""The GB/T 9704 print of an outgoing document and the incoming register, rendered to PDF with Chinese fonts."""

import subprocess
import tempfile
import unicodedata

import frappe
from frappe.tests.utils import FrappeTestCase

DT = "Official Document"
# CJK Radicals Supplement code points that have no NFKC mapping
RADICALS = dict(zip("⻓⻔⻚⻛⻢⻅⻆⻋⻜⻝⻘⻬⻮⻰⻳", "长门页风马见角车飞食青齐齿龙龟", strict=True))


def pdf_text(pdf: bytes) -> str:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
		fh.write(pdf)
		fh.flush()
		out = subprocess.run(["pdftotext", "-layout", fh.name, "-"], capture_output=True, check=True)
	# CJK fonts map some ideographs to their Kangxi-radical code points (⽂ for 文): fold only those
	text = "".join(
		RADICALS.get(c, unicodedata.normalize("NFKC", c) if "\u2f00" <= c <= "\u2fdf" else c)
		for c in out.stdout.decode("utf-8")
	)
	return text


def pdf_info(pdf: bytes) -> str:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
		fh.write(pdf)
		fh.flush()
		return subprocess.run(["pdfinfo", fh.name], capture_output=True, check=True).stdout.decode()


class TestPrinting(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		from school_office.office_documents.install import create_defaults

		create_defaults()

	def test_gbt_9704_pdf_shows_every_element(self):
		doc = frappe.get_doc(
			{
				"doctype": DT,
				"direction": "Outgoing",
				"document_type": "Request",
				"title": "关于申请增设实验室的请示",
				"secret_level": "Secret",
				"secrecy_period": "1年",
				"urgency": "Very Urgent",
				"number_code": "校办发",
				"main_recipients": "市教育局",
				"cc_recipients": "校长办公室，教务处",
				"body": "<p>为满足教学需要，拟增设实验室两间。</p>",
				"attachment_notes": "实验室建设方案\n经费预算表",
				"copies": 5,
			}
		).insert()
		frappe.db.set_value(
			DT,
			doc.name,
			{
				"status": "Sealed",
				"document_number": "校办发〔2024〕12号",
				"signed_on": "2024-10-26 10:00:00",
				"sealed_on": "2024-10-27 09:00:00",
				"seal_name": "学校办公室",
				"printed_on": "2024-10-27",
			},
		)
		signer = "od-print-signer@test.school"
		if not frappe.db.exists("User", signer):
			frappe.get_doc(
				{"doctype": "User", "email": signer, "first_name": "王校长", "send_welcome_email": 0}
			).insert()
		frappe.db.set_value(DT, doc.name, "signer", signer)
		pdf = frappe.get_print(DT, doc.name, "Official Document GBT 9704", as_pdf=True)
		info = pdf_info(pdf)
		self.assertRegex(info, r"Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)")
		text = pdf_text(pdf)
		for element in (
			"000001",  # 份号
			"秘密★1年",  # 密级和保密期限
			"特急",  # 紧急程度
			"学校办公室文件",  # 发文机关标志
			"校办发〔2024〕12号",  # 发文字号
			"签发人：王校长",  # 签发人 (上行文)
			"关于申请增设实验室的请示",  # 标题
			"市教育局：",  # 主送机关
			"为满足教学需要，拟增设实验室两间。",  # 正文
			"附件：1. 实验室建设方案",  # 附件说明
			"2. 经费预算表",
			"2024年10月26日",  # 成文日期
			"抄送：校长办公室，教务处。",  # 抄送机关
			"2024年10月27日印发",  # 印发机关和印发日期
		):
			self.assertIn(
				element, text.replace("  ", " ") if " " in element else text.replace(" ", ""), element
			)
		self.assertIn("学校办公室", text)  # 发文机关署名 / 印发机关

	def test_incoming_register_pdf(self):
		from school_office.office_documents.printing import incoming_register_html

		doc = frappe.get_doc(
			{
				"doctype": DT,
				"direction": "Incoming",
				"title": "区教委关于期末考试安排的通知",
				"source_organization": "区教委",
				"source_document_number": "区教发〔2024〕3号",
				"pages": 2,
				"received_on": "2024-10-26 09:00:00",
			}
		).insert()
		frappe.db.set_value(
			DT, doc.name, {"registration_number": "校办-20241026-001", "status": "Registered"}
		)
		from frappe.utils.pdf import get_pdf

		frappe.local.lang = "zh"
		try:
			html = incoming_register_html("2024-10-01", "2024-10-31")
		finally:
			frappe.local.lang = "en"
		text = pdf_text(get_pdf(html, {"orientation": "Landscape", "page-size": "A4"})).replace(" ", "")
		for s in ("收文登记簿", "校办-20241026-001", "区教委", "区教发〔2024〕3号", "收文登记号", "来文单位"):
			self.assertIn(s, text, s)


class TestIncomingPrint(FrappeTestCase):
	"""An incoming document prints as its processing sheet (收文处理单), by default and through the GB/T 9704 format;
	the Standard print leaves out the internal fields."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		from school_office.office_documents.install import create_defaults

		create_defaults()
		company = frappe.db.get_value("Company", {}, "name")
		cls.dept = frappe.db.get_value("Department", {"department_name": "Print Test Affairs"})
		if not cls.dept:
			cls.dept = (
				frappe.get_doc(
					{"doctype": "Department", "department_name": "Print Test Affairs", "company": company}
				)
				.insert()
				.name
			)
		doc = frappe.get_doc(
			{
				"doctype": DT,
				"direction": "Incoming",
				"title": "市教育局关于做好寒假安全工作的通知",
				"source_organization": "市教育局",
				"source_document_number": "市教发〔2024〕21号",
				"pages": 3,
				"copies": 2,
				"secret_level": "Public",
				"urgency": "Urgent",
				"received_on": "2024-12-02 09:15:00",
				"review_opinion": "请学生处牵头办理",
				"routing": [{"department": cls.dept, "action": "Handle"}],
			}
		).insert()
		frappe.db.set_value(
			DT, doc.name, {"registration_number": "校办-20241202-007", "status": "In Process"}
		)
		row = doc.routing[0].name
		frappe.db.set_value(
			"Document Routing",
			row,
			{
				"status": "Done",
				"acted_by": "Administrator",
				"acted_on": "2024-12-03 10:00:00",
				"comment": "已通知各年级",
				"due_by": "2024-12-03 12:00:00",
			},
		)
		cls.name = doc.name

	def tearDown(self):
		frappe.local.lang = "en"

	def sheet_text(self, print_format):
		frappe.local.lang = "zh"
		return pdf_text(frappe.get_print(DT, self.name, print_format, as_pdf=True)).replace(" ", "")

	def test_default_print_format_is_the_branching_one(self):
		self.assertEqual(frappe.get_meta(DT).default_print_format, "Official Document Print")

	def test_default_print_of_incoming_is_the_processing_sheet(self):
		text = self.sheet_text("Official Document Print")
		for element in (
			"收文处理单",
			"来文单位",
			"市教育局",
			"来文字号",
			"市教发〔2024〕21号",
			"收文登记号",
			"校办-20241202-007",
			"2024-12-0209:15",  # received
			"拟办意见",
			"请学生处牵头办理",
			"批办意见",
			"加急",  # 紧急程度 of an official document
			"非密",  # 密级
			"承办",
			"已通知各年级",  # the department's feedback
			"2024-12-0312:00",  # due
		):
			self.assertIn(element, text, element)
		self.assertNotIn("学校办公室文件", text)  # not the red issuing-body mark of an own 发文

	def test_gbt_format_does_not_print_incoming_as_own_document(self):
		text = self.sheet_text("Official Document GBT 9704")
		self.assertIn("收文处理单", text)
		self.assertNotIn("学校办公室文件", text)
		self.assertNotIn("印发", text)

	def test_default_print_of_outgoing_is_gbt_9704(self):
		doc = frappe.get_doc(
			{
				"doctype": DT,
				"direction": "Outgoing",
				"title": "关于寒假值班安排的通知",
				"main_recipients": "各部门",
				"body": "<p>寒假期间安排值班。</p>",
			}
		).insert()
		frappe.db.set_value(DT, doc.name, {"document_number": "校办发〔2024〕30号", "status": "Sealed"})
		text = pdf_text(frappe.get_print(DT, doc.name, "Official Document Print", as_pdf=True)).replace(
			" ", ""
		)
		self.assertIn("学校办公室文件", text)
		self.assertIn("校办发〔2024〕30号", text)
		self.assertNotIn("收文处理单", text)

	def test_english_processing_sheet(self):
		frappe.local.lang = "en"
		html = frappe.get_print(DT, self.name, "Official Document Print")
		self.assertIn("Incoming Document Processing Sheet", html)
		self.assertIn("Review Opinion", html)

	def test_standard_print_hides_internal_fields(self):
		frappe.local.lang = "en"
		html = frappe.get_print(DT, self.name, "Standard")
		self.assertIn("市教育局", html)
		for label in ("Number Year", "Number Sequence", "Full Text"):
			self.assertNotIn(label, html, label)
