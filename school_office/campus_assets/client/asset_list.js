// Campus Assets: a sheet of labels (A4, PDF) for the assets selected in the list
frappe.listview_settings["Asset"] = frappe.listview_settings["Asset"] || {};
(function (settings) {
	const previous = settings.onload;
	settings.onload = function (listview) {
		if (previous) previous(listview);
		listview.page.add_actions_menu_item(__("Print Label Sheet"), () => {
			const names = listview.get_checked_items(true);
			if (!names.length) {
				frappe.msgprint(__("Select the assets to label."));
				return;
			}
			const url =
				"/api/method/school_office.campus_assets.labels.label_sheet?assets=" +
				encodeURIComponent(JSON.stringify(names));
			window.open(url);
		});
	};
})(frappe.listview_settings["Asset"]);
