# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The table of the VAT geography rule (issue 12), shared by the tests of
``ecom_base`` (the function), ``ecom_accounting_fr`` (accounts of posted
invoices) and ``ecom_accounting_fr_connector`` (fiscal position of an
imported order).

Each case: ``(label, country code, postcode, business, destination VAT
charged, expected zone, expected geography, expected fiscal position)``
for a French seller.
"""

GEOGRAPHY_CASES = (
    ("France", "FR", "69002", False, False, "fr", "domestic", "domestic"),
    ("Corsica", "FR", "20000", False, False, "fr", "domestic", "domestic"),
    ("France, business", "FR", "59100", True, False, "fr", "domestic", "domestic"),
    ("Monaco", "MC", "98000", False, False, "mc", "domestic", "domestic"),
    ("Monaco given as France", "FR", "98000", False, False, "mc", "domestic", "domestic"),
    ("Guadeloupe", "GP", "97110", False, False, "dom", "export", "export"),
    ("Guadeloupe given as France", "FR", "97110", False, False, "dom", "export", "export"),
    ("Martinique", "FR", "97200", False, False, "dom", "export", "export"),
    ("Guyane", "FR", "97300", False, False, "dom_outside", "export", "export"),
    ("La Réunion", "RE", "97400", False, False, "dom", "export", "export"),
    ("Mayotte", "FR", "97600", False, False, "dom_outside", "export", "export"),
    (
        "EU consumer under the OSS threshold",
        "DE",
        "10117",
        False,
        False,
        "eu_b2c_home",
        "domestic",
        "domestic",
    ),
    ("EU consumer under OSS", "DE", "10117", False, True, "eu_b2c_oss", "eu_b2c", "eu_b2c"),
    ("EU business", "BE", "1000", True, False, "eu_b2b", "eu_b2b", "eu_b2b"),
    ("EU business, seller under OSS", "BE", "1000", True, True, "eu_b2b", "eu_b2b", "eu_b2b"),
    ("Switzerland", "CH", "1200", False, False, "export", "export", "export"),
    ("United States, business", "US", "02108", True, True, "export", "export", "export"),
)


def customer_for_case(env, label, country, zip_code, business):
    """The customer of one row of :data:`GEOGRAPHY_CASES`: a company with a
    Belgian VAT number when ``business``, else a consumer, at ``country`` /
    ``zip_code``."""
    return env["res.partner"].create(
        {
            "name": label,
            "is_company": business,
            "vat": "BE0477472701" if business else False,
            "country_id": env.ref(f"base.{country.lower()}").id,
            "zip": zip_code,
        }
    )
