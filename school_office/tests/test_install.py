"""Install defaults, idempotence, demo data and app permission (bench tier)."""

from datetime import time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_time

from school_office.demo import DEMO_DOMAIN, make_demo
from school_office.permissions import has_app_permission
from school_office.setup import defaults
from school_office.setup.default_data import SERVICE_TYPES
from school_office.setup.roles import APP_ROLES, ROLE_PROFILES


class TestInstallDefaults(FrappeTestCase):
	def test_roles_profiles_and_priorities_exist(self):
		for role in APP_ROLES:
			self.assertTrue(frappe.db.exists("Role", role), role)
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), 1)
		for profile, roles in ROLE_PROFILES.items():
			doc = frappe.get_doc("Role Profile", profile)
			self.assertEqual({r.role for r in doc.roles}, set(roles))
		for p in ("Urgent", "High", "Medium", "Low"):
			self.assertTrue(frappe.db.exists("Issue Priority", p))

	def test_catalogue_created(self):
		for c in (
			"Academic",
			"Daily Life",
			"Activities",
			"Administration",
			"Facilities and Repairs",
			"Complaints and Suggestions",
		):
			self.assertTrue(frappe.db.exists("Service Category", c), c)
		for t in ("Print Room", "Meeting Team", "Coordination", "Maintenance"):
			self.assertTrue(frappe.db.exists("Service Team", t), t)
		seeded = [t[0] for t in SERVICE_TYPES]
		self.assertEqual(len(seeded), 12)  # README: twelve service types
		self.assertEqual(
			sorted(frappe.get_all("Service Type", filters={"name": ("in", seeded)}, pluck="name")),
			sorted(seeded),
		)
		complaint = frappe.get_doc("Service Type", "Complaint")
		self.assertEqual(complaint.is_complaint, 1)
		self.assertEqual(complaint.service_team, "Coordination")
		self.assertTrue(frappe.get_doc("Service Type", "Venue Application").required_materials)

	def test_settings_defaults(self):
		s = frappe.get_single("School Office Settings")
		self.assertEqual(get_time(s.work_start_time), time(8, 30))
		self.assertEqual(get_time(s.work_end_time), time(17, 30))
		self.assertEqual((s.monday, s.friday, s.saturday, s.sunday), (1, 1, 0, 0))
		self.assertEqual(s.max_attachment_size_mb, 5)
		self.assertEqual(s.allowed_attachment_types, "pdf, doc, docx, jpg, jpeg, png")


class TestAdminEditsSurvive(FrappeTestCase):
	def test_defaults_do_not_overwrite_admin_edits(self):
		# an administrator renames a service type and changes a team
		original = SERVICE_TYPES[0][0]
		frappe.rename_doc("Service Type", original, "Test Renamed Service", force=True)
		team = frappe.get_doc("Service Team", "Print Room")
		team.description = "Edited by the administrator"
		team.set("members", [{"user": "Administrator", "skill_level": "Expert"}])
		team.save()
		settings = frappe.get_single("School Office Settings")
		settings.max_attachment_size_mb = 8
		settings.save()

		defaults.create_all()  # what a re-run of install or a patch does

		self.assertFalse(frappe.db.exists("Service Type", original))
		self.assertTrue(frappe.db.exists("Service Type", "Test Renamed Service"))
		self.assertEqual(
			frappe.db.get_value("Service Type", "Test Renamed Service", "service_type_name"),
			"Test Renamed Service",
		)
		team.reload()
		self.assertEqual(team.description, "Edited by the administrator")
		self.assertEqual([m.user for m in team.members], ["Administrator"])
		self.assertEqual(frappe.db.get_single_value("School Office Settings", "max_attachment_size_mb"), 8)


class TestDemo(FrappeTestCase):
	def snapshot(self):
		return {
			"users": sorted(
				frappe.get_all(
					"User",
					filters={"name": ("like", f"%@{DEMO_DOMAIN}")},
					fields=["name", "modified"],
					as_list=True,
				)
			),
			"roles": sorted(
				frappe.get_all(
					"Has Role",
					filters={"parent": ("like", f"%@{DEMO_DOMAIN}")},
					fields=["parent", "role"],
					as_list=True,
				)
			),
			"teams": sorted(
				frappe.get_all("Service Team", fields=["name", "modified", "lead"], as_list=True)
			),
			"members": sorted(frappe.get_all("Service Team Member", fields=["parent", "user"], as_list=True)),
			"departments": sorted(frappe.get_all("Department", pluck="name")),
			"types": sorted(frappe.get_all("Service Type", fields=["name", "modified"], as_list=True)),
		}

	def test_demo_is_idempotent(self):
		make_demo(verbose=False)
		first = self.snapshot()
		make_demo(verbose=False)
		self.assertEqual(self.snapshot(), first)
		self.assertEqual(
			sorted(u[0] for u in first["users"]),
			sorted(
				f"{local}@{DEMO_DOMAIN}"
				for local in (
					"office.manager",
					"office.staff",
					"print.staff",
					"dept.head",
					"school.leader",
					"doc.clerk",
					"technician",
					"asset.admin",
					"teacher",
					"student",
					"student.en",
				)
			),
		)
		manager = f"office.manager@{DEMO_DOMAIN}"
		self.assertIn("Office Manager", frappe.get_roles(manager))
		self.assertEqual(frappe.db.get_value("User", manager, "language"), "zh")
		self.assertEqual(frappe.db.get_value("User", f"student@{DEMO_DOMAIN}", "user_type"), "Website User")
		self.assertIn(f"technician@{DEMO_DOMAIN}", [m[1] for m in first["members"] if m[0] == "Maintenance"])

	def test_demo_passwords_work(self):
		from frappe.utils.password import check_password

		from school_office.demo import DEMO_PASSWORD

		make_demo(verbose=False)
		self.assertEqual(
			check_password(f"office.staff@{DEMO_DOMAIN}", DEMO_PASSWORD), f"office.staff@{DEMO_DOMAIN}"
		)


