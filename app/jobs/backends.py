"""Where jobs run: at once (inline), on a worker thread in this process (thread), or on Redis (rq)."""
import atexit
import heapq
import itertools
import logging
import os
import threading
import time

from app.jobs.runner import check_args, run

log = logging.getLogger("app.jobs")
MODES = ("rq", "thread", "inline")
RQ_JOB = "app.jobs.runner.perform"
# A failed job (its arguments: a mail, an id) stays this long in RQ's failed-job registry for a look, then
# expires: the arguments can be personal data.
FAILED_JOB_TTL = 7 * 24 * 3600


class InlineBackend:
    """Run at once, in the caller (tests, scripts): every try in a row, without waiting between them."""
    mode = "inline"

    def __init__(self, app):
        self.app = app
        self.tries = 1 + len(app.config["KICK_JOB_RETRY_DELAYS"])

    def enqueue(self, name: str, args: list) -> None:
        args = check_args(args)
        for attempt in range(1, self.tries + 1):
            if run(self.app, name, args, attempt, final=attempt == self.tries):
                return

    def health(self) -> dict:
        return {"status": "ok", "backend": self.mode}


class ThreadBackend:
    """One daemon worker thread per process (started on first use, again after a fork), so a slow mail
    server never holds up a request. A failed job comes back after its retry delay without blocking the
    jobs behind it. Jobs still waiting when the process ends are lost: use rq where that matters."""
    mode = "thread"

    def __init__(self, app):
        self.app = app
        self.delays = tuple(app.config["KICK_JOB_RETRY_DELAYS"])
        self._due: list = []  # heap of (when, seq, name, args, attempt)
        self._seq = itertools.count()
        self._cond = threading.Condition()
        self._running = 0
        self._pid = None
        atexit.register(self.wait_idle, 5)

    def enqueue(self, name: str, args: list) -> None:
        self._push(time.monotonic(), name, check_args(args), 1)

    def _push(self, when: float, name: str, args: list, attempt: int) -> None:
        with self._cond:
            if self._pid != os.getpid():  # first job, or a forked gunicorn worker: its own thread
                if self._pid is not None:  # forked: what is left in the heap is the parent's to run
                    self._due, self._running = [], 0
                self._pid = os.getpid()
                threading.Thread(target=self._work, name="kick-jobs", daemon=True).start()
            heapq.heappush(self._due, (when, next(self._seq), name, args, attempt))
            self._cond.notify()

    def _next(self):
        with self._cond:
            while True:
                wait = self._due[0][0] - time.monotonic() if self._due else None
                if wait is not None and wait <= 0:
                    self._running += 1
                    return heapq.heappop(self._due)
                self._cond.wait(wait)

    def _work(self) -> None:
        while True:
            _when, _seq, name, args, attempt = self._next()
            final = attempt > len(self.delays)
            try:
                ok = run(self.app, name, args, attempt, final)
            finally:
                with self._cond:
                    self._running -= 1
                    self._cond.notify_all()
            if not ok and not final:
                self._push(time.monotonic() + self.delays[attempt - 1], name, args, attempt + 1)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no job is running or due now (tests; the process's exit). True if it got there."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._running or (self._due and self._due[0][0] <= time.monotonic()):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.05))
        return True

    def pending(self) -> int:
        with self._cond:
            return len(self._due) + self._running

    def health(self) -> dict:
        return {"status": "ok", "backend": self.mode, "queued": self.pending()}


class RQBackend:
    """A Redis queue (RQ) shared by every web process and host; `flask jobs work` runs the jobs."""
    mode = "rq"

    def __init__(self, app):
        self.app = app
        self.url = app.config["REDIS_URL"]
        self.queue_name = app.config["KICK_JOBS_QUEUE"]
        self.delays = list(app.config["KICK_JOB_RETRY_DELAYS"])
        self._connection = None

    def connection(self):
        if self._connection is None:
            import redis
            self._connection = redis.Redis.from_url(self.url, socket_connect_timeout=2, socket_timeout=5)
        return self._connection

    def queue(self):
        from rq import Queue
        from rq.serializers import JSONSerializer
        return Queue(self.queue_name, connection=self.connection(), serializer=JSONSerializer)

    def enqueue(self, name: str, args: list) -> None:
        from rq import Retry
        args = check_args(args)
        retry = Retry(max=len(self.delays), interval=self.delays) if self.delays else None
        try:
            # description: RQ logs it; the default would spell out the arguments.
            self.queue().enqueue(RQ_JOB, name, args, retry=retry, description=name, result_ttl=0,
                                 failure_ttl=FAILED_JOB_TTL)
        except Exception as error:  # noqa: BLE001 - Redis down: the job still runs, here, off the request
            log.error("could not queue job %s on Redis (%s); running it in this process",
                      name, error.__class__.__name__)
            fallback(self.app).enqueue(name, args)

    def health(self) -> dict:
        """Cheap: the queue's length and how many workers listen (0 means jobs wait until one starts)."""
        from rq import Worker
        queue = self.queue()
        return {"status": "ok", "backend": self.mode, "queued": queue.count,
                "workers": Worker.count(queue=queue)}


_fallbacks: dict = {}


def fallback(app) -> ThreadBackend:
    if app not in _fallbacks:
        _fallbacks[app] = ThreadBackend(app)
    return _fallbacks[app]


def make_backend(app):
    mode = app.config["KICK_JOBS"]
    if mode not in MODES:
        raise RuntimeError(f"KICK_JOBS must be one of {', '.join(MODES)} (got {mode!r})")
    if mode == "rq" and not app.config.get("REDIS_URL"):
        raise RuntimeError("KICK_JOBS=rq needs REDIS_URL")
    return {"rq": RQBackend, "thread": ThreadBackend, "inline": InlineBackend}[mode](app)
