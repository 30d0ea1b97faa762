/* Entente — small progressive enhancements (no framework). */
(function () {
  "use strict";

  // Partner picker: a result button of the autocomplete adds a row (hidden inputs + role).
  function addPartner(picker, value, label) {
    var picked = picker.querySelector(".entente-picked");
    var exists = Array.prototype.some.call(picked.querySelectorAll('input[name="partner"]'), function (input) {
      return input.value === value;
    });
    if (exists) return;
    var row = picker.querySelector("template").content.firstElementChild.cloneNode(true);
    row.querySelector('input[name="partner"]').value = value;
    row.querySelector('input[name="partner_label"]').value = label;
    row.querySelector(".entente-partner-label").textContent = label;
    row.querySelector("select").setAttribute("aria-label", "Rôle de " + label);
    picked.appendChild(row);
    var empty = picker.querySelector("#partner-empty");
    if (empty) empty.hidden = true;
  }

  document.addEventListener("click", function (event) {
    var pick = event.target.closest(".entente-pick");
    var picker = event.target.closest("[data-partner-picker]");
    if (pick && picker) {
      event.preventDefault();
      addPartner(picker, pick.dataset.value, pick.dataset.label);
      var results = picker.querySelector(".entente-autocomplete");
      if (results) results.innerHTML = "";
      var search = picker.querySelector('input[type="search"]');
      if (search) { search.value = ""; search.setAttribute("aria-expanded", "false"); search.focus(); }
      return;
    }
    var remove = event.target.closest(".entente-partner-remove");
    if (remove) {
      event.preventDefault();
      remove.closest(".entente-partner-row").remove();
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

  // Confirm destructive actions declared with data-confirm.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
