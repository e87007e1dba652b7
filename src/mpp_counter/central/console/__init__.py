"""The central's web console (issue 15): sign-in and roles, and one router per feature
(routes.py mounts them). Kept empty so that the command line (``mpp-central user``)
imports only what it uses, not the web framework.
"""
