"""Gap-free sequences for registration numbers, 文号 and 件号.

Why not Frappe's naming series: it zero-pads (文号 must not be padded: 校办发〔2024〕12号) and it is
not tied to the transaction of the business step (a 文号 is taken only when a signed document is
registered; if that save fails, the number must come back). A row of Document Number Counter per
(type, code, period) is created or locked by ``INSERT ... ON DUPLICATE KEY UPDATE`` (which takes the
row's exclusive lock without the shared-lock/upgrade deadlock of ``INSERT IGNORE`` + ``FOR UPDATE``),
then read ``FOR UPDATE`` and bumped in the caller's transaction: concurrent registrations with the
same code queue on that row, and a rollback returns the number.
"""

import frappe
from frappe.utils import now

COUNTER_DOCTYPE = "Document Number Counter"


def counter_name(counter_type: str, code: str, period: str) -> str:
	return f"{counter_type}:{code}:{period}"


def next_number(counter_type: str, code: str, period: str) -> int:
	"""Take the next number of a sequence, in the current transaction (no commit here)."""
	name = counter_name(counter_type, code, period)
	ts = now()
	user = frappe.session.user if frappe.session else "Administrator"
	frappe.db.sql(
		"""INSERT INTO `tabDocument Number Counter`
			(name, counter_type, code, period, last_number, creation, modified, owner, modified_by, docstatus, idx)
		VALUES (%s, %s, %s, %s, 0, %s, %s, %s, %s, 0, 0)
		ON DUPLICATE KEY UPDATE name = name""",
		(name, counter_type, code, period, ts, ts, user, user),
	)
	current = frappe.db.sql(
		"SELECT last_number FROM `tabDocument Number Counter` WHERE name = %s FOR UPDATE", (name,)
	)[0][0]
	number = int(current or 0) + 1
	frappe.db.sql(
		"UPDATE `tabDocument Number Counter` SET last_number = %s, modified = %s, modified_by = %s WHERE name = %s",
		(number, ts, user, name),
	)
	return number


def current_number(counter_type: str, code: str, period: str) -> int:
	return int(
		frappe.db.get_value(COUNTER_DOCTYPE, counter_name(counter_type, code, period), "last_number") or 0
	)
