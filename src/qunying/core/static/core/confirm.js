// Confirmation in a <dialog> for forms marked data-confirm="what will happen" (the CSP forbids inline script, so this
// is a static file). Without JavaScript the server answers the unconfirmed POST with a confirmation page instead;
// here the dialog asks on the same page and the form is sent with confirmed=1.
(function () {
  "use strict";
  var dialog = null;
  var script = document.currentScript;
  var cancelLabel = (script && script.dataset.cancel) || "Cancel";

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "qy-confirm border-0 rounded shadow p-0";
    dialog.innerHTML =
      '<form method="dialog" class="card border-0"><div class="card-body">' +
      '<p class="qy-confirm-message mb-3"></p>' +
      '<div class="d-flex gap-2 justify-content-end">' +
      '<button class="btn btn-outline-secondary" value="cancel" type="submit"></button>' +
      '<button class="btn btn-primary qy-confirm-ok" value="ok" type="submit"></button>' +
      "</div></div></form>";
    document.body.appendChild(dialog);
  }

  function ask(form, submitter) {
    if (!dialog) build();
    dialog.querySelector(".qy-confirm-message").textContent = form.dataset.confirm;
    var ok = dialog.querySelector(".qy-confirm-ok");
    ok.textContent = form.dataset.confirmButton || (submitter && submitter.textContent.trim()) || "OK";
    ok.className = "btn qy-confirm-ok " + (form.dataset.confirmDanger ? "btn-danger" : "btn-primary");
    dialog.querySelector('[value="cancel"]').textContent = cancelLabel;
    dialog.onclose = function () {
      if (dialog.returnValue !== "ok") return;
      var flag = document.createElement("input");
      flag.type = "hidden";
      flag.name = "confirmed";
      flag.value = "1";
      form.appendChild(flag);
      if (submitter && submitter.name) {
        var chosen = document.createElement("input");
        chosen.type = "hidden";
        chosen.name = submitter.name;
        chosen.value = submitter.value;
        form.appendChild(chosen);
      }
      form.submit();
    };
    dialog.returnValue = "";
    dialog.showModal();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset || !form.dataset.confirm || typeof HTMLDialogElement === "undefined") return;
    if (form.querySelector('input[name="confirmed"]')) return;
    event.preventDefault();
    ask(form, event.submitter);
  });
})();
