# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from collections import defaultdict
from decimal import Decimal

from psycopg2 import errors as pg_errors

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..payouts import PARSERS, PayoutFormatError


class EcomPayoutImport(models.Model):
    """One settlement or activity file of a marketplace or payment provider.

    The file is stored first (draft), then *Import* turns it into one posted
    journal entry and reconciles the customer invoices of its orders. A
    file that cannot be read raises an error and changes nothing; the same
    file (same checksum) is never imported twice."""

    _name = "ecom.payout.import"
    _description = "Payout file import"
    _inherit = ["ecom.stored.file.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _ecom_file_field = "data_file"

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    profile_id = fields.Many2one(
        "ecom.payout.profile",
        required=True,
        check_company=True,
        ondelete="restrict",
        index=True,
    )
    provider = fields.Selection(related="profile_id.provider")
    company_id = fields.Many2one(
        related="profile_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    data_file = fields.Binary(string="File", required=True, attachment=True)
    filename = fields.Char()
    checksum = fields.Char(compute="_compute_checksum", store=True, copy=False)
    state = fields.Selection(
        [("draft", "To import"), ("done", "Imported")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    reference = fields.Char(readonly=True, copy=False)
    statement_key = fields.Char(readonly=True, copy=False, index="btree_not_null")
    transaction_ids = fields.One2many(
        "ecom.payout.transaction", "import_id", string="Transactions", readonly=True
    )
    date = fields.Date(readonly=True, copy=False)
    move_id = fields.Many2one("account.move", string="Journal entry", readonly=True, copy=False)
    line_ids = fields.One2many("ecom.payout.import.line", "import_id", readonly=True, copy=False)
    payout_amount = fields.Monetary(string="Payout", compute="_compute_totals", store=True)
    commission_amount = fields.Monetary(
        string="Commissions and fees", compute="_compute_totals", store=True
    )
    to_check_count = fields.Integer(string="Lines to check", compute="_compute_totals", store=True)

    _sql_constraints = [
        (
            "ecom_payout_import_checksum_uniq",
            "unique(company_id, checksum)",
            "This file has already been imported.",
        ),
    ]

    @api.depends("filename", "reference")
    def _compute_name(self):
        for record in self:
            record.name = record.reference or record.filename or self.env._("New import")

    @api.depends("data_file")
    def _compute_checksum(self):
        for record in self:
            raw = record._get_raw_data()
            record.checksum = self._ecom_file_checksum(raw) if raw else False

    @api.depends("line_ids.amount", "line_ids.kind", "line_ids.to_check")
    def _compute_totals(self):
        for record in self:
            lines = record.line_ids
            record.payout_amount = -sum(
                lines.filtered(lambda line_rec: line_rec.kind == "payout").mapped("amount")
            )
            record.commission_amount = -sum(
                lines.filtered(lambda line_rec: line_rec.kind in ("commission", "fee")).mapped(
                    "amount"
                )
            )
            record.to_check_count = len(lines.filtered("to_check"))

    @api.model_create_multi
    def create(self, vals_list):
        # say which import holds the file rather than the bare SQL constraint
        for vals in vals_list:
            raw = base64.b64decode(vals.get("data_file") or b"")
            if not raw:
                continue
            profile = self.env["ecom.payout.profile"].browse(vals.get("profile_id"))
            company_id = profile.company_id.id or self.env.company.id
            existing = self.search(
                [
                    ("company_id", "=", company_id),
                    ("checksum", "=", self._ecom_file_checksum(raw)),
                ],
                limit=1,
            )
            if existing:
                raise UserError(
                    self.env._(
                        "This file was already uploaded on %(date)s as %(name)s: "
                        "importing it again would book it twice.",
                        date=existing.create_date.date(),
                        name=existing.display_name,
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if "data_file" in vals and any(record.state == "done" for record in self):
            raise UserError(self.env._("The file of an imported payout cannot be replaced."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(record.state == "done" for record in self):
            raise UserError(
                self.env._("An imported payout cannot be deleted; reverse its journal entry first.")
            )

    def action_import(self):
        """Parse the file, book it and reconcile the invoices, all or nothing."""
        for record in self:
            record._import_file()
        return True

    def action_open_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    def _get_raw_data(self):
        return self._ecom_get_file_bytes()

    def _lock(self):
        try:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM ecom_payout_import WHERE id IN %s FOR UPDATE NOWAIT",
                    tuple(self.ids),
                )
            )
        except pg_errors.LockNotAvailable as error:
            raise UserError(
                self.env._("This file is being imported by someone else; try again in a moment.")
            ) from error

    def _import_file(self):
        self.ensure_one()
        self._lock()
        if self.state == "done":
            raise UserError(self.env._("The file %s is already imported.", self.display_name))
        profile = self.profile_id
        try:
            statement = PARSERS[profile.provider](self._get_raw_data(), self.env)
        except PayoutFormatError as error:
            raise UserError(
                self.env._(
                    "The file %(file)s cannot be imported as %(format)s, nothing was "
                    "recorded: %(reason)s",
                    file=self.filename or self.display_name,
                    format=dict(profile._fields["provider"]._description_selection(self.env))[
                        profile.provider
                    ],
                    reason=str(error),
                )
            ) from error
        currency = self.company_id.currency_id
        if statement.currency and statement.currency != currency.name:
            raise UserError(
                self.env._(
                    "The file is in %(file_currency)s but the company books in %(currency)s; "
                    "nothing was recorded.",
                    file_currency=statement.currency,
                    currency=currency.name,
                )
            )
        skipped = self._skip_known_transactions(statement)
        line_vals_list = self._prepare_import_lines(statement)
        move_vals = self._prepare_move_vals(statement, line_vals_list)
        indexes = [item.pop("ecom_line_index", None) for _cmd, _id, item in move_vals["line_ids"]]
        move = self.env["account.move"].create(move_vals)
        move.action_post()
        # items are created in order: link each import line to its base item
        items = move.line_ids.sorted("id")
        if len(items) != len(indexes):
            raise UserError(self.env._("The settlement entry was changed while created."))
        for index, item in zip(indexes, items, strict=True):
            if index is not None:
                line_vals_list[index]["move_line_id"] = item.id
        lines = self.env["ecom.payout.import.line"].create(line_vals_list)
        self._reconcile(lines)
        self.write(
            {
                "state": "done",
                "move_id": move.id,
                "reference": statement.reference,
                "statement_key": statement.key or False,
                "date": statement.date,
                "transaction_ids": [
                    Command.create({"name": txn_id, "profile_id": profile.id})
                    for txn_id in sorted({row.txn_id for row in statement.rows if row.txn_id})
                ],
            }
        )
        if skipped:
            self.message_post(
                body=self.env._(
                    "%(count)s transactions of this file were already imported (%(imports)s) "
                    "and were skipped.",
                    count=skipped[0],
                    imports=", ".join(skipped[1].mapped("display_name")),
                )
            )

    def _skip_known_transactions(self, statement):
        """Refuse a statement already imported, drop its transactions that
        another import of the profile booked; return ``(count, imports)`` of
        what was dropped, or ``None``."""
        profile = self.profile_id
        if statement.key:
            previous = self.search(
                [
                    ("profile_id", "=", profile.id),
                    ("statement_key", "=", statement.key),
                    ("state", "=", "done"),
                    ("id", "!=", self.id),
                ],
                limit=1,
            )
            if previous:
                raise UserError(
                    self.env._(
                        "%(statement)s was already imported by %(name)s; nothing was recorded.",
                        statement=statement.reference,
                        name=previous.display_name,
                    )
                )
        txn_ids = {row.txn_id for row in statement.rows if row.txn_id}
        if not txn_ids:
            return None
        known = self.env["ecom.payout.transaction"].search(
            [("profile_id", "=", profile.id), ("name", "in", sorted(txn_ids))]
        )
        if not known:
            return None
        known_ids = set(known.mapped("name"))
        statement.rows = [row for row in statement.rows if row.txn_id not in known_ids]
        if not statement.rows:
            raise UserError(
                self.env._(
                    "Every transaction of this file was already imported (%s); "
                    "nothing was recorded.",
                    ", ".join(known.import_id.mapped("display_name")),
                )
            )
        return len(known_ids), known.import_id

    def _get_invoices_by_ref(self, refs):
        """Posted customer invoices and credit notes of the company whose
        reference, source document or payment reference is one of ``refs``."""
        refs = sorted({ref for ref in refs if ref})
        by_ref = defaultdict(lambda: self.env["account.move"])
        if not refs:
            return by_ref
        invoices = self.env["account.move"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
                "|",
                "|",
                ("ref", "in", refs),
                ("invoice_origin", "in", refs),
                ("payment_reference", "in", refs),
            ]
        )
        wanted = set(refs)
        for invoice in invoices:
            for value in {invoice.ref, invoice.invoice_origin, invoice.payment_reference}:
                if value in wanted:
                    by_ref[value] |= invoice
        return by_ref

    def _prepare_import_lines(self, statement):
        """Group the file's rows by kind and order and decide their account."""
        profile = self.profile_id
        groups = {}
        for row in statement.rows:
            key = (row.kind, row.order_ref or "", row.kind if row.order_ref else row.label)
            group = groups.setdefault(
                key,
                {"rows": [], "amount": Decimal(0), "vat": None, "alt_refs": set()},
            )
            group["rows"].append(row)
            group["amount"] += row.amount
            group["alt_refs"].update(row.alt_refs)
            if row.vat_amount is not None:
                group["vat"] = (group["vat"] or Decimal(0)) + row.vat_amount
        refs = set()
        for (kind, ref, _label), group in groups.items():
            if kind in ("sale", "refund"):
                refs.add(ref)
                refs.update(group["alt_refs"])
        by_ref = self._get_invoices_by_ref(refs)
        currency = self.company_id.currency_id
        vals_list = []
        for sequence, ((kind, ref, _label), group) in enumerate(groups.items(), start=1):
            amount = currency.round(float(group["amount"]))
            if currency.is_zero(amount):
                continue
            first = group["rows"][0]
            vals = {
                "import_id": self.id,
                "sequence": sequence,
                "date": first.date or statement.date,
                "kind": kind,
                "order_ref": ref,
                "label": first.label
                if len(group["rows"]) == 1
                else self._get_group_label(kind, ref),
                "amount": amount,
                "vat_amount": 0.0,
            }
            if kind in ("sale", "refund"):
                # the platform's order id first, then the merchant's own reference
                invoices = by_ref.get(ref) or next(
                    (by_ref[alt] for alt in sorted(group["alt_refs"]) if by_ref.get(alt)),
                    self.env["account.move"],
                )
                vals.update(self._prepare_customer_line(kind, ref, amount, invoices, vals["date"]))
            elif kind == "commission":
                vals["account_id"] = profile.commission_account_id.id
                vals["partner_id"] = profile.partner_id.id
                vals["vat_amount"] = self._get_commission_vat(amount, group["vat"])
            elif kind == "fee":
                vals["account_id"] = profile.fee_account_id.id
                vals["partner_id"] = profile.partner_id.id
                if group["vat"]:
                    vals["vat_amount"] = currency.round(float(group["vat"]))
            elif kind in ("reserve_held", "reserve_released"):
                vals["account_id"] = profile.reserve_account_id.id
            elif kind == "payout":
                vals["account_id"] = profile.transfer_account_id.id
            else:
                vals.update(
                    account_id=profile.suspense_account_id.id,
                    to_check=True,
                    note=self.env._("Line of unknown nature: book it by hand."),
                )
            vals_list.append(vals)
        return vals_list

    def _get_group_label(self, kind, ref):
        kinds = dict(
            self.env["ecom.payout.import.line"]._fields["kind"]._description_selection(self.env)
        )
        return " ".join(filter(None, (kinds[kind], ref, self.profile_id.name)))

    def _get_commission_vat(self, amount, file_vat):
        """Deductible VAT inside a commission: given by the file, or computed
        from the profile's tax on the amount including VAT."""
        currency = self.company_id.currency_id
        if file_vat is not None:
            return currency.round(float(file_vat))
        tax = self.profile_id.commission_tax_id
        if not tax or tax.amount_type != "percent":
            return 0.0
        return currency.round(amount * tax.amount / (100.0 + tax.amount))

    def _prepare_customer_line(self, kind, ref, amount, invoices, date):
        """Account, partner and invoice of a sale or refund of an order."""
        profile = self.profile_id
        wanted = "out_invoice" if kind == "sale" else "out_refund"
        matched = invoices.filtered(lambda m: m.move_type == wanted)
        if not matched and kind == "refund" and invoices:
            invoice = invoices.filtered(lambda m: m.move_type == "out_invoice")[:1]
            matched = self._get_refund_credit_note(invoice, -amount, date)
            if not matched:
                return {
                    "invoice_id": invoice.id,
                    "partner_id": invoice.commercial_partner_id.id,
                    "account_id": self._get_receivable(invoice).id,
                    "to_check": True,
                    "note": self.env._(
                        "Refund of order %s without a credit note: issue the credit note.", ref
                    ),
                }
        if not matched and kind == "sale" and profile.advance_account_id:
            return {
                "account_id": profile.advance_account_id.id,
                "to_check": True,
                "note": self.env._(
                    "Payment of the order %s received before its invoice: booked as a "
                    "customer advance, to match with the invoice.",
                    ref,
                ),
            }
        if not matched:
            return {
                "account_id": profile.suspense_account_id.id,
                "to_check": True,
                "note": self.env._("No posted customer invoice found for the order %s.", ref),
            }
        invoice = matched.sorted(lambda m: (m.payment_state in ("paid", "reversed"), m.id))[0]
        return {
            "invoice_id": invoice.id,
            "partner_id": invoice.commercial_partner_id.id,
            "account_id": self._get_receivable(invoice).id,
        }

    def _get_receivable(self, invoice):
        return invoice.line_ids.filtered(lambda line_rec: line_rec.display_type == "payment_term")[
            :1
        ].account_id

    def _get_refund_credit_note(self, invoice, refunded, date):
        """The posted credit note of a refund of an order: the whole invoice
        when the shop refunded all of it (withdrawal within 14 days), each line
        in proportion to the refunded share otherwise, so that every account
        and VAT rate gets its part."""
        currency = invoice.currency_id
        if (
            not invoice
            or not self.profile_id.create_credit_notes
            or invoice.reversal_move_ids
            or currency.compare_amounts(refunded, 0.0) <= 0
            or currency.compare_amounts(refunded, invoice.amount_total) > 0
        ):
            return self.env["account.move"]
        credit_note = invoice._reverse_moves(
            [
                {
                    "ref": self.env._("Refund of %s", invoice.name),
                    "invoice_date": date,
                    "date": date,
                }
            ]
        )
        if currency.compare_amounts(refunded, invoice.amount_total):
            credit_note._ecom_scale_to_total(refunded)
        credit_note.action_post()
        return credit_note

    def _prepare_move_vals(self, statement, line_vals_list):
        """The settlement entry: one item per import line (VAT apart) and
        what remains on the platform balance account."""
        profile = self.profile_id
        currency = self.company_id.currency_id
        items = []
        for index, vals in enumerate(line_vals_list):
            amount = vals["amount"]
            vat = vals.get("vat_amount") or 0.0
            base = {
                "name": vals["label"] or vals["order_ref"] or profile.name,
                "partner_id": vals.get("partner_id") or False,
                "account_id": vals["account_id"],
                "balance": -(amount - vat),
                "ecom_line_index": index,
            }
            if vat and vals["kind"] == "commission" and profile.commission_tax_id:
                items += self._prepare_vat_items(base, vat)
            elif vat:
                items.append(base)
                items.append(
                    {
                        "name": self.env._("Deductible VAT: %s", base["name"]),
                        "account_id": self._get_vat_account().id,
                        "balance": -vat,
                    }
                )
            else:
                items.append(base)
        remaining = currency.round(sum(vals["amount"] for vals in line_vals_list))
        if not currency.is_zero(remaining):
            items.append(
                {
                    "name": self.env._("%s: balance kept by the platform", statement.reference),
                    "partner_id": profile.partner_id.id,
                    "account_id": profile.clearing_account_id.id,
                    "balance": remaining,
                }
            )
        return {
            "move_type": "entry",
            "journal_id": profile.journal_id.id,
            "company_id": self.company_id.id,
            "date": statement.date or fields.Date.context_today(self),
            "ref": statement.reference,
            "line_ids": [Command.create(item) for item in items],
        }

    def _get_vat_account(self):
        account = self.env["account.account"].search(
            [("code", "=", "445660"), ("company_ids", "in", self.company_id.id)], limit=1
        )
        if not account:
            raise UserError(self.env._("The deductible VAT account 445660 is missing."))
        return account

    def _prepare_vat_items(self, base, vat):
        """Base and tax items of a commission whose VAT the marketplace
        invoiced, tagged for the VAT return."""
        tax = self.profile_id.commission_tax_id
        refund = base["balance"] < 0
        repartition = (
            tax.refund_repartition_line_ids if refund else tax.invoice_repartition_line_ids
        )
        base_rep = repartition.filtered(lambda r: r.repartition_type == "base")
        tax_rep = repartition.filtered(lambda r: r.repartition_type == "tax")[:1]
        base_item = dict(
            base,
            tax_ids=[Command.set(tax.ids)],
            tax_tag_ids=[Command.set(base_rep.tag_ids.ids)],
        )
        tax_item = {
            "name": self.env._("%(tax)s on %(label)s", tax=tax.name, label=base["name"]),
            "account_id": tax_rep.account_id.id or self._get_vat_account().id,
            "partner_id": base["partner_id"],
            "balance": -vat,
            "tax_repartition_line_id": tax_rep.id,
            "tax_base_amount": abs(base["balance"]),
            "tax_tag_ids": [Command.set(tax_rep.tag_ids.ids)],
        }
        return [base_item, tax_item]

    def _reconcile(self, lines):
        """Reconcile, order by order, the settlement's customer items with
        the open receivable items of the order's invoices and credit notes."""
        by_order = defaultdict(lambda: self.env["ecom.payout.import.line"])
        for line in lines.filtered(lambda line_rec: line_rec.invoice_id and line_rec.move_line_id):
            by_order[line.order_ref] |= line
        for order_lines in by_order.values():
            documents = order_lines.invoice_id | order_lines.invoice_id.reversal_move_ids
            for account in order_lines.move_line_id.account_id:
                items = (order_lines.move_line_id | documents.line_ids).filtered(
                    lambda line_rec, acc=account: (
                        line_rec.account_id == acc
                        and not line_rec.reconciled
                        and line_rec.parent_state == "posted"
                    )
                )
                if items.filtered(lambda line_rec: line_rec.balance > 0) and items.filtered(
                    lambda line_rec: line_rec.balance < 0
                ):
                    items.reconcile()
