from school_office.portal_home import home_context

no_cache = 1


def get_context(context):
	return home_context(context)
