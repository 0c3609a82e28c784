"""Forms of the moderation pages (management forms live in catalog_forms.py), and the save flow
shared by the management pages."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from app.moderation.services import Decision
from app.web.unit_of_work import unit_of_work

T = TypeVar("T")



class DecisionForm(FlaskForm):
    """Approve, reject or ask for changes; the last two need a reason the beneficiary will read."""

    # The queue's buttons send the value; the words are theirs (templates/admin/moderation/queue.html).
    decision = SelectField(_l("Decision"), choices=[d.value for d in Decision], validators=[DataRequired()])
    reason = TextAreaField(_l("Reason (shown to the beneficiary)"), validators=[Length(max=2000)])

    def validate_reason(self, field) -> None:
        if self.decision.data != Decision.APPROVE and not (field.data or "").strip():
            raise ValidationError(_l("Please give a reason: the beneficiary will read it."))


class BulkDecisionForm(DecisionForm):
    """The same decision for every ticked listing."""

    ids = HiddenField()  # the ticked checkboxes arrive as repeated `ids` values, read with getlist


def save_or_explain(form: FlaskForm, save: Callable[[], T]) -> T | None:
    """Validate `form` and run `save`, committing on success ("Saved." is flashed) and returning what it
    saved; None when the form is wrong or the service refuses (its reason is added to the form's errors)."""
    if not form.validate():
        return None
    with unit_of_work() as work:
        saved = save()
    if work.error:
        form.form_errors.append(work.error.message)
        return None
    flash(_("Saved."))
    return saved
