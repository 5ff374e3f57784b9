"""Fill the new service-desk settings (routing mode, auto-close, escalation threshold) where empty."""

from school_office.setup.defaults import create_settings


def execute():
	create_settings()
