"""My data: see what is stored, download it as JSON, delete the account (HTML, works without JS)."""
import json

from flask import Blueprint, Response, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from app.core.problem import ProblemError
from app.core.unit_of_work import unit_of_work
from app.core.ratelimit import client_ip, config_limit
from app.extensions import limiter
from app.privacy import deletion
from app.privacy.export import export_user
from app.privacy.forms import DeleteAccountForm

bp = Blueprint("my_data", __name__)
# After a deletion the phone forgets too: pages the service worker kept (cards, stamps) and queued scans.
CLEAR_SITE_DATA = '"cache", "storage"'


def _summary(document: dict) -> dict:
    cards = document.get("loyalty", {}).get("cards", [])
    return {"cards": len(cards), "stamps": sum(len(card["stamp_history"]) for card in cards),
            "rewards": sum(card["rewards_received"] for card in cards),
            "shops": len(document.get("shops", {}).get("owned_shops", []))}


def _render(form: DeleteAccountForm, status: int = 200, problem: ProblemError | None = None):
    user = current_user if current_user.is_authenticated else None
    summary = blocked = None
    if user is not None:
        summary = _summary(export_user(user))
        blocked = deletion.refusal(user)
    return render_template("privacy/my_data.html", form=form, user=user, summary=summary,
                           blocked=problem or blocked), status


@bp.route("/account/privacy")
@bp.route("/<city>/account/privacy")
def my_data():
    return _render(DeleteAccountForm())


@bp.route("/account/data.json")
@login_required
def download():
    document = export_user(current_user)
    body = json.dumps(document, ensure_ascii=False, indent=2)
    filename = f"kick-city-data-{document['exported_at'][:10]}.json"
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/account/delete", methods=["POST"])
@bp.route("/<city>/account/delete", methods=["POST"])
@login_required
@limiter.limit(config_limit("LOGIN_LIMIT_PER_IP"), key_func=client_ip, scope="delete-account-ip")
def delete_account():
    form = DeleteAccountForm()
    if not form.validate_on_submit():
        return _render(form, 422)
    user = current_user._get_current_object()
    with unit_of_work() as work:
        deletion.check_confirmation(user, form.password.data, form.confirm.data)
        deletion.delete_account(user)
    if work.refused:
        problem = work.problem
        if problem.status == 422:
            for field, messages in (problem.errors or {}).items():
                getattr(form, field).errors = list(messages)
            return _render(form, 422)
        return _render(form, problem.status, problem)
    logout_user()
    flash(_("Your account and your data have been deleted."), "success")
    response = redirect(url_for("cities.home") if g.get("city") else url_for("cities.picker"))
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


@bp.after_request
def no_store(response):
    # These pages show personal data: never kept by the browser, a proxy or the service worker.
    response.headers["Cache-Control"] = "no-store"
    return response
