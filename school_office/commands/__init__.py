"""bench commands of the app: `bench --site SITE school-office-demo`."""

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


commands = [school_office_demo]
