"""Portal page /satisfaction-survey: the semester satisfaction survey (SD-13), once per person.

Without ``?survey=`` it shows the open survey (or lists them when there are several); with it, that survey.
Answers go to ``school_office.service_desk.survey.submit_response``."""

import frappe
from frappe import _

from school_office.service_desk import survey

no_cache = 1


def get_context(context):
	survey.require_login_for("/satisfaction-survey")
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Satisfaction Survey")
	context.messages = {
		"missing": _("Please answer every question."),
		"failed": _("Your answers could not be sent. Please try again."),
		"sending": _("Sending…"),
	}
	name = frappe.form_dict.survey
	if not name:
		current = survey.open_surveys()
		if len(current) != 1:
			context.surveys = [{**s, "answered": survey.has_answered(s.name)} for s in current]
			return context
		name = current[0].name
	doc = survey.survey_for_page(name)
	if not doc:
		context.error = _("This survey does not exist or is not published.")
		return context
	state = survey.state_of(doc)
	known = survey.standard_texts()
	context.survey = {
		"name": doc.name,
		"title": doc.title,
		"semester": doc.semester,
		"intro": doc.intro,
		"closes_on": frappe.utils.formatdate(doc.closes_on) if doc.closes_on else "",
		"anonymous": doc.anonymous,
		"results_published": doc.results_published,
		"open_question": survey.shown(doc.open_question, known),
		"questions": [
			{
				"no": i,
				"question": survey.shown(q["question"], known),
				"choices": [
					{"value": c, "label": survey.shown(c, known)}
					for c in survey.rules.parse_choices(q["choices"])
				],
			}
			for i, q in enumerate(survey.questions_of(doc), 1)
		],
	}
	context.answered = survey.has_answered(doc.name)
	if state == "Not Yet Open":
		context.error = _("This survey opens on {0}.").format(frappe.utils.formatdate(doc.opens_on))
	elif state == "Closed":
		context.error = _("This survey is closed. Thank you for your interest.")
	return context
