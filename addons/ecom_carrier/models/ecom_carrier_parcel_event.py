# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .ecom_carrier_event_code import TRACKING_STATES


class EcomCarrierParcelEvent(models.Model):
    """One tracking event of a parcel, as the carrier reported it."""

    _name = "ecom.carrier.parcel.event"
    _description = "Parcel Tracking Event"
    _order = "date desc, id desc"
    _check_company_auto = True

    parcel_id = fields.Many2one(
        "ecom.carrier.parcel", required=True, ondelete="cascade", index=True
    )
    picking_id = fields.Many2one(
        related="parcel_id.picking_id", store=True, index=True, string="Transfer"
    )
    company_id = fields.Many2one(related="parcel_id.company_id", store=True, index=True)
    tracking_number = fields.Char(related="parcel_id.tracking_number")
    date = fields.Datetime(required=True)
    code = fields.Char()
    label = fields.Char()
    place = fields.Char()
    state = fields.Selection(TRACKING_STATES)
    unknown_code = fields.Boolean(help="The code is not in the carrier's code table yet.")

    _sql_constraints = [
        (
            "event_uniq",
            "unique(parcel_id, date, code)",
            "An event is stored once per parcel.",
        ),
    ]
