def execute():
	"""School roles get "select" on the ERPNext doctypes the app's forms link to (Department, ...)."""
	from school_office.setup.permissions import create_defaults

	create_defaults()
