from school_office.utils.service_guide import guide_context

no_cache = 1


def get_context(context):
	return guide_context(context)
