// The document view: switch highlight layers on and off, and mark the event jumped to.
(function () {
  "use strict";
  var article = document.getElementById("article");
  var layers = document.getElementById("layers");
  if (!article || !layers) { return; }
  layers.addEventListener("change", function (event) {
    var box = event.target;
    if (box && box.dataset && box.dataset.layer) {
      article.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    }
  });
  function focus() {
    var previous = article.querySelectorAll(".focus");
    previous.forEach(function (el) { el.classList.remove("focus"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    var anchor = id ? document.getElementById(id) : null;
    if (!anchor || !article.contains(anchor)) { return; }
    var next = anchor.nextElementSibling;
    while (next && next.classList.contains("anchor")) { next = next.nextElementSibling; }
    if (next) { next.classList.add("focus"); }
  }
  window.addEventListener("hashchange", focus);
  focus();
})();
