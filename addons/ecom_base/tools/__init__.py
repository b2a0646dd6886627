from .vat_geography import VatGeography, get_vat_geography  # noqa: F401
