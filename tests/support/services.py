"""The outside services some tests need (Redis, a PostgreSQL server): skipped on a machine without them,
except in CI (CI=true or KICK_REQUIRE_BROWSER=1), where a missing service is a failure, not a skip."""
import os

import pytest

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def _missing(message: str):
    if os.environ.get("CI") == "true" or os.environ.get("KICK_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def redis_or_skip() -> str:
    import redis
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as error:  # noqa: BLE001 - any failure to answer means: no Redis here
        _missing(f"Redis does not answer at {REDIS_URL}: {error.__class__.__name__}")
    return REDIS_URL


def postgres_or_skip() -> str:
    """The PostgreSQL server of the README's test command (TEST_DATABASE_URL)."""
    server = os.environ.get("TEST_DATABASE_URL")
    if not server:
        _missing("this test needs PostgreSQL: set TEST_DATABASE_URL (README, two commands)")
    return server
