"""Existing sites: the quality loop's defaults (Service Quality Settings values, the Quality Goal
*Service Desk KPIs*, the KPI index), created once; an administrator's values are kept."""


def execute():
	from school_office.service_desk.quality_setup import create_defaults

	create_defaults()
