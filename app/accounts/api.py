"""JSON: log in / out and who am I. Login answers with the CSRF token for later unsafe calls."""
from flask import Response, g
from flask_login import current_user, login_required
from flask_smorest import Blueprint
from flask_wtf.csrf import generate_csrf

from app.accounts import invitations, recovery, services, sessions
from app.accounts.schemas import (InvitationSchema, InviteSchema, LoginSchema, MeSchema, PasswordResetConfirmSchema,
                                  PasswordResetSchema, SessionSchema)
from app.core.schemas import ProblemSchema
from app.core.problem import ProblemError
from app.core.ratelimit import client_ip, config_limit, submitted_email, submitted_email_and_ip
from app.extensions import csrf, db, limiter

blp = Blueprint("auth_api", __name__, description="Log in, log out and the current user")
people_blp = Blueprint("people_api", __name__, description="Roles by invitation")


@blp.route("/auth/login", methods=["POST"])
@csrf.exempt  # the token is handed out here; the JSON body requirement blocks cross-site form posts
@limiter.limit(config_limit("LOGIN_LIMIT_PER_IP"), key_func=client_ip, scope="login-ip")
@limiter.limit(config_limit("LOGIN_LIMIT_PER_ACCOUNT"), key_func=submitted_email_and_ip, scope="login-account")
@blp.arguments(LoginSchema)
@blp.response(200, SessionSchema)
@blp.alt_response(401, description="Wrong email or password")
def login(body):
    """Log in with email and password: the session cookie is set and the answer carries the CSRF token to send
    as `X-CSRFToken` with every unsafe call."""
    user = services.authenticate(body["email"], body["password"])
    if user is None:
        raise ProblemError(401, "Email or password is not correct.", code="invalid_credentials")
    sessions.log_in(user)
    return {"user": user, "csrf_token": generate_csrf()}


@blp.route("/auth/password-reset", methods=["POST"])
@csrf.exempt  # like login: no session yet; the JSON body requirement blocks cross-site form posts
@limiter.limit(config_limit("LOGIN_LIMIT_PER_IP"), key_func=client_ip, scope="reset-ip")
@limiter.limit(config_limit("MAIL_LIMIT_PER_ADDRESS"), key_func=submitted_email, scope="reset-email")
@blp.arguments(PasswordResetSchema)
@blp.response(202, description="Accepted: a link is mailed if the address has an account (the answer is the same "
                               "either way)")
def password_reset(body):
    """Ask for a password reset link by mail; the answer never says whether the address has an account."""
    recovery.request_reset(body["email"])
    db.session.commit()
    return Response(status=202)


@blp.route("/auth/password-reset/confirm", methods=["POST"])
@csrf.exempt  # the token in the body is the proof; it works once
@limiter.limit(config_limit("LOGIN_LIMIT_PER_IP"), key_func=client_ip, scope="reset-ip")
@blp.arguments(PasswordResetConfirmSchema)
@blp.response(204)
@blp.alt_response(400, description="The link is damaged (`link_invalid`)")
@blp.alt_response(410, description="The link has expired (`link_expired`) or was used (`link_used`)")
@blp.alt_response(422, description="The new password is refused (field `password`)")
def password_reset_confirm(body):
    """Set the new password; every session of the account ends (log in again with the new password)."""
    recovery.reset_password(body["token"], body["password"])
    db.session.commit()


@blp.route("/auth/logout", methods=["POST"])
@blp.response(204)
def logout():
    """End the current session (the session cookie is cleared)."""
    sessions.log_out()


@blp.route("/me", methods=["GET"])
@blp.response(200, MeSchema)
def me():
    """The logged-in user (or `null`) and a CSRF token for the calls that change something."""
    user = current_user._get_current_object() if current_user.is_authenticated else None
    return {"user": user, "csrf_token": generate_csrf()}


@people_blp.route("/cities/<city>/invitations", methods=["POST"])
@login_required
@people_blp.arguments(InviteSchema)
@people_blp.response(201, InvitationSchema)
@people_blp.alt_response(403, schema=ProblemSchema, description="A marketer inviting a marketer (admins only)")
@people_blp.alt_response(404, schema=ProblemSchema, description="No such city, or no role in it that may invite")
@people_blp.alt_response(409, schema=ProblemSchema, description="The address already has this role")
def invite(body):
    """Invite an address to a city role: a single-use link, valid 7 days, is mailed (a pending invitation
    for the same address and role is sent again)."""
    invitation = invitations.invite(sessions.current_actor(), email=body["email"], role=body["role"], city=g.city)
    db.session.commit()
    return invitation
