"""Faults injected in the middle of a load run, and what they did to the answers."""
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench._report import is_error


@dataclass
class FaultLog:
    kind: str
    started: float = 0.0  # seconds into the run
    ended: float = 0.0  # PostgreSQL back / the replacement worker up
    detail: dict = field(default_factory=dict)


def restart_postgresql(ledger, log: FaultLog) -> None:
    """A real PostgreSQL restart (every connection of every worker is cut)."""
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    log.started = ledger.now()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    log.ended = ledger.now()


def kill_worker(ledger, log: FaultLog, gunicorn) -> None:
    """kill -9 one gunicorn worker mid-request; the master forks a replacement."""
    before = gunicorn.workers()
    victim = before[0]
    log.started = ledger.now()
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        now = gunicorn.workers()
        if victim not in now and len(now) >= len(before):
            break
        time.sleep(0.05)
    log.ended = ledger.now()
    log.detail["victim"] = victim


def summarise(log: FaultLog, samples: list, seconds: float, resent: int) -> tuple[list[str], bool]:
    """Lines to print and whether the fault was survived as promised."""
    errors = [(t, name, outcome) for t, name, outcome, _ in samples if is_error(name, outcome)]
    by_kind: dict[str, int] = {}
    for _, _, outcome in errors:
        by_kind[str(outcome)] = by_kind.get(str(outcome), 0) + 1
    last_error = max((t for t, _, _ in errors), default=None)
    tail_from = max(log.ended, last_error or 0.0)
    served_after = sum(1 for t, name, outcome, _ in samples if t > tail_from and not is_error(name, outcome))
    lines = []
    if log.kind == "pg-restart":
        unavailable = [t for t, _, outcome in errors if outcome == 503]
        others = {k: v for k, v in by_kind.items() if k != "503"}
        lines += [f"fault             PostgreSQL restart (pg_ctlcluster) at +{log.started:.1f} s; "
                  f"the command returned at +{log.ended:.1f} s",
                  f"503 answers       {len(unavailable)}" + (
                      f" from +{min(unavailable):.1f} s to +{max(unavailable):.1f} s "
                      f"({max(unavailable) - min(unavailable):.1f} s)" if unavailable else ""),
                  f"other errors      {sum(others.values())} {others or ''}".rstrip()]
        last = max(unavailable, default=log.started)
        first_good = min((t for t, name, outcome, _ in samples if t > last and not is_error(name, outcome)),
                         default=None)
        lines.append("recovery          " + (
            f"first good answer {first_good - last:.2f} s after the last 503; {served_after} good answers "
            "after the fault, gunicorn not restarted" if first_good is not None else "NONE: no good answer after"))
        ok = not others and served_after > 0
    else:
        lines += [f"fault             kill -9 worker {log.detail.get('victim')} at +{log.started:.1f} s; "
                  f"replacement worker up at +{log.ended:.1f} s ({log.ended - log.started:.2f} s)",
                  f"errors            {len(errors)} {by_kind or ''}".rstrip()]
        if errors:
            lines.append(f"error window      +{min(t for t, _, _ in errors):.1f} s to +{last_error:.1f} s")
        lines.append(f"after the fault   {served_after} good answers")
        unexpected = {k: v for k, v in by_kind.items() if k != "conn"}
        ok = not unexpected and served_after > 0
    return lines, ok


def log_size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0
