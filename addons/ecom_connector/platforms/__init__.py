# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shop platforms: one adapter class per platform (HTTP client + mapper to the
canonical order dict of :mod:`.canonical`).  Adding a platform is adding one
module here that registers its adapter, and one selection value on
``ecom.backend.platform``."""

from .base import ADAPTERS, Adapter, PlatformError, get_adapter_class, register
from . import canonical
from . import files
from . import woocommerce
from . import shopify
from . import magento2
from . import prestashop
