// The image picker window: hand the uploaded image back to the body editor, then close.
(function () {
  "use strict";
  var script = document.currentScript;
  var data = JSON.parse(document.getElementById("uploaded-image").textContent);
  var funcNum = script.dataset.funcNum;
  var opener = window.opener;
  if (opener && opener.CKEDITOR && opener.CKEDITOR.tools && funcNum) {
    opener.CKEDITOR.tools.callFunction(Number(funcNum), data.url, data);
    window.close();
  }
})();
