"""HTML pages: log in, register, log out, change password, language switch."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts import recovery, services, sessions, verification
from app.accounts.landing import landing_url
from app.accounts.forms import (ChangePasswordForm, ForgotPasswordForm, LoginForm, RegisterForm,
                                ResetPasswordForm)
from app.config import SUPPORTED_LOCALES
from app.core.i18n import remember_language
from app.core.problem import ProblemError
from app.core.ratelimit import client_ip, config_limit, submitted_email, submitted_email_and_ip
from app.core.unit_of_work import unit_of_work
from app.core.urls import safe_next
from app.extensions import db, limiter

bp = Blueprint("accounts", __name__)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(config_limit("LOGIN_LIMIT_PER_IP"), key_func=client_ip, methods=["POST"], scope="login-ip")
@limiter.limit(config_limit("LOGIN_LIMIT_PER_ACCOUNT"), key_func=submitted_email_and_ip, methods=["POST"],
               scope="login-account")
def login():
    form = LoginForm()
    picker = url_for("cities.picker")
    # A page the person asked for wins; the picker (the menu's login link on /) is no wish: they land where
    # their work is (landing_url), a shopper on the picker as before.
    wanted = safe_next(request.values.get("next"), "")
    wanted = "" if wanted.split("?")[0] == picker else wanted
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("Email or password is not correct."))
            return render_template("accounts/login.html", form=form, next=wanted or None), 401
        sessions.log_in(user, remember=form.remember.data)
        flash(_("Welcome back!"), "success")
        return redirect(wanted or landing_url(user) or picker)
    status = 422 if form.errors else 200
    return render_template("accounts/login.html", form=form, next=wanted or None), status


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(config_limit("LOGIN_LIMIT_PER_IP"), key_func=client_ip, methods=["POST"], scope="register-ip")
# Each sign-up mails the typed address (a link, or a notice to its owner): a few per address per hour.
@limiter.limit(config_limit("MAIL_LIMIT_PER_ADDRESS"), key_func=submitted_email, methods=["POST"],
               scope="register-email")
def register():
    form = RegisterForm()
    next_url = safe_next(request.values.get("next"), url_for("cities.picker"))
    if form.validate_on_submit():
        user = sessions.register(form.email.data, form.password.data, form.display_name.data or None)
        flash(verification.link_sent_message(user.pending_email), "info")  # not done yet: the mail comes next
        return redirect(next_url)
    status = 422 if form.errors else 200
    return render_template("accounts/register.html", form=form, next=next_url), status


@bp.route("/account/confirm/<token>")
def confirm_email(token: str):
    try:
        user = verification.confirm(token)
    except ProblemError as problem:
        return render_template("accounts/confirm.html", problem=problem), problem.status
    logged_in = current_user.is_authenticated and current_user.id == user.id
    # "Continue" goes where their work is (a merchant: /merchant/), as a login would; a shopper: the picker.
    return render_template("accounts/confirm.html", confirmed=user.email, logged_in=logged_in,
                           continue_url=(landing_url(user) if logged_in else None) or url_for("cities.picker"))


@bp.route("/account/confirm", methods=["POST"])
@login_required
@limiter.limit(config_limit("CONFIRM_LINK_LIMIT_PER_ACCOUNT"), key_func=lambda: f"user:{current_user.id}",
               scope="confirm-link")
def resend_confirmation():
    address = verification.address_to_confirm(current_user)
    if address:
        verification.send_link(current_user)
        db.session.commit()
        flash(verification.link_sent_message(address), "success")
    return redirect(safe_next(request.form.get("next"), url_for("cities.picker")))


@bp.route("/account/password/forgot", methods=["GET", "POST"])
@limiter.limit(config_limit("LOGIN_LIMIT_PER_IP"), key_func=client_ip, methods=["POST"], scope="reset-ip")
@limiter.limit(config_limit("MAIL_LIMIT_PER_ADDRESS"), key_func=submitted_email, methods=["POST"], scope="reset-email")
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        with unit_of_work():
            recovery.request_reset(form.email.data)
        return render_template("accounts/forgot.html", form=form, sent_to=form.email.data.strip().lower())
    return render_template("accounts/forgot.html", form=form), 422 if form.errors else 200


@bp.route("/account/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(config_limit("LOGIN_LIMIT_PER_IP"), key_func=client_ip, methods=["POST"], scope="reset-ip")
def reset_password(token: str):
    form = ResetPasswordForm()
    try:
        user = recovery.user_for(token)
    except ProblemError as problem:
        return render_template("accounts/confirm.html", problem=problem, reset=True), problem.status
    if form.validate_on_submit():
        with unit_of_work(form) as work:
            user = recovery.reset_password(token, form.password.data)
        if not work.refused:
            sessions.log_in(user)  # like a login: what this phone collected moves along
            flash(_("Your new password is set. Every other device has been logged out."), "success")
            return redirect(landing_url(user) or url_for("cities.picker"))
        return render_template("accounts/reset.html", form=form, email=user.email), work.status
    return render_template("accounts/reset.html", form=form, email=user.email), 422 if form.errors else 200


@bp.route("/logout", methods=["POST"])
def logout():
    sessions.log_out()
    flash(_("You are logged out."), "info")
    return redirect(safe_next(request.form.get("next"), url_for("cities.picker")))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        with unit_of_work() as work:
            services.change_password(current_user, form.current_password.data, form.new_password.data)
        if work.refused:
            form.current_password.errors.append(_("The current password is not correct."))
            return render_template("accounts/password.html", form=form), 422
        sessions.start_session(sessions.current_actor(), remember=True)  # the password change ended it
        flash(_("Your password has been changed."), "success")
        return redirect(url_for("accounts.change_password"))
    return render_template("accounts/password.html", form=form), 422 if form.errors else 200


@bp.route("/lang/<code>")
def set_language(code: str):
    if code not in SUPPORTED_LOCALES:
        abort(404)
    response = redirect(safe_next(request.args.get("next"), url_for("cities.picker")))
    remember_language(response, code)
    if current_user.is_authenticated:
        current_user.locale = code
        db.session.commit()
    return response
