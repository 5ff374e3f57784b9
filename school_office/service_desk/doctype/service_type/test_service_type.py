# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.website.serve import get_response

from school_office.utils.service_guide import guide_categories


def make_service(name, **kw):
	if frappe.db.exists("Service Type", name):
		frappe.delete_doc("Service Type", name, force=True)
	doc = frappe.get_doc(
		{
			"doctype": "Service Type",
			"service_type_name": name,
			"service_category": kw.pop("service_category", "Academic"),
			"time_limit_hours": kw.pop("time_limit_hours", 8),
			"is_published": kw.pop("is_published", 1),
			"required_materials": kw.pop("required_materials", [{"material": "ID card", "is_mandatory": 1}]),
			**kw,
		}
	)
	return doc.insert()


def render(path, lang="en"):
	frappe.local.lang = lang
	frappe.local.flags.redirect_location = None
	try:
		response = get_response(path)
		return response.status_code, response.get_data(as_text=True)
	finally:
		frappe.local.lang = "en"


class TestServiceType(FrappeTestCase):
	def test_route_is_generated_under_the_guide_and_unique(self):
		a = make_service("Test Gown Loan")
		b = make_service("Test Gown  Loan")  # same slug
		self.assertEqual(a.route, "service-guide/test-gown-loan")
		self.assertEqual(b.route, "service-guide/test-gown-loan-2")
		self.assertEqual(a.name, "Test Gown Loan")

	def test_chinese_name_gets_a_stable_route(self):
		doc = make_service("测试事项")
		self.assertTrue(doc.route.startswith("service-guide/service-"))

	def test_route_outside_the_guide_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			make_service("Test Bad Route", route="about-us")
		self.assertFalse(frappe.db.exists("Service Type", "Test Bad Route"))

	def test_material_listed_twice_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			make_service("Test Twice", required_materials=[{"material": "Form"}, {"material": "form "}])

	def test_guide_groups_published_services_with_materials(self):
		make_service(
			"Test Published One",
			service_category="Daily Life",
			required_materials=[
				{"material": "Photo", "is_mandatory": 0},
				{"material": "Form", "is_mandatory": 1},
			],
		)
		make_service("Test Hidden One", service_category="Daily Life", is_published=0)
		cats = {c.name: c for c in guide_categories()}
		names = [s.name for s in cats["Daily Life"].services]
		self.assertIn("Test Published One", names)
		self.assertNotIn("Test Hidden One", names)
		svc = next(s for s in cats["Daily Life"].services if s.name == "Test Published One")
		self.assertEqual([m.material for m in svc.materials], ["Photo", "Form"])
		self.assertEqual(svc.time_limit_label, "8 working hours")
		# categories come in sort order
		orders = [c.sort_order for c in guide_categories()]
		self.assertEqual(orders, sorted(orders))

	def test_service_page_renders_and_unpublished_is_not_found(self):
		doc = make_service(
			"Test Page Service",
			contact_person="Ms Li",
			contact_phone="010-1234",
			required_materials=[{"material": "Leave application form", "is_mandatory": 1}],
		)
		status, html = render(doc.route)
		self.assertEqual(status, 200)
		self.assertIn("Test Page Service", html)
		self.assertIn("Leave application form", html)
		self.assertIn("8 working hours", html)
		self.assertIn("010-1234", html)
		doc.db_set("is_published", 0)
		frappe.clear_cache()
		status, _html = render(doc.route)
		self.assertEqual(status, 404)

	def test_guide_page_in_chinese(self):
		make_service(
			"Test Zh Service",
			service_category="Academic",
			required_materials=[{"material": "Student ID card", "is_mandatory": 1}],
		)
		status, html = render("service-guide", lang="zh")
		self.assertEqual(status, 200)
		self.assertIn("办事指南", html)
		self.assertIn("学业事务", html)  # category Academic
		self.assertIn("学生证", html)  # material Student ID card
		self.assertIn("所需材料", html)
		self.assertIn("Test Zh Service", html)
		status, html = render("service-guide", lang="en")
		self.assertIn("Required Materials", html)
		self.assertIn('name="viewport"', html)
