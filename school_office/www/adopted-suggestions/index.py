"""Portal page /adopted-suggestions (CF-4): suggestions the office adopted and published, with what came of
them. Open to everyone, guests included: it shows only what the Office Manager wrote for publication (the
public summary and the result), the department and the date, never the requester or their own words."""

from frappe import _

from school_office.service_desk.feedback import published_suggestions

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Adopted Suggestions")
	context.suggestions = published_suggestions()
	return context
