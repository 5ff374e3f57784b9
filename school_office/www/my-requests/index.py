from school_office.service_desk.portal import list_context

no_cache = 1


def get_context(context):
	return list_context(context)
