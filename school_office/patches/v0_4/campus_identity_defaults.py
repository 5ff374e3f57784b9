def execute():
	"""Sign-in by number (System Settings: login with username) and the roster's User field, once."""
	from school_office.campus_identity.install import create_defaults

	create_defaults()
