// Search as you type. A GET form marked data-live-search="ID" fetches its own results page
// as the user types and puts that page's #client-results in place of element ID: the same
// HTML and links as without JavaScript, where pressing Search shows the page. A newer
// search always wins over an older answer arriving late.
(function () {
  "use strict";
  var PAUSE_MS = 250;
  document.querySelectorAll("form[data-live-search]").forEach(function (form) {
    var input = form.querySelector("input[type=search]");
    var target = document.getElementById(form.getAttribute("data-live-search"));
    if (!input || !target) {
      return;
    }
    var timer = null;
    var latest = 0;
    function show(html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      var found = page.getElementById("client-results");
      target.innerHTML = found ? found.innerHTML : "";
    }
    function search() {
      var ticket = ++latest;
      if (!input.value.trim() && form.hasAttribute("data-live-search-clear")) {
        target.innerHTML = "";
        return;
      }
      var query = new URLSearchParams(new FormData(form)).toString();
      fetch(form.action + "?" + query, { credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        })
        .then(function (html) {
          if (ticket === latest) {
            show(html);
          }
        })
        .catch(function () {
          // The Search button still works: nothing to tell the user here.
        });
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, PAUSE_MS);
    });
  });
})();
