# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero


class StockPicking(models.Model):
    _inherit = "stock.picking"

    ecom_3pl_state = fields.Selection(
        [("sent", "Sent"), ("cancel_sent", "Cancellation Sent")],
        string="Logistics Provider",
        copy=False,
        readonly=True,
        index=True,
        help="Sent: the transfer is in a file sent to the logistics provider.",
    )
    ecom_3pl_file_id = fields.Many2one(
        "ecom.3pl.file", string="Sent in File", copy=False, readonly=True, index="btree_not_null"
    )
    ecom_3pl_cancel_file_id = fields.Many2one(
        "ecom.3pl.file", string="Cancellation Sent in File", copy=False, readonly=True
    )

    # ------------------------------------------------------------ outgoing rows

    def _ecom_3pl_prepare_rows(self, flow):
        """Rows of the transfer in an outgoing file (``order`` or ``asn``),
        one per move, keyed by the format fields' keys; extend to add data."""
        self.ensure_one()
        rows = []
        header = (
            self._ecom_3pl_prepare_order_header()
            if flow == "order"
            else self._ecom_3pl_prepare_asn_header()
        )
        for line_no, move in enumerate(self.move_ids.filtered(lambda m: m.state != "cancel"), 1):
            row = dict(header)
            row.update(
                {
                    "line_no": line_no,
                    "product_code": move.product_id.default_code or "",
                    "barcode": move.product_id.barcode or "",
                    "product_name": move.product_id.name,
                    "quantity": move.product_uom._compute_quantity(
                        move.product_uom_qty, move.product_id.uom_id
                    ),
                    "uom": move.product_id.uom_id.name,
                }
            )
            rows.append(row)
        return rows

    def _ecom_3pl_prepare_order_header(self):
        partner = self.partner_id
        return {
            "record_type": "ORDER",
            "order_ref": self.name,
            "origin": self.origin or "",
            "order_date": fields.Datetime.context_timestamp(self, self.scheduled_date).date(),
            "partner_name": partner.name or partner.parent_id.name or "",
            "street": partner.street or "",
            "street2": partner.street2 or "",
            "zip": partner.zip or "",
            "city": partner.city or "",
            "country_code": partner.country_id.code or "",
            "phone": partner.phone or partner.mobile or "",
            "email": partner.email or "",
            "carrier": self.carrier_id.name or "",
            "relay_point": self._ecom_3pl_get_relay_point(),
            "service_level": self._ecom_3pl_get_service_level(),
        }

    def _ecom_3pl_prepare_asn_header(self):
        return {
            "record_type": "ASN",
            "asn_ref": self.name,
            "po_ref": self.purchase_id.name or self.origin or "",
            "supplier": self.partner_id.name or "",
            "expected_date": fields.Datetime.context_timestamp(self, self.scheduled_date).date(),
        }

    def _ecom_3pl_prepare_cancel_row(self, flow):
        """Row telling the provider a transfer it received is cancelled."""
        self.ensure_one()
        key = "order_ref" if flow == "order" else "asn_ref"
        return {"record_type": "CANCEL", key: self.name}

    def _ecom_3pl_get_relay_point(self):
        """Extension point: the pick-up point code of the delivery (carrier
        addons return theirs); none by default."""
        return ""

    def _ecom_3pl_get_service_level(self):
        """Extension point: the provider's service level of the delivery."""
        return "EXPRESS" if self.priority == "1" else "STANDARD"

    # ------------------------------------------------------------ shipments

    def _ecom_3pl_demand(self, product):
        moves = self.move_ids.filtered(
            lambda m: m.product_id == product and m.state not in ("done", "cancel")
        )
        return sum(
            m.product_uom._compute_quantity(m.product_uom_qty, product.uom_id) for m in moves
        )

    def _ecom_3pl_apply_shipment_check(self, lines):
        """``{line_no: message}`` for shipped quantities above the demand."""
        errors = {}
        shipped = {}
        for line in lines:
            shipped[line["product"]] = shipped.get(line["product"], 0.0) + line["quantity"]
        for product, quantity in shipped.items():
            demand = self._ecom_3pl_demand(product)
            if float_compare(quantity, demand, precision_rounding=product.uom_id.rounding) > 0:
                message = self.env._(
                    "%(quantity)s shipped for %(product)s, above the %(demand)s ordered.",
                    quantity=quantity,
                    product=product.display_name,
                    demand=demand,
                )
                errors.update(
                    {line["line_no"]: message for line in lines if line["product"] == product}
                )
        if not errors and not any(line["quantity"] for line in lines):
            errors = {line["line_no"]: self.env._("Nothing shipped.") for line in lines}
        return errors

    def _ecom_3pl_apply_shipment(self, lines):
        """Validate the delivery with what the provider shipped: one package
        per parcel with its tracking number and weight, the tracking numbers
        in ``carrier_tracking_ref`` (set before the validation, so that a
        carrier with labels is not asked for another one), a backorder for
        what was not shipped.  Returns ``{line_no: vals}`` for the file lines."""
        self.ensure_one()
        packages = {}
        for line in lines:
            ref = line["tracking_ref"]
            if ref and ref not in packages:
                packages[ref] = self.env["stock.quant.package"].create(
                    {
                        "ecom_3pl_tracking_ref": ref,
                        "ecom_3pl_carrier": line["carrier"],
                        "shipping_weight": line["weight"],
                        "company_id": self.company_id.id,
                    }
                )
            elif ref and line["weight"] and not packages[ref].shipping_weight:
                packages[ref].shipping_weight = line["weight"]
        self._ecom_3pl_set_quantities(lines, packages)
        if packages:
            self.carrier_tracking_ref = ",".join(packages)
        self._ecom_3pl_validate()
        return {}

    # ------------------------------------------------------------ receipts

    def _ecom_3pl_apply_receipt_check(self, lines):
        """Receipts accept short and over quantities (recorded as discrepancies)."""
        return {}

    def _ecom_3pl_apply_receipt(self, lines):
        """Validate the receipt with the received quantities (a backorder for
        what is still expected), then record the discrepancies: through
        ecom_picking_control's ``_ecom_record_reception_discrepancy()`` when
        it is installed, else on the file lines and an activity."""
        self.ensure_one()
        expected = {line["product"]: self._ecom_3pl_demand(line["product"]) for line in lines}
        for product in self.move_ids.product_id:
            expected.setdefault(product, self._ecom_3pl_demand(product))
        received = dict.fromkeys(expected, 0.0)
        for line in lines:
            received[line["product"]] += line["quantity"]
        self._ecom_3pl_set_quantities(lines, {}, receipt=True)
        self._ecom_3pl_validate()
        differences = {
            product: (expected[product], received[product])
            for product in expected
            if float_compare(
                expected[product], received[product], precision_rounding=product.uom_id.rounding
            )
        }
        results = {}
        reported = set()
        for line in lines:
            product = line["product"]
            if product in differences and product not in reported:
                reported.add(product)
                results[line["line_no"]] = {
                    "quantity_expected": expected[product],
                    "quantity_done": received[product],
                    "discrepancy": True,
                    "message": self.env._(
                        "%(received)s received, %(expected)s expected.",
                        received=received[product],
                        expected=expected[product],
                    ),
                }
        if differences:
            self._ecom_3pl_record_discrepancy(differences)
        return results

    def _ecom_3pl_record_discrepancy(self, differences):
        """Record a short or over receipt (``{product: (expected, received)}``)."""
        if hasattr(self, "_ecom_record_reception_discrepancy"):
            return self._ecom_record_reception_discrepancy()
        note = "<br/>".join(
            self.env._(
                "%(product)s: %(received)s received, %(expected)s expected.",
                product=product.display_name,
                received=received,
                expected=expected,
            )
            for product, (expected, received) in differences.items()
        )
        return self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Receipt discrepancy reported by the logistics provider"),
            note=note,
            user_id=(self.purchase_id.user_id or self.env.user).id,
        )

    # ------------------------------------------------------------ common

    def _ecom_3pl_set_quantities(self, lines, packages, receipt=False):
        """Replace the move lines by what the provider handled, line by line
        (lots, packages), spread over the moves of each product."""
        moves = self.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        remaining = {move: move.product_uom_qty for move in moves}
        vals_list = []
        Lot = self.env["stock.lot"]
        for line in lines:
            product = line["product"]
            product_moves = moves.filtered(lambda m, p=product: m.product_id == p)
            quantity = line["quantity"]
            lot = Lot
            if line["lot"] and product.tracking != "none":
                lot = Lot.search(
                    [
                        ("name", "=", line["lot"]),
                        ("product_id", "=", product.id),
                        ("company_id", "in", (False, self.company_id.id)),
                    ],
                    limit=1,
                )
                if not lot and not receipt:
                    raise UserError(
                        self.env._(
                            "Lot %(lot)s of %(product)s is unknown.",
                            lot=line["lot"],
                            product=product.display_name,
                        )
                    )
            for move in product_moves:
                if float_is_zero(quantity, precision_rounding=product.uom_id.rounding):
                    break
                move_quantity = product.uom_id._compute_quantity(quantity, move.product_uom)
                take = move_quantity
                if move != product_moves[-1]:
                    take = min(move_quantity, max(remaining[move], 0.0))
                if float_is_zero(take, precision_rounding=move.product_uom.rounding):
                    continue
                remaining[move] -= take
                quantity -= move.product_uom._compute_quantity(take, product.uom_id)
                vals = {
                    "move_id": move.id,
                    "picking_id": self.id,
                    "product_id": product.id,
                    "product_uom_id": move.product_uom.id,
                    "quantity": take,
                    "location_id": move.location_id.id,
                    "location_dest_id": move.location_dest_id.id,
                    "picked": True,
                }
                if lot:
                    vals["lot_id"] = lot.id
                elif line["lot"] and product.tracking != "none":
                    vals["lot_name"] = line["lot"]
                if packages.get(line["tracking_ref"]):
                    vals["result_package_id"] = packages[line["tracking_ref"]].id
                vals_list.append(vals)
        self._ecom_3pl_write_move_lines(moves, vals_list)
        moves.picked = True

    def _ecom_3pl_write_move_lines(self, moves, vals_list):
        """Write the move lines: a move reserved on one plain line that the
        provider handled in one go keeps that line (quantity and package
        written on it); the others get their lines replaced."""
        by_move = {}
        for vals in vals_list:
            by_move.setdefault(vals["move_id"], []).append(vals)
        to_create = []
        to_unlink = self.env["stock.move.line"]
        for move in moves:
            move_vals = by_move.get(move.id, [])
            existing = move.move_line_ids
            if (
                len(move_vals) == 1
                and len(existing) == 1
                and not existing.lot_id
                and not existing.package_id
                and not existing.result_package_id
                and "lot_id" not in move_vals[0]
                and "lot_name" not in move_vals[0]
                and float_compare(
                    move_vals[0]["quantity"],
                    existing.quantity,
                    precision_rounding=move.product_uom.rounding,
                )
                <= 0
            ):
                existing.write(
                    {
                        key: move_vals[0][key]
                        for key in ("quantity", "picked", "result_package_id")
                        if key in move_vals[0]
                    }
                )
                continue
            to_unlink |= existing
            to_create += move_vals
        to_unlink.unlink()
        self.env["stock.move.line"].create(to_create)

    def _ecom_3pl_validate(self):
        """Validate as the provider reported it: a backorder for the rest,
        no wizard (the provider is not there to answer it)."""
        result = self.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=[], skip_sms=True
        ).button_validate()
        if isinstance(result, dict) or self.state != "done":
            raise UserError(
                self.env._(
                    "%s cannot be validated automatically: open it and validate it by hand.",
                    self.name,
                )
            )
