"""Translated names of the ERPNext records the app's forms link to.

Frappe shows a link's value through the translation files when its doctype is a *translated doctype*
(link inputs, link search, list cells). The app's own doctypes say so in their JSON; for the ERPNext doctypes
whose records the app creates or its forms pick (Issue Priority: Urgent … Low; Department; Location: the
venues' buildings), a Property Setter ``translated_doctype = 1`` does the same, created once on install and by
the patch ``v0_3.translated_link_doctypes``, removed on uninstall. The names come from zh.csv.

ERPNext names a department ``<department name> - <company abbreviation>``, which no translation file can know;
the demo adds a Frappe *Translation* record per demo department (``Academic Affairs - DS`` → ``教务处 - DS``) from
the zh of its department name (removed on uninstall).
"""

import frappe

TRANSLATED_DOCTYPES = ("Issue Priority", "Department", "Location")


def create_defaults():
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	for doctype in TRANSLATED_DOCTYPES:
		if not frappe.db.exists("DocType", doctype):
			continue
		if frappe.db.exists(
			"Property Setter",
			{"doc_type": doctype, "property": "translated_doctype", "doctype_or_field": "DocType"},
		):
			continue  # created before, or an administrator's choice: kept
		make_property_setter(
			doctype,
			None,
			"translated_doctype",
			1,
			"Check",
			for_doctype=True,
			validate_fields_for_doctype=False,
		)
	frappe.clear_cache()


def remove_defaults():
	for doctype in TRANSLATED_DOCTYPES:
		frappe.db.delete(
			"Property Setter",
			{"doc_type": doctype, "property": "translated_doctype", "doctype_or_field": "DocType"},
		)
	from school_office.setup.demo_data import DEPARTMENTS

	for docname in frappe.get_all("Department", {"department_name": ("in", DEPARTMENTS)}, pluck="name"):
		if docname not in DEPARTMENTS:
			frappe.db.delete("Translation", {"language": "zh", "source_text": docname})
	frappe.clear_cache()


def make_demo(ctx):
	"""zh names of the demo departments as ERPNext names them (with the company's abbreviation)."""
	from frappe.translate import get_all_translations

	zh_names = get_all_translations("zh")
	for dept_name, docname in (ctx.get("departments") or {}).items():
		zh = zh_names.get(dept_name) if dept_name else None
		if not zh or not docname or docname == dept_name:
			continue
		translated = docname.replace(dept_name, zh, 1)
		if frappe.db.exists("Translation", {"language": "zh", "source_text": docname}):
			continue
		frappe.get_doc(
			{
				"doctype": "Translation",
				"language": "zh",
				"source_text": docname,
				"translated_text": translated,
			}
		).insert(ignore_permissions=True)
