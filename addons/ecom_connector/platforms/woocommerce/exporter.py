# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""WooCommerce outbound payloads (pure): ``products/batch`` and
``products/{id}/variations/batch`` updates (``manage_stock`` true, else
WooCommerce ignores ``stock_quantity``), the customer order note and the
Shipment Tracking extension's body."""

#: WooCommerce refuses a batch of more than 100 objects
BATCH_LIMIT = 100


def group_by_parent(items):
    """``{parent product id or None: [items]}``: simple products go to
    ``products/batch``, variations to their parent's ``variations/batch``."""
    groups = {}
    for item in items:
        parent = item["external_id"] if item["variant_id"] else None
        groups.setdefault(parent, []).append(item)
    return groups


def stock_update(item):
    return {
        "id": int(item["variant_id"] or item["external_id"]),
        "manage_stock": True,
        "stock_quantity": int(item["quantity"]),
    }


def price_update(item):
    return {
        "id": int(item["variant_id"] or item["external_id"]),
        "regular_price": f"{item['price']:.2f}",
    }


def tracking_note(shipment):
    """The customer note of a shipment: its lines, carrier, numbers, links."""
    lines = ", ".join(f"{line['quantity']} × {line['name']}" for line in shipment["lines"])
    parts = [
        f"Expédié / Shipped ({shipment['picking']}): {lines}.",
        f"{shipment['carrier_name']} : {', '.join(shipment['tracking_numbers'])}",
    ]
    parts += shipment["tracking_urls"]
    return "\n".join(parts)


def tracking_entries(shipment):
    """Shipment Tracking extension bodies, one per parcel."""
    return [
        {
            "custom_tracking_provider": parcel["carrier_name"] or shipment["carrier_name"],
            "custom_tracking_link": parcel["tracking_url"],
            "tracking_number": parcel["tracking_number"],
            "date_shipped": shipment["date"],
        }
        for parcel in shipment["parcels"]
    ]
