# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A browser tour drives the packing station like a USB scanner (text then
Enter), from opening a transfer to its validation, in French."""

from odoo.tests import HttpCase, tagged

from odoo.addons.ecom_base.tests.screens import keep_screenshot

from .common import PickingControlCase


@tagged("post_install", "-at_install")
class TestPackingStationTour(HttpCase, PickingControlCase):
    def test_station_tour_scan_weigh_validate(self):
        self.env.ref("base.lang_fr").active = True
        self.ecom_user.lang = "fr_FR"
        picking = self._make_delivery([(self.mug, 2), (self.tshirt, 1)])
        picking.origin = "TOUR-CMD-1"
        # keep a picture of the station as the tour left it
        with keep_screenshot("ecom_packing_station"):
            self.start_tour(
                "/odoo/action-ecom_picking_control.ecom_packing_station_client_action",
                "ecom_packing_station_tour",
                login="ecom_user",
                timeout=300,
            )
        picking.invalidate_recordset()
        self.assertEqual(picking.state, "done")
        scans = picking.ecom_scan_ids
        self.assertEqual(scans.filtered(lambda s: s.kind == "error").product_id, self.poster)
        self.assertEqual(len(scans.filtered(lambda s: s.kind == "scan")), 4)
        self.assertEqual(len(scans.filtered(lambda s: s.kind == "undo")), 1)
        self.assertEqual(len(scans.filtered(lambda s: s.kind == "weight")), 1)
