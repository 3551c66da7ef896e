// Scan page: collect the stamp at once by submitting the form (POST), as the button would.
// Never while the page is being prerendered or is hidden: only a person looking at it stamps.
(function () {
  "use strict";
  var form = document.querySelector("form[data-auto-submit]");
  if (!form) return;
  var sent = false;

  function submit() {
    if (sent || document.visibilityState !== "visible") return;
    sent = true;
    var button = form.querySelector("button[type=submit]");
    if (button) {
      button.disabled = true;
      button.textContent = button.getAttribute("data-busy-label") || button.textContent;
    }
    // Through the offline queue when it is there: a scan without signal is kept and retried.
    if (window.KickQueue && form.hasAttribute("data-offline-queue")) {
      window.KickQueue.submit(form);
    } else {
      HTMLFormElement.prototype.submit.call(form);
    }
  }

  form.addEventListener("submit", function () { sent = true; });
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", submit, { once: true });
  } else if (document.visibilityState !== "visible") {
    document.addEventListener("visibilitychange", submit);
  } else {
    submit();
  }
})();
