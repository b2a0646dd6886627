# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ecom_carrier's parcels and tracking states reach ecom_connector."""

from odoo.addons.ecom_connector.tests.common_outbound import EcomOutboundCase
from odoo.addons.ecom_connector.tests.servers.woocommerce_out import WooCommerceOutServer
from odoo.addons.queue_job.tests.common import trap_jobs


class TestCarrierConnectorBridge(EcomOutboundCase):
    """On ``EcomOutboundCase``: a WooCommerce shop served locally, a shop
    order shipped with two ecom_carrier parcels."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = cls.start(WooCommerceOutServer(orders=[{"id": "A-1001"}]))

    def _shipped_picking(self):
        order = self.import_order()
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        picking.carrier_id = self.carrier
        for sequence, number in enumerate(("6A100", "6A200"), start=1):
            self.env["ecom.carrier.parcel"].create(
                {
                    "picking_id": picking.id,
                    "carrier_id": self.carrier.id,
                    "tracking_number": number,
                    "weight": 1.5,
                    "sequence": sequence,
                }
            )
        with trap_jobs() as trap:
            self.ship(picking, tracking="6A100,6A200")
            trap.perform_enqueued_jobs()
        return order, picking

    def test_parcels_from_ecom_carrier(self):
        _order, picking = self._shipped_picking()
        parcels = picking._ecom_get_shipment_parcels()
        self.assertEqual([p["tracking_number"] for p in parcels], ["6A100", "6A200"])
        self.assertEqual({p["weight"] for p in parcels}, {1.5})
        self.assertEqual(picking.ecom_shipment_state, "sent")
        note = self.server.notes["A-1001"][0]["note"]
        self.assertIn("6A100, 6A200", note)

    def test_tracking_state_change_is_a_delivery_event(self):
        order, picking = self._shipped_picking()
        with trap_jobs():
            picking._ecom_carrier_tracking_state_changed("in_transit", "delivered")
        self.assertEqual(picking.ecom_delivery_state, "delivered")
        delivered = order.message_ids.filtered(lambda m: self._has(m, "is delivered", "est livrée"))
        self.assertEqual(len(delivered), 1, "Odoo notifies delivered (WooCommerce default)")
        with trap_jobs():
            picking._ecom_carrier_tracking_state_changed("delivered", "label_created")
        self.assertEqual(picking.ecom_delivery_state, "delivered", "label_created is not news")
