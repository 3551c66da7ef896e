"""URL helpers shared by views."""
from urllib.parse import urlencode, urlsplit

from flask import current_app, has_request_context, request, url_for
from werkzeug.routing import BuildError

from app.core.i18n import LANG_PARAM


def safe_next(target: str | None, default: str) -> str:
    """Only same-site relative paths may be redirect targets (no open redirect)."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def external_url(endpoint: str, **values) -> str:
    """The absolute URL of an endpoint, for links that leave the page: QR codes, mails, GPX files,
    API links. Built on KICK_PUBLIC_URL when it is set (always in production), so a forged Host
    header can never end up in a printed poster or a mail; in development, on the request's host."""
    public = current_app.config.get("KICK_PUBLIC_URL")
    if not public:
        return url_for(endpoint, _external=True, **values)
    if has_request_context():
        return public + url_for(endpoint, **values)  # the path, with the app's script root
    # A CLI command or a job: no request, so bind the URL map to the public origin.
    parts = urlsplit(public)
    anchor = values.pop("_anchor", None)
    current_app.inject_url_defaults(endpoint, values)
    adapter = current_app.url_map.bind(parts.netloc, url_scheme=parts.scheme,
                                       script_name=current_app.config["APPLICATION_ROOT"])
    url = adapter.build(endpoint, values, force_external=True)
    return f"{url}#{anchor}" if anchor else url


def current_page_url(lang: str | None = None) -> str | None:
    """The absolute URL of the page being shown (without its query string), for og:url and the like;
    with `lang`, its address in that language (?lang=fr: the canonical and hreflang links, see
    CONTRIBUTING "Languages"). None when the request matched no route (an error page)."""
    if not has_request_context() or request.url_rule is None:
        return None
    values = dict(request.view_args or {})
    if lang:
        values[LANG_PARAM] = lang
    try:
        return external_url(request.endpoint, **values)
    except BuildError:
        return None


def current_path_in(lang: str) -> str:
    """The page being shown, same path and query (filters), in another language: where the language
    switcher leads (relative, for `next`)."""
    args = [(key, value) for key, value in request.args.items(multi=True) if key != LANG_PARAM]
    return request.path + "?" + urlencode([*args, (LANG_PARAM, lang)])
