from school_office.service_desk.portal import feedback_context

no_cache = 1


def get_context(context):
	return feedback_context(context)
