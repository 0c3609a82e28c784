"""The checkout form: who, where, how to pay. Prices are never fields."""
from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from app.i18n import localized
from app.orders.delivery import cities, home_delivery_fee
from app.orders.models import DeliveryMethod, PaymentMethod
from app.validators import EmailAddress, MoroccanPhone

REQUIRED = _l("This field is required.")
OTHER_CITY = "other"


class CheckoutForm(FlaskForm):
    # No Optional() on the conditional fields below: it would stop their validate_* checks.
    name = StringField(_l("Full name"), validators=[DataRequired(REQUIRED), Length(max=120)],
                       render_kw={"autocomplete": "name"})
    email = EmailField(_l("E-mail address"), validators=[DataRequired(REQUIRED), Length(max=254), EmailAddress()],
                       render_kw={"autocomplete": "email", "inputmode": "email", "autocapitalize": "none",
                                  "dir": "ltr"})
    phone = StringField(_l("Phone"), validators=[DataRequired(REQUIRED), MoroccanPhone()],
                        description=_l("The courier or the pickup point calls you on this number."),
                        render_kw={"autocomplete": "tel", "inputmode": "tel", "placeholder": "06 12 34 56 78",
                                   "dir": "ltr"})
    delivery_method = RadioField(_l("Delivery"), default=DeliveryMethod.HOME.value, choices=[
        SelectChoice(DeliveryMethod.HOME.value, _l("Home delivery")),
        SelectChoice(DeliveryMethod.PICKUP.value, _l("Free pickup at a solidarity space or proximity shop")),
    ])
    city = SelectField(_l("City"))
    other_city = StringField(_l("Your city, if not in the list"), validators=[Length(max=80)])
    address = TextAreaField(_l("Address"), validators=[Length(max=500)],
                            render_kw={"autocomplete": "street-address", "rows": 3})
    pickup_point = SelectField(_l("Pickup point"), coerce=int, validate_choice=False)
    payment_method = RadioField(_l("Payment"), default=PaymentMethod.CASH.value)
    # The subtotal the shopper was shown: never used as a price, only to notice a price change.
    seen_subtotal = HiddenField()

    def setup(self, pickup_points, card_enabled: bool, money) -> CheckoutForm:
        """Choices known only at request time: cities with their fee, pickup points, card if configured."""
        self.city.choices = [SelectChoice("", _l("Choose your city"))] + [
            SelectChoice(c, f"{c} — {money(home_delivery_fee(c))}") for c in cities()
        ] + [SelectChoice(OTHER_CITY, _l("Another city — %(fee)s", fee=money(home_delivery_fee(""))))]
        self.pickup_point.choices = [SelectChoice(0, _l("Choose a pickup point"))] + [
            SelectChoice(p.id, f"{p.city} — {localized(p, 'name', str(get_locale()))}") for p in pickup_points
        ]
        self._pickup_ids = {p.id for p in pickup_points}
        self.payment_method.choices = [SelectChoice(PaymentMethod.CASH.value, _l("Cash on delivery"))]
        if card_enabled:
            self.payment_method.choices.append(SelectChoice(PaymentMethod.CARD.value, _l("Card (secure Stripe page)")))
        return self

    def validate_city(self, field) -> None:
        if self.delivery_method.data == DeliveryMethod.HOME.value and not field.data:
            raise ValidationError(REQUIRED)

    def validate_other_city(self, field) -> None:
        if self.delivery_method.data == DeliveryMethod.HOME.value and self.city.data == OTHER_CITY \
                and not (field.data or "").strip():
            raise ValidationError(REQUIRED)

    def validate_address(self, field) -> None:
        if self.delivery_method.data == DeliveryMethod.HOME.value and not (field.data or "").strip():
            raise ValidationError(REQUIRED)

    def validate_pickup_point(self, field) -> None:
        if self.delivery_method.data == DeliveryMethod.PICKUP.value and field.data not in self._pickup_ids:
            raise ValidationError(_l("Choose a pickup point."))

    def prices_changed(self, subtotal: int) -> bool:
        seen = (self.seen_subtotal.data or "").strip()
        return seen.isdigit() and int(seen) != subtotal

    @property
    def delivery_city(self) -> str:
        if self.city.data == OTHER_CITY:
            return (self.other_city.data or "").strip()
        return self.city.data or ""

