/* "In the same section" carousel. Without JavaScript the track is a plain scrolling list;
   with it, previous/next buttons appear, move one item at a time in the reading direction
   (right-to-left in Arabic), are disabled at the ends, and announce the visible items. */
(function () {
  "use strict";

  function setup(root) {
    var track = root.querySelector(".carousel-track");
    var prev = root.querySelector("[data-carousel-prev]");
    var next = root.querySelector("[data-carousel-next]");
    var status = root.querySelector("[data-carousel-status]");
    var controls = root.querySelector(".carousel-controls");
    var items = track ? track.children : [];
    if (!track || !prev || !next || items.length < 2) return;

    var rtl = getComputedStyle(track).direction === "rtl";
    var template = root.getAttribute("data-status-template") || "{first}–{last} / {total}";

    function step() {
      var first = items[0].getBoundingClientRect();
      var gap = parseFloat(getComputedStyle(track).columnGap) || 0;
      return first.width + gap;
    }
    // Distance scrolled from the start edge, positive in both directions.
    function offset() { return Math.abs(track.scrollLeft); }
    function maxOffset() { return track.scrollWidth - track.clientWidth; }

    function update() {
      var atStart = offset() <= 1;
      var atEnd = offset() >= maxOffset() - 1;
      // aria-disabled rather than disabled: a keyboard user keeps focus on the button at the end.
      prev.setAttribute("aria-disabled", String(atStart));
      next.setAttribute("aria-disabled", String(atEnd));
      var perView = Math.max(1, Math.round(track.clientWidth / step()));
      var first = Math.min(items.length, Math.round(offset() / step()) + 1);
      var last = Math.min(items.length, first + perView - 1);
      status.textContent = template
        .replace("{first}", first).replace("{last}", last).replace("{total}", items.length);
    }

    function move(direction) {
      // In RTL, moving towards the end means scrolling to the left (negative scrollLeft).
      var delta = direction * step() * (rtl ? -1 : 1);
      track.scrollBy({ left: delta, behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
    }

    prev.addEventListener("click", function () { if (prev.getAttribute("aria-disabled") !== "true") move(-1); });
    next.addEventListener("click", function () { if (next.getAttribute("aria-disabled") !== "true") move(1); });
    track.addEventListener("keydown", function (event) {
      var forward = rtl ? "ArrowLeft" : "ArrowRight";
      var backward = rtl ? "ArrowRight" : "ArrowLeft";
      if (event.key === forward) { move(1); event.preventDefault(); }
      else if (event.key === backward) { move(-1); event.preventDefault(); }
    });
    var pending;
    track.addEventListener("scroll", function () {
      clearTimeout(pending);
      pending = setTimeout(update, 80);
    }, { passive: true });
    window.addEventListener("resize", update);

    controls.hidden = false;
    root.classList.add("is-enhanced");
    update();
  }

  document.querySelectorAll("[data-carousel]").forEach(setup);
})();
