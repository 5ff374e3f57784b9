"""Routing inside a team (SD-4) with Frappe's Assignment Rule.

Each Service Team owns a few Assignment Rules on Service Request, rebuilt whenever the team is
saved (they are derived from the team, so the team form is where an administrator edits them):

- "<team>: urgent" (priority 30) — Urgent requests go to the team's Senior and Expert members;
- "<team>: <area>" (priority 20) — requests whose area matches go to the members covering it;
- "<team>" (priority 10) — every other request of the team goes to all its members.

With a Service Roster (SD-14), each rule is narrowed to the members on duty at the time (temporary
staff on duty join the team's general rule); a rule none of whose members is on duty is skipped; when
nobody of the team is on duty, the rules assign as without a roster.

The highest-priority rule whose condition holds assigns, with the team's method (Round Robin
or Load Balancing), through Frappe's own AssignmentRule code; the assignment is closed when the
request is done. The rules are kept *disabled*: Frappe would otherwise evaluate every rule's
condition on every save of every request (about 9 ms per save with four teams), while routing
needs them once per request.

Routing runs in the background: the rules hold only once ``routed_on`` is set, so saving a
request (desk, portal, REST, e-mail) does not wait for the assignment, its ToDo and the e-mails
to the team and the assignee. School Office Settings' *Route New Requests* chooses when:
"Every Minute" (default) routes all new requests in one scheduled job each minute, which keeps
bursts of requests light; "Right After Saving" queues one job per request right after its
commit (assigned within seconds). The escalation job also routes anything left unrouted.
"""

import json

import frappe

DOCTYPE = "Service Request"
MARK = "[school_office team]"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CLOSE_CONDITION = 'status in ("Resolved", "Closed", "Rejected", "Referred")'


def _q(value: str) -> str:
	return json.dumps(value, ensure_ascii=False)


def _areas(text: str | None) -> list[str]:
	return [a.strip() for a in (text or "").replace("，", ",").replace("、", ",").split(",") if a.strip()]


def planned_rules(team) -> list[dict]:
	members = [m for m in team.members if m.user]
	if not members:
		return []
	base = f"routed_on and service_team == {_q(team.name)}"
	rules = []
	senior = [m.user for m in members if m.skill_level in ("Senior", "Expert")]
	if senior:
		rules.append(
			{
				"name": f"{team.name}: urgent",
				"priority": 30,
				"condition": f'{base} and priority == "Urgent"',
				"users": senior,
			}
		)
	by_area: dict[str, list[str]] = {}
	for m in members:
		for area in _areas(m.areas):
			by_area.setdefault(area, []).append(m.user)
	for area, users in sorted(by_area.items()):
		cond = f"{base} and {_q(area.lower())} in (area or '').lower()"
		rules.append(
			{"name": f"{team.name}: {area}"[:140], "priority": 20, "condition": cond, "users": users}
		)
	rules.append({"name": team.name, "priority": 10, "condition": base, "users": [m.user for m in members]})
	return rules


def _like(text: str) -> str:
	"""``text`` as a literal inside a LIKE pattern (team names may hold % or _)."""
	return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _team_rule_names(team_name: str) -> list[str]:
	"""The team's rules, highest priority first."""
	return frappe.get_all(
		"Assignment Rule",
		filters={"document_type": DOCTYPE},
		or_filters=[
			["description", "like", f"%{MARK} {_like(team_name)} -->%"],
			["description", "like", f"{MARK} {_like(team_name)}:%"],  # written by earlier versions
		],
		order_by="priority desc",
		pluck="name",
	)


# A team's rule is named after the team ("Maintenance", "Maintenance: urgent", ...). When an Assignment
# Rule of that name already exists and is not the team's (an administrator's own rule, or another
# team's), the team's rule takes this suffix instead; the other rule is never changed.
CLASH_SUFFIX = " [School Office]"


def clash_free_name(planned: str) -> str:
	return planned[: 140 - len(CLASH_SUFFIX)] + CLASH_SUFFIX


def _rule_name(planned: str, owned: set[str]) -> str | None:
	"""The name of the team's rule for ``planned``: its existing rule, else a name nobody else uses."""
	alternative = clash_free_name(planned)
	for name in (planned, alternative):
		if name in owned:
			return name
	for name in (planned, alternative):
		if not frappe.db.exists("Assignment Rule", name):
			return name
	return None


