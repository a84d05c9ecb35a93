/* Most read (articles/reading.py): the article page, cached or not, counts one reading by
   sending an empty POST to the URL in this script's data-count-reading attribute. The page
   itself may come from the page cache or a CDN, where no view runs; this request never is. */
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-count-reading");
  if (!url) return;
  if (navigator.sendBeacon) {
    navigator.sendBeacon(url);
  } else if (window.fetch) {
    fetch(url, { method: "POST", credentials: "omit", keepalive: true }).catch(function () {});
  }
})();
