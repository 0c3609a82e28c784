"""Factory functions with good defaults: each adds to the session and flushes, the test commits."""
from __future__ import annotations

import itertools
from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.accounts.models import Role, User
from app.accounts.passwords import hash_password
from app.catalog.models import Category, ListingStatus, Product
from app.db import utcnow
from app.extensions import db
from app.suppliers.models import Supplier, VerificationState
from tests.helpers import DEFAULT_PASSWORD

_seq = itertools.count(1)


def shop_today() -> date:
    """The shop's calendar day (Morocco's, as `app.exhibition.queries.today`), not the machine's: between
    23:00 and midnight UTC they differ, and a fair or a scan of "today" must be the shop's."""
    from config import Config

    return datetime.now(ZoneInfo(Config.BABEL_DEFAULT_TIMEZONE)).date()
# Hashing is deliberately slow in production; tests hash the default password once.
_DEFAULT_HASH: str | None = None


def _password_hash(password: str) -> str:
    global _DEFAULT_HASH
    if password != DEFAULT_PASSWORD:
        return hash_password(password)
    if _DEFAULT_HASH is None:
        _DEFAULT_HASH = hash_password(DEFAULT_PASSWORD)
    return _DEFAULT_HASH


def make_user(role: Role = Role.SHOPPER, email: str | None = None, password: str = DEFAULT_PASSWORD, **kw) -> User:
    n = next(_seq)
    user = User(email=email or f"user{n}@example.ma", password_hash=_password_hash(password),
                name=kw.pop("name", f"User {n}"), role=role, **kw)
    db.session.add(user)
    db.session.flush()
    return user


def make_phone_user(phone: str = "+212612345678", role: Role = Role.BENEFICIARY, **kw) -> User:
    """An account opened by phone: no e-mail address, no password."""
    user = User(phone=phone, name=kw.pop("name", "Khadija"), role=role, **kw)
    db.session.add(user)
    db.session.flush()
    return user


def make_supplier(user: User | None = None, verified: bool = True, **kw) -> Supplier:
    n = next(_seq)
    user = user or make_user(Role.BENEFICIARY)
    supplier = Supplier(
        user_id=user.id,
        slug=kw.pop("slug", f"supplier-{n}"),
        display_name=kw.pop("display_name", f"Fatima Supplier {n}"),
        craft=kw.pop("craft", "Pottery"),
        city=kw.pop("city", "Safi"),
        region=kw.pop("region", "Marrakech-Safi"),
        story=kw.pop("story", "Potter since childhood."),
        verification_state=VerificationState.VERIFIED if verified else VerificationState.UNVERIFIED,
        verified_at=utcnow() if verified else None,
        **kw,
    )
    db.session.add(supplier)
    db.session.flush()
    return supplier


def make_category(slug: str | None = None, name: str | None = None, **kw) -> Category:
    n = next(_seq)
    category = Category(slug=slug or f"category-{n}", name=name or f"Category {n}", **kw)
    db.session.add(category)
    db.session.flush()
    return category


def make_product(supplier: Supplier | None = None, category: Category | None = None,
                 status: ListingStatus = ListingStatus.PUBLISHED, **kw) -> Product:
    n = next(_seq)
    supplier = supplier or make_supplier()
    category = category or make_category()
    title = kw.pop("title", f"Tajine {n}")
    product = Product(
        supplier_id=supplier.id,
        category_id=category.id,
        slug=kw.pop("slug", f"product-{n}"),
        title=title,
        description=kw.pop("description", "Hand made."),
        price_centimes=kw.pop("price_centimes", 15000),
        stock=kw.pop("stock", 5),
        status=status,
        published_at=utcnow() if status == ListingStatus.PUBLISHED else None,
        **kw,
    )
    db.session.add(product)
    db.session.flush()
    return product


# -- exhibition (halls, fairs, groups, pickup points) and product extras --------------------

def make_hall(slug: str | None = None, title: str | None = None, products: tuple = (), **kw):
    """A hall; `products` are placed in the given order (position 0, 1, ...)."""
    from app.exhibition.models import Hall, HallProduct

    n = next(_seq)
    hall = Hall(slug=slug or f"hall-{n}", title=title or f"Hall {n}", intro=kw.pop("intro", "A curated hall."), **kw)
    db.session.add(hall)
    db.session.flush()
    for position, product in enumerate(products):
        db.session.add(HallProduct(hall_id=hall.id, product_id=product.id, position=position))
    db.session.flush()
    return hall


