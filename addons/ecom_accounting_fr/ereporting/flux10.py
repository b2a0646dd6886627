# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The e-reporting file (flux 10) of the DGFiP external specifications:
``Report`` = ``ReportDocument`` (TB-1) + ``TransactionsReport`` (TB-2,
flows 10.1 and 10.3) or ``PaymentsReport`` (TB-3, flow 10.4), unqualified
elements (the XSD has no target namespace). Pure: plain values in, XML
bytes out; the version followed and what is not confirmed are in
readme/USAGE.md."""

from lxml import etree

#: TT-7 / TT-12: scheme of an approved platform's number, of a SIREN
SCHEME_PLATFORM = "0238"
SCHEME_SIREN = "0002"
#: TT-10: role of the platform sending the report; TT-15: the declarant's
ROLE_PLATFORM = "WK"
ROLE_SELLER = "SE"
ROLE_BUYER = "BY"


def _add(parent, tag, text=None, **attrs):
    element = etree.SubElement(parent, tag, **attrs)
    if text is not None:
        element.text = str(text)
    return element


def _day(value):
    """AAAAMMJJ of a date."""
    return value.strftime("%Y%m%d")


def _party(parent, tag, party):
    block = _add(parent, tag)
    _add(block, "Id", party["id"], schemeId=party["scheme"])
    _add(block, "Name", party["name"])
    _add(block, "RoleCode", party["role"])
    return block


def build_report(document, period, transactions=None, invoices=None, payments=None):
    """Return the XML of a report.

    :param document: ``{"id", "name", "issued" (datetime), "corrective"
        (bool: TypeCode RE, else IN), "sender": party, "issuer": party}``,
        a party being ``{"id", "scheme", "name", "role"}``
    :param period: ``(start, end)`` dates
    :param transactions: flow 10.3, ``[{"date", "currency", "category",
        "untaxed", "tax", "count", "rates": [(rate, untaxed, tax)]}]``
        (amounts as strings)
    :param invoices: flow 10.1, ``[{"number", "date", "type_code",
        "currency", "framework", "seller": company, "buyer": company,
        "untaxed", "tax", "rates": [(category, rate, untaxed, tax)]}]``,
        a company being ``{"siren", "vat", "country"}``
    :param payments: flow 10.4, ``[{"date", "currency", "rates":
        [(rate, amount)]}]``
    """
    root = etree.Element("Report")
    head = _add(root, "ReportDocument")
    _add(head, "Id", document["id"])
    _add(head, "Name", document["name"])
    _add(_add(head, "IssueDateTime"), "DateTimeString", document["issued"].strftime("%Y%m%d%H%M%S"))
    _add(head, "TypeCode", "RE" if document["corrective"] else "IN")
    _party(head, "Sender", document["sender"])
    _party(head, "Issuer", document["issuer"])
    if payments is not None:
        report = _add(root, "PaymentsReport")
    else:
        report = _add(root, "TransactionsReport")
    span = _add(report, "ReportPeriod")
    _add(span, "StartDate", _day(period[0]))
    _add(span, "EndDate", _day(period[1]))
    for invoice in invoices or ():
        _add_invoice(report, invoice)
    for entry in transactions or ():
        block = _add(report, "Transactions")
        _add(block, "Date", _day(entry["date"]))
        _add(block, "TransactionsCurrency", entry["currency"])
        _add(block, "CategoryCode", entry["category"])
        _add(block, "TaxExclusiveAmount", entry["untaxed"])
        _add(block, "TaxTotal", entry["tax"])
        _add(block, "TransactionsCount", entry["count"])
        for rate, untaxed, tax in entry["rates"]:
            subtotal = _add(block, "TaxSubtotal")
            _add(subtotal, "TaxPercent", rate)
            _add(subtotal, "TaxableAmount", untaxed)
            _add(subtotal, "TaxTotal", tax)
    for entry in payments or ():
        payment = _add(_add(report, "Transactions"), "Payment")
        _add(payment, "Date", _day(entry["date"]))
        for rate, amount in entry["rates"]:
            subtotal = _add(payment, "SubTotals")
            _add(subtotal, "TaxPercent", rate)
            _add(subtotal, "CurrencyCode", entry["currency"])
            _add(subtotal, "Amount", amount)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _add_company(parent, tag, company):
    block = _add(parent, tag)
    if company["siren"]:
        _add(block, "CompanyId", company["siren"], schemeId=SCHEME_SIREN)
    if company["vat"]:
        _add(block, "TaxRegistrationId", company["vat"])
    _add(_add(block, "PostalAddress"), "CountryId", company["country"])


def _add_invoice(report, invoice):
    block = _add(report, "Invoice")
    _add(block, "ID", invoice["number"])
    _add(block, "IssueDate", _day(invoice["date"]))
    _add(block, "TypeCode", invoice["type_code"])
    _add(block, "CurrencyCode", invoice["currency"])
    process = _add(block, "BusinessProcess")
    _add(process, "ID", invoice["framework"])
    _add(process, "TypeID", "urn.cpro.gouv.fr:1p0:ereporting")
    _add_company(block, "Seller", invoice["seller"])
    _add_company(block, "Buyer", invoice["buyer"])
    totals = _add(block, "MonetaryTotal")
    _add(totals, "TaxExclusiveAmount", invoice["untaxed"])
    _add(totals, "TaxAmount", invoice["tax"], CurrencyCode=invoice["currency"])
    for category, rate, untaxed, tax in invoice["rates"]:
        subtotal = _add(block, "TaxSubTotal")
        _add(subtotal, "TaxableAmount", untaxed)
        _add(subtotal, "TaxAmount", tax)
        tax_category = _add(subtotal, "TaxCategory")
        _add(tax_category, "Code", category)
        _add(tax_category, "Percent", rate)
