"""Routes of the installable city app. All live under /<city>/ so one city = one PWA scope."""
import hashlib
import json

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.config import SUPPORTED_LOCALES
from app.core.auth import marketer_required
from app.core.contrast import readable_on
from app.core.forms import fill_translated, translated_data
from app.core.i18n import current_locale
from app.core.unit_of_work import unit_of_work
from app.pwa.forms import ThemeForm
from app.pwa.icon_cache import ANY_SIZES, APPLE_TOUCH_SIZE, icon_png, spec_for
from app.pwa.manifest import build_manifest, icon_url
from app.pwa.service_worker import worker_source
from app.pwa.theme import HEX_COLOUR, ThemeInput, contrast_checks, save_theme

bp = Blueprint("pwa", __name__)
YEAR = 31536000
MAX_UPLOAD = 10 * 1024 * 1024
COLOUR_FIELDS = ("primary_color", "accent_color", "background_color", "text_color")


# ------------------------------------------------------------------ manifest, icons, worker
@bp.route("/<city>/manifest.webmanifest")
def manifest():
    # The manifest is fetched without cookies, so the page passes its language in ?lang=.
    locale = request.args.get("lang")
    if locale not in SUPPORTED_LOCALES:
        locale = current_locale()
    body = json.dumps(build_manifest(g.city, locale), ensure_ascii=False, separators=(",", ":"))
    response = Response(body, mimetype="application/manifest+json")
    return _revalidated(response, hashlib.sha256(body.encode()).hexdigest()[:20])


@bp.route("/<city>/icons/<int:size>.png")
def icon(size: int):
    if size not in ANY_SIZES:
        abort(404)
    return _icon_response(size, maskable=False)


@bp.route("/<city>/icons/maskable-512.png")
def maskable_icon():
    return _icon_response(512, maskable=True)


@bp.route("/<city>/apple-touch-icon.png")
def apple_touch_icon():
    # Full bleed: iOS rounds the corners itself and paints transparency black.
    return _icon_response(APPLE_TOUCH_SIZE, maskable=True)


def _icon_response(size: int, maskable: bool) -> Response:
    spec = spec_for(g.city, size, maskable)
    if request.if_none_match.contains(spec.etag):
        response = Response(status=304)
        response.set_etag(spec.etag)
    else:
        response = Response(icon_png(spec), mimetype="image/png")
        response.set_etag(spec.etag)
    # A URL with the current theme version never changes; any other URL must revalidate.
    if request.args.get("v") == str(g.city.theme_version):
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
    else:
        response.cache_control.no_cache = True
    return response


@bp.route("/<city>/sw.js")
def service_worker():
    code, version = worker_source(g.city)
    response = Response(code, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = url_for("cities.home")
    return _revalidated(response, version)


def _revalidated(response: Response, etag: str) -> Response:
    response.set_etag(etag)
    response.cache_control.no_cache = True  # always ask; a 304 costs a few bytes
    return response.make_conditional(request)


# ------------------------------------------------------------------ offline pages
@bp.route("/<city>/offline")
def offline():
    return render_template("pwa/offline.html")


@bp.route("/<city>/saved")
def saved():
    return render_template("pwa/saved.html")


# ------------------------------------------------------------------ theme studio
@bp.route("/<city>/studio/theme", methods=["GET", "POST"])
@marketer_required
def theme_studio():
    city = g.city
    form = ThemeForm(obj=None if request.method == "POST" else _form_defaults(city))
    if request.method != "POST":
        fill_translated(form, "tagline", city.tagline)
    status = 200
    if form.validate_on_submit():
        with unit_of_work(form) as work:
            save_theme(city, _theme_input(form))
        if work.refused:
            if not work.problem.errors:
                form.form_errors.append(work.problem.detail)
            status = work.status
        else:
            flash(_("The new look is saved. Installed apps pick it up on their next start."), "success")
            return redirect(url_for("pwa.theme_studio"))
    elif form.errors:
        status = 422
    preview = _preview_colours(form, city)
    checks = contrast_checks(preview["primary_color"], preview["accent_color"], preview["background_color"],
                             preview["text_color"])
    return render_template("pwa/theme_studio.html", form=form, checks=checks, preview=preview,
                           maskable_url=icon_url(city, "maskable", 512)), status


class _Defaults:
    def __init__(self, city):
        for name in ("primary_color", "accent_color", "background_color", "text_color", "tile_url",
                     "tile_attribution"):
            setattr(self, name, getattr(city, name))


def _form_defaults(city):
    return _Defaults(city)


def _read_upload(field) -> bytes | None:
    upload = field.data
    if not upload or not getattr(upload, "filename", None):
        return None
    data = upload.read(MAX_UPLOAD + 1)
    return data or b""


def _theme_input(form: ThemeForm) -> ThemeInput:
    return ThemeInput(
        primary_color=form.primary_color.data, accent_color=form.accent_color.data,
        background_color=form.background_color.data, text_color=form.text_color.data,
        tagline=translated_data(form, "tagline"), tile_url=form.tile_url.data.strip(),
        tile_attribution=form.tile_attribution.data.strip(),
        logo=_read_upload(form.logo), hero=_read_upload(form.hero),
        remove_logo=form.remove_logo.data, remove_hero=form.remove_hero.data)


def _preview_colours(form: ThemeForm, city) -> dict:
    """Colours for the preview and contrast read-outs: the submitted ones after a refusal, but only
    well-formed values ever reach the page's <style> (anything else falls back to the saved theme)."""
    colours = {}
    for name in COLOUR_FIELDS:
        value = (getattr(form, name).data or "").strip().upper()
        colours[name] = value if HEX_COLOUR.fullmatch(value) else getattr(city, name)
    colours["on_primary"] = readable_on(colours["primary_color"])
    return colours
