# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

TRACKING_STATES = [
    ("label_created", "Label created"),
    ("in_transit", "In transit"),
    ("out_for_delivery", "Out for delivery"),
    ("available_for_pickup", "Available for pick-up"),
    ("delivered", "Delivered"),
    ("incident", "Incident"),
    ("returned", "Returned"),
]


class EcomCarrierEventCode(models.Model):
    """One carrier event code and the normalized tracking state it means.
    Editable: a carrier that adds a code is mapped without a new release."""

    _name = "ecom.carrier.event.code"
    _description = "Carrier Tracking Event Code"
    _order = "code_set, sequence, code"

    code_set = fields.Char(
        required=True,
        index=True,
        help="Family of codes: laposte (La Poste Suivi v2: Colissimo, Lettre suivie, "
        "Chronopost), chronopost, mondialrelay...",
    )
    code = fields.Char(required=True)
    name = fields.Char(string="Meaning", required=True)
    sequence = fields.Integer(default=10)
    state = fields.Selection(TRACKING_STATES, required=True, default="in_transit")
    is_final = fields.Boolean(
        string="Final",
        help="Nothing happens after this event: the parcel is not polled any more.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code_set, code)", "A code is mapped once per code set."),
    ]

    @api.model
    def _ecom_get_table(self, code_set):
        """``{code: (state, is_final)}`` of a code set, read once per job."""
        records = self.sudo().search_read(
            [("code_set", "=", code_set)], ["code", "state", "is_final"]
        )
        return {r["code"]: (r["state"], r["is_final"]) for r in records}
