// Forms marked data-once send once: after the first submit their buttons are disabled, so a
// double click does not post twice. The server refuses a second post anyway (one-time form
// keys, row locks); this only spares the user the wait. Buttons are disabled after the
// browser has collected the form's data, so the pressed button's name still reaches the
// server, and enabled again when the page comes back from the back/forward cache.
(function () {
  "use strict";
  function buttons(form) {
    return form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-once") || event.defaultPrevented) {
      return;
    }
    if (form.getAttribute("data-once-sent") === "1") {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-once-sent", "1");
    window.setTimeout(function () {
      buttons(form).forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.removeAttribute("data-once-sent");
      buttons(form).forEach(function (button) {
        button.disabled = false;
      });
    });
  });
})();
