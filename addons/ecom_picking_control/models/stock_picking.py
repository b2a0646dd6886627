# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare, float_is_zero

from ..barcode import gs1

MAX_WEIGHT_KG = 1000.0


class StockPicking(models.Model):
    _inherit = "stock.picking"

    ecom_control_enabled = fields.Boolean(related="picking_type_id.ecom_control_enabled")
    ecom_scan_ids = fields.One2many(
        "ecom.packing.scan", "picking_id", string="Packing Events", readonly=True
    )
    ecom_override_reason = fields.Text(string="Override Reason", copy=False, readonly=True)
    ecom_override_user_id = fields.Many2one(
        "res.users", string="Overridden By", copy=False, readonly=True
    )
    ecom_override_date = fields.Datetime(string="Overridden On", copy=False, readonly=True)
    ecom_control_status = fields.Selection(
        [
            ("scan", "To scan"),
            ("weigh", "To weigh"),
            ("ok", "Checked"),
            ("override", "Overridden"),
        ],
        string="Packing Check",
        compute="_compute_ecom_control_status",
    )
    ecom_discrepancy_ids = fields.One2many(
        "ecom.reception.discrepancy", "picking_id", string="Reception Discrepancies"
    )

    @api.depends(
        "ecom_control_enabled",
        "ecom_override_user_id",
        "move_ids.ecom_scanned_qty",
        "ecom_scan_ids",
    )
    def _compute_ecom_control_status(self):
        for picking in self:
            if not picking.ecom_control_enabled:
                picking.ecom_control_status = False
            elif picking.ecom_override_user_id:
                picking.ecom_control_status = "override"
            elif picking._ecom_units_to_scan():
                picking.ecom_control_status = "scan"
            elif picking._ecom_weight_unmet():
                picking.ecom_control_status = "weigh"
            else:
                picking.ecom_control_status = "ok"

    # ------------------------------------------------------------ validation guard

    def _pre_action_done_hook(self):
        # Every validation path (form, list action, batch, RPC) goes through
        # button_validate -> this hook: refuse while the station checks are unmet.
        for picking in self:
            unmet = picking._ecom_control_unmet()
            if unmet:
                raise UserError(
                    self.env._(
                        "%(picking)s cannot be validated yet: %(reasons)s "
                        "Pack it at the packing station, or ask a manager to override.",
                        picking=picking.display_name,
                        reasons=" ".join(unmet),
                    )
                )
        return super()._pre_action_done_hook()

    def _action_done(self):
        # Receipts of a type with reception conformity are compared with
        # their purchase order once done.
        res = super()._action_done()
        for picking in self.filtered(
            lambda p: (
                p.state == "done"
                and p.picking_type_id.ecom_reception_check
                and p.picking_type_code == "incoming"
            )
        ):
            picking._ecom_record_reception_discrepancy()
        return res

    def _ecom_control_unmet(self):
        """Why this transfer cannot be validated yet (translated sentences);
        empty when control is off, overridden or satisfied."""
        self.ensure_one()
        if not self.ecom_control_enabled or self.ecom_override_user_id:
            return []
        reasons = []
        to_scan = self._ecom_units_to_scan()
        if to_scan:
            reasons.append(self.env._("%s unit(s) still to scan.", _fmt(to_scan)))
        weight = self._ecom_weight_unmet()
        if weight:
            reasons.append(weight)
        return reasons

    def _ecom_units_to_scan(self):
        self.ensure_one()
        if self.picking_type_id.ecom_scan_mode == "off":
            return 0.0
        demand, scanned = self._ecom_totals()
        return max(demand - scanned, 0.0)

    def _ecom_totals(self):
        """(demand, scanned) summed over the open moves, in one query."""
        self.ensure_one()
        self.env["stock.move"].flush_model(["product_uom_qty", "ecom_scanned_qty", "state"])
        self.env.cr.execute(
            SQL(
                """SELECT COALESCE(SUM(product_uom_qty), 0),
                          COALESCE(SUM(LEAST(COALESCE(ecom_scanned_qty, 0), product_uom_qty)), 0)
                     FROM stock_move
                    WHERE picking_id = %s AND state != 'cancel'""",
                self.id,
            )
        )
        return self.env.cr.fetchone()

    def _ecom_weight_unmet(self):
        self.ensure_one()
        check = self.picking_type_id.ecom_weight_check
        if check == "off":
            return False
        parcels = self._ecom_parcels()
        if not parcels:
            return False
        if any(p["status"] == "todo" for p in parcels):
            return self.env._("A parcel is not weighed yet.")
        if check == "block" and any(p["status"] == "blocked" for p in parcels):
            return self.env._("A parcel weight is out of tolerance.")
        return False

    # ------------------------------------------------------------ parcels, weights

    def _ecom_parcels(self):
        """One dict per parcel: the packages of the transfer, plus the goods
        not in a package as one more parcel, with expected and last measured
        weights (kg) and a status (todo, ok, warn, blocked)."""
        self.ensure_one()
        groups = {}
        for line in self.move_line_ids:
            if float_is_zero(line.quantity, precision_rounding=line.product_uom_id.rounding):
                continue
            groups.setdefault(line.result_package_id, self.env["stock.move.line"])
            groups[line.result_package_id] |= line
        weighings = {}
        for scan in self.ecom_scan_ids.filtered(lambda s: s.kind == "weight").sorted("id"):
            weighings[scan.package_id] = scan
        station_box = self.env.context.get("ecom_station_box")
        parcels = []
        ordered = sorted(groups, key=lambda p: (not p, p.id or 0))
        for package in ordered:
            lines = groups[package]
            box = package.package_type_id if package else self.env["stock.package.type"]
            if not package and station_box:
                box = self.env["stock.package.type"].browse(station_box)
            expected = box.base_weight + sum(
                line.product_id.weight
                * line.product_uom_id._compute_quantity(line.quantity, line.product_id.uom_id)
                for line in lines
            )
            scan = weighings.get(package)
            parcels.append(
                {
                    "package_id": package.id,
                    "name": package.name or self.env._("Parcel"),
                    "expected": round(expected, 3),
                    "measured": scan.measured_weight if scan else False,
                    "diff": scan.weight_diff if scan else False,
                    "status": scan.weight_status if scan else "todo",
                    "lines": lines,
                }
            )
        return parcels

    def _ecom_record_weight(self, weight_kg, station=None):
        """Record the weight of the first parcel not yet weighed (or not
        within tolerance) and return the scan record."""
        self.ensure_one()
        if self.state in ("done", "cancel"):
            raise UserError(self.env._("This transfer is already closed."))
        if not weight_kg or weight_kg <= 0:
            raise UserError(self.env._("A weight must be more than 0 kg."))
        if weight_kg > MAX_WEIGHT_KG:
            raise UserError(
                self.env._("%s kg is not a parcel weight (1,000 kg at most).", _fmt(weight_kg))
            )
        if self._ecom_units_to_scan():
            raise UserError(self.env._("Scan every product before weighing."))
        ctx = {"ecom_station_box": station.package_type_id.id} if station else {}
        parcels = self.with_context(**ctx)._ecom_parcels()
        parcel = next((p for p in parcels if p["status"] in ("todo", "blocked")), None)
        if not parcel:
            parcel = parcels[-1] if parcels else None
        if not parcel:
            raise UserError(self.env._("There is nothing to weigh in this transfer."))
        ptype = self.picking_type_id
        diff = weight_kg - parcel["expected"]
        within = abs(diff) <= ptype._ecom_weight_tolerance_kg(parcel["expected"]) + 1e-9
        if within:
            status = "ok"
        elif ptype.ecom_weight_check == "block":
            status = "blocked"
        else:
            status = "warn"
        products = parcel["lines"].product_id
        return self.env["ecom.packing.scan"].create(
            {
                **self._ecom_prepare_scan_vals(station, "weight"),
                "package_id": parcel["package_id"],
                "product_id": products.id if len(products) == 1 else False,
                "weight_unit_count": sum(parcel["lines"].mapped("quantity"))
                if len(products) == 1
                else 0.0,
                "expected_weight": parcel["expected"],
                "measured_weight": weight_kg,
                "weight_diff": diff,
                "weight_status": status,
                "tolerance_pct": ptype.ecom_weight_tolerance_pct,
            }
        )

    # ------------------------------------------------------------ override

    def _ecom_override(self, reason, station=None):
        """Let a manager validate although the checks are unmet, with a reason."""
        self.ensure_one()
        if not self.picking_type_id.ecom_override_allowed:
            raise UserError(self.env._("Overrides are not allowed for this operation type."))
        if not self.env.user._ecom_is_packing_manager():
            raise UserError(self.env._("Only a manager can override the packing checks."))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for the override."))
        self.write(
            {
                "ecom_override_reason": reason,
                "ecom_override_user_id": self.env.user.id,
                "ecom_override_date": fields.Datetime.now(),
            }
        )
        self.env["ecom.packing.scan"].create(
            {**self._ecom_prepare_scan_vals(station, "override"), "message": reason}
        )
        self.message_post(
            body=self.env._(
                "Packing checks overridden by %(user)s: %(reason)s",
                user=self.env.user.name,
                reason=reason,
            )
        )
        return True

    # ------------------------------------------------------------ scanning

    def _ecom_prepare_scan_vals(self, station, kind, **vals):
        return {
            "company_id": self.company_id.id,
            "picking_id": self.id,
            "station_id": station.id if station else False,
            "user_id": self.env.uid,
            "kind": kind,
            **vals,
        }

    def _ecom_lock(self):
        """Lock this transfer's row for the scan; False if another station
        holds it (or changed it since this transaction started)."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL("SELECT id FROM stock_picking WHERE id = %s FOR UPDATE NOWAIT", self.id),
                    log_exceptions=False,
                )
        except (LockNotAvailable, SerializationFailure):
            return False
        return True

    def _ecom_error(self, station, barcode, text, product=None, state=True):
        self.env["ecom.packing.scan"].create(
            self._ecom_prepare_scan_vals(
                station,
                "error",
                barcode=barcode,
                product_id=product.id if product else False,
                message=text,
            )
        )
        return self._ecom_station_state(station, message=("error", text)) if state else None

    def _ecom_scan(self, barcode, station=None):
        """Count one scan on this transfer and return the station state.

        The barcode is a GS1 string (AI 01/10/21/17/310x), an EAN/UPC read
        through the company's barcode nomenclature, or a packaging barcode
        (counts the packaging's quantity).  A wrong product or an over-scan
        counts nothing (never an extra move) and is logged as an error.
        """
        self.ensure_one()
        barcode = (barcode or "").strip()
        if not barcode:
            return self._ecom_station_state(station)
        if self.state in ("done", "cancel"):
            return self._ecom_station_state(
                station, message=("error", self.env._("This transfer is already closed."))
            )
        if not self._ecom_lock():
            return self._ecom_station_state(
                station,
                message=(
                    "error",
                    self.env._("Another station is scanning this transfer right now: scan again."),
                ),
                retry=True,
            )
        try:
            found = self._ecom_resolve_barcode(barcode)
        except UserError as exc:
            return self._ecom_error(station, barcode, exc.args[0])
        product, qty, extra = found
        moves = self.env["stock.move"].search(
            [
                ("picking_id", "=", self.id),
                ("product_id", "=", product.id),
                ("state", "not in", ("done", "cancel")),
            ],
            order="id",
        )
        if not moves:
            return self._ecom_error(
                station,
                barcode,
                self.env._("Wrong product: %s is not in this order.", product.display_name),
                product=product,
            )
        scan_mode = self.picking_type_id.ecom_scan_mode
        move = None
        for candidate in moves:
            remaining = candidate.product_uom_qty - candidate.ecom_scanned_qty
            move_qty = product.uom_id._compute_quantity(qty, candidate.product_uom)
            if scan_mode == "line":
                move_qty = remaining
            rounding = candidate.product_uom.rounding
            if float_compare(remaining, 0, precision_rounding=rounding) > 0 and (
                float_compare(move_qty, remaining, precision_rounding=rounding) <= 0
            ):
                move = candidate
                break
        if not move:
            return self._ecom_error(
                station,
                barcode,
                self.env._(
                    "Too many: %(product)s is already complete (%(qty)s).",
                    product=product.display_name,
                    qty=_fmt(sum(moves.mapped("product_uom_qty"))),
                ),
                product=product,
            )
        lot_name = extra.get("lot") or extra.get("serial")
        if (
            lot_name
            and move.move_line_ids.lot_id
            and lot_name not in move.move_line_ids.lot_id.mapped("name")
        ):
            return self._ecom_error(
                station,
                barcode,
                self.env._(
                    "Wrong lot: %(lot)s is not the lot reserved for %(product)s.",
                    lot=lot_name,
                    product=product.display_name,
                ),
                product=product,
            )
        move.ecom_scanned_qty += move_qty
        self.env["ecom.packing.scan"].create(
            self._ecom_prepare_scan_vals(
                station,
                "scan",
                barcode=barcode,
                product_id=product.id,
                move_id=move.id,
                quantity=move_qty,
                lot_name=lot_name,
                expiry_date=extra.get("expiry"),
                measured_weight=extra.get("net_weight_kg", 0.0),
            )
        )
        return self._ecom_station_state(
            station,
            line=move,
            message=(
                "success",
                self.env._(
                    "%(qty)s × %(product)s", qty=_fmt(move_qty), product=product.display_name
                ),
            ),
        )

    def _ecom_resolve_barcode(self, barcode):
        """(product, quantity in the product's unit, GS1 extras) for a barcode.

        :raise UserError: unknown barcode or malformed GS1 string
        """
        extra = {}
        qty = 1.0
        if gs1.looks_like_gs1(barcode):
            try:
                extra = gs1.parse(barcode)
            except gs1.Gs1Error as exc:
                raise UserError(
                    self.env._("Unreadable GS1 barcode (%s): nothing counted.", exc.args[0])
                ) from exc
            gtin = extra.get("gtin") or extra.get("content_gtin")
            if not gtin:
                raise UserError(self.env._("This GS1 barcode carries no product (GTIN)."))
            candidates = gs1.gtin_candidates(gtin)
            if extra.get("count") and extra.get("content_gtin"):
                qty = float(extra["count"])
        else:
            nomenclature = self.company_id.nomenclature_id or self.env.company.nomenclature_id
            parsed = nomenclature.parse_barcode(barcode) if nomenclature else {}
            candidates = [barcode]
            if isinstance(parsed, dict) and parsed.get("type") not in (None, "error"):
                if parsed.get("base_code") and parsed["base_code"] != barcode:
                    candidates.append(parsed["base_code"])
                    if parsed.get("type") == "weight":
                        extra["net_weight_kg"] = parsed.get("value") or 0.0
                if parsed.get("code") and parsed["code"] not in candidates:
                    candidates.append(parsed["code"])
        product = self.env["product.product"].search([("barcode", "in", candidates)], limit=1)
        if not product:
            packaging = self.env["product.packaging"].search(
                [("barcode", "in", candidates), ("product_id", "!=", False)], limit=1
            )
            if packaging:
                product = packaging.product_id
                qty = packaging.qty
        if not product:
            raise UserError(self.env._("Unknown barcode %s: nothing counted.", barcode))
        weight_uom = self.env["product.template"]._get_weight_uom_id_from_ir_config_parameter()
        if extra.get("net_weight_kg") and product.uom_id.category_id == weight_uom.category_id:
            # a variable-measure item counts its net weight
            kg = self.env.ref("uom.product_uom_kgm")
            qty = kg._compute_quantity(extra["net_weight_kg"], product.uom_id)
        return product, qty, extra

    def _ecom_undo(self, station=None):
        """Cancel the last counted scan of this transfer."""
        self.ensure_one()
        if not self._ecom_lock():
            return self._ecom_station_state(
                station,
                message=(
                    "error",
                    self.env._("Another station is scanning this transfer right now."),
                ),
                retry=True,
            )
        last = self.env["ecom.packing.scan"].search(
            [("picking_id", "=", self.id), ("kind", "=", "scan"), ("undone", "=", False)],
            order="id desc",
            limit=1,
        )
        if not last or not last.move_id:
            return self._ecom_station_state(
                station, message=("warning", self.env._("Nothing to undo."))
            )
        last.undone = True
        last.move_id.ecom_scanned_qty = max(last.move_id.ecom_scanned_qty - last.quantity, 0.0)
        self.env["ecom.packing.scan"].create(
            self._ecom_prepare_scan_vals(
                station,
                "undo",
                barcode=last.barcode,
                product_id=last.product_id.id,
                move_id=last.move_id.id,
                quantity=-last.quantity,
            )
        )
        return self._ecom_station_state(
            station,
            line=last.move_id,
            message=("warning", self.env._("Undone: %s", last.product_id.display_name)),
        )

    def _ecom_weigh_text(self, weight_text, station=None):
        """Record a weight typed at the station ("1.25", "1,25 kg", "1250 g")."""
        self.ensure_one()
        text = (weight_text or "").strip().lower().replace(" ", "").replace(",", ".")
        match = re.fullmatch(r"(-?\d+(?:\.\d+)?)(kg|g)?", text)
        if not match:
            return self._ecom_error(
                station,
                weight_text,
                self.env._("“%s” is not a weight: type it in kg, e.g. 1.25", weight_text),
            )
        weight = float(match.group(1))
        if match.group(2) == "g":
            weight /= 1000.0
        try:
            scan = self._ecom_record_weight(weight, station=station)
        except UserError as exc:
            return self._ecom_error(station, weight_text, exc.args[0])
        if scan.weight_status == "ok":
            message = ("success", self.env._("Weight OK: %s kg.", _fmt(scan.measured_weight)))
        else:
            message = (
                "error" if scan.weight_status == "blocked" else "warning",
                self.env._(
                    "Weight out of tolerance: measured %(measured)s kg, expected "
                    "%(expected)s kg, difference %(diff)s kg.",
                    measured=_fmt(scan.measured_weight),
                    expected=_fmt(scan.expected_weight),
                    diff=_fmt(scan.weight_diff, signed=True),
                ),
            )
        return self._ecom_station_state(station, full=True, message=message)

    def _ecom_close_package(self, station=None):
        """Put the scanned goods not yet in a parcel into a new package
        (the station's box), so that each parcel is weighed on its own."""
        self.ensure_one()
        to_pack = self.env["stock.move.line"]
        for move in self.move_ids.filtered(
            lambda m: m.ecom_scanned_qty > 0 and m.state != "cancel"
        ):
            packed = sum(
                ml.product_uom_id._compute_quantity(ml.quantity, move.product_uom)
                for ml in move.move_line_ids
                if ml.result_package_id
            )
            remaining = move.ecom_scanned_qty - packed
            for ml in move.move_line_ids.filtered(lambda line: not line.result_package_id):
                if float_compare(remaining, 0, precision_rounding=move.product_uom.rounding) <= 0:
                    break
                if (
                    float_compare(
                        ml.quantity, remaining, precision_rounding=move.product_uom.rounding
                    )
                    > 0
                ):
                    # lower the reservation before the split so no new stock is needed
                    rest = ml.quantity - remaining
                    ml.quantity = remaining
                    ml.copy({"quantity": rest, "move_id": move.id})
                to_pack |= ml
                remaining -= ml.quantity
        if not to_pack:
            return self._ecom_station_state(
                station,
                message=("error", self.env._("Scan the products of this parcel first.")),
            )
        to_pack.picked = True
        package = self._put_in_pack(to_pack)
        if station and station.package_type_id:
            package.package_type_id = station.package_type_id
        return self._ecom_station_state(
            station,
            full=True,
            message=("success", self.env._("Parcel %s closed.", package.name)),
        )

    def _ecom_station_validate(self, station=None):
        """Validate from the station, then return the state with the labels."""
        self.ensure_one()
        unmet = self._ecom_control_unmet()
        if unmet:
            return self._ecom_station_state(station, full=True, message=("error", " ".join(unmet)))
        since = self.env.cr.now()
        batch = self.batch_id
        self._ecom_pack_weighed_parcels(station)
        context = self._ecom_station_validate_context()
        try:
            res = self.with_context(**context).button_validate()
        except UserError as exc:
            return self._ecom_station_state(station, full=True, message=("error", exc.args[0]))
        if isinstance(res, dict) and self.state != "done":
            # Odoo opened a wizard instead of validating (a print action
            # comes after a validation: the transfer is done then)
            return self._ecom_station_state(
                station, full=True, message=("error", self._ecom_station_decision_message(res))
            )
        done = self.env._("%s validated.", self.name)
        if context.get("skip_sms"):
            done = " ".join(
                (
                    done,
                    self.env._(
                        "No text message was sent to the customer: whether Odoo texts "
                        "customers when their delivery leaves is not decided yet "
                        "(Inventory settings, SMS confirmation)."
                    ),
                )
            )
        labels = self._ecom_station_label_attachments(since=since)
        state = self._ecom_station_state(station, full=True, message=("success", done))
        state["labels"] = [
            {"id": a.id, "name": a.name, "url": f"/web/content/{a.id}"} for a in labels
        ]
        state["next"] = self._ecom_next_in_batch(batch)
        return state

    def _ecom_station_validate_context(self):
        """Context of the station's ``button_validate``.

        Odoo's SMS confirmation (``stock_sms``) asks once, in a wizard,
        whether the company texts its customers when a delivery is
        validated. That is the merchant's decision, not the packer's: while
        the company has not answered, the station validates without the
        question and sends no text message (``skip_sms``, which core reads
        for both); the question stays for the next validation from the
        transfer's form. Once answered, the company's choice applies.
        """
        self.ensure_one()
        company = self.company_id
        if (
            "has_received_warning_stock_sms" in company._fields
            and company.stock_move_sms_validation
            and not company.has_received_warning_stock_sms
            and self.picking_type_code == "outgoing"
            and (self.partner_id.mobile or self.partner_id.phone)
        ):
            return {"skip_sms": True}
        return {}

    def _ecom_station_decision_message(self, action):
        """What the station says when validating opened one of Odoo's wizards
        (``action``) instead of validating: the decision asked for, to be
        taken from the transfer's form."""
        self.ensure_one()
        model = action.get("res_model")
        if model == "stock.backorder.confirmation":
            return self.env._(
                "Some quantities of this transfer are missing: Odoo asks whether to create "
                "a backorder for them. Validate it from its form to decide."
            )
        if model == "confirm.stock.sms":
            return self.env._(
                "Odoo asks whether customers get a text message when their delivery is "
                "validated (SMS confirmation): answer once from this transfer's form."
            )
        if model == "expiry.picking.confirmation":
            return self.env._(
                "Some products of this transfer are past their expiration date: confirm "
                "from its form whether they leave."
            )
        return self.env._(
            "Odoo asks for a decision before validating this transfer (%(title)s): "
            "validate it from its form.",
            title=action.get("name") or model or action.get("type"),
        )

    def _ecom_pack_weighed_parcels(self, station=None):
        """Give each weighed parcel the weight the scale read as its shipping
        weight, which the carrier declares on the label; goods weighed loose
        go into a package of the station's box first."""
        self.ensure_one()
        box = station.package_type_id if station else self.env["stock.package.type"]
        for parcel in self.with_context(ecom_station_box=box.id)._ecom_parcels():
            if not parcel["measured"]:
                continue
            package = self.env["stock.quant.package"].browse(parcel["package_id"])
            if not package:
                package = self._put_in_pack(parcel["lines"])
                package.package_type_id = box
                self.ecom_scan_ids.filtered(
                    lambda s: s.kind == "weight" and not s.package_id
                ).package_id = package
            package.shipping_weight = parcel["measured"]

    def _ecom_station_label_attachments(self, since=None):
        """Shipping labels the station shows and prints after validating.

        Contract with ecom_carrier: the default returns the attachments posted
        on the transfer during the current transaction (``since``: the
        validation start); a carrier addon may override it.
        """
        self.ensure_one()
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", "stock.picking"),
                ("res_id", "=", self.id),
                ("create_date", ">=", since or self.env.cr.now()),
            ]
        )

    def _ecom_ready_to_pick(self, include_partial=False):
        """Whether the day's pick list takes this transfer: every move still
        to do is reserved; with ``include_partial``, Odoo's *ready* state
        is enough (a partly reserved transfer of move type *direct*, "as
        soon as possible")."""
        self.ensure_one()
        if self.state != "assigned":
            return False
        if include_partial:
            return True
        return all(
            move.state == "assigned"
            for move in self.move_ids
            if move.state not in ("done", "cancel")
        )

    def _ecom_next_in_batch(self, batch):
        if not batch:
            return False
        nxt = batch.picking_ids.filtered(lambda p: p.state not in ("done", "cancel") and p != self)[
            :1
        ]
        return nxt.id or False

    @api.model
    def _ecom_find_for_station(self, code, station=None):
        """The transfer to open at the station for a scanned ``code``: a
        transfer reference or barcode, its sale order, the shop's reference
        of that order, or a batch (its next transfer to pack)."""
        code = (code or "").strip()
        if not code:
            return self.browse()
        open_states = ("assigned", "confirmed", "waiting")
        domain = [("state", "in", open_states)]
        if station and station.warehouse_id:
            domain.append(("picking_type_id.warehouse_id", "=", station.warehouse_id.id))
        # in multi-step deliveries the controlled step comes first
        order = "id"
        picking = self.search(
            [*domain, "|", ("name", "=", code), ("origin", "=", code)], order=order
        ).sorted(lambda p: not p.ecom_control_enabled)[:1]
        if not picking:
            # the packer may not read every sale order: look the order up as superuser
            orders = (
                self.env["sale.order"]
                .sudo()
                .search(["|", ("name", "=", code), ("client_order_ref", "=", code)], limit=5)
            )
            if orders:
                picking = self.search(
                    [
                        *domain,
                        ("sale_id", "in", orders.ids),
                        ("picking_type_code", "!=", "incoming"),
                    ],
                    order=order,
                ).sorted(lambda p: not p.ecom_control_enabled)[:1]
        if picking:
            return picking
        batch = self.env["stock.picking.batch"].search([("name", "=", code)], limit=1)
        if batch:
            return batch.picking_ids.filtered(lambda p: p.state in open_states).sorted("id")[:1]
        return self.browse()

    def _ecom_station_state(self, station=None, full=False, line=None, message=None, retry=False):
        """The JSON state the station displays.  ``full`` adds every line
        and the parcels (opening, weighing); a scan only sends the line it
        changed and the totals, so a scan costs the same on a long order."""
        self.ensure_one()
        demand, scanned = self._ecom_totals()
        ptype = self.picking_type_id
        done = self.state == "done"
        all_scanned = ptype.ecom_scan_mode == "off" or float_compare(scanned, demand, 3) >= 0
        if done:
            step = "done"
        elif not all_scanned:
            step = "scan"
        elif ptype.ecom_weight_check != "off" and self._ecom_weight_unmet():
            step = "weigh"
        else:
            step = "validate"
        state = {
            "picking": {
                "id": self.id,
                "name": self.name,
                "origin": self.origin or "",
                "partner": self.partner_id.display_name or "",
                "carrier": self.carrier_id.name or "",
                "state": self.state,
                "control": self.ecom_control_enabled,
                "scan_mode": ptype.ecom_scan_mode,
                "weight_check": ptype.ecom_weight_check,
                "override_allowed": ptype.ecom_override_allowed,
                "override": self.ecom_override_reason or "",
                "batch": self.batch_id.name or "",
            },
            "totals": {"demand": demand, "scanned": scanned},
            "step": step,
            "can_override": self.env.user._ecom_is_packing_manager(),
            "retry": retry,
        }
        if station:
            state["station"] = station._ecom_station_info()
        if message:
            state["message"] = {"type": message[0], "text": message[1]}
        if line:
            state["line"] = self._ecom_line_state(line)
        if full or step != "scan":
            state["lines"] = [
                self._ecom_line_state(move)
                for move in self.move_ids.filtered(lambda m: m.state != "cancel")
            ]
            ctx = {"ecom_station_box": station.package_type_id.id} if station else {}
            state["parcels"] = [
                {k: v for k, v in parcel.items() if k != "lines"}
                for parcel in self.with_context(**ctx)._ecom_parcels()
            ]
        return state

    def _ecom_line_state(self, move):
        return {
            "id": move.id,
            "product": move.product_id.display_name,
            "code": move.product_id.default_code or "",
            "barcode": move.product_id.barcode or "",
            "location": ", ".join(move.move_line_ids.location_id.mapped("name"))
            or move.location_id.name
            or "",
            "demand": move.product_uom_qty,
            "scanned": move.ecom_scanned_qty,
            "uom": move.product_uom.name,
        }

    def action_ecom_open_station(self):
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "ecom_packing_station",
            "name": self.env._("Packing Station"),
            "params": {"picking_id": self.id},
        }

    def action_ecom_override(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ecom.packing.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_picking_id": self.id},
        }

    # ------------------------------------------------------------ reception conformity

    def _ecom_record_reception_discrepancy(self):
        """Compare this done receipt with its purchase order.

        Contract (ecom_3pl calls it after validating a receipt when it
        exists): per purchase line touched by the receipt, what was ordered
        against what has been received (missing, short, over) plus the
        received products that were not ordered (unexpected).  When there is
        a difference: creates the ``ecom.reception.discrepancy`` with its PDF
        report, an activity for the buyer, flags the customer orders the
        receipt feeds and calls ``sale.order._ecom_notify_supply_delay()``
        when another addon defines it.

        :return: the discrepancy record, or an empty recordset
        """
        self.ensure_one()
        Discrepancy = self.env["ecom.reception.discrepancy"]
        if self.state != "done" or self.picking_type_code != "incoming":
            return Discrepancy
        if self.ecom_discrepancy_ids:
            # already recorded at validation: a second call changes nothing
            return self.ecom_discrepancy_ids[:1]
        line_vals = Discrepancy._ecom_compare_receipt(self)
        if not line_vals:
            return Discrepancy
        return Discrepancy._ecom_create_for_receipt(self, line_vals)


def _fmt(value, signed=False):
    text = f"{value:+.3f}" if signed else f"{value:.3f}"
    text = text.rstrip("0").rstrip(".")
    return text if text not in ("", "-0", "+0") else "0"
