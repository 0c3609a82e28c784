"""Forms of the beneficiary portal's listing pages (CSRF through Flask-WTF)."""
from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from app.catalog.models import Product
from app.catalog.services import (
    MAX_PRICE_CENTIMES,
    MAX_STOCK,
    TRANSLATION_LOCALES,
    ListingData,
    Translation,
    categories,
    description_for_editing,
)
from app.i18n import localized
from app.money import to_centimes, to_decimal


class PriceField(StringField):
    """A MAD amount typed by a person ("120", "120,50"); `centimes` holds the parsed value."""

    centimes: int | None = None

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.centimes = None
        if self.data:
            try:
                self.centimes = to_centimes(self.data)
            except ValueError:
                self.centimes = None


def _valid_price(form, field: PriceField) -> None:
    if field.centimes is None:
        raise ValidationError(_l("Write the price in dirhams, for example 120 or 120.50."))
    if not 0 < field.centimes <= MAX_PRICE_CENTIMES:
        raise ValidationError(_l("The price must be more than 0 and at most 1,000,000 MAD."))


def _title_needed_for_description(locale: str):
    def check(form, field) -> None:
        # A form posted without the translation inputs (a script, an older page) leaves them None.
        if (form[f"description_{locale}"].data or "").strip() and not (field.data or "").strip():
            raise ValidationError(_l("Give the title too, or leave this translation empty."))
    return check


class ProductForm(FlaskForm):
    """Create or edit a listing."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=160)])
    description = TextAreaField(
        _l("Description"), validators=[Optional(), Length(max=5000)],
        description=_l("Plain text is fine: leave an empty line between paragraphs."))
    category = SelectField(_l("Category"), coerce=int, validators=[InputRequired()])
    price = PriceField(_l("Price (MAD)"), validators=[DataRequired(), _valid_price])
    stock = IntegerField(_l("Stock"), validators=[InputRequired(), NumberRange(min=0, max=MAX_STOCK)],
                         description=_l("How many you have ready to sell."))
    title_ar = StringField(_l("Title in Arabic"), validators=[Length(max=160), _title_needed_for_description("ar")])
    description_ar = TextAreaField(_l("Description in Arabic"), validators=[Length(max=5000)])
    title_en = StringField(_l("Title in English"), validators=[Length(max=160), _title_needed_for_description("en")])
    description_en = TextAreaField(_l("Description in English"), validators=[Length(max=5000)])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        locale = str(get_locale() or "fr")
        self.category.choices = [(0, _l("Choose…"))] + [(c.id, localized(c, "name", locale)) for c in categories()]

    def validate_category(self, field) -> None:
        if not field.data:
            raise ValidationError(_l("Please choose a category."))

    def fill_from(self, product: Product) -> None:
        """Show a stored listing for editing (descriptions back to plain text when possible)."""
        self.title.data = product.title
        self.description.data = description_for_editing(product.description)
        self.category.data = product.category_id
        self.price.data = f"{to_decimal(product.price_centimes):f}"
        self.stock.data = product.stock
        for t in product.translations:
            if t.locale in TRANSLATION_LOCALES:
                self[f"title_{t.locale}"].data = t.title
                self[f"description_{t.locale}"].data = description_for_editing(t.description)

    def listing_data(self) -> ListingData:
        return ListingData(
            title=self.title.data,
            description=self.description.data or "",
            category_id=self.category.data,
            price_centimes=self.price.centimes or 0,
            stock=self.stock.data,
            translations={
                locale: Translation(self[f"title_{locale}"].data or "", self[f"description_{locale}"].data or "")
                for locale in TRANSLATION_LOCALES
            },
        )
