"""Methods exposed to Jinja (print formats, web templates) through hooks.jinja."""


def service_guide_categories(category: str | None = None) -> list[dict]:
	"""Published services grouped by category, for the Service Guide Handbook print format."""
	from school_office.utils.service_guide import guide_categories

	return guide_categories(category)
