// The intake link page: without JavaScript the read-only field is selected on focus and
// copied by hand; with a clipboard, a "Copy link" button appears.
(function () {
  var button = document.getElementById("copy-link");
  var input = document.getElementById("intake-link");
  if (!button || !input) { return; }
  input.addEventListener("focus", function () { input.select(); });
  if (!navigator.clipboard) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(input.value).then(function () {
      button.textContent = "Copied";
    }, function () {
      input.select();
    });
  });
})();
