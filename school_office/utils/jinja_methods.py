"""Methods exposed to Jinja (print formats, web templates) through hooks.jinja."""


def service_guide_categories(category: str | None = None) -> list[dict]:
	"""Published services grouped by category, for the Service Guide Handbook print format."""
	from school_office.utils.service_guide import guide_categories

	return guide_categories(category)


def rich_text(html: str | None) -> str:
	"""A Text Editor value for a template: sanitised HTML (Frappe's jinja does not autoescape, and a
	rich-text field must keep its markup, so templates print it through this and nothing else)."""
	from frappe.utils.html_utils import sanitize_html

	return sanitize_html(html or "")
