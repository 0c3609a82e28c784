"""The checkout form: who, where, how to pay. Prices are never fields."""
from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from app.exhibition.choices import reference_names, translated_name
from app.i18n import localized
from app.numbers import whole_number
from app.orders.delivery import cities, home_delivery_fee
from app.orders.fair_delivery import FairOffer
from app.orders.models import DeliveryMethod, PaymentMethod
from app.validators import EmailAddress, MoroccanPhone

REQUIRED = _l("This field is required.")
OTHER_CITY = "other"
# Home delivery of an order from a fair's stand QR code: stored as home delivery with the order's fair.
FAIR_HOME = "fair_home"
# What the form can carry; which of them a cart may choose is app.orders.fair_delivery's decision.
KNOWN_METHODS = frozenset({DeliveryMethod.HOME.value, DeliveryMethod.PICKUP.value, DeliveryMethod.STAND.value,
                           FAIR_HOME})
HOME_METHODS = frozenset({DeliveryMethod.HOME.value, FAIR_HOME})


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
    # validate_choice=False: a method the page did not offer gets validate_delivery_method's clear message.
    delivery_method = RadioField(_l("Delivery"), default=DeliveryMethod.HOME.value, validate_choice=False)
    city = SelectField(_l("City"))
    other_city = StringField(_l("Your city, if not in the list"), validators=[Length(max=80)])
    address = TextAreaField(_l("Address"), validators=[Length(max=500)],
                            render_kw={"autocomplete": "street-address", "rows": 3})
    pickup_point = SelectField(_l("Pickup point"), coerce=int, validate_choice=False)
    payment_method = RadioField(_l("Payment"), default=PaymentMethod.CASH.value)
    # The subtotal the shopper was shown: never used as a price, only to notice a price change.
    seen_subtotal = HiddenField()

    def setup(self, pickup_points, card_enabled: bool, money, fair: FairOffer | None = None) -> CheckoutForm:
        """Choices known only at request time: cities with their fee, pickup points, card if configured,
        and the fair's two methods for a shopper who came from a stand's QR code of a fair on today."""
        self.delivery_method.choices = [
            SelectChoice(DeliveryMethod.HOME.value, _l("Home delivery")),
            SelectChoice(DeliveryMethod.PICKUP.value, _l("Free pickup at a solidarity space or proximity shop")),
        ]
        if fair is not None:
            name = localized(fair.fair, "name", str(get_locale()))
            if fair.collectable:
                self.delivery_method.choices.append(SelectChoice(DeliveryMethod.STAND.value, _l(
                    "Collect at the stand today, free: %(fair)s, stand %(label)s", fair=name,
                    label=fair.stand_labels)))
            self.delivery_method.choices.append(SelectChoice(FAIR_HOME, _l(
                "Home delivery from %(fair)s, for what is too heavy to carry", fair=name)))
        locale, names = str(get_locale()), reference_names()
        self.city.choices = [SelectChoice("", _l("Choose your city"))] + [
            SelectChoice(c, f"{translated_name('city', c, locale, names)} — {money(home_delivery_fee(c))}")
            for c in cities()
        ] + [SelectChoice(OTHER_CITY, _l("Another city — %(fee)s", fee=money(home_delivery_fee(""))))]
        self.pickup_point.choices = [SelectChoice(0, _l("Choose a pickup point"))] + [
            SelectChoice(p.id, f"{translated_name('city', p.city, locale, names)} — {localized(p, 'name', locale)}")
            for p in pickup_points
        ]
        self._pickup_ids = {p.id for p in pickup_points}
        self.payment_method.choices = [SelectChoice(PaymentMethod.CASH.value, _l("Cash on delivery"))]
        if card_enabled:
            self.payment_method.choices.append(SelectChoice(PaymentMethod.CARD.value, _l("Card (secure Stripe page)")))
        return self

    def validate_delivery_method(self, field) -> None:
        if field.data not in KNOWN_METHODS:
            raise ValidationError(_l("This delivery method is not available for your order."))

    def validate_city(self, field) -> None:
        if self.delivery_method.data in HOME_METHODS and not field.data:
            raise ValidationError(REQUIRED)

    def validate_other_city(self, field) -> None:
        if self.delivery_method.data in HOME_METHODS and self.city.data == OTHER_CITY \
                and not (field.data or "").strip():
            raise ValidationError(REQUIRED)

    def validate_address(self, field) -> None:
        if self.delivery_method.data in HOME_METHODS and not (field.data or "").strip():
            raise ValidationError(REQUIRED)

    def validate_pickup_point(self, field) -> None:
        if self.delivery_method.data == DeliveryMethod.PICKUP.value and field.data not in self._pickup_ids:
            raise ValidationError(_l("Choose a pickup point."))

    def prices_changed(self, subtotal: int) -> bool:
        seen = whole_number(self.seen_subtotal.data)
        return seen is not None and seen != subtotal

    @property
    def method(self) -> DeliveryMethod:
        """The stored delivery method (home delivery from a fair is home delivery with the order's fair)."""
        chosen = self.delivery_method.data
        return DeliveryMethod.HOME if chosen == FAIR_HOME else DeliveryMethod(chosen)

    @property
    def from_fair(self) -> bool:
        return self.delivery_method.data in (FAIR_HOME, DeliveryMethod.STAND.value)

    @property
    def delivery_city(self) -> str:
        if self.city.data == OTHER_CITY:
            return (self.other_city.data or "").strip()
        return self.city.data or ""



class BlockPhoneForm(FlaskForm):
    """Staff bar a number from cash on delivery (app/orders/cash.py)."""

    phone = StringField(_l("Phone"), validators=[DataRequired(REQUIRED), MoroccanPhone()],
                        render_kw={"inputmode": "tel", "placeholder": "06 12 34 56 78", "dir": "ltr"})
    reason = StringField(_l("Reason"), validators=[Length(max=255)],
                         description=_l("For instance: three parcels refused at the door."))
