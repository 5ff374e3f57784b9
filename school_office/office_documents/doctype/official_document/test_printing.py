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
