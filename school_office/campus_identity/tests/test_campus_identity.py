"""Campus identity on the bench: sign-in by number, the roster import (twice: same users), LDAP against a
real slapd on loopback (started here; skipped with the reason when slapd or ldap3 is missing)."""

import frappe
from frappe.core.doctype.user.user import User
from frappe.tests.utils import FrappeTestCase
from frappe.utils.password import update_password

from school_office.campus_identity.tests import ldap_server
from school_office.tests.fixtures import make_user as ensure_user

MANAGER = "ci.manager@test.school"
STAFF = "ci.staff@test.school"
PASSWORD = "Roster#2026pw"


def as_user(user, fn, *args):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		return fn(*args)
	finally:
		frappe.set_user(previous)


def private_file(content: str, name="roster.csv") -> str:
	f = frappe.get_doc(
		{"doctype": "File", "file_name": name, "is_private": 1, "content": content.encode("utf-8")}
	)
	f.insert(ignore_permissions=True)
	return f.file_url


class TestRosterImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_user(MANAGER, ["Office Manager"])
		ensure_user(STAFF, ["Office Staff"])
		cls.tag = frappe.generate_hash(length=6).upper()

	def roster(self, rows):
		head = "Number,Full Name,Email,Department or Class,Role,Language\n"
		return as_user(MANAGER, private_file, head + "\n".join(rows) + "\n")

	def new_import(self, file_url, user=MANAGER):
		return as_user(
			user, lambda: frappe.get_doc({"doctype": "Roster Import", "import_file": file_url}).insert()
		)

	def run_import(self, doc, user=MANAGER):
		return as_user(user, lambda: frappe.get_doc("Roster Import", doc.name).run_import())

	def test_import_twice_gives_the_same_users_and_they_sign_in_by_number(self):
		t = self.tag
		rows = [
			f"S{t}1,孙小明,,高一(3)班,Student,zh",
			f"T{t}2,Wu Teacher,t{t.lower()}2@test.school,Academic Affairs,Teacher,en",
			f"E{t}3,李办事员,e{t.lower()}3@test.school,General Office,School Office Records,zh",
		]
		doc = self.new_import(self.roster(rows))
		first = self.run_import(doc)
		self.assertEqual((first["created"], first["updated"], first["errors"]), (3, 0, 0), first)
		stored = frappe.get_doc("Roster Import", doc.name)
		self.assertEqual((stored.status, stored.created_users, stored.imported_by), ("Imported", 3, MANAGER))

		student = frappe.db.get_value(
			"User",
			{"username": f"S{t}1"},
			["name", "user_type", "language", "full_name", "school_group"],
			as_dict=True,
		)
		self.assertEqual(student.name, f"s{t.lower()}1@students.invalid")
		self.assertEqual(
			(student.user_type, student.language, student.full_name, student.school_group),
			("Website User", "zh", "孙小明", "高一(3)班"),
		)
		staff = frappe.get_doc("User", f"e{t.lower()}3@test.school")
		self.assertEqual(staff.user_type, "System User")
		self.assertTrue({"Document Clerk", "Office Staff"} <= set(frappe.get_roles(staff.name)))
		users_before = frappe.db.count("User")

		# the same file again, and a changed name: updated in place, nobody added
		rows[0] = f"S{t}1,孙晓明,,高一(4)班,Student,zh"
		again = self.run_import(self.new_import(self.roster(rows)))
		self.assertEqual((again["created"], again["updated"], again["unchanged"]), (0, 1, 2), again)
		self.assertEqual(frappe.db.count("User"), users_before)
		self.assertEqual(frappe.db.get_value("User", student.name, "full_name"), "孙晓明")
		self.assertEqual(frappe.db.count("User", {"username": f"S{t}1"}), 1)

		# sign in by number (Frappe's username login, switched on by the install) or by e-mail
		update_password(student.name, PASSWORD)
		self.assertEqual(frappe.db.get_single_value("System Settings", "allow_login_using_user_name"), 1)
		by_number = User.find_by_credentials(f"S{t}1", PASSWORD)
		self.assertEqual((by_number["name"], by_number["is_authenticated"]), (student.name, True))
		self.assertFalse(User.find_by_credentials(f"S{t}1", "wrong-password")["is_authenticated"])
		self.assertTrue(User.find_by_credentials(student.name, PASSWORD)["is_authenticated"])

	def test_bad_rows_are_reported_and_the_others_imported(self):
		t = self.tag.lower()
		holder = ensure_user(f"holder{t}@test.school", [])
		frappe.db.set_value("User", holder, "username", f"X{t}9")
		other = ensure_user(f"other{t}@test.school", [])
		rows = [
			f"S{t}5,Good Row,,Class 1,Student,zh",
			# the number is the holder's username, the e-mail another user's: refused, nobody changed
			f"X{t}9,Taken Number,{other},Class 1,Student,zh",
			f"S{t}6,Bad Role,,Class 1,Wizard,zh",
		]
		result = self.run_import(self.new_import(self.roster(rows)))
		self.assertEqual((result["created"], result["updated"], result["errors"]), (1, 0, 2), result)
		log = "\n".join(result["messages"])
		self.assertIn("Row 3", log)
		self.assertIn("Row 4", log)
		self.assertEqual(frappe.db.get_value("User", holder, "first_name"), f"holder{t}")
		self.assertEqual(frappe.db.get_value("User", other, "username"), f"other{t}")
		self.assertFalse(frappe.db.exists("User", {"username": f"S{t}6"}))

	def test_only_the_office_manager_imports(self):
		doc = self.new_import(self.roster([f"S{self.tag}7,Someone,,Class 1,Student,zh"]))
		with self.assertRaises(frappe.PermissionError):
			self.run_import(doc, user=STAFF)
		with self.assertRaises(frappe.PermissionError):
			self.new_import(self.roster([f"S{self.tag}8,Other,,Class 1,Student,zh"]), user=STAFF)
		self.assertFalse(frappe.db.exists("User", {"username": f"S{self.tag}7"}))

	def test_system_fields_are_not_written_by_the_client(self):
		doc = as_user(
			MANAGER,
			lambda: frappe.get_doc(
				{
					"doctype": "Roster Import",
					"import_file": self.roster([f"S{self.tag}4,Forged,,Class 1,Student,zh"]),
					"status": "Imported",
					"created_users": 99,
					"imported_by": STAFF,
				}
			).insert(),
		)
		stored = frappe.get_doc("Roster Import", doc.name)
		self.assertEqual((stored.status, stored.created_users or 0, stored.imported_by), ("Draft", 0, None))


