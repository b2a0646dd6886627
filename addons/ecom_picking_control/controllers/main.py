# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The scale bridge posts each stable weight of a station's scale here."""

import hmac
import json

from odoo import http
from odoo.http import request

TOKEN_HEADER = "X-Ecom-Station-Token"
MAX_WEIGHT_KG = 1000.0


class PackingStationController(http.Controller):
    def _reply(self, status, **payload):
        return request.make_json_response(payload, status=status)

    @http.route(
        "/ecom/packing/station/<int:station_id>/weight",
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def post_weight(self, station_id, **_kwargs):
        """Body: JSON ``{"weight": 1.234}`` in kg (or ``"unit": "g"``)."""
        token = request.httprequest.headers.get(TOKEN_HEADER, "")
        env = request.env(user=request.env.ref("base.user_root").id)
        station = env["ecom.packing.station"].browse(station_id).exists()
        if (
            not token
            or not station
            or not hmac.compare_digest(token.encode(), (station.scale_token or "").encode())
        ):
            return self._reply(403, error="invalid station or token")
        try:
            body = json.loads(request.httprequest.get_data(as_text=True) or "{}")
            weight = float(body["weight"])
        except (ValueError, KeyError, TypeError):
            return self._reply(400, error='a JSON body {"weight": <kg>} is expected')
        if body.get("unit") == "g":
            weight /= 1000.0
        if weight != weight or weight <= 0 or weight > MAX_WEIGHT_KG:
            return self._reply(400, error="weight out of range (0 to 1000 kg)")
        station._receive_scale_weight(weight)
        return self._reply(200, station=station.id, weight=weight)
