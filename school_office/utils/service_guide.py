"""Service guide (办事指南, SD-9): the published catalogue as the portal and the print format show it."""

import frappe
from frappe import _
from frappe.utils import flt

GUIDE_ROUTE = "service-guide"


def _settings():
	return frappe.get_cached_doc("School Office Settings")


def format_time_limit(hours) -> str:
	hours = flt(hours)
	if not hours:
		return _("No fixed time limit")
	shown = int(hours) if hours == int(hours) else round(hours, 1)
	return _("{0} working hours").format(shown)


def _materials(service_names: list[str]) -> dict[str, list[dict]]:
	if not service_names:
		return {}
	rows = frappe.get_all(
		"Service Type Material",
		filters={"parenttype": "Service Type", "parent": ("in", service_names)},
		fields=["parent", "material", "is_mandatory", "given_in_form", "notes", "idx"],
		order_by="parent asc, idx asc",
	)
	out: dict[str, list[dict]] = {}
	for row in rows:
		out.setdefault(row.parent, []).append(row)
	return out


def published_services(category: str | None = None) -> list[dict]:
	filters = {"is_published": 1}
	if category:
		filters["service_category"] = category
	services = frappe.get_all(
		"Service Type",
		filters=filters,
		fields=[
			"name",
			"service_type_name",
			"service_category",
			"description",
			"steps",
			"time_limit_hours",
			"contact_person",
			"contact_phone",
			"location",
			"route",
			"is_complaint",
		],
		order_by="service_type_name asc",
	)
	materials = _materials([s.name for s in services])
	for s in services:
		s.materials = materials.get(s.name, [])
		s.time_limit_label = format_time_limit(s.time_limit_hours)
	return services


def guide_categories(category: str | None = None) -> list[dict]:
	"""Categories in sort order, each with its published services; empty categories are left out."""
	filters = {"name": category} if category else {}
	categories = frappe.get_all(
		"Service Category",
		filters=filters,
		fields=["name", "category_name", "description", "sort_order"],
		order_by="sort_order asc, category_name asc",
	)
	by_category: dict[str, list] = {}
	for s in published_services(category):
		by_category.setdefault(s.service_category, []).append(s)
	out = []
	for c in categories:
		if by_category.get(c.name):
			c.services = by_category[c.name]
			out.append(c)
	return out


def guide_context(context):
	settings = _settings()
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _(settings.guide_title or "Service Guide")
	context.settings = settings
	context.categories = guide_categories()
	context.metatags = {
		"description": _("Services of the school's general office: materials, time limits, contacts")
	}
	return context


def service_context(doc) -> dict:
	settings = _settings()
	materials = [m.as_dict() for m in doc.required_materials]
	category = (
		frappe.db.get_value("Service Category", doc.service_category, "category_name")
		if doc.service_category
		else None
	)
	return {
		"no_cache": 1,
		"show_sidebar": False,
		"title": _(doc.service_type_name),
		"settings": settings,
		"service": doc,
		"category_label": _(category) if category else "",
		"materials": materials,
		"time_limit_label": format_time_limit(doc.time_limit_hours),
		"parents": [{"route": GUIDE_ROUTE, "title": _(settings.guide_title or "Service Guide")}],
	}
