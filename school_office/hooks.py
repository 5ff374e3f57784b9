app_name = "school_office"
app_title = "School Office"
app_publisher = "school_office contributors"
app_description = "A school's general office (综合办公室) on Frappe and ERPNext: one-window service desk, official documents, meetings, venues, assets, supplies, notices and inspections."
app_email = "school-office@example.org"
app_license = "MIT"
app_logo_url = "/assets/school_office/images/school_office.svg"

required_apps = ["frappe/erpnext"]

add_to_apps_screen = [
	{
		"name": "school_office",
		"logo": "/assets/school_office/images/school_office.svg",
		"title": "School Office",
		"route": "/app/school-office",
		"has_permission": "school_office.permissions.has_app_permission",
	}
]

# Assets
web_include_css = "/assets/school_office/css/school_office_web.css"

# Installation
before_install = "school_office.install.before_install"
after_install = "school_office.install.after_install"
before_uninstall = "school_office.install.before_uninstall"
after_uninstall = "school_office.install.after_uninstall"

# Desk boot (the Service Request's SLA banner is the app's own, translated)
extend_bootinfo = "school_office.boot.extend_bootinfo"

doctype_js = {
	"Purchase Order": "public/js/office_supplies_purchase_order.js",
	"Stock Entry": "public/js/office_supplies_stock_entry.js",
	# Campus Assets: label, transfer and disposal requests on ERPNext's Asset form
	"Asset": "campus_assets/client/asset.js",
}

# Campus Assets: a sheet of labels for the assets selected in the Asset list
doctype_list_js = {"Asset": "campus_assets/client/asset_list.js"}

# Document events
doc_events = {
	"*": {
		"validate": "school_office.office_documents.secrecy.validate_links_to_documents",
		# a new record's child rows: the permlevels Frappe checks only on existing records
		"before_insert": "school_office.utils.child_permlevels.reset_child_permlevels",
	},
	"School Office Settings": {
		"on_update": "school_office.utils.calendar.clear_calendar_cache",
		"on_change": [
			"school_office.service_desk.install.sync_sla_hours",
			"school_office.utils.calendar.rebuild_on_weekday_change",
		],
	},
	"Holiday List": {"on_update": "school_office.utils.calendar.clear_calendar_cache"},
	"Service Team": {
		"on_update": "school_office.service_desk.routing.sync_team_rules",
		"on_trash": "school_office.service_desk.routing.remove_team_rules",
		"after_rename": "school_office.service_desk.routing.rename_team_rules",
	},
	"Communication": {
		"validate": "school_office.office_documents.secrecy.validate_communication",
		"after_insert": "school_office.service_desk.events.on_communication",
	},
	"DocShare": {"validate": "school_office.office_documents.secrecy.validate_share"},
	"ToDo": {
		"validate": "school_office.office_documents.secrecy.validate_todo",
		# Meetings: a decision follows its ToDo to done (MT-7)
		"on_update": "school_office.meetings.minutes.on_todo_update",
	},
	"Notification Log": {
		"validate": "school_office.office_documents.secrecy.validate_notification_log",
		# every system notification also goes to the user's DingTalk / WeCom (background, logged)
		"after_insert": "school_office.notices.delivery.on_notification_log",
	},
	"Official Document": {"on_update": "school_office.office_documents.secrecy.on_document_update"},
	"Department": {"after_insert": "school_office.setup.link_display.on_department_insert"},
	"Employee": {
		"on_update": "school_office.utils.people.clear_employee_cache",
		"on_trash": "school_office.utils.people.clear_employee_cache",
	},
	"File": {
		"before_validate": [
			"school_office.service_desk.events.validate_file",
			"school_office.office_documents.secrecy.force_private",
			"school_office.meetings.permissions.force_private",
			"school_office.notices.files.force_private",
		],
		"after_insert": "school_office.office_documents.search.on_file_change",
		"on_trash": "school_office.office_documents.search.on_file_change",
	},
	"Document Clearance": {
		"on_update": [
			"school_office.office_documents.permissions.clear_clearance_cache",
			"school_office.office_documents.secrecy.on_clearance_change",
		],
		"on_trash": [
			"school_office.office_documents.permissions.clear_clearance_cache",
			"school_office.office_documents.secrecy.on_clearance_change",
		],
	},
	"Venue Booking": {"on_update": "school_office.venues.api.note_booking_length"},
	# Campus Assets: the school number and system fields; a transfer's movement submits on its approvals
	"Asset": {
		"before_validate": "school_office.campus_assets.assets.before_validate",
		# the classification's default maintenance plan (AS-4)
		"on_submit": "school_office.campus_assets.maintenance.on_asset_submit",
	},
	"Asset Movement": {"before_submit": "school_office.campus_assets.api.guard_movement_submit"},
	# Office Supplies: the three-quote rule on every path; a plan's order marks it Ordered
	"Purchase Order": {
		"validate": "school_office.office_supplies.quotes.validate_purchase_order",
		"before_submit": "school_office.office_supplies.quotes.validate_purchase_order",
		"on_submit": "school_office.office_supplies.plan.mark_ordered",
	},
	"Material Request": {"validate": "school_office.office_supplies.pickup.guard_request_fields"},
	"Stock Entry": {
		"validate": "school_office.office_supplies.stocktake.guard_scrap",
		"before_submit": "school_office.office_supplies.stocktake.guard_scrap",
	},
	"Purchase Receipt": {
		"before_validate": "school_office.office_supplies.receiving.fill_rejected_warehouse",
		"validate": "school_office.office_supplies.receiving.validate_receipt",
	},
	"Item": {"before_insert": "school_office.office_supplies.receiving.item_before_insert"},
	"Service Request": {
		"validate": "school_office.service_desk.quality.track_request",
		"on_update": [
			"school_office.inspections.rectification.on_request_update",
			# Campus Assets: a repair request about an Asset keeps its Asset Repair in step (AS-5)
			"school_office.campus_assets.repairs.on_request_update",
		],
		"after_insert": [
			"school_office.campus_assets.repairs.on_request_insert",
			"school_office.service_desk.replies.acknowledge",
		],
	},
	"Asset Repair": {"on_update": "school_office.campus_assets.repairs.on_repair_update"},
	"Quality Review": {"validate": "school_office.service_desk.quality.fill_review"},
}

