# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

#: VAT regimes and the B2C e-reporting period they give (months, or ``decade``)
VAT_REGIMES = [
    ("normal_monthly", "Réel normal, monthly return"),
    ("normal_quarterly", "Réel normal, quarterly return"),
    ("simplified", "Réel simplifié"),
    ("franchise", "Franchise en base"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    ecom_shipping_prorata = fields.Boolean(
        string="Shipping VAT follows the goods",
        help="The shipping charge of an invoice whose goods are at several VAT rates "
        "is split pro rata of the goods' untaxed amounts per rate when the invoice "
        "is posted (French doctrine for incidental costs); the tax-included total "
        "stays what the customer paid.",
    )
    ecom_vat_regime = fields.Selection(
        VAT_REGIMES,
        string="VAT regime",
        default="normal_monthly",
        help="Gives the period of the B2C e-reporting: three periods a month "
        "(1-10, 11-20, 21-end) for the monthly réel normal, a month for the "
        "quarterly réel normal and the simplified regime, two months for the "
        "franchise.",
    )
    ecom_fec_result_account_id = fields.Many2one(
        "account.account",
        string="FEC result account",
        check_company=True,
        help="Account of the previous years' result in the opening entries of the "
        "FEC. Empty: 120000 for a profit, 129000 for a loss.",
    )
    ecom_note_recovery_fee = fields.Char(
        string="Recovery indemnity note (PMT)",
        default="Indemnité forfaitaire pour frais de recouvrement en cas de retard de "
        "paiement : 40 € (art. L441-10 et D441-5 du Code de commerce).",
        help="Note PMT of the Factur-X invoices (mandatory on B2B invoices).",
    )
    ecom_note_late_penalties = fields.Char(
        string="Late payment penalties note (PMD)",
        default="Pénalités de retard : trois fois le taux d'intérêt légal, exigibles "
        "dès le lendemain de la date d'échéance.",
        help="Note PMD of the Factur-X invoices: the rate of the late payment "
        "penalties (mandatory on B2B invoices).",
    )
    ecom_note_early_payment = fields.Char(
        string="Early payment discount note (AAB)",
        default="Pas d'escompte pour paiement anticipé.",
        help="Note AAB of the Factur-X invoices: the discount conditions for early "
        "payment (mandatory on B2B invoices).",
    )
    ecom_pa_matricule = fields.Char(
        string="Approved platform number",
        help="Number (matricule) of the approved platform (PA) that sends your "
        "e-reporting to the tax administration: the sender of the XML reports. "
        "Empty: the company is named as the sender.",
    )
    ecom_pa_name = fields.Char(string="Approved platform")
    ecom_accounting_setup_done = fields.Boolean(
        string="E-commerce accounting set up",
        copy=False,
        help="The accounting setup wizard was applied to this company.",
    )
