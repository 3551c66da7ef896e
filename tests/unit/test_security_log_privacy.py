"""Log lines keep networks, not addresses: IPv4 to /24, IPv6 to /48; times and versions untouched."""
import logging

import pytest

from app.ops.log_privacy import MaskIPs, mask_ips


@pytest.mark.parametrize("line,expected", [
    ("ratelimit 5 per 1 minute (login-ip/203.0.113.77) exceeded", "ratelimit 5 per 1 minute (login-ip/203.0.113.0) exceeded"),
    ('81.82.83.84 - - [27/Nov/2025 10:32:01] "GET / HTTP/1.1" 200', '81.82.83.0 - - [27/Nov/2025 10:32:01] "GET / HTTP/1.1" 200'),
    ("Running on http://127.0.0.1:5000 and http://[::1]:5000", "Running on http://127.0.0.1:5000 and http://[::1]:5000"),
    ("from 2001:db8:85a3:8d3:1319:8a2e:370:7348 blocked", "from 2001:db8:85a3:: blocked"),
    ("at 10:32:01 version 1.2.3.4.5 port 5432", "at 10:32:01 version 1.2.3.4.5 port 5432"),
    ("999.1.1.1 is no address", "999.1.1.1 is no address"),
])
def test_mask_ips(line, expected):
    assert mask_ips(line) == expected


def test_filter_rewrites_formatted_records():
    record = logging.LogRecord("flask-limiter", logging.INFO, __file__, 1, "key %s hit", ("198.51.100.23",), None)
    assert MaskIPs().filter(record) is True
    assert record.getMessage() == "key 198.51.100.0 hit"


def test_installed_on_the_loggers_that_see_addresses(app):
    for name in ("flask-limiter", "werkzeug", "gunicorn.error", "gunicorn.access"):
        assert any(isinstance(f, MaskIPs) for f in logging.getLogger(name).filters), name