# ERPNext's SLA, without re-creating the SLA fields that Service Request already has
override_doctype_class = {
	"Service Level Agreement": "school_office.service_desk.sla.SchoolOfficeServiceLevelAgreement",
	# e-mail notifications skipped quietly when no outgoing account exists (system notification kept)
	"Notification": "school_office.utils.mail.SchoolOfficeNotification",
}

# Row-level permissions
permission_query_conditions = {
	"Service Request": "school_office.service_desk.permissions.query_conditions",
	"Official Document": "school_office.office_documents.permissions.query_conditions",
	"Venue Booking": "school_office.venues.permissions.booking_query_conditions",
	"Meeting": "school_office.meetings.permissions.query_conditions",
	"Meeting Material": "school_office.meetings.permissions.material_query_conditions",
	"Meeting Minutes": "school_office.meetings.minutes.draft_query_conditions",
	"Meeting Material Access": "school_office.meetings.permissions.access_query_conditions",
	"Notice": "school_office.notices.permissions.query_conditions",
	"Asset": "school_office.campus_assets.permissions.asset_query_conditions",
	"Asset Repair": "school_office.campus_assets.permissions.repair_query_conditions",
	"Asset Transfer": "school_office.campus_assets.permissions.transfer_query_conditions",
	"Asset Disposal": "school_office.campus_assets.permissions.disposal_query_conditions",
	"Print Job": "school_office.office_supplies.permissions.print_job_query_conditions",
	"Print Quota": "school_office.office_supplies.permissions.print_quota_query_conditions",
}
has_permission = {
	"Service Request": "school_office.service_desk.permissions.has_permission",
	"Official Document": "school_office.office_documents.permissions.has_permission",
	"File": [
		"school_office.office_documents.permissions.file_has_permission",
		# a meeting's material needs clearance for its 密级; meeting files follow the meeting
		"school_office.meetings.permissions.file_has_permission",
	],
	"Venue Booking": "school_office.venues.permissions.booking_has_permission",
	"Meeting": "school_office.meetings.permissions.has_permission",
	"Meeting Minutes": "school_office.meetings.minutes.draft_has_permission",
	"Meeting Material Access": "school_office.meetings.permissions.access_has_permission",
	"Notice": "school_office.notices.permissions.has_permission",
	"Asset": "school_office.campus_assets.permissions.asset_has_permission",
	"Asset Repair": "school_office.campus_assets.permissions.repair_has_permission",
	"Asset Transfer": "school_office.campus_assets.permissions.transfer_has_permission",
	"Asset Disposal": "school_office.campus_assets.permissions.disposal_has_permission",
	"Print Job": "school_office.office_supplies.permissions.print_job_has_permission",
	"Print Quota": "school_office.office_supplies.permissions.print_quota_has_permission",
}

