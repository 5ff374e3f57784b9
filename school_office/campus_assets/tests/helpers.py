"""Shared set-up of the Campus Assets bench tests: two departments with heads, an asset administrator, a
custodian, a technician, the Office Manager, and registered assets."""

import frappe
from frappe.utils import add_days, today

from school_office.campus_assets.install import create_defaults
from school_office.tests.fixtures import company, make_department, make_user

COMPANY = None
OM = "ca.manager@test.school"
AA = "ca.admin@test.school"
AA2 = "ca.admin2@test.school"
DH_A = "ca.head.a@test.school"
DH_B = "ca.head.b@test.school"
KEEPER = "ca.keeper@test.school"
TECH = "ca.tech@test.school"
STAFF = "ca.staff@test.school"
LOC_A, LOC_B, LOC_C = "CA Test Room A", "CA Test Room B", "CA Test Room C"


def make_employee(user, department):
	name = frappe.db.get_value("Employee", {"user_id": user})
	if name:
		frappe.db.set_value("Employee", name, "department", department)
		return name
	emp = frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": user.split("@")[0],
			"gender": frappe.db.get_value("Gender", {}) or "Male",
			"date_of_birth": "1985-01-01",
			"date_of_joining": "2015-09-01",
			"company": company(),
			"status": "Active",
			"department": department,
			"user_id": user,
		}
	)
	emp.insert(ignore_permissions=True)
	from school_office.utils.people import clear_employee_cache

	clear_employee_cache()
	return emp.name


def make_location(name):
	if not frappe.db.exists("Location", name):
		frappe.get_doc({"doctype": "Location", "location_name": name}).insert(ignore_permissions=True)
	return name


def setup_world():
	frappe.set_user("Administrator")
	create_defaults()
	ctx = frappe._dict()
	ctx.dept_a = make_department("CA Test Dept A")
	ctx.dept_b = make_department("CA Test Dept B")
	for loc in (LOC_A, LOC_B, LOC_C):
		make_location(loc)
	make_user(OM, ["Office Manager", "Office Staff"])
	make_user(AA, ["Asset Administrator"])
	make_user(AA2, ["Asset Administrator"])
	make_user(DH_A, ["Department Head"])
	make_user(DH_B, ["Department Head"])
	make_user(KEEPER, ["Employee"])
	make_user(TECH, ["Maintenance Technician"])
	make_user(STAFF, ["Office Staff"])
	make_employee(DH_A, ctx.dept_a)
	make_employee(DH_B, ctx.dept_b)
	ctx.keeper_emp = make_employee(KEEPER, ctx.dept_a)
	s = frappe.get_single("Campus Asset Settings")
	rows = {r.department: r for r in s.department_administrators}
	for dept, admin in ((ctx.dept_a, AA), (ctx.dept_b, AA2)):
		if dept in rows:
			rows[dept].asset_administrator = admin
		else:
			s.append("department_administrators", {"department": dept, "asset_administrator": admin})
	s.surplus_classification = "50102"
	s.flags.ignore_permissions = True
	s.save()
	frappe.clear_document_cache("Campus Asset Settings", "Campus Asset Settings")
	ctx.company = company()
	return ctx


def make_asset(
	ctx, name="CA Printer", classification="2010601", dept=None, location=LOC_A, submit=True, **kw
):
	doc = frappe.get_doc(
		{
			"doctype": "Asset",
			"asset_name": name,
			"asset_classification": classification,
			"company": ctx.company,
			"location": location,
			"department": dept or ctx.dept_a,
			"purchase_date": add_days(today(), -400),
			"available_for_use_date": add_days(today(), -400),
			"gross_purchase_amount": 2000,
			"purchase_amount": 2000,
			"is_existing_asset": 1,
			"calculate_depreciation": 0,
			**kw,
		}
	)
	doc.insert()
	if submit:
		doc.submit()
	return doc
