# Les mots du thème par défaut en français (Fluent : https://projectfluent.org/). Un site les
# remplace dans i18n/fr.ftl à sa racine.

## Nombres et dates (CLDR « fr » : 1 234 · 12,5 % · 2 mai 2024)
number-digits = latin
number-group-separator = {"\u202F"}
number-decimal-separator = ,
percent = { $number }{"\u202F"}%
date = { $day } { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Toutes les pages
skip-to-content = Aller au contenu principal
languages = Langues
home = Accueil
main-menu = Menu principal
footer-licence = Contenu publié sous licence { $licence }.
footer-statistics = Statistiques
footer-methodology = Méthodologie
footer-feed = Fil d’actualités (Atom)
footer-sitemap = Plan du site

## Accueil et listes
key-figures = Chiffres clés
latest-news = Dernières actualités
pagination = Pagination
pagination-newer = ← Plus récents
pagination-older = Plus anciens →
pagination-page = Page { $current } sur { $total }
subscribe = S’abonner à { $title } (fil Atom)
taxonomy-tags = Thèmes
taxonomy-countries = Pays

## Communiqués
updated = Mis à jour le
contents = Sommaire
contact-heading = Pour plus d’informations, veuillez contacter
contact-tel = Tél. :
contact-email = Courriel :
more-in = Plus dans { $section }

## Statistiques
category-other = Autre
category-unknown = Inconnu
not-published = non publié
statistics = Statistiques
download = Télécharger :
all-tables = Tous les tableaux :
data-package = paquet de données (datapackage.json)
how-produced = Comment ils sont produits :
methodology-link = méthodologie
no-tables = Aucun tableau n’est encore publié.
data-as-of = Données au
covers = Champ
chart-caption = Graphique du tableau ci-dessous, qui contient toutes les valeurs.
chart-link = Tableau, notes et téléchargements
chart-data = Les données de ce graphique
table-link = { $title } : notes et téléchargements
notes = Notes
note-suppressed = « { $suppressed } » signale un effectif masqué pour protéger les personnes qu’il compte : il est soit petit (inférieur à { $k }), soit déductible d’autres chiffres publiés. Les deux cas sont présentés de la même façon, et un graphique les marque d’un même petit symbole de taille fixe, jamais à leur taille réelle.
note-threshold = Tout effectif publié vaut 0 ou au moins { $k }. Les catégories rares sont regroupées sous « { $other } » ; les réponses manquantes sont comptées comme « { $unknown } ».
note-totals = Les totaux comptent chaque cas une fois, y compris ceux des cellules masquées : ils sont donc généralement supérieurs à la somme des cellules publiées.
note-methodology-before = La
note-methodology-link = méthodologie
note-methodology-after = explique comment les chiffres sont produits et protégés.
download-heading = Télécharger les données
download-csv = (une ligne par cellule, totaux compris, les codes avec leur libellé à côté ; un effectif masqué est vide et signalé <code>suppressed</code>)
download-json = (les mêmes cellules)
download-datapackage = Paquet de données
download-datapackage-note = (description Frictionless Data de chaque tableau : champs, catégories, licence)
licence = Licence : { $licence }.
citation = Citation suggérée
citation-data-as-of = données au { $date }
methodology-tables = Les tableaux publiés
methodology-protection = Comment les statistiques sont protégées

## Page introuvable
not-found-title = Page introuvable
not-found-text = La page demandée n’existe pas ou a été déplacée. Aller à la
not-found-home = page d’accueil
table-scroll-hint = Si le tableau est plus large que l’écran, faites-le défiler horizontalement pour voir toutes les colonnes.
download-xlsx = (tableur : le tableau tel qu’il est présenté ici, avec une feuille de notes sur la méthode et la licence)
table-covers = Porte sur { $filter }
table-data-as-of = données au
download-of = du tableau « { $title } »
all-tables-and-records = Tous les tableaux et les enregistrements :

## La page de recherche (l’interface de Pagefind : il remplit [SEARCH_TERM] et [COUNT])
search = Rechercher
search-title = Rechercher sur le site
search-label = Rechercher sur ce site
search-placeholder = Rechercher dans les actualités et les statistiques
search-clear = Effacer
search-load-more = Plus de résultats
search-zero-results = Aucun résultat pour [SEARCH_TERM]
search-one-result = [COUNT] résultat pour [SEARCH_TERM]
search-many-results = [COUNT] résultats pour [SEARCH_TERM]
search-searching = Recherche de [SEARCH_TERM]…
search-no-script = La recherche nécessite JavaScript, désactivé dans ce navigateur. Chaque page est aussi accessible en parcourant le site :
search-preview = La recherche n’est pas construite dans l’aperçu : elle fonctionne dans le site qu’écrit safestat build. En attendant, parcourez :
search-browse = Parcourir le site
search-sitemap = Plan du site (toutes les pages)
