"""The students' and teachers' home on the portal (/office): one place that leads to every portal page.

After login a portal user (a Website User, no desk) lands here (hooks `get_website_user_home_page`), and
the portal menu links here (hooks `portal_menu_items`). Each module adds its portal pages to
PORTAL_PAGES below — a plain list, in the order the page shows them:

	route        the page (with a leading slash)
	title        shown on the card; a literal English string, translated when shown
	description  one line under the title (translated)
	icon         a Frappe icon name (the website's SVG sprite, e.g. "calendar", "list"), optional
	count        dotted path of a function(user) -> int shown as a badge, e.g. open requests (optional)
	count_label  the badge's words, with {0} for the number (translated; default: the number alone)
	condition    dotted path of a function(user) -> bool; the card is shown only when it is true (optional)

Later modules (meetings, assets, supplies, notices, inspections) append their pages here.
"""

from urllib.parse import quote

import frappe
from frappe import _

PORTAL_HOME_ROUTE = "office"

PORTAL_PAGES = [
	{
		"route": "/service-guide",
		"title": "Service Guide",
		"description": "What the office does for you: materials, time limits, contacts and steps",
		"icon": "education",
	},
	{
		"route": "/service-request",
		"title": "New Service Request",
		"description": "Apply for a service or report a problem, with your materials",
		"icon": "edit",
	},
	{
		"route": "/my-requests",
		"title": "My Requests",
		"description": "Follow your requests, answer the office and rate the service",
		"icon": "list",
		"count": "school_office.portal_home.open_request_count",
		"count_label": "{0} in progress",
	},
	{
		"route": "/venue-booking",
		"title": "Book a Venue",
		"description": "Find a free room or hall, apply for it and check in",
		"icon": "calendar",
		"count": "school_office.portal_home.upcoming_booking_count",
		"count_label": "{0} upcoming",
	},
	{
		"route": "/print-request",
		"title": "Print Request",
		"description": "Send a file to the print room and follow your print jobs",
		"icon": "printer",
		"count": "school_office.office_supplies.api.open_print_job_count",
		"count_label": "{0} in progress",
	},
	{
		"route": "/supplies-pickup",
		"title": "Pick Up Supplies",
		"description": "Ask for office supplies and collect them at the desk in your slot",
		"icon": "stock",
		"condition": "school_office.office_supplies.api.has_department",
	},
	{
		"route": "/notices",
		"title": "Notices",
		"description": "The school's notices for you; confirm receipt where you are asked to",
		"icon": "notification",
		"count": "school_office.notices.api.pending_acknowledgement_count",
		"count_label": "{0} to confirm",
	},
	{
		"route": "/meeting-rsvp",
		"title": "My Meetings",
		"description": "Meetings you are invited to: answer the notice, send a delegate, sign in at the door",
		"icon": "users",
		"count": "school_office.meetings.api.upcoming_meeting_count",
		"count_label": "{0} upcoming",
	},
	{
		"route": "/satisfaction-survey",
		"title": "Satisfaction Survey",
		"description": "Tell the office how it served you this semester",
		"icon": "star",
		"count": "school_office.service_desk.survey.pending_survey_count",
		"count_label": "{0} to answer",
		"condition": "school_office.service_desk.survey.any_open_survey",
	},
	{
		"route": "/survey-results",
		"title": "Survey Results",
		"description": "The published results of the satisfaction surveys",
		"icon": "dashboard",
		"condition": "school_office.service_desk.survey.any_published_results",
	},
	{
		"route": "/adopted-suggestions",
		"title": "Adopted Suggestions",
		"description": "Suggestions the school has taken up, and what came of them",
		"icon": "review",
	},
]

# the service type whose application is made on the venue booking page, not as a service request
VENUE_FORM = "Venue Application"
VENUE_BOOKING_ROUTE = "/venue-booking"


def get_website_user_home_page(user: str) -> str | None:
	"""Frappe's `get_website_user_home_page` hook: portal users (no desk) land on /office. A Role's or the
	Portal Settings' home page, set by an administrator, still comes first (frappe.website.utils)."""
	if not user or user == "Guest":
		return None
	if frappe.get_cached_value("User", user, "user_type") == "Website User":
		return PORTAL_HOME_ROUTE
	return None


def portal_pages(user: str | None = None) -> list[dict]:
	"""The cards of the home page the user may see, translated, with their badge counts."""
	user = user or frappe.session.user
	out = []
	for page in PORTAL_PAGES:
		if page.get("condition") and not frappe.get_attr(page["condition"])(user):
			continue
		count = 0
		if page.get("count"):
			try:
				count = int(frappe.get_attr(page["count"])(user) or 0)
			except Exception:
				# a badge must never break the home page
				frappe.log_error(title="Portal home: badge count failed")
				count = 0
		out.append(
			frappe._dict(
				route=page["route"],
				title=_(page["title"]),
				description=_(page.get("description") or ""),
				icon=page.get("icon") or "",
				count=count,
				count_label=_(page["count_label"]).format(count) if page.get("count_label") else str(count),
			)
		)
	return out


def open_request_count(user: str) -> int:
	return frappe.db.count(
		"Service Request",
		{"requester": user, "status": ("in", ["Open", "Needs Info", "Accepted", "In Progress", "On Hold"])},
	)


def upcoming_booking_count(user: str) -> int:
	from frappe.utils import now_datetime

	return frappe.db.count(
		"Venue Booking",
		{"requester": user, "status": ("in", ["Requested", "Approved"]), "ends_on": (">=", now_datetime())},
	)


def apply_url(service_type: str | None) -> str:
	"""Where a service of the guide is applied for: a new request with the service chosen, or the venue
	booking page for the venue application (one path for venues: the booking page checks free venues
	and conflicts at once and creates the booking the office approves)."""
	if not service_type:
		return "/service-request"
	if frappe.get_cached_value("Service Type", service_type, "form_template") == VENUE_FORM:
		return VENUE_BOOKING_ROUTE
	return "/service-request?service_type=" + quote(service_type)


def home_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/login?redirect-to=/{PORTAL_HOME_ROUTE}"
		raise frappe.Redirect
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("School Office")
	context.full_name = frappe.utils.get_fullname(frappe.session.user)
	context.pages = portal_pages()
	return context
