"""Studio pages of city news (marketers): the messages with their figures, writing one (preview, then
send) and one message's delivery and read figures with the retry of failed mails."""
from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.accounts.sessions import current_actor
from app.core.auth import marketer_required
from app.core.forms import KickForm, translated_data
from app.core.problem import ProblemError
from app.core.tenancy import get_in_city_or_404
from app.core.unit_of_work import unit_of_work
from app.shops.forms import CATEGORY_LABELS
from app.voice.forms import KIND_LABELS, NewsForm
from app.voice.models import NewsMessage
from app.voice.services import news, targeting

bp = Blueprint("voice_studio", __name__)


@bp.route("/<city>/studio/news")
@marketer_required
def index():
    messages = news.city_messages(g.city)
    return render_template("voice/studio/list.html", messages=messages,
                           figures=news.figures_for([message.id for message in messages]), kinds=KIND_LABELS)


def _values(form: NewsForm) -> dict:
    return {"kind": form.kind.data, "title": translated_data(form, "title"), "body": translated_data(form, "body"),
            "starts_on": form.starts_on.data, "ends_on": form.ends_on.data, "lat": form.lat.data,
            "lon": form.lon.data, "on_public_map": form.on_public_map.data,
            "public_line": translated_data(form, "public_line")}


def _compose(form: NewsForm, status: int = 200, preview=None, shown=None):
    return render_template("voice/studio/new.html", form=form, preview=preview, shown=shown,
                           categories=CATEGORY_LABELS), status


@bp.route("/<city>/studio/news/new", methods=["GET", "POST"])
@marketer_required
def new():
    """Write a message; "Preview" shows who will receive it (and the text as they will see it) without
    saving anything, "Send" posts it."""
    form = NewsForm(streets=targeting.city_streets(g.city))
    if request.method == "GET":
        return _compose(form)
    if not form.validate():
        return _compose(form, 422)
    action = request.form.get("action", "preview")
    with unit_of_work(form, fields={"target": "streets"}) as work:
        target = targeting.make_target(form.streets.data, form.categories.data)
        if action != "send":
            checked = news.check_news(_values(form))  # the same refusals as sending, before anyone is told
            preview = targeting.preview(g.city, target)
        else:
            message = news.post_news(g.city, current_actor(), _values(form), target, base_url=request.host_url)
    if work.refused:
        return _compose(form, work.status)
    if action != "send":
        return _compose(form, preview=preview, shown=checked)
    flash(_("Sent to %(num)d merchants. Mails and notifications leave in the background.",
            num=message.recipients), "success")
    return redirect(url_for("voice_studio.message", message_id=message.id))


@bp.route("/<city>/studio/news/<int:message_id>")
@marketer_required
def message(message_id: int):
    item = get_in_city_or_404(NewsMessage, message_id, g.city)
    target = targeting.Target.from_json(item.target)
    return render_template("voice/studio/message.html", message=item, figures=news.figures_for([item.id])[item.id],
                           target=target, categories=CATEGORY_LABELS, kinds=KIND_LABELS, form=KickForm())


@bp.route("/<city>/studio/news/<int:message_id>/retry", methods=["POST"])
@marketer_required
def retry(message_id: int):
    item = get_in_city_or_404(NewsMessage, message_id, g.city)
    form = KickForm()
    if not form.validate():
        raise ProblemError(400, _("Reload the page and try again."))
    queued = news.retry_failed(item, base_url=request.host_url)
    if queued:
        flash(_("%(num)d failed deliveries are being tried again.", num=queued), "success")
    else:
        flash(_("Nothing failed: there is nothing to try again."), "info")
    return redirect(url_for("voice_studio.message", message_id=item.id))
