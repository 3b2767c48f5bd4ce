# Les mots propres au site (templates/partials/header.html).
iom-worldwide = L’OIM dans le monde
