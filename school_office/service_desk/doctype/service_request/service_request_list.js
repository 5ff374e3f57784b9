// Service Request list: urgent first and red, "due in / overdue by" for the SLA targets
const SO_DONE = ["Resolved", "Closed", "Rejected", "Referred"];

function so_due_label(value, doc) {
	if (!value || SO_DONE.includes(doc.status)) return "";
	const mins = Math.round(moment(value).diff(moment(), "minutes", true));
	const abs = Math.abs(mins);
	const text = abs >= 60 ? __("{0} h {1} min", [Math.floor(abs / 60), abs % 60]) : __("{0} min", [abs]);
	return mins >= 0
		? `<span class="indicator-pill ${mins < 60 ? "orange" : "green"}">${__("due in {0}", [text])}</span>`
		: `<span class="indicator-pill red">${__("overdue by {0}", [text])}</span>`;
}

function so_due_text(value, doc) {
	if (!value || SO_DONE.includes(doc.status)) return "";
	const mins = Math.round(moment(value).diff(moment(), "minutes", true));
	const abs = Math.abs(mins);
	const text = abs >= 60 ? __("{0} h {1} min", [Math.floor(abs / 60), abs % 60]) : __("{0} min", [abs]);
	return mins >= 0 ? __("due in {0}", [text]) : __("overdue by {0}", [text]);
}

frappe.listview_settings["Service Request"] = {
	add_fields: ["priority", "status", "response_by", "first_responded_on", "sla_resolution_by", "agreement_status", "requester_name"],
	get_indicator(doc) {
		if (doc.priority === "Urgent" && !SO_DONE.includes(doc.status)) {
			return [__("Urgent"), "red", "priority,=,Urgent"];
		}
		const colors = {
			Open: "orange", "Needs Info": "yellow", Accepted: "blue", "In Progress": "blue", "On Hold": "grey",
			Resolved: "green", Closed: "darkgrey", Rejected: "red", Referred: "purple",
		};
		return [__(doc.status), colors[doc.status] || "grey", "status,=," + doc.status];
	},
	formatters: {
		// Frappe writes the subject as text (no HTML): urgent requests carry the red "Urgent" indicator; on a
		// phone, where the other columns are hidden, the requester and the due time follow the subject
		subject(value, df, doc) {
			if (!frappe.is_mobile()) return value || "";
			const due = doc.first_responded_on ? doc.sla_resolution_by : doc.response_by || doc.sla_resolution_by;
			return [value, doc.requester_name, so_due_text(due, doc)].filter(Boolean).join(" · ");
		},
		sla_resolution_by(value, df, doc) {
			const target = doc.first_responded_on ? value : doc.response_by || value;
			return so_due_label(target, doc) || (value ? frappe.datetime.str_to_user(value) : "");
		},
	},
};
