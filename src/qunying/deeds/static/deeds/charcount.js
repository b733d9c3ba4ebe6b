// A live character count under fields marked data-charcount="LIMIT": "已输入 N / LIMIT 字", red with how many over
// once past the limit. The field keeps no maxlength, so a long paste is not cut silently: the server refuses it with
// a message instead. A static file (the CSP forbids inline script); without JavaScript the help text states the limit.
(function () {
  "use strict";
  document.querySelectorAll("[data-charcount]").forEach(function (field) {
    var limit = parseInt(field.dataset.charcount, 10) || 0;
    var output = document.getElementById(field.id + "-count");
    if (!limit || !output) return;
    function length() {
      // Code points, as the server counts; a line break arrives at the server as CR LF, two characters.
      var text = field.value;
      return Array.from(text).length + (text.match(/\n/g) || []).length;
    }
    function update() {
      var n = length();
      var over = n - limit;
      var template = over > 0 ? output.dataset.overText : output.dataset.text;
      output.textContent = template.replace("{count}", n).replace("{limit}", limit).replace("{over}", over);
      output.classList.toggle("text-danger", over > 0);
      output.classList.toggle("fw-semibold", over > 0);
      // Only the mark this script set is taken off again (a server error on the field keeps its own).
      if (over > 0) {
        field.classList.add("is-invalid");
        field.dataset.charcountMarked = "1";
      } else if (field.dataset.charcountMarked) {
        field.classList.remove("is-invalid");
        delete field.dataset.charcountMarked;
      }
    }
    field.addEventListener("input", update);
    update();
  });
})();
