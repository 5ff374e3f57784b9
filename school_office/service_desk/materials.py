"""Materials that are given in the form (SD-2, issue #9): a requester describes the fault, the event
plan or the problem in the request itself, so those mandatory materials need no file.

Service Type Material.given_in_form marks them. The seeded service types set it for the materials
below (at install, and by the patch v0_3.materials_given_in_form on existing sites); administrators
change it per service type. A request filed with a description (or with an application form)
receives those rows at once; the others still need their file on the portal or the office's tick.
"""

FORM_MATERIALS = frozenset(
	{
		"Leave application form",
		"Counsellor's signature",
		"Event plan (time, headcount, equipment)",
		"Signed safety commitment",
		"Meeting topic and attendees",
		"Location and description of the fault",
		"Description of the problem",
		"Description of the suggestion",
	}
)


def mark_seeded(service_type_doc) -> bool:
	"""Tick given_in_form on the seeded form materials of a service type; True when anything changed."""
	changed = False
	for row in service_type_doc.get("required_materials") or []:
		if row.material in FORM_MATERIALS and not row.given_in_form:
			row.given_in_form = 1
			changed = True
	return changed
