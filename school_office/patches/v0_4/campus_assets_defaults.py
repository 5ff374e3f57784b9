"""Campus Assets on existing sites: the custom fields on Asset and Asset Repair, the GB/T 14885
classifications with their Asset Categories and Items, the settings and the school roles' permissions
(each created only when missing; safe to run again)."""


def execute():
	from school_office.campus_assets.install import create_defaults

	create_defaults()
