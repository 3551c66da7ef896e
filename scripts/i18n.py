#!/usr/bin/env python3
"""Keep the UI translations in step with the code.

Source strings are English msgids (`_()` in Python and Jinja). Their Dutch, French and German
texts live in app/translations/source/<feature>.json ({"msgid": {"nl": ..., "fr": ..., "de": ...}}),
a count's text (`ngettext("%(num)d stop", "%(num)d stops", n)`) under its singular msgid as a list
[singular, plural] per language ({"%(num)d stop": {"nl": ["%(num)d halte", "%(num)d haltes"], ...}}),
one file per feature so engineers working on different features never edit the same file.
This script extracts the msgids, writes the standard gettext catalogs (.po) from those sources
and compiles them (.mo). `--check` fails when a msgid lacks a translation or a source text is unused.

    python scripts/i18n.py            # extract + write .po + compile
    python scripts/i18n.py --compile  # compile only (setup)
    python scripts/i18n.py --check    # list untranslated msgids and unused texts, exit 1 if any
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "app" / "translations"
SOURCES = TRANSLATIONS / "source"
POT = TRANSLATIONS / "messages.pot"
LOCALES = ("nl", "en", "fr", "de")
TRANSLATED = ("nl", "fr", "de")  # English is the msgid itself


def _without_date(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith('"POT-Creation-Date:'))


def extract() -> Catalog:
    # Into a scratch file first: the template is rewritten only when a message changed, not for a new
    # creation date, so running the tests leaves the checkout clean.
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / "messages.pot"
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "babel.cfg"),
                        "-k", "_l", "-k", "lazy_gettext", "--no-location", "--sort-output", "-o", str(fresh),
                        str(ROOT)], check=True, capture_output=True)
        text = fresh.read_text(encoding="utf-8")
    if not POT.exists() or _without_date(POT.read_text(encoding="utf-8")) != _without_date(text):
        POT.write_text(text, encoding="utf-8")
    with POT.open("rb") as handle:
        return read_po(handle)


def sources() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(SOURCES.glob("*.json")):
        for msgid, texts in json.loads(path.read_text(encoding="utf-8")).items():
            merged.setdefault(msgid, {}).update(texts)
    return merged


def text_for(message, texts: dict, locale: str):
    """The catalogue's msgstr: a string, or for a count (a plural msgid) the tuple of its forms."""
    plural = not isinstance(message.id, str)
    value = texts.get(message.id[0] if plural else message.id, {}).get(locale) if locale != "en" else None
    if plural:
        return tuple(value) if isinstance(value, list) and len(value) == 2 and all(value) else ("", "")
    return value if isinstance(value, str) else ""


def missing(template: Catalog, texts: dict) -> list[tuple[str, str]]:
    gaps = []
    for message in template:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        for locale in TRANSLATED:
            text = text_for(message, texts, locale)
            if not (all(text) if isinstance(text, tuple) else text):
                gaps.append((locale, msgid))
    return gaps


def unused(template: Catalog, texts: dict) -> list[str]:
    """Source texts no code asks for any more (left behind when a text was reworded)."""
    asked = {message.id if isinstance(message.id, str) else message.id[0] for message in template if message.id}
    return sorted(msgid for msgid in texts if msgid not in asked)


def write_catalogs(template: Catalog, texts: dict) -> None:
    for locale in LOCALES:
        catalog = Catalog(locale=locale, project="KICK City", charset="utf-8")
        for message in template:
            if not message.id:
                continue
            catalog.add(message.id, text_for(message, texts, locale))
        folder = TRANSLATIONS / locale / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "messages.po").open("wb") as handle:
            write_po(handle, catalog, omit_header=False, width=0)


def compile_catalogs() -> None:
    for locale in LOCALES:
        folder = TRANSLATIONS / locale / "LC_MESSAGES"
        with (folder / "messages.po").open("rb") as handle:
            catalog = read_po(handle, locale=locale)
        with (folder / "messages.mo").open("wb") as handle:
            write_mo(handle, catalog)


def main(argv: list[str]) -> int:
    if "--compile" in argv:
        compile_catalogs()
        return 0
    template = extract()
    texts = sources()
    gaps = missing(template, texts)
    if "--check" in argv:
        for locale, msgid in gaps:
            print(f"{locale}: {msgid!r}")
        left = unused(template, texts)
        for msgid in left:
            print(f"unused: {msgid!r}")
        print(f"{len(gaps)} missing translations, {len(left)} unused source texts")
        return 1 if gaps or left else 0
    write_catalogs(template, texts)
    compile_catalogs()
    print(f"{len(template)} messages, {len(gaps)} missing translations")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
