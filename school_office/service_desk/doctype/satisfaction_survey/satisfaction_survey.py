# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt
"""Semester satisfaction survey (SD-13); see school_office/service_desk/survey.py for the whole flow."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from school_office.core import survey as rules
from school_office.service_desk import survey


class SatisfactionSurvey(Document):
	def before_insert(self):
		# the standard questions in the language of whoever sets the survey up: the page shows them as
		# written (a question stored in English is still shown translated to zh users)
		if not self.questions:
			for q in survey.DEFAULT_QUESTIONS:
				self.append("questions", {"question": _(q)})
		if not self.open_question:
			self.open_question = _(survey.DEFAULT_OPEN_QUESTION)

	def validate(self):
		if self.opens_on and self.closes_on and getdate(self.closes_on) < getdate(self.opens_on):
			frappe.throw(_("The survey cannot close before it opens."), title=_("Invalid Dates"))
		problems = rules.check_questions(survey.questions_of(self))
		if problems:
			frappe.throw(
				"<br>".join(_(p[0]).format(*p[1:]) for p in problems),
				title=_("Please Check the Questions"),
			)
		if not self.is_new() and frappe.db.count(survey.RESPONSE, {"survey": self.name}):
			before = self.get_doc_before_save()
			if before and survey.questions_of(before) != survey.questions_of(self):
				frappe.throw(
					_("The questions cannot be changed once the survey has responses."),
					title=_("Survey Already Answered"),
				)
		self.status = survey.state_of(self)
		if not self.is_new():
			self.response_count = frappe.db.count(survey.RESPONSE, {"survey": self.name})

	def on_trash(self):
		if frappe.db.count(survey.RESPONSE, {"survey": self.name}):
			frappe.throw(
				_("A survey with responses cannot be deleted; unpublish it instead."),
				title=_("Survey Already Answered"),
			)
