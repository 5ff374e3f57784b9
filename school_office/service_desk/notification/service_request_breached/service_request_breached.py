def get_context(context):
	# the message uses doc and frappe only
	pass
