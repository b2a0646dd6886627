# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import float_compare, float_round
from odoo.tools.misc import format_amount


class ProductProduct(models.Model):
    _inherit = "product.product"

    ecom_adu = fields.Float(
        string="Average Daily Usage",
        digits=(16, 4),
        readonly=True,
        company_dependent=True,
        help="Quantity delivered to customers from the warehouse over the "
        "usage period, divided by its number of days.",
    )
    ecom_buffer_lead_days = fields.Integer(
        string="Supplier Lead Time (days)",
        readonly=True,
        company_dependent=True,
        help="Lead time of the supplier an order of one cycle's usage goes to.",
    )
    ecom_buffer_min_qty = fields.Float(
        string="Buffer Minimum",
        digits="Product Unit of Measure",
        readonly=True,
        company_dependent=True,
        help="Average daily usage × (supplier lead time + safety days).",
    )
    ecom_buffer_max_qty = fields.Float(
        string="Buffer Maximum",
        digits="Product Unit of Measure",
        readonly=True,
        company_dependent=True,
        help="Buffer minimum + average daily usage × order cycle days.",
    )
    ecom_qty_out_period = fields.Float(
        string="Quantity Out",
        digits="Product Unit of Measure",
        readonly=True,
        company_dependent=True,
        help="Quantity delivered to customers over the rotation period.",
    )
    ecom_average_stock = fields.Float(
        string="Average Stock",
        digits="Product Unit of Measure",
        readonly=True,
        company_dependent=True,
        help="Time-weighted average quantity on hand over the rotation period.",
    )
    ecom_rotation_rate = fields.Float(
        string="Rotation Rate",
        digits=(16, 4),
        readonly=True,
        company_dependent=True,
        aggregator="avg",
        help="Quantity out over the rotation period divided by the average stock.",
    )
    ecom_days_of_stock = fields.Float(
        string="Days of Stock",
        digits=(16, 1),
        readonly=True,
        company_dependent=True,
        aggregator="avg",
        help="Quantity on hand divided by the daily quantity out over the "
        "rotation period; 0 when nothing went out.",
    )
    ecom_stock_metrics_date = fields.Datetime(
        string="Stock Figures Computed On", readonly=True, company_dependent=True
    )

    # ------------------------------------------------------------------
    # Supplier choice
    # ------------------------------------------------------------------
    def _select_seller(
        self,
        partner_id=False,
        quantity=0.0,
        date=None,
        uom_id=False,
        ordered_by="price_discounted",
        params=False,
    ):
        # Without a requested vendor, core keeps the first vendor by sequence;
        # choose the cheapest one (company currency) whose feed has the stock.
        if (
            len(self) != 1
            or partner_id
            or quantity is None
            or ordered_by != "price_discounted"
            or (params and params.get("ecom_core_seller_choice"))
        ):
            return super()._select_seller(
                partner_id=partner_id,
                quantity=quantity,
                date=date,
                uom_id=uom_id,
                ordered_by=ordered_by,
                params=params,
            )
        choice = self._ecom_choose_seller(quantity, uom=uom_id or None, date=date)
        return choice["seller"] or super()._select_seller(
            partner_id=partner_id,
            quantity=quantity,
            date=date,
            uom_id=uom_id,
            ordered_by=ordered_by,
            params=params,
        )

    def _ecom_get_seller_unit_price(self, seller, date):
        """Discounted price of ``seller`` in the company currency."""
        company = self.env.company
        return seller.currency_id._convert(
            seller.price_discounted, company.currency_id, company, date, round=False
        )

    def _ecom_choose_seller(self, quantity, uom=None, date=None):
        """Choose the supplier of ``quantity`` (in ``uom``) of this product.

        Among the vendor prices valid on ``date`` whose minimum quantity is
        reached and whose lead time is within the company maximum, take the
        cheapest in company currency whose feed reports the quantity in stock;
        when none does, the cheapest regardless of stock.  Vendors whose stock
        no feed reports only count as "in stock" when no vendor of the product
        has a stock feed.

        :return: dict with ``seller`` (product.supplierinfo, maybe empty),
            ``reason`` (text for the purchase line) and ``stock_missing``
            (True when the feeds say nobody has the quantity).
        """
        self.ensure_one()
        company = self.env.company
        date = date or fields.Date.context_today(self)
        uom = uom or self.uom_id
        quantity = quantity or 0.0
        all_sellers = self._prepare_sellers(False).filtered(
            lambda s: not s.company_id or s.company_id == company
        )
        candidates = self._get_filtered_sellers(quantity=quantity, date=date, uom_id=uom)
        notes = []
        for seller in all_sellers - candidates:
            notes.append(self._ecom_explain_excluded_seller(seller, quantity, uom, date))
        max_delay = company.ecom_max_supplier_delay
        if max_delay:
            too_slow = candidates.filtered(lambda s: s.delay > max_delay)
            for seller in too_slow:
                notes.append(
                    self.env._(
                        "%(vendor)s excluded: lead time %(delay)s days over the "
                        "%(max)s-day maximum.",
                        vendor=seller.partner_id.display_name,
                        delay=seller.delay,
                        max=max_delay,
                    )
                )
            candidates -= too_slow
        if not candidates:
            return {
                "seller": candidates,
                "reason": "\n".join(notes),
                "stock_missing": False,
            }
        prices = {seller: self._ecom_get_seller_unit_price(seller, date) for seller in candidates}
        ranked = candidates.sorted(lambda s: (prices[s], s.sequence, s.id))
        feeds_used = any(seller.ecom_stock_date for seller in ranked)
        chosen = ranked.browse()
        stock_missing = False
        skipped = []
        if feeds_used:
            for seller in ranked:
                available = seller._ecom_get_trusted_stock_qty()
                needed = uom._compute_quantity(quantity, seller.product_uom, round=False)
                if (
                    available is not None
                    and float_compare(
                        available,
                        needed,
                        precision_rounding=seller.product_uom.rounding,
                    )
                    >= 0
                ):
                    chosen = seller
                    break
                skipped.append((seller, available))
            if not chosen:
                chosen = ranked[0]
                stock_missing = True
        else:
            chosen = ranked[0]
        price_text = format_amount(self.env, prices[chosen], company.currency_id)
        if stock_missing:
            lines = [
                self.env._(
                    "No supplier has the stock: %(vendor)s chosen as the cheapest "
                    "at %(price)s per unit.",
                    vendor=chosen.partner_id.display_name,
                    price=price_text,
                )
            ]
        elif feeds_used:
            lines = [
                self.env._(
                    "%(vendor)s chosen: cheapest supplier with the stock, at %(price)s "
                    "per unit, %(stock)s in stock on %(date)s.",
                    vendor=chosen.partner_id.display_name,
                    price=price_text,
                    stock=chosen.ecom_stock_qty,
                    date=fields.Datetime.to_string(chosen.ecom_stock_date),
                )
            ]
        else:
            lines = [
                self.env._(
                    "%(vendor)s chosen: cheapest supplier at %(price)s per unit "
                    "(no supplier stock feed).",
                    vendor=chosen.partner_id.display_name,
                    price=price_text,
                )
            ]
        for seller, available in skipped:
            if seller == chosen:
                continue
            lines.append(
                self.env._(
                    "%(vendor)s skipped at %(price)s: %(why)s",
                    vendor=seller.partner_id.display_name,
                    price=format_amount(self.env, prices[seller], company.currency_id),
                    why=(
                        self.env._("no stock reported by a recent feed.")
                        if available is None
                        else self.env._("only %s in stock.", available)
                    ),
                )
            )
        return {
            "seller": chosen,
            "reason": "\n".join(lines + notes),
            "stock_missing": stock_missing,
        }

    def _ecom_explain_excluded_seller(self, seller, quantity, uom, date):
        qty_seller = uom._compute_quantity(quantity, seller.product_uom, round=False)
        if (
            seller.date_start
            and seller.date_start > date
            or seller.date_end
            and seller.date_end < date
        ):
            return self.env._(
                "%(vendor)s excluded: price not valid on %(date)s.",
                vendor=seller.partner_id.display_name,
                date=fields.Date.to_string(date),
            )
        if (
            float_compare(
                qty_seller,
                seller.min_qty,
                precision_rounding=seller.product_uom.rounding,
            )
            < 0
        ):
            return self.env._(
                "%(vendor)s excluded: minimum quantity %(min)s not reached.",
                vendor=seller.partner_id.display_name,
                min=seller.min_qty,
            )
        return self.env._("%s excluded: price for another variant.", seller.partner_id.display_name)

    # ------------------------------------------------------------------
    # Buffer stock and rotation
    # ------------------------------------------------------------------
    def action_ecom_compute_stock_metrics(self):
        """Button: recompute usage, buffer stock and rotation now."""
        self._ecom_compute_stock_metrics()
        return True

    @api.model
    def _cron_ecom_compute_stock_metrics(self):
        companies = self.env["res.company"].search([])
        for company in companies:
            products = (
                self.with_company(company)
                .with_context(allowed_company_ids=company.ids)
                .search(
                    [
                        ("is_storable", "=", True),
                        ("company_id", "in", (False, company.id)),
                    ]
                )
            )
            products._ecom_compute_stock_metrics()

    def _ecom_get_internal_location_domain(self, field):
        company = self.env.company
        return [
            (f"{field}.usage", "=", "internal"),
            (f"{field}.company_id", "=", company.id),
        ]

    def _ecom_get_out_moves_domain(self, date_from, date_to):
        return [
            ("product_id", "in", self.ids),
            ("state", "=", "done"),
            ("date", ">", date_from),
            ("date", "<=", date_to),
            ("location_dest_id.usage", "=", "customer"),
            *self._ecom_get_internal_location_domain("location_id"),
        ]

    def _ecom_get_qty_out(self, date_from, date_to):
        groups = self.env["stock.move"]._read_group(
            self._ecom_get_out_moves_domain(date_from, date_to),
            ["product_id"],
            ["product_qty:sum"],
        )
        return {product.id: qty for product, qty in groups}

    def _ecom_get_average_stock(self, date_from, date_to):
        """Time-weighted average quantity on hand of each product in the
        company's internal locations between the two datetimes, rebuilt
        backwards from the quantity at ``date_to`` and the moves between."""
        Move = self.env["stock.move"]
        company = self.env.company
        moves = Move.search_fetch(
            [
                ("product_id", "in", self.ids),
                ("state", "=", "done"),
                ("date", ">", date_from),
                ("date", "<=", date_to),
                "|",
                "&",
                *self._ecom_get_internal_location_domain("location_id"),
                "&",
                *self._ecom_get_internal_location_domain("location_dest_id"),
            ],
            ["product_id", "product_qty", "date", "location_id", "location_dest_id"],
            order="date desc, id desc",
        )
        moves_by_product = defaultdict(list)
        for move in moves:
            incoming = (
                move.location_dest_id.usage == "internal"
                and move.location_dest_id.company_id == company
            )
            outgoing = (
                move.location_id.usage == "internal" and move.location_id.company_id == company
            )
            if incoming == outgoing:
                # a move between two internal locations leaves the stock level alone
                continue
            moves_by_product[move.product_id.id].append(
                (move.date, move.product_qty if incoming else -move.product_qty)
            )
        period = (date_to - date_from).total_seconds()
        quantities = self.with_context(to_date=date_to)
        result = {}
        for product in quantities:
            level = product.qty_available
            cursor = date_to
            area = 0.0
            for move_date, delta in moves_by_product[product.id]:
                area += level * (cursor - move_date).total_seconds()
                level -= delta
                cursor = move_date
            area += level * (cursor - date_from).total_seconds()
            result[product.id] = area / period if period else 0.0
        return result

    def _ecom_prepare_stock_metrics(self, date_to):
        """Return ``{product id: vals}`` of usage, buffer and rotation figures."""
        company = self.env.company
        adu_days = company.ecom_buffer_adu_days or 90
        rotation_days = company.ecom_rotation_days or 365
        out_adu = self._ecom_get_qty_out(date_to - timedelta(days=adu_days), date_to)
        rotation_from = date_to - timedelta(days=rotation_days)
        out_rotation = self._ecom_get_qty_out(rotation_from, date_to)
        average_stock = self._ecom_get_average_stock(rotation_from, date_to)
        on_hand = {p.id: p.qty_available for p in self.with_context(to_date=date_to)}
        result = {}
        for product in self:
            rounding = product.uom_id.rounding
            adu = out_adu.get(product.id, 0.0) / adu_days
            # the supplier an order of one cycle's usage would go to
            seller = product._ecom_choose_seller(max(adu * product.ecom_order_cycle_days, 1.0))[
                "seller"
            ] or product._select_seller(quantity=None)
            lead_days = seller[:1].delay
            buffer_min = float_round(
                adu * (lead_days + product.ecom_safety_days),
                precision_rounding=rounding,
                rounding_method="UP",
            )
            buffer_max = buffer_min + float_round(
                adu * product.ecom_order_cycle_days,
                precision_rounding=rounding,
                rounding_method="UP",
            )
            qty_out = out_rotation.get(product.id, 0.0)
            avg_stock = average_stock.get(product.id, 0.0)
            daily_out = qty_out / rotation_days
            result[product.id] = {
                "ecom_adu": adu,
                "ecom_buffer_lead_days": lead_days,
                "ecom_buffer_min_qty": buffer_min,
                "ecom_buffer_max_qty": buffer_max,
                "ecom_qty_out_period": qty_out,
                "ecom_average_stock": avg_stock,
                "ecom_rotation_rate": qty_out / avg_stock if avg_stock > 0 else 0.0,
                "ecom_days_of_stock": on_hand[product.id] / daily_out if daily_out else 0.0,
                "ecom_stock_metrics_date": date_to,
            }
        return result

    def _ecom_compute_stock_metrics(self, date_to=None):
        """Recompute average daily usage, buffer min/max and rotation of the
        products for the current company, and set the reordering rule of the
        buffer-stock ones."""
        date_to = date_to or fields.Datetime.now()
        products = self.filtered("is_storable")
        if not products:
            return
        metrics = products._ecom_prepare_stock_metrics(date_to)
        for product in products:
            product.sudo().write(metrics[product.id])
        products.filtered("ecom_buffer_enabled")._ecom_set_buffer_orderpoints()

    def _ecom_set_buffer_orderpoints(self):
        """Create or update the reordering rule of the warehouse stock with
        the buffer minimum and maximum; a new rule buys (stock mode products
        carry no route of their own)."""
        company = self.env.company
        buy_route = self.env.ref("purchase_stock.route_warehouse0_buy", raise_if_not_found=False)
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        if not warehouse:
            return
        Orderpoint = self.env["stock.warehouse.orderpoint"].sudo()
        orderpoints = Orderpoint.search(
            [
                ("product_id", "in", self.ids),
                ("company_id", "=", company.id),
                ("location_id", "=", warehouse.lot_stock_id.id),
            ]
        )
        by_product = {op.product_id.id: op for op in orderpoints}
        to_create = []
        for product in self:
            vals = {
                "product_min_qty": product.ecom_buffer_min_qty,
                "product_max_qty": product.ecom_buffer_max_qty,
                "trigger": "auto",
            }
            orderpoint = by_product.get(product.id)
            if orderpoint:
                if not orderpoint.route_id and buy_route:
                    vals["route_id"] = buy_route.id
                orderpoint.write(vals)
            else:
                to_create.append(
                    dict(
                        vals,
                        product_id=product.id,
                        company_id=company.id,
                        warehouse_id=warehouse.id,
                        location_id=warehouse.lot_stock_id.id,
                        route_id=buy_route.id if buy_route else False,
                    )
                )
        if to_create:
            Orderpoint.create(to_create)
