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

## Tables and charts in the page's language (src/publish: html_table, chart)
table-count = Count
table-total = Total
list-pair = { $first } and { $second }
chart-desc-line = Line chart of { $title } by { $axis }.
chart-desc-lines = Line chart of { $title } by { $axis }, one line per { $series }.
chart-desc-bar = Bar chart of { $title } by { $axis }.
chart-desc-grouped-bar = Grouped bar chart of { $title } by { $axis }, one bar per { $series } in each group.
chart-desc-others = Shown for all { $others } together.
chart-desc-suppressed-bar = { $count ->
    [one] { $number } value marked “{ $suppressed }” is drawn as a small crossed circle at the axis, not to scale.
   *[other] { $number } values marked “{ $suppressed }” are drawn as a small crossed circle at the axis, not to scale.
}
chart-desc-suppressed-line = { $count ->
    [one] { $number } value marked “{ $suppressed }” is drawn as a gap in the line and a hatched square below the axis, not to scale.
   *[other] { $number } values marked “{ $suppressed }” are drawn as a gap in the line and a hatched square below the axis, not to scale.
}
chart-desc-table = Every value is in the table that goes with this chart.

## The methodology page's text (src/publish/methodology.rs; Markdown)
list-separator = { ", " }
methodology-heading = How we protect the people behind these numbers
methodology-intro = Every figure on this site is a count of cases. Behind each case is a person, and a very small count can be enough to recognise someone — a family, a community or a trafficker who knows the story may be able to tell who is meant. Before anything is published, every table goes through statistical disclosure control.
methodology-threshold-heading = The threshold: { $k }
methodology-threshold = Every count we publish is either 0 or at least **{ $k }**. A count from 1 to { $below } is not published; where it would appear we write “{ $suppressed }”.
methodology-zeros-published = A zero is published as 0: an empty cell describes nobody.
methodology-zeros-suppressed = Zeros are treated like small counts and are not published either, because here even knowing that nobody is in a group can reveal something about the others.
methodology-secondary-heading = Why some larger counts are hidden too
methodology-secondary = Hiding the small counts alone is not enough: if a table shows a total and all but one of the counts that add up to it, anyone can subtract and recover the hidden one. So we also hide some other counts — often larger ones — chosen so that no hidden count can be worked out from the totals, from the other counts, or by combining several tables. All tables on this site are protected together, as one system: a count that appears in two tables is either shown in both or hidden in both.
methodology-one-marker = Every hidden count looks the same — “{ $suppressed }” — whether it was small or hidden to protect another one. Telling them apart would point at the small ones, so we never do. Charts draw a hidden count as a small crossed circle at the axis (in a line chart, a gap in the line and a hatched mark below it), the same for every hidden count: never at its true size and never as zero. In the downloads a hidden count is an empty `count` with the `flag` `suppressed`; in the spreadsheets it reads “{ $suppressed }”.
methodology-audit-heading = How the protection is checked
methodology-audit = Every time the site is built, a check assumes someone who knows every number published on this site exactly, knows that the tables add up (a total is the sum of its counts, and the same cases counted in two tables are the same cases) and that no count is negative — but not which combinations of characteristics actually occur among the cases. For every hidden count it works out the smallest and largest value that person could still believe, by solving the same equations they could solve. A hidden small count must be able to be { $k } or more, and the range must span at least { $span } values; no other hidden count may be pinned down exactly. If any check fails, nothing is published.
methodology-totals-heading = Totals
methodology-totals = Every table has totals: a row or column marked **{ $total }** is the sum over all categories of that dimension, computed from the full data before anything was hidden. A total may therefore be larger than the sum of the counts shown next to it, and a total can itself be hidden.
methodology-pooling-heading = “{ $other }” and “{ $unknown }”
methodology-pooling = Categories with very few cases — a rare nationality, say — are not shown on their own: they are pooled into one category called “{ $other }”, so a rare category cannot single anyone out. Cases for which a value was not recorded are counted under “{ $unknown }”, so the categories of a table still add up to its total.
methodology-data-heading = The data
methodology-data-as-of = The figures describe the data as of **{ $date }**.
methodology-data-at-build = The figures describe the data at the time this site was last built.
methodology-data-editions = Cases registered later, or corrected since, are not included, so figures may change between editions.
methodology-tables-heading = The tables
methodology-table-by = — by { $dimensions }
methodology-table-filter = ; { $filter }
methodology-table-total = { $count ->
    [one] { $number } case in total
   *[other] { $number } cases in total
}
methodology-table-total-hidden = total { $suppressed }
methodology-table-cells = ({ $total }; { $hidden } of { $cells } cells { $suppressed }).
methodology-records-heading = The case records: { $file }
methodology-records = Besides the tables, the case records of *{ $title }* are published themselves, one row per case in a random order, as [{ $file }]({ $url }) ({ $number } records). Before release they were k-anonymised: every combination of { $quasi } — what someone who knows a victim might know — is shared by at least **{ $k }** records.
methodology-records-l-diverse = Besides the tables, the case records of *{ $title }* are published themselves, one row per case in a random order, as [{ $file }]({ $url }) ({ $number } records). Before release they were k-anonymised: every combination of { $quasi } — what someone who knows a victim might know — is shared by at least **{ $k }** records, and those records hold at least **{ $l }** different values of { $sensitive } (l-diversity), so knowing someone's group does not tell which of them applies.
methodology-records-generalised = How each of those characteristics is released:
methodology-records-as-recorded = { $count ->
    [one] { $columns } is published as recorded.
   *[other] { $columns } are published as recorded.
}
methodology-records-blank = **A blank means unknown or not released**: the value was either never recorded or left out to protect the record. The two look the same on purpose, and a blank matches only other blanks. Records that no blanking could protect are left out of the file. The tables of this data are counted from the released records, not from the case records: they show the same periods, groups and regions, count a blank as unknown, and are then protected like any other table, so a table tells nothing the file does not.

