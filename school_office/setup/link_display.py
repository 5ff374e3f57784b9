"""Translated names of the ERPNext records the app's forms link to.

Frappe shows a link's value through the translation files when its doctype is a *translated doctype*
(link inputs, link search, list cells). The app's own doctypes say so in their JSON; for the ERPNext doctypes
whose records the app creates or its forms pick (Issue Priority: Urgent … Low; Department; Location: the
venues' buildings), a Property Setter ``translated_doctype = 1`` does the same, created once on install and by
the patch ``v0_3.translated_link_doctypes``, removed on uninstall. The names come from zh.csv.

ERPNext names a department ``<department name> - <company abbreviation>``, which no translation file can know;
so every department (ERPNext's defaults, the demo's, an administrator's new ones: a Department hook) gets a
Frappe *Translation* record (``Academic Affairs - DS`` → ``教务处 - DS``) from the zh of its department name,
created once (an administrator's own translation is kept) and removed on uninstall when still as made.
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
	translate_departments()
	frappe.clear_cache()


def remove_defaults():
	for doctype in TRANSLATED_DOCTYPES:
		frappe.db.delete(
			"Property Setter",
			{"doc_type": doctype, "property": "translated_doctype", "doctype_or_field": "DocType"},
		)
	remove_department_translations()
	frappe.clear_cache()


def _department_translations(names=None) -> list[tuple[str, str]]:
	"""(department docname, its zh name) for departments whose department name has a zh translation."""
	from frappe.translate import get_all_translations

	zh_names = get_all_translations("zh")
	filters = {"name": ("in", list(names))} if names else {}
	out = []
	for d in frappe.get_all("Department", filters=filters, fields=["name", "department_name"]):
		zh = zh_names.get(d.department_name) if d.department_name else None
		if zh and d.name != d.department_name and d.department_name in d.name:
			out.append((d.name, d.name.replace(d.department_name, zh, 1)))
	return out


def translate_departments(names=None):
	"""A zh Translation for each department's ERPNext name, unless one exists (an administrator's is kept)."""
	for docname, translated in _department_translations(names):
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


def on_department_insert(doc, method=None):
	"""Department.after_insert: a new department reads in zh as its department name does."""
	translate_departments([doc.name])


def remove_department_translations():
	for docname, translated in _department_translations():
		frappe.db.delete(
			"Translation", {"language": "zh", "source_text": docname, "translated_text": translated}
		)


def make_demo(ctx):
	"""zh names of the demo departments as ERPNext names them (with the company's abbreviation)."""
	translate_departments([d for d in (ctx.get("departments") or {}).values() if d])
