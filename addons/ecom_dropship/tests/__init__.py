from . import (
    test_buffer_rotation,
    test_multicompany_rpc,
    test_procurement_mode,
    test_supplier_choice,
    test_supplier_feed,
    test_unavailability,
    test_views,
)
