"""Forms of the catalogue management pages; each says precisely what is wrong."""
from __future__ import annotations

from decimal import Decimal

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.catalog.models import NameKind
from app.exhibition.models import PickupKind

NAME = [DataRequired(), Length(max=120)]
TRANSLATION = [Optional(), Length(max=160)]
POSITION = [Optional(), NumberRange(min=0, max=10000)]
FUNDER_KINDS = ("funder", "professional")


class CategoryForm(FlaskForm):
    name = StringField(_l("Name (French)"), validators=NAME)
    name_ar = StringField(_l("Name in Arabic"), validators=TRANSLATION)
    name_en = StringField(_l("Name in English"), validators=TRANSLATION)
    position = IntegerField(_l("Position in lists"), default=0, validators=POSITION)


class HallForm(FlaskForm):
    title = StringField(_l("Title (French)"), validators=[DataRequired(), Length(max=160)])
    title_ar = StringField(_l("Title in Arabic"), validators=TRANSLATION)
    title_en = StringField(_l("Title in English"), validators=TRANSLATION)
    intro = TextAreaField(_l("Introduction (French)"), validators=[Optional(), Length(max=4000)])
    intro_ar = TextAreaField(_l("Introduction in Arabic"), validators=[Optional(), Length(max=4000)])
    intro_en = TextAreaField(_l("Introduction in English"), validators=[Optional(), Length(max=4000)])
    featured = BooleanField(_l("Featured on the home page"))
    position = IntegerField(_l("Position in lists"), default=0, validators=POSITION)
    cover = FileField(_l("Cover photo"), validators=[FileAllowed(
        ["jpg", "jpeg", "png", "webp", "heic", "heif"], _l("Choose a JPEG, PNG, WebP or HEIC photo."))])


class FairForm(FlaskForm):
    name = StringField(_l("Name (French)"), validators=[DataRequired(), Length(max=160)])
    name_ar = StringField(_l("Name in Arabic"), validators=TRANSLATION)
    name_en = StringField(_l("Name in English"), validators=TRANSLATION)
    city = StringField(_l("City"), validators=[DataRequired(), Length(max=80)])
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=160)])
    venue_ar = StringField(_l("Venue in Arabic"), validators=[Optional(), Length(max=160)])
    venue_en = StringField(_l("Venue in English"), validators=[Optional(), Length(max=160)])
    starts_on = DateField(_l("First day"), validators=[InputRequired(_l("Give the first day of the fair."))])
    ends_on = DateField(_l("Last day"), validators=[InputRequired(_l("Give the last day of the fair."))])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=4000)])
    description_ar = TextAreaField(_l("Description in Arabic"), validators=[Optional(), Length(max=4000)])
    description_en = TextAreaField(_l("Description in English"), validators=[Optional(), Length(max=4000)])
    suppliers = SelectMultipleField(_l("Participating suppliers"), coerce=int, validate_choice=True,
                                    description=_l("Hold Ctrl (or ⌘) to choose several."))

    def validate_ends_on(self, field) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The last day must be on or after the first day."))


class PickupPointForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=160)])
    name_ar = StringField(_l("Name in Arabic"), validators=TRANSLATION)
    name_en = StringField(_l("Name in English"), validators=TRANSLATION)
    kind = SelectField(_l("Kind"), choices=[
        SelectChoice(PickupKind.SOLIDARITY_SPACE.value, _l("Solidarity commerce space")),
        SelectChoice(PickupKind.PROXIMITY_SHOP.value, _l("Proximity shop")),
    ])
    city = StringField(_l("City"), validators=[DataRequired(), Length(max=80)])
    address = StringField(_l("Address"), validators=[DataRequired(), Length(max=255)])
    address_ar = StringField(_l("Address in Arabic"), validators=[Optional(), Length(max=255)])
    address_en = StringField(_l("Address in English"), validators=[Optional(), Length(max=255)])
    opening_hours = StringField(_l("Opening hours"), validators=[DataRequired(), Length(max=255)],
                                description=_l("e.g. Mon–Sat 9:00–19:00"))
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    active = BooleanField(_l("Open (offered at checkout)"), default=True)


class ReferenceNameForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=[SelectChoice(NameKind.CITY.value, _l("City")),
                                            SelectChoice(NameKind.REGION.value, _l("Region")),
                                            SelectChoice(NameKind.CRAFT.value, _l("Craft"))])
    name = StringField(_l("Name as stands write it (French)"), validators=NAME,
                       description=_l("Exactly as in the stands' profiles, e.g. Fès or Potière."))
    name_ar = StringField(_l("Name in Arabic"), validators=TRANSLATION)
    name_en = StringField(_l("Name in English"), validators=TRANSLATION)


class GroupForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=160)])
    city = StringField(_l("City"), validators=[Optional(), Length(max=80)])
    description = TextAreaField(_l("Description (French)"), validators=[Optional(), Length(max=4000)])
    description_ar = TextAreaField(_l("Description in Arabic"), validators=[Optional(), Length(max=4000)])
    description_en = TextAreaField(_l("Description in English"), validators=[Optional(), Length(max=4000)])
    commission = DecimalField(_l("Commission (%)"), places=2, default=Decimal(0),
                              validators=[InputRequired(_l("Give the commission, 0 if none."))])
    manager_id = SelectField(_l("Manager"), coerce=int, description=_l("Accounts with the group manager role."))
    funders = TextAreaField(_l("Funders and professionals at the table"), validators=[Optional(), Length(max=4000)],
                            description=_l("One per line: name; funder or professional"))
    members = SelectMultipleField(_l("Members"), coerce=int, description=_l("Hold Ctrl (or ⌘) to choose several."))

    def validate_commission(self, field) -> None:
        cap = current_app.config["GROUP_COMMISSION_CAP_BP"]
        if field.data is not None and not 0 <= field.data * 100 <= cap:
            raise ValidationError(_l("The commission must be between 0 and %(cap)s %% (the platform cap).",
                                     cap=cap / 100))

    def validate_funders(self, field) -> None:
        self.funder_rows = []
        for number, line in enumerate((field.data or "").splitlines(), start=1):
            if not line.strip():
                continue
            name, _, kind = (part.strip() for part in line.partition(";"))
            kind = kind.lower() or "funder"
            if not name or len(name) > 160 or kind not in FUNDER_KINDS:
                raise ValidationError(_l("Line %(n)d: write a name, then ; then funder or professional.",
                                         n=number))
            self.funder_rows.append((name, kind))

    @property
    def commission_bp(self) -> int:
        return int((self.commission.data or 0) * 100)


def translations(form, prefix: str) -> dict[str, str]:
    return {lang: getattr(form, f"{prefix}_{lang}").data or "" for lang in ("ar", "en")}
