# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

#: what happens to a shop order in Odoo, in the order it usually happens
EVENTS = [
    ("received", "Order received"),
    ("waiting_payment", "Waiting for payment"),
    ("confirmed", "Confirmed / paid"),
    ("preparation", "In preparation"),
    ("supply_delay", "Being replenished"),
    ("partially_shipped", "Partially shipped"),
    ("shipped", "Shipped"),
    ("in_transit", "In transit"),
    ("out_for_delivery", "Out for delivery"),
    ("available_for_pickup", "Available for pickup"),
    ("delivered", "Delivered"),
    ("incident", "Delivery incident"),
    ("returned", "Returned to sender"),
    ("cancelled", "Cancelled"),
    ("refunded", "Refunded"),
]

#: the customer e-mail Odoo sends for an event when Odoo notifies
EVENT_TEMPLATES = {
    "received": "ecom_connector.mail_template_ecom_received",
    "waiting_payment": "ecom_connector.mail_template_ecom_waiting_payment",
    "preparation": "ecom_connector.mail_template_ecom_preparation",
    "supply_delay": "ecom_connector.mail_template_ecom_supply_delay",
    "shipped": "ecom_connector.mail_template_ecom_shipped",
    "partially_shipped": "ecom_connector.mail_template_ecom_shipped",
    "delivered": "ecom_connector.mail_template_ecom_delivered",
    "incident": "ecom_connector.mail_template_ecom_incident",
    "refunded": "ecom_connector.mail_template_ecom_refunded",
}

#: default map per platform: {event: (shop state, who notifies)}; the shop
#: mails what it always mails (its order confirmation, its shipped e-mail
#: with the tracking), Odoo what the shop cannot know
_ODOO = "odoo"
_SHOP = "shop"
DEFAULT_MAPS = {
    "woocommerce": {
        "received": ("", _SHOP),
        "waiting_payment": ("", _SHOP),
        "confirmed": ("processing", _SHOP),
        "preparation": ("", _ODOO),
        "supply_delay": ("", _ODOO),
        "partially_shipped": ("", _SHOP),
        "shipped": ("completed", _SHOP),
        "delivered": ("", _ODOO),
        "incident": ("", _ODOO),
        "cancelled": ("cancelled", _SHOP),
        "refunded": ("refunded", _SHOP),
    },
    "prestashop": {
        "received": ("", _SHOP),
        "waiting_payment": ("", _SHOP),
        "confirmed": ("2", _SHOP),
        "preparation": ("", _ODOO),
        "supply_delay": ("", _ODOO),
        "partially_shipped": ("", _SHOP),
        "shipped": ("4", _SHOP),
        "delivered": ("5", _SHOP),
        "incident": ("", _ODOO),
        "cancelled": ("6", _SHOP),
        "refunded": ("7", _SHOP),
    },
    "shopify": {
        "received": ("", _SHOP),
        "waiting_payment": ("", _SHOP),
        "preparation": ("", _ODOO),
        "supply_delay": ("", _ODOO),
        "partially_shipped": ("", _SHOP),
        "shipped": ("", _SHOP),
        "in_transit": ("IN_TRANSIT", "none"),
        "out_for_delivery": ("OUT_FOR_DELIVERY", "none"),
        "available_for_pickup": ("READY_FOR_PICKUP", "none"),
        "delivered": ("DELIVERED", _SHOP),
        "incident": ("FAILURE", _ODOO),
        "cancelled": ("cancel", _SHOP),
        "refunded": ("refund", _SHOP),
    },
    "magento2": {
        "received": ("", _SHOP),
        "waiting_payment": ("", _SHOP),
        "confirmed": ("processing", "none"),
        "preparation": ("", _ODOO),
        "supply_delay": ("", _ODOO),
        "partially_shipped": ("", _SHOP),
        "shipped": ("", _SHOP),
        "delivered": ("complete", _ODOO),
        "incident": ("", _ODOO),
        "cancelled": ("canceled", "none"),
        "refunded": ("closed", "none"),
    },
    "file": {
        "preparation": ("", _ODOO),
        "supply_delay": ("", _ODOO),
        "shipped": ("", _ODOO),
        "delivered": ("", _ODOO),
        "incident": ("", _ODOO),
    },
}


class EcomStatusMap(models.Model):
    """Per shop and Odoo event: the state the shop's order takes, and who
    tells the customer (the shop, Odoo, or nobody: never both)."""

    _name = "ecom.status.map"
    _description = "E-commerce Order Status Out"
    _order = "backend_id, sequence, id"
    _check_company_auto = True

    backend_id = fields.Many2one(
        "ecom.backend", string="Shop", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    event = fields.Selection(selection=EVENTS, string="Odoo Event", required=True)
    shop_state = fields.Char(
        help="State the shop's order takes: WooCommerce status (completed), PrestaShop "
        "order state id (4), Magento status (complete), Shopify: cancel, refund (a refund "
        "per credit note), or a fulfilment event (IN_TRANSIT, DELIVERED...). Empty: nothing "
        "is sent to the shop.",
    )
    notify = fields.Selection(
        selection=[
            ("shop", "The shop"),
            ("odoo", "Odoo"),
            ("none", "Nobody"),
        ],
        string="Who Notifies the Customer",
        required=True,
        default="shop",
    )

    _sql_constraints = [
        ("event_uniq", "unique(backend_id, event)", "This event is already mapped for the shop."),
    ]
