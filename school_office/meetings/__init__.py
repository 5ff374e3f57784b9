"""Meetings (会务, issue #12): request and approval, notice lead times, room and setup, materials under 密级,
RSVP and QR sign-in, minutes on a clock, decisions tracked to done.

Reused from Frappe and ERPNext, and why:

- **Event** (Frappe desk calendar): the notice gives each attendee (or delegate) a Private Event they own,
  so the meeting shows in their own calendar; a delegation moves it.
- **ToDo**: each published decision is a ToDo for its owner; closing the ToDo marks the decision Done (a
  ToDo ``on_update`` hook) — the owner works from their usual ToDo list.
- **Notification Log** (the bell) and Frappe e-mail (``frappe.sendmail`` with the ICS invitation and the
  minutes PDF; skipped quietly without an outgoing account, school_office.utils.mail).
- **Print Format** "Meeting Minutes" (Jinja, wkhtmltopdf, fonts-noto-cjk for Chinese): the minutes PDF.
- **Venues** (this app): the room is a Venue Booking made through ``venues.api.request_booking`` and held
  with Venues' own lock-protected conflict decision (``venues.service.decide``); the free-room search is
  ``venues.api.free_venue_rows``; the ICS text uses ``venues.ics``.
- **Office Documents** (this app): 密级 levels and Document Clearance decide who sees a material.
- **School calendar** (utils.calendar): the minutes are due in working hours.
- **Auto Repeat** is enabled on Meeting (the monthly coordination meeting recurs from a template meeting).
- **ERPNext Project / Task** is linked from a decision (``Meeting Decision.project``); its progress shows on
  the meeting form.

Built here, because nothing in Frappe/ERPNext carries it: ERPNext's Quality Meeting has only an agenda and
minutes text — no approval by meeting type, notice lead time, room, attendees with RSVP and delegates,
materials with secret levels, sign-in, minutes deadlines or decision tracking. So: the Meeting doctype and
its children (Meeting Attendee, Meeting Agenda Item, Meeting Material, Meeting Setup Item, Meeting
Decision), Meeting Minutes (the draft only the chair, minute-taker and approver read), Meeting Settings;
the rules in school_office/core/meetings.py; the actions in doctype/meeting/meeting.py (each a
``doc_action``: the stored record, locked, the caller's permission and role); permissions.py; the phone
pages /meeting-rsvp and /meeting-sign-in.
"""