def make_fair(slug: str | None = None, days_from_now: int = 10, suppliers: tuple = (), **kw):
    """A fair starting `days_from_now` days from today (negative: in the past), with stands."""
    from datetime import timedelta

    from app.exhibition.models import Fair, FairStand

    n = next(_seq)
    starts = shop_today() + timedelta(days=days_from_now)
    fair = Fair(slug=slug or f"fair-{n}", name=kw.pop("name", f"Fair {n}"), city=kw.pop("city", "Rabat"),
                venue=kw.pop("venue", "Bab El Had"), starts_on=starts,
                ends_on=kw.pop("ends_on", starts + timedelta(days=3)), **kw)
    db.session.add(fair)
    db.session.flush()
    for index, supplier in enumerate(suppliers, start=1):
        db.session.add(FairStand(fair_id=fair.id, supplier_id=supplier.id, stand_label=f"A{index}"))
    db.session.flush()
    return fair


def make_group(slug: str | None = None, name: str | None = None, commission_bp: int = 1000,
               funders: tuple = (), **kw):
    """A groupement solidaire; `funders` are (name, kind) pairs."""
    from app.suppliers.models import Group, GroupFunder

    n = next(_seq)
    group = Group(slug=slug or f"group-{n}", name=name or f"Group {n}", city=kw.pop("city", "Salé"),
                  commission_bp=commission_bp, **kw)
    db.session.add(group)
    db.session.flush()
    for funder_name, kind in funders:
        db.session.add(GroupFunder(group_id=group.id, name=funder_name, kind=kind))
    db.session.flush()
    return group


def make_pickup_point(city: str = "Salé", kind=None, **kw):
    from app.exhibition.models import PickupKind, PickupPoint

    n = next(_seq)
    point = PickupPoint(slug=kw.pop("slug", f"pickup-{n}"), name=kw.pop("name", f"Pickup point {n}"),
                        kind=kind or PickupKind.SOLIDARITY_SPACE, city=city,
                        address=kw.pop("address", f"{n} avenue Mohammed V"),
                        opening_hours=kw.pop("opening_hours", "Mon-Sat 9:00-19:00"), **kw)
    db.session.add(point)
    db.session.flush()
    return point


def make_translation(product, locale: str, title: str, description: str = ""):
    from app.catalog.models import ProductTranslation

    translation = ProductTranslation(product_id=product.id, locale=locale, title=title, description=description)
    db.session.add(translation)
    db.session.flush()
    return translation


# -- photos (media pipeline) ----------------------------------------------------------------

