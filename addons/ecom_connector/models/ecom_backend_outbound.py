# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What flows back to the shop: product links, sellable stock, prices, and
the per-event status / notification map (the backend's outbound side)."""

import logging

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.exception import RetryableJobError

from ..platforms import PlatformError, get_adapter_class
from .ecom_inbox import hold_job_lock
from .ecom_status_map import DEFAULT_MAPS

_logger = logging.getLogger(__name__)


class EcomBackend(models.Model):
    _inherit = "ecom.backend"

    stock_export = fields.Boolean(
        string="Send Stock",
        default=True,
        help="Send the sellable quantity of the linked products to the shop when it changes.",
    )
    safety_stock = fields.Integer(
        help="Units kept back from what the shop may sell (per product, unless the product "
        "link sets its own).",
    )
    sell_supplier_stock = fields.Boolean(
        string="Sell Supplier Stock (Flux Tendu)",
        help="Products bought on order also sell their supplier's reported stock (dropship "
        "products always do).",
    )
    stock_export_delay = fields.Integer(
        string="Stock Debounce (seconds)",
        default=60,
        help="Stock changes wait this long and are sent together in one run.",
    )
    magento_stock_api = fields.Selection(
        selection=[("msi", "Multi-Source Inventory"), ("legacy", "Legacy stock items")],
        string="Magento Stock API",
        default="msi",
    )
    magento_source_code = fields.Char(string="Magento Source", default="default")
    magento_store_id = fields.Integer(
        string="Magento Store View for Prices",
        help="Store view whose base price is set (0: the default scope, every store view "
        "without its own price).",
    )
    shopify_location_id = fields.Char(
        help="Location whose available quantity is set, e.g. gid://shopify/Location/123.",
    )
    shopify_refund_payment = fields.Boolean(
        string="Refund the Payment at Shopify",
        help="A credit note posted in Odoo also refunds the customer's payment through "
        "Shopify (a refund transaction on the order's payment). Off: the refund is only "
        "recorded at Shopify (lines, shipping, note), without moving money, as when the "
        "merchant refunded by other means.",
    )
    woo_tracking_mode = fields.Selection(
        selection=[
            ("note", "Customer order note"),
            ("extension", "Shipment Tracking extension"),
        ],
        string="WooCommerce Tracking",
        default="note",
    )
    price_export = fields.Boolean(
        string="Send Prices",
        help="Send the pricelist's price of the linked products when it changes (off by "
        "default: the shop's prices are usually managed in the shop).",
    )
    status_map_ids = fields.One2many(
        "ecom.status.map", "backend_id", string="Order Status Out", copy=True
    )
    product_binding_ids = fields.One2many(
        "ecom.product.binding", "backend_id", string="Linked Products"
    )
    product_binding_count = fields.Integer(compute="_compute_product_binding_count")
    product_binding_error_count = fields.Integer(compute="_compute_product_binding_count")
    unmatched_skus = fields.Text(
        string="Unmatched Shop SKUs",
        readonly=True,
        copy=False,
        help="Shop products that no Odoo product matches by SKU or barcode (last linking).",
    )
    stock_sent_at = fields.Datetime(string="Stock Last Sent", readonly=True, copy=False)
    stock_last_result = fields.Char(readonly=True, copy=False)

    def _compute_product_binding_count(self):
        Binding = self.env["ecom.product.binding"]
        totals = dict(
            Binding._read_group([("backend_id", "in", self.ids)], ["backend_id"], ["__count"])
        )
        errors = dict(
            Binding._read_group(
                [("backend_id", "in", self.ids), ("last_error", "!=", False)],
                ["backend_id"],
                ["__count"],
            )
        )
        for backend in self:
            backend.product_binding_count = totals.get(backend, 0)
            backend.product_binding_error_count = errors.get(backend, 0)

    @api.model_create_multi
    def create(self, vals_list):
        backends = super().create(vals_list)
        # a new shop starts with its platform's usual status / notification map
        for backend in backends.filtered(lambda b: not b.status_map_ids):
            backend.status_map_ids = backend._prepare_status_map_commands()
        return backends

    def _prepare_status_map_commands(self):
        self.ensure_one()
        return [
            Command.create(
                {"event": event, "shop_state": state, "notify": notify, "sequence": sequence}
            )
            for sequence, (event, (state, notify)) in enumerate(
                DEFAULT_MAPS.get(self.platform, {}).items()
            )
        ]

    def _add_default_status_rules(self, events):
        """Give each backend its platform's default rule of each of ``events``
        it has no rule for (an event a new version of the module maps; the
        merchant's own rules are left as they are)."""
        for backend in self:
            defaults = DEFAULT_MAPS.get(backend.platform, {})
            known = set(backend.status_map_ids.mapped("event"))
            sequence = max(backend.status_map_ids.mapped("sequence"), default=0)
            commands = []
            for event in events:
                if event in known or event not in defaults:
                    continue
                state, notify = defaults[event]
                sequence += 1
                commands.append(
                    Command.create(
                        {
                            "event": event,
                            "shop_state": state,
                            "notify": notify,
                            "sequence": sequence,
                        }
                    )
                )
            if commands:
                backend.status_map_ids = commands

    # ---------------------------------------------------------- actions

    def action_link_products(self):
        """Queue the linking of the shop's products to Odoo's by SKU / barcode."""
        for backend in self:
            backend.with_delay(
                channel="root.ecom",
                description=self.env._("Link products of %s", backend.display_name),
                identity_key=f"ecom_link_products_{backend.id}",
            )._link_products()
        return self._notify(self.env._("Linking queued"), self.env._("The links appear shortly."))

    def action_export_stock(self):
        """Full resync: queue a run that sends every linked product's quantity."""
        for backend in self:
            backend._delay_stock_export(full=True, eta=0)
        return self._notify(
            self.env._("Full resync queued"),
            self.env._("Every linked product's quantity will be sent to the shop."),
        )

    def action_view_product_bindings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ecom_connector.ecom_product_binding_action"
        )
        action["domain"] = [("backend_id", "=", self.id)]
        action["context"] = {"default_backend_id": self.id}
        return action

    def action_view_product_binding_errors(self):
        action = self.action_view_product_bindings()
        action["domain"] = action["domain"] + [("last_error", "!=", False)]
        return action

    def action_reset_status_map(self):
        """Back to the platform's default status / notification map."""
        for backend in self:
            backend.status_map_ids = [Command.clear()] + backend._prepare_status_map_commands()
        return True

    def _notify(self, title, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"title": title, "message": message, "type": "info", "sticky": False},
        }

    # --------------------------------------------------------- linking

    def _link_products(self):
        """Job: read the shop's catalogue, link each shop product or variant
        to the Odoo product of the same SKU (internal reference) or barcode,
        keep existing links up to date, and list the shop SKUs no product
        matches."""
        self.ensure_one()
        # alive for the watchdog of the ecom channels (a dead worker's job is requeued)
        hold_job_lock(self.env)
        adapter = self._get_adapter()
        entries = list(adapter.fetch_catalogue())
        Binding = self.env["ecom.product.binding"].with_context(active_test=False)
        existing = {
            (b.external_id, b.variant_id or ""): b
            for b in Binding.search([("backend_id", "=", self.id)])
        }
        by_product = {b.product_id.id: b for b in existing.values()}
        products = self._find_products(
            [{"sku": e.get("sku") or "", "barcode": e.get("barcode") or ""} for e in entries]
        )
        unmatched, create_vals, duplicates = [], [], []
        for index, entry in enumerate(entries, start=1):
            key = (str(entry["external_id"]), str(entry.get("variant_id") or ""))
            product = products.get(index)
            vals = {
                "sku": entry.get("sku") or False,
                "inventory_item_id": entry.get("inventory_item_id") or False,
                "stock_available_id": entry.get("stock_available_id") or False,
            }
            binding = existing.get(key)
            if binding:
                binding.write(vals)
                continue
            if not product:
                unmatched.append(entry.get("sku") or entry.get("barcode") or key[0])
                continue
            if product.id in by_product:
                duplicates.append(entry.get("sku") or key[0])
                continue
            by_product[product.id] = True
            create_vals.append(
                dict(
                    vals,
                    backend_id=self.id,
                    product_id=product.id,
                    external_id=key[0],
                    variant_id=key[1] or False,
                )
            )
        Binding.create(create_vals)
        lines = list(unmatched)
        lines += [self.env._("%s (product already linked)", sku) for sku in duplicates]
        self.unmatched_skus = "\n".join(lines) or False
        return self.env._(
            "%(new)s products linked, %(unmatched)s shop products unmatched",
            new=len(create_vals),
            unmatched=len(lines),
        )

    # ----------------------------------------------------------- stock

    def _delay_stock_export(self, full=False, eta=None):
        """Queue one stock run of this shop, after the debounce delay; one
        pending run at a time (identity key), whatever the number of
        changes that ask for it."""
        self.ensure_one()
        return self.with_delay(
            channel="root.ecom.stock",
            eta=self.stock_export_delay if eta is None else eta,
            description=self.env._("Send stock to %s", self.display_name),
            identity_key=f"ecom_export_stock_{self.id}{'_full' if full else ''}",
        )._export_stock(full=full)

    def _export_stock(self, full=False):
        """Job: send the sellable quantity of the linked products that
        changed since the last run (all of them when ``full``), in the
        platform's batch form.

        Per batch: the quantities sent are stored on the bindings; a
        refusal (4xx, a per-item error) is stored on the binding with the
        shop's message and its last quantity stays; a retryable failure
        (network, 5xx, throttling) stores the error on what was not sent
        and a new run is queued after the shop's hint.
        """
        self.ensure_one()
        # alive for the watchdog of the ecom channels (a dead worker's job is requeued)
        hold_job_lock(self.env)
        if not self.stock_export or self.platform == "file":
            return self.env._("Stock is not sent to this shop.")
        bindings = self.product_binding_ids.filtered("active")
        quantities = bindings._get_sellable_quantities()
        items = [
            binding._prepare_export_item(quantity=quantities[binding.id])
            for binding in bindings
            if full or not binding.stock_sent_at or binding.last_qty_sent != quantities[binding.id]
        ]
        if not items:
            return self.env._("No stock change to send.")
        return self._run_export(items, "stock")

    def _export_prices(self, full=False):
        """Job: send the changed shop prices of the linked products."""
        self.ensure_one()
        # alive for the watchdog of the ecom channels (a dead worker's job is requeued)
        hold_job_lock(self.env)
        if not self.price_export or self.platform == "file":
            return self.env._("Prices are not sent to this shop.")
        bindings = self.product_binding_ids.filtered("active")
        prices = bindings._get_shop_prices()
        items = [
            binding._prepare_export_item(price=prices[binding.id])
            for binding in bindings
            if full
            or not binding.price_sent_at
            or abs(binding.last_price_sent - prices[binding.id]) >= 0.005
        ]
        if not items:
            return self.env._("No price change to send.")
        return self._run_export(items, "price")

    def _run_export(self, items, kind):
        """Send ``items`` through the adapter, batch by batch, and record
        what each batch did on the bindings."""
        adapter = self._get_adapter()
        Binding = self.env["ecom.product.binding"]
        by_key = {item["key"]: item for item in items}
        now = fields.Datetime.now()
        done, refused = set(), {}
        send = adapter.export_stock if kind == "stock" else adapter.export_prices
        try:
            for sent, errors in send(items):
                done.update(k for k in sent if k not in errors)
                refused.update(errors)
        except RetryableJobError as exc:
            self._record_export(kind, by_key, done, refused, now)
            pending = Binding.browse([k for k in by_key if k not in done and k not in refused])
            pending.write({"last_error": str(exc), "error_at": now})
            self.stock_last_result = str(exc)[:250]
            method = self._delay_stock_export if kind == "stock" else self._delay_price_export
            if not self.env.context.get("queue_job__no_delay"):
                method(eta=self._retry_seconds(exc))
            return self.env._(
                "%(sent)s sent, %(left)s left for a new run: %(error)s",
                sent=len(done),
                left=len(pending),
                error=str(exc),
            )
        except PlatformError as exc:
            # the whole run refused (credentials, unknown location...)
            message = self._error_text(exc)
            Binding.browse(list(by_key)).write({"last_error": message, "error_at": now})
            self.stock_last_result = message[:250]
            return message
        self._record_export(kind, by_key, done, refused, now)
        result = self.env._(
            "%(sent)s sent in %(requests)s requests, %(refused)s refused",
            sent=len(done),
            requests=adapter.request_count,
            refused=len(refused),
        )
        if kind == "stock":
            self.write({"stock_sent_at": now, "stock_last_result": result})
        return result

    def _record_export(self, kind, by_key, done, refused, now):
        Binding = self.env["ecom.product.binding"]
        value_field, date_field, item_field = (
            ("last_qty_sent", "stock_sent_at", "quantity")
            if kind == "stock"
            else ("last_price_sent", "price_sent_at", "price")
        )
        groups = {}
        for key in done:
            groups.setdefault(by_key[key][item_field], []).append(key)
        for value, keys in groups.items():
            Binding.browse(keys).write(
                {value_field: value, date_field: now, "last_error": False, "error_at": False}
            )
        for key, message in refused.items():
            Binding.browse(key).write({"last_error": self._error_text(message), "error_at": now})

    def _delay_price_export(self, full=False, eta=None):
        self.ensure_one()
        return self.with_delay(
            channel="root.ecom.stock",
            eta=eta,
            description=self.env._("Send prices to %s", self.display_name),
            identity_key=f"ecom_export_prices_{self.id}",
        )._export_prices(full=full)

    @api.model
    def _cron_reconcile_stock(self):
        """Scheduled reconciliation: queue a stock run (and a price run) of
        every shop; a run sends only what differs from what was last sent,
        so a change a hook missed is caught here."""
        for backend in self.search([("stock_export", "=", True), ("platform", "!=", "file")]):
            backend._delay_stock_export(eta=0)
        for backend in self.search([("price_export", "=", True), ("platform", "!=", "file")]):
            backend._delay_price_export()

    @api.model
    def _ecom_stock_changed(self, companies):
        """Stock moved in ``companies``: queue the debounced stock run of
        their shops (the identity key keeps it to one pending run)."""
        backends = self.sudo().search(
            [
                ("company_id", "in", companies.ids),
                ("stock_export", "=", True),
                ("platform", "!=", "file"),
                ("product_binding_ids", "!=", False),
            ]
        )
        for backend in backends:
            backend._delay_stock_export()

    def _is_refund_per_credit_note(self):
        """Whether the shop records each credit note as a refund of its own
        (Shopify ``refundCreate``) rather than moving the order to a
        "refunded" state once."""
        self.ensure_one()
        return getattr(get_adapter_class(self.platform), "refund_per_credit_note", False)

    def _get_status_rule(self, event):
        """The status-map line of ``event`` (an empty record when unmapped)."""
        self.ensure_one()
        return self.status_map_ids.filtered(lambda m: m.event == event)[:1]

    def _is_price_export_tax_included(self):
        """Whether the shop's catalogue price is sent tax included: as the
        shop shows its prices, except PrestaShop, whose product price is
        always tax excluded (its tax rules add the VAT)."""
        self.ensure_one()
        return self.prices_include_tax and self.platform != "prestashop"

    def _check_outbound_ready(self):
        if self.platform == "file":
            raise UserError(self.env._("A file shop cannot receive updates."))
