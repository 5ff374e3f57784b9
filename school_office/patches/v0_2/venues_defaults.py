from school_office.venues.install import create_defaults


def execute():
	create_defaults()
