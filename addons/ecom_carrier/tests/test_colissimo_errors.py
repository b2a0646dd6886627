# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from ..carriers.base import CarrierError, CarrierRetryableError
from .common import COLISSIMO_POST_OFFICE, EcomCarrierCase


class TestColissimoErrors(EcomCarrierCase):
    """Each documented SLS error: a French message with Colissimo's own
    words, the picking not validated, no parcel, no label, no number."""

    def _assert_refused(self, picking, code_text):
        attachments = len(self._picking_attachments(picking))
        with self.assertRaises(UserError) as error:
            self._validate(picking)
        self.assertIn(code_text, str(error.exception))
        self._assert_nothing_validated(picking, attachments)
        return str(error.exception)

    def test_bad_credentials_30000(self):
        self.colissimo_home.ecom_api_key = "wrong-key"
        picking = self._ship(self.customer, self.colissimo_home)
        message = self._assert_refused(picking, "[30000]")
        self.assertIn("Identifiant ou mot de passe incorrect", message)
        self.assertIn(self.colissimo_home.name, message)
        # the web client sends the user's language: the message is French
        with self.assertRaises(UserError) as error:
            self._validate(picking.with_context(lang="fr_FR"))
        self.assertIn("Colissimo domicile a refusé l'expédition de", str(error.exception))
        self.assertIn("[30000] Identifiant ou mot de passe incorrect", str(error.exception))

    def test_sender_zip_30108(self):
        self.company.partner_id.zip = "6900"
        picking = self._ship(self.customer, self.colissimo_home)
        self._assert_refused(picking, "[30108]")

    def test_relay_without_mobile_30220(self):
        relay = self.env["res.partner"]._ecom_get_relay_partner(
            self.customer_no_mobile,
            self.colissimo_relay,
            COLISSIMO_POST_OFFICE,
        )
        picking = self._ship(relay, self.colissimo_relay)
        message = self._assert_refused(picking, "[30220]")
        self.assertIn("portable", message)

    def test_weight_missing_30300(self):
        self.product_a.weight = 0.0
        picking = self._ship(self.customer, self.colissimo_home)
        self._assert_refused(picking, "[30300]")

    def test_weight_over_limit_30301(self):
        picking = self._ship(self.customer, self.colissimo_home, [(self.product_a, 26)])
        self._assert_refused(picking, "[30301]")

    def test_multi_parcel_failure_validates_nothing(self):
        """Second package refused (too heavy): the first label is not kept,
        the picking stays open."""
        picking = self._ship(
            self.customer, self.colissimo_home, [(self.product_a, 26), (self.product_b, 1)]
        )
        self._pack(picking, [[(self.product_b, 1)], [(self.product_a, 26)]])
        self._assert_refused(picking, "[30301]")
        self.assertEqual(len(self.colissimo_server.labels), 1)

    def test_service_down_is_retryable(self):
        """HTTP 503: "try again" message, nothing validated; the second
        validation goes through."""
        picking = self._ship(self.customer, self.colissimo_home)
        self.colissimo_server.faults.append(503)
        message = self._assert_refused(picking, "503")
        self.assertIn(self.colissimo_home.name, message)
        self._validate(picking)
        self.assertEqual(picking.state, "done")
        self.assertTrue(picking.carrier_tracking_ref)

    def test_timeout_is_retryable(self):
        self.env["ir.config_parameter"].sudo().set_param("ecom_carrier.http_timeout", "0.5")
        picking = self._ship(self.customer, self.colissimo_home)
        self.colissimo_server.faults.append(("slow", 1.5))
        self._assert_refused(picking, "0.5")

    def test_cut_short_or_reset_is_retryable(self):
        """An answer cut short or a connection reset: "try again", nothing
        validated."""
        for fault in ("truncate", "reset"):
            picking = self._ship(self.customer, self.colissimo_home)
            self.colissimo_server.faults.append(fault)
            self._assert_refused(picking, self.colissimo_home.name)

    def test_relay_product_without_relay_point(self):
        picking = self._ship(self.customer, self.colissimo_relay)
        with self.assertRaises(UserError) as error:
            self._validate(picking)
        self.assertIn(picking.name, str(error.exception))
        self.assertFalse(picking.ecom_parcel_ids)

    def test_client_errors_keep_carrier_code(self):
        """Bad product (30015) and addressee country vs product (30213), at
        the client level: CarrierError with Colissimo's id and message."""
        client = self.colissimo_home._ecom_get_client("label")
        picking = self._ship(self.customer, self.colissimo_home)
        spec = self.colissimo_home._ecom_prepare_parcels(picking)[0]
        for product, code in (("XXX", "30015"), ("COM", "30213")):
            payload = self.colissimo_home._colissimo_prepare_payload(
                picking, spec, product, self.customer, self.customer
            )
            with self.assertRaises(CarrierError) as error:
                client.generate_label(payload)
            self.assertEqual(error.exception.code, code)
            self.assertNotIsInstance(error.exception, CarrierRetryableError)

    def test_rate_refuses_heavy_order(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [(0, 0, {"product_id": self.product_a.id, "product_uom_qty": 30})],
            }
        )
        result = self.colissimo_home.rate_shipment(order)
        self.assertFalse(result["success"])
        self.assertIn("30", result["error_message"])
        order.order_line.product_uom_qty = 2
        self.assertTrue(self.colissimo_home.rate_shipment(order)["success"])
