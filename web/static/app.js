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

// An amount field marked data-amount shows, as it is typed, what its
// activity will total once saved: data-base (the total without this line)
// plus the amount typed (1.500.000 or 1500000), written into the element
// data-preview names with the words of data-words ("{total}" replaced).
(function () {
  "use strict";
  function group(n, mark) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, mark);
  }
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.hasAttribute || !field.hasAttribute("data-preview")) {
      return;
    }
    var out = document.getElementById(field.getAttribute("data-preview"));
    var typed = field.value.trim();
    if (!out || !/^([1-9]\d{0,2}(\.\d{3})+|\d+)$/.test(typed)) {
      if (out) { out.textContent = ""; }
      return;
    }
    var total = Number(field.getAttribute("data-base")) + Number(typed.replace(/\./g, ""));
    if (!Number.isSafeInteger(total)) {
      out.textContent = "";
      return;
    }
    out.textContent = field.getAttribute("data-words").replace("{total}", group(total, field.getAttribute("data-group")));
  });
})();
