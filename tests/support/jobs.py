"""Job functions for the job-queue tests (app.jobs runs them by name), and RQ queues of their own."""
import threading
import uuid

from app.extensions import db

calls: list = []  # (job, args, thread name, had its own database session)
failures_left: dict = {}  # key -> how many more times `flaky` fails for it


def record(*args) -> None:
    calls.append(("record", list(args), threading.current_thread().name))


def flaky(key: str) -> None:
    """Fails `failures_left[key]` times (with an address in the error, as an SMTP refusal would), then works."""
    calls.append(("flaky", [key], threading.current_thread().name))
    if failures_left.get(key, 0) > 0:
        failures_left[key] -= 1
        raise ConnectionError("refused for anna.peeters@example.be")


def session_info(key: str) -> None:
    """Notes what the job's database session holds: a job must not see its caller's pending session state."""
    calls.append(("session_info", [key, sorted(db.session.info)], threading.current_thread().name))


def unique_queue() -> str:
    return f"kick-test-{uuid.uuid4().hex[:10]}"


def drop_queue(url: str, name: str) -> None:
    """Remove every key RQ made for queue `name`: the queue, its registries and their jobs."""
    import redis
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"rq:*{name}*"))
    job_ids = set()
    for key in keys:
        kind = client.type(key)
        if kind == b"zset":
            job_ids.update(member.decode() for member in client.zrange(key, 0, -1))
        elif kind == b"list":
            job_ids.update(member.decode() for member in client.lrange(key, 0, -1))
        elif kind == b"set":  # rq:workers:<queue>: the burst workers' own keys (they would expire in a minute)
            keys += [member.decode() for member in client.smembers(key)]
    for job_id in job_ids:
        job_id = job_id.split(":")[0]
        keys += [f"rq:job:{job_id}", f"rq:results:{job_id}", f"rq:job:{job_id}:dependents"]
    if keys:
        client.delete(*keys)
    client.srem("rq:queues", f"rq:queue:{name}")
    client.close()
