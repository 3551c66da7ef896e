/* KickStore: the small state this device keeps between visits, in localStorage as JSON
 * (the offline queue, the "visited" ticks of a trail, when the install hint was dismissed).
 * Storage may be off (private mode, full, blocked): reads then give the fallback and writes
 * return false, so every caller goes on in memory. Loaded on every page before app.js.
 */
(function () {
  "use strict";

  function get(key, fallback) {
    try {
      var raw = window.localStorage.getItem(key);
      return raw === null || raw === "" ? fallback : JSON.parse(raw);
    } catch {
      return fallback;
    }
  }

  function list(key) {
    var value = get(key, []);
    return Array.isArray(value) ? value : [];
  }

  function set(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  }

  window.KickStore = { get: get, list: list, set: set };
}());
