# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A shop order's outbound side: its status sent back to the shop, the
customer e-mails, and the cockpit's flags."""

import logging
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

from odoo.addons.queue_job.exception import RetryableJobError

from ..platforms import PlatformError
from .ecom_inbox import hold_job_lock
from .ecom_status_map import EVENT_TEMPLATES

_logger = logging.getLogger(__name__)

#: events the shop itself reports when it is their source (not sent back)
SHOP_EVENTS = {"confirmed", "cancelled"}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ecom_sync_state = fields.Selection(
        selection=[("pending", "To send"), ("done", "Sent"), ("error", "Error")],
        string="Shop Sync",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    ecom_sync_error = fields.Text(string="Shop Sync Error", readonly=True, copy=False)
    ecom_status_sent = fields.Char(
        string="Statuses Sent",
        readonly=True,
        copy=False,
        help="Events already sent to the shop (each is sent once).",
    )
    ecom_notified = fields.Char(
        string="Customer Notified Of",
        readonly=True,
        copy=False,
        help="Events the customer was already mailed about by Odoo.",
    )
    ecom_paid = fields.Boolean(
        string="Paid at the Shop", compute="_compute_ecom_paid", store=True, index=True
    )
    ecom_shippable = fields.Boolean(
        string="Shippable Now",
        compute="_compute_ecom_stock_flags",
        store=True,
        help="Every line of the order is reserved: it can be picked and shipped now.",
    )
    ecom_waiting_stock = fields.Boolean(
        string="Waiting for Stock", compute="_compute_ecom_stock_flags", store=True
    )
    ecom_needs_supplier = fields.Boolean(
        string="Needs a Supplier Order",
        compute="_compute_ecom_stock_flags",
        store=True,
        help="A line waits for goods that a purchase (or dropship) order brings.",
    )
    ecom_supplier_orders = fields.Char(
        string="Supplier Orders", compute="_compute_ecom_stock_flags", store=True
    )
    ecom_expected_ship_date = fields.Datetime(
        string="Expected Ship Date", compute="_compute_ecom_stock_flags", store=True
    )
    ecom_late = fields.Boolean(
        string="Late Shipment",
        compute="_compute_ecom_late",
        search="_search_ecom_late",
        help="Not shipped and its expected ship date is before today (in the user's time zone).",
    )
    ecom_margin = fields.Monetary(
        string="Margin", compute="_compute_ecom_margin", store=True, aggregator="sum"
    )
    ecom_tracking_ref = fields.Char(string="Tracking Number", compute="_compute_ecom_tracking")
    ecom_tracking_url = fields.Char(string="Tracking Link", compute="_compute_ecom_tracking")
    ecom_carrier_name = fields.Char(string="Carrier Name", compute="_compute_ecom_tracking")

    @api.depends("ecom_bind_ids.shop_paid", "invoice_status", "state")
    def _compute_ecom_paid(self):
        for order in self:
            order.ecom_paid = any(order.ecom_bind_ids.mapped("shop_paid"))

    @api.depends(
        "state",
        "picking_ids.state",
        "picking_ids.move_ids.state",
        "picking_ids.scheduled_date",
    )
    def _compute_ecom_stock_flags(self):
        for order in self:
            moves = order.picking_ids.move_ids.filtered(
                lambda m: m.state not in ("done", "cancel", "draft")
            )
            outgoing = order.picking_ids.filtered(
                lambda p: p.picking_type_code == "outgoing" and p.state not in ("done", "cancel")
            )
            waiting = moves.filtered(
                lambda m: m.state in ("confirmed", "waiting", "partially_available")
            )
            supplier_orders = order._ecom_get_supplier_orders()
            order.ecom_shippable = bool(
                order.state == "sale" and outgoing and moves and not waiting
            )
            order.ecom_waiting_stock = bool(order.state == "sale" and waiting)
            order.ecom_needs_supplier = bool(order.state == "sale" and supplier_orders)
            order.ecom_supplier_orders = ", ".join(supplier_orders) or False
            order.ecom_expected_ship_date = (
                min(outgoing.mapped("scheduled_date")) if outgoing else False
            )

    @api.depends_context("tz", "uid")
    def _compute_ecom_late(self):
        today = self._ecom_start_of_day()
        for order in self:
            order.ecom_late = bool(
                order.ecom_expected_ship_date and order.ecom_expected_ship_date < today
            )

    def _search_ecom_late(self, operator, value):
        late = [("ecom_expected_ship_date", "<", self._ecom_start_of_day())]
        if (operator == "=") == bool(value):
            return late
        return ["!"] + late

    @api.depends("order_line.price_subtotal", "order_line.product_uom_qty", "state")
    def _compute_ecom_margin(self):
        for order in self:
            cost = sum(
                line.product_id.standard_price
                * line.product_uom._compute_quantity(line.product_uom_qty, line.product_id.uom_id)
                for line in order.order_line
                if line.product_id and not line.display_type
            )
            order.ecom_margin = order.amount_untaxed - cost

    @api.depends_context("ecom_picking_id")
    def _compute_ecom_tracking(self):
        for order in self:
            picking = order.picking_ids.browse(self.env.context.get("ecom_picking_id"))
            if picking not in order.picking_ids:
                picking = order.picking_ids.filtered(
                    lambda p: p.picking_type_code == "outgoing" and p.carrier_tracking_ref
                ).sorted("date_done", reverse=True)[:1]
            parcels = picking._ecom_get_shipment_parcels() if picking else []
            order.ecom_tracking_ref = ", ".join(p["tracking_number"] for p in parcels) or False
            order.ecom_tracking_url = next(
                (p["tracking_url"] for p in parcels if p["tracking_url"]), False
            ) or (picking.carrier_tracking_url if picking and parcels else False)
            order.ecom_carrier_name = (parcels[:1] and parcels[0]["carrier_name"]) or False

    # ------------------------------------------------------------ hooks

    def _ecom_get_supplier_orders(self):
        """Extension point: names of the purchase (or dropship) orders this
        order waits for.  Default: the purchase orders linked by
        ``sale_purchase`` / ``purchase_stock`` when installed."""
        self.ensure_one()
        if "purchase_order_count" not in self._fields or not hasattr(self, "_get_purchase_orders"):
            return []
        purchases = self._get_purchase_orders().filtered(
            lambda p: p.state != "cancel" and p.receipt_status != "full"
        )
        return purchases.mapped("name")

    def action_confirm(self):
        result = super().action_confirm()
        self.filtered("ecom_bind_ids")._ecom_order_event("confirmed")
        return result

    def _action_cancel(self):
        result = super()._action_cancel()
        self.filtered("ecom_bind_ids")._ecom_order_event("cancelled")
        return result

    def write(self, vals):
        result = super().write(vals)
        # ecom_dropship flags an order "en réapprovisionnement" (no hard dependency)
        if vals.get("ecom_replenishment_pending"):
            self.filtered("ecom_bind_ids")._ecom_notify_supply_delay()
        return result

    # ------------------------------------------------------- business

    def _ecom_notify_supply_delay(self):
        """Cross-module contract (called by ecom_picking_control and on
        ecom_dropship's "being replenished" flag): tell the customer that a
        line waits for a supplier, as the shop's notify setting says."""
        self.filtered("ecom_bind_ids")._ecom_order_event("supply_delay")
        return True

    def _ecom_order_event(self, event, picking=None, key=None, refund=None):
        """Something happened to these shop orders: mail the customer when
        Odoo notifies for ``event`` and queue the status update of the shop
        when the status map gives a state, each once per order (and per
        ``key``, e.g. per transfer for partial shipments).  ``refund``: the
        credit note of a "refunded" event; a shop that records each credit
        note as a refund of its own (Shopify) gets each, once."""
        for order in self:
            binding = order.ecom_bind_ids[:1]
            if not binding:
                continue
            rule = binding.backend_id._get_status_rule(event)
            if not rule:
                continue
            per_note = refund and binding.backend_id._is_refund_per_credit_note()
            if per_note:
                key = f"move{refund.id}"
            token = f"{event}:{key}" if key else event
            if rule.notify == "odoo" and token not in (order.ecom_notified or "").split():
                order._ecom_send_customer_mail(event, picking)
                order.ecom_notified = " ".join(filter(None, [order.ecom_notified, token]))
            from_shop = self.env.context.get("ecom_from_shop") and event in SHOP_EVENTS
            if (
                rule.shop_state
                and not from_shop
                and token not in (order.ecom_status_sent or "").split()
            ):
                order.ecom_sync_state = "pending"
                order._ecom_delay_status(event, token, picking, refund if per_note else None)

    def _ecom_send_customer_mail(self, event, picking=None):
        """Post the event's e-mail template in the customer's language (the
        message is logged in the chatter and mailed to the customer)."""
        self.ensure_one()
        xmlid = EVENT_TEMPLATES.get(event)
        template = xmlid and self.env.ref(xmlid, raise_if_not_found=False)
        if not template or not self.partner_id.email:
            return False
        order = self.with_context(ecom_picking_id=picking.id if picking else False)
        return order.message_post_with_source(
            template,
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
            partner_ids=self.partner_id.ids,
        )

    def _ecom_delay_status(self, event, token, picking=None, refund=None, eta=None):
        self.ensure_one()
        # the credit note only when there is one: the other jobs keep their arguments
        kwargs = {"refund_id": refund.id} if refund else {}
        return self.with_delay(
            channel="root.ecom.out",
            eta=eta,
            description=self.env._(
                "Send status %(event)s of %(order)s", event=event, order=self.name
            ),
            identity_key=f"ecom_status_{self.id}_{token}",
        )._ecom_push_status(event, token, picking.id if picking else False, **kwargs)

    def _ecom_push_status(self, event, token, picking_id=False, refund_id=False):
        """Job: send the shop state mapped to ``event``, once; with
        ``refund_id``, the refund of that credit note."""
        self.ensure_one()
        # alive for the watchdog of the ecom channels (a dead worker's job is requeued)
        hold_job_lock(self.env)
        if token in (self.ecom_status_sent or "").split():
            return self.env._("Already sent.")
        binding = self.ecom_bind_ids[:1]
        backend = binding.backend_id
        rule = backend._get_status_rule(event)
        if not rule.shop_state:
            return self.env._("No shop state for this event.")
        picking = self.env["stock.picking"].browse(picking_id)
        status = {
            "order_external_id": binding.external_id,
            "event": event,
            "shop_state": rule.shop_state,
            "notify_customer": rule.notify == "shop",
            "comment": self._ecom_status_comment(event),
            "shipment_ref": picking.ecom_shipment_ref or "",
        }
        refund = self.env["account.move"].browse(refund_id)
        try:
            if refund:
                status["refund"] = refund._ecom_prepare_refund(self)
            backend._get_adapter().push_status(status)
        except RetryableJobError as exc:
            self._ecom_set_sync_error(str(exc))
            if self.env.context.get("queue_job__no_delay"):
                return str(exc)  # run inline (tests, scripts): no endless retry
            self._ecom_delay_status(event, token, picking, refund, eta=backend._retry_seconds(exc))
            return self.env._("Retry queued: %s", str(exc))
        except PlatformError as exc:
            message = backend._error_text(exc)
            self._ecom_set_sync_error(message)
            return message
        self.write(
            {
                "ecom_status_sent": " ".join(filter(None, [self.ecom_status_sent, token])),
                "ecom_sync_state": "done",
                "ecom_sync_error": False,
            }
        )
        return self.env._("Shop state %s sent.", rule.shop_state)

    def _ecom_status_comment(self, event):
        labels = dict(self.env["ecom.status.map"]._fields["event"]._description_selection(self.env))
        return self.env._(
            "Odoo: %(event)s (%(order)s)", event=labels.get(event, event), order=self.name
        )

    def _ecom_set_sync_error(self, message):
        self.write({"ecom_sync_state": "error", "ecom_sync_error": message})

    def action_ecom_retry_sync(self):
        """Button: send again what the shop refused."""
        for order in self:
            order.ecom_sync_state = False
            for picking in order.picking_ids.filtered(lambda p: p.ecom_shipment_state == "error"):
                picking.action_ecom_retry_shipment()
            # the credit notes the shop has not recorded yet (each is sent once)
            for refund in order.sudo().invoice_ids.filtered(
                lambda m: m.move_type == "out_refund" and m.state == "posted"
            ):
                order._ecom_order_event("refunded", refund=refund)
        return True

    @api.model
    def _ecom_start_of_day(self, days=0):
        """Midnight of today (+ ``days``) in the user's time zone (context
        ``tz``, else the user's), as the naive UTC datetime ``Datetime``
        fields hold: an order due at 00:30 in Paris is due today there,
        although it is 23:30 of the day before in UTC."""
        day = fields.Date.context_today(self) + timedelta(days=days)
        try:
            tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        except pytz.UnknownTimeZoneError:
            tz = pytz.utc
        start = tz.localize(datetime.combine(day, time.min))
        return start.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _ecom_cockpit_domain(self, name):
        """Domains of the cockpit's counters (also its list filters).  Days
        are the user's: "today" and "late" start at midnight in his time
        zone; late means an open delivery due before today, not one due
        later today."""
        today = self._ecom_start_of_day()
        base = [("ecom_bind_ids", "!=", False)]
        domains = {
            "today": [
                ("date_order", ">=", today),
                ("date_order", "<", self._ecom_start_of_day(days=1)),
            ],
            "shippable": [("state", "=", "sale"), ("ecom_shippable", "=", True)],
            "waiting_stock": [("state", "=", "sale"), ("ecom_waiting_stock", "=", True)],
            "waiting_payment": [("state", "in", ("draft", "sent")), ("ecom_paid", "=", False)],
            "error": [("ecom_sync_state", "=", "error")],
            "late": [
                ("state", "=", "sale"),
                ("delivery_status", "!=", "full"),
                ("ecom_expected_ship_date", "<", today),
            ],
            "all": [],
        }
        return base + domains[name]
