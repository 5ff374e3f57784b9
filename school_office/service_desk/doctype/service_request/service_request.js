// Service Request form: the desk's actions, due in / overdue by, complaint milestones
const SO_ACTIVE = ["Open", "Needs Info", "Accepted", "In Progress", "On Hold"];
const so_api = (method) => `school_office.service_desk.api.${method}`;

function so_call(frm, method, args) {
	// the action works on the stored request: save what the form changed first (e.g. materials just
	// ticked as received), so Accept sees the ticks instead of refusing
	const saved = frm.is_dirty() ? frm.save() : Promise.resolve();
	return Promise.resolve(saved)
		.then(() => {
			if (frm.is_dirty()) return; // the save failed (its message is shown)
			return frappe
				.call({ method: so_api(method), args: Object.assign({ name: frm.doc.name }, args || {}), freeze: true })
				.then(() => frm.reload_doc());
		});
}

function so_prompt(frm, method, title, fields) {
	frappe.prompt(fields, (values) => so_call(frm, method, values), title, __("Submit"));
}

// On a phone Frappe hides the form's custom buttons (they only appear under "…"): there the actions go into the
// page's labelled Actions menu next to Save, on a wider screen they stay a button group
function so_setup_action_buttons(frm) {
	if (!frappe.is_mobile()) return;
	frm.page.clear_actions_menu();
	frm.page.actions_btn_group.find(".actions-btn-group-label").removeClass("hidden-xs");
}

function so_add_action(frm, label, action, group) {
	if (frappe.is_mobile()) {
		return frm.page.add_action_item(label, action);
	}
	return frm.add_custom_button(label, action, group);
}

function so_duration(mins) {
	const abs = Math.abs(mins);
	return abs >= 60 ? __("{0} h {1} min", [Math.floor(abs / 60), abs % 60]) : __("{0} min", [abs]);
}

// material names are the service type's (seeded in English, translated in zh.csv): the grid shows them translated
function so_translate_materials() {
	const df = (frappe.meta.docfield_map["Service Request Material"] || {}).material;
	if (df) df.formatter = (value) => (value ? __(value) : value);
}

