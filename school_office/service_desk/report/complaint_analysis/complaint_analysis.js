// Copyright (c) 2026, school_office contributors
// License: MIT. See license.txt

frappe.query_reports["Complaint Analysis"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -11),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "period",
			label: __("Period"),
			fieldtype: "Select",
			options: [
				{ value: "Month", label: __("Month") },
				{ value: "Quarter", label: __("Quarter") },
				{ value: "Semester", label: __("Semester") },
				{ value: "Year", label: __("Year") },
			],
			default: "Month",
		},
		{
			fieldname: "nature",
			label: __("Feedback Nature"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Complaint", label: __("Complaint") },
				{ value: "Suggestion", label: __("Suggestion") },
			],
		},
		{
			fieldname: "department",
			label: __("Department"),
			fieldtype: "Link",
			options: "Department",
		},
	],
};
