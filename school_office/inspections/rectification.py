"""Rectification of inspection findings (IN-2).

- ``create_rectifications`` (on submit of a round): each finding becomes a Service Request of the
  rectification service type (Inspection Settings) — subject, area, responsible department, priority by
  severity, the round as its reference — accepted at once and routed to the type's team as usual.
- ``on_request_update`` (on_update of Service Request): when such a request is resolved or closed, its
  finding is *Rectified* (time, late or not against ``due_by``); reopened, it is *Open* again.
- ``verify`` (whitelisted): the round's inspector (or the Office Manager) accepts the rectification
  (finding *Verified*, the request closed) or rejects it (the request goes back to In Progress with the
  reason as a comment).
"""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from school_office.core import inspections as rules
from school_office.utils.actions import load_for_action, lock, system_save

ROUND = "Inspection Round"
FINDING = "Inspection Finding"
VERIFY_ROLES = ("Office Manager", "Office Staff", "Maintenance Technician", "System Manager")


def settings():
	return frappe.get_cached_doc("Inspection Settings")


def default_due_by(round_date, severity):
	from school_office.utils.calendar import get_work_calendar

	s = settings()
	days = {
		"Minor": s.minor_due_days or 5,
		"Major": s.major_due_days or 2,
		"Critical": s.critical_due_days or 1,
	}
	# counted from the working day after the round (a Friday's critical finding is due on Monday)
	start = frappe.utils.get_datetime(getdate(round_date)).replace(hour=23, minute=59)
	return get_work_calendar().add_working_days(start, rules.due_days(severity or "Minor", days)).date()


def rectification_type() -> str:
	stype = settings().rectification_service_type
	if not stype or not frappe.db.exists("Service Type", stype):
		frappe.throw(
			_("Set the Rectification Service Type in Inspection Settings first."),
			title=_("Inspection Settings"),
		)
	return stype


def create_rectifications(round_doc):
	stype = rectification_type()
	open_count = 0
	for f in round_doc.findings:
		if f.rectification:
			continue
		who = f.responsible_department or f.contractor
		description = _(
			"Finding of the {0} {1} on {2} ({3}): {4}. Responsible: {5}. Rectify by {6}; the inspector verifies."
		).format(
			_(round_doc.round_type),
			round_doc.name,
			frappe.utils.formatdate(round_doc.round_date),
			round_doc.area or round_doc.location or "",
			f.description,
			who,
			frappe.utils.formatdate(f.due_by),
		)
		req = frappe.get_doc(
			{
				"doctype": "Service Request",
				"subject": (_("Rectification: {0}").format(f.description or ""))[:140],
				"service_type": stype,
				"description": frappe.utils.escape_html(description),
				"area": round_doc.area,
				"department": f.responsible_department,
				"responsible_department": f.responsible_department,
				"priority": rules.PRIORITY_OF_SEVERITY.get(f.severity, "Medium"),
				"reference_doctype": ROUND,
				"reference_name": round_doc.name,
				"requester": round_doc.inspector,
				"status": "Accepted",
			}
		)
		req.flags.ignore_permissions = True
		req.flags.ignore_mandatory = True
		req.insert()
		frappe.db.set_value(
			FINDING,
			f.name,
			{"rectification": req.name, "rectification_status": "Open"},
			update_modified=False,
		)
		f.rectification, f.rectification_status = req.name, "Open"
		open_count += 1
	frappe.db.set_value(ROUND, round_doc.name, "open_findings", open_count, update_modified=False)


def _finding_of(request_name):
	return frappe.db.get_value(
		FINDING,
		{"rectification": request_name, "parenttype": ROUND},
		["name", "parent", "due_by", "rectification_status"],
		as_dict=True,
	)


def update_open_count(round_name):
	count = frappe.db.count(
		FINDING,
		{"parent": round_name, "parenttype": ROUND, "rectification_status": ("in", ["Open", "Rectified"])},
	)
	frappe.db.set_value(ROUND, round_name, "open_findings", count, update_modified=False)


def on_request_update(doc, method=None):
	"""on_update of Service Request: keep its finding's rectification status in step."""
	if doc.reference_doctype != ROUND or not doc.reference_name:
		return
	finding = _finding_of(doc.name)
	if not finding or finding.rectification_status == "Verified":
		return
	if doc.status in ("Resolved", "Closed") and finding.rectification_status != "Rectified":
		done = doc.resolved_on or now_datetime()
		frappe.db.set_value(
			FINDING,
			finding.name,
			{
				"rectification_status": "Rectified",
				"rectified_on": done,
				"is_late": int(rules.is_late(getdate(finding.due_by), getdate(done), getdate())),
			},
			update_modified=False,
		)
	elif doc.status not in ("Resolved", "Closed") and finding.rectification_status == "Rectified":
		frappe.db.set_value(
			FINDING,
			finding.name,
			{"rectification_status": "Open", "rectified_on": None},
			update_modified=False,
		)
	update_open_count(finding.parent)


@frappe.whitelist(methods=["POST"])
def verify(finding: str, accepted=1, note: str | None = None):
	"""The inspector's verification of a rectified finding: accept (Verified, request closed) or reject
	(request back to In Progress, the reason noted)."""
	parent = frappe.db.get_value(FINDING, {"name": finding, "parenttype": ROUND}, "parent")
	if not parent:
		frappe.throw(_("Finding {0} does not exist.").format(finding), frappe.DoesNotExistError)
	round_doc = load_for_action(
		ROUND, parent, "read", roles=VERIFY_ROLES, message=_("Only the inspector verifies a rectification.")
	)
	user = frappe.session.user
	if user != round_doc.inspector and not frappe.db.exists(
		"Has Role", {"parent": user, "role": "Office Manager", "parenttype": "User"}
	):
		frappe.throw(_("Only the round's inspector or the Office Manager verifies."), frappe.PermissionError)
	row = next((f for f in round_doc.findings if f.name == finding), None)
	if row.rectification_status != "Rectified":
		frappe.throw(
			_("Only a rectified finding can be verified (this one is {0}).").format(
				_(row.rectification_status or "Open")
			),
			title=_("Not Rectified"),
		)
	accepted = frappe.utils.cint(accepted)
	lock("Service Request", row.rectification)
	request = frappe.get_doc("Service Request", row.rectification)
	if accepted:
		frappe.db.set_value(
			FINDING,
			row.name,
			{"rectification_status": "Verified", "verified_by": user, "verified_on": now_datetime()},
			update_modified=False,
		)
		if request.status != "Closed":
			request.status = "Closed"
			request.outcome = request.outcome or "Solved"
			system_save(request)
		request.add_comment("Info", _("Rectification verified by the inspector."))
	else:
		if not (note or "").strip():
			frappe.throw(_("Say what is still to be rectified."), title=_("Reason Required"))
		request.status = "In Progress"
		system_save(request)  # on_request_update puts the finding back to Open
		request.add_comment(
			"Info", _("Rectification not accepted by the inspector: {0}").format(note.strip())
		)
	update_open_count(round_doc.name)
	return {
		"finding": row.name,
		"rectification_status": frappe.db.get_value(FINDING, row.name, "rectification_status"),
		"request_status": frappe.db.get_value("Service Request", request.name, "status"),
	}
