"""Sites that installed an earlier build get the app's roles and role profiles.

Creates only what is missing; never edits an existing role or profile.
"""

from school_office.setup import defaults


def execute():
	defaults.create_roles()
	defaults.create_role_profiles()
