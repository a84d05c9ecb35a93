/* Banner slots (ads/README.md). The page carries an empty box of each slot's size; when a
   box comes near the viewport, one request to /ads/fill/ asks which banner goes in it (the
   server rotates by weight and counts the impression, so cached pages stay right). A slot
   that comes back empty (its banner ended since the page was made) is removed. */
(function () {
  "use strict";

  var slots = Array.prototype.slice.call(document.querySelectorAll("[data-ad-slot]"));
  if (!slots.length || !window.fetch) return;
  var lang = document.documentElement.lang || "";
  var endpoint = slots[0].getAttribute("data-ad-fill") || "/ads/fill/";

  function fill(batch) {
    var names = batch.map(function (el) { return el.getAttribute("data-ad-slot"); });
    var url = endpoint + "?lang=" + encodeURIComponent(lang) + "&slots=" + encodeURIComponent(names.join(","));
    fetch(url, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("ads: " + response.status);
        return response.json();
      })
      .then(function (data) {
        batch.forEach(function (el) {
          var html = (data.slots || {})[el.getAttribute("data-ad-slot")];
          var box = el.querySelector("[data-ad-box]");
          if (html && box) {
            box.innerHTML = html;
            el.setAttribute("data-ad-filled", "");
          } else if (html === "") {
            el.remove();
          }
        });
      })
      .catch(function () { /* leave the reserved boxes as they are: never break the page */ });
  }

  if (!("IntersectionObserver" in window)) {
    fill(slots);
    return;
  }
  var observer = new IntersectionObserver(function (entries) {
    var batch = [];
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        batch.push(entry.target);
      }
    });
    if (batch.length) fill(batch);
  }, { rootMargin: "300px 0px" });
  slots.forEach(function (el) { observer.observe(el); });
})();
