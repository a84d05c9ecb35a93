// Preview page: switch between editions (or show them all) without leaving the page.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-show-lang]");
    var sections = document.querySelectorAll(".preview-edition");
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var lang = button.dataset.showLang;
        sections.forEach(function (section) {
          section.hidden = !(lang === "all" || section.dataset.lang === lang);
        });
        buttons.forEach(function (other) {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        });
      });
    });
  });
})();
