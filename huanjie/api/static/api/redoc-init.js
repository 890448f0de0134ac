// Starts Redoc on the schema named by the page (no inline script: the site's CSP forbids it).
"use strict";
(function () {
  const container = document.getElementById("redoc-container");
  if (container && window.Redoc) {
    window.Redoc.init(container.dataset.specUrl, {}, container);
  }
})();
