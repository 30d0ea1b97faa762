/* Workshops: scoring errors shown in place, keyboard helpers for the arbitration table. */
(function () {
  "use strict";
  document.addEventListener("htmx:responseError", function (event) {
    var box = document.getElementById("score-error");
    if (box) box.textContent = event.detail.xhr.responseText || "La note n'a pas pu être enregistrée.";
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var box = document.getElementById("score-error");
    if (box && event.detail.successful) box.textContent = "";
  });
  // Arbitration: "apply to selected" copies the bulk status and reason onto every checked row.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-bulk-apply]");
    if (!button) return;
    event.preventDefault();
    var status = document.getElementById("bulk-status").value;
    var reason = document.getElementById("bulk-reason").value;
    var count = 0;
    document.querySelectorAll("input[data-bulk-select]:checked").forEach(function (box) {
      var id = box.value;
      var select = document.getElementById("status-" + id);
      if (select && status) select.value = status;
      var input = document.getElementById("reason-" + id);
      if (input && reason) input.value = reason;
      count += 1;
    });
    var live = document.getElementById("bulk-feedback");
    if (live) live.textContent = count + " piste(s) mise(s) à jour dans le formulaire ; enregistrez pour valider.";
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "bulk-select-all") {
      document.querySelectorAll("input[data-bulk-select]").forEach(function (box) {
        box.checked = event.target.checked;
      });
    }
  });
})();