class TestLdapSignIn(FrappeTestCase):
	"""Frappe's LDAP Settings against slapd: a student and a staff member sign in with their uid."""

	def setUp(self):
		reason = ldap_server.available()
		if reason:
			self.skipTest(reason)
		self.server = ldap_server.LdapServer()
		self.addCleanup(self.server.stop)
		self.addCleanup(frappe.db.set_single_value, "LDAP Settings", "enabled", 0)
		settings = frappe.get_single("LDAP Settings")
		settings.update(
			{
				"enabled": 1,
				"ldap_server_url": self.server.url,
				"ldap_directory_server": "OpenLDAP",
				"base_dn": ldap_server.ROOT_DN,
				"password": ldap_server.ROOT_PW,
				"ldap_search_path_user": ldap_server.PEOPLE,
				"ldap_search_path_group": ldap_server.GROUPS,
				"ldap_search_string": "(uid={0})",
				"ldap_email_field": "mail",
				"ldap_username_field": "uid",
				"ldap_first_name_field": "givenName",
				"ldap_last_name_field": "sn",
				"default_user_type": "Website User",
				"ssl_tls_mode": "Off",
				"require_trusted_certificate": "No",
				"do_not_create_new_user": 0,
			}
		)
		settings.set("ldap_groups", [{"ldap_group": ldap_server.STAFF_GROUP, "erpnext_role": "Office Staff"}])
		settings.save()  # validate() binds to the server

	def authenticate(self, uid, password):
		return as_user("Guest", lambda: frappe.get_doc("LDAP Settings").authenticate(uid, password))

	def test_student_and_staff_sign_in_against_slapd(self):
		st, sf = ldap_server.STUDENT, ldap_server.STAFF
		student = self.authenticate(st["uid"], st["pw"])
		self.assertEqual(student.name, st["mail"])
		self.assertEqual(student.username, st["uid"])
		self.assertEqual(student.first_name, st["givenName"])
		self.assertNotIn("Office Staff", frappe.get_roles(student.name))
		self.assertEqual(frappe.db.get_value("User", student.name, "user_type"), "Website User")

		staff = self.authenticate(sf["uid"], sf["pw"])
		self.assertEqual(staff.name, sf["mail"])
		self.assertIn("Office Staff", frappe.get_roles(staff.name))  # from the posixGroup office-staff

		with self.assertRaises(frappe.ValidationError):
			self.authenticate(st["uid"], "not-the-password")
		with self.assertRaises(frappe.ValidationError):
			self.authenticate("nobody", st["pw"])
		# a second sign-in finds the same user
		self.assertEqual(self.authenticate(st["uid"], st["pw"]).name, st["mail"])
		self.assertEqual(frappe.db.count("User", {"username": st["uid"]}), 1)
