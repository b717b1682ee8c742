"""convdemo.site: what exists only to make the site and its downloads.

The second house. It uses the numbers (``convdemo``'s core) and is never imported by them:
``import convdemo`` loads nothing from here.
"""
