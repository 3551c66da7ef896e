"""The RQ worker: jobs run in this process (SimpleWorker, no fork per job) inside the app's context.

Not forking keeps the app, its database pool and its configuration as they are (a forked child would share
the parent's pooled connections); each job still gets a fresh app context and so a fresh database session
(app.jobs.runner.perform)."""
from rq import SimpleWorker
from rq.serializers import JSONSerializer


def make_worker(backend) -> SimpleWorker:
    return SimpleWorker([backend.queue()], connection=backend.connection(), serializer=JSONSerializer)
