# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Where a sale is taxed: the one geography rule of the ecom suite.

Pure Python (no ORM) so that it is tested from a table and shared by
``ecom_connector`` (fiscal position of an imported order, through
``res.company._ecom_get_vat_geography``) and ``ecom_accounting_fr``
(income accounts and reports of an invoice).

French rules followed (CGI):

- Monaco is in the French VAT territory (art. 256-0 CGI): French VAT,
  France accounts, like metropolitan France and Corsica.
- Guadeloupe, Martinique and La Réunion (971, 972, 974) have their own VAT
  (art. 294 CGI); a delivery from metropolitan France there is exempt like
  an export (art. 262 I CGI, with the *octroi de mer*): export accounts.
- Guyane and Mayotte (973, 976) are outside the VAT territory (art. 294-1
  CGI): export accounts. So are the overseas collectivities (975, 977, 978,
  984-988).
- Another EU country: a customer with a VAT number buys intra-community
  (exempt, art. 262 ter I CGI); a consumer pays the destination country's
  VAT through the OSS when the seller is over the EUR 10,000 threshold or
  opted for it (art. 258 A CGI), otherwise French VAT: France accounts.
- Anything else is an export.
"""

from typing import NamedTuple

#: EU member states (2026), used when the caller gives no list
EU_COUNTRY_CODES = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
#: French postcode prefixes outside metropolitan France and Monaco
FRENCH_POSTCODE_PREFIXES = {
    "971": "GP",
    "972": "MQ",
    "973": "GF",
    "974": "RE",
    "975": "PM",
    "976": "YT",
    "977": "BL",
    "978": "MF",
    "980": "MC",
    "984": "TF",
    "986": "WF",
    "987": "PF",
    "988": "NC",
}
#: overseas departments with their own VAT: deliveries to them are export-like
DOM_EXPORT_LIKE = frozenset({"GP", "MQ", "RE"})
#: overseas departments outside the VAT territory
DOM_OUTSIDE = frozenset({"GF", "YT"})
#: overseas collectivities, outside the VAT territory
FRENCH_OVERSEAS_COLLECTIVITIES = frozenset({"PM", "BL", "MF", "TF", "WF", "PF", "NC"})


class VatGeography(NamedTuple):
    """Result of :func:`get_vat_geography`.

    - ``zone``: ``fr``, ``mc``, ``dom`` (971/972/974), ``dom_outside``
      (973/976), ``overseas`` (other overseas collectivities), ``home``
      (the seller's country when it is not France), ``eu_b2b``,
      ``eu_b2c_oss`` (destination VAT), ``eu_b2c_home`` (seller's VAT),
      ``export``.
    - ``geography``: key of the ventilation table: ``domestic``,
      ``eu_b2b``, ``eu_b2c`` (OSS) or ``export``.
    - ``fiscal_position``: ``domestic``, ``eu_b2b``, ``eu_b2c`` or
      ``export``: which fiscal position of the shop applies.
    """

    zone: str
    geography: str
    fiscal_position: str


def _french_territory(country_code, zip_code):
    """The territory code of a French address: its postcode decides (a shop
    often sends France as the country of a Guadeloupe or Monaco address)."""
    zip_code = (zip_code or "").replace(" ", "")
    if country_code == "FR":
        return FRENCH_POSTCODE_PREFIXES.get(zip_code[:3], "FR")
    return country_code


def get_vat_geography(
    home_code,
    country_code,
    zip_code="",
    is_business=False,
    destination_vat=False,
    eu_codes=EU_COUNTRY_CODES,
):
    """Return the :class:`VatGeography` of a sale.

    :param home_code: ISO code of the seller's VAT country (``FR``)
    :param country_code: ISO code of the delivery country (empty: home)
    :param zip_code: postcode of the delivery address (DOM, Monaco)
    :param is_business: the customer has a VAT number
    :param destination_vat: the destination country's VAT is charged
        (OSS): decided by the tax applied on an invoice, by the company's
        OSS setting for an order to import
    :param eu_codes: codes of the EU member states
    """
    home_code = (home_code or "FR").upper()
    territory = _french_territory((country_code or home_code).upper(), zip_code)
    if home_code == "FR":
        if territory == "FR":
            return VatGeography("fr", "domestic", "domestic")
        if territory == "MC":
            return VatGeography("mc", "domestic", "domestic")
        if territory in DOM_EXPORT_LIKE:
            return VatGeography("dom", "export", "export")
        if territory in DOM_OUTSIDE:
            return VatGeography("dom_outside", "export", "export")
        if territory in FRENCH_OVERSEAS_COLLECTIVITIES:
            return VatGeography("overseas", "export", "export")
    elif territory == home_code:
        return VatGeography("home", "domestic", "domestic")
    # Monaco is French VAT territory, hence EU for a foreign seller
    if territory in eu_codes or territory == "MC":
        if is_business:
            return VatGeography("eu_b2b", "eu_b2b", "eu_b2b")
        if destination_vat:
            return VatGeography("eu_b2c_oss", "eu_b2c", "eu_b2c")
        return VatGeography("eu_b2c_home", "domestic", "domestic")
    return VatGeography("export", "export", "export")
