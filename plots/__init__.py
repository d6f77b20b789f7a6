"""Plots shared by the app and the reports: Japan's map geometry and its renderers.

:mod:`kizuna.plots.geo` holds the geometry (prefecture outlines, the Okinawa inset, where
clusters and organizations sit); the app's plotly map draws it, and
:mod:`kizuna.plots.japan_mpl` draws it with matplotlib for the reports.
"""
