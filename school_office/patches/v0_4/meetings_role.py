"""Meetings (issue #12): sites that installed an earlier build get the "Meeting Team" role and the
Meeting Settings defaults.

Creates only what is missing (defaults.create_roles never edits an existing role; the settings are
filled only when never set)."""

from school_office.setup import defaults


def execute():
	defaults.create_roles()
	from school_office.meetings.install import create_defaults

	create_defaults()
