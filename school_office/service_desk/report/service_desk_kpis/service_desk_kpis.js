// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt

frappe.query_reports["Service Desk KPIs"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -5),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "service_team",
			label: __("Service Team"),
			fieldtype: "Link",
			options: "Service Team",
		},
		{
			fieldname: "service_type",
			label: __("Service Type"),
			fieldtype: "Link",
			options: "Service Type",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && (data.missed || []).includes(column.fieldname)) {
			// html-safe: value is Frappe's formatted number
			value = `<span style="color: var(--red-500)">${value}</span>`;
		}
		return value;
	},
};
