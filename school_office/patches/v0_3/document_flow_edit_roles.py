def execute():
	"""Official Document Flow: the office head edits the form at Registered (review opinion), the clerk at Draft
	(receipt) and Reviewed (routing rows)."""
	from school_office.office_documents.install import update_workflow_edit_roles

	update_workflow_edit_roles()
