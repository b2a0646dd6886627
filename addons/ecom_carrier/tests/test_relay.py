# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import Command
from odoo.exceptions import UserError

from .common import COLISSIMO_POST_OFFICE, EcomCarrierCase


class TestRelay(EcomCarrierCase):
    def _order(self, carrier):
        order = (
            self.env["sale.order"]
            .with_user(self.ecom_user)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create({"product_id": self.product_a.id, "product_uom_qty": 1})
                    ],
                }
            )
        )
        order.set_delivery_line(carrier, carrier.fixed_price)
        return order

    def _choose_relay(self, order, relay_id="004536"):
        action = order.action_ecom_search_relay()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        line = wizard.line_ids.filtered(lambda ln: ln.relay_id == relay_id)
        line.action_choose()
        return wizard

    def test_search_and_choose_relay(self):
        """Relay search from the sale order: Colissimo's points near the
        customer's address; the chosen one becomes a child delivery address
        with the ``COL#`` reference and the order's delivery address."""
        self.customer.zip = "69002"
        order = self._order(self.colissimo_relay)
        self.assertTrue(order.ecom_can_search_relay)
        wizard = self._choose_relay(order)
        self.assertEqual(len(wizard.line_ids), 2)
        request = json.loads(self.colissimo_server.requests[-1].body)
        self.assertEqual(request["zipCode"], "69002")
        self.assertEqual(request["apiKey"], self.colissimo_relay.sudo().ecom_api_key)
        self.assertNotIn("password", request)
        relay = order.partner_shipping_id
        self.assertEqual(relay, order.ecom_relay_partner_id)
        self.assertEqual(relay.ref, "COL#004536")
        self.assertEqual(relay.parent_id, self.customer)
        self.assertEqual(relay.type, "delivery")
        self.assertTrue(relay.ecom_is_relay)
        self.assertEqual(relay.ecom_relay_type, "BPR")
        self.assertEqual(relay.mobile, self.customer.mobile)
        self.assertIn("Lun 09:00-12:00 14:00-18:00", wizard.line_ids[0].opening_hours)
        # chosen twice: the same partner
        self._choose_relay(order)
        self.assertEqual(order.partner_shipping_id, relay)

    def test_relay_kept_when_carrier_recomputed(self):
        self.customer.zip = "69002"
        order = self._order(self.colissimo_relay)
        self._choose_relay(order)
        relay = order.partner_shipping_id
        order.set_delivery_line(self.colissimo_home, 6.9)
        self.assertEqual(order.partner_shipping_id, self.customer)
        self.assertEqual(order.ecom_relay_partner_id, relay)
        order.set_delivery_line(self.colissimo_relay, 6.9)
        self.assertEqual(order.partner_shipping_id, relay)
        # recomputed with the same carrier (update shipping cost)
        order.set_delivery_line(self.colissimo_relay, 5.0)
        self.assertEqual(order.partner_shipping_id, relay)

    def test_relay_not_default_address_of_next_order(self):
        self.customer.zip = "69002"
        order = self._order(self.colissimo_relay)
        self._choose_relay(order)
        next_order = self._order(self.colissimo_home)
        self.assertEqual(next_order.partner_shipping_id, self.customer)

    def test_relay_label(self):
        """The relay travels to the label: product of the point's type,
        pickupLocationId, commercial name, the customer's mobile."""
        self.customer.zip = "69002"
        order = self._order(self.colissimo_relay)
        self._choose_relay(order, "189563")
        order.action_confirm()
        picking = order.picking_ids
        self.assertEqual(picking.partner_id.ref, "COL#189563")
        picking.action_assign()
        self._validate(picking)
        body = json.loads(self.colissimo_server.requests[-1].body)
        letter = body["letter"]
        self.assertEqual(letter["service"]["productCode"], "A2P")
        self.assertEqual(letter["parcel"]["pickupLocationId"], "189563")
        self.assertEqual(letter["service"]["commercialName"], self.company.name)
        self.assertEqual(letter["addressee"]["address"]["mobileNumber"], "0612345678")
        self.assertEqual(letter["addressee"]["address"]["lastName"], "Camille Martin")
        self.assertTrue(picking.carrier_tracking_ref.startswith("6H"))

    def test_relay_from_shop_data(self):
        """A shop order brings its relay (ecom_connector maps it): the same
        partner helper, the carrier's prefix."""
        relay = self.env["res.partner"]._ecom_get_relay_partner(
            self.customer,
            self.colissimo_relay,
            COLISSIMO_POST_OFFICE,
        )
        data = relay._ecom_get_relay_data(self.colissimo_relay)
        self.assertEqual(data["id"], "004536")
        self.assertIsNone(relay._ecom_get_relay_data(self.generic_carrier))

    def test_search_refused_shows_colissimo_message(self):
        """An address Colissimo cannot search (no zip): its message, in a
        French error, and no relay chosen."""
        self.customer.zip = False
        order = self._order(self.colissimo_relay)
        with self.assertRaises(UserError) as error:
            order.action_ecom_search_relay()
        self.assertIn("Code postal obligatoire", str(error.exception))
        self.assertFalse(order.ecom_relay_partner_id)

    def test_core_pickup_location_becomes_relay(self):
        """Core's pick-up location selector (website checkout): the points
        come from Colissimo, the chosen one becomes the ``COL#`` relay
        address at confirmation, with its type."""
        self.customer.zip = "69002"
        order = self._order(self.colissimo_relay)
        locations = order._get_pickup_locations()["pickup_locations"]
        self.assertEqual([loc["id"] for loc in locations], ["004536", "189563"])
        order._set_pickup_location(json.dumps(locations[1]))
        order.action_confirm()
        relay = order.partner_shipping_id
        self.assertEqual(relay.ref, "COL#189563")
        self.assertEqual(relay.ecom_relay_type, "A2P")
        self.assertEqual(order.ecom_relay_partner_id, relay)
        self.assertEqual(order.picking_ids.partner_id, relay)
