"""ERPNext's Service Level Agreement, taught that Service Request carries the SLA fields itself.

ERPNext's ``ServiceLevelAgreement.before_insert`` adds its fields to the target doctype as Custom
Fields, and for a field that already exists it looks up a *Custom Field* of that fieldname (any
doctype) to reset it. Service Request declares those fields (priority, response_by,
first_responded_on, agreement_status, sla_resolution_by, ...) as standard fields, so the lookup
fails ("Custom Field {'fieldname': ...} not found") or would edit another doctype's field. This
subclass skips that step for doctypes that ship the fields; everything else is ERPNext's.
"""

from erpnext.support.doctype.service_level_agreement.service_level_agreement import ServiceLevelAgreement

DOCTYPES_WITH_SLA_FIELDS = ("Service Request",)


class SchoolOfficeServiceLevelAgreement(ServiceLevelAgreement):
	def before_insert(self):
		if self.document_type in DOCTYPES_WITH_SLA_FIELDS:
			return
		return super().before_insert()
