// My stamps: after a scan the page lands on the card that changed (?new=<card id>; a scan sent with fetch
// by the offline queue loses the #card-… anchor on its way), its stamp animation playing there.
// The typed fallback code is taken as the counter shows it ("548 752", "548-752"), and a
// refusal is shown where the eye is: the field gets the focus, comes into view, and the message is in
// an aria-live region. The server applies the same rule (app.loyalty.codes.typed_digits).
(function () {
  "use strict";
  var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function bringIntoView(el) {
    el.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
  }

  function replay(el) {
    // The animations ran at load, maybe below the fold: play them again where the eye now is.
    el.style.animation = "none";
    void el.offsetWidth;
    el.style.animation = "";
  }

  var fresh = new URLSearchParams(window.location.search).get("new");
  var card = fresh && /^\d+$/.test(fresh) ? document.getElementById("card-" + fresh) : null;
  if (card) {
    card.setAttribute("tabindex", "-1");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "center", behavior: "auto" });
    if (!reduce) card.querySelectorAll(".stamp-toast, .stamp-dot.is-new").forEach(replay);
  }

  var form = document.querySelector("form[data-enter-code]");
  if (form) {
    var input = form.querySelector("input[name=digits]");
    var error = form.querySelector("[data-digits-error]");
    var field = input.closest(".field");

    var showError = function (text) {
      error.textContent = text;
      input.setAttribute("aria-invalid", "true");
      if (field) field.classList.add("has-error");
      input.focus({ preventScroll: true });
      bringIntoView(input);
    };

    form.addEventListener("submit", function (event) {
      var digits = input.value.replace(/[\s\-\u2010-\u2015\u2212.·]+/g, "");
      if (!/^\d{6}$/.test(digits)) {
        event.preventDefault();
        showError(form.getAttribute("data-digits-message"));
        return;
      }
      input.value = digits;
    });

    // The server refused the code (wrong, expired): the page opens on the field with its message.
    // After the load, when the browser has gone to #enter-code (which moves the focus to the page).
    var land = function () {
      setTimeout(function () {
        input.focus({ preventScroll: true });
        bringIntoView(input);
      }, 0);
    };
    if (error.textContent.trim()) {
      if (document.readyState === "complete") land();
      else window.addEventListener("load", land, { once: true });
    }
  }
})();
