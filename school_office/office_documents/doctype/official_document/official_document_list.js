frappe.listview_settings["Official Document"] = {
	add_fields: ["status", "has_overdue", "secret_level", "urgency"],
	get_indicator(doc) {
		if (doc.has_overdue) return [__("Overdue"), "red", "has_overdue,=,1"];
		const colors = {
			Draft: "gray", Received: "blue", Returned: "red", Registered: "purple", Reviewed: "blue", "In Process": "orange",
			Completed: "green", "Office Review": "blue", Countersigning: "orange", "Pending Sign-off": "orange", Signed: "green",
			Sealed: "purple", Distributed: "cyan", Archived: "green", Destroyed: "darkgrey",
		};
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
