"""The RQ worker: jobs run in this process (SimpleWorker, no fork per job) inside the app's context.

Not forking keeps the app, its database pool and its configuration as they are (a forked child would share
the parent's pooled connections); each job still gets a fresh app context and so a fresh database session
(app.jobs.runner.perform)."""
import os
import secrets
import socket

from rq import SimpleWorker
from rq.serializers import JSONSerializer


def make_worker(backend) -> SimpleWorker:
    # Named after the queue and the host (rq info, dashboards); the random tail keeps a restarted container's
    # worker (pid 1 again) apart from its predecessor, whose key lingers for a few minutes.
    name = f"{backend.queue_name}-{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"
    return SimpleWorker([backend.queue()], connection=backend.connection(), serializer=JSONSerializer, name=name)
