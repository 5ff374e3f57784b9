"""Existing sites: the Inspections defaults (settings, the service type Inspection Rectification, two
checklist templates, the contractor credit's scorecard variables and criteria), created once."""


def execute():
	from school_office.inspections.install import create_defaults

	create_defaults()