def sync_team_rules(team, method=None):
	"""Create, update or remove the team's Assignment Rules to match its members.

	Only the team's own rules (marked in their description) are changed or removed; an Assignment Rule
	of another origin that bears a planned name is left as it is (see CLASH_SUFFIX)."""
	owned = set(_team_rule_names(team.name))
	wanted = {}
	for r in planned_rules(team):
		name = _rule_name(r["name"], owned)
		if name is None:
			frappe.log_error(
				title=f"Service team {team.name}: assignment rule {r['name']} not created",
				message=f"Assignment Rules {r['name']!r} and {clash_free_name(r['name'])!r} already exist "
				"and are not the team's; rename one of them and save the team again.",
				reference_doctype="Service Team",
				reference_name=team.name,
			)
			continue
		wanted[name] = r
	for name in owned:
		if name not in wanted:
			frappe.delete_doc("Assignment Rule", name, ignore_permissions=True, force=True)
	for name, r in wanted.items():
		doc = frappe.get_doc("Assignment Rule", name) if name in owned else frappe.new_doc("Assignment Rule")
		if doc.is_new():
			doc.name = name
			doc.set("__newname", name)
		doc.update(
			{
				"document_type": DOCTYPE,
				"priority": r["priority"],
				# rendered as the assignee's ToDo text; the comment marks the rule as the team's
				"description": f"{{{{ name }}}}: {{{{ subject }}}}<!-- {MARK} {team.name} -->",
				"assign_condition": r["condition"],
				"close_condition": CLOSE_CONDITION,
				"rule": team.assignment_method or "Round Robin",
				"disabled": 1,  # applied by route_request, not on every save
			}
		)
		doc.set("users", [{"user": u} for u in r["users"]])
		if not doc.assignment_days:
			doc.set("assignment_days", [{"day": d} for d in WEEKDAYS])
		doc.flags.ignore_permissions = True
		if doc.is_new():
			doc.insert(set_name=name)
		else:
			doc.save()


def remove_team_rules(team, method=None):
	for name in _team_rule_names(team.name):
		frappe.delete_doc("Assignment Rule", name, ignore_permissions=True, force=True)


def rename_team_rules(team, method=None, old=None, new=None, merge=False):
	"""after_rename of Service Team: the rules are keyed by the team's name (their names, their condition
	``service_team == "<team>"`` and their mark), so the old name's rules go and the new name's are made;
	requests of the team (whose links Frappe renamed) are routed by them again."""
	if old and old != team.name:
		for name in _team_rule_names(old):
			frappe.delete_doc("Assignment Rule", name, ignore_permissions=True, force=True)
	sync_team_rules(frappe.get_doc("Service Team", team.name))


def assign_by_team_rules(doc) -> bool:
	"""Apply the team's rules, highest priority first; True when one assigned the request."""
	if not doc.service_team:
		return False
	from school_office.service_desk.roster import narrow_rule, on_duty

	values = doc.as_dict()
	duty = on_duty(doc.service_team)  # None: the team has no roster
	if duty is not None and not (duty.members or duty.temporary):
		duty = None  # nobody on duty: every member, as without a roster
	for name in _team_rule_names(doc.service_team):
		rule = frappe.get_doc("Assignment Rule", name)
		if duty is not None and not narrow_rule(rule, duty):
			continue  # none of this rule's members is on duty
		if rule.apply_assign(values):
			return True
	return False


def enqueue_routing(doc, method=None):
	"""after_insert of Service Request: queue its routing when routing runs right after saving."""
	mode = frappe.db.get_single_value("School Office Settings", "routing_mode") or "Every Minute"
	if mode != "Right After Saving" and not frappe.flags.in_test:
		return
	frappe.enqueue(
		"school_office.service_desk.routing.route_request",
		queue="short",
		name=doc.name,
		enqueue_after_commit=True,
		now=bool(frappe.flags.in_test),
	)


def route_request(name: str):
	"""Route a saved request: mark it routed, let the team's Assignment Rules assign it, and run
	the "Service Request New" notification to the team (a Notification on the method on_routed).

	No save of the request: its modified timestamp stays, so a form open on it is not stale.
	"""
	from frappe.automation.doctype.assignment_rule.assignment_rule import apply
	from frappe.desk.form.assign_to import get as get_assignments
	from frappe.utils import now_datetime

	row = frappe.db.get_value(DOCTYPE, name, ["routed_on"], as_dict=True, for_update=True)
	if not row or row.routed_on:
		return
	now = now_datetime()
	doc = frappe.get_doc(DOCTYPE, name)
	doc.team_emails = doc.get_team_emails()
	doc.routed_on = now
	frappe.db.set_value(
		DOCTYPE, name, {"routed_on": now, "team_emails": doc.team_emails}, update_modified=False
	)
	if not get_assignments({"doctype": DOCTYPE, "name": name}) and not assign_by_team_rules(doc):
		apply(doc)  # an administrator's own enabled rules, if any
	doc.run_method("on_routed")


def route_new_requests():
	"""Scheduled every minute: route the requests saved since the last run."""
	route_unrouted(older_than_seconds=0)


def route_unrouted(older_than_seconds: int = 60):
	from frappe.utils import add_to_date, now_datetime

	cutoff = add_to_date(now_datetime(), seconds=-older_than_seconds)
	for name in frappe.get_all(
		DOCTYPE,
		filters={
			"routed_on": ("is", "not set"),
			"creation": ("<=", cutoff),
			"status": ("in", ["Open", "Accepted", "In Progress"]),
		},
		pluck="name",
	):
		try:
			route_request(name)
			if not frappe.flags.in_test:
				frappe.db.commit()
		except Exception:
			if frappe.flags.in_test:
				raise
			frappe.db.rollback()
			frappe.log_error(title=f"Routing of service request {name} failed")
