"""Forms of the moderation pages (management forms live in catalog_forms.py)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

DECISION_CHOICES = [
    SelectChoice("approve", _l("Approve")),
    SelectChoice("reject", _l("Reject")),
    SelectChoice("request_changes", _l("Request changes")),
]


class DecisionForm(FlaskForm):
    """Approve, reject or ask for changes; the last two need a reason the beneficiary will read."""

    decision = SelectField(_l("Decision"), choices=DECISION_CHOICES, validators=[DataRequired()])
    reason = TextAreaField(_l("Reason (shown to the beneficiary)"), validators=[Length(max=2000)])

    def validate_reason(self, field) -> None:
        if self.decision.data != "approve" and not (field.data or "").strip():
            raise ValidationError(_l("Please give a reason: the beneficiary will read it."))


class BulkDecisionForm(DecisionForm):
    """The same decision for every ticked listing."""

    ids = HiddenField()  # the ticked checkboxes arrive as repeated `ids` values, read with getlist
