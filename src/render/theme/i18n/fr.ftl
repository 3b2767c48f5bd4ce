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

## Tableaux et graphiques dans la langue de la page (src/publish : html_table, chart)
table-count = Nombre
table-total = Total
list-pair = { $first } et { $second }
chart-desc-line = Graphique linéaire : { $title }, par { $axis }.
chart-desc-lines = Graphique linéaire : { $title }, par { $axis }, une ligne par { $series }.
chart-desc-bar = Graphique à barres : { $title }, par { $axis }.
chart-desc-grouped-bar = Graphique à barres groupées : { $title }, par { $axis }, une barre par { $series } dans chaque groupe.
chart-desc-others = Toutes catégories de { $others } confondues.
chart-desc-suppressed-bar = { $count ->
    [one] { $number } valeur marquée « { $suppressed } » est représentée par un petit cercle barré sur l’axe, sans rapport avec sa taille.
   *[other] { $number } valeurs marquées « { $suppressed } » sont représentées par un petit cercle barré sur l’axe, sans rapport avec leur taille.
}
chart-desc-suppressed-line = { $count ->
    [one] { $number } valeur marquée « { $suppressed } » est représentée par une interruption de la ligne et un carré hachuré sous l’axe, sans rapport avec sa taille.
   *[other] { $number } valeurs marquées « { $suppressed } » sont représentées par une interruption de la ligne et un carré hachuré sous l’axe, sans rapport avec leur taille.
}
chart-desc-table = Toutes les valeurs figurent dans le tableau qui accompagne ce graphique.

