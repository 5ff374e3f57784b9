// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt

frappe.query_reports["Venue Utilisation"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.month_start(), reqd: 1 },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.month_end(), reqd: 1 },
		{ fieldname: "venue", label: __("Venue"), fieldtype: "Link", options: "Venue" },
		{ fieldname: "venue_category", label: __("Venue Category"), fieldtype: "Link", options: "Venue Category" },
		{ fieldname: "group_by", label: __("Group By"), fieldtype: "Select", options: ["Venue", "Category"], default: "Venue" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "flag_label" && data && data.flag) {
			value = `<span class="indicator-pill ${data.flag === "Over-used" ? "red" : "orange"}">${value}</span>`;
		}
		return value;
	},
};
