"""Roles and role profiles of the app (names are a public contract).

Pure data: imported by install code, hooks helpers and the meta tests.
"""

APP_ROLES = (
	"Office Manager",
	"Office Staff",
	"Department Head",
	"School Leader",
	"Document Clerk",
	"Maintenance Technician",
	"Asset Administrator",
	"Meeting Team",
)

# role profile -> roles; the usual combinations of a school office
ROLE_PROFILES = {
	"School Office Manager": ("Office Manager", "Office Staff", "Document Clerk"),
	"School Office Front Desk": ("Office Staff",),
	"School Office Records": ("Document Clerk", "Office Staff"),
	"School Office Technician": ("Maintenance Technician",),
	"School Office Asset Keeper": ("Asset Administrator", "Office Staff"),
	"School Department Head": ("Department Head",),
	"School Leadership": ("School Leader", "Department Head"),
}
