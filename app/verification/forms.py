"""Forms of the verification flow: the beneficiary's request, staff decisions, imports and spot audits."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, IntegerField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional


class VerifyForm(FlaskForm):
    """CIN, institution and loan reference; the institution list is set by the view."""

    # A password field: the CIN is not echoed back into the page or kept by the browser's autofill.
    national_id = PasswordField(_l("National ID number (CIN)"), validators=[DataRequired(), Length(max=40)],
                                description=_l("As written on your identity card, e.g. AB123456."),
                                render_kw={"autocomplete": "off", "spellcheck": "false",
                                           "autocapitalize": "characters", "dir": "ltr"})
    institution = SelectField(_l("Microcredit institution"), validators=[DataRequired()])
    loan_reference = StringField(_l("Loan reference"), validators=[DataRequired(), Length(max=80)],
                                 description=_l("The reference printed on your loan contract."),
                                 render_kw={"autocomplete": "off", "dir": "ltr"})


class DecisionForm(FlaskForm):
    """Staff decision on one case; the reason is required to refuse (checked by the service)."""

    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=500)],
                           description=_l("Required to refuse or suspend; the beneficiary reads it."))


class ImportForm(FlaskForm):
    """An institution's CSV file of microcredit records."""

    institution = StringField(_l("Institution that delivered the file"), validators=[DataRequired(), Length(max=120)],
                              render_kw={"list": "known-institutions", "autocomplete": "off"})
    file = FileField(_l("CSV file"), validators=[FileRequired()],
                     description=_l("UTF-8, separated by ; or , with the columns institution, loan_reference, "
                                    "national_id, full_name, city, activity, status, disbursed_on, closed_on."),
                     render_kw={"accept": ".csv,text/csv,text/plain"})
    partial = BooleanField(_l("Partial file: only additions and changes (records absent from it are kept as they are)"))


class SpotAuditForm(FlaskForm):
    """How many verified suppliers to draw per institution."""

    size = IntegerField(_l("Sample size per institution"), default=10,
                        validators=[DataRequired(), NumberRange(1, 1000)])
