// School Office portal: the satisfaction survey page (/satisfaction-survey).
// Messages come translated from the server (window.so_survey.messages), so no __() is needed here.
(function () {
	"use strict";
	const M = (window.so_survey || {}).messages || {};
	const form = document.getElementById("so-survey-form");
	if (!form) return;
	const alertBox = form.querySelector(".so-alert");
	const button = form.querySelector("button[type=submit]");

	function showError(text) {
		alertBox.textContent = text;
		alertBox.hidden = false;
		alertBox.scrollIntoView({ block: "center" });
	}

	function serverText(data) {
		try {
			return JSON.parse(data._server_messages)
				.map((m) => JSON.parse(m).message)
				.join("\n")
				.replace(/<br\s*\/?>/gi, "\n")
				.replace(/<[^>]*>/g, "");
		} catch (e) {
			return M.failed;
		}
	}

	form.addEventListener("submit", (event) => {
		event.preventDefault();
		alertBox.hidden = true;
		const answers = {};
		let missing = null;
		form.querySelectorAll(".so-survey-question").forEach((fs) => {
			const no = fs.dataset.question;
			const picked = fs.querySelector("input[type=radio]:checked");
			fs.classList.toggle("so-missing", !picked);
			if (picked) answers[no] = picked.value;
			else if (!missing) missing = fs;
		});
		if (missing) {
			showError(M.missing);
			missing.scrollIntoView({ block: "center" });
			return;
		}
		const body = new FormData();
		body.append("survey", form.dataset.survey);
		body.append("answers", JSON.stringify(answers));
		body.append("open_answer", form.querySelector("[name=open_answer]").value || "");
		button.disabled = true;
		const label = button.textContent;
		button.textContent = M.sending;
		fetch("/api/method/school_office.service_desk.survey.submit_response", {
			method: "POST",
			body: body,
			credentials: "same-origin",
			headers: { Accept: "application/json", "X-Frappe-CSRF-Token": (window.frappe && frappe.csrf_token) || "" },
		})
			.then((r) =>
				r
					.json()
					.catch(() => ({}))
					.then((data) => {
						if (!r.ok) throw data;
						form.hidden = true;
						const thanks = document.getElementById("so-survey-thanks");
						thanks.hidden = false;
						thanks.scrollIntoView({ block: "start" });
					})
			)
			.catch((data) => {
				button.disabled = false;
				button.textContent = label;
				showError(serverText(data || {}));
			});
	});

	form.addEventListener("change", (event) => {
		const fs = event.target.closest(".so-survey-question");
		if (fs) fs.classList.remove("so-missing");
	});
})();
