# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Magento 2 / Adobe Commerce REST API (``/rest/V1``)."""

from .adapter import Magento2Adapter
from .client import Magento2Client
from .mapper import Magento2Mapper