## The data package's descriptions (src/publish/downloads.rs; the spreadsheet's method note)
datapackage-method = Counts of cases, protected by statistical disclosure control so that no count can single out a person. Every published count is 0 or at least { $k }. Counts from 1 to { $below } are suppressed (primary suppression), and further counts are suppressed where needed so that no hidden count can be worked out from totals (secondary suppression); all tables were protected together.
datapackage-zeros-published = Zero counts are published as zeros.
datapackage-zeros-suppressed = Zero counts are treated like small counts and suppressed.
datapackage-marker-csv = A suppressed cell has an empty `count` and the `flag` `{ $flag }`; both kinds of suppression look the same. A dimension holding `{ $total }` is summed over all its categories.
datapackage-marker-spreadsheet = A suppressed cell shows "{ $suppressed }"; both kinds of suppression look the same. A row or column labelled { $total } is summed over all categories of its dimension.
datapackage-pooling = Rare categories are pooled into "{ $other }" and missing values are counted under "{ $unknown }".
datapackage-data-as-of = Data as of { $date }.
datapackage-rows = One row per cell, totals included: a row whose dimension holds `{ $total }` is a total over all categories of that dimension (counted from every case, withheld cells included), so adding up all rows counts cases more than once; the row with `{ $total }` in every dimension is the number of cases.
datapackage-filter = Filter: { $filter }.
datapackage-dimension = { $label } ({ $kind }), as a code; the label is in `{ $column }`. `{ $total }` marks a total: the row counts every case, of all categories of this dimension.
datapackage-label-title = { $label } (label)
datapackage-label = The label of `{ $id }` as shown on the site; `{ $total }` for a total.
datapackage-count-title = Count
datapackage-count = Number of cases: 0 or at least { $k }. Empty when the count is not published.
datapackage-flag-title = Flag
datapackage-flag = `{ $flag }` when the count is not published ("{ $suppressed }"); empty otherwise.
datapackage-xlsx-title = { $title } (spreadsheet)
datapackage-xlsx = The table `{ $id }` as a spreadsheet: sheet "{ $table-sheet }" lays it out as on its page, with labels, totals in their place and withheld counts marked as on the page; sheet "{ $notes-sheet }" holds the method, the threshold k, the dates and the licence. The same cells as `{ $id }.csv`.

