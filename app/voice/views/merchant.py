"""The merchant's city news under /merchant/news: the list (unread first seen on the dashboard panel), one
message (opening it marks it read) and the channel choices (this browser's Web Push subscription goes through
the API: /api/v1/merchant/push-subscriptions).

Only the messages meant for the person are theirs (a dashboard delivery row); any other id is a 404."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.sessions import current_actor
from app.core.tenancy import enter_city
from app.core.unit_of_work import unit_of_work
from app.shops import my_shops_url
from app.voice.forms import KIND_LABELS, ChannelsForm, ReadAllForm
from app.voice.services import news, push

bp = Blueprint("voice_merchant", __name__, url_prefix="/merchant/news")


def dashboard_panel(user) -> dict | None:
    """The block on /merchant/: the latest news and the unread count; hidden for someone who never got any."""
    if not getattr(user, "is_authenticated", False) or not news.has_news(user):
        return None
    box = news.inbox(user, limit=3)
    return {"news": box.items, "unread": box.unread, "kinds": KIND_LABELS}


@bp.route("/")
@login_required
def index():
    box = news.inbox(current_user)
    return render_template("voice/merchant/list.html", box=box, kinds=KIND_LABELS, form=ReadAllForm(),
                           back=my_shops_url())


@bp.route("/<int:message_id>")
@login_required
def message(message_id: int):
    item = news.read_message(current_actor(), message_id)
    enter_city(item.city)  # the page wears the city's colours
    return render_template("voice/merchant/message.html", message=item, kinds=KIND_LABELS,
                           period=news.period_text(item))


@bp.route("/read", methods=["POST"])
@login_required
def read_all():
    form = ReadAllForm()
    if form.validate():
        news.mark_all_read(current_actor())
    return redirect(url_for("voice_merchant.index"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    choice = news.preference(current_user)
    form = ChannelsForm(data={"email": choice.email, "push": choice.push} if request.method == "GET" else None)
    # A browser subscribes through the service worker of a city (its scope is /<city>/): the city of their news.
    city = news.news_city(current_user)
    offered = news.push_configured() and city is not None
    if city is not None:
        enter_city(city)
    if request.method == "POST" and form.validate():
        with unit_of_work(form) as work:
            news.set_channels(current_actor(), email=form.email.data, push=offered and form.push.data)
        if not work.refused:
            flash(_("Your choices are saved."), "success")
            return redirect(url_for("voice_merchant.settings"))
    status = 422 if form.errors else 200
    return render_template("voice/merchant/settings.html", form=form, push_offered=offered,
                           vapid_key=current_app.config.get("KICK_VAPID_PUBLIC_KEY") if offered else None,
                           worker=worker_urls(city) if offered else None,
                           browsers=push.subscription_count(current_user)), status


def worker_urls(city) -> dict:
    return {"sw": url_for("pwa.service_worker", city=city.slug), "scope": url_for("cities.home", city=city.slug),
            "subscriptions": url_for("voice_api.subscribe_push")}
