# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The outbound contract every platform adapter fulfils: catalogue read for
the product links, stock and prices sent in the platform's batch form, the
shipment (tracking) pushed exactly once, the order status.  Adapters get and
return plain dicts (no Odoo record), built by the models'
``_prepare_*`` methods:

- stock / price item: ``{"key", "sku", "external_id", "variant_id",
  "inventory_item_id", "stock_available_id", "quantity", "previous",
  "price"}`` (``key``: the binding id, ``previous``: the quantity last sent
  or None);
- shipment: ``{"order_external_id", "order_reference", "picking", "lines":
  [{"sku", "quantity", "name"}], "parcels", "tracking_numbers",
  "tracking_urls", "carrier_name", "carrier_code", "notify_customer",
  "date", "complete"}``;
- status: ``{"order_external_id", "event", "shop_state", "notify_customer",
  "comment", "shipment_ref"}``, plus ``"refund"`` for a platform that records
  each credit note as a refund (:attr:`OutboundMixin.refund_per_credit_note`):
  ``{"key", "number", "lines": [{"line_external_id", "sku", "barcode",
  "name", "quantity", "restock"}], "shipping": None | {"full", "amount"},
  "amount", "currency", "refund_payment", "location_id"}`` (``key``: the
  idempotency key of the credit note, the same at every retry).
"""

import uuid

from odoo.tools import LazyTranslate

from .base import PlatformError

_lt = LazyTranslate(__name__)

#: namespace of the deterministic idempotency keys (same request, same key)
KEY_NAMESPACE = uuid.UUID("6f1d3c1e-6a35-4f5e-9d55-0c1b8e2f7a10")


def chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def idempotency_key(*parts):
    """A UUID that is the same for the same request: a retry after a time-out
    is recognised by the shop as the request it already applied."""
    return str(uuid.uuid5(KEY_NAMESPACE, "|".join(str(p) for p in parts)))


class OutboundMixin:
    """Defaults of the outbound contract (mixed into each platform adapter)."""

    #: a credit note is a refund of its own at the shop (``status["refund"]``
    #: sent with each), not a "refunded" state set once per order
    refund_per_credit_note = False

    def fetch_catalogue(self):
        """Yield the shop's sellable products / variants: ``{"sku",
        "barcode", "external_id", "variant_id", "inventory_item_id",
        "stock_available_id"}``."""
        raise PlatformError(_lt("This shop cannot list its products."))

    def export_stock(self, items):
        """Send the quantities of ``items``; yield ``(keys sent, {key: error
        message})`` after each request, so that what was sent is recorded
        even when a later request fails."""
        raise PlatformError(_lt("This shop cannot receive stock."))

    def export_prices(self, items):
        """Same as :meth:`export_stock` with the items' ``price``."""
        raise PlatformError(_lt("This shop cannot receive prices."))

    def find_shipment(self, shipment):
        """The shop's id of a shipment already carrying this shipment's
        tracking number, or None (checked before creating one)."""
        raise PlatformError(_lt("This shop cannot receive shipments."))

    def push_shipment(self, shipment):
        """Create the shipment at the shop; return its id at the shop."""
        raise PlatformError(_lt("This shop cannot receive shipments."))

    def push_status(self, status):
        """Move the shop's order to ``status["shop_state"]``."""
        raise PlatformError(_lt("This shop cannot receive order states."))
