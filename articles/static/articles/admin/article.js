// Article change form: editor direction, "who is editing" heartbeat, cover preview.
(function () {
  "use strict";

  // django-prose-editor wraps each body textarea; give the editor the textarea's dir/lang
  // so Arabic is right-to-left and French left-to-right whatever the admin's language.
  document.addEventListener("prose-editor:ready", function (event) {
    var textarea = event.detail.textarea;
    var wrapper = textarea.closest(".prose-editor");
    var dom = event.detail.editor.view.dom;
    ["dir", "lang"].forEach(function (name) {
      var value = textarea.getAttribute(name);
      if (value) {
        if (wrapper) wrapper.setAttribute(name, value);
        dom.setAttribute(name, value);
      }
    });
  });

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function startHeartbeat(banner) {
    var url = banner.dataset.heartbeatUrl;
    var template = banner.dataset.template;
    var interval = (parseInt(banner.dataset.interval, 10) || 60) * 1000;
    function render(others) {
      banner.textContent = "";
      others.forEach(function (other) {
        var p = document.createElement("p");
        p.textContent = template.replace("__name__", other.name).replace("__since__", other.since);
        banner.appendChild(p);
      });
      banner.hidden = others.length === 0;
    }
    function beat() {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrfToken());
      fetch(url, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) render(data.others); })
        .catch(function () {});
    }
    window.setInterval(beat, interval);
    window.addEventListener("pagehide", function () {
      if (document.querySelector("form[data-submitting]")) return;
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrfToken());
      body.append("leave", "1");
      if (navigator.sendBeacon) navigator.sendBeacon(url, body);
    });
  }

  function coverPreview(input) {
    var img = document.querySelector("img.cover-preview");
    if (!img) return;
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file || !/^image\//.test(file.type)) return;
      img.src = URL.createObjectURL(file);
      img.hidden = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var banner = document.getElementById("editing-banner");
    if (banner) startHeartbeat(banner);
    var cover = document.querySelector("input[type=file][name=cover]");
    if (cover) coverPreview(cover);
    var form = document.getElementById("article_form");
    if (form) form.addEventListener("submit", function () { form.dataset.submitting = "1"; });
  });
})();
