# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError


class EcomPackingStation(models.Model):
    _name = "ecom.packing.station"
    _description = "Packing Station"
    _check_company_auto = True
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    warehouse_id = fields.Many2one("stock.warehouse", check_company=True)
    package_type_id = fields.Many2one(
        "stock.package.type",
        string="Default Box",
        check_company=True,
        help="Box used for parcels closed at this station; its own weight is added "
        "to the expected weight.",
    )
    scale_token = fields.Char(
        copy=False,
        groups="ecom_base.ecom_base_group_manager,stock.group_stock_manager",
        default=lambda self: secrets.token_urlsafe(24),
        help="Sent by the scale bridge in the X-Ecom-Station-Token header.",
    )
    last_weight = fields.Float(string="Last Weight (kg)", digits=(16, 3), readonly=True)
    last_weight_date = fields.Datetime(readonly=True)

    def action_regenerate_token(self):
        self.ensure_one()
        self.scale_token = secrets.token_urlsafe(24)
        return True

    def action_open_station(self):
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "ecom_packing_station",
            "name": self.env._("Packing Station"),
            "params": {"station_id": self.id},
        }

    def _bus_channel(self):
        self.ensure_one()
        return f"ecom_packing_station_{self.id}"

    def _receive_scale_weight(self, weight_kg):
        """Store a weight posted by the scale bridge and show it live on the station."""
        self.ensure_one()
        self.write({"last_weight": weight_kg, "last_weight_date": fields.Datetime.now()})
        self.env["bus.bus"]._sendone(
            self._bus_channel(),
            "ecom_packing_weight",
            {"station_id": self.id, "weight": weight_kg},
        )

    # ---------------------------------------------------------------- station API
    # Called by the OWL station (orm.call); each returns the JSON state.

    @api.model
    def ecom_station_list(self):
        stations = self.search([("company_id", "in", self.env.companies.ids)])
        if not stations:
            stations = self.sudo().create(
                {"name": self.env._("Station 1"), "company_id": self.env.company.id}
            )
            stations = self.browse(stations.ids)
        return [{"id": s.id, "name": s.name, "last_weight": s.last_weight} for s in stations]

    def ecom_open(self, code):
        """Open the transfer whose barcode, reference, origin or shop order
        reference is ``code``, or the next transfer to pack of a batch."""
        self.ensure_one()
        picking = self.env["stock.picking"]._ecom_find_for_station(code, self)
        if not picking:
            return {
                "message": {
                    "type": "error",
                    "text": self.env._("No transfer to pack matches “%s”.", code),
                },
                "station": self._ecom_station_info(),
            }
        return picking._ecom_station_state(self, full=True)

    def ecom_state(self, picking_id):
        self.ensure_one()
        return self._ecom_picking(picking_id)._ecom_station_state(self, full=True)

    def ecom_scan(self, picking_id, barcode):
        self.ensure_one()
        return self._ecom_picking(picking_id)._ecom_scan(barcode, station=self)

    def ecom_undo(self, picking_id):
        self.ensure_one()
        return self._ecom_picking(picking_id)._ecom_undo(station=self)

    def ecom_weigh(self, picking_id, weight_text):
        self.ensure_one()
        return self._ecom_picking(picking_id)._ecom_weigh_text(weight_text, station=self)

    def ecom_close_package(self, picking_id):
        self.ensure_one()
        return self._ecom_picking(picking_id)._ecom_close_package(station=self)

    def ecom_override(self, picking_id, reason):
        self.ensure_one()
        picking = self._ecom_picking(picking_id)
        try:
            picking._ecom_override(reason, station=self)
        except UserError as exc:
            return picking._ecom_station_state(self, message=("error", exc.args[0]))
        return picking._ecom_station_state(
            self, full=True, message=("warning", self.env._("Override recorded."))
        )

    def ecom_validate(self, picking_id):
        self.ensure_one()
        return self._ecom_picking(picking_id)._ecom_station_validate(station=self)

    def _ecom_picking(self, picking_id):
        picking = self.env["stock.picking"].browse(int(picking_id)).exists()
        if not picking:
            raise UserError(self.env._("This transfer no longer exists."))
        picking.check_access("write")
        return picking

    def _ecom_station_info(self):
        return {
            "id": self.id,
            "name": self.name,
            "last_weight": self.last_weight,
            "channel": self._bus_channel(),
        }
