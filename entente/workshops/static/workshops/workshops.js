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
    // A card is complete once every criterion has a value that the server accepted.
    var card = event.detail.elt;
    if (!event.detail.successful || !card.classList || !card.classList.contains("entente-score-card")) return;
    var complete = Array.prototype.every.call(card.querySelectorAll("fieldset"), function (set) {
      return set.querySelector("input[type=radio]:checked") !== null;
    });
    if (complete) card.setAttribute("data-complete", "");
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-only-remaining]")) {
      document.body.classList.toggle("entente-only-remaining", event.target.checked);
    }
  });
  // Facilitation: project the join panel full screen (Échap to leave).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-fullscreen]");
    if (!button) return;
    var panel = document.getElementById(button.getAttribute("data-fullscreen"));
    if (panel && panel.requestFullscreen) panel.requestFullscreen();
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
  function visibleRows() {
    return Array.prototype.filter.call(document.querySelectorAll("tr[data-arbitration-row]"), function (row) {
      return !row.hidden;
    });
  }
  function announce(text) {
    var live = document.getElementById("bulk-feedback");
    if (live) live.textContent = text;
  }
  document.addEventListener("change", function (event) {
    if (event.target.id === "bulk-select-all") {
      visibleRows().forEach(function (row) {
        row.querySelector("input[data-bulk-select]").checked = event.target.checked;
      });
    }
  });
  // "Check at once": the pistes of a quadrant, those not arbitrated yet, or none.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-bulk-quadrant]");
    if (!button) return;
    event.preventDefault();
    var wanted = button.getAttribute("data-bulk-quadrant");
    var count = 0;
    visibleRows().forEach(function (row) {
      var match = wanted === "pending" ? !row.getAttribute("data-status") : wanted !== "" && row.getAttribute("data-quadrant") === wanted;
      row.querySelector("input[data-bulk-select]").checked = match;
      if (match) count += 1;
    });
    announce(count + " piste(s) cochée(s).");
  });
  // Filter the table by a word of the title or the partner.
  document.addEventListener("input", function (event) {
    if (!event.target.matches("[data-arbitration-filter]")) return;
    var words = event.target.value.toLowerCase().trim();
    var shown = 0;
    document.querySelectorAll("tr[data-arbitration-row]").forEach(function (row) {
      row.hidden = words !== "" && row.getAttribute("data-search").indexOf(words) === -1;
      if (!row.hidden) shown += 1;
    });
    announce(shown + " piste(s) affichée(s).");
  });
  // Keyboard: 1 retained, 2 rejected, 3 postponed, 0 unchanged; arrows move between rows.
  var KEY_STATUS = { "1": "retenue", "2": "ecartee", "3": "reportee", "0": "" };
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!target.closest || event.altKey || event.ctrlKey || event.metaKey) return;
    var row = target.closest("tr[data-arbitration-row]");
    if (!row || !(target.matches("input[data-bulk-select]") || target.matches("select[data-arbitration-key]"))) return;
    if (Object.prototype.hasOwnProperty.call(KEY_STATUS, event.key)) {
      event.preventDefault();
      var select = row.querySelector("select[data-arbitration-key]");
      select.value = KEY_STATUS[event.key];
      announce(select.options[select.selectedIndex].text + " : " + row.cells[2].textContent.trim().split("\n")[0]);
      var rows = visibleRows();
      var next = rows[rows.indexOf(row) + 1];
      if (next && target.matches("input[data-bulk-select]")) next.querySelector("input[data-bulk-select]").focus();
      return;
    }
    if (target.matches("input[data-bulk-select]") && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      var all = visibleRows();
      var other = all[all.indexOf(row) + (event.key === "ArrowDown" ? 1 : -1)];
      if (other) other.querySelector("input[data-bulk-select]").focus();
    }
  });
})();
