/* Favourite shops: the heart on each shop card and on a shop's page, and the list's "Favourites" button.
 * Without an account they are kept on this phone (KickStore "kick.favourites.<city>": a list of shop ids).
 * A signed-in shopper keeps them on the account (PUT/DELETE <data-api><shop id>); the phone's list is handed
 * over to the account on their first page after signing in, then emptied (ids the server no longer knows are
 * dropped; a failed request keeps the id on the phone for the next page).
 */
(function () {
  "use strict";

  var box = document.getElementById("shop-favourites");
  if (!box || !window.KickStore) {
    return;
  }
  var key = "kick.favourites." + box.dataset.city;
  var account = box.dataset.account === "1";
  var status = document.getElementById("shops-tool-status");
  var hearts = Array.prototype.slice.call(document.querySelectorAll(".fav-toggle[data-fav]"));
  var onlyButton = document.getElementById("shops-favourites-only");
  var ids = new Set((account ? JSON.parse(box.dataset.ids || "[]") : window.KickStore.list(key)).map(Number));

  function say(text) {
    if (status) {
      status.textContent = text || "";
    }
  }

  function send(method, id) {
    return fetch(box.dataset.api + id, {
      method: method, credentials: "same-origin", headers: { "X-CSRFToken": box.dataset.csrf },
    });
  }

  var countNum = document.getElementById("shops-count-num");
  var plural = new Intl.PluralRules(document.documentElement.lang || "nl");

  function paint() {
    hearts.forEach(function (heart) {
      var on = ids.has(Number(heart.dataset.fav));
      heart.setAttribute("aria-pressed", on ? "true" : "false");
      var text = heart.querySelector(".fav-text");
      if (text) {  /* the shop page's button says its state in words, not only with the filled heart */
        text.dataset.off = text.dataset.off || text.textContent;
        text.textContent = on ? text.dataset.on : text.dataset.off;
      }
    });
  }

  /* The count line under the filters follows the cards shown ("1 winkel" while only favourites show). */
  function count(shown) {
    if (countNum) {
      var form = plural.select(shown) === "one" ? countNum.dataset.one : countNum.dataset.other;
      countNum.textContent = form.replace(/\d+/, String(shown));
    }
  }

  function filter() {
    if (!onlyButton) {
      return;
    }
    var only = onlyButton.getAttribute("aria-pressed") === "true";
    var shown = 0;
    document.querySelectorAll(".shop-list > .shop-card").forEach(function (card) {
      var keep = !only || ids.has(Number(card.dataset.shopId));
      card.hidden = !keep;
      shown += keep ? 1 : 0;
    });
    count(shown);
    if (only) {
      say(shown ? status.dataset.favouritesCount.replace("__N__", String(shown)) : status.dataset.noFavourites);
    }
  }

  function keepOnPhone() {
    window.KickStore.set(key, Array.from(ids));
  }

  function toggle(heart) {
    var id = Number(heart.dataset.fav);
    var on = !ids.has(id);
    if (on) {
      ids.add(id);
    } else {
      ids.delete(id);
    }
    paint();
    var done = function () {
      say(on ? box.dataset.savedLabel : box.dataset.removedLabel);
      filter();
    };
    if (!account) {
      keepOnPhone();
      done();
      return;
    }
    send(on ? "PUT" : "DELETE", id).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      done();
    }).catch(function () {
      if (on) {
        ids.delete(id);
      } else {
        ids.add(id);
      }
      paint();
      say(box.dataset.failedLabel);
    });
  }

  function handOver() {
    var waiting = window.KickStore.list(key).map(Number);
    if (!waiting.length) {
      return;
    }
    var kept = [];
    Promise.all(waiting.map(function (id) {
      if (ids.has(id)) {
        return Promise.resolve();
      }
      return send("PUT", id).then(function (response) {
        if (response.ok) {
          ids.add(id);
        } else if (response.status !== 404) {
          kept.push(id);
        }
      }).catch(function () {
        kept.push(id);
      });
    })).then(function () {
      window.KickStore.set(key, kept);
      paint();
      filter();
    });
  }

  hearts.forEach(function (heart) {
    heart.hidden = false;
    heart.addEventListener("click", function (event) {
      event.preventDefault();
      toggle(heart);
    });
  });
  if (onlyButton) {
    onlyButton.hidden = false;
    onlyButton.parentElement.hidden = false;
    onlyButton.addEventListener("click", function () {
      var only = onlyButton.getAttribute("aria-pressed") !== "true";
      onlyButton.setAttribute("aria-pressed", only ? "true" : "false");
      if (!only) {
        say("");
      }
      filter();
    });
  }
  paint();
  if (account) {
    handOver();
  }
}());
