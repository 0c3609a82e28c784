"""Verification review for staff: pending requests, flagged suppliers, spot audits; decisions audited."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.errors import Invalid
from app.notifications import suppliers as notices
from app.suppliers.models import VerificationState
from app.verification import queries, services
from app.verification import spot_audits as audits
from app.verification.forms import DecisionForm, SpotAuditForm
from app.verification.models import RequestKind, RequestState
from app.web.admin import bp
from app.web.guards import moderation_required
from app.web.links import link_in_language
from app.web.pagination import paginate
from app.web.unit_of_work import commit

PAGE_SIZE = 25


@bp.get("/verifications")
@moderation_required
def verifications():
    """Cases of one kind in one state (pending requests by default), oldest first."""
    kind = _enum(RequestKind, request.args.get("kind"), RequestKind.REQUEST)
    state = _enum(RequestState, request.args.get("state"), RequestState.PENDING)
    page = paginate(queries.cases_for_staff(kind, state), PAGE_SIZE)
    return render_template("admin/verification/index.html", page=page, kind=kind, state=state,
                           counts=queries.pending_counts())


@bp.get("/verifications/<int:request_id>")
@moderation_required
def verification_case(request_id: int):
    """One case: the supplier, the record it points to (never a CIN), and the decision forms."""
    return _render_case(request_id, DecisionForm(formdata=None))


@bp.post("/verifications/<int:request_id>/decision")
@moderation_required
def decide_verification(request_id: int):
    """Approve or refuse a case; refusing needs a reason. A case decided meanwhile answers 409."""
    form = DecisionForm()
    decision = request.form.get("decision")
    if decision not in ("approve", "refuse") or not form.validate():
        return _render_case(request_id, form, 422)
    try:
        case = services.decide(request_id, current_user.id, decision == "approve", form.reason.data or "")
    except Invalid as error:
        form.reason.errors = [str(error.message)]
        return _render_case(request_id, form, 422)
    if case.kind == RequestKind.REQUEST or case.supplier.verification_state == VerificationState.SUSPENDED:
        notices.verification_decision(case.supplier, decision == "approve", case.reason,
                                      link_in_language("supplier.index"))
    commit()
    flash(_("Decision recorded for %(name)s.", name=case.supplier.name), "success")
    return redirect(url_for("admin.verifications", kind=case.kind.value), 303)


@bp.get("/verifications/spot-audits")
@moderation_required
def spot_audits():
    """Spot audits per institution: drawn, pending, passed, failed; and the button to draw more."""
    return _render_audits(SpotAuditForm(formdata=None))


@bp.post("/verifications/spot-audits")
@moderation_required
def draw_spot_audits():
    """Draw a random sample of verified suppliers per institution for a manual re-check."""
    form = SpotAuditForm()
    if not form.validate():
        return _render_audits(form, 422)
    drawn = audits.draw_spot_audits(form.size.data, actor_id=current_user.id)
    commit()
    if drawn:
        flash(_("%(count)d supplier(s) queued for a spot audit.", count=sum(drawn.values())), "success")
    else:
        flash(_("No verified supplier to audit."), "warning")
    return redirect(url_for("admin.spot_audits"), 303)


def _render_case(request_id: int, form: DecisionForm, status: int = 200):
    case = queries.case_for_staff(request_id)
    if case is None:
        abort(404)
    return render_template("admin/verification/case.html", case=case, form=form,
                           same_cin=queries.records_sharing_the_cin(case),
                           history=queries.verification_history(case.supplier_id)), status


def _render_audits(form: SpotAuditForm, status: int = 200):
    return render_template("admin/verification/audits.html", form=form, report=audits.spot_audit_report()), status


def _enum(enum_cls, value: str | None, default):
    try:
        return enum_cls(value) if value else default
    except ValueError:
        abort(400)
