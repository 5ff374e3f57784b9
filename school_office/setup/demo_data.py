"""Demo school data (plain Python): users, departments and team members of the demo command."""

DEMO_PASSWORD = "SchoolOffice#2026"
DEMO_DOMAIN = "demo.school"

DEPARTMENTS = (
	"General Office",
	"Academic Affairs",
	"Student Affairs",
	"Logistics",
	"Finance",
	"Information Center",
)

# email local part, first name, last name, roles, language, department, user_type
USERS = (
	(
		"office.manager",
		"Manager",
		"Wang",
		("Office Manager", "Office Staff"),
		"zh",
		"General Office",
		"System User",
	),
	("office.staff", "Staff", "Li", ("Office Staff",), "zh", "General Office", "System User"),
	("print.staff", "Printer", "Zhao", ("Office Staff",), "zh", "General Office", "System User"),
	("dept.head", "Head", "Zhang", ("Department Head",), "zh", "Academic Affairs", "System User"),
	("school.leader", "Leader", "Chen", ("School Leader",), "zh", "General Office", "System User"),
	("doc.clerk", "Clerk", "Liu", ("Document Clerk",), "zh", "General Office", "System User"),
	("technician", "Tech", "Huang", ("Maintenance Technician",), "zh", "Logistics", "System User"),
	("asset.admin", "Asset", "Zhou", ("Asset Administrator",), "en", "Logistics", "System User"),
	("teacher", "Teacher", "Wu", (), "zh", "Academic Affairs", "Website User"),
	("student", "Student", "Sun", (), "zh", None, "Website User"),
	("student.en", "Student", "Smith", (), "en", None, "Website User"),
)

# team -> [(user local part, skill level, areas)]
TEAM_MEMBERS = {
	"Print Room": [("print.staff", "Senior", "Printing, Binding")],
	"Meeting Team": [("office.staff", "Intermediate", "Meeting rooms, Equipment")],
	"Coordination": [
		("office.staff", "Senior", "Consultation, Complaints"),
		("office.manager", "Expert", "Escalations"),
	],
	"Maintenance": [("technician", "Senior", "Teaching Building, Electrical, Air Conditioning")],
}

TEAM_LEADS = {
	"Print Room": "print.staff",
	"Meeting Team": "office.staff",
	"Coordination": "office.manager",
	"Maintenance": "technician",
}
