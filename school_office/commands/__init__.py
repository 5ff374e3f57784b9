"""bench commands of the app: `bench --site SITE school-office-demo`, `school-office-import-roster FILE`."""

import click

from frappe.commands import get_site, pass_context


@click.command("school-office-demo")
@pass_context
def school_office_demo(context):
	"""Put a demo school on the site (idempotent)."""
	import frappe

	from school_office.demo import make_demo

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		make_demo()
	finally:
		frappe.destroy()


@click.command("school-office-import-roster")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@pass_context
def school_office_import_roster(context, path):
	"""Import students and staff from a roster file (.csv or .xlsx, the Roster Import template); idempotent."""
	import frappe

	from school_office.campus_identity.roster import import_file

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		result = import_file(path)
		frappe.db.commit()
		click.echo(
			f"created {result['created']}, updated {result['updated']}, unchanged {result['unchanged']}, "
			f"errors {result['errors']}"
		)
		for message in result["messages"]:
			click.echo(message)
	finally:
		frappe.destroy()


commands = [school_office_demo, school_office_import_roster]
