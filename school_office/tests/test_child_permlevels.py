# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""The hardening rule on child rows of a new record: for every doctype of the app whose child tables have
fields at a higher permlevel, a user who may create the record but not write those levels gets them back
at their defaults on insert (Frappe itself checks child rows only on existing records); the app's own
system writes (ignore_permissions), Administrator and other apps' doctypes are left alone. End to end: a
new Supply Plan's lines sent with the system's figures."""

import frappe
from frappe.model import display_fieldtypes
from frappe.tests.utils import FrappeTestCase

from school_office.tests.fixtures import make_user
from school_office.utils.child_permlevels import app_modules, data_fields, reset_child_permlevels

FORGED = {
	"Check": 1,
	"Int": 7,
	"Float": 7.5,
	"Currency": 7.5,
	"Percent": 7.5,
	"Date": "2001-01-01",
	"Datetime": "2001-01-01 01:01:01",
}


def forged(df):
	if df.fieldtype in FORGED:
		return FORGED[df.fieldtype]
	if df.fieldtype == "Select":
		return [o for o in (df.options or "").split("\n") if o][-1]
	return "forged-value"


def guarded_doctypes():
	"""(parent, table field, child doctype, high permlevel fields) of the app."""
	out = []
	for name in frappe.get_all(
		"DocType", filters={"module": ("in", list(app_modules())), "istable": 0}, pluck="name"
	):
		meta = frappe.get_meta(name)
		for table in meta.get_table_fields():
			fields = [
				df
				for df in frappe.get_meta(table.options).get_high_permlevel_fields()
				if df.fieldtype not in display_fieldtypes
			]
			if fields:
				out.append((name, table.fieldname, table.options, fields))
	return out


def creator_of(doctype):
	"""A user holding every role that may create the doctype (and nothing else)."""
	roles = sorted(
		{
			p.role
			for p in frappe.get_meta(doctype).permissions
			if p.create and not p.permlevel and p.role not in ("Administrator", "All", "Guest")
		}
	)
	email = make_user(f"childperm.{frappe.scrub(doctype)}@test.school", roles)
	return email, roles


class TestChildPermlevels(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")

	def test_every_app_doctype_resets_its_child_system_fields_on_insert(self):
		guarded = guarded_doctypes()
		self.assertGreaterEqual(len({g[0] for g in guarded}), 10, guarded)
		checked = 0
		for parent, fieldname, child, fields in guarded:
			user, roles = creator_of(parent)
			if not roles:
				continue  # nobody creates it over REST (e.g. responses made only by the app)
			frappe.set_user(user)
			doc = frappe.new_doc(parent)
			writable = set(doc.get_permlevel_access("write"))
			row = doc.append(fieldname, {df.fieldname: forged(df) for df in fields})
			reset_child_permlevels(doc)
			defaults = frappe.new_doc(child)
			if {df.fieldname for df in fields if df.permlevel not in writable} == {
				df.fieldname for df in data_fields(child)
			}:
				checked += 1
				self.assertEqual(doc.get(fieldname), [], f"{parent}.{fieldname}: a system-only row was kept")
				frappe.set_user("Administrator")
				continue
			for df in fields:
				if df.permlevel in writable:
					self.assertEqual(row.get(df.fieldname), forged(df), f"{child}.{df.fieldname}")
				else:
					checked += 1
					self.assertEqual(
						row.get(df.fieldname),
						defaults.get(df.fieldname),
						f"{parent}.{fieldname} ({child}.{df.fieldname}) kept a forged value for {roles}",
					)
			frappe.set_user("Administrator")
		self.assertGreater(checked, 30)

	def test_system_writes_administrator_and_other_apps_are_left_alone(self):
		parent, fieldname, _child, fields = next(g for g in guarded_doctypes() if g[0] == "Inspection Round")
		user, _roles = creator_of(parent)
		frappe.set_user(user)
		doc = frappe.new_doc(parent)
		row = doc.append(fieldname, {fields[0].fieldname: forged(fields[0])})
		doc.flags.ignore_permissions = True
		reset_child_permlevels(doc)
		self.assertEqual(row.get(fields[0].fieldname), forged(fields[0]))
		frappe.set_user("Administrator")
		doc.flags.ignore_permissions = False
		reset_child_permlevels(doc)
		self.assertEqual(row.get(fields[0].fieldname), forged(fields[0]))
		self.assertNotIn(frappe.get_meta("Sales Invoice").module, app_modules())

	def test_the_hook_is_wired_for_every_doctype(self):
		hooks = frappe.get_hooks("doc_events").get("*", {}).get("before_insert", [])
		self.assertIn("school_office.utils.child_permlevels.reset_child_permlevels", hooks)

	def test_end_to_end_a_new_supply_plan_cannot_bring_its_own_figures(self):
		"""Office staff insert a supply plan with the system's figures (on hand, proposed quantity) filled in:
		without the hook they were saved as sent (Supply Plan's controller computes them only on request)."""
		staff, roles = creator_of("Supply Plan")
		self.assertTrue(roles)
		warehouse = frappe.db.get_value("Warehouse", {"is_group": 0}, ["name", "company"], as_dict=True)
		item = frappe.db.get_value("Item", {"is_stock_item": 1}, "name")
		if not (warehouse and item):
			self.skipTest("no warehouse or stock item on this site")
		frappe.set_user(staff)
		doc = frappe.get_doc(
			{
				"doctype": "Supply Plan",
				"period": "2031-Q1",
				"company": warehouse.company,
				"warehouse": warehouse.name,
				"lines": [{"item_code": item, "proposed_qty": 999, "on_hand": 555, "final_qty": 3}],
			}
		).insert()
		stored = frappe.db.get_value(
			"Supply Plan Item", doc.lines[0].name, ["proposed_qty", "on_hand", "final_qty"], as_dict=True
		)
		self.assertEqual((stored.proposed_qty, stored.on_hand, stored.final_qty), (0, 0, 3))