def photo_bytes(width: int = 800, height: int = 600, seed: int = 0, fmt: str = "JPEG", **save) -> bytes:
    """A small textured photo (a different one per `seed`), encoded as `fmt`."""
    import io

    from PIL import Image as PILImage
    from PIL import ImageDraw

    picture = PILImage.new("RGB", (width, height), ((seed * 53) % 256, 120, (200 - seed * 31) % 256))
    draw = ImageDraw.Draw(picture)
    step = max(4, width // 12)
    for x in range(0, width, step):
        draw.rectangle((x, 0, x + step // 2, height), fill=((x + seed * 17) % 256, (x * 3) % 256, 90))
    draw.ellipse((width // 4, height // 4, width * 3 // 4, height * 3 // 4), fill=(230, 180, (seed * 7) % 256))
    buffer = io.BytesIO()
    picture.save(buffer, fmt, **save)
    return buffer.getvalue()


def make_image(width: int = 800, height: int = 600, seed: int | None = None):
    """A ready Image run through the real pipeline (renditions written under MEDIA_ROOT)."""
    from app.media.services import add_image

    return add_image(photo_bytes(width, height, seed=next(_seq) if seed is None else seed))


def make_sale(product, quantity: int = 1, status=None, days_ago: int = 0, line_status=None, **kw):
    """An order of one line for `product` (paid by default), as dashboards and reports read them."""
    from datetime import timedelta

    from app.orders.models import LineStatus, Order, OrderLine, OrderStatus

    n = next(_seq)
    total = product.price_centimes * quantity
    order = Order(number=f"T{n:08d}", token=f"sale-token-{n}", status=status or OrderStatus.PAID,
                  customer_name="Amina Test", email="buyer@example.ma", phone="+212600000000",
                  delivery_method="home", payment_method="cash", subtotal_centimes=total, total_centimes=total,
                  created_at=utcnow() - timedelta(days=days_ago))
    order.lines.append(OrderLine(
        product_id=product.id, supplier_id=product.supplier_id, title=product.title,
        unit_price_centimes=product.price_centimes, quantity=quantity, line_total_centimes=total,
        producer_share_centimes=kw.pop("producer_share_centimes", total * 75 // 100),
        group_commission_centimes=kw.pop("group_commission_centimes", total * 20 // 100),
        platform_fee_centimes=kw.pop("platform_fee_centimes", total * 5 // 100),
        status=line_status or LineStatus.PENDING, **kw))
    db.session.add(order)
    db.session.flush()
    return order


# -- cart and orders (H7) -------------------------------------------------------------------

def make_cart(*items, user=None):
    """A cart holding (product, quantity) pairs; a guest cart unless `user` is given."""
    from app.cart.models import CartItem
    from app.cart.services import new_cart

    cart = new_cart(user.id if user else None)
    for product, quantity in items:
        db.session.add(CartItem(cart_id=cart.id, product_id=product.id, quantity=quantity))
    db.session.flush()
    db.session.expire(cart, ["items"])
    return cart


def checkout_details(payment: str = "cash", delivery: str = "home", **kw):
    """What a shopper types at checkout, valid by default (home delivery in Casablanca, cash)."""
    from app.orders.models import DeliveryMethod, PaymentMethod
    from app.orders.services import CheckoutDetails

    return CheckoutDetails(
        name=kw.pop("name", "Amina Benali"), email=kw.pop("email", "amina@example.ma"),
        phone=kw.pop("phone", "+212612345678"), delivery_method=DeliveryMethod(delivery),
        payment_method=PaymentMethod(payment), city=kw.pop("city", "Casablanca" if delivery == "home" else ""),
        address=kw.pop("address", "12 rue des Oudayas" if delivery == "home" else ""), **kw)


def place_test_order(*items, payment: str = "cash", user=None, **kw):
    """An order placed through the real service from a fresh cart of (product, quantity) pairs."""
    from app.orders.services import place_order

    cart = make_cart(*items, user=user)
    return place_order(cart.id, checkout_details(payment, **kw), user.id if user else None)


def make_microcredit_record(institution: str = "Al Amana", loan_reference: str | None = None,
                            national_id: str = "AB123456", status: str = "active", **kw):
    """A microcredit record as an import would store it: the CIN only as its keyed hash."""
    from datetime import date

    from app.verification.cin import cin_hmac, loan_reference_columns
    from app.verification.models import MicrocreditRecord

    n = next(_seq)
    record = MicrocreditRecord(
        institution=institution, **loan_reference_columns(loan_reference or f"LR-{n:06d}"),
        national_id_hmac=cin_hmac(national_id), full_name=kw.pop("full_name", f"Fatima Beneficiary {n}"),
        city=kw.pop("city", "Safi"), activity=kw.pop("activity", "Pottery"), status=status,
        disbursed_on=kw.pop("disbursed_on", date(2024, 1, 15)), **kw,
    )
    db.session.add(record)
    db.session.flush()
    return record


def make_verified_supplier(record=None, **kw):
    """A supplier verified against `record` (made if not given), as an approved request leaves them."""
    record = record or make_microcredit_record()
    return make_supplier(verified=True, microcredit_record_id=record.id, **kw)


def add_photos(product, count: int = 2) -> list:
    """`count` new photos in `product`'s gallery, returned cover first. They are inserted last one first,
    so a page showing them in the right order reads the gallery position, not insertion order."""
    from app.catalog.models import ProductImage

    images = [make_image() for _ in range(count)]
    db.session.add_all([ProductImage(product_id=product.id, image_id=image.id, position=position)
                        for position, image in reversed(list(enumerate(images)))])
    db.session.flush()
    return images
