"""The SPARQL 1.1 Protocol service: request parsing, the query worker pool, write coordination,
the SERVICE/LOAD guard and the Service Description. The routes live in ``kg.routes.sparql`` and
``kg.routes.store_protocol``.
"""
