// ESLint flat config for our own browser scripts (run by scripts/test: npx --no-install eslint static/js).
// The scripts are classic deferred <script>s sharing a few globals: Leaflet's L and our Kick* helpers.
"use strict";
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  { ignores: ["static/vendor/**", "node_modules/**", "tests/browser/.vendor/**"] },
  js.configs.recommended,
  {
    files: ["static/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, L: "readonly", KickMap: "readonly", KickStore: "readonly" },
    },
  },
  {
    // The service worker runs in its own global scope (self, caches, clients), not in a page.
    files: ["static/js/sw.js"],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
];
