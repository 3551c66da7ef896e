"""A throwaway KICK City server for the bench scripts: migrated SQLite file + demo data in a temp
folder, served by werkzeug in a thread (or use --url to measure a server you run yourself)."""
import tempfile
import threading
from pathlib import Path


class BenchServer:
    def __init__(self):
        from werkzeug.serving import make_server

        from app import create_app
        from tests.conftest import base_config, migrate_and_load
        self.tmp = tempfile.TemporaryDirectory(prefix="kick-bench-")
        root = Path(self.tmp.name)
        url = f"sqlite:///{root / 'bench.sqlite3'}"
        migrate_and_load(url, root)
        config = base_config(url, root)
        config.update(TESTING=False)
        self.server = make_server("127.0.0.1", 0, create_app(config), threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.tmp.cleanup()


def first_link(base: str, list_path: str, prefix: str) -> str | None:
    """The first detail link on a list page (demo slugs belong to their features)."""
    import re
    import urllib.request
    html = urllib.request.urlopen(base + list_path, timeout=10).read().decode()
    match = re.search(rf'href="({re.escape(prefix)}[a-z0-9-]+)"', html)
    return match.group(1) if match else None
