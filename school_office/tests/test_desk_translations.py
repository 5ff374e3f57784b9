# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""zh users see the names of what the app creates translated on the desk: issue priorities, departments, locations,
document categories, venues and their categories are translated doctypes (link inputs, link search and list cells
go through the translations), the demo's departments get a Translation record for their ERPNext name, the team's
e-mail names team, type and priority in Chinese, and the Service Request form draws its own SLA banner."""

import frappe
from frappe.desk.search import search_link
from frappe.tests.utils import FrappeTestCase

from school_office.boot import extend_bootinfo
from school_office.setup import link_display

ZH_USER = "desk-zh@test.school"


class TestDeskTranslations(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		from school_office.setup import permissions
		from school_office.setup.defaults import create_all

		create_all()
		permissions.create_defaults()
		link_display.create_defaults()
		if not frappe.db.exists("User", ZH_USER):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": ZH_USER,
					"first_name": "Desk",
					"language": "zh",
					"send_welcome_email": 0,
					"roles": [{"role": "Office Staff"}, {"role": "Document Clerk"}],
				}
			).insert(ignore_permissions=True)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def as_zh(self):
		frappe.set_user(ZH_USER)
		frappe.local.lang = "zh"

	def test_translated_doctypes(self):
		from frappe.translate import get_translated_doctypes

		translated = set(get_translated_doctypes())
		for doctype in (
			"Issue Priority",
			"Department",
			"Location",
			"Document Category",
			"Venue",
			"Venue Category",
			"Service Type",
		):
			self.assertIn(doctype, translated, doctype)

	def test_priorities_found_and_shown_in_chinese(self):
		self.as_zh()
		rows = search_link("Issue Priority", "中")
		self.assertEqual([r["value"] for r in rows], ["Medium"])
		self.assertEqual(frappe._("Medium"), "中")  # what the link input shows (Frappe translates the value)
		self.assertEqual(frappe._("Low"), "低")

	def test_document_categories_in_chinese(self):
		from school_office.office_documents.install import create_defaults

		create_defaults()
		self.as_zh()
		rows = search_link("Document Category", "行政")
		self.assertEqual([r["value"] for r in rows], ["Administrative"])

	def test_demo_department_translated_with_company_suffix(self):
		company = frappe.db.get_value("Company", {}, "name")
		abbr = frappe.db.get_value("Company", company, "abbr")
		name = frappe.db.get_value("Department", {"department_name": "Academic Affairs", "company": company})
		if not name:
			name = (
				frappe.get_doc(
					{"doctype": "Department", "department_name": "Academic Affairs", "company": company}
				)
				.insert(ignore_permissions=True)
				.name
			)
		link_display.make_demo({"departments": {"Academic Affairs": name}})
		link_display.make_demo({"departments": {"Academic Affairs": name}})  # twice: one record
		self.assertEqual(frappe.db.count("Translation", {"language": "zh", "source_text": name}), 1)
		frappe.clear_cache()
		self.as_zh()
		self.assertEqual(frappe._(name), f"教务处 - {abbr}")
		rows = search_link("Department", "教务")
		self.assertIn(name, [r["value"] for r in rows])

	def test_every_department_reads_in_chinese(self):
		"""ERPNext's default departments (set up by its wizard) and new ones read in zh as well."""
		company = frappe.db.get_value("Company", {}, "name")
		abbr = frappe.db.get_value("Company", company, "abbr")
		legal = frappe.db.get_value("Department", {"department_name": "Legal", "company": company})
		if not legal:
			legal = (
				frappe.get_doc({"doctype": "Department", "department_name": "Legal", "company": company})
				.insert(ignore_permissions=True)
				.name
			)
		frappe.db.delete("Translation", {"language": "zh", "source_text": legal})
		link_display.translate_departments()
		new = frappe.get_doc({"doctype": "Department", "department_name": "Logistics", "company": company})
		if frappe.db.exists("Department", f"Logistics - {abbr}"):
			new = frappe.get_doc("Department", f"Logistics - {abbr}")
			frappe.db.delete("Translation", {"language": "zh", "source_text": new.name})
			link_display.on_department_insert(new)
		else:
			new.insert(ignore_permissions=True)
		frappe.clear_cache()
		self.as_zh()
		self.assertEqual(frappe._(legal), f"法律 - {abbr}")  # ERPNext's zh of "Legal"
		self.assertEqual(frappe._(new.name), f"后勤处 - {abbr}")

	def test_demo_names_have_chinese(self):
		from school_office.venues.install import DEMO_VENUES

		frappe.local.lang = "zh"
		for name, category, _cap, zone, building, _floor, equipment in DEMO_VENUES:
			for text in (name, category, zone, building, *equipment):
				with self.subTest(text=text):
					self.assertNotEqual(frappe._(text), text)

	def test_team_notification_in_chinese(self):
		doc = frappe._dict(
			name="SR-2031-00001",
			subject="打印材料",
			service_team="Print Room",
			service_type="Printing and Copying",
			priority="Medium",
			requester_name="学生甲",
			response_by=None,
		)
		path = "school_office/service_desk/notification/service_request_new/service_request_new.html"
		html = frappe.render_template(
			frappe.read_file(frappe.get_app_path("school_office", *path.split("/")[1:])), {"doc": doc}
		)
		zh_part = html.split("<hr>")[0]
		for text in ("文印岗", "文印服务", "优先级 中"):
			self.assertIn(text, zh_part, text)
		self.assertNotIn("Print Room", zh_part)

	def test_service_request_sla_banner_is_the_apps(self):
		boot = frappe._dict(service_level_agreement_doctypes=["Issue", "Service Request"])
		extend_bootinfo(boot)
		self.assertEqual(boot.service_level_agreement_doctypes, ["Issue"])

	def test_sla_and_print_format_names_in_chinese(self):
		frappe.local.lang = "zh"
		for text, zh in (
			("Service Level Agreement has been fulfilled", "已按服务时限办结"),
			("Official Document Print", "公文打印（收文处理单/发文版式）"),
			("Official Document GBT 9704", "公文格式（GB/T 9704 发文）"),
			("Public", "非密"),
			("Normal", "平件"),
		):
			context = "Official Document" if text in ("Public", "Normal") else None
			self.assertEqual(frappe._(text, context=context), zh)
