from . import ecom_packing_override_wizard
from . import ecom_pick_list_wizard
