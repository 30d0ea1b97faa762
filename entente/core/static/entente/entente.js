/* Entente — small progressive enhancements (no framework). */
(function () {
  "use strict";

  // Partner picker: a result button of the autocomplete adds a row (hidden inputs + role).
  // A row's first hidden input holds the reference ("partner" or "external"), an optional
  // "…_label" one its label, an optional select the partner's role.
  function addPartner(picker, value, label) {
    var picked = picker.querySelector(".entente-picked");
    var exists = Array.prototype.some.call(picked.querySelectorAll(".entente-partner-row"), function (row) {
      return row.querySelector('input[type="hidden"]').value === value;
    });
    if (exists) return;
    var row = picker.querySelector("template").content.firstElementChild.cloneNode(true);
    row.querySelector('input[type="hidden"]').value = value;
    var labelInput = row.querySelector('input[name$="_label"]');
    if (labelInput) labelInput.value = label;
    row.querySelector(".entente-partner-label").textContent = label;
    var role = row.querySelector("select");
    // The label is free text from the search: an apposition needs no article ("Rôle de Loire").
    if (role) role.setAttribute("aria-label", "Rôle du partenaire « " + label + " »");
    var remove = row.querySelector(".entente-partner-remove .fr-sr-only");
    if (remove) remove.textContent = " " + label;
    picked.appendChild(row);
    var empty = picker.querySelector("#partner-empty");
    if (empty) empty.hidden = true;
  }

  // "Vous représentez": its options are the partners picked so far; the creator's own
  // organization is chosen when it is picked, unless they already chose another one.
  function syncRepresents(picker) {
    var rows = picker.querySelectorAll(".entente-picked .entente-partner-row");
    var empty = picker.querySelector(".entente-picked ~ .fr-hint-text");
    if (empty) empty.hidden = rows.length > 0;
    var select = picker.querySelector("[data-represents]");
    if (!select) return;
    var chosen = select.value;
    var values = [];
    while (select.options.length > 1) select.remove(1);
    Array.prototype.forEach.call(rows, function (row) {
      var value = row.querySelector('input[name="partner"]').value;
      values.push(value);
      select.add(new Option(row.querySelector('input[name="partner_label"]').value, value));
    });
    if (!chosen && !select.dataset.touched && values.indexOf(select.dataset.default) !== -1) {
      chosen = select.dataset.default;
    }
    select.value = values.indexOf(chosen) !== -1 ? chosen : "";
  }

  document.addEventListener("click", function (event) {
    var pick = event.target.closest(".entente-pick");
    var picker = event.target.closest("[data-partner-picker]");
    if (pick && picker) {
      event.preventDefault();
      addPartner(picker, pick.dataset.value, pick.dataset.label);
      syncRepresents(picker);
      var results = picker.querySelector(".entente-autocomplete");
      if (results) results.innerHTML = "";
      var search = picker.querySelector('input[type="search"]');
      if (search) { search.value = ""; search.setAttribute("aria-expanded", "false"); search.focus(); }
      return;
    }
    var remove = event.target.closest(".entente-partner-remove");
    if (remove) {
      event.preventDefault();
      var owner = remove.closest("[data-partner-picker]");
      remove.closest(".entente-partner-row").remove();
      if (owner) syncRepresents(owner);
    }
  });

  // Keep the combobox state in sync with the results list for assistive technologies.
  document.addEventListener("htmx:afterSwap", function (event) {
    var list = event.detail.target;
    if (list && list.classList && list.classList.contains("entente-autocomplete")) {
      var search = list.closest("[data-partner-picker]").querySelector('input[type="search"]');
      if (search) search.setAttribute("aria-expanded", list.children.length ? "true" : "false");
    }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-represents]")) event.target.dataset.touched = "1";
  });

  // An htmx field sent under another name (data-query-as="q"): declared here rather than with
  // hx-vals="js:…", which htmx would evaluate and the Content-Security-Policy forbids.
  document.addEventListener("htmx:configRequest", function (event) {
    var field = event.detail.elt;
    var name = field && field.dataset ? field.dataset.queryAs : null;
    if (name) event.detail.parameters[name] = field.value;
  });

  // Confirm destructive actions declared with data-confirm.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
