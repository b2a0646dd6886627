# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

_logger = logging.getLogger(__name__)


def restore_posting_facts(env):
    """Give the invoices posted before the module its frozen fields (geography,
    B2C flag, nature) from what their entries recorded when posted, not from
    today's partners and products (see ``account.move._ecom_restore_posting_facts``)."""
    moves = env["account.move"].search(
        [
            ("state", "=", "posted"),
            ("move_type", "in", ("out_invoice", "out_refund", "in_invoice", "in_refund")),
        ]
    )
    invoices, lines = moves._ecom_restore_posting_facts()
    _logger.info(
        "ecom_accounting_fr: %s posted invoices and %s lines set from their posted entries",
        invoices,
        lines,
    )


def post_init_hook(env):
    restore_posting_facts(env)
