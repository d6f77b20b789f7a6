"""kizuna's Dash app: national map, network, cluster gaps, hub roles, partners, what-if, data.

Build it with :func:`dashboard.app.create_app`; ``kizuna serve`` runs it.
"""
