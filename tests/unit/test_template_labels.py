"""Label colons in templates go through the `label` filter (app.templating.label_colon), which puts the
no-break space French needs before the colon: a colon written after a template expression
(`{{ _('Surface') }}: {{ value }}`) would read "Revêtement: Pavés" in French."""
import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# "}}:" or "%}:" then anything but a digit (a ratio such as "{{ ratio }}:1" is machine text, not a label)
BARE_COLON = re.compile(r"[}%]\}:(?!\d)")


def test_no_template_writes_a_label_colon_outside_the_label_filter():
    found = [f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}"
             for path in sorted(TEMPLATES.rglob("*.html"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if BARE_COLON.search(line)]
    assert found == []


@pytest.mark.parametrize("line, bare", [
    ("{{ _('Surface') }}: {{ value }}", True), ("{% endif %}: {{ x }}", True),
    ("{{ _('Surface')|label }} {{ value }}", False), ("{{ check.shown_ratio }}:1", False),
])
def test_the_rule_tells_a_label_colon_from_a_ratio(line, bare):
    assert bool(BARE_COLON.search(line)) is bare


@pytest.mark.parametrize("lang, text", [("fr", "Revêtement\u00a0:"), ("nl", "Ondergrond:"), ("de", "Untergrund:")])
def test_the_label_filter_spaces_the_colon_in_french_only(app, lang, text):
    from app.templating import label_colon
    with app.test_request_context(f"/?lang={lang}"):
        from flask_babel import gettext
        assert str(label_colon(gettext("Surface"))) == text
