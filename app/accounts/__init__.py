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

    from app.accounts import api, cli, models, people_views, verification, views  # noqa: F401
    from app.core.registry import add_city_figure
    from app.accounts.models import User
    from sqlalchemy.orm import joinedload

    from app.extensions import api as rest_api, db, login_manager

    app.register_blueprint(views.bp)
    app.register_blueprint(people_views.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")
    rest_api.register_blueprint(api.people_blp, url_prefix="/api/v1")
    _init_roles(app)
    app.cli.add_command(cli.users_cli)
    add_city_figure(app, "marketers", _l("Marketers"), marketers_per_city, order=40)
    from app.accounts.invitations import record_town_status
    from app.cities.signals import city_status_changed
    city_status_changed.connect(record_town_status)
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


def _init_roles(app):
    """Roles (issue 13): the people pages in the studio and admin, the areas in the menu, their privacy part."""
    from flask import g
    from flask_babel import format_date, format_datetime, lazy_gettext as _l
    from flask_login import current_user

    from app.accounts import landing, roles_privacy
    from app.core.registry import add_admin_section, add_privacy_part, add_studio_section

    add_studio_section(app, "people.studio_people", _l("City desk"), "pin", 60)
    add_admin_section(app, "people.admin_people", _l("People"), "pin", 20)
    add_admin_section(app, "people.audit", _l("Audit log"), "chart", 90)
    landing.register_areas(app)
    add_privacy_part(app, "roles", export_user=roles_privacy.export_user, forget_user=roles_privacy.forget_user,
                     order=30)
    app.jinja_env.filters["people_date"] = lambda value: format_date(value, "d MMM yyyy")
    app.jinja_env.filters["people_datetime"] = lambda value: format_datetime(value, "d MMM yyyy HH:mm")

    @app.context_processor
    def menu_areas():
        # Memberships come with the user (one query); a feature's area may ask one more (shops: owns a shop).
        if not current_user or not current_user.is_authenticated or current_user.is_anonymous_shopper:
            return {"menu_areas": []}
        return {"menu_areas": landing.menu_areas(current_user, g.get("city"))}
