"""Office staff pick a Role in a notice's audience: "select" on Role (school_office.setup.permissions)."""


def execute():
	from school_office.setup.permissions import create_defaults

	create_defaults()
