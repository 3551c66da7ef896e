"""Where cached pages live, and the generations that retire them.

A page is stored with the generations of its town and of everything at the moment its rendering began; a
write that changes public content gives those a new random value (app.cache.invalidation), and a page whose
generations no longer match is never served again. Retiring by generation costs one write, however many pages
a town has, and cannot miss a language or a query string.

Two homes, chosen by the configuration:

- Redis (REDIS_URL): pages and generations in Flask-Caching's RedisCache, shared by every worker and host; one
  MGET per lookup brings the page and both generations. A change is retired everywhere at once.
- In-process (embedded default): each worker keeps its pages in Flask-Caching's SimpleCache (bounded), and the
  generation is the modification time of one file in instance/, which every worker on this host reads with a
  stat(): a write in one worker retires the pages of all of them at once. (Several hosts need Redis.)

Generations are random tokens, not counters: a generation lost to eviction comes back as a new value, never
as an old one that stored pages still carry.
"""
import os
import secrets
import time
from dataclasses import dataclass

ALL = "gen:all"


def _scope_key(scope: str) -> str:
    return f"gen:s:{scope}"


@dataclass(frozen=True)
class Entry:
    """A stored answer: what start_response needs, the body, and when and under which generations it was made."""
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    rendered_at: float  # app clock (app.core.clock), seconds since the epoch
    generations: tuple


class PageStore:
    def __init__(self, backend, seconds: float):
        self.backend = backend
        self.seconds = seconds

    # -- generations
    def retire(self, scopes) -> None:
        """New generations for these towns ("" is the platform's pages; "*" every page)."""
        scopes = set(scopes)
        if "*" in scopes:
            self.backend.set(ALL, secrets.token_hex(8), timeout=0)
            return
        for scope in scopes | {""}:  # the city picker shows facts of every town
            self.backend.set(_scope_key(scope), secrets.token_hex(8), timeout=0)

    # -- pages
    def lookup(self, key: str, scope: str) -> tuple[Entry | None, tuple]:
        entry, *generations = self.backend.get_many(key, ALL, _scope_key(scope))
        return entry, tuple(generations)

    def save(self, key: str, entry: Entry) -> None:
        # The backend keeps it a little longer than it is served, so the validity check (fresh(), on the app's
        # clock) decides, and Redis frees the memory.
        self.backend.set(key, entry, timeout=int(self.seconds) + 5)

    def initialise(self, scope: str) -> None:
        """Give generations that are not there yet (a new Redis, an evicted key) a value; until then nothing
        is stored, so a page never carries a generation of None that a lost key would bring back."""
        self.backend.add(ALL, secrets.token_hex(8), timeout=0)
        self.backend.add(_scope_key(scope), secrets.token_hex(8), timeout=0)



class FileGenerationStore(PageStore):
    """In-process pages; one generation for all of them, shared by the workers of this host through a file."""

    def __init__(self, backend, seconds: float, path: str):
        super().__init__(backend, seconds)
        self.path = path
        if not os.path.exists(path):
            self.retire({"*"})

    def _generation(self) -> tuple:
        try:
            return (os.stat(self.path).st_mtime_ns,)
        except OSError:
            return (None,)

    def retire(self, scopes) -> None:
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        with open(self.path, "a"):
            pass
        stamp = time.time_ns()
        try:
            stamp = max(stamp, os.stat(self.path).st_mtime_ns + 1)
        except OSError:
            pass
        os.utime(self.path, ns=(stamp, stamp))

    def lookup(self, key: str, scope: str) -> tuple[Entry | None, tuple]:
        return self.backend.get(key), self._generation()

    def initialise(self, scope: str) -> None:
        if not os.path.exists(self.path):
            self.retire({"*"})


def fresh(entry: Entry | None, generations: tuple, now: float, seconds: float) -> bool:
    return entry is not None and entry.generations == generations and 0 <= now - entry.rendered_at < seconds
