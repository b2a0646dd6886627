# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tests import tagged

from .common import PickingControlCase


@tagged("post_install", "-at_install")
class TestPackingStation(PickingControlCase):
    def setUp(self):
        super().setUp()
        self.picking = self._make_delivery([(self.mug, 2), (self.tshirt, 1)], ref="SHOP-1001")

    def _move(self, product):
        return self.picking.move_ids.filtered(lambda m: m.product_id == product)

    def test_open_by_reference_order_and_shop_reference(self):
        station = self._station()
        for code in (self.picking.name, self.picking.sale_id.name, "SHOP-1001"):
            state = station.ecom_open(code)
            self.assertEqual(state["picking"]["id"], self.picking.id, code)
            self.assertEqual(len(state["lines"]), 2)
            self.assertEqual(state["step"], "scan")
        state = station.ecom_open("NOPE-42")
        self.assertEqual(state["message"]["type"], "error")
        self.assertNotIn("picking", state)

    def test_full_scan_and_weight_within_tolerance(self):
        state = self._scan(self.picking, "3760000000017", "3760000000017")
        self.assertEqual(state["step"], "scan")
        self.assertEqual(state["line"]["scanned"], 2)
        self.assertNotIn("lines", state, "a scan sends only the changed line")
        state = self._scan(self.picking, "3760000000024")
        self.assertEqual(state["step"], "weigh")
        self.assertEqual(state["totals"], {"demand": 3.0, "scanned": 3.0})
        # 2 × 0.4 + 0.2 + the station's 0.1 kg box
        self.assertAlmostEqual(state["parcels"][0]["expected"], 1.1)
        self.assertEqual(self.picking.ecom_control_status, "weigh")
        state = self._station().ecom_weigh(self.picking.id, "1,12")
        self.assertEqual(state["message"]["type"], "success")
        self.assertEqual(state["step"], "validate")
        state = self._station().ecom_validate(self.picking.id)
        self.assertEqual(state["step"], "done", state.get("message"))
        self.assertEqual(self.picking.state, "done")
        kinds = self.picking.ecom_scan_ids.mapped("kind")
        self.assertEqual(kinds.count("scan"), 3)
        self.assertEqual(kinds.count("weight"), 1)
        weighing = self.picking.ecom_scan_ids.filtered(lambda s: s.kind == "weight")
        self.assertEqual(weighing.user_id, self.ecom_user)
        self.assertAlmostEqual(weighing.weight_diff, 0.02)

    def test_weighed_parcels_declare_the_scale_weight(self):
        """The carrier declares what the scale read: goods weighed loose are
        packed in the station's box with that weight, a closed parcel keeps
        its own."""
        self._scan(self.picking, "3760000000017", "3760000000017", "3760000000024")
        self._station().ecom_weigh(self.picking.id, "1,12")
        state = self._station().ecom_validate(self.picking.id)
        self.assertEqual(state["step"], "done", state.get("message"))
        package = self.picking.move_line_ids.result_package_id
        self.assertEqual(len(package), 1)
        self.assertEqual(package.package_type_id, self.box)
        self.assertAlmostEqual(package.shipping_weight, 1.12)
        self.assertEqual(self.picking.ecom_scan_ids.filtered("weight_status").package_id, package)
        second = self._make_delivery([(self.mug, 2), (self.tshirt, 1)])
        self._scan(second, "3760000000017", "3760000000017")
        self._station().ecom_close_package(second.id)
        self._scan(second, "3760000000024")
        self._station().ecom_weigh(second.id, "0.93")
        self._station().ecom_weigh(second.id, "0.31")
        self._station().ecom_validate(second.id)
        self.assertEqual(
            sorted(second.move_line_ids.result_package_id.mapped("shipping_weight")), [0.31, 0.93]
        )

    def test_wrong_product_counts_nothing(self):
        moves_before = self.picking.move_ids
        state = self._scan(self.picking, "3760000000093")
        self.assertEqual(state["message"]["type"], "error")
        self.assertIn("Poster", state["message"]["text"])
        self.assertEqual(state["totals"]["scanned"], 0)
        self.assertEqual(self.picking.move_ids, moves_before, "never an extra move")
        error = self.picking.ecom_scan_ids
        self.assertEqual(error.kind, "error")
        self.assertEqual(error.product_id, self.poster)

    def test_unknown_barcode_and_malformed_gs1(self):
        for code in ("0000000000000", "(01)03760000000018", "(99)X"):
            state = self._scan(self.picking, code)
            self.assertEqual(state["message"]["type"], "error", code)
        self.assertEqual(self.picking._ecom_totals()[1], 0)
        self.assertEqual(len(self.picking.ecom_scan_ids.filtered(lambda s: s.kind == "error")), 3)

    def test_over_scan_alerts(self):
        state = self._scan(self.picking, "3760000000024", "3760000000024")
        self.assertEqual(state["message"]["type"], "error")
        self.assertEqual(self._move(self.tshirt).ecom_scanned_qty, 1)

    def test_undo_last_scan(self):
        self._scan(self.picking, "3760000000017", "3760000000024")
        state = self._station().ecom_undo(self.picking.id)
        self.assertEqual(state["line"]["product"], self.tshirt.display_name)
        self.assertEqual(self._move(self.tshirt).ecom_scanned_qty, 0)
        self.assertEqual(self._move(self.mug).ecom_scanned_qty, 1)
        self.assertTrue(self.picking.ecom_scan_ids.filtered(lambda s: s.kind == "undo"))
        self._station().ecom_undo(self.picking.id)
        state = self._station().ecom_undo(self.picking.id)
        self.assertEqual(state["message"]["type"], "warning", "nothing left to undo")
        self.assertEqual(state["totals"]["scanned"], 0)

    def test_packaging_barcode_counts_its_quantity(self):
        picking = self._make_delivery([(self.mug, 6)])
        state = self._scan(picking, "PACK-MUG-6")
        self.assertEqual(state["line"]["scanned"], 6)
        self.assertEqual(state["step"], "weigh")
        state = self._scan(picking, "PACK-MUG-6")
        self.assertEqual(state["message"]["type"], "error", "a second carton is an over-scan")

    def test_gs1_with_lot_and_weight(self):
        state = self._scan(self.picking, "]C1010376000000001710LOT42\x1d3103000400")
        self.assertEqual(state["line"]["scanned"], 1)
        scan = self.picking.ecom_scan_ids
        self.assertEqual(scan.lot_name, "LOT42")
        self.assertAlmostEqual(scan.measured_weight, 0.4)
        state = self._scan(self.picking, "(01)03760000000017(17)270331")
        self.assertEqual(state["line"]["scanned"], 2)
        last = self.picking.ecom_scan_ids.sorted("id")[-1]
        self.assertEqual(str(last.expiry_date), "2027-03-31")

    def test_gs1_carton_counts_its_content(self):
        picking = self._make_delivery([(self.mug, 8)])
        # a carton label: content GTIN (02) and count (37)
        state = self._scan(picking, "(02)03760000000017(37)6")
        self.assertEqual(state["line"]["scanned"], 6)
        state = self._scan(picking, "(02)03760000000017(37)6")
        self.assertEqual(
            state["message"]["type"], "error", "8 ordered: a second carton is too many"
        )
        state = self._scan(picking, "(01)03760000000017", "(01)03760000000017")
        self.assertEqual(state["step"], "weigh")

    def test_weight_out_of_tolerance_warn_mode(self):
        self._scan(self.picking, "3760000000017", "3760000000017", "3760000000024")
        state = self._station().ecom_weigh(self.picking.id, "1.5")
        self.assertEqual(state["message"]["type"], "warning")
        self.assertIn("1.1", state["message"]["text"])
        self.assertEqual(state["parcels"][0]["status"], "warn")
        self.assertEqual(state["step"], "validate", "warn mode lets the parcel go")
        self.picking.with_env(self.env_user).button_validate()
        self.assertEqual(self.picking.state, "done")

    def test_weight_out_of_tolerance_blocks(self):
        self.out_type.ecom_weight_check = "block"
        self._scan(self.picking, "3760000000017", "3760000000017", "3760000000024")
        state = self._station().ecom_weigh(self.picking.id, "1250 g")
        self.assertEqual(state["message"]["type"], "error")
        self.assertEqual(state["parcels"][0]["status"], "blocked")
        self.assertAlmostEqual(state["parcels"][0]["diff"], 0.15)
        state = self._station().ecom_validate(self.picking.id)
        self.assertEqual(state["message"]["type"], "error")
        self.assertNotEqual(self.picking.state, "done")
        # weighing again after fixing the parcel clears the block
        state = self._station().ecom_weigh(self.picking.id, "1.09")
        self.assertEqual(state["step"], "validate")

    def test_bad_weights_count_nothing(self):
        self._scan(self.picking, "3760000000017", "3760000000017", "3760000000024")
        for text in ("0", "-1", "1200", "abc", ""):
            state = self._station().ecom_weigh(self.picking.id, text)
            self.assertEqual(state["message"]["type"], "error", text)
        self.assertFalse(self.picking.ecom_scan_ids.filtered(lambda s: s.kind == "weight"))
        self.assertEqual(self.picking.ecom_control_status, "weigh")

    def test_weighing_before_scanning_is_refused(self):
        state = self._station().ecom_weigh(self.picking.id, "1.1")
        self.assertEqual(state["message"]["type"], "error")

    def test_manager_override_with_reason(self):
        self._scan(self.picking, "3760000000017")
        state = self._station().ecom_override(self.picking.id, "Client en boutique")
        self.assertEqual(state["message"]["type"], "error", "a packer cannot override")
        state = self._station(self.env_manager).ecom_override(self.picking.id, "  ")
        self.assertEqual(state["message"]["type"], "error", "a reason is required")
        state = self._station(self.env_manager).ecom_override(self.picking.id, "Colis urgent")
        self.assertEqual(state["picking"]["override"], "Colis urgent")
        self.assertEqual(self.picking.ecom_control_status, "override")
        self.assertEqual(self.picking.ecom_override_user_id, self.ecom_manager)
        self.picking.with_env(self.env_user).button_validate()
        self.assertEqual(self.picking.state, "done")
        self.assertTrue(self.picking.ecom_scan_ids.filtered(lambda s: s.kind == "override"))

    def test_override_not_allowed_by_type(self):
        self.out_type.ecom_override_allowed = False
        state = self._station(self.env_manager).ecom_override(self.picking.id, "Urgent")
        self.assertEqual(state["message"]["type"], "error")
        self.assertFalse(self.picking.ecom_override_user_id)

    def test_line_mode_one_scan_per_line(self):
        self.out_type.ecom_scan_mode = "line"
        self._scan(self.picking, "3760000000017")
        self.assertEqual(self._move(self.mug).ecom_scanned_qty, 2)
        state = self._scan(self.picking, "3760000000024")
        self.assertEqual(state["step"], "weigh")

    def test_several_parcels_one_weight_each(self):
        self._scan(self.picking, "3760000000017", "3760000000017")
        state = self._station().ecom_close_package(self.picking.id)
        self.assertEqual(state["message"]["type"], "success")
        self._scan(self.picking, "3760000000024")
        state = self._station().ecom_close_package(self.picking.id)
        parcels = state["parcels"]
        self.assertEqual(len(parcels), 2)
        # 2 mugs + box, then the tee-shirt + box
        self.assertEqual([p["expected"] for p in parcels], [0.9, 0.3])
        state = self._station().ecom_weigh(self.picking.id, "0.91")
        self.assertEqual(state["step"], "weigh", "the second parcel is still to weigh")
        state = self._station().ecom_weigh(self.picking.id, "0.3")
        self.assertEqual(state["step"], "validate")
        self._station().ecom_validate(self.picking.id)
        self.assertEqual(self.picking.state, "done")
        self.assertEqual(len(self.picking.move_line_ids.result_package_id), 2)

    def test_labels_returned_after_validation(self):
        self._scan(self.picking, "3760000000017", "3760000000017", "3760000000024")
        self._station().ecom_weigh(self.picking.id, "1.1")
        picking_model = type(self.env["stock.picking"])
        original = picking_model._action_done

        def action_done_with_label(pickings):
            res = original(pickings)
            # what a carrier does during validation: post its label
            self.env["ir.attachment"].create(
                {
                    "name": "Label-1.pdf",
                    "raw": b"%PDF-1.4",
                    "res_model": "stock.picking",
                    "res_id": pickings.id,
                }
            )
            return res

        with self.patch_action_done(picking_model, action_done_with_label):
            state = self._station().ecom_validate(self.picking.id)
        self.assertEqual([label["name"] for label in state["labels"]], ["Label-1.pdf"])

    def patch_action_done(self, model, func):
        return patch.object(model, "_action_done", func)

    def _validate_at_station(self, picking, weight="1.1"):
        """Scan every unit of ``picking``, weigh ``weight`` kg, validate."""
        for move in picking.move_ids:
            self._scan(picking, *[move.product_id.barcode] * int(move.product_uom_qty))
        self._station().ecom_weigh(picking.id, weight)
        return self._station().ecom_validate(picking.id)

    def test_backorder_decision_is_named(self):
        """Issue 14: the station says which decision Odoo asks for."""
        self._scan(self.picking, "3760000000017")
        self._station(self.env_manager).ecom_override(self.picking.id, "Une tasse cassée")
        self._move(self.mug).quantity = 1
        state = self._station().ecom_validate(self.picking.id)
        self.assertEqual(state["message"]["type"], "error")
        self.assertIn("missing: Odoo asks whether to create a backorder", state["message"]["text"])
        self.assertNotEqual(self.picking.state, "done")

    def test_other_wizard_is_named_by_its_title(self):
        """A wizard the station does not know: its title in the message."""
        picking_model = type(self.env["stock.picking"])

        def ask_something(pickings):
            return {
                "type": "ir.actions.act_window",
                "name": "Contrôle qualité",
                "res_model": "ecom.quality.check",
                "view_mode": "form",
                "target": "new",
            }

        with patch.object(picking_model, "_pre_action_done_hook", ask_something):
            state = self._validate_at_station(self.picking)
        self.assertEqual(state["message"]["type"], "error")
        self.assertIn("(Contrôle qualité)", state["message"]["text"])
        self.assertNotEqual(self.picking.state, "done")

    def test_sms_question_left_to_the_merchant(self):
        """Odoo's SMS confirmation question (stock_sms) does not stop the
        station, which texts nobody while the company has not decided."""
        picking_model = type(self.env["stock.picking"])
        self.picking.partner_id.mobile = "+33 6 12 34 56 78"
        self.company.write(
            {"stock_move_sms_validation": True, "has_received_warning_stock_sms": False}
        )

        def check_warn_sms(pickings):
            # what stock_sms does outside test mode
            return pickings.filtered(
                lambda p: (
                    p.company_id.stock_move_sms_validation
                    and not p.company_id.has_received_warning_stock_sms
                    and p.picking_type_code == "outgoing"
                )
            )

        sent_with = []
        original_send = picking_model._send_confirmation_email

        def send_confirmation(pickings):
            sent_with.append(bool(pickings.env.context.get("skip_sms")))
            return original_send(pickings)

        with (
            patch.object(picking_model, "_check_warn_sms", check_warn_sms),
            patch.object(picking_model, "_send_confirmation_email", send_confirmation),
        ):
            self._scan(self.picking, "3760000000017", "3760000000017", "3760000000024")
            self._station().ecom_weigh(self.picking.id, "1.1")
            # validated from its form, core asks the question
            action = self.picking.with_env(self.env_user).button_validate()
            self.assertEqual(action["res_model"], "confirm.stock.sms")
            self.assertEqual(sent_with, [])
            state = self._station().ecom_validate(self.picking.id)
            self.assertEqual(state["step"], "done", state["message"])
            self.assertEqual(self.picking.state, "done")
            self.assertIn("No text message", state["message"]["text"])
            self.assertEqual(set(sent_with), {True}, "no SMS behind the merchant's back")
            sent_with.clear()
            # once the merchant answered (texts sent), the station follows
            self.company.has_received_warning_stock_sms = True
            second = self._make_delivery([(self.tshirt, 1)])
            state = self._validate_at_station(second, weight="0.3")
            self.assertEqual(state["step"], "done", state["message"])
            self.assertNotIn("No text message", state["message"]["text"])
            self.assertEqual(set(sent_with), {False})

    def test_batch_opens_next_transfer(self):
        second = self._make_delivery([(self.tshirt, 1)])
        batch = self.env["stock.picking.batch"]._ecom_create_day_batch(self.out_type)
        self.assertEqual(batch.picking_ids, self.picking | second)
        state = self._station().ecom_open(batch.name)
        self.assertEqual(state["picking"]["id"], self.picking.id)
        self._scan(self.picking, "3760000000017", "3760000000017", "3760000000024")
        self._station().ecom_weigh(self.picking.id, "1.1")
        state = self._station().ecom_validate(self.picking.id)
        self.assertEqual(state["next"], second.id)

    def test_other_company_sees_no_station_nor_audit(self):
        self._scan(self.picking, "3760000000017", "3760000000093")
        other = self.env["res.company"].create({"name": "Autre Boutique"})
        outsider = self._create_ecom_user("outsider", ("stock.group_stock_user",))
        outsider.write({"company_ids": [(6, 0, other.ids)], "company_id": other.id})
        env = self.env(user=outsider, context={"allowed_company_ids": other.ids})
        self.assertFalse(env["ecom.packing.scan"].search([]))
        self.assertFalse(env["ecom.packing.station"].search([("id", "=", self.station.id)]))
        self.assertFalse(env["ecom.packing.error.report"].search([]))
