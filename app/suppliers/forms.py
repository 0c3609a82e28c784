"""The stand profile form of the beneficiary portal."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.suppliers.models import Supplier
from app.suppliers.services import StandProfile


class ProfileForm(FlaskForm):
    """Create or edit the stand; the photo goes through the image pipeline."""

    display_name = StringField(_l("Your name as shoppers will see it"), validators=[DataRequired(), Length(max=120)])
    trade_name = StringField(_l("Trade name (optional)"), validators=[Optional(), Length(max=120)])
    craft = StringField(_l("Craft"), validators=[DataRequired(), Length(max=120)],
                        description=_l("For example: pottery, argan oil, weaving."))
    city = StringField(_l("City"), validators=[DataRequired(), Length(max=80)])
    region = StringField(_l("Region"), validators=[Optional(), Length(max=80)])
    story = TextAreaField(_l("Your story (in French)"), validators=[Optional(), Length(max=5000)])
    story_ar = TextAreaField(_l("Your story in Arabic (optional)"), validators=[Optional(), Length(max=5000)])
    story_en = TextAreaField(_l("Your story in English (optional)"), validators=[Optional(), Length(max=5000)])
    photo = FileField(_l("Photo of you or your workshop"))

    def fill_from(self, supplier: Supplier) -> None:
        for name in ("display_name", "trade_name", "craft", "city", "region", "story"):
            self[name].data = getattr(supplier, name)
        self.story_ar.data = (supplier.story_i18n or {}).get("ar", "")
        self.story_en.data = (supplier.story_i18n or {}).get("en", "")

    def profile(self) -> StandProfile:
        return StandProfile(
            display_name=self.display_name.data, trade_name=self.trade_name.data or "",
            city=self.city.data, region=self.region.data or "", craft=self.craft.data,
            story=self.story.data or "",
            story_i18n={"ar": self.story_ar.data or "", "en": self.story_en.data or ""},
        )
