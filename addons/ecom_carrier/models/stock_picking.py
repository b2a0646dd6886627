# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools.pdf import merge_pdf

from .ecom_carrier_event_code import TRACKING_STATES

#: progress of a parcel, to aggregate the parcels of one transfer
STATE_RANK = {
    "label_created": 0,
    "in_transit": 1,
    "out_for_delivery": 2,
    "available_for_pickup": 3,
    "delivered": 4,
    "returned": 4,
}


class StockPicking(models.Model):
    _inherit = "stock.picking"

    ecom_parcel_ids = fields.One2many(
        "ecom.carrier.parcel", "picking_id", string="Parcels", copy=False
    )
    ecom_parcel_count = fields.Integer(compute="_compute_ecom_parcel_count")
    ecom_tracking_event_ids = fields.One2many(
        "ecom.carrier.parcel.event", "picking_id", string="Tracking Events", readonly=True
    )
    ecom_tracking_state = fields.Selection(
        TRACKING_STATES,
        string="Delivery Status",
        copy=False,
        index=True,
        readonly=True,
        help="Where the parcels are, from the carrier's tracking: the least advanced "
        "parcel, or Incident when one parcel has an incident.",
    )

    def _compute_ecom_parcel_count(self):
        for picking in self:
            picking.ecom_parcel_count = len(
                picking.ecom_parcel_ids.filtered(lambda p: p.state == "active")
            )

    def write(self, vals):
        # numbers typed or scanned for a carrier without web service become
        # parcels, so that they are tracked and pushed like the others
        res = super().write(vals)
        if "carrier_tracking_ref" in vals and not self.env.context.get("ecom_parcel_sync"):
            self.filtered(
                lambda p: p.carrier_id._ecom_hook("typed_numbers")
            )._ecom_sync_typed_parcels()
        return res

    def action_ecom_enter_tracking(self):
        """Type or scan the tracking number of each package."""
        self.ensure_one()
        wizard = self.env["ecom.carrier.tracking.entry"].create({"picking_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Tracking numbers"),
        }

    def action_ecom_reprint_labels(self):
        """Download the labels already created, without calling the
        carrier: one file, the labels of every active parcel in order."""
        self.ensure_one()
        parcels = self.ecom_parcel_ids.filtered(
            lambda p: p.state == "active" and p.label_attachment_id and not p.is_return
        )
        if not parcels:
            raise UserError(self.env._("%s has no label to print.", self.display_name))
        if len(parcels) == 1:
            return parcels.action_reprint()
        parcels.print_count = parcels[:1].print_count + 1
        formats = set(parcels.mapped("label_format"))
        contents = [p.label_attachment_id.raw for p in parcels]
        if formats == {"pdf"}:
            raw, extension, mimetype = merge_pdf(contents), "pdf", "application/pdf"
        else:
            raw, extension, mimetype = b"\n".join(contents), "zpl", "application/zpl"
        name = f"Labels-{self.name.replace('/', '_')}.{extension}"
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "=", self.id), ("name", "=", name)],
            limit=1,
        )
        if attachment:
            attachment.write({"raw": raw})
        else:
            attachment = self.env["ir.attachment"].create(
                {
                    "name": name,
                    "raw": raw,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": mimetype,
                }
            )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "new",
        }

    def action_ecom_regenerate_labels(self):
        """New labels and numbers for every active parcel: created at the
        carrier first, then the old ones cancelled there; a failure on
        either side changes nothing in Odoo."""
        self.ensure_one()
        carrier = self.carrier_id.sudo()
        old = self.ecom_parcel_ids.filtered(lambda p: p.state == "active" and not p.is_return)
        if not old or not carrier.ecom_is_framework:
            raise UserError(
                self.env._(
                    "%s has no label of a carrier that can regenerate it.", self.display_name
                )
            )
        specs = carrier._ecom_prepare_parcels(self)
        new = carrier._ecom_create_parcels(self, specs)
        for parcel in old:
            carrier._ecom_cancel_label(parcel)
        old.write({"state": "cancelled"})
        self._ecom_set_tracking_ref()
        self.message_post(
            body=self.env._(
                "Labels regenerated: %(old)s cancelled, replaced by %(new)s.",
                old=", ".join(old.mapped("tracking_number")),
                new=", ".join(new.mapped("tracking_number")),
            )
        )
        return True

    def action_ecom_refresh_tracking(self):
        """Queue a tracking request for this transfer's parcels now."""
        self.ensure_one()
        parcels = self.ecom_parcel_ids.filtered(
            lambda p: p.state == "active" and not p.tracking_final
        )
        if not parcels or not self.carrier_id.ecom_can_track:
            raise UserError(self.env._("%s has no parcel to track.", self.display_name))
        self.carrier_id.sudo()._ecom_enqueue_tracking(parcels)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("Tracking requested: it will show in a moment."),
                "type": "info",
                "sticky": False,
            },
        }

    def action_ecom_deposit_slip(self):
        """The carrier's deposit slip (bordereau) of the selected deliveries'
        parcels not on a slip yet, to hand over with the parcels."""
        parcels = self.ecom_parcel_ids.filtered(
            lambda p: p.state == "active" and not p.is_return and not p.deposit_slip
        )
        carriers = parcels.carrier_id.filtered(lambda c: c._ecom_hook("deposit_slip"))
        if not carriers:
            raise UserError(
                self.env._("No parcel of these transfers needs a deposit slip of its carrier.")
            )
        if len(carriers) > 1:
            raise UserError(self.env._("Select the transfers of one carrier at a time."))
        carrier = carriers.sudo()
        attachment = carrier._ecom_hook("deposit_slip")(
            parcels.filtered(lambda p: p.carrier_id == carriers)
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "new",
        }

    def action_ecom_view_parcels(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecom_carrier.ecom_carrier_parcel_action"
        )
        action["domain"] = [("picking_id", "=", self.id)]
        action["context"] = {"default_picking_id": self.id}
        return action

    # ------------------------------------------------ tracking state

    def _ecom_sync_typed_parcels(self, packages=None):
        """Parcels from ``carrier_tracking_ref`` typed by hand: one per
        number, new numbers added, removed ones cancelled.  ``packages``:
        ``{number: stock.quant.package}`` when known (scan per package)."""
        packages = packages or {}
        parcel_model = self.env["ecom.carrier.parcel"]
        for picking in self:
            numbers = [
                n.strip() for n in (picking.carrier_tracking_ref or "").split(",") if n.strip()
            ]
            active = picking.ecom_parcel_ids.filtered(lambda p: p.state == "active")
            active.filtered(lambda p, n=numbers: p.tracking_number not in n).write(
                {"state": "cancelled"}
            )
            known = set(active.mapped("tracking_number"))
            vals_list = [
                {
                    "picking_id": picking.id,
                    "carrier_id": picking.carrier_id.id,
                    "tracking_number": number,
                    "sequence": sequence,
                    "package_id": packages.get(number, parcel_model.package_id).id,
                    "weight": packages.get(number, parcel_model.package_id).shipping_weight,
                }
                for sequence, number in enumerate(numbers, 1)
                if number not in known
            ]
            if vals_list:
                cancelled = picking.ecom_parcel_ids.filtered(
                    lambda p, n=numbers: p.state == "cancelled" and p.tracking_number in n
                )
                cancelled.write({"state": "active"})
                revived = set(cancelled.mapped("tracking_number"))
                parcel_model.create([v for v in vals_list if v["tracking_number"] not in revived])

    def _ecom_set_tracking_ref(self):
        """``carrier_tracking_ref`` from the active parcels, joined with ","
        as core stores several parcels."""
        for picking in self:
            numbers = picking.ecom_parcel_ids.filtered(
                lambda p: p.state == "active" and not p.is_return
            ).mapped("tracking_number")
            picking.with_context(ecom_parcel_sync=True).carrier_tracking_ref = (
                ",".join(numbers) or False
            )

    def _ecom_carrier_parcel_dicts(self):
        """The active parcels in the shape of ecom_connector's
        ``_ecom_get_shipment_parcels()`` (tracking_number, tracking_url,
        carrier_name, package_id, weight), for the bridge to return."""
        self.ensure_one()
        return [
            {
                "tracking_number": parcel.tracking_number,
                "tracking_url": parcel.tracking_url or False,
                "carrier_name": self.carrier_id.name,
                "package_id": parcel.package_id.id or False,
                "weight": parcel.weight,
            }
            for parcel in self.ecom_parcel_ids.sorted("sequence")
            if parcel.state == "active" and not parcel.is_return
        ]

    def _ecom_compute_tracking_state(self):
        """The transfer's state from its active parcels: Incident when one
        has an incident, Returned when all are final and one is returned,
        else the least advanced parcel."""
        self.ensure_one()
        parcels = self.ecom_parcel_ids.filtered(lambda p: p.state == "active" and not p.is_return)
        states = parcels.mapped("tracking_state")
        if not states:
            return False
        if "incident" in states:
            return "incident"
        if "returned" in states and all(parcels.mapped("tracking_final")):
            return "returned"
        return min(states, key=lambda s: STATE_RANK.get(s, 1))

    def _ecom_update_tracking_state(self):
        """Store the transfers' tracking state; on each change call
        :meth:`_ecom_carrier_tracking_state_changed` once."""
        for picking in self:
            old_state = picking.ecom_tracking_state
            new_state = picking._ecom_compute_tracking_state()
            if new_state != old_state:
                picking.ecom_tracking_state = new_state
                picking._ecom_carrier_tracking_state_changed(old_state, new_state)

    def _ecom_carrier_tracking_state_changed(self, old_state, new_state):
        """Contract with ecom_carrier_connector: called once per change of
        the delivery status of this transfer, ``new_state`` in
        label_created, in_transit, out_for_delivery, available_for_pickup,
        delivered, incident, returned.  Here: an activity for each
        incident; the bridge adds the shop push and the customer mail
        (``super()`` first)."""
        self.ensure_one()
        if new_state == "incident":
            last = self.ecom_tracking_event_ids[:1]
            user = (
                self.carrier_id.ecom_incident_user_id
                or self.user_id
                or self.sale_id.user_id
                or self.env.user
            )
            self.activity_schedule(
                "mail.mail_activity_data_warning",
                summary=self.env._("Delivery incident"),
                note=self.env._(
                    "%(carrier)s reports an incident on %(number)s: %(label)s",
                    carrier=self.carrier_id.name,
                    number=last.tracking_number or self.carrier_tracking_ref,
                    label=last.label or "",
                ),
                user_id=user.id,
            )
        return True
