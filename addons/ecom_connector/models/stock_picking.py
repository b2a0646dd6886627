# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models

from odoo.addons.queue_job.exception import RetryableJobError

from ..platforms import PlatformError
from .ecom_inbox import hold_job_lock
from .ecom_status_map import EVENTS

DELIVERY_EVENTS = (
    "in_transit",
    "out_for_delivery",
    "available_for_pickup",
    "delivered",
    "incident",
    "returned",
)


class StockPicking(models.Model):
    _inherit = "stock.picking"

    ecom_shipment_state = fields.Selection(
        selection=[
            ("pending", "To send"),
            ("sent", "Sent"),
            ("error", "Error"),
        ],
        string="Shop Shipment",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Whether the shipment (tracking number, shipped quantities) reached the shop.",
    )
    ecom_shipment_ref = fields.Char(
        string="Shop Shipment ID",
        readonly=True,
        copy=False,
        help="The shop's id of the shipment / fulfilment created for this transfer: "
        "it is never created twice.",
    )
    ecom_shipment_error = fields.Text(readonly=True, copy=False)
    ecom_shipment_sent_at = fields.Datetime(readonly=True, copy=False)
    ecom_delivery_state = fields.Selection(
        selection=[(e, label) for e, label in EVENTS if e in DELIVERY_EVENTS],
        string="Delivery Event",
        readonly=True,
        copy=False,
    )

    def write(self, vals):
        result = super().write(vals)
        # the tracking number often arrives after the validation (carrier
        # label, 3PL, a user typing it): the shipment goes out then
        if vals.get("carrier_tracking_ref"):
            self._ecom_queue_shipment()
        return result

    def _action_done(self):
        # a transfer validated with its tracking number already set
        result = super()._action_done()
        self._ecom_queue_shipment()
        return result

    # ------------------------------------------------------------ hooks

    def _ecom_shop_order(self):
        """The shop orders (sale orders with a shop binding) these transfers
        belong to, read as superuser; empty when there is none.

        The one door of the connector's stock hooks to the sale order: a
        warehouse user reserves and ships shop orders, and a carrier reports
        their delivery, without any right on sale orders, while what follows
        for the order (its status to the shop, the customer e-mail, the
        shop's binding and credentials) is the connector's work.  Only the
        orders are elevated: the transfers keep the user's own rights.
        """
        return self.sudo().sale_id.filtered("ecom_bind_ids")

    def _ecom_get_sale_binding(self):
        """The shop binding of this transfer's sale order (empty when none)."""
        self.ensure_one()
        return self._ecom_shop_order().ecom_bind_ids[:1]

    def _ecom_is_shop_shipment(self):
        self.ensure_one()
        return bool(
            self.picking_type_code == "outgoing"
            and self.state == "done"
            and self.carrier_tracking_ref
            and self._ecom_shop_order()
        )

    def _ecom_get_shipment_parcels(self):
        """Cross-module contract: the parcels of this transfer, a list of
        ``{"tracking_number", "tracking_url", "carrier_name", "package_id",
        "weight"}``.

        Default: one per number of ``carrier_tracking_ref`` (several joined
        with ","), with the URL of the carrier's tracking link template
        (``<shipmenttrackingnumber>`` replaced by each number), else of
        ``carrier_tracking_url`` (a JSON list of ``[ref, url]`` when several,
        as core computes it).  ecom_carrier's bridge returns its per-package data.
        """
        self.ensure_one()
        numbers = [n.strip() for n in (self.carrier_tracking_ref or "").split(",") if n.strip()]
        urls = {}
        template = self.carrier_id.tracking_url or ""
        if "<shipmenttrackingnumber>" in template:
            urls = {n: template.replace("<shipmenttrackingnumber>", n) for n in numbers}
        raw = "" if urls else (self.carrier_tracking_url or "")
        if raw.startswith("["):
            try:
                urls = {str(ref): url for ref, url in json.loads(raw)}
            except (ValueError, TypeError):
                urls = {}
        elif raw and len(numbers) == 1:
            urls = {numbers[0]: raw}
        carrier_name = self.carrier_id.name or ""
        return [
            {
                "tracking_number": number,
                "tracking_url": urls.get(number) or "",
                "carrier_name": carrier_name,
                "package_id": False,
                "weight": self.shipping_weight or self.weight or 0.0,
            }
            for number in numbers
        ]

    def _ecom_delivery_event(self, event):
        """Cross-module contract: the carrier says where this shipment is
        (``in_transit``, ``out_for_delivery``, ``available_for_pickup``,
        ``delivered``, ``incident``, ``returned``).  Pushed to the shop and
        mailed to the customer as the shop's status map says."""
        for picking in self:
            order = picking._ecom_shop_order()
            if event not in DELIVERY_EVENTS or not order:
                continue
            picking.ecom_delivery_state = event
            order._ecom_order_event(event, picking=picking)
        return True

    # ---------------------------------------------------------- shipment

    def _ecom_queue_shipment(self):
        for picking in self:
            if picking.ecom_shipment_state == "sent" or not picking._ecom_is_shop_shipment():
                continue
            picking.ecom_shipment_state = "pending"
            picking._ecom_delay_shipment()

    def _ecom_delay_shipment(self, eta=None):
        self.ensure_one()
        return self.with_delay(
            channel="root.ecom.out",
            eta=eta,
            description=self.env._("Send shipment %s to the shop", self.name),
            identity_key=f"ecom_shipment_{self.id}",
        )._ecom_push_shipment()

    def _ecom_prepare_shipment(self, binding):
        """The plain dict the adapters send: order ids, shipped lines (SKU,
        quantity, shop line id), parcels, who notifies."""
        self.ensure_one()
        backend = binding.backend_id
        rule = backend._get_status_rule("shipped")
        lines = {}
        for move in self.move_ids.filtered(lambda m: m.state == "done" and m.quantity):
            sku = move.product_id.default_code or move.product_id.barcode or ""
            line = lines.setdefault(
                move.sale_line_id.id or move.id,
                {"sku": sku, "quantity": 0.0, "name": move.product_id.display_name},
            )
            line["quantity"] += move.product_uom._compute_quantity(
                move.quantity, move.product_id.uom_id
            )
        parcels = self._ecom_get_shipment_parcels()
        return {
            "order_external_id": binding.external_id,
            "order_reference": binding.shop_reference or "",
            "picking": self.name,
            "lines": [dict(line, quantity=int(round(line["quantity"]))) for line in lines.values()],
            "parcels": parcels,
            "tracking_numbers": [p["tracking_number"] for p in parcels],
            "tracking_urls": [p["tracking_url"] for p in parcels if p["tracking_url"]],
            "carrier_name": (parcels[:1] and parcels[0]["carrier_name"]) or "",
            "carrier_code": self.carrier_id.delivery_type or "custom",
            "notify_customer": rule.notify == "shop",
            "date": fields.Date.to_string(
                fields.Date.context_today(self, self.date_done or fields.Datetime.now())
            ),
            "complete": self._ecom_order_fully_shipped(),
        }

    def _ecom_order_fully_shipped(self):
        self.ensure_one()
        outgoing = self._ecom_shop_order().picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state != "cancel"
        )
        return all(p.state == "done" for p in outgoing)

    def _ecom_push_shipment(self):
        """Job: push this transfer's shipment to the shop, exactly once.

        Never before the tracking number exists (the job does nothing then);
        never twice: the shop's id of the shipment is stored, and before
        creating one the adapter looks at the shop for a shipment with this
        transfer's tracking number (a run that timed out after the shop
        created it finds it there).
        """
        self.ensure_one()
        # alive for the watchdog of the ecom channels (a dead worker's job is requeued)
        hold_job_lock(self.env)
        if self.ecom_shipment_state == "sent" or not self._ecom_is_shop_shipment():
            return self.env._("Nothing to send.")
        binding = self._ecom_get_sale_binding()
        backend = binding.backend_id
        adapter = backend._get_adapter()
        shipment = self._ecom_prepare_shipment(binding)
        now = fields.Datetime.now()
        try:
            remote_id = adapter.find_shipment(shipment)
            reused = bool(remote_id)
            if not remote_id:
                remote_id = adapter.push_shipment(shipment)
        except RetryableJobError as exc:
            self.write({"ecom_shipment_state": "error", "ecom_shipment_error": str(exc)})
            if self.env.context.get("queue_job__no_delay"):
                return str(exc)  # run inline (tests, scripts): no endless retry
            self._ecom_delay_shipment(eta=backend._retry_seconds(exc))
            return self.env._("Retry queued: %s", str(exc))
        except PlatformError as exc:
            message = backend._error_text(exc)
            self.write({"ecom_shipment_state": "error", "ecom_shipment_error": message})
            self._ecom_shop_order()._ecom_set_sync_error(message)
            return message
        self.write(
            {
                "ecom_shipment_state": "sent",
                "ecom_shipment_ref": str(remote_id or ""),
                "ecom_shipment_error": False,
                "ecom_shipment_sent_at": now,
            }
        )
        self._ecom_shop_order()._ecom_order_event(
            "shipped" if shipment["complete"] else "partially_shipped",
            picking=self,
            key=self.name,
        )
        return self.env._(
            "Shipment %(ref)s %(how)s.",
            ref=remote_id,
            how=self.env._("found at the shop") if reused else self.env._("created"),
        )

    def action_ecom_retry_shipment(self):
        """Button: send the shipment again (after fixing what the shop refused)."""
        for picking in self:
            picking.ecom_shipment_state = False
        self._ecom_queue_shipment()
        return True

    @api.model
    def _ecom_pickable_domain(self):
        return [
            ("picking_type_code", "=", "outgoing"),
            ("state", "=", "assigned"),
            ("sale_id.ecom_bind_ids", "!=", False),
        ]
