# The site's own words (used by templates/partials/header.html), and overrides of the theme's.
iom-worldwide = IOM worldwide
