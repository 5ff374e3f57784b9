def execute():
	"""The venue booking workflow's refusal is "Decline" (驳回), no longer "Reject": Frappe's workflow
	buttons translate the action without a context, and "Reject" reads 退回修改 (the 公文 flow's
	send-back-for-revision), which misled staff whose booking then ended as 已驳回."""
	import frappe

	from school_office.venues.install import workflow_definition

	name = workflow_definition()["name"]
	if not frappe.db.exists("Workflow", name):
		return
	if not frappe.db.exists("Workflow Action Master", "Decline"):
		frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": "Decline"}).insert(
			ignore_permissions=True
		)
	frappe.db.sql(
		"""update `tabWorkflow Transition` set action = 'Decline'
		where parenttype = 'Workflow' and parent = %s and action = 'Reject' and next_state = 'Rejected'""",
		name,
	)
	frappe.clear_cache(doctype=frappe.db.get_value("Workflow", name, "document_type"))
