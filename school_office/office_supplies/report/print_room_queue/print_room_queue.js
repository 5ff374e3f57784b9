// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt

frappe.query_reports["Print Room Queue"] = {
	filters: [
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Submitted", "Approved", "In Progress"],
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "lane" && data && data.urgent) {
			// html-safe: value comes from default_formatter, which escapes
			value = `<span class="indicator-pill red">${value}</span>`;
		}
		if (column.fieldname === "due_by" && data && data.overdue) {
			// html-safe: value comes from default_formatter, which escapes
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
