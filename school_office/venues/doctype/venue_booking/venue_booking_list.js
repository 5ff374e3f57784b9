frappe.listview_settings["Venue Booking"] = {
	add_fields: ["status", "venue", "starts_on"],
	formatters: {
		// a phone shows the title only (Frappe hides the other columns, and writes the title as text): the venue
		// and the start go with it
		event_name: (value, df, doc) => {
			if (!frappe.is_mobile()) return value || "";
			const start = doc.starts_on ? frappe.datetime.str_to_user(doc.starts_on).replace(/:\d\d$/, "") : "";
			return [value, doc.venue ? __(doc.venue) : "", start].filter(Boolean).join(" · ");
		},
	},
	get_indicator(doc) {
		const colors = {
			Requested: "orange", Approved: "blue", Rejected: "red", Cancelled: "gray", "Checked In": "green",
			Completed: "darkgrey", "No Show": "red", Displaced: "purple",
		};
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
