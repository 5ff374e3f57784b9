from school_office.service_desk.portal import new_request_context

no_cache = 1


def get_context(context):
	return new_request_context(context)
