// The pain map: tapping a body region ticks the checkbox of the same pain area, and ticking
// a checkbox highlights every region of that area (front and back). The checkboxes are the
// form field and the accessible control; the drawing is hidden until this script runs, so
// without JavaScript the client simply ticks the boxes.
(function () {
  "use strict";

  function setUp(map) {
    var name = map.getAttribute("data-pain-map");
    var form = map.closest("form");
    var boxes = Array.prototype.slice.call(
      form.querySelectorAll('input[type="checkbox"][name="' + name + '"]')
    );
    var regions = Array.prototype.slice.call(map.querySelectorAll(".pain-region[data-area]"));

    function boxFor(area) {
      for (var i = 0; i < boxes.length; i++) {
        if (boxes[i].value === area) return boxes[i];
      }
      return null;
    }

    function paint() {
      regions.forEach(function (region) {
        var box = boxFor(region.getAttribute("data-area"));
        region.classList.toggle("is-selected", Boolean(box && box.checked));
      });
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

    map.hidden = false;
    paint();
  }

  document.querySelectorAll("[data-pain-map]").forEach(setUp);
})();
