"""Portal page /survey-results: the published results of the satisfaction survey (SD-13), with bar charts
per question. Without ``?survey=`` it lists the surveys whose results are published. Before publication
only those who may read the survey (the office) see the figures; open answers are never shown here."""

import frappe
from frappe import _

from school_office.service_desk import survey

no_cache = 1


def get_context(context):
	survey.require_login_for("/survey-results")
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Survey Results")
	name = frappe.form_dict.survey
	if not name:
		context.surveys = frappe.get_all(
			survey.SURVEY,
			filters={"results_published": 1},
			fields=["name", "title", "semester", "response_count"],
			order_by="creation desc",
			ignore_permissions=True,  # published results are for every signed-in user
		)
		return context
	doc = frappe.get_doc(survey.SURVEY, name) if frappe.db.exists(survey.SURVEY, name) else None
	if not doc or not survey.can_read_results(doc):
		context.error = _("The results of this survey are not published.")
		return context
	context.results = survey.results_of(doc)
	context.preview = not doc.results_published
	return context
