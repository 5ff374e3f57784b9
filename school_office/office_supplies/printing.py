"""SU-6: print quotas and the print room's queue.

- A Print Job's pages × copies are charged to its department's Print Quota of the day (a Month quota
  before a Term quota when both cover it; no quota: not limited), black-and-white and colour apart.
- Colour needs the department head's approval; a job over the quota is refused with the pages left,
  unless the requester asks for approval, which is then the Office Manager's.
- A job enters the queue (Submitted, or Approved after approval) with a due time of *Print Job Due In*
  working minutes on the school calendar (urgent jobs: *Urgent Print Job Due In*); the queue is ordered
  by the urgent lane first, then the earliest due (``queue_order``, the list view's sort and the
  *Print Room Queue* report).
- The quota row is locked while a job is charged, and the charge is one ``UPDATE … SET used = used + n``,
  so two jobs at once cannot both take the last pages.
"""

from __future__ import annotations

from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate, now_datetime

from school_office.core.supplies import queue_key, quota_pages

STAFF = ("Office Manager", "Office Staff", "System Manager")
QUEUE_STATUSES = ("Submitted", "Approved", "In Progress")


def find_quota(department: str, on_date=None):
	"""The Print Quota covering the date (locked FOR UPDATE), as a dict, or None."""
	on_date = getdate(on_date or now_datetime())
	rows = frappe.db.sql(
		"""select name, period, bw_pages, colour_pages, used_bw, used_colour from `tabPrint Quota`
		where department = %s and from_date <= %s and to_date >= %s
		order by datediff(to_date, from_date) asc, name asc limit 1 for update""",
		(department, on_date, on_date),
		as_dict=True,
	)
	return rows[0] if rows else None


def quota_state(job, quota) -> tuple[int | None, int]:
	"""(allowed, used) of the job's colour in the quota; allowed None: no quota."""
	if not quota:
		return None, 0
	if job.colour == "Colour":
		return int(quota.colour_pages or 0), int(quota.used_colour or 0)
	return int(quota.bw_pages or 0), int(quota.used_bw or 0)


def charge(job):
	"""Charge the job's pages to its quota (atomic increment); remembered on the job."""
	if not job.print_quota or not job.quota_pages:
		return
	column = "used_colour" if job.colour == "Colour" else "used_bw"
	frappe.db.sql(
		f"update `tabPrint Quota` set `{column}` = `{column}` + %s, modified = %s where name = %s",
		(int(job.quota_pages), now_datetime(), job.print_quota),
	)


def due_minutes(urgent: bool) -> int:
	s = frappe.get_cached_doc("Office Supplies Settings")
	if urgent:
		return int(s.urgent_print_due_minutes or s.print_due_minutes or 30)
	return int(s.print_due_minutes or 30)


def set_queue(job, moment=None):
	"""The job enters the queue: due after the working minutes of the school calendar."""
	from school_office.utils.calendar import get_work_calendar

	moment = get_datetime(moment or now_datetime())
	job.queued_on = moment
	job.due_by = get_work_calendar().add_working_time(moment, timedelta(minutes=due_minutes(job.urgent)))
	job.queue_order = queue_key(bool(job.urgent), job.due_by)


def job_pages(job) -> int:
	try:
		return quota_pages(job.pages, job.copies)
	except ValueError:
		frappe.throw(_("Pages and copies must be at least 1."))
