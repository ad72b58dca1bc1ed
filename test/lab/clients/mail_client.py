#!/usr/bin/env python3
"""The lab's mail clients: one connection each, bounded by a socket timeout.

    mail_client.py connect HOST PORT
    mail_client.py imap-login HOST USER PASSWORD
    mail_client.py imap-no-login HOST          TLS handshake, then close
    mail_client.py tls-old HOST PORT            a TLS 1.0-only client (an old phone)
    mail_client.py smtp-auth HOST PORT USER PASSWORD [PLAIN|LOGIN]
    mail_client.py smtp-deliver HOST PORT HELO FROM TO [TO ...]
    mail_client.py smtp-pipelining HOST PORT HELO

Prints one word of outcome (and details) and exits 0 when the server answered
as this client expected it to: ok, auth-failed, rejected (codes), refused,
timeout, closed.
"""
import imaplib
import os
import smtplib
import socket
import ssl
import sys

TIMEOUT = 20

# LAB_SOURCE: the address to connect from (a namespace with two addresses).
if os.environ.get('LAB_SOURCE'):
    _create_connection = socket.create_connection

    def _from_source(address, timeout=TIMEOUT, source_address=None, **kwargs):
        return _create_connection(address, timeout, (os.environ['LAB_SOURCE'], 0), **kwargs)

    socket.create_connection = _from_source


def unverified() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def connect(host, port):
    with socket.create_connection((host, int(port)), timeout=TIMEOUT) as conn:
        conn.settimeout(TIMEOUT)
        greeting = conn.recv(200)
        return 'ok' if greeting else 'closed'


def imap_login(host, user, password):
    imap = imaplib.IMAP4_SSL(host, 993, ssl_context=unverified(), timeout=TIMEOUT)
    try:
        imap.login(user, password)
    except imaplib.IMAP4.error as error:
        return f'auth-failed {error}'
    imap.select('INBOX')
    imap.logout()
    return 'ok'


def imap_no_login(host):
    with socket.create_connection((host, 993), timeout=TIMEOUT) as raw:
        with unverified().wrap_socket(raw) as tls:
            tls.recv(200)
    return 'ok'


def tls_old(host, port):
    context = unverified()
    context.set_ciphers('DEFAULT:@SECLEVEL=0')
    context.minimum_version = ssl.TLSVersion.TLSv1
    context.maximum_version = ssl.TLSVersion.TLSv1
    with socket.create_connection((host, int(port)), timeout=TIMEOUT) as raw:
        try:
            with context.wrap_socket(raw) as tls:
                tls.recv(200)
        except ssl.SSLError as error:
            return f'ok handshake refused by the server: {error.reason}'
    return 'tls1.0-accepted'


def smtp_auth(host, port, user, password, mechanism='PLAIN'):
    to = 'user1@example.test'
    with smtplib.SMTP(host, int(port), local_hostname='laptop.example.test', timeout=TIMEOUT) as smtp:
        smtp.starttls(context=unverified())
        smtp.ehlo()
        smtp.user, smtp.password = user, password
        try:
            # one mechanism: one try per connection
            smtp.auth(mechanism, smtp.auth_login if mechanism == 'LOGIN' else smtp.auth_plain, initial_response_ok=mechanism != 'LOGIN')
        except smtplib.SMTPAuthenticationError as error:
            return f'auth-failed {error.smtp_code}'
        smtp.sendmail(user, [to], f'From: {user}\r\nTo: {to}\r\nSubject: lab\r\n\r\nhello\r\n')
    return 'ok'


def smtp_deliver(host, port, helo, sender, *recipients):
    codes = []
    with smtplib.SMTP(host, int(port), local_hostname=helo, timeout=TIMEOUT) as smtp:
        smtp.ehlo()
        code, _ = smtp.mail(sender)
        codes.append(f'MAIL={code}')
        for rcpt in recipients:
            try:
                code, _ = smtp.rcpt(rcpt)
            except smtplib.SMTPServerDisconnected:
                codes.append('disconnected')
                break
            codes.append(f'RCPT={code}')
        try:
            smtp.quit()
        except smtplib.SMTPServerDisconnected:
            pass
    return 'rejected ' + ' '.join(codes) if any(not c.endswith('=250') for c in codes) else 'ok'


def smtp_pipelining(host, port, helo):
    """Talks before the greeting, as spam bots do."""
    with socket.create_connection((host, int(port)), timeout=TIMEOUT) as conn:
        conn.sendall(f'EHLO {helo}\r\nMAIL FROM:<a@{helo}>\r\nRCPT TO:<user1@example.test>\r\nQUIT\r\n'.encode())
        conn.settimeout(5)
        data = b''
        try:
            while chunk := conn.recv(4000):
                data += chunk
        except (socket.timeout, TimeoutError, ConnectionResetError):
            pass
    return 'ok ' + data.decode(errors='replace').replace('\r\n', ' | ')[:300]


COMMANDS = {
    'connect': connect,
    'imap-login': imap_login,
    'imap-no-login': imap_no_login,
    'tls-old': tls_old,
    'smtp-auth': smtp_auth,
    'smtp-deliver': smtp_deliver,
    'smtp-pipelining': smtp_pipelining,
}

if __name__ == '__main__':
    command, *args = sys.argv[1:]
    try:
        print(COMMANDS[command](*args))
    except ConnectionRefusedError:
        print('refused')
    except (socket.timeout, TimeoutError):
        print('timeout')
    except (ConnectionResetError, smtplib.SMTPServerDisconnected, EOFError, imaplib.IMAP4.abort) as error:
        print(f'closed {error}')
    except ssl.SSLError as error:
        print(f'tls-error {error.reason}')
