// The township board is watched through voting day: reload it every minute unless the
// officer is reading with the page scrolled (a reload would lose their place).
(function () {
  "use strict";
  var seconds = 60;
  window.setTimeout(function reload() {
    if (window.scrollY > 200) {
      window.setTimeout(reload, seconds * 1000);
      return;
    }
    window.location.reload();
  }, seconds * 1000);
})();
