"""No full client IP addresses in our logs (GDPR data minimisation).

Rate limiting needs the full address, but only inside its storage window (Redis keys expire with
the limit). Log lines outlive that window, so every IP in a record from these loggers is shortened
to its network: IPv4 to /24 ("203.0.113.0"), IPv6 to /48 ("2001:db8:85a3::"). That is still
enough to see an attack coming from one network, and no longer points at one household.
gunicorn's access log leaves the address out altogether (see gunicorn.conf.py).
"""
import ipaddress
import logging
import re

IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
IPV6 = re.compile(r"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])")
LOGGERS = ("flask-limiter", "werkzeug", "gunicorn.error", "gunicorn.access")


def _truncate(match: re.Match) -> str:
    text = match.group(0)
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return text  # a time like 10:32:01 or a version string, not an address
    if address.is_loopback or address.is_unspecified:
        return text  # the machine itself ("Running on http://127.0.0.1:5000"), nobody's identity
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


def mask_ips(text: str) -> str:
    return IPV6.sub(_truncate, IPV4.sub(_truncate, text))


class MaskIPs(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_ips(record.getMessage())
        record.args = None
        return True


def install(logger: logging.Logger) -> None:
    if not any(isinstance(existing, MaskIPs) for existing in logger.filters):
        logger.addFilter(MaskIPs())


def init_app(app):
    for name in LOGGERS + (app.logger.name,):
        install(logging.getLogger(name))
