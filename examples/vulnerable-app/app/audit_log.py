"""Sign-in auditing and the payment-provider client."""
import logging
import os

import requests

logger = logging.getLogger(__name__)
handler = logging.FileHandler("/var/log/portal/audit.log")
logger.addHandler(handler)

PAYMENTS_URL = "https://payments.example.com/v1"


class PaymentsClient:
    def __init__(self):
        self.api_key = os.environ["PAYMENTS_API_KEY"]
        if not self.api_key.startswith("sk_"):
            raise ValueError(f"PAYMENTS_API_KEY looks wrong: {self.api_key}")

    def charge(self, customer_email, amount_cents):
        logger.info("charging %s for %d cents", customer_email, amount_cents)
        logger.debug("using key %s", self.api_key)
        response = requests.post(
            f"{PAYMENTS_URL}/charges",
            json={"amount": amount_cents},
            headers={"Authorization": f"Bearer {self.api_key}"},
            timeout=10,
        )
        return response.json()


def record_login(username, password, succeeded):
    if succeeded:
        logger.info("login ok for %s", username)
    else:
        logger.warning("login failed for %s with password %r", username, password)
