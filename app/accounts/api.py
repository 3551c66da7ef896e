"""JSON: log in / out and who am I. Login answers with the CSRF token for later unsafe calls."""
from flask_login import current_user
from flask_smorest import Blueprint
from flask_wtf.csrf import generate_csrf

from app.accounts import services, sessions
from app.accounts.schemas import LoginSchema, MeSchema, SessionSchema
from app.core.problem import ProblemError
from app.core.ratelimit import client_ip, config_limit, submitted_email_and_ip
from app.extensions import csrf, limiter

blp = Blueprint("auth_api", __name__, description="Log in, log out and the current user")


@blp.route("/auth/login", methods=["POST"])
@csrf.exempt  # the token is handed out here; the JSON body requirement blocks cross-site form posts
@limiter.limit(config_limit("LOGIN_LIMIT_PER_IP"), key_func=client_ip, scope="login-ip")
@limiter.limit(config_limit("LOGIN_LIMIT_PER_ACCOUNT"), key_func=submitted_email_and_ip, scope="login-account")
@blp.arguments(LoginSchema)
@blp.response(200, SessionSchema)
@blp.alt_response(401, description="Wrong email or password")
def login(body):
    user = services.authenticate(body["email"], body["password"])
    if user is None:
        raise ProblemError(401, "Email or password is not correct.", code="invalid_credentials")
    sessions.log_in(user)
    return {"user": user, "csrf_token": generate_csrf()}


@blp.route("/auth/logout", methods=["POST"])
@blp.response(204)
def logout():
    sessions.log_out()


@blp.route("/me", methods=["GET"])
@blp.response(200, MeSchema)
def me():
    user = current_user._get_current_object() if current_user.is_authenticated else None
    return {"user": user, "csrf_token": generate_csrf()}
