// Small plain JavaScript: the CSRF header for htmx requests, copy buttons, focus after a swap.
(function () {
  "use strict";
  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrf();
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.innerText).then(function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var input = document.querySelector("[data-refocus]");
    if (input && event.detail.target.id === "chat-log") { input.value = ""; input.focus(); }
  });
})();
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});
