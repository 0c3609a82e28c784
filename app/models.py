"""Imports every domain's models so metadata (and Alembic) sees the whole schema."""
from app.accounts.models import PhoneCode, RecoveryCode, Role, User  # noqa: F401
from app.assist.models import Assistance  # noqa: F401
from app.audit.models import AuditEntry  # noqa: F401
from app.cart.models import Cart, CartItem  # noqa: F401
from app.catalog.models import (  # noqa: F401
    Category,
    GlossaryEntry,
    ListingStatus,
    Product,
    ProductImage,
    ProductTranslation,
)
from app.exhibition.models import Fair, FairStand, Hall, HallProduct, PickupPoint  # noqa: F401
from app.fairs.models import FairSale, StandScan  # noqa: F401
from app.media.models import Image  # noqa: F401
from app.notifications.models import Notification  # noqa: F401
from app.orders.models import Order, OrderLine  # noqa: F401
from app.payments.models import Payment, WebhookEvent  # noqa: F401
from app.solidarity.models import LedgerEntry  # noqa: F401
from app.suppliers.models import (
    Supplier,  # noqa: F401
)
from app.verification.models import MicrocreditImport, MicrocreditRecord, VerificationRequest  # noqa: F401
