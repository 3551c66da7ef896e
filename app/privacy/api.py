"""/api/v1/me: download all my data, delete my account."""
from flask_login import current_user, login_required, logout_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from app.core.ratelimit import client_ip, config_limit
from app.extensions import limiter
from app.privacy import deletion
from app.privacy.account_views import CLEAR_SITE_DATA
from app.privacy.export import export_user

blp = Blueprint("privacy_api", __name__, description="My data: export and account deletion (GDPR)")


class ExportSchema(Schema):
    format = fields.String(metadata={"example": "kick-city-export/1"})
    exported_at = fields.String()
    account = fields.Dict()
    loyalty = fields.Dict()
    shops = fields.Dict()
    trails = fields.Dict()


class DeleteAccountSchema(Schema):
    password = fields.String(load_only=True, validate=validate.Length(max=200),
                             metadata={"description": "Required for an account with a password"})
    confirm = fields.Boolean(load_default=False,
                             metadata={"description": "Must be true for an anonymous shopper (no password)"})


@blp.route("/me/export", methods=["GET"])
@login_required
@blp.response(200, ExportSchema)
@blp.alt_response(401, description="Not logged in")
def export():
    """Everything stored about me: account, cards, stamps, rewards, shops, trail edits."""
    return export_user(current_user)


@blp.route("/me", methods=["DELETE"])
@login_required
@limiter.limit(config_limit("LOGIN_LIMIT_PER_IP"), key_func=client_ip, scope="delete-account-ip")
@blp.arguments(DeleteAccountSchema)
@blp.response(204)
@blp.alt_response(401, description="Not logged in")
@blp.alt_response(409, description="`owns_shops`: the city must transfer or close the shops first; "
                                   "`admin_account`: removed by the platform operator")
@blp.alt_response(422, description="Wrong password, or `confirm` not true for an anonymous shopper")
@blp.alt_response(429, description="Too many attempts, with Retry-After")
def delete_me(body):
    """Delete my account and personal data; shops' anonymous statistics stay."""
    user = current_user._get_current_object()
    deletion.check_confirmation(user, body.get("password"), body.get("confirm", False))
    deletion.delete_account(user)
    logout_user()
    return "", 204, {"Clear-Site-Data": CLEAR_SITE_DATA}
