# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A browser tour drives the packing station like a USB scanner (text then
Enter), from opening a transfer to its validation, in French."""

import base64
import logging
from pathlib import Path
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from .common import PickingControlCase

_logger = logging.getLogger(__name__)
SCREENSHOT = (
    Path(__file__).resolve().parents[3] / ".state" / "screenshots" / "ecom_packing_station.png"
)


@tagged("post_install", "-at_install")
class TestPackingStationTour(HttpCase, PickingControlCase):
    def test_station_tour_scan_weigh_validate(self):
        self.env.ref("base.lang_fr").active = True
        self.ecom_user.lang = "fr_FR"
        picking = self._make_delivery([(self.mug, 2), (self.tshirt, 1)])
        picking.origin = "TOUR-CMD-1"
        original_stop = ChromeBrowser.stop

        def stop_after_screenshot(browser):
            # keep a picture of the station as the tour left it
            try:
                future = browser._websocket_send("Page.captureScreenshot", with_future=True)
                data = future.result(timeout=30)["data"]
                SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
                SCREENSHOT.write_bytes(base64.b64decode(data))
            except Exception as exc:  # noqa: BLE001 - a picture must not hide the tour's result
                _logger.warning("no screenshot of the station: %s", exc)
            return original_stop(browser)

        with patch.object(ChromeBrowser, "stop", stop_after_screenshot):
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
