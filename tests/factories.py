"""Factory functions with good defaults: each adds to the session and flushes, the test commits."""
from __future__ import annotations

import itertools

from werkzeug.security import generate_password_hash

from app.accounts.models import Role, User
from app.catalog.models import Category, ListingStatus, Product
from app.db import utcnow
from app.extensions import db
from app.suppliers.models import Supplier, VerificationState
from tests.helpers import DEFAULT_PASSWORD

_seq = itertools.count(1)
# Hashing is deliberately slow in production; tests hash the default password once.
_DEFAULT_HASH: str | None = None


def _password_hash(password: str) -> str:
    global _DEFAULT_HASH
    if password != DEFAULT_PASSWORD:
        return generate_password_hash(password)
    if _DEFAULT_HASH is None:
        _DEFAULT_HASH = generate_password_hash(DEFAULT_PASSWORD)
    return _DEFAULT_HASH


def make_user(role: Role = Role.SHOPPER, email: str | None = None, password: str = DEFAULT_PASSWORD, **kw) -> User:
    n = next(_seq)
    user = User(email=email or f"user{n}@example.ma", password_hash=_password_hash(password),
                name=kw.pop("name", f"User {n}"), role=role, **kw)
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
