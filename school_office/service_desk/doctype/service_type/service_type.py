# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

"""A service of the one-window desk (SD-9), published as a page of the service guide."""

import frappe
from frappe import _
from frappe.website.website_generator import WebsiteGenerator

from school_office.core.slug import slugify

GUIDE_ROUTE = "service-guide"


class ServiceType(WebsiteGenerator):
	website = frappe._dict(
		condition_field="is_published",
		page_title_field="service_type_name",
		no_cache=1,
	)

	def autoname(self):
		# WebsiteGenerator would name the document after its slug; keep the service name.
		self.name = (self.service_type_name or "").strip()

	def validate(self):
		if not self.route:
			self.route = self.make_route()
		self.route = self.route.strip("/")
		if not self.route.startswith(GUIDE_ROUTE + "/"):
			frappe.throw(
				_("The route must start with {0}, for example {1}.").format(
					f"{GUIDE_ROUTE}/", f"{GUIDE_ROUTE}/{slugify(self.service_type_name, 'service')}"
				),
				title=_("Invalid Route"),
			)
		if (self.time_limit_hours or 0) < 0:
			frappe.throw(_("The time limit cannot be negative."))
		self.validate_materials()

	def make_route(self):
		base = f"{GUIDE_ROUTE}/{slugify(self.service_type_name, 'service')}"
		route, n = base, 1
		while frappe.db.exists("Service Type", {"route": route, "name": ("!=", self.name or "")}):
			n += 1
			route = f"{base}-{n}"
		return route

	def validate_materials(self):
		seen = set()
		for row in self.required_materials:
			key = (row.material or "").strip().lower()
			if key in seen:
				frappe.throw(_("Row {0}: the material {1} is listed twice.").format(row.idx, row.material))
			seen.add(key)

	def get_context(self, context):
		from school_office.utils.service_guide import service_context

		context.update(service_context(self))
		return context
