"""Meetings (issue #12): sites that installed an earlier build get the "Meeting Team" role.

Creates only what is missing (defaults.create_roles never edits an existing role)."""

from school_office.setup import defaults


def execute():
	defaults.create_roles()
