"""Planning periods (a site's horizon with its rules) and the demand to cover in them."""
