import random
import ssl
import string

import paramiko
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from ftplib import FTP, FTP_TLS

KEY_SIZE = 1024


def legacy_encrypt(key, iv, data):
    encryptor = Cipher(algorithms.TripleDES(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def encrypt_blocks(key, data):
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def encrypt(key, nonce, data):
    return AESGCM(key).encrypt(nonce, data, None)


def signing_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)


def strong_signing_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=3072)


def partner_context():
    return ssl.SSLContext(ssl.PROTOCOL_TLSv1)


def default_context():
    return ssl.create_default_context()


def deploy(host):
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host)
    return client


def fetch_report(host):
    with FTP(host) as ftp:
        ftp.login()
        return ftp.nlst()


def fetch_report_safely(host):
    with FTP_TLS(host) as ftp:
        ftp.login()
        ftp.prot_p()
        return ftp.nlst()


def new_api_key():
    return "".join(random.choice(string.ascii_letters + string.digits) for _ in range(40))


def retry_delay(attempt):
    return min(30, 2**attempt) + random.uniform(0, 1)
