// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt

frappe.query_reports["Service Team Load"] = {
	filters: [
		{
			fieldname: "service_team",
			label: __("Service Team"),
			fieldtype: "Link",
			options: "Service Team",
		},
	],
};
