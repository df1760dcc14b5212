"""What the demo's tests share: the demo logins' password and the bodies their demo holds."""

PASSWORD = "demo-Бурана-ңөү-42"
#: The bodies of the demo logins; the loader treats each body alike.
BODIES = {"burana", "kok-jar"}
