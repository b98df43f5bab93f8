// Move focus to the error summary when a page comes back with errors, so a screen reader
// announces it and keyboard users start there. The page works the same without this.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
