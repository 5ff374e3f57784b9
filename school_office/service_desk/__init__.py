"""Service Desk (SD-1..SD-14, CF-1..CF-4): the one-window desk, its portal, and its quality loop.

Reused from Frappe / ERPNext, and why:
- **Service Level Agreement** and **Holiday List** (ERPNext) — the response and resolution clocks on the
  school calendar (Service Request is non-submittable with a ``status``, as the SLA needs).
- **Assignment Rule** — routing inside a team: each team's rules (urgent, per area, general) are applied
  by ``routing.py`` through Frappe's own AssignmentRule code, narrowed to the members on duty (Service
  Roster).
- **Notification**, **Email Account** "append to" (e-mail intake) and **Email Template** (the standard
  replies and the automatic reply).
- **Quality Goal / Quality Review / Quality Action** (ERPNext Quality Management) — the KPI targets, the
  quarterly improvement review (filled with the quarter's figures and the survey's), and the analysis
  opened when the on-time rate falls below its threshold.
- **Script Report**, **Number Card**, **Dashboard Chart**, **Workspace** — KPIs, complaint analysis and
  the team load; **Auto Email Report** sends any of them on a schedule.

Built here because nothing in Frappe / ERPNext fits:
- **Service Request** / Type / Category / Team — ERPNext's Issue is shaped for customer support
  (customer, contract, project) and has no service guide, materials or application forms.
- **Service Audit** — a reproducible monthly sample with its checks; Quality Procedure has no sampling.
- **Service Roster** — weekly duty slots and temporary staff; HRMS shifts are about attendance, not
  routing, and HRMS is not required.
- **Satisfaction Survey / Response** — ERPNext's Quality Feedback rates a template's parameters for one
  Customer or User on the desk, with no open question, semester, dates or once-per-person rule.
- The portal pages (``www/``) — a Web Form cannot show materials per service, refuse a bad file before
  anything is saved, or keep one answer per person.

The rules that need no database (working time, routing scores, KPI definitions, sampling, survey scoring,
complaint grouping) are in ``school_office/core``.
"""
