"""The per-city service worker: static/js/sw.js behind a small generated config line.

The config (scope, precache list, offline page) is rendered per city; the version is a hash of the
config and the worker's code, so a new deploy (new static fingerprints) or a new theme (new icon
URLs, new offline page look) makes the browser install a new worker and offer "reload".
"""
import hashlib
import json
from pathlib import Path

from flask import current_app, url_for

from app.pwa.manifest import icon_url

SW_SOURCE = "js/sw.js"
# App shell: what every page needs, fingerprinted by static_url(); cached at install time.
SHELL_STATIC = ("css/app.css", "css/pwa.css", "js/store.js", "js/app.js", "js/offline.js",
                "js/offline-queue.js", "img/icons.svg")
PAGE_TIMEOUT_MS = 3000


def worker_source(city) -> tuple[str, str]:
    """(JavaScript, version) of the service worker for one city."""
    static_url = current_app.jinja_env.globals["static_url"]
    code = (Path(current_app.static_folder) / SW_SOURCE).read_text(encoding="utf-8")
    offline = url_for("pwa.offline", city=city.slug)
    config = {
        "city": city.slug,
        "scope": url_for("cities.home", city=city.slug),
        "offline": offline,
        "precache": [offline, url_for("pwa.saved", city=city.slug),
                     *(static_url(path) for path in SHELL_STATIC),
                     icon_url(city, "any", 192)],
        "pageTimeout": PAGE_TIMEOUT_MS,
    }
    version = hashlib.sha256((json.dumps(config, sort_keys=True) + code).encode()).hexdigest()[:12]
    config["version"] = version
    header = f"/* KICK City service worker, {city.slug}, version {version} */\n"
    return f"{header}self.KICK = {json.dumps(config)};\n{code}", version
