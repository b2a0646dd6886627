# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A shop order to a relay point ships to that point with ecom_carrier."""

import json

from odoo import Command

from odoo.addons.ecom_carrier.tests.servers.mondialrelay import MondialRelayServer
from odoo.addons.ecom_connector.tests.common_outbound import EcomOutboundCase
from odoo.addons.ecom_connector.tests.test_platform_gaps import woo_relay_order
from odoo.addons.queue_job.tests.common import trap_jobs


class TestRelayImport(EcomOutboundCase):
    """On ``EcomOutboundCase``: a local Mondial Relay WSI server, a relay-point
    shipping method on it (``mr_relay``, 24R) mapped to the WooCommerce
    shop's ``mondialrelay`` method, goods of 500 g, a shipper's phone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mondialrelay_server = MondialRelayServer().start()
        cls.addClassCleanup(cls.mondialrelay_server.stop)
        cls.company.partner_id.phone = "04 72 00 00 00"
        cls.mr_relay = cls.env["delivery.carrier"].create(
            {
                "name": "Mondial Relay point relais",
                "product_id": cls.carrier.product_id.id,
                "company_id": cls.company.id,
                "delivery_type": "mondialrelay",
                "mondialrelay_delivery_mode": "24R",
                "ecom_account_number": cls.mondialrelay_server.enseigne,
                "ecom_password": cls.mondialrelay_server.private_key,
                "ecom_label_url": cls.mondialrelay_server.url + "/Web_Services.asmx",
                "mondialrelay_label_host": cls.mondialrelay_server.url,
            }
        )
        cls.backend.carrier_map_ids = [
            Command.create({"code": "mondialrelay", "carrier_id": cls.mr_relay.id})
        ]
        for product in cls.products.values():
            product.weight = 0.5

    def tearDown(self):
        self.assertFalse(self.mondialrelay_server.unexpected, "unknown Mondial Relay request")
        super().tearDown()

    def test_woocommerce_relay_order_ships_to_its_point(self):
        with trap_jobs() as trap:
            self.receive(json.dumps(woo_relay_order(0)), fmt="platform")
            self.run_jobs(trap)
        order = self.bound_orders()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.carrier_id, self.mr_relay)
        point = order.partner_shipping_id
        self.assertEqual(order.ecom_relay_partner_id, point)
        self.assertTrue(point.ecom_is_relay)
        self.assertEqual(point.ref, "MR#020339")
        # the relay stays chosen when the shipping method is written again
        order.carrier_id = self.mr_relay
        self.assertEqual(order.partner_shipping_id, point)
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        self.assertEqual(picking.partner_id, point)
        with trap_jobs():
            self.ship(picking)
        self.assertEqual(picking.state, "done")
        parcel = picking.ecom_parcel_ids
        self.assertEqual(len(parcel), 1)
        sent = self.mondialrelay_server.expeditions[parcel.tracking_number]
        self.assertEqual(
            (sent["ModeLiv"], sent["LIV_Rel_Pays"], sent["LIV_Rel"]), ("24R", "FR", "020339")
        )
        # the customer is the addressee, the point only in LIV_Rel
        self.assertEqual(sent["Dest_CP"], "69003")
        self.assertIn("MARTIN", sent["Dest_Ad1"].upper())
