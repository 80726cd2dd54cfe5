// The room's check-in screen (/dao-tao/buoi/{id}/ma-diem-danh): counts down to the next code and, when it changes
// (every 30 seconds), fetches the page again and swaps the screen in place, so the projector never flashes.
// Served as a file: the Content-Security-Policy allows no inline script. Without script, a <noscript> refresh does it.
(function () {
  'use strict';
  var screen = document.getElementById('check-in-screen');
  if (!screen || !window.fetch || !window.DOMParser) return;
  var left = secondsLeft(screen);
  var busy = false;

  function secondsLeft(element) {
    var value = parseInt(element.getAttribute('data-seconds-left'), 10);
    return value > 0 && value <= 30 ? value : 30;
  }

  function refresh() {
    busy = true;
    fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, 'text/html').getElementById('check-in-screen');
        if (!next) throw new Error('no check-in screen in the answer');
        screen.replaceWith(next);
        screen = next;
        left = secondsLeft(next);
        busy = false;
      })
      .catch(function () { window.location.reload(); });
  }

  window.setInterval(function () {
    if (busy) return;
    left -= 1;
    if (left <= 0) {
      refresh();
      return;
    }
    var seconds = document.getElementById('seconds');
    if (seconds) seconds.textContent = String(left);
  }, 1000);
})();
