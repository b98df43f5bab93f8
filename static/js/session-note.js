// Session note form: as the therapist ticks structures, show the map's suggestions, already
// filtered by the client's cautions on the server (the JSON blob "note-map"). Without
// JavaScript the "Show suggestions" button re-renders the same panel on the server.
(function () {
  "use strict";
  var blob = document.getElementById("note-map");
  var panel = document.getElementById("suggestions");
  var form = document.getElementById("note-form");
  if (!blob || !panel || !form) return;
  var map = JSON.parse(blob.textContent);
  var techniques = map.techniques; // in map order, each {id, label, excluded, reason}
  var selfCare = map.self_care; // in map order, each {id, label, excluded, reason}

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }

  function list(items, className, dataName) {
    var ul = el("ul", "", { "class": className });
    items.forEach(function (item) {
      var attrs = {};
      attrs["data-" + dataName] = item.id;
      ul.appendChild(el("li", item.text, attrs));
    });
    return ul;
  }

  function render() {
    var ticked = Array.prototype.slice
      .call(form.querySelectorAll('input[name="complaints"]:checked'))
      .map(function (input) { return input.value; })
      .filter(function (id) { return map.complaints[id]; });
    var wanted = {}, wantedCare = {};
    ticked.forEach(function (id) {
      map.complaints[id].techniques.forEach(function (t) { wanted[t] = true; });
      map.complaints[id].self_care.forEach(function (s) { wantedCare[s] = true; });
    });
    // No deep pressure over the scalenes or the front of the neck (checked again on saving).
    var frontOfNeck = ticked.some(function (id) { return map.complaints[id].front_of_neck; });
    function isExcluded(t) { return t.excluded || (frontOfNeck && t.deep_pressure); }
    function reason(t) { return t.excluded ? t.reason : t.front_of_neck_reason; }
    var allowed = techniques.filter(function (t) { return wanted[t.id] && !isExcluded(t); });
    var excluded = techniques.filter(function (t) { return wanted[t.id] && isExcluded(t); });
    var care = selfCare.filter(function (s) { return wantedCare[s.id] && !s.excluded; });
    var excludedCare = selfCare.filter(function (s) { return wantedCare[s.id] && s.excluded; });

    current = { allowed: allowed, care: care };
    panel.replaceChildren();
    if (!ticked.length) {
      panel.appendChild(el("p", "Tick the structures involved to see suggested techniques and self-care.", { "class": "panel-empty mb-0" }));
    } else {
      panel.appendChild(el("h3", "Suggested techniques", { "class": "h6" }));
      if (allowed.length) {
        panel.appendChild(list(allowed.map(function (t) { return { id: t.id, text: t.label }; }), "suggested-techniques", "technique"));
      } else {
        panel.appendChild(el("p", "None of the map's techniques for these structures suit this client.", { "class": "small" }));
      }
      panel.appendChild(el("h3", "Suggested self-care", { "class": "h6" }));
      if (care.length || !excludedCare.length) {
        panel.appendChild(list(care.map(function (s) { return { id: s.id, text: s.label }; }), "suggested-self-care", "self-care"));
      } else {
        panel.appendChild(el("p", "None of the map's self-care for these structures suits this client.", { "class": "small" }));
      }
      if (excluded.length || excludedCare.length) {
        panel.appendChild(el("h3", "Not suggested for this client", { "class": "h6" }));
      }
      if (excluded.length) {
        panel.appendChild(list(excluded.map(function (t) { return { id: t.id, text: reason(t) }; }), "excluded-techniques", "technique"));
      }
      if (excludedCare.length) {
        panel.appendChild(list(excludedCare.map(function (s) { return { id: s.id, text: s.reason }; }), "excluded-self-care", "self-care"));
      }
      ticked.forEach(function (id) {
        var complaint = map.complaints[id];
        if (!complaint.note) return;
        var p = el("p", "", { "class": "small mb-1" });
        p.appendChild(el("strong", complaint.label + ":"));
        p.appendChild(document.createTextNode(" " + complaint.note));
        panel.appendChild(p);
      });
    }
    // Mark the suggested techniques in the "Techniques used" list too.
    form.querySelectorAll(".suggested-badge").forEach(function (badge) {
      var id = badge.getAttribute("data-technique");
      badge.hidden = !allowed.some(function (t) { return t.id === id; });
    });
  }

  // "Apply suggestions": tick the suggested techniques and self-care, still editable. The
  // excluded ones are not in `current.allowed` or `current.care`, and a disabled box is
  // never ticked.
  var current = { allowed: [], care: [] };
  function tick(name, id) {
    var box = form.querySelector('input[name="' + name + '"][value="' + id + '"]');
    if (box && !box.disabled) box.checked = true;
  }
  var apply = document.getElementById("apply-suggestions");
  if (apply) {
    apply.addEventListener("click", function (event) {
      event.preventDefault();
      render();
      current.allowed.forEach(function (t) { tick("techniques", t.id); });
      current.care.forEach(function (s) { tick("self_care", s.id); });
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "complaints") render();
  });
  // Suggestions follow the ticks live, so the no-JavaScript button is not needed.
  var button = document.getElementById("show-suggestions");
  if (button) button.hidden = true;
})();
