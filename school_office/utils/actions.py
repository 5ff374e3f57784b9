"""One way to act on a record: the stored record, locked, after the caller's permission and role.

Frappe's ``run_doc_method`` builds ``self`` from the JSON the client sends (it checks only
``modified`` and read permission), and a whitelisted function that takes a name is only as safe as
the checks it remembers to make. Every state-changing action of the app therefore goes through
this module:

- :func:`load_for_action` — module-level whitelisted functions: the record as stored, its row
  locked (``SELECT … FOR UPDATE``) so two people acting at once queue, the caller's ``ptype``
  permission on that record and their role for the step.
- :func:`doc_action` — the same for whitelisted Document methods: ``self`` is reloaded from the
  database (and locked) before the method runs, so state, approver or key fields a client put in
  ``docs`` never reach it.
- :func:`system_save` — saves what an action changed. Fields that only the system or a later step
  sets live at permlevel 1 (nobody writes them through the API) and secrets at permlevel 2 (nobody
  reads them); the action has checked the caller itself, so it saves with ``ignore_permissions``.

The meta tier (tests/meta/checks.py, ``check_whitelisted_permissions``) fails on a whitelisted
function that calls none of these (or another permission check).
"""

from __future__ import annotations

import functools
import secrets

import frappe
from frappe import _


def has_role(roles, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	return bool(set(roles) & set(frappe.get_roles(user)))


def require_roles(roles, message: str | None = None):
	"""Refuse (403) unless the session user has one of ``roles`` (None or empty: no role needed)."""
	if roles and not has_role(roles):
		frappe.throw(message or _("You are not permitted to do this."), frappe.PermissionError)


def lock(doctype: str, name: str):
	"""Lock the record's row for this transaction; refuse a record that does not exist."""
	if not name or not frappe.db.get_value(doctype, name, "name", for_update=True):
		frappe.throw(
			_("{0} {1} does not exist.").format(_(doctype), frappe.bold(name or "?")),
			frappe.DoesNotExistError,
		)


def load_for_action(
	doctype: str,
	name: str,
	ptype: str = "write",
	roles=None,
	message: str | None = None,
	for_update: bool = True,
):
	"""The stored record, locked, after checking the caller's role and ``ptype`` permission on it."""
	require_roles(roles, message)
	if for_update:
		lock(doctype, name)
	elif not name or not frappe.db.exists(doctype, name):
		frappe.throw(
			_("{0} {1} does not exist.").format(_(doctype), frappe.bold(name or "?")),
			frappe.DoesNotExistError,
		)
	doc = frappe.get_doc(doctype, name)
	if not doc.has_permission(ptype):
		frappe.throw(
			message or _("You are not permitted to act on {0} {1}.").format(_(doctype), doc.name),
			frappe.PermissionError,
		)
	return doc


def doc_action(roles=None, ptype: str = "write", message: str | None = None, methods=("POST",)):
	"""Decorator for a whitelisted Document method that changes state.

	Before the method runs, ``self`` is replaced by the stored record (row locked), and the caller
	must have ``ptype`` on it and one of ``roles``. The method then changes ``self`` and calls
	:func:`system_save`.
	"""

	def decorate(fn):
		@functools.wraps(fn)
		def wrapper(self, *args, **kwargs):
			request = getattr(frappe.local, "request", None)
			if request is not None and request.method not in methods:
				frappe.throw(_("Not permitted"), frappe.PermissionError)
			require_roles(roles, message)
			if self.is_new() or not self.name:
				frappe.throw(_("Save the document first."))
			lock(self.doctype, self.name)
			self.load_from_db()
			self._doc_before_save = None
			if not self.has_permission(ptype):
				frappe.throw(
					message
					or _("You are not permitted to act on {0} {1}.").format(_(self.doctype), self.name),
					frappe.PermissionError,
				)
			return fn(self, *args, **kwargs)

		wrapper.is_doc_action = True
		return frappe.whitelist(methods=list(methods))(wrapper)

	return decorate


def system_save(doc, **kwargs):
	"""Save what an action (already checked) changed, including system fields (permlevel ≥ 1)."""
	doc.flags.ignore_permissions = True
	return doc.save(**kwargs)


def keys_match(given, stored) -> bool:
	"""Compare a key or token from a link in constant time."""
	if not given or not stored:
		return False
	return secrets.compare_digest(str(given).encode(), str(stored).encode())
