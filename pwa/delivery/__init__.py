"""Delivering the app's bytes: the shell page and its manifest, the front end's files built at
start-up and served by WhiteNoise, the icons, compression and the security headers."""
