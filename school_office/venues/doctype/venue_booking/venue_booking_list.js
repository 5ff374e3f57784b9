frappe.listview_settings["Venue Booking"] = {
	add_fields: ["status", "venue", "starts_on"],
	get_indicator(doc) {
		const colors = {
			Requested: "orange", Approved: "blue", Rejected: "red", Cancelled: "gray", "Checked In": "green",
			Completed: "darkgrey", "No Show": "red", Displaced: "purple",
		};
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
