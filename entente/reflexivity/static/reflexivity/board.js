/* Learning boards: a refused dot is said in place, the live columns keep refreshing. */
(function () {
  "use strict";
  document.addEventListener("htmx:responseError", function (event) {
    var box = document.getElementById("board-error");
    if (!box) return;
    box.textContent = event.detail.xhr.responseText || "La gommette n'a pas pu être posée.";
    box.hidden = false;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var box = document.getElementById("board-error");
    if (box && event.detail.successful && event.detail.requestConfig.verb === "post") {
      box.textContent = "";
      box.hidden = true;
    }
  });
})();
