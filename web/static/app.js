// baove: enhancements only. Every page works without this file.
//
// A form marked data-confirm="Question?" asks before it is sent, and is not
// sent when the reader says no.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