## Le texte de la page de méthodologie (src/publish/methodology.rs ; Markdown)
list-separator = { ", " }
methodology-heading = Comment nous protégeons les personnes derrière ces chiffres
methodology-intro = Chaque chiffre de ce site est un nombre de cas. Derrière chaque cas, il y a une personne, et un très petit nombre peut suffire à reconnaître quelqu’un : une famille, une communauté ou un trafiquant qui connaît l’histoire pourrait deviner de qui il s’agit. Avant toute publication, chaque tableau passe donc par un contrôle de la divulgation statistique.
methodology-threshold-heading = Le seuil : { $k }
methodology-threshold = Tout nombre que nous publions vaut 0 ou au moins **{ $k }**. Un nombre compris entre 1 et { $below } n’est pas publié ; à sa place, nous écrivons « { $suppressed } ».
methodology-zeros-published = Un zéro est publié tel quel : une case vide ne décrit personne.
methodology-zeros-suppressed = Les zéros sont traités comme les petits nombres et ne sont pas publiés non plus, car ici, le simple fait de savoir que personne n’appartient à un groupe peut révéler quelque chose sur les autres.
methodology-secondary-heading = Pourquoi certains nombres plus grands sont aussi masqués
methodology-secondary = Masquer les petits nombres ne suffit pas : si un tableau montre un total et tous les nombres qui le composent sauf un, n’importe qui peut faire la soustraction et retrouver le nombre masqué. Nous masquons donc aussi d’autres nombres, souvent plus grands, choisis de sorte qu’aucun nombre masqué ne puisse être déduit des totaux, des autres nombres ou de plusieurs tableaux mis ensemble. Tous les tableaux de ce site sont protégés ensemble, comme un seul système : un nombre qui figure dans deux tableaux est soit affiché dans les deux, soit masqué dans les deux.
methodology-one-marker = Tout nombre masqué apparaît de la même façon, « { $suppressed } », qu’il soit petit ou qu’il ait été masqué pour en protéger un autre. Les distinguer désignerait les petits nombres : nous ne le faisons donc jamais. Dans les graphiques, un nombre masqué est représenté par un petit cercle barré sur l’axe (dans un graphique linéaire, par une interruption de la ligne et une marque hachurée sous l’axe), le même pour tous les nombres masqués : jamais à sa taille réelle, jamais comme un zéro. Dans les fichiers téléchargeables, un nombre masqué est un champ `count` vide accompagné du `flag` `suppressed` ; dans les tableurs, il est indiqué « { $suppressed } ».
methodology-audit-heading = Comment la protection est vérifiée
methodology-audit = À chaque construction du site, une vérification se place du point de vue d’une personne qui connaîtrait exactement chaque nombre publié sur ce site, qui saurait que les tableaux s’additionnent (un total est la somme de ses nombres, et les mêmes cas comptés dans deux tableaux sont les mêmes cas) et qu’aucun nombre n’est négatif, mais qui ignorerait quelles combinaisons de caractéristiques existent réellement parmi les cas. Pour chaque nombre masqué, la vérification calcule la plus petite et la plus grande valeur que cette personne pourrait encore envisager, en résolvant les mêmes équations qu’elle. Un petit nombre masqué doit pouvoir valoir { $k } ou plus, et l’intervalle doit couvrir au moins { $span } valeurs ; aucun autre nombre masqué ne doit pouvoir être déterminé exactement. Si une seule vérification échoue, rien n’est publié.
methodology-totals-heading = Les totaux
methodology-totals = Chaque tableau comporte des totaux : une ligne ou une colonne marquée **{ $total }** est la somme de toutes les catégories de cette dimension, calculée sur l’ensemble des données avant tout masquage. Un total peut donc être supérieur à la somme des nombres affichés à côté de lui, et un total peut lui-même être masqué.
methodology-pooling-heading = « { $other } » et « { $unknown } »
methodology-pooling = Les catégories qui comptent très peu de cas, par exemple une nationalité rare, ne sont pas présentées séparément : elles sont regroupées dans une catégorie appelée « { $other } », afin qu’une catégorie rare ne permette d’identifier personne. Les cas pour lesquels une valeur n’a pas été enregistrée sont comptés sous « { $unknown } », de sorte que les catégories d’un tableau s’additionnent toujours à son total.
methodology-data-heading = Les données
methodology-data-as-of = Les chiffres décrivent les données au **{ $date }**.
methodology-data-at-build = Les chiffres décrivent les données au moment de la dernière construction du site.
methodology-data-editions = Les cas enregistrés plus tard, ou corrigés depuis, n’y figurent pas : les chiffres peuvent donc changer d’une édition à l’autre.
methodology-tables-heading = Les tableaux
methodology-table-by = — par { $dimensions }
methodology-table-filter = { " ; " }{ $filter }
methodology-table-total = { $number } cas au total
methodology-table-total-hidden = total { $suppressed }
methodology-table-cells = ({ $total } ; { $hidden } cellules sur { $cells } « { $suppressed } »).
methodology-records-heading = Les dossiers individuels : { $file }
methodology-records = Outre les tableaux, les dossiers individuels de *{ $title }* sont eux-mêmes publiés, une ligne par cas dans un ordre aléatoire, dans le fichier [{ $file }]({ $url }) ({ $number } dossiers). Avant publication, ils ont été rendus k-anonymes : chaque combinaison de { $quasi } (ce que pourrait savoir une personne qui connaît une victime) est partagée par au moins **{ $k }** dossiers.
methodology-records-l-diverse = Outre les tableaux, les dossiers individuels de *{ $title }* sont eux-mêmes publiés, une ligne par cas dans un ordre aléatoire, dans le fichier [{ $file }]({ $url }) ({ $number } dossiers). Avant publication, ils ont été rendus k-anonymes : chaque combinaison de { $quasi } (ce que pourrait savoir une personne qui connaît une victime) est partagée par au moins **{ $k }** dossiers, et ces dossiers comptent au moins **{ $l }** valeurs différentes de { $sensitive } (l-diversité) : connaître le groupe d’une personne ne dit donc pas laquelle la concerne.
methodology-records-generalised = Comment chacune de ces caractéristiques est publiée :
methodology-records-as-recorded = { $count ->
    [one] { $columns } est publié tel qu’il a été enregistré.
   *[other] { $columns } sont publiés tels qu’ils ont été enregistrés.
}
methodology-records-blank = **Une case vide signifie « inconnu ou non publié »** : soit la valeur n’a jamais été enregistrée, soit elle a été retirée pour protéger le dossier. Les deux cas se présentent volontairement de la même façon, et une case vide ne correspond qu’à d’autres cases vides. Les dossiers qu’aucun retrait de valeur ne pouvait protéger sont exclus du fichier. Les tableaux de ces données sont calculés à partir des dossiers publiés, et non des dossiers d’origine : ils couvrent les mêmes périodes, groupes et régions, comptent une case vide comme inconnue, puis sont protégés comme tout autre tableau ; un tableau n’en dit donc pas plus que le fichier.

