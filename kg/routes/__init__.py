"""HTTP routes, one module per concern; each has ``install(app)``."""
