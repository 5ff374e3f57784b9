"""Default catalogue data (plain Python, no frappe): what a fresh site starts with.

The texts are English; translations/zh.csv carries their Chinese, shown to zh users.
"""

ISSUE_PRIORITIES = ("Urgent", "High", "Medium", "Low")

CATEGORIES = (
	# name, sort order, description
	("Academic", 10, "Services for study and teaching: certificates, transcripts, course matters"),
	("Daily Life", 20, "Everyday campus services: leave, printing, supplies"),
	("Activities", 30, "Events, venues and meetings"),
	("Administration", 40, "Official documents, seals and administrative consultation"),
	("Facilities and Repairs", 50, "Repairs of rooms, equipment and public facilities"),
	("Complaints and Suggestions", 60, "Complaints, suggestions and feedback on any service"),
)

TEAMS = (
	# name, description
	("Print Room", "Printing, copying and document services (文印岗)"),
	("Meeting Team", "Meeting support: rooms, equipment, notices and minutes (会务组)"),
	("Coordination", "Consultation, complaints and cross-department coordination (协调岗)"),
	("Maintenance", "Repairs by area and skill (维修组)"),
)

# name, category, team, hours, priority, is_complaint, description, materials [(material, mandatory)], steps
SERVICE_TYPES = (
	(
		"Leave Slip",
		"Daily Life",
		"Coordination",
		24,
		"Medium",
		0,
		"Apply for leave from classes or duties with your counsellor's signature.",
		[
			("Leave application form", 1),
			("Counsellor's signature", 1),
			("Supporting document (e.g. medical note)", 0),
		],
		"Fill in the leave application; the counsellor signs; the office records and returns it.",
	),
	(
		"Venue Application",
		"Activities",
		"Meeting Team",
		24,
		"Medium",
		0,
		"Book a meeting room, classroom or hall for an event.",
		[("Event plan (time, headcount, equipment)", 1), ("Signed safety commitment", 1)],
		"Apply at least one working day ahead (three for large venues); the office approves and confirms the equipment.",
	),
	(
		"Printing and Copying",
		"Daily Life",
		"Print Room",
		4,
		"Medium",
		0,
		"Printing, copying and binding of teaching and office documents.",
		[("Document file (PDF or Word)", 1), ("Colour printing approval", 0)],
		"Submit the file and the number of copies; collect the copies at the print room.",
	),
	(
		"Meeting Support",
		"Activities",
		"Meeting Team",
		24,
		"Medium",
		0,
		"Room set-up, equipment, notices and minutes for a meeting.",
		[("Meeting topic and attendees", 1), ("Agenda", 0)],
		"Request at least three days ahead; the meeting team prepares and tests the room.",
	),
	(
		"Repair Request",
		"Facilities and Repairs",
		"Maintenance",
		48,
		"High",
		0,
		"Report a fault in a room, equipment or public facility.",
		[("Location and description of the fault", 1), ("Photo of the fault", 0)],
		"Report the fault; a technician responds within 2 working hours and fixes major faults within 48 hours.",
	),
	(
		"Office Supplies Pick-up",
		"Daily Life",
		"Coordination",
		24,
		"Low",
		0,
		"Collect office supplies and teaching consumables for your department.",
		[("Department requisition", 1)],
		"Collect at the desk between 9:00 and 11:00; teaching consumables need the teaching department's approval.",
	),
	(
		"Consultation",
		"Administration",
		"Coordination",
		12,
		"Medium",
		0,
		"Ask the office about any procedure or policy.",
		[],
		"Ask at the window, by e-mail or online; urgent questions are answered within 4 working hours.",
	),
	(
		"Certificate Issuance",
		"Academic",
		"Coordination",
		24,
		"Medium",
		0,
		"Certificates of enrolment, employment or study.",
		[("Application form", 1), ("Student or staff ID card", 1)],
		"Apply with your ID; collect the sealed certificate at the window.",
	),
	(
		"Transcript Request",
		"Academic",
		"Coordination",
		24,
		"Low",
		0,
		"Official transcripts of grades.",
		[("Application form", 1), ("Student ID card", 1)],
		"Apply online or at the window; collect the sealed transcript.",
	),
	(
		"Official Seal Use",
		"Administration",
		"Coordination",
		24,
		"Medium",
		0,
		"Use of the school's official seal on a document.",
		[("Document to be sealed", 1), ("Approval of the department head", 1)],
		"Submit the document with the approval; the office records the seal use.",
	),
	(
		"Complaint",
		"Complaints and Suggestions",
		"Coordination",
		40,
		"High",
		1,
		"Complain about a service or a problem on campus.",
		[("Description of the problem", 1), ("Evidence (photos, documents)", 0)],
		"Registered within 1 working day, assigned within 2, a preliminary plan within 5 (10 for complex cases).",
	),
	(
		"Suggestion",
		"Complaints and Suggestions",
		"Coordination",
		40,
		"Low",
		1,
		"Suggest an improvement to the school's services.",
		[("Description of the suggestion", 1)],
		"Suggestions are reviewed by the responsible department; adopted suggestions are published.",
	),
)


# service type -> how the complaint analysis counts it (CF-4)
FEEDBACK_NATURES = {"Complaint": "Complaint", "Suggestion": "Suggestion"}

# service type -> application form whose extra fields the request shows (SD-10)
FORM_TEMPLATES = {"Leave Slip": "Leave Slip", "Venue Application": "Venue Application"}