class TestAppPermission(FrappeTestCase):
	def test_apps_screen_only_for_staff(self):
		make_demo(verbose=False)
		try:
			frappe.set_user(f"office.staff@{DEMO_DOMAIN}")
			self.assertTrue(has_app_permission())
			frappe.set_user(f"student@{DEMO_DOMAIN}")
			self.assertFalse(has_app_permission())
		finally:
			frappe.set_user("Administrator")


class TestRoleBookkeeping(FrappeTestCase):
	"""Uninstall removes only the roles and role profiles the app created (recorded at install)."""

	def setUp(self):
		from school_office import install

		self.install = install
		from school_office.utils import store

		saved = store.read_json(install.INSTALL_RECORD)
		self.addCleanup(
			lambda: (
				store.write_json(install.INSTALL_RECORD, saved)
				if saved
				else store.clear(install.INSTALL_RECORD)
			)
		)

	def test_roles_that_existed_before_are_not_the_apps(self):
		# a site whose administrator had made "Office Manager" and the profile "School Leadership" before
		self.install.write_record(
			{"roles_before": ["Office Manager"], "profiles_before": ["School Leadership"]}
		)
		record = self.install.record_created_by_install()
		self.assertEqual(
			record["roles_created"],
			[
				"Asset Administrator",
				"Department Head",
				"Document Clerk",
				"Maintenance Technician",
				"Meeting Team",
				"Office Staff",
				"School Leader",
			],
		)
		self.assertEqual(
			record["profiles_created"],
			[
				"School Department Head",
				"School Office Asset Keeper",
				"School Office Front Desk",
				"School Office Manager",
				"School Office Records",
				"School Office Technician",
			],
		)
		self.assertEqual(
			self.install.created_roles_and_profiles(), (record["roles_created"], record["profiles_created"])
		)
		# before_install on a site that has them all: the app creates none of them
		self.install.record_existing_before_install()
		self.assertEqual(self.install.record_created_by_install()["roles_created"], [])
		self.assertEqual(self.install.created_roles_and_profiles(), ([], []))
		# nothing recorded (a site installed by an older version): nothing is deleted
		from school_office.utils import store

		store.clear(self.install.INSTALL_RECORD)
		self.assertEqual(self.install.created_roles_and_profiles(), ([], []))

	def test_only_created_roles_are_removed_without_commit(self):
		from unittest.mock import patch

		for role in ("Test SO Created Role", "Test SO Admin Role"):
			if not frappe.db.exists("Role", role):
				frappe.get_doc({"doctype": "Role", "role_name": role}).insert(ignore_permissions=True)
		if not frappe.db.exists("Role Profile", "Test SO Created Profile"):
			frappe.get_doc(
				{
					"doctype": "Role Profile",
					"role_profile": "Test SO Created Profile",
					"roles": [{"role": "Test SO Created Role"}],
				}
			).insert(ignore_permissions=True)
		user = frappe.get_doc("User", "Administrator")
		user.append("roles", {"role": "Test SO Created Role"})
		user.append("roles", {"role": "Test SO Admin Role"})
		user.save(ignore_permissions=True)
		self.install.write_record(
			{
				"roles_before": ["Test SO Admin Role"],
				"roles_created": ["Test SO Created Role"],
				"profiles_created": ["Test SO Created Profile"],
			}
		)
		with patch.object(frappe.db, "commit", side_effect=AssertionError("committed half-way")):
			self.assertEqual(
				self.install.remove_created_roles(), (["Test SO Created Role"], ["Test SO Created Profile"])
			)
		self.assertFalse(frappe.db.exists("Role", "Test SO Created Role"))
		self.assertFalse(frappe.db.exists("Role Profile", "Test SO Created Profile"))
		self.assertFalse(frappe.db.exists("Has Role", {"role": "Test SO Created Role"}))
		self.assertTrue(frappe.db.exists("Role", "Test SO Admin Role"))
		self.assertTrue(
			frappe.db.exists("Has Role", {"role": "Test SO Admin Role", "parent": "Administrator"})
		)
		for role in APP_ROLES:  # not recorded as created, so untouched
			self.assertTrue(frappe.db.exists("Role", role), role)