## Page not found
not-found-title = Page not found
not-found-text = The page you asked for does not exist or has moved. Go to the
not-found-home = home page
table-region = { $title }, table
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
search-nothing = There is nothing to search in this language yet. Browse instead:
search-browse = Browse the site
search-sitemap = Sitemap (every page)

## The spreadsheets (src/publish/spreadsheet.rs). Sheet names: at most 31 characters, none of [ ] : * ? / \
xlsx-sheet-table = Table
xlsx-sheet-notes = Notes
xlsx-covers = Covers: { $filter }
xlsx-footnote = “{ $suppressed }” marks a count withheld to protect the people it counts. Totals count every case, withheld ones included. See the sheet “{ $notes-sheet }”.
xlsx-comment = Protected by statistical disclosure control: every published count is 0 or at least { $k }.
xlsx-note-table = Table
xlsx-note-description = Description
xlsx-note-covers = Covers
xlsx-note-by = By
xlsx-note-publisher = Publisher
xlsx-note-data-as-of = Data as of
xlsx-note-edition = Date of this edition
xlsx-note-threshold = Threshold (k)
xlsx-note-threshold-text = { $k }: every published count is 0 or at least { $k }.
xlsx-note-not-published = Not published
xlsx-note-not-published-text = “{ $suppressed }” marks a count that is withheld: either it is small (from 1 to { $below }) or it could be used to work out a small one from totals. Both kinds are shown the same way.
xlsx-note-totals = Totals
xlsx-note-totals-text = A row or column labelled { $total } counts every case of that dimension, withheld cells included, so it is usually larger than the sum of the published counts beside it.
xlsx-note-method = Method
xlsx-note-licence = Licence
xlsx-note-machine-readable = Machine-readable
xlsx-note-machine-readable-text = { $file }: the same cells with codes and labels, one row per cell

## What a table covers (a filter in data/tables.toml; years are written without grouping)
period = Period
filter-range = { $column } { $from }–{ $to }
filter-from = { $column } from { $from }
filter-up-to = { $column } up to { $to }
filter-values = { $column }: { $values }

## The record-level release in datapackage.json (src/publish/records.rs; also the methodology's list)
records-title = { $title }: case records (k-anonymised)
records-description = One row per case, in random order. Every combination of { $quasi } is shared by at least { $k } rows; a blank is a value that is unknown or was suppressed, and matches only other blanks. Records that no blanking could protect are left out.
records-description-l-diverse = One row per case, in random order. Every combination of { $quasi } is shared by at least { $k } rows, and those rows hold at least { $l } different values of { $sensitive } (a blank counting as one); a blank is a value that is unknown or was suppressed, and matches only other blanks. Records that no blanking could protect are left out.
records-field-quasi = { $label }: a quasi-identifier (a characteristic someone who knows a victim might know), { $generalisation }; blank when unknown or suppressed to protect the record.
records-field-sensitive = { $label }: the sensitive column, as recorded; blank when unknown.
records-field-sensitive-l-diverse = { $label }: the sensitive column, as recorded; every combination of the quasi-identifiers holds at least { $l } different values of it; blank when unknown.
records-field-other = { $label }: as recorded; blank when unknown.
records-as-recorded = as recorded
records-generalised = generalised: { $categories }
records-generalised-count = generalised ({ $count } categories)
records-generalised-to = generalised to { $level }: { $categories }
records-generalised-to-count = generalised to { $level } ({ $count } categories)

# A moved page's redirect (alias.html), and the link from a record release to the methodology.
alias-title = Redirecting to
alias-moved = This page has moved to
records-how-protected = how the records are protected