frappe.ui.form.on("Service Request", {
	setup() {
		so_translate_materials();
	},
	onload(frm) {
		if (frm.is_new() && !frm.doc.channel) frm.set_value("channel", "Window");
	},
	refresh(frm) {
		if (frm.is_new()) return;
		const d = frm.doc;
		const staff = frappe.user.has_role(["Office Staff", "Office Manager", "System Manager"]);
		// the SLA banner (ERPNext's own is not bound to this form, see school_office/boot.py)
		frm.dashboard.clear_headline();
		if (d.service_level_agreement && d.status === "On Hold" && d.on_hold_since) {
			frm.dashboard.set_headline_alert(
				`<span class="indicator orange">${__("SLA is on hold since {0}", [frappe.utils.escape_html(moment(d.on_hold_since).fromNow(true))])}</span>`
			);
		} else if (d.service_level_agreement && !SO_ACTIVE.includes(d.status) && ["Fulfilled", "Failed"].includes(d.agreement_status)) {
			frm.dashboard.set_headline_alert(
				d.agreement_status === "Fulfilled"
					? `<span class="indicator green">${__("Service Level Agreement has been fulfilled")}</span>`
					: `<span class="indicator red">${__("Service Level Agreement Failed")}</span>`
			);
		}
		// due in / overdue by
		if (SO_ACTIVE.includes(d.status) && d.status !== "On Hold") {
			const target = !d.first_responded_on ? d.response_by : d.sla_resolution_by;
			if (target) {
				const mins = Math.round(moment(target).diff(moment(), "minutes", true));
				const what = !d.first_responded_on ? __("Response") : __("Resolution");
				frm.dashboard.set_headline_alert(
					mins >= 0
						? `<span class="indicator ${mins < 60 ? "orange" : "green"}">${what}: ${__("due in {0}", [so_duration(mins)])}</span>`
						: `<span class="indicator red">${what}: ${__("overdue by {0}", [so_duration(mins)])}</span>`
				);
			}
		}
		if (d.priority === "Urgent" && SO_ACTIVE.includes(d.status)) {
			frm.page.set_indicator(__("Urgent"), "red");
		}
		const ms = (d.__onload || {}).milestones;
		if (d.is_complaint && ms) {
			const labels = { registered: __("Registration"), assigned: __("Assignment"), plan: __("Preliminary Plan") };
			const colors = { done: "green", late: "orange", breached: "red", due: "blue" };
			const states = { done: __("done"), late: __("done late"), breached: __("breached"), due: __("due") };
			Object.keys(labels).forEach((k) => {
				if (ms[k]) frm.dashboard.add_indicator(`${labels[k]}: ${states[ms[k]]}`, colors[ms[k]]);
			});
		}
		if (!staff) return;
		const group = __("Actions");
		so_setup_action_buttons(frm);
		if (["Open", "Needs Info"].includes(d.status)) {
			so_add_action(frm, __("Accept"), () => so_call(frm, "accept"), group);
			so_add_action(frm, __("Needs Info"), () =>
				so_prompt(frm, "request_info", __("Ask the Requester"), [
					{ fieldname: "message", fieldtype: "Small Text", label: __("What should be supplemented?"), reqd: 1 },
				]), group);
			so_add_action(frm, __("Reject", null, "Service Request"), () =>
				so_prompt(frm, "reject", __("Reject", null, "Service Request"), [{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }]), group);
		}
		if (SO_ACTIVE.includes(d.status)) {
			so_add_action(frm, __("Refer"), () =>
				so_prompt(frm, "refer", __("Refer to Another Department"), [
					{ fieldname: "department", fieldtype: "Link", options: "Department", label: __("Department"), reqd: 1 },
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
				]), group);
		}
		if (["Accepted", "On Hold", "Resolved", "Closed"].includes(d.status)) {
			so_add_action(frm, __("Start"), () => so_call(frm, "start"), group);
		}
		if (["Accepted", "In Progress"].includes(d.status)) {
			so_add_action(frm, __("Hold"), () => so_call(frm, "hold"), group);
		}
		if (["Accepted", "In Progress", "On Hold"].includes(d.status)) {
			so_add_action(frm, __("Resolve"), () =>
				so_prompt(frm, "resolve", __("Resolve"), [
					{ fieldname: "resolution", fieldtype: "Small Text", label: __("Resolution Details"), reqd: 1 },
					{ fieldname: "outcome", fieldtype: "Select", label: __("Outcome"), options: ["", "Solved", "Partly Solved", "Cannot Be Solved"] },
					{ fieldname: "unsolvable_reason", fieldtype: "Small Text", label: __("Why It Cannot Be Solved"), depends_on: "eval:doc.outcome=='Cannot Be Solved'" },
				]), group);
		}
		if (d.status === "Resolved") {
			so_add_action(frm, __("Close"), () => so_call(frm, "close"), group);
		}
		if (["Resolved", "Closed"].includes(d.status)) {
			so_add_action(frm, __("Log Follow-up Call"), () =>
				so_prompt(frm, "log_follow_up", __("Follow-up Call"), [
					{ fieldname: "outcome", fieldtype: "Select", label: __("Outcome"), options: ["Satisfied", "Partly Satisfied", "Not Satisfied", "No Answer"], reqd: 1 },
					{ fieldname: "notes", fieldtype: "Small Text", label: __("Notes") },
				]));
		}
		if (SO_ACTIVE.includes(d.status) && frappe.user.has_role(["Office Manager", "System Manager"])) {
			so_add_action(frm, __("Move to Front of Queue"), () =>
				so_prompt(frm, "move_to_front", __("Move to Front of Queue"), [
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
				]));
		}
	},
	service_type(frm) {
		if (!frm.doc.service_type || (frm.doc.materials || []).length) return;
		frappe.db.get_doc("Service Type", frm.doc.service_type).then((st) => {
			(st.required_materials || []).forEach((m) => {
				frm.add_child("materials", { material: m.material, is_mandatory: m.is_mandatory });
			});
			frm.refresh_field("materials");
			if (!frm.doc.service_team && st.service_team) frm.set_value("service_team", st.service_team);
			if (!frm.doc.priority && st.default_priority) frm.set_value("priority", st.default_priority);
		});
	},
});
