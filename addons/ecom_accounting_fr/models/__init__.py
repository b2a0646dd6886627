from . import ecom_account_ventilation
from . import product_template
from . import account_move
from . import account_move_line
from . import ecom_payout_profile
from . import ecom_payout_import
from . import ecom_payout_import_line
from . import account_edi_xml_cii
