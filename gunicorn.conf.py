"""gunicorn settings: workers and threads from the core count, sane timeouts, hard request limits,
an access log without client IPs. Every value can be overridden from the environment.

    gunicorn --config gunicorn.conf.py wsgi:app
"""
import multiprocessing
import os
import sys

env = os.environ
cpu = multiprocessing.cpu_count()

bind = env.get("KICK_BIND", "127.0.0.1:5000")
# Requests mostly wait on PostgreSQL, so threads overlap that wait; 2×cores+1 processes is the
# usual starting point. Each worker holds its own DB pool (KICK_DB_POOL_SIZE + _MAX_OVERFLOW):
# workers × (pool + overflow) must stay below PostgreSQL's max_connections on every host together.
# With the page cache most answers cost microseconds and the rest are CPU-bound Python: where PostgreSQL is
# close and fast, one single-threaded worker per core (KICK_WORKERS=<cores> KICK_THREADS=1) measured best on
# 2 cores (bench/load, 200 shoppers: scan server p50 18 ms and 175 req/s, against 84 ms and 145 req/s at 4 x 2).
workers = int(env.get("KICK_WORKERS", cpu * 2 + 1))
threads = int(env.get("KICK_THREADS", 2))
worker_class = "gthread"
timeout = int(env.get("KICK_TIMEOUT", 30))  # a stuck worker is killed and replaced after this
graceful_timeout = int(env.get("KICK_GRACEFUL_TIMEOUT", 20))  # finish requests on deploy/restart
keepalive = int(env.get("KICK_KEEPALIVE", 5))  # behind a load balancer keep this above its idle timeout
# Recycle workers now and then (a slow leak cannot grow forever); jitter avoids all restarting at once. A cached
# page costs well under a millisecond, so a worker serves tens of thousands an hour: a restart (app start, ~1 s)
# every 2,000 answers would be a large share of its time.
max_requests = int(env.get("KICK_MAX_REQUESTS", 50000))
max_requests_jitter = max_requests // 10
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # heartbeat never waits on disk

# Hostile input is cut off before Python sees it: an over-long request line, too many or too
# large headers are answered 400 by gunicorn itself.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# Behind a proxy: gunicorn trusts X-Forwarded-Proto only from these addresses (the load balancer);
# the app's ProxyFix (KICK_PROXY_HOPS) decides how many X-Forwarded-For hops to trust.
forwarded_allow_ips = env.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = env.get("KICK_ACCESS_LOG", "-")
errorlog = env.get("KICK_ERROR_LOG", "-")
loglevel = env.get("KICK_LOG_LEVEL", "info")
# No client IPs in the access log (privacy): no %(h)s, no X-Forwarded-For; only time, request
# line, status, size, duration and the browser type.
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'


def refuse_multiplied_limits(worker_count: int) -> None:
    """Rate limits live in each process's memory without REDIS_URL: with N workers every limit (login
    attempts, scans, typed codes) is N times too generous. In production that is a refusal to start."""
    if env.get("KICK_ENV") == "production" and worker_count > 1 and not env.get("REDIS_URL"):
        sys.stderr.write(
            f"KICK City refuses to start: KICK_ENV=production with {worker_count} gunicorn workers and no "
            f"REDIS_URL would multiply every rate limit by {worker_count}. Set REDIS_URL "
            "(redis://host:6379/0) or KICK_WORKERS=1.\n")
        sys.stderr.flush()
        sys.exit(1)


def on_starting(server):
    # The final count (a -w on the command line wins over this file); the app's /readyz reads it.
    refuse_multiplied_limits(server.cfg.workers)
    os.environ["KICK_WORKERS"] = str(server.cfg.workers)


refuse_multiplied_limits(workers)  # also under `gunicorn --check-config`
os.environ["KICK_WORKERS"] = str(workers)  # for the app, even with preload_app
