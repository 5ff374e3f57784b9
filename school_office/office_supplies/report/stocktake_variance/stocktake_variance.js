// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt

frappe.query_reports["Stocktake Variance"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.month_start(), reqd: 1 },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.month_end(), reqd: 1 },
		{ fieldname: "warehouse", label: __("Warehouse"), fieldtype: "Link", options: "Warehouse" },
		{ fieldname: "only_flagged", label: __("Only Flagged"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "variance_percent" && data && data.flagged) {
			// html-safe: value comes from default_formatter, which escapes
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
