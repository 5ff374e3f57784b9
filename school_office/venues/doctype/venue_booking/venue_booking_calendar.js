frappe.views.calendar["Venue Booking"] = {
	field_map: {
		start: "starts_on",
		end: "ends_on",
		id: "name",
		title: "title",
		allDay: "all_day",
	},
	filters: [{ fieldtype: "Link", fieldname: "venue", options: "Venue", label: __("Venue") }],
	get_events_method: "school_office.venues.doctype.venue_booking.venue_booking.get_events",
	// FullCalendar's locales are "zh-cn" / "zh-tw", Frappe's language is "zh": without this the month title and
	// weekday names stay English
	options: {
		locale: (frappe.boot.lang || "en").toLowerCase() === "zh" ? "zh-cn" : (frappe.boot.lang || "en").toLowerCase(),
	},
};
