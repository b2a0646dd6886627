# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

_logger = logging.getLogger(__name__)


def stop_core_delivery_batches(env):
    """Delivery types batched per customer by Odoo's default (every
    warehouse created with stock_picking_batch installed) would leave the
    day's pick list empty: each reserved delivery goes into a batch of its
    own at once.  Switch that off on delivery types; receipts and the
    merchant's other batch settings are left as they are."""
    types = (
        env["stock.picking.type"]
        .with_context(active_test=False)
        .search([("code", "=", "outgoing"), ("auto_batch", "=", True)])
    )
    if types:
        types.write({"auto_batch": False, "batch_group_by_partner": False})
        _logger.info(
            "ecom_picking_control: Odoo's automatic batches switched off on %s",
            ", ".join(types.mapped("display_name")),
        )
    return types


def post_init_hook(env):
    stop_core_delivery_batches(env)
