// The drill-down of one figure: a row opens its village; the figure chooser opens the other
// figure's page (its key is part of the path).
(function () {
  "use strict";
  document.querySelectorAll("tr[data-href]").forEach(function (row) {
    row.classList.add("hj-clickable");
    row.addEventListener("click", function (event) {
      if (event.target.closest("a")) { return; }
      window.location.href = row.getAttribute("data-href");
    });
  });
  var form = document.getElementById("hj-figure-form");
  var select = document.getElementById("f-figure");
  if (!form || !select) { return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var term = form.querySelector("input[name=term]");
    var url = select.getAttribute("data-base").replace("KEY", select.value);
    window.location.href = url + (term ? "?term=" + encodeURIComponent(term.value) : "");
  });
})();
