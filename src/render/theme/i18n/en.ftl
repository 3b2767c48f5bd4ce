# The default theme's words in English (Fluent: https://projectfluent.org/). A site overrides
# any of them in i18n/en.ftl at its root.

## Numbers and dates (CLDR "en": 1,234 · 12.5% · 2 May 2024)
# Digits: latin (0123…) or arabic-indic (٠١٢٣…).
number-digits = latin
number-group-separator = ,
number-decimal-separator = .
percent = { $number }%
date = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Every page
skip-to-content = Skip to main content
languages = Languages
home = Home
main-menu = Main
footer-licence = Content licensed under { $licence }.
footer-statistics = Statistics
footer-methodology = Methodology
footer-feed = News feed (Atom)
footer-sitemap = Sitemap

## Home page and lists
key-figures = Key figures
latest-news = Latest news
pagination = Pagination
pagination-newer = ← Newer
pagination-older = Older →
pagination-page = Page { $current } of { $total }
subscribe = Subscribe to { $title } (Atom feed)
taxonomy-tags = Tags
taxonomy-countries = Countries

## Press releases
updated = Updated
contents = Contents
contact-heading = For more information, please contact
contact-tel = Tel:
contact-email = Email:
more-in = More in { $section }

## Statistics (download-csv is HTML: it is printed as it is written)
category-other = Other
category-unknown = Unknown
not-published = not published
statistics = Statistics
download = Download:
all-tables = All tables:
data-package = data package (datapackage.json)
how-produced = How they are produced:
methodology-link = methodology
no-tables = No tables are published yet.
data-as-of = Data as of
covers = Covers
chart-caption = Chart of the table below, which holds every value.
chart-link = Table, notes and downloads
chart-data = The data of this chart
table-link = { $title }: notes and downloads
notes = Notes
note-suppressed = “{ $suppressed }” marks a count that is withheld to protect the people it counts: it is either small (below { $k }) or could be worked out from other published figures. Both kinds are shown the same way, and a chart marks them with one small symbol of a fixed size, never at their size.
note-threshold = Every published count is 0 or at least { $k }. Rare categories are grouped as “{ $other }”; missing answers are counted as “{ $unknown }”.
note-totals = Totals count every case once, including those in withheld cells, so they are usually larger than the sum of the published cells.
note-methodology-before = The
note-methodology-link = methodology
note-methodology-after = explains how the figures are produced and protected.
download-heading = Download the data
download-csv = (one row per cell, totals included, codes with their labels beside them; a withheld count is empty and flagged <code>suppressed</code>)
download-json = (the same cells)
download-datapackage = Data package
download-datapackage-note = (Frictionless Data description of every table: fields, categories, licence)
licence = Licence: { $licence }.
citation = Suggested citation
citation-data-as-of = data as of { $date }
methodology-tables = The published tables
methodology-protection = How the statistics are protected

## Page not found
not-found-title = Page not found
not-found-text = The page you asked for does not exist or has moved. Go to the
not-found-home = home page
table-scroll-hint = Where the table is wider than the screen, scroll it sideways to see every column.
download-xlsx = (spreadsheet: the table as shown here, with a sheet of notes on the method and the licence)
table-covers = Covers { $filter }
table-data-as-of = data as of
download-of = of { $title }
all-tables-and-records = All tables and records:

## The search page (Pagefind's interface: [SEARCH_TERM] and [COUNT] are filled in by it)
search = Search
search-title = Search this site
search-label = Search this site
search-placeholder = Search the news and statistics
search-clear = Clear
search-load-more = More results
search-zero-results = No results for [SEARCH_TERM]
search-one-result = [COUNT] result for [SEARCH_TERM]
search-many-results = [COUNT] results for [SEARCH_TERM]
search-searching = Searching for [SEARCH_TERM]…
search-no-script = Search needs JavaScript, which is off in this browser. Every page can also be reached by browsing:
search-preview = Search is not built in the preview: it works in the site that safestat build writes. Meanwhile, browse:
search-browse = Browse the site
search-sitemap = Sitemap (every page)
