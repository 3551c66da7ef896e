"""bench/load's reading of gunicorn's access log: the signed-in stamps page apart, and issue 18's targets."""
from bench._phone import SIGNED_IN_AGENT, USER_AGENT
from bench._report import server_times, targets


def _line(method: str, path: str, status: int, ms: int, agent: str = USER_AGENT) -> str:
    # gunicorn.conf.py: '%(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
    return f'[03/Dec/2026:13:00:00 +0000] "{method} {path} HTTP/1.1" {status} 1234 {ms}ms "{agent}"\n'


def test_the_signed_in_stamps_page_is_timed_apart_from_the_anonymous_one():
    log = (_line("GET", "/brugge/stamps", 200, 9) + _line("GET", "/brugge/stamps", 200, 40, SIGNED_IN_AGENT)
           + _line("POST", "/brugge/s/abc", 303, 25) + _line("POST", "/api/v1/scan", 201, 31))
    times = server_times(log)
    assert times["stamps page"] == [9.0]
    assert times["stamps page (signed in)"] == [40.0]
    assert times["scan POST (form)"] == [25.0] and times["scan POST (api)"] == [31.0]


def test_targets_take_form_and_api_scans_together_and_say_met_or_missed():
    fast = {"scan POST (form)": [10.0] * 60, "scan POST (api)": [20.0] * 40, "stamps page (signed in)": [12.0] * 5}
    lines, met = targets(fast)
    assert met and len(lines) == 3 and all(": met" in line for line in lines)
    assert "(100 requests)" in lines[0]

    slow = dict(fast, **{"scan POST (api)": [20.0] * 38 + [150.0] * 2})  # 2 % over 100 ms: p99 misses
    lines, met = targets(slow)
    assert not met
    assert "p50 10 ms <= 30 ms: met" in lines[0] and "p99" in lines[1] and "MISSED" in lines[1]

    lines, met = targets({})
    assert not met and all("no requests" in line for line in lines)
