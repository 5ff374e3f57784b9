"""A roster import: the uploaded template and what it did (see school_office.campus_identity.roster)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from school_office.utils.actions import doc_action, system_save

IMPORT_ROLES = ("System Manager", "Office Manager")


class RosterImport(Document):
	def before_validate(self):
		if self.flags.in_insert or self.is_new():
			self.status = "Draft"

	def validate(self):
		if not self.import_file or not (self.is_new() or self.has_value_changed("import_file")):
			return
		files = frappe.get_all("File", filters={"file_url": self.import_file}, fields=["name", "is_private"])
		if not files:
			frappe.throw(_("Attach the roster file first."))
		if not any(f.is_private for f in files):
			frappe.throw(_("Attach the roster as a private file."))
		# checked before Frappe attaches the file to this record (after which the record's readers read
		# it): a file of somebody else's, named by its URL, is refused
		if not any(frappe.get_doc("File", f.name).has_permission("read") for f in files):
			frappe.throw(_("You cannot read the file {0}.").format(self.import_file), frappe.PermissionError)

	@doc_action(roles=IMPORT_ROLES, message=_("Only the Office Manager can import the roster."))
	def run_import(self):
		"""Import the attached roster (again: a second run updates the same users)."""
		from school_office.campus_identity.roster import import_table, read_table

		if not self.import_file:
			frappe.throw(_("Attach the roster file first."))
		result = import_table(read_table(self.import_file))
		self.created_users = result["created"]
		self.updated_users = result["updated"]
		self.unchanged_users = result["unchanged"]
		self.error_rows = result["errors"]
		self.import_log = "\n".join(result["messages"])
		self.status = "Imported" if not result["errors"] else "Imported with Errors"
		self.imported_by = frappe.session.user
		self.imported_on = now_datetime()
		system_save(self)
		return {k: v for k, v in result.items()}
