/* Theme studio live preview: colours and tagline update the preview while typing, and the
 * contrast read-outs are recomputed with the same WCAG 2.1 formula the server enforces
 * (app/core/contrast.py). The server still decides on save; this only shows it early.
 */
(function () {
  'use strict';
  var form = document.querySelector('[data-theme-form]');
  var preview = document.querySelector('[data-theme-preview]');
  if (!form || !preview) return;
  var HEX = /^#[0-9a-f]{6}$/i;

  function channel(c) {
    c /= 255;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
  function luminance(hex) {
    var n = parseInt(hex.slice(1), 16);
    return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
  }
  function ratio(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }
  function readableOn(bg) { return ratio(bg, '#000000') >= ratio(bg, '#FFFFFF') ? '#000000' : '#FFFFFF'; }

  function value(name) {
    var input = form.querySelector('[name="' + name + '"]');
    var v = input ? input.value.trim() : '';
    return HEX.test(v) ? v.toUpperCase() : null;
  }

  var list = document.querySelector('[data-contrast-list]');
  var words = { enough: list ? list.dataset.enough : '', low: list ? list.dataset.low : '' };

  function update() {
    var c = { primary: value('primary_color'), accent: value('accent_color'), bg: value('background_color'),
              text: value('text_color') };
    ['primary_color', 'accent_color', 'background_color', 'text_color'].forEach(function (name) {
      var swatch = document.querySelector('[data-swatch-for="' + name + '"]');
      var v = value(name);
      if (swatch && v) swatch.style.backgroundColor = v;
    });
    if (c.primary) {
      preview.style.setProperty('--primary', c.primary);
      preview.style.setProperty('--on-primary', readableOn(c.primary));
    }
    if (c.accent) preview.style.setProperty('--accent', c.accent);
    if (c.bg) preview.style.setProperty('--bg', c.bg);
    if (c.text) preview.style.setProperty('--text', c.text);
    if (!(c.primary && c.accent && c.bg && c.text)) return;
    var pairs = [[c.text, c.bg], [c.primary, c.bg], [readableOn(c.primary), c.primary], [c.accent, c.bg]];
    document.querySelectorAll('[data-contrast]').forEach(function (li) {
      var pair = pairs[Number(li.dataset.pair)];
      if (!pair) return;
      var r = ratio(pair[0], pair[1]);
      var good = r >= Number(li.dataset.needed);
      var shown = (Math.floor(r * 100) / 100).toFixed(2);
      if (document.documentElement.lang !== 'en') shown = shown.replace('.', ',');
      li.querySelector('[data-contrast-ratio]').textContent = shown + ':1';
      li.querySelector('[data-contrast-verdict]').textContent = good ? words.enough : words.low;
      li.querySelector('.contrast-mark').textContent = good ? '✓' : '✗';
      li.classList.toggle('is-ok', good);
      li.classList.toggle('is-low', !good);
    });
  }

  var tagline = form.querySelector('[data-preview-tagline]');
  var taglineOut = preview.querySelector('[data-preview-tagline-out]');
  if (tagline && taglineOut) {
    tagline.addEventListener('input', function () { taglineOut.textContent = tagline.value; });
  }
  form.addEventListener('input', update);
  update();
}());
