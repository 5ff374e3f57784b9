"""Every department (ERPNext's defaults too) reads in zh: a Translation of its ERPNext name."""


def execute():
	from school_office.setup.link_display import translate_departments

	translate_departments()
