def execute():
	from school_office.office_documents.install import create_defaults

	create_defaults()
