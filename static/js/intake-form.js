// Move focus to the error summary when a page comes back with errors, so a screen reader
// announces it and keyboard users start there. The page works the same without this.
//
// Keep an unsent copy of the current step in this tab (sessionStorage, keyed by the step's
// path) while the client types and when they press a button. If the answer never reached
// the server (a dropped connection, the back button), the copy is put back when the step is
// opened again. The server confirms a step by showing it with the same answers, and the
// thank-you or closed-link page clears every copy of the link. sessionStorage is used, not
// localStorage, so health answers do not stay on a shared device once the tab is closed.
// Nothing here logs anything: the path holds the link's token.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  // A follow-up question (data-follow-up-of="pregnant") shows only after a yes or a not sure
  // to its parent. While hidden it is disabled, so an answer left in it is not sent. Without
  // this script the follow-up simply shows, and the server asks for it only after a yes.
  Array.prototype.forEach.call(document.querySelectorAll("[data-follow-up-of]"), function (
    followUp
  ) {
    var parentName = followUp.getAttribute("data-follow-up-of");
    var parents = document.querySelectorAll('input[type="radio"][name="' + parentName + '"]');
    if (!parents.length) {
      return;
    }
    function update() {
      var shown = false;
      Array.prototype.forEach.call(parents, function (radio) {
        if (radio.checked && (radio.value === "yes" || radio.value === "not_sure")) {
          shown = true;
        }
      });
      followUp.hidden = !shown;
      followUp.disabled = !shown;
    }
    Array.prototype.forEach.call(parents, function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  });

  var PREFIX = "intake-draft:";
  var store;
  try {
    store = window.sessionStorage;
    store.getItem(PREFIX);
  } catch (e) {
    return; // storage disabled: the server still keeps every saved step
  }

  // Pages that end the form (thanks, a used or expired link) drop the link's copies.
  var done = document.querySelector("[data-intake-done]");
  if (done) {
    var linkPrefix = PREFIX + done.getAttribute("data-intake-done");
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (key && key.indexOf(linkPrefix) === 0) {
        store.removeItem(key);
      }
    }
    return;
  }

  var form = document.querySelector("form[data-draft]");
  if (!form) {
    return;
  }
  var draftKey = PREFIX + (form.getAttribute("action") || window.location.pathname);
  var SKIP = { csrfmiddlewaretoken: true, action: true, submission_key: true };

  function read() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || el.type === "submit" || el.type === "button") {
        return;
      }
      if (!values[el.name]) {
        values[el.name] = [];
      }
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) {
          values[el.name].push(el.value);
        }
      } else {
        values[el.name].push(el.value);
      }
    });
    return values;
  }

  function write(values) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in values) || el.type === "submit") {
        return;
      }
      var wanted = values[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = wanted.indexOf(el.value) !== -1;
        el.dispatchEvent(new Event("change", { bubbles: true }));
      } else if (wanted.length) {
        el.value = wanted[0];
      }
    });
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  var shown = read();
  var saved = null;
  try {
    saved = JSON.parse(store.getItem(draftKey) || "null");
  } catch (e) {
    saved = null;
  }
  if (saved && !same(saved, shown)) {
    write(saved);
    var note = document.createElement("p");
    note.className = "draft-restored alert alert-info";
    note.setAttribute("role", "status");
    note.textContent =
      "We put back what you typed on this device before. It is not saved yet: " +
      "press the button below to save it.";
    form.insertBefore(note, form.firstChild);
  } else if (saved) {
    store.removeItem(draftKey); // the server shows the same answers: it has them
  }

  function keep() {
    try {
      store.setItem(draftKey, JSON.stringify(read()));
    } catch (e) {
      // storage full: the server still keeps every saved step
    }
  }
  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
  form.addEventListener("submit", keep);
})();
