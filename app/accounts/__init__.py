"""Accounts: users, roles, login, anonymous shopper identity."""
import hmac


def marketers_per_city() -> dict[int, int]:
    """Admin dashboard figure: marketers of every town, one grouped query."""
    from sqlalchemy import func, select

    from app.accounts.models import ROLE_MARKETER, Membership
    from app.extensions import db
    rows = db.session.execute(select(Membership.city_id, func.count()).where(Membership.role == ROLE_MARKETER)
                              .group_by(Membership.city_id))
    return dict(rows.all())


def init_app(app):
    from flask_babel import lazy_gettext as _l

    from app.accounts import api, cli, models, verification, views  # noqa: F401
    from app.core.registry import add_city_figure
    from app.accounts.models import User
    from sqlalchemy.orm import joinedload

    from app.extensions import api as rest_api, db, login_manager

    app.register_blueprint(views.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")
    app.cli.add_command(cli.users_cli)
    add_city_figure(app, "marketers", _l("Marketers"), marketers_per_city, order=40)
    app.jinja_env.globals["address_to_confirm"] = verification.address_to_confirm

    # Demo and test accounts live under the reserved .test domain; accept it outside production.
    import email_validator
    email_validator.TEST_ENVIRONMENT = app.config["KICK_ENV"] != "production"

    login_manager.login_view = "accounts.login"
    login_manager.login_message = None

    @login_manager.user_loader
    def load_user(user_id: str):
        from app.accounts.services import login_is_current
        ident, _, rest = user_id.partition(":")
        token, _, until = rest.partition(":")
        if not ident.isdigit() or (until and not until.isdigit()):
            return None
        # Memberships come in the same round trip: every page's menu asks for them.
        user = db.session.get(User, int(ident), options=[joinedload(User.memberships)])
        # A logout or a changed password rotates the token and ends every other session.
        if user is None or not hmac.compare_digest(user.session_token, token):
            return None
        return user if login_is_current(user, int(until) if until else None) else None

    @login_manager.unauthorized_handler
    def unauthorized():
        from flask import abort, redirect, request, url_for
        if request.path.startswith("/api/"):
            abort(401)
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
