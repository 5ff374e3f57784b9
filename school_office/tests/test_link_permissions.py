# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Each school role picks the ERPNext/Frappe records its forms link to: the link search (as the desk's link
field calls it) and the link check of the form (frappe.client.validate_link) answer as that role, and the
doctype's standard permissions are kept."""

import frappe
from frappe.client import validate_link
from frappe.desk.search import search_link
from frappe.tests.utils import FrappeTestCase

from school_office.setup import permissions
from school_office.setup.roles import APP_ROLES


def role_user(role: str) -> str:
	mail = f"link-perm-{frappe.scrub(role).replace('_', '-')}@test.school"
	if not frappe.db.exists("User", mail):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": mail,
				"first_name": role,
				"send_welcome_email": 0,
				"user_type": "System User",
				"roles": [{"role": role}],
			}
		).insert(ignore_permissions=True)
	return mail


class TestLinkTargetPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		permissions.create_defaults()
		company = frappe.db.get_value("Company", {}, "name")
		cls.department = frappe.db.get_value("Department", {"department_name": "Link Test Office"})
		if not cls.department:
			cls.department = (
				frappe.get_doc(
					{"doctype": "Department", "department_name": "Link Test Office", "company": company}
				)
				.insert(ignore_permissions=True)
				.name
			)
		if not frappe.db.exists("Issue Priority", "Medium"):
			frappe.get_doc({"doctype": "Issue Priority", "description": "Medium"}).insert(
				ignore_permissions=True, set_name="Medium"
			)
		cls.holiday_list = "Link Test Calendar"
		if not frappe.db.exists("Holiday List", cls.holiday_list):
			frappe.get_doc(
				{
					"doctype": "Holiday List",
					"holiday_list_name": cls.holiday_list,
					"from_date": "2031-01-01",
					"to_date": "2031-12-31",
				}
			).insert(ignore_permissions=True)
		cls.location = "Link Test Building"
		if not frappe.db.exists("Location", cls.location):
			frappe.get_doc({"doctype": "Location", "location_name": cls.location}).insert(
				ignore_permissions=True
			)
		cls.users = {role: role_user(role) for role in APP_ROLES}
		cls.samples = {
			"Department": ("Link Test", cls.department),
			"Issue Priority": ("Med", "Medium"),
			"Holiday List": ("Link Test", cls.holiday_list),
			"Location": ("Link Test", cls.location),
		}

	def tearDown(self):
		frappe.set_user("Administrator")

	def search_as(self, role, doctype, txt):
		frappe.set_user(self.users[role])
		try:
			return [r["value"] for r in search_link(doctype, txt)]
		finally:
			frappe.set_user("Administrator")

	def check_role_picks(self, role):
		for doctype, roles in permissions.LINK_TARGET_ROLES.items():
			if role not in roles:
				continue
			with self.subTest(role=role, doctype=doctype):
				if doctype in self.samples:
					txt, name = self.samples[doctype]
					self.assertIn(name, self.search_as(role, doctype, txt))
					frappe.set_user(self.users[role])
					self.assertEqual(validate_link(doctype, name).name, name)
					frappe.set_user("Administrator")
				else:  # no record to find (Asset): the search answers, empty, instead of 403
					self.assertIsInstance(self.search_as(role, doctype, ""), list)

	def test_office_manager(self):
		self.check_role_picks("Office Manager")

	def test_office_staff(self):
		self.check_role_picks("Office Staff")

	def test_document_clerk(self):
		self.check_role_picks("Document Clerk")

	def test_school_leader(self):
		self.check_role_picks("School Leader")

	def test_department_head(self):
		self.check_role_picks("Department Head")

	def test_maintenance_technician(self):
		self.check_role_picks("Maintenance Technician")

	def test_asset_administrator(self):
		self.check_role_picks("Asset Administrator")

	def test_every_role_picks_a_department(self):
		for role in APP_ROLES:
			with self.subTest(role=role):
				self.assertIn(self.department, self.search_as(role, "Department", "Link Test"))

	def test_pick_and_read_but_not_change(self):
		"""The roles pick and read a department (its translated name shows in their forms); they do not change,
		create or delete departments; an asset they may only pick."""
		frappe.set_user(self.users["Document Clerk"])
		self.assertTrue(frappe.has_permission("Department", "select"))
		self.assertTrue(frappe.has_permission("Department", "read"))
		for ptype in ("write", "create", "delete", "export"):
			self.assertFalse(frappe.has_permission("Department", ptype), ptype)
		frappe.set_user(self.users["Office Staff"])
		self.assertTrue(frappe.has_permission("Asset", "select"))
		self.assertFalse(frappe.has_permission("Asset", "read"))

	def test_roles_that_do_not_fill_a_field_still_refused(self):
		frappe.set_user(self.users["Document Clerk"])
		with self.assertRaises(frappe.PermissionError):
			search_link("Holiday List", "Link Test")

	def test_standard_permissions_kept(self):
		custom = {
			(r.role, r.permlevel)
			for r in frappe.get_all("Custom DocPerm", {"parent": "Department"}, ["role", "permlevel"])
		}
		self.assertIn(("HR Manager", 0), custom)
		self.assertIn(("HR User", 0), custom)
		hr = role_user("HR User")
		frappe.set_user(hr)
		self.assertTrue(frappe.has_permission("Department", "write"))

	def test_create_defaults_twice_adds_nothing(self):
		before = frappe.db.count("Custom DocPerm", {"parent": ("in", list(permissions.LINK_TARGET_ROLES))})
		permissions.create_defaults()
		after = frappe.db.count("Custom DocPerm", {"parent": ("in", list(permissions.LINK_TARGET_ROLES))})
		self.assertEqual(before, after)

	def test_uninstall_restores_standard_permissions(self):
		try:
			permissions.remove_defaults()
			# only the copy of the standard rows was left: the copy goes too, Department is standard again
			self.assertFalse(frappe.db.exists("Custom DocPerm", {"parent": "Department"}))
			frappe.set_user(self.users["Document Clerk"])
			self.assertFalse(frappe.has_permission("Department", "select"))
		finally:
			frappe.set_user("Administrator")
			permissions.create_defaults()
		frappe.set_user(self.users["Document Clerk"])
		self.assertTrue(frappe.has_permission("Department", "select"))
