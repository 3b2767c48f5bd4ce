# كلمات القالب الافتراضي بالعربية (Fluent: https://projectfluent.org/). يستبدلها الموقع في
# i18n/ar.ftl في جذره.

## Numbers and dates. CLDR "ar" writes Arabic-Indic digits (١٬٢٣٤); safestat's default is Latin
## digits (1,234), as the statistical tables, the downloads and most Arabic releases of
## international organisations in the Levant write them, so that a figure quoted in a release
## reads exactly as in its table. A site that prefers ١٬٢٣٤ sets, in i18n/ar.ftl:
##   number-digits = arabic-indic
##   number-group-separator = ٬
##   number-decimal-separator = ٫
number-digits = latin
number-group-separator = ,
number-decimal-separator = .
percent = { $number }%
date = { $day } { $month } { $year }
# CLDR "ar" month names; Levantine sites (Lebanon, Syria, Jordan) override them with كانون الثاني، شباط، آذار…
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

## كل الصفحات
skip-to-content = الانتقال إلى المحتوى الرئيسي
languages = اللغات
home = الرئيسية
main-menu = القائمة الرئيسية
footer-licence = المحتوى مرخّص بموجب { $licence }.
footer-statistics = الإحصاءات
footer-methodology = المنهجية
footer-feed = موجز الأخبار (Atom)
footer-sitemap = خريطة الموقع

## الصفحة الرئيسية والقوائم
key-figures = أرقام رئيسية
latest-news = آخر الأخبار
pagination = التنقل بين الصفحات
pagination-newer = → الأحدث
pagination-older = الأقدم ←
pagination-page = الصفحة { $current } من { $total }
subscribe = الاشتراك في { $title } (موجز Atom)
taxonomy-tags = المواضيع
taxonomy-countries = البلدان

## البيانات الصحفية
updated = آخر تحديث
contents = المحتويات
contact-heading = لمزيد من المعلومات، يُرجى التواصل مع
contact-tel = الهاتف:
contact-email = البريد الإلكتروني:
more-in = المزيد في { $section }

## الإحصاءات
category-other = أخرى
category-unknown = غير معروف
not-published = غير منشور
statistics = الإحصاءات
download = تنزيل:
all-tables = جميع الجداول:
data-package = حزمة البيانات (datapackage.json)
how-produced = كيفية إعدادها:
methodology-link = المنهجية
no-tables = لم يُنشر أي جدول بعد.
data-as-of = البيانات حتى
covers = النطاق
chart-caption = رسم بياني للجدول أدناه، الذي يتضمن جميع القيم.
chart-link = الجدول والملاحظات والتنزيلات
chart-data = بيانات هذا الرسم البياني
table-link = { $title }: الملاحظات والتنزيلات
notes = ملاحظات
note-suppressed = تدل عبارة «{ $suppressed }» على عدد حُجب حمايةً للأشخاص الذين يشملهم: فهو إما صغير (أقل من { $k }) وإما يمكن استنتاجه من أرقام منشورة أخرى. يُعرض النوعان بالطريقة نفسها، ويميّزهما الرسم البياني برمز صغير واحد ثابت الحجم، لا بحجمهما الفعلي.
note-threshold = كل عدد منشور إما صفر وإما { $k } أو أكثر. تُجمع الفئات النادرة تحت «{ $other }»، وتُحتسب الإجابات المفقودة ضمن «{ $unknown }».
note-totals = تحتسب المجاميع كل حالة مرة واحدة، بما فيها الحالات الواردة في الخانات المحجوبة، لذلك تكون عادةً أكبر من مجموع الخانات المنشورة.
note-methodology-before = تشرح
note-methodology-link = المنهجية
note-methodology-after = كيفية إعداد الأرقام وحمايتها.
download-heading = تنزيل البيانات
download-csv = (صف لكل خانة، مع المجاميع، والرموز مع تسمياتها إلى جانبها؛ العدد المحجوب فارغ ومعلَّم بـ <code>suppressed</code>)
download-json = (الخانات نفسها)
download-datapackage = حزمة البيانات
download-datapackage-note = (وصف لكل جدول وفق معيار Frictionless Data: الحقول والفئات والترخيص)
licence = الترخيص: { $licence }.
citation = الاستشهاد المقترح
citation-data-as-of = البيانات حتى { $date }
methodology-tables = الجداول المنشورة
methodology-protection = كيفية حماية الإحصاءات

## الصفحة غير موجودة
not-found-title = الصفحة غير موجودة
not-found-text = الصفحة التي طلبتها غير موجودة أو نُقلت. انتقل إلى
not-found-home = الصفحة الرئيسية
table-scroll-hint = إذا كان الجدول أعرض من الشاشة، مرّره أفقيًا لرؤية جميع الأعمدة.
download-xlsx = (جدول بيانات: الجدول كما يظهر هنا، مع ورقة ملاحظات عن المنهجية والترخيص)
table-covers = يشمل { $filter }
table-data-as-of = البيانات حتى
download-of = لجدول «{ $title }»
all-tables-and-records = جميع الجداول والسجلات:

## صفحة البحث (واجهة Pagefind: تملأ [SEARCH_TERM] و[COUNT])
search = بحث
search-title = البحث في الموقع
search-label = البحث في هذا الموقع
search-placeholder = ابحث في الأخبار والإحصاءات
search-clear = مسح
search-load-more = المزيد من النتائج
search-zero-results = لا توجد نتائج لـ [SEARCH_TERM]
search-one-result = نتيجة واحدة لـ [SEARCH_TERM]
search-many-results = [COUNT] نتيجة لـ [SEARCH_TERM]
search-searching = جارٍ البحث عن [SEARCH_TERM]…
search-no-script = يتطلب البحث JavaScript، وهو معطَّل في هذا المتصفح. ويمكن الوصول إلى كل صفحة بالتصفح أيضًا:
search-preview = لا يُبنى البحث في المعاينة: يعمل في الموقع الذي يكتبه الأمر safestat build. يمكنك التصفح في الأثناء:
search-browse = تصفَّح الموقع
search-sitemap = خريطة الموقع (كل الصفحات)
