"""Desk boot: the Service Request form draws its own, translated SLA banner (due in / overdue by, on hold,
fulfilled / failed), so ERPNext's generic SLA banner, whose texts are not translatable, is not bound to it."""


def extend_bootinfo(bootinfo):
	doctypes = bootinfo.get("service_level_agreement_doctypes")
	if doctypes and "Service Request" in doctypes:
		bootinfo.service_level_agreement_doctypes = [d for d in doctypes if d != "Service Request"]
