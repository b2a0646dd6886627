# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from decimal import Decimal

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..platforms.canonical import parse_datetime
from .ecom_inbox import try_advisory_lock

CENT = Decimal("0.01")
#: kind of charge → (field of its product on the shop, the module's product)
CHARGE_PRODUCTS = {
    "wrapping": ("wrapping_product_id", "ecom_connector.product_ecom_gift_wrapping"),
    "duty": ("duty_product_id", "ecom_connector.product_ecom_duty"),
    "tip": ("tip_product_id", "ecom_connector.product_ecom_tip"),
    "fee": ("fee_product_id", "ecom_connector.product_ecom_fee"),
}


class EcomSaleOrder(models.Model):
    """A shop's order bound to its Odoo sale order: one per (shop, order id),
    enforced by the database."""

    _name = "ecom.sale.order"
    _check_company_auto = True
    _description = "E-commerce Sale Order Binding"
    _inherits = {"sale.order": "odoo_id"}

    odoo_id = fields.Many2one(
        "sale.order", string="Sale Order", required=True, ondelete="cascade", index=True
    )
    backend_id = fields.Many2one(
        "ecom.backend", string="Bound Shop", required=True, ondelete="restrict", index=True
    )
    external_id = fields.Char(string="Shop Order ID", required=True)
    shop_reference = fields.Char()
    shop_status = fields.Char()
    shop_total = fields.Monetary(currency_field="currency_id")
    shop_paid = fields.Boolean()
    payment_method = fields.Char()
    imported_at = fields.Datetime(default=fields.Datetime.now)

    _sql_constraints = [
        (
            "external_uniq",
            "unique(backend_id, external_id)",
            "This shop order is already imported.",
        ),
    ]

    # -------------------------------------------------------- import

    @api.model
    def _lock(self, backend, external_id):
        """Serialize the import of one shop order across workers: the second
        worker retries later and then finds the order (advisory lock released
        at the end of the first one's transaction)."""
        try_advisory_lock(
            self.env,
            f"ecom.sale.order:{backend.id}:{external_id}",
            f"order {external_id} of backend {backend.id} is being imported",
            seconds=5,
        )

    @api.model
    def _import_order(self, backend, order, entry=None):
        """Create or update the sale order of a normalized canonical order.

        Returns ``(inbox state, message, sale.order)``; raises ``UserError``
        with a message for the merchant when the order cannot be imported
        (the caller rolls back to its savepoint: no partial order is left).
        """
        backend = backend.sudo()
        self = self.sudo().with_company(backend.company_id)
        self._lock(backend, order["external_id"])
        binding = self.search(
            [("backend_id", "=", backend.id), ("external_id", "=", order["external_id"])]
        )
        action = backend._get_state_action(order["status"])
        if order["cancelled"] or action == "cancel":
            if binding:
                return binding._cancel_from_shop(order)
            return "skipped", self.env._("Cancelled at the shop before its import."), None
        if action == "skip":
            return "skipped", self.env._("Shop state %s is not imported.", order["status"]), None
        rule = backend._get_payment_rule(order["payment_method"])
        if binding:
            return binding._update_from_shop(order, rule)
        if rule == "never":
            return (
                "skipped",
                self.env._("Orders paid with %s are not imported.", order["payment_method"]),
                None,
            )
        if order["prices_include_tax"] != backend.prices_include_tax:
            raise UserError(
                self.env._(
                    "The shop sent prices %(sent)s but the shop %(shop)s is set to %(set)s: "
                    "fix the shop's 'prices include tax' setting, then retry.",
                    sent=self.env._("tax included")
                    if order["prices_include_tax"]
                    else self.env._("tax excluded"),
                    shop=backend.display_name,
                    set=self.env._("tax included")
                    if backend.prices_include_tax
                    else self.env._("tax excluded"),
                )
            )
        partner, invoice, shipping = self.env["ecom.res.partner"]._import_customer(backend, order)
        # every problem of the order at once (currency, products, mappings...)
        errors = []
        vals, lines = {}, []
        try:
            vals = self._prepare_order_vals(backend, order, partner, invoice, shipping)
        except UserError as exc:
            errors.append(exc.args[0])
        try:
            lines = self._prepare_lines_vals(backend, order, shipping)
        except UserError as exc:
            errors.append(exc.args[0])
        if errors:
            raise UserError("\n".join(errors))
        vals["order_line"] = [Command.create(line) for line in lines]
        binding = self.create(vals)
        sale = binding.odoo_id
        mismatch = binding._check_total(order)
        if mismatch:
            return "error", mismatch, sale
        if self._is_confirmable(rule, order):
            binding._confirm()
            return "done", self.env._("Order %s created and confirmed.", sale.name), sale
        return "done", self.env._("Order %s created, waiting for payment.", sale.name), sale

    @api.model
    def _is_confirmable(self, rule, order):
        if rule == "always":
            return True
        if rule == "paid":
            return order["paid"]
        if rule == "authorized":
            return order["paid"] or order["authorized"]
        return False

    @api.model
    def _prepare_order_vals(self, backend, order, partner, invoice, shipping):
        """Values of the binding (and so of the sale order) of a new order."""
        carrier = backend._get_carrier(order["shipping"])
        pricelist = backend._get_pricelist(order["currency"])
        vals = {
            "backend_id": backend.id,
            "external_id": order["external_id"],
            "shop_reference": order["reference"],
            "shop_status": order["status"],
            "shop_total": float(order["total"]),
            "shop_paid": order["paid"],
            "payment_method": order["payment_method"],
            "partner_id": partner.id,
            "partner_invoice_id": invoice.id,
            "partner_shipping_id": shipping.id,
            "company_id": backend.company_id.id,
            "client_order_ref": order["reference"],
            "origin": f"{backend.name} {order['reference']}",
            "ecom_channel": order["channel"] or backend.name,
            "pricelist_id": pricelist.id,
            "fiscal_position_id": backend._get_fiscal_position(partner, shipping).id,
        }
        if order["date_order"]:
            vals["date_order"] = parse_datetime(order["date_order"])
        if backend.warehouse_id:
            vals["warehouse_id"] = backend.warehouse_id.id
        if backend.team_id:
            vals["team_id"] = backend.team_id.id
        vals["user_id"] = backend.user_id.id or False
        if carrier:
            vals["carrier_id"] = carrier.id
        if order["note"]:
            vals["note"] = order["note"]
        return vals

    @api.model
    def _prepare_lines_vals(self, backend, order, shipping_address):
        """Sale order lines: products, discounts per tax rate, charges that
        are not products (gift wrapping, duties, tips, fees), shipping.

        Taxes come only from the shop's tax mapping; unknown products and
        unmapped rates are all reported at once.
        """
        country = shipping_address.country_id
        products = backend._find_products(order["lines"])
        errors = []
        lines = []
        discounts = defaultdict(Decimal)
        for index, line in enumerate(order["lines"], start=1):
            product = products.get(index)
            if not product:
                errors.append(
                    self.env._(
                        "line %(index)s: no product with SKU or barcode %(code)s",
                        index=index,
                        code=line["sku"] or line["barcode"],
                    )
                )
                continue
            tax = backend._get_tax(line["tax_rate"], country)
            if tax is None:
                errors.append(
                    self.env._(
                        "line %(index)s: no tax mapped to the shop rate %(rate)s %%",
                        index=index,
                        rate=line["tax_rate"],
                    )
                )
                continue
            lines.append(self._prepare_line_vals(line, product, tax))
            if line["discount"]:
                discounts[line["tax_rate"]] += line["discount"]
        for discount in order["discounts"]:
            discounts[discount["tax_rate"]] += discount["amount"]
        for rate, amount in sorted(discounts.items()):
            tax = backend._get_tax(rate, country)
            if tax is None:
                errors.append(
                    self.env._("discount: no tax mapped to the shop rate %(rate)s %%", rate=rate)
                )
                continue
            if not backend.discount_product_id:
                errors.append(self.env._("discount: the shop has no discount product"))
                continue
            lines.append(self._prepare_discount_line_vals(backend, rate, amount, tax, order))
        for charge in order["charges"]:
            try:
                lines.append(self._prepare_charge_line_vals(backend, charge, country))
            except UserError as exc:
                errors.append(exc.args[0])
        if order["shipping"]:
            shipping = order["shipping"]
            carrier = backend._get_carrier(shipping)
            tax = backend._get_tax(shipping["tax_rate"], country)
            if not carrier:
                errors.append(
                    self.env._(
                        "shipping: no shipping method mapped to the shop carrier %(code)s "
                        "(%(name)s): map its code or its name in the shop's carriers",
                        code=shipping["code"] or "-",
                        name=shipping["name"] or "-",
                    )
                )
            elif tax is None:
                errors.append(
                    self.env._(
                        "shipping: no tax mapped to the shop rate %(rate)s %%",
                        rate=shipping["tax_rate"],
                    )
                )
            else:
                lines.append(self._prepare_shipping_line_vals(shipping, carrier, tax))
        if errors:
            raise UserError(
                self.env._(
                    "The order %(ref)s cannot be imported: %(errors)s. Fix the product or the "
                    "shop's mapping, then retry.",
                    ref=order["reference"],
                    errors="; ".join(errors),
                )
            )
        return lines

    @api.model
    def _prepare_line_vals(self, line, product, tax):
        # the shop's label when it says more than the product's name (a
        # variant, an option); else the product's, which invoices show once
        name = line["name"]
        if not name or name == product.name:
            name = product.display_name
        return {
            "product_id": product.id,
            "name": name,
            "product_uom_qty": float(line["quantity"]),
            "price_unit": float(line["price_unit"]),
            "tax_id": [Command.set(tax.ids)],
            "ecom_line_external_id": line.get("external_id") or False,
        }

    @api.model
    def _prepare_discount_line_vals(self, backend, rate, amount, tax, order):
        product = backend.discount_product_id
        # a shop's code split over several rates is named once
        names = ", ".join(dict.fromkeys(d["name"] for d in order["discounts"] if d["name"]))
        return {
            "product_id": product.id,
            "name": self.env._(
                "Discount %(names)s (VAT %(rate)s %%)", names=names, rate=rate
            ).replace("  ", " "),
            "product_uom_qty": 1.0,
            "price_unit": -float(amount),
            "tax_id": [Command.set(tax.ids)],
        }

    @api.model
    def _prepare_charge_line_vals(self, backend, charge, country):
        """A line of a charge on the shop's product of its kind, at the VAT
        rate the shop charged; a tip the shop did not tax stays outside the
        scope of VAT (no tax, whatever the 0 % mapping says)."""
        field, xmlid = CHARGE_PRODUCTS[charge["kind"]]
        product = backend[field] or self.env.ref(xmlid, raise_if_not_found=False)
        label = backend._fields[field].get_description(self.env)["string"]
        if not product:
            raise UserError(self.env._("%(charge)s: the shop has no product set", charge=label))
        if charge["kind"] == "tip" and not charge["tax_rate"]:
            tax = self.env["account.tax"]
        else:
            tax = backend._get_tax(charge["tax_rate"], country)
        if tax is None:
            raise UserError(
                self.env._(
                    "%(charge)s: no tax mapped to the shop rate %(rate)s %%",
                    charge=label,
                    rate=charge["tax_rate"],
                )
            )
        return {
            "product_id": product.id,
            "name": charge["name"] or product.with_context(lang=self.env.lang).display_name,
            "product_uom_qty": 1.0,
            "price_unit": float(charge["amount"]),
            "tax_id": [Command.set(tax.ids)],
        }

    @api.model
    def _prepare_shipping_line_vals(self, shipping, carrier, tax):
        return {
            "product_id": carrier.product_id.id,
            "name": shipping["name"] or carrier.name,
            "product_uom_qty": 1.0,
            "price_unit": float(shipping["amount"]),
            "tax_id": [Command.set(tax.ids)],
            "is_delivery": True,
        }

    def _confirm(self):
        """Confirm the sale order; the order date stays the shop's (Odoo sets
        it to the confirmation time)."""
        self.ensure_one()
        date_order = self.odoo_id.date_order
        self.odoo_id.action_confirm()
        self.odoo_id.date_order = date_order

    def _check_total(self, order):
        """Compare the shop's total with Odoo's to the cent; on a mismatch
        keep the order in draft with an activity and return the message."""
        self.ensure_one()
        sale = self.odoo_id
        currency = sale.currency_id
        if (
            float_compare(
                sale.amount_total, float(order["total"]), precision_rounding=currency.rounding
            )
            == 0
        ):
            return False
        odoo_total = f"{sale.amount_total:.2f}"
        message = self.env._(
            "The shop's total %(shop)s differs from Odoo's total %(odoo)s for order "
            "%(ref)s: check the taxes, discounts and shipping of the order before "
            "confirming it.",
            shop=order["total"],
            odoo=odoo_total,
            ref=order["reference"],
        )
        sale.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Shop total differs"),
            note=message,
            user_id=self.backend_id.user_id.id or self.env.user.id,
        )
        return message

    # -------------------------------------------------------- update

    def _update_from_shop(self, order, rule):
        """A later version of an imported order (paid, new address...)."""
        self.ensure_one()
        sale = self.odoo_id
        changes = []
        self.write({"shop_status": order["status"], "shop_paid": order["paid"]})
        if sale.state == "cancel":
            return "done", self.env._("Order %s is cancelled: nothing updated.", sale.name), sale
        shipped = any(
            p.state == "done" for p in sale.picking_ids if p.picking_type_code == "outgoing"
        )
        _partner, _invoice, shipping = self.env["ecom.res.partner"]._import_customer(
            self.backend_id, order
        )
        if shipping != sale.partner_shipping_id:
            if shipped:
                self._shop_activity(
                    self.env._(
                        "The shop changed the delivery address of %s after it was shipped.",
                        sale.name,
                    )
                )
                changes.append(self.env._("address change not applied (already shipped)"))
            else:
                sale.write(
                    {
                        "partner_shipping_id": shipping.id,
                        "fiscal_position_id": self.backend_id._get_fiscal_position(
                            sale.partner_id, shipping
                        ).id,
                    }
                )
                sale.picking_ids.filtered(
                    lambda p: p.state not in ("done", "cancel")
                ).partner_id = shipping
                changes.append(self.env._("delivery address updated"))
        if sale.state in ("draft", "sent") and self._is_confirmable(rule, order):
            if self._check_total(order):
                return "error", self._check_total(order), sale
            self._confirm()
            changes.append(self.env._("confirmed"))
        if not changes:
            changes.append(self.env._("no change"))
        return (
            "done",
            self.env._("Order %(name)s: %(changes)s.", name=sale.name, changes=", ".join(changes)),
            sale,
        )

    def _cancel_from_shop(self, order):
        """The shop cancelled the order: cancel it unless it left already."""
        self.ensure_one()
        sale = self.odoo_id
        self.shop_status = order["status"]
        if sale.state == "cancel":
            return "done", self.env._("Order %s already cancelled.", sale.name), sale
        if any(p.state == "done" for p in sale.picking_ids if p.picking_type_code == "outgoing"):
            self._shop_activity(
                self.env._(
                    "The shop cancelled %s but it is already shipped: arrange the return.",
                    sale.name,
                )
            )
            return (
                "error",
                self.env._("Cancelled at the shop but %s is already shipped.", sale.name),
                sale,
            )
        sale.with_context(disable_cancel_warning=True).action_cancel()
        return "done", self.env._("Order %s cancelled at the shop's request.", sale.name), sale

    def _shop_activity(self, note):
        self.odoo_id.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Shop update to check"),
            note=note,
            user_id=self.backend_id.user_id.id or self.env.user.id,
        )
