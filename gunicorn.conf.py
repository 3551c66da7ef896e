"""gunicorn settings: workers and threads from the core count, sane timeouts, access log."""
import multiprocessing
import os

cpu = multiprocessing.cpu_count()
workers = int(os.environ.get("KICK_WORKERS", cpu * 2 + 1))
threads = int(os.environ.get("KICK_THREADS", 2))
worker_class = "gthread"
timeout = int(os.environ.get("KICK_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
max_requests = 2000  # recycle workers now and then; jitter avoids all restarting at once
max_requests_jitter = 200
accesslog = os.environ.get("KICK_ACCESS_LOG", "-")
# No full client IPs in the access log (privacy): the remote address is left out.
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
