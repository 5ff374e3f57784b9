from school_office.venues.install import create_class_periods


def execute():
	create_class_periods()