# Scheduled jobs
scheduler_events = {
	"hourly": [
		"school_office.office_documents.tasks.send_reminders",
		"school_office.notices.publishing.expire_notices",
		"school_office.notices.publishing.acknowledgement_reminders",
	],
	"daily": [
		"school_office.service_desk.tasks.auto_close",
		"school_office.campus_assets.maintenance.remind_overdue",
		"school_office.service_desk.survey.update_states",
	],
	"cron": {
		"* * * * *": ["school_office.service_desk.routing.route_new_requests"],
		"*/15 * * * *": ["school_office.service_desk.tasks.escalate"],
		"0 2 1 1,4,7,10 *": ["school_office.office_documents.tasks.gather_expired_documents"],
		"*/5 * * * *": [
			"school_office.venues.tasks.mark_no_shows",
			"school_office.venues.tasks.complete_finished",
			"school_office.venues.tasks.remind_overtime",
			"school_office.notices.publishing.emergency_clock",
			"school_office.notices.delivery.retry_due",
		],
		"0 18 * * *": ["school_office.notices.digest.send_daily_digest"],
		"0 7 * * 1": ["school_office.notices.digest.send_weekly_digest"],
		"0 7 1 * *": ["school_office.notices.digest.send_monthly_digest"],
		"0 16 * * *": ["school_office.venues.tasks.remind_equipment"],
		# Meetings: minutes reminders / escalation and equipment tests (hourly), Friday digest, monthly report
		"10 * * * *": [
			"school_office.meetings.tasks.minutes_reminders",
			"school_office.meetings.tasks.review_reminders",
			"school_office.meetings.tasks.setup_reminders",
		],
		"0 16 * * 5": ["school_office.meetings.tasks.friday_digest"],
		"0 8 1 * *": ["school_office.meetings.tasks.monthly_report"],
		"30 3 * * *": ["school_office.utils.calendar.extend_school_calendar"],
		"0 6 1 * *": [
			"school_office.service_desk.quality.check_monthly_on_time",
			"school_office.service_desk.doctype.service_audit.service_audit.create_monthly_audit",
		],
	},
}

# Whitelisted methods replaced by the app
override_whitelisted_methods = {
	"frappe.utils.global_search.search": "school_office.office_documents.search.global_search",
	"frappe.desk.search.get_link_title": "school_office.office_documents.secrecy.get_link_title",
	"frappe.desk.listview.get_group_by_count": "school_office.office_documents.secrecy.get_group_by_count",
	# Campus Assets: disposal only through the Office Manager's approval (ERPNext lets any caller scrap)
	"erpnext.assets.doctype.asset.depreciation.scrap_asset": "school_office.campus_assets.api.scrap_asset",
	"erpnext.assets.doctype.asset.depreciation.restore_asset": "school_office.campus_assets.api.restore_asset",
}

# Website
website_route_rules = [
	{"from_route": "/my-requests/<name>", "to_route": "my-requests/detail"},
	{"from_route": "/notices/<name>", "to_route": "notices/detail"},
]
# students and teachers (portal users) land on their home /office, which lists the portal pages
# (school_office.portal_home.PORTAL_PAGES); the portal menu links to it and its main pages
get_website_user_home_page = "school_office.portal_home.get_website_user_home_page"
# the staff phone app at /office (desk users; portal users keep their home): campus_identity/app.py
page_renderer = ["school_office.campus_identity.app.OfficeAppPage"]
portal_menu_items = [
	{"title": "School Office", "route": "/office", "role": "All"},
	{"title": "New Service Request", "route": "/service-request", "role": "All"},
	{"title": "My Requests", "route": "/my-requests", "role": "All"},
	{"title": "Book a Venue", "route": "/venue-booking", "role": "All"},
	{"title": "Service Guide", "route": "/service-guide", "role": "All"},
	{"title": "Notices", "route": "/notices", "role": "All"},
]

# desk: Datetime field descriptions translated before Frappe appends the time zone (public/js)
app_include_js = ["/assets/school_office/js/desk_translations.js"]

# Jinja
jinja = {
	"methods": [
		"school_office.utils.jinja_methods.service_guide_categories",
		"school_office.utils.jinja_methods.rich_text",
		"school_office.portal_home.apply_url",
		"school_office.campus_assets.labels.campus_asset_label",
	],
}
