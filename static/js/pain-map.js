// The pain map: tapping a body region ticks the checkbox of the same pain area, and ticking
// a checkbox highlights every region of that area (front and back). The checkboxes are the
// form field and the accessible control. Without JavaScript both views show side by side as
// a picture and the client ticks the boxes; this script shows one view at a time across the
// width (large tap targets) with a button to turn it, lists the marked areas as chips right
// under it, and folds the list of boxes away behind its summary.
(function () {
  "use strict";

  function setUp(map) {
    var name = map.getAttribute("data-pain-map");
    var fieldset = map.closest("fieldset") || map.parentNode;
    var boxes = Array.prototype.slice.call(
      fieldset.querySelectorAll('input[type="checkbox"][name="' + name + '"]')
    );
    var regions = Array.prototype.slice.call(map.querySelectorAll(".pain-region[data-area]"));
    var views = Array.prototype.slice.call(map.querySelectorAll(".pain-map-view"));
    var bar = map.querySelector(".pain-map-bar");
    var turn = map.querySelector(".pain-map-turn");
    var chosen = map.querySelector(".pain-map-chosen");
    var chips = map.querySelector(".pain-chips");
    var list = fieldset.querySelector(".pain-area-list");
    var staticHelp = map.querySelector(".pain-map-help-static");

    function boxFor(area) {
      for (var i = 0; i < boxes.length; i++) {
        if (boxes[i].value === area) return boxes[i];
      }
      return null;
    }

    function labelFor(box) {
      var label = fieldset.querySelector('label[for="' + box.id + '"]');
      return label ? label.textContent : box.value;
    }

    function paint() {
      regions.forEach(function (region) {
        var box = boxFor(region.getAttribute("data-area"));
        region.classList.toggle("is-selected", Boolean(box && box.checked));
      });
      while (chips.firstChild) chips.removeChild(chips.firstChild);
      var marked = boxes.filter(function (box) {
        return box.checked;
      });
      if (!marked.length) {
        var empty = document.createElement("li");
        empty.className = "pain-chip-empty";
        empty.textContent = chips.getAttribute("data-empty");
        chips.appendChild(empty);
      }
      marked.forEach(function (box) {
        var chip = document.createElement("li");
        chip.className = "pain-chip";
        chip.setAttribute("data-area", box.value);
        chip.textContent = labelFor(box);
        chips.appendChild(chip);
      });
    }

    function show(viewId) {
      views.forEach(function (view) {
        view.classList.toggle("is-shown", view.getAttribute("data-view") === viewId);
      });
      turn.textContent = turn.getAttribute(viewId === "front" ? "data-show-back" : "data-show-front");
      turn.setAttribute("data-showing", viewId);
    }

    regions.forEach(function (region) {
      region.addEventListener("click", function () {
        var box = boxFor(region.getAttribute("data-area"));
        if (!box) return;
        box.checked = !box.checked;
        box.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
    boxes.forEach(function (box) {
      box.addEventListener("change", paint);
    });
    turn.addEventListener("click", function () {
      show(turn.getAttribute("data-showing") === "front" ? "back" : "front");
    });

    map.classList.add("is-interactive");
    bar.hidden = false;
    chosen.hidden = false;
    if (staticHelp) staticHelp.hidden = true;
    if (list) list.open = false;
    show("front");
    paint();
  }

  document.querySelectorAll("[data-pain-map]").forEach(setUp);
})();
