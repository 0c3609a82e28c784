"""A beneficiary's stand: creating and editing the profile shoppers see."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record
from app.errors import Conflict
from app.extensions import db
from app.slugs import slugify
from app.suppliers.models import Supplier

STORY_LANGUAGES = ("ar", "en")


@dataclass(frozen=True)
class StandProfile:
    """What the beneficiary tells about their stand; the story is in French, others optional."""

    display_name: str
    trade_name: str = ""
    city: str = ""
    region: str = ""
    craft: str = ""
    story: str = ""
    story_i18n: dict[str, str] = field(default_factory=dict)


class ProfileExists(Conflict):
    """A beneficiary has one stand; the second creation is refused."""


def create_profile(user_id: int, profile: StandProfile, photo_id: int | None = None) -> Supplier:
    """Open the stand of a beneficiary (unverified until verification succeeds)."""
    if db.session.scalar(select(Supplier.id).where(Supplier.user_id == user_id)) is not None:
        raise ProfileExists(_l("You already have a stand."))
    supplier = Supplier(user_id=user_id, slug=unique_slug(profile.trade_name or profile.display_name))
    _apply(supplier, profile, photo_id)
    db.session.add(supplier)
    db.session.flush()
    record("supplier.created", "supplier", supplier.id, user_id)
    return supplier


def update_profile(supplier: Supplier, profile: StandProfile, photo_id: int | None = None,
                   actor_id: int | None = None) -> Supplier:
    """Change the stand; the slug stays, since printed QR codes point at it."""
    _apply(supplier, profile, photo_id)
    db.session.flush()
    record("supplier.updated", "supplier", supplier.id, actor_id)
    return supplier


def _apply(supplier: Supplier, profile: StandProfile, photo_id: int | None) -> None:
    supplier.display_name = profile.display_name.strip()
    supplier.trade_name = profile.trade_name.strip()
    supplier.city = profile.city.strip()
    supplier.region = profile.region.strip()
    supplier.craft = profile.craft.strip()
    supplier.story = profile.story.strip()
    supplier.story_i18n = {lang: text.strip() for lang, text in profile.story_i18n.items()
                           if lang in STORY_LANGUAGES and text and text.strip()}
    if photo_id is not None:
        supplier.photo_id = photo_id


def unique_slug(name: str) -> str:
    """A slug for the stand's public URL that no other stand uses."""
    base = slugify(name, max_length=100) or "stand"
    taken = set(db.session.scalars(select(Supplier.slug).where(Supplier.slug.like(f"{base}%"))))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
