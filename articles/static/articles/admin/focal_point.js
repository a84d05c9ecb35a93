// The cover's focal point: click the cover preview (or use the arrow keys on it) to set
// the inputs cover_focal_x / cover_focal_y (0..1 of the picture's width and height, from
// its top-left corner whatever the page's direction: a picture is never mirrored).
// The inputs are rendered by articles/widgets.py (FocalPointInput); without this script
// they are plain number inputs.
(function () {
  "use strict";

  var STEP = 0.05;
  var FINE_STEP = 0.01;

  function clamp(value) {
    if (!isFinite(value)) return 0.5;
    return Math.min(1, Math.max(0, value));
  }

  function round(value) {
    return Math.round(clamp(value) * 100) / 100;
  }

  function setUp(inputX, inputY, img) {
    var picker = document.createElement("div");
    picker.className = "focal-picker";
    picker.tabIndex = 0;
    picker.setAttribute("role", "application");
    picker.setAttribute("aria-label", inputX.dataset.focalLabel || "Focal point");
    var help = document.createElement("p");
    help.className = "focal-help";
    help.id = "focal-help";
    help.textContent = inputX.dataset.focalHelp || "";
    var status = document.createElement("p");
    status.className = "focal-status";
    status.id = "focal-status";
    status.setAttribute("aria-live", "polite");
    picker.setAttribute("aria-describedby", "focal-help focal-status");
    var marker = document.createElement("span");
    marker.className = "focal-marker";
    marker.setAttribute("aria-hidden", "true");

    img.parentNode.insertBefore(picker, img);
    picker.appendChild(img);
    picker.appendChild(marker);
    picker.parentNode.insertBefore(help, picker.nextSibling);
    help.parentNode.insertBefore(status, help.nextSibling);
    // The browser must not start dragging the picture on a click.
    img.draggable = false;

    function current() {
      return { x: clamp(parseFloat(inputX.value)), y: clamp(parseFloat(inputY.value)) };
    }

    function show() {
      var point = current();
      marker.style.left = point.x * 100 + "%";
      marker.style.top = point.y * 100 + "%";
      status.textContent = (inputX.dataset.focalStatus || "__x__%, __y__%")
        .replace("__x__", Math.round(point.x * 100))
        .replace("__y__", Math.round(point.y * 100));
      picker.hidden = help.hidden = status.hidden = img.hidden;
    }

    function set(x, y) {
      inputX.value = round(x);
      inputY.value = round(y);
      [inputX, inputY].forEach(function (input) {
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      show();
    }

    picker.addEventListener("click", function (event) {
      var box = img.getBoundingClientRect();
      if (!box.width || !box.height) return;
      set((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
    });

    picker.addEventListener("keydown", function (event) {
      var point = current();
      var step = event.shiftKey ? FINE_STEP : STEP;
      switch (event.key) {
        case "ArrowLeft": point.x -= step; break;
        case "ArrowRight": point.x += step; break;
        case "ArrowUp": point.y -= step; break;
        case "ArrowDown": point.y += step; break;
        case "Home": point.x = point.y = 0.5; break;
        default: return;
      }
      event.preventDefault();
      set(point.x, point.y);
    });

    [inputX, inputY].forEach(function (input) {
      input.addEventListener("input", show);
    });

    // A new picture chosen: its focal point starts at the centre (article.js shows it).
    var file = document.querySelector("input[type=file][name=cover]");
    if (file) {
      file.addEventListener("change", function () {
        window.setTimeout(function () { set(0.5, 0.5); }, 0);
      });
    }
    // article.js un-hides the preview when a file is chosen.
    new MutationObserver(show).observe(img, { attributes: true, attributeFilter: ["hidden", "src"] });
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var inputX = document.querySelector("input.focal-input[data-focal-axis=x]");
    var inputY = document.querySelector("input.focal-input[data-focal-axis=y]");
    var img = document.querySelector("img.cover-preview");
    if (inputX && inputY && img) setUp(inputX, inputY, img);
  });
})();
