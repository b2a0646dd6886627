# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import HttpCase, tagged

from .common import PickingControlCase


@tagged("post_install", "-at_install")
class TestScaleEndpoint(HttpCase, PickingControlCase):
    def _post(self, station, body, token):
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["X-Ecom-Station-Token"] = token
        return self.url_open(
            f"/ecom/packing/station/{station.id}/weight",
            data=body if isinstance(body, str) else json.dumps(body),
            headers=headers,
        )

    def test_weight_with_token_is_shown_on_the_station(self):
        response = self._post(self.station, {"weight": 1.234}, self.station.sudo().scale_token)
        self.assertEqual(response.status_code, 200, response.text)
        self.station.invalidate_recordset()
        self.assertAlmostEqual(self.station.last_weight, 1.234)
        notification = self.env["bus.bus"].search(
            [("channel", "like", f"ecom_packing_station_{self.station.id}")],
            order="id desc",
            limit=1,
        )
        self.assertIn("1.234", notification.message)
        response = self._post(
            self.station, {"weight": 850, "unit": "g"}, self.station.sudo().scale_token
        )
        self.assertEqual(response.status_code, 200)
        self.station.invalidate_recordset()
        self.assertAlmostEqual(self.station.last_weight, 0.85)

    def test_without_token_or_wrong_station_refused(self):
        other = self.env["ecom.packing.station"].create(
            {"name": "Poste 2", "company_id": self.company.id}
        )
        token = self.station.sudo().scale_token
        for station, tok in ((self.station, None), (self.station, "faux"), (other, token)):
            response = self._post(station, {"weight": 1.0}, tok)
            self.assertEqual(response.status_code, 403)
        self.station.invalidate_recordset()
        self.assertFalse(self.station.last_weight)

    def test_bad_weights_refused(self):
        token = self.station.sudo().scale_token
        for body in (
            {"weight": 0},
            {"weight": -2},
            {"weight": 1500},
            {"weight": "lourd"},
            {"poids": 1},
            "pas du json",
            {"weight": "nan"},
        ):
            response = self._post(self.station, body, token)
            self.assertEqual(response.status_code, 400, body)
        self.station.invalidate_recordset()
        self.assertFalse(self.station.last_weight)
