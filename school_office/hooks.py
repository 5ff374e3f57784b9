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
after_install = "school_office.install.after_install"
before_uninstall = "school_office.install.before_uninstall"
after_uninstall = "school_office.install.after_uninstall"

# Document events
doc_events = {
	"School Office Settings": {"on_update": "school_office.utils.calendar.clear_calendar_cache"},
	"Holiday List": {"on_update": "school_office.utils.calendar.clear_calendar_cache"},
}

# Scheduled jobs
scheduler_events = {}

# Website
website_route_rules = []

# Jinja
jinja = {
	"methods": [
		"school_office.utils.jinja_methods.service_guide_categories",
	],
}
