// Progress bars take their width from data-hj-progress (a percentage), set here because the
// Content-Security-Policy allows no style attribute; htmx.onLoad also sizes each polled fragment.
(function () {
  "use strict";
  function size(root) {
    var bars = Array.prototype.slice.call(root.querySelectorAll("[data-hj-progress]"));
    if (root.matches && root.matches("[data-hj-progress]")) { bars.push(root); }
    bars.forEach(function (bar) {
      var percent = Math.max(0, Math.min(100, parseInt(bar.getAttribute("data-hj-progress"), 10) || 0));
      bar.style.width = percent + "%";
    });
  }
  if (window.htmx) {
    window.htmx.onLoad(size);
  } else {
    document.addEventListener("DOMContentLoaded", function () { size(document); });
  }
})();
