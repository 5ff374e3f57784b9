# Copyright (c) 2026, school_office contributors
# License: MIT. See license.txt

from frappe.model.document import Document


class SatisfactionSurveyResponse(Document):
	pass
