"""Assisted onboarding for field agents (group managers, staff): consent by SMS code, then the
agent works in the beneficiary's portal, every change audited, until they hand over.

While an agent acts, the browser carries the beneficiary's session plus ACTING (the agent and the
sitting). What stays the beneficiary's own is refused: verification, and their account settings.
"""
from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.accounts.errors import AccountError
from app.accounts.forms import CodeForm
from app.accounts.policy import Permission
from app.assist import services
from app.assist.forms import AssistForm
from app.errors import Forbidden
from app.sms.jobs import send_sms
from app.web.guards import permission_required
from app.web.phone import limit_code_guessing, limit_code_sending, masked
from app.web.sessions import end_session, start_session
from app.web.unit_of_work import commit

bp = Blueprint("assist", __name__, url_prefix="/assist")

PENDING = "assist_pending"  # {"phone", "name"}: the consent code was sent, the beneficiary has not typed it yet
ACTING = "assist_acting"  # {"agent", "assistance"}: this browser is an agent working for the logged-in beneficiary
# Steps that only the beneficiary may take, whoever holds the phone.
OWN_STEPS = frozenset({"supplier.verify", "account.change_email", "account.change_password", "phone.change",
                       "phone.change_code", "phone.first_password"})
# Not changes to the beneficiary's stand: never audited as acts of the agent.
UNAUDITED = frozenset({"assist.end", "account.logout"})


@bp.route("/", methods=["GET", "POST"])
@permission_required(Permission.ASSIST)
@limit_code_sending
def start():
    """Ask the present beneficiary's consent: a code goes to their phone."""
    form = AssistForm()
    if form.validate_on_submit():
        try:
            number, code = services.request_consent(current_user.id, form.phone.data)
        except AccountError as error:
            form.phone.errors.append(str(error.message))
        else:
            commit()
            send_sms(number, _("Souk Solidaire: %(agent)s offers to set up your stand with you. If you agree, "
                               "give them this code: %(code)s (valid 5 minutes).", agent=current_user.name, code=code))
            session[PENDING] = {"phone": number, "name": form.name.data.strip()}
            return redirect(url_for("assist.consent"))
    return render_template("assist/start.html", form=form), 422 if form.errors else 200


@bp.route("/consent", methods=["GET", "POST"])
@permission_required(Permission.ASSIST)
@limit_code_guessing
def consent():
    """The beneficiary types the code they received: the agent then works in their portal."""
    pending = session.get(PENDING)
    if not pending:
        return redirect(url_for("assist.start"))
    form = CodeForm()
    if form.validate_on_submit():
        agent_id = current_user.id
        try:
            sitting = services.start(agent_id, pending["phone"], form.code.data, pending["name"], str(get_locale()))
        except AccountError as error:
            commit()  # a wrong guess counts
            g.attempt_failed = True
            form.code.errors.append(str(error.message))
        else:
            commit()
            start_session(sitting.beneficiary)
            session[ACTING] = {"agent": agent_id, "assistance": sitting.id}
            flash(_("%(name)s agreed. You are now preparing their stand.", name=sitting.beneficiary.name), "success")
            return redirect(url_for("supplier.index"))
    return render_template("assist/consent.html", form=form, number=masked(pending["phone"]),
                           name=pending["name"]), 422 if form.errors else 200


@bp.post("/end")
def end():
    """Hand over: the sitting ends and the agent logs in again as themselves (with their second factor:
    a restored session would skip it)."""
    acting = session.get(ACTING)
    if not acting:
        return redirect(url_for("shop.home"))
    services.end(acting["assistance"])
    commit()
    end_session()
    flash(_("Done. The beneficiary can now log in with their phone number and take over."), "success")
    return redirect(url_for("account.login", next=url_for("assist.start")))


@bp.before_app_request
def _guard_agent_sessions():
    """In an agent's session: refuse the beneficiary's own steps, audit every change."""
    acting = session.get(ACTING)
    if not acting or not current_user.is_authenticated:
        return None
    try:
        sitting = services.active(acting["assistance"])
    except AccountError:  # the beneficiary took over, or the agent handed over elsewhere
        session.pop(ACTING, None)
        end_session()
        return redirect(url_for("account.login"))
    g.assistance = sitting
    if request.endpoint in OWN_STEPS:
        raise Forbidden(_l("This step is the beneficiary's own: they will do it with their own phone."))
    if request.method == "POST" and request.endpoint not in UNAUDITED:
        services.record_action(sitting, request.endpoint or request.path)  # kept if the view commits
    return None


@bp.app_context_processor
def _assisting() -> dict:
    return {"assistance": g.get("assistance")}
