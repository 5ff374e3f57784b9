frappe.listview_settings["Official Document"] = {
	add_fields: ["status", "has_overdue", "secret_level", "urgency", "direction", "registration_number", "document_number"],
	// 密级 / 紧急程度 as on the form: 非密, 平件, 加急 (zh rows with the context "Official Document")
	formatters: {
		// a phone shows the title only (Frappe hides the other columns): the number and direction go with it
		// (plain text: Frappe writes the title as text)
		title: (value, df, doc) => {
			if (!frappe.is_mobile()) return value;
			const number = doc.registration_number || doc.document_number;
			return [value, __(doc.direction), number].filter(Boolean).join(" · ");
		},
		secret_level: (value) => frappe.utils.escape_html(value ? __(value, null, "Official Document") : ""),
		urgency: (value) => frappe.utils.escape_html(value ? __(value, null, "Official Document") : ""),
	},
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
