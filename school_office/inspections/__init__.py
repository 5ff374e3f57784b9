"""Inspections (IN-1, IN-2): daily patrol rounds and monthly joint inspections, their findings'
rectification, and contractor credit points.

Reused from Frappe / ERPNext, and why:
- **Service Request** (the service desk) is the rectification task: a finding becomes a request of the
  service type *Inspection Rectification* (Inspection Settings, created once), so it is routed to the
  team by the team's Assignment Rules, runs on the SLA and working calendar, shows in the desk's queues
  and in the service desk KPIs, and is resolved with the usual actions. Its resolution marks the finding
  rectified; the inspector verifies (accepts, or reopens the request).
- **Supplier** is the contractor, and **Supplier Scorecard** shows their credit: the app adds Supplier
  Scorecard Variables whose ``path`` points to ``school_office.inspections.scorecard`` (findings,
  late rectifications, points lost in the scorecard period) and a criteria *Inspection Credit*
  (``100 - {inspection_points_lost}``) that an administrator adds to a contractor's scorecard.
- **Location** (ERPNext) for the area inspected, **Department** for the responsible department,
  **Attach Image** fields for a finding's photo (taken with the phone's camera from the form),
  **Script Report** for the monthly rates.

Built here because nothing in Frappe / ERPNext fits: the checklist templates (Inspection Template), the
round with its per-item results and findings (Inspection Round, submittable so the record is frozen
once handed in), the rate definitions (``school_office/core/inspections.py``) and the settings.
"""
