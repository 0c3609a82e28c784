"""Verification of a beneficiary against the microcredit records: /supplier/verify."""
from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import limiter
from app.verification import queries, services
from app.verification.forms import VerifyForm
from app.web.supplier import bp, stand_required
from app.web.unit_of_work import commit


def _attempts_limit() -> str:
    return current_app.config["VERIFY_RATE_LIMIT"]


def _per_account() -> str:
    # Per account, not per address: guessing someone's CIN must not scale with a pool of IPs.
    return f"verify:{current_user.id if current_user.is_authenticated else 'anonymous'}"


@bp.route("/verify", methods=["GET", "POST"])
@stand_required
@limiter.limit(_attempts_limit, key_func=_per_account, methods=["POST"])
def verify():
    """Ask to be verified with a CIN, an institution and a loan reference."""
    supplier = g.supplier
    form = VerifyForm()
    form.institution.choices = [("", _("Choose your institution"))] + [(n, n) for n in queries.known_institutions()]
    if supplier.verification_state != services.S.VERIFIED and form.validate_on_submit():
        attempt = services.request_verification(supplier.id, form.national_id.data, form.institution.data,
                                                form.loan_reference.data, requested_by_id=current_user.id)
        commit()
        if attempt.verified:
            flash(_("Your stand is verified: you can now submit your listings."), "success")
        else:
            # The same words whatever did not match: the page must not help anyone guess a CIN.
            flash(_("We could not confirm these details automatically. Our team will check them with the "
                    "institution; you will find the answer on this page."), "warning")
        return redirect(url_for("supplier.verify"), 303)
    latest = services.latest_request(supplier.id)
    return render_template("supplier/verify.html", form=form, supplier=supplier, latest=latest), \
        422 if form.errors else 200
