"""The field agent's form: who is the beneficiary they are with."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from app.accounts.forms import REQUIRED, phone_field


class AssistForm(FlaskForm):
    phone = phone_field(_l("The beneficiary's mobile number"))
    name = StringField(_l("The beneficiary's name"), validators=[DataRequired(REQUIRED), Length(max=120)])
