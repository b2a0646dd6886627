from . import ecom_backend
