def execute():
	"""Issue priorities, departments and locations shown by their translated names (translated_doctype)."""
	from school_office.setup.link_display import create_defaults

	create_defaults()
