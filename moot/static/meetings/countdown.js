// Countdowns: each element with data-countdown="<ISO end time>" shows the minutes and
// seconds left, once a second; at zero it says the time is up. Safe to load twice
// (htmx-boosted pages run their scripts again on each visit).
(function () {
  "use strict";
  if (window.mootCountdown) { return; }
  window.mootCountdown = true;

  function show(element) {
    var end = Date.parse(element.dataset.countdown);
    if (isNaN(end)) { return; }
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    var minutes = Math.floor(left / 60);
    var seconds = left % 60;
    element.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    element.classList.toggle("time-up", left === 0);
  }

  setInterval(function () {
    document.querySelectorAll("[data-countdown]").forEach(show);
  }, 1000);
})();