## Les descriptions du paquet de données (src/publish/downloads.rs ; la note de méthode des tableurs)
datapackage-method = Nombres de cas, protégés par le contrôle de la divulgation statistique afin qu’aucun nombre ne permette d’identifier une personne. Tout nombre publié vaut 0 ou au moins { $k }. Les nombres de 1 à { $below } sont masqués (masquage primaire), et d’autres nombres sont masqués si nécessaire afin qu’aucun nombre masqué ne puisse être déduit des totaux (masquage secondaire) ; tous les tableaux ont été protégés ensemble.
datapackage-zeros-published = Les zéros sont publiés tels quels.
datapackage-zeros-suppressed = Les zéros sont traités comme les petits nombres et masqués.
datapackage-marker-csv = Une cellule masquée a un `count` vide et le `flag` `{ $flag }` ; les deux types de masquage se présentent de la même façon. Une dimension qui contient `{ $total }` est la somme de toutes ses catégories.
datapackage-marker-spreadsheet = Une cellule masquée affiche « { $suppressed } » ; les deux types de masquage se présentent de la même façon. Une ligne ou une colonne intitulée { $total } est la somme de toutes les catégories de sa dimension.
datapackage-pooling = Les catégories rares sont regroupées sous « { $other } » et les valeurs manquantes sont comptées sous « { $unknown } ».
datapackage-data-as-of = Données au { $date }.
datapackage-rows = Une ligne par cellule, totaux compris : une ligne dont une dimension contient `{ $total }` est un total sur toutes les catégories de cette dimension (compté sur tous les cas, cellules masquées comprises) ; additionner toutes les lignes compte donc des cas plusieurs fois. La ligne qui contient `{ $total }` dans chaque dimension donne le nombre de cas.
datapackage-filter = Champ : { $filter }.
datapackage-dimension = { $label } ({ $kind }), sous forme de code ; le libellé figure dans `{ $column }`. `{ $total }` signale un total : la ligne compte tous les cas, de toutes les catégories de cette dimension.
datapackage-label-title = { $label } (libellé)
datapackage-label = Le libellé de `{ $id }` tel qu’il apparaît sur le site ; `{ $total }` pour un total.
datapackage-count-title = Nombre
datapackage-count = Nombre de cas : 0 ou au moins { $k }. Vide lorsque le nombre n’est pas publié.
datapackage-flag-title = Indicateur
datapackage-flag = `{ $flag }` lorsque le nombre n’est pas publié (« { $suppressed } ») ; vide sinon.
datapackage-xlsx-title = { $title } (tableur)
datapackage-xlsx = Le tableau `{ $id }` sous forme de tableur : la feuille « { $table-sheet } » le présente comme sur sa page, avec les libellés, les totaux à leur place et les nombres masqués indiqués comme sur la page ; la feuille « { $notes-sheet } » contient la méthode, le seuil k, les dates et la licence. Les mêmes cellules que `{ $id }.csv`.

## Page introuvable
not-found-title = Page introuvable
not-found-text = La page demandée n’existe pas ou a été déplacée. Aller à la
not-found-home = page d’accueil
table-region = { $title }, tableau
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
search-nothing = Il n’y a encore rien à rechercher dans cette langue. Parcourez plutôt le site :
search-browse = Parcourir le site
search-sitemap = Plan du site (toutes les pages)

