# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..carriers.laposte.client import MAX_IDS, LaPosteSuiviClient


class DeliveryCarrier(models.Model):
    """La Poste Suivi v2, shared by the providers whose parcels La Poste
    tracks (Colissimo; Chronopost can use it too): a provider's
    ``<type>_ecom_fetch_tracking`` calls :meth:`_ecom_laposte_fetch_tracking`
    and its ``<type>_ecom_tracking_code_set`` returns ``laposte``."""

    _inherit = "delivery.carrier"

    def _ecom_laposte_client(self):
        self.ensure_one()
        kwargs = self._ecom_client_kwargs("tracking")
        return LaPosteSuiviClient(okapi_key=self.sudo().ecom_tracking_api_key, **kwargs)

    def _ecom_laposte_fetch_tracking(self, parcels):
        """``{number: TrackingResult}`` of up to 10 parcels, one request."""
        return self._ecom_laposte_client().track(parcels.mapped("tracking_number"))

    def _ecom_laposte_batch_size(self):
        return MAX_IDS
