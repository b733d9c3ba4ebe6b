// Buttons marked data-countdown="N" stay disabled for N seconds, showing data-countdown-text with {seconds}
// (a static file: the CSP forbids inline script). Without JavaScript the server refuses an early click instead.
(function () {
  "use strict";
  document.querySelectorAll("[data-countdown]").forEach(function (button) {
    var left = parseInt(button.dataset.countdown, 10) || 0;
    if (left <= 0) return;
    var label = button.textContent;
    var template = button.dataset.countdownText || "{seconds}";
    function tick() {
      if (left <= 0) {
        button.disabled = false;
        button.textContent = label;
        return;
      }
      button.disabled = true;
      button.textContent = template.replace("{seconds}", left);
      left -= 1;
      window.setTimeout(tick, 1000);
    }
    tick();
  });
})();
