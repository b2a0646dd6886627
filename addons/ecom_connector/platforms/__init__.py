# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shop platforms: one package per platform with its HTTP client
(``client.py``: auth, paging, timeouts, errors), its mapper (``mapper.py``:
platform payload to the canonical order dict of :mod:`.canonical`, pure) and
the adapter glue the backend's factory (``ecom.backend._get_adapter``)
builds.  Adding a platform is adding one package here that registers its
adapter, and one selection value on ``ecom.backend.platform``."""

from .base import (
    ADAPTERS,
    Adapter,
    HttpClient,
    Mapper,
    PlatformError,
    UnreadableOrder,
    get_adapter_class,
    register,
)
from . import canonical
from . import files
from . import woocommerce
from . import shopify
from . import magento2
from . import prestashop
