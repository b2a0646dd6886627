# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    ecom_max_supplier_delay = fields.Integer(
        string="Maximum Supplier Lead Time",
        help="Suppliers whose lead time is longer (in days) are not chosen for "
        "automatic purchases. 0: no limit.",
    )
    ecom_po_cutoff_hour = fields.Float(
        string="Purchase Cut-off Hour",
        help="Requests for quotation created automatically stay open for new "
        "lines until this hour (company time zone), then a new one is started. "
        "0: no cut-off, one open request per supplier.",
    )
    ecom_buffer_adu_days = fields.Integer(
        string="Average Daily Usage Period",
        default=90,
        help="Number of past days of done deliveries used to compute the "
        "average daily usage of buffer-stock products.",
    )
    ecom_rotation_days = fields.Integer(
        string="Rotation Period",
        default=365,
        help="Number of past days over which the rotation rate is computed.",
    )

    @api.constrains(
        "ecom_po_cutoff_hour",
        "ecom_max_supplier_delay",
        "ecom_buffer_adu_days",
        "ecom_rotation_days",
    )
    def _check_ecom_procurement_settings(self):
        for company in self:
            if not 0 <= company.ecom_po_cutoff_hour < 24:
                raise ValidationError(
                    self.env._("The purchase cut-off hour must be between 00:00 and 23:59.")
                )
            if company.ecom_max_supplier_delay < 0:
                raise ValidationError(
                    self.env._("The maximum supplier lead time cannot be negative.")
                )
            if company.ecom_buffer_adu_days < 1 or company.ecom_rotation_days < 1:
                raise ValidationError(
                    self.env._("The usage and rotation periods must be at least one day.")
                )

    def _ecom_get_tz(self):
        self.ensure_one()
        return pytz.timezone(self.partner_id.tz or self.env.user.tz or "Europe/Paris")

    def _ecom_get_next_cutoff(self, now=None):
        """Return the next purchase cut-off (naive UTC datetime) after ``now``,
        or False when the company has none."""
        self.ensure_one()
        if not self.ecom_po_cutoff_hour:
            return False
        now = now or fields.Datetime.now()
        tz = self._ecom_get_tz()
        local_now = pytz.utc.localize(now).astimezone(tz)
        hours = int(self.ecom_po_cutoff_hour)
        minutes = round((self.ecom_po_cutoff_hour - hours) * 60)
        cutoff_day = local_now.date()
        local_cutoff = tz.localize(datetime.combine(cutoff_day, time(hours % 24, minutes % 60)))
        if local_cutoff <= local_now:
            local_cutoff = tz.localize(
                datetime.combine(cutoff_day + timedelta(days=1), time(hours % 24, minutes % 60))
            )
        return local_cutoff.astimezone(pytz.utc).replace(tzinfo=None)