## Les tableurs (src/publish/spreadsheet.rs). Noms de feuille : 31 caractères au plus, aucun de [ ] : * ? / \
xlsx-sheet-table = Tableau
xlsx-sheet-notes = Notes
xlsx-covers = Champ : { $filter }
xlsx-footnote = « { $suppressed } » indique un nombre masqué pour protéger les personnes qu’il compte. Les totaux comptent tous les cas, y compris ceux des cellules masquées. Voir la feuille « { $notes-sheet } ».
xlsx-comment = Protégé par le contrôle de la divulgation statistique : tout nombre publié vaut 0 ou au moins { $k }.
xlsx-note-table = Tableau
xlsx-note-description = Description
xlsx-note-covers = Champ
xlsx-note-by = Par
xlsx-note-publisher = Éditeur
xlsx-note-data-as-of = Données au
xlsx-note-edition = Date de cette édition
xlsx-note-threshold = Seuil (k)
xlsx-note-threshold-text = { $k } : tout nombre publié vaut 0 ou au moins { $k }.
xlsx-note-not-published = Non publié
xlsx-note-not-published-text = « { $suppressed } » indique un nombre masqué : soit il est petit (de 1 à { $below }), soit il permettrait de déduire un petit nombre à partir des totaux. Les deux cas se présentent de la même façon.
xlsx-note-totals = Totaux
xlsx-note-totals-text = Une ligne ou une colonne intitulée { $total } compte tous les cas de sa dimension, cellules masquées comprises : elle est donc généralement supérieure à la somme des nombres publiés à côté.
xlsx-note-method = Méthode
xlsx-note-licence = Licence
xlsx-note-machine-readable = Format lisible par machine
xlsx-note-machine-readable-text = { $file } : les mêmes cellules avec codes et libellés, une ligne par cellule

## Le champ d’un tableau (un filtre de data/tables.toml ; les années s’écrivent sans séparateur)
period = Période
filter-range = { $column } { $from }–{ $to }
filter-from = { $column } à partir de { $from }
filter-up-to = { $column } jusqu’à { $to }
filter-values = { $column } : { $values }

## La diffusion au niveau des dossiers dans datapackage.json (src/publish/records.rs ; aussi la liste de la méthodologie)
records-title = { $title } : dossiers (k-anonymisés)
records-description = Une ligne par dossier, dans un ordre aléatoire. Chaque combinaison de { $quasi } est partagée par au moins { $k } lignes ; une case vide est une valeur inconnue ou masquée, et ne correspond qu’aux autres cases vides. Les dossiers qu’aucun masquage ne pouvait protéger sont exclus.
records-description-l-diverse = Une ligne par dossier, dans un ordre aléatoire. Chaque combinaison de { $quasi } est partagée par au moins { $k } lignes, et ces lignes comptent au moins { $l } valeurs différentes de { $sensitive } (une case vide comptant pour une) ; une case vide est une valeur inconnue ou masquée, et ne correspond qu’aux autres cases vides. Les dossiers qu’aucun masquage ne pouvait protéger sont exclus.
records-field-quasi = { $label } : un quasi-identifiant (une caractéristique que peut connaître une personne qui connaît une victime), { $generalisation } ; vide si inconnu ou masqué pour protéger le dossier.
records-field-sensitive = { $label } : la variable sensible, telle qu’enregistrée ; vide si inconnue.
records-field-sensitive-l-diverse = { $label } : la variable sensible, telle qu’enregistrée ; chaque combinaison des quasi-identifiants en compte au moins { $l } valeurs différentes ; vide si inconnue.
records-field-other = { $label } : telle qu’enregistrée ; vide si inconnue.
records-as-recorded = tel qu’enregistré
records-generalised = généralisé : { $categories }
records-generalised-count = généralisé ({ $count } catégories)
records-generalised-to = généralisé en { $level } : { $categories }
records-generalised-to-count = généralisé en { $level } ({ $count } catégories)

# A moved page's redirect (alias.html), and the link from a record release to the methodology.
alias-title = Redirection vers
alias-moved = Cette page a été déplacée vers
records-how-protected = comment les données individuelles sont protégées
