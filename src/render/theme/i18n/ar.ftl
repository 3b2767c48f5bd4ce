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

## الجداول والرسوم البيانية بلغة الصفحة (src/publish: html_table, chart)
table-count = العدد
table-total = المجموع
list-pair = { $first } و{ $second }
chart-desc-line = رسم بياني خطي: { $title }، حسب { $axis }.
chart-desc-lines = رسم بياني خطي: { $title }، حسب { $axis }، بخط لكل فئة من فئات { $series }.
chart-desc-bar = رسم بياني بالأعمدة: { $title }، حسب { $axis }.
chart-desc-grouped-bar = رسم بياني بالأعمدة المجمّعة: { $title }، حسب { $axis }، بعمود لكل فئة من فئات { $series } في كل مجموعة.
chart-desc-others = تُعرض القيم لجميع فئات { $others } مجتمعةً.
chart-desc-suppressed-bar = القيم المعلَّمة «{ $suppressed }» (وعددها { $number }) تظهر على شكل دائرة صغيرة مشطوبة عند المحور، لا بحجمها الحقيقي.
chart-desc-suppressed-line = القيم المعلَّمة «{ $suppressed }» (وعددها { $number }) تظهر على شكل انقطاع في الخط ومربع مخطَّط تحت المحور، لا بحجمها الحقيقي.
chart-desc-table = جميع القيم واردة في الجدول المرافق لهذا الرسم البياني.

## نص صفحة المنهجية (src/publish/methodology.rs؛ بصيغة Markdown)
list-separator = { "، " }
methodology-heading = كيف نحمي الأشخاص الذين تمثّلهم هذه الأرقام
methodology-intro = كل رقم في هذا الموقع هو عدد من الحالات. ووراء كل حالة شخص، وقد يكفي عدد صغير جدًا للتعرّف على شخص بعينه: فقد تتمكّن أسرة أو جماعة أو متاجر بالبشر يعرف القصة من معرفة المقصود. لذلك يخضع كل جدول، قبل نشر أي شيء، لضبط الإفصاح الإحصائي.
methodology-threshold-heading = الحدّ الأدنى: { $k }
methodology-threshold = كل عدد ننشره يساوي 0 أو لا يقلّ عن **{ $k }**. ولا يُنشر أي عدد من 1 إلى { $below }، بل نكتب مكانه «{ $suppressed }».
methodology-zeros-published = ويُنشر الصفر كما هو: فالخانة الفارغة لا تصف أحدًا.
methodology-zeros-suppressed = وتُعامَل الأصفار معاملة الأعداد الصغيرة فلا تُنشر هي أيضًا، لأن مجرد معرفة أنه لا أحد في فئة ما قد يكشف هنا شيئًا عن الآخرين.
methodology-secondary-heading = لماذا نحجب بعض الأعداد الأكبر أيضًا
methodology-secondary = لا يكفي حجب الأعداد الصغيرة وحدها: فإذا عرض جدول مجموعًا وكل الأعداد التي يتألّف منها إلا واحدًا، استطاع أي شخص أن يجري عملية طرح فيعرف العدد المحجوب. لذلك نحجب أيضًا أعدادًا أخرى، كثيرًا ما تكون أكبر، نختارها بحيث لا يمكن استنتاج أي عدد محجوب من المجاميع أو من الأعداد الأخرى أو بالجمع بين عدة جداول. وتُحمى جميع جداول هذا الموقع معًا كنظام واحد: فالعدد الذي يظهر في جدولين إما أن يُعرض في كليهما وإما أن يُحجب في كليهما.
methodology-one-marker = يظهر كل عدد محجوب بالشكل نفسه، «{ $suppressed }»، سواء أكان صغيرًا أم حُجب لحماية عدد آخر. فالتمييز بين النوعين يدلّ على الأعداد الصغيرة، ولذلك لا نفعله أبدًا. وفي الرسوم البيانية يظهر العدد المحجوب على شكل دائرة صغيرة مشطوبة عند المحور (وفي الرسم البياني الخطي على شكل انقطاع في الخط وعلامة مخطَّطة تحت المحور)، وهي العلامة نفسها لكل الأعداد المحجوبة: لا تُرسم أبدًا بحجمها الحقيقي ولا على أنها صفر. وفي الملفات القابلة للتنزيل يكون العدد المحجوب خانة `count` فارغة مع القيمة `suppressed` في الخانة `flag`؛ وفي جداول البيانات يُكتب «{ $suppressed }».
methodology-audit-heading = كيف نتحقّق من الحماية
methodology-audit = في كل مرة يُبنى فيها الموقع، يفترض التحقّق وجود شخص يعرف بدقة كل رقم منشور في هذا الموقع، ويعرف أن الجداول متّسقة (فالمجموع هو حاصل جمع أعداده، والحالات المعدودة في جدولين هي الحالات نفسها) وأنه لا يوجد عدد سالب، لكنه لا يعرف أيّ تركيبات الخصائص موجودة فعلًا بين الحالات. ولكل عدد محجوب، يحسب التحقّق أصغر قيمة وأكبر قيمة يمكن أن يظنّها ذلك الشخص، بحلّ المعادلات نفسها التي يستطيع هو حلّها. ويجب أن يكون ممكنًا أن يبلغ العدد الصغير المحجوب { $k } أو أكثر، وألّا يقلّ عدد القيم الممكنة له عن { $span }؛ ولا يجوز أن يُعرف أي عدد محجوب آخر بدقة. وإذا فشل أي تحقّق، لا يُنشر شيء.
methodology-totals-heading = المجاميع
methodology-totals = لكل جدول مجاميع: فالصف أو العمود الذي عنوانه **{ $total }** هو حاصل جمع كل فئات ذلك المتغيّر، محسوبًا من البيانات الكاملة قبل حجب أي شيء. لذلك قد يكون المجموع أكبر من حاصل جمع الأعداد المعروضة بجانبه، وقد يُحجب المجموع نفسه.
methodology-pooling-heading = «{ $other }» و«{ $unknown }»
methodology-pooling = لا تُعرض منفردةً الفئات التي تضم عددًا قليلًا جدًا من الحالات، كجنسية نادرة مثلًا، بل تُجمع في فئة واحدة اسمها «{ $other }»، حتى لا تكشف فئة نادرة عن أحد. أما الحالات التي لم تُسجَّل لها قيمة فتُعدّ ضمن «{ $unknown }»، حتى يبقى مجموع فئات الجدول مساويًا لمجموعه الكلي.
methodology-data-heading = البيانات
methodology-data-as-of = تصف الأرقام البيانات كما كانت في **{ $date }**.
methodology-data-at-build = تصف الأرقام البيانات كما كانت عند آخر بناء لهذا الموقع.
methodology-data-editions = ولا تشمل الحالات المسجّلة لاحقًا أو المصحَّحة منذ ذلك الحين، لذا قد تتغيّر الأرقام من إصدار إلى آخر.
methodology-tables-heading = الجداول
methodology-table-by = — حسب { $dimensions }
methodology-table-filter = ؛ { $filter }
methodology-table-total = مجموع الحالات: { $number }
methodology-table-total-hidden = المجموع { $suppressed }
methodology-table-cells = ({ $total }؛ الخلايا «{ $suppressed }»: { $hidden } من أصل { $cells }).
methodology-records-heading = سجلات الحالات: { $file }
methodology-records = إلى جانب الجداول، تُنشر سجلات الحالات في *{ $title }* نفسها، بصف لكل حالة وبترتيب عشوائي، في الملف [{ $file }]({ $url }) (عدد السجلات: { $number }). وقبل نشرها طُبّق عليها إخفاء الهوية بطريقة k-anonymity: فكل تركيبة من { $quasi }، أي ما قد يعرفه شخص يعرف إحدى الضحايا، لا يقلّ عدد السجلات التي تشترك فيها عن **{ $k }**.
methodology-records-l-diverse = إلى جانب الجداول، تُنشر سجلات الحالات في *{ $title }* نفسها، بصف لكل حالة وبترتيب عشوائي، في الملف [{ $file }]({ $url }) (عدد السجلات: { $number }). وقبل نشرها طُبّق عليها إخفاء الهوية بطريقة k-anonymity: فكل تركيبة من { $quasi }، أي ما قد يعرفه شخص يعرف إحدى الضحايا، لا يقلّ عدد السجلات التي تشترك فيها عن **{ $k }**، ولا يقلّ عدد القيم المختلفة لـ{ $sensitive } في هذه السجلات عن **{ $l }** (تنوّع l)، فمعرفة المجموعة التي ينتمي إليها شخص ما لا تكشف أيّ هذه القيم تخصّه.
methodology-records-generalised = كيف تُنشر كل خاصية من هذه الخصائص:
methodology-records-as-recorded = تُنشر { $columns } كما سُجِّلت.
methodology-records-blank = **الخانة الفارغة تعني «غير معروف أو غير منشور»**: فإما أن القيمة لم تُسجَّل قط، وإما أنها حُذفت لحماية السجل. ويبدو الأمران متطابقين عن قصد، ولا تطابق الخانة الفارغة إلا خانات فارغة أخرى. وتُستبعد من الملف السجلات التي لم يكن حذف القيم كافيًا لحمايتها. وتُحسب جداول هذه البيانات من السجلات المنشورة، لا من سجلات الحالات الأصلية: فهي تعرض الفترات والفئات والمناطق نفسها، وتَعُدّ الخانة الفارغة «غير معروف»، ثم تُحمى كأي جدول آخر، فلا يكشف أي جدول شيئًا لا يكشفه الملف.

## أوصاف حزمة البيانات (src/publish/downloads.rs؛ وملاحظة المنهجية في جداول البيانات)
datapackage-method = أعداد حالات محمية بضبط الإفصاح الإحصائي حتى لا يكشف أي عدد عن هوية شخص. كل عدد منشور يساوي 0 أو لا يقلّ عن { $k }. تُحجب الأعداد من 1 إلى { $below } (الحجب الأولي)، وتُحجب أعداد أخرى عند الحاجة حتى لا يمكن استنتاج أي عدد محجوب من المجاميع (الحجب الثانوي)؛ وقد حُميت جميع الجداول معًا.
datapackage-zeros-published = تُنشر الأصفار كما هي.
datapackage-zeros-suppressed = تُعامَل الأصفار معاملة الأعداد الصغيرة وتُحجب.
datapackage-marker-csv = في الخانة المحجوبة تكون `count` فارغة وتكون `flag` مساوية لـ`{ $flag }`؛ ويبدو نوعا الحجب بالشكل نفسه. والمتغيّر الذي يحمل القيمة `{ $total }` يمثّل مجموع كل فئاته.
datapackage-marker-spreadsheet = تظهر في الخانة المحجوبة عبارة «{ $suppressed }»؛ ويبدو نوعا الحجب بالشكل نفسه. والصف أو العمود الذي عنوانه { $total } هو مجموع كل فئات متغيّره.
datapackage-pooling = تُجمع الفئات النادرة في «{ $other }» وتُعدّ القيم الناقصة ضمن «{ $unknown }».
datapackage-data-as-of = البيانات كما في { $date }.
datapackage-rows = صف لكل خانة، بما في ذلك المجاميع: فالصف الذي يحمل أحد متغيّراته القيمة `{ $total }` هو مجموع كل فئات ذلك المتغيّر (محسوب من كل الحالات، بما فيها الخانات المحجوبة)، لذا فإن جمع كل الصفوف يعدّ الحالات أكثر من مرة؛ والصف الذي يحمل `{ $total }` في كل المتغيّرات هو عدد الحالات.
datapackage-filter = النطاق: { $filter }.
datapackage-dimension = { $label } ({ $kind })، على شكل رمز؛ والتسمية في `{ $column }`. وتدل `{ $total }` على مجموع: فالصف يعدّ كل الحالات من كل فئات هذا المتغيّر.
datapackage-label-title = { $label } (التسمية)
datapackage-label = تسمية `{ $id }` كما تظهر في الموقع؛ و`{ $total }` للمجموع.
datapackage-count-title = العدد
datapackage-count = عدد الحالات: 0 أو { $k } على الأقل. تكون الخانة فارغة إذا لم يُنشر العدد.
datapackage-flag-title = المؤشّر
datapackage-flag = `{ $flag }` إذا لم يُنشر العدد («{ $suppressed }»)؛ وتكون فارغة في غير ذلك.
datapackage-xlsx-title = { $title } (جدول بيانات)
datapackage-xlsx = الجدول `{ $id }` في جدول بيانات: تعرضه الورقة «{ $table-sheet }» كما في صفحته، مع التسميات والمجاميع في أماكنها والأعداد المحجوبة معلَّمة كما في الصفحة؛ وتضم الورقة «{ $notes-sheet }» المنهجية والحدّ الأدنى k والتواريخ والترخيص. وهي الخانات نفسها الموجودة في `{ $id }.csv`.

## الصفحة غير موجودة
not-found-title = الصفحة غير موجودة
not-found-text = الصفحة التي طلبتها غير موجودة أو نُقلت. انتقل إلى
not-found-home = الصفحة الرئيسية
table-region = { $title }، جدول
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
search-nothing = لا يوجد بعد ما يمكن البحث فيه بهذه اللغة. تصفّح الموقع بدلًا من ذلك:
search-browse = تصفَّح الموقع
search-sitemap = خريطة الموقع (كل الصفحات)

## جداول البيانات (src/publish/spreadsheet.rs). اسم الورقة: 31 حرفًا على الأكثر، ولا يحوي [ ] : * ? / \
xlsx-sheet-table = الجدول
xlsx-sheet-notes = ملاحظات
xlsx-covers = النطاق: { $filter }
xlsx-footnote = تعني «{ $suppressed }» عددًا حُجب لحماية الأشخاص الذين يعدّهم. تحتسب المجاميع كل الحالات، بما فيها المحجوبة. انظر الورقة «{ $notes-sheet }».
xlsx-comment = محمي بضبط الإفصاح الإحصائي: كل عدد منشور إما 0 وإما { $k } على الأقل.
xlsx-note-table = الجدول
xlsx-note-description = الوصف
xlsx-note-covers = النطاق
xlsx-note-by = حسب
xlsx-note-publisher = الناشر
xlsx-note-data-as-of = البيانات حتى
xlsx-note-edition = تاريخ هذا الإصدار
xlsx-note-threshold = الحدّ الأدنى (k)
xlsx-note-threshold-text = { $k }: كل عدد منشور إما 0 وإما { $k } على الأقل.
xlsx-note-not-published = غير منشور
xlsx-note-not-published-text = تعني «{ $suppressed }» عددًا محجوبًا: إما لأنه صغير (من 1 إلى { $below }) وإما لأنه قد يُستعمل لاستنتاج عدد صغير من المجاميع. ويظهر النوعان بالشكل نفسه.
xlsx-note-totals = المجاميع
xlsx-note-totals-text = الصف أو العمود الذي عنوانه { $total } يحتسب كل حالات متغيّره، بما فيها الخانات المحجوبة، لذلك يكون عادةً أكبر من مجموع الأعداد المنشورة بجانبه.
xlsx-note-method = المنهجية
xlsx-note-licence = الترخيص
xlsx-note-machine-readable = صيغة قابلة للقراءة آليًا
xlsx-note-machine-readable-text = { $file }: الخانات نفسها مع الرموز والتسميات، صف لكل خانة

## نطاق الجدول (عامل تصفية في data/tables.toml؛ تُكتب السنوات بلا فواصل)
period = الفترة
filter-range = { $column } { $from }–{ $to }
filter-from = { $column } من { $from }
filter-up-to = { $column } حتى { $to }
filter-values = { $column }: { $values }

## النشر على مستوى السجلات في datapackage.json (src/publish/records.rs؛ وقائمة صفحة المنهجية)
records-title = { $title }: سجلات الحالات (بإخفاء الهوية k)
records-description = صف لكل حالة، بترتيب عشوائي. كل تركيبة من { $quasi } يشترك فيها { $k } صفًا على الأقل؛ والخانة الفارغة قيمة مجهولة أو محجوبة، ولا تطابق إلا خانة فارغة أخرى. وتُستبعد السجلات التي لم يكن ممكنًا حمايتها بالحجب.
records-description-l-diverse = صف لكل حالة، بترتيب عشوائي. كل تركيبة من { $quasi } يشترك فيها { $k } صفًا على الأقل، وتضم هذه الصفوف { $l } قيم مختلفة على الأقل من { $sensitive } (وتُحتسب الخانة الفارغة قيمة واحدة)؛ والخانة الفارغة قيمة مجهولة أو محجوبة، ولا تطابق إلا خانة فارغة أخرى. وتُستبعد السجلات التي لم يكن ممكنًا حمايتها بالحجب.
records-field-quasi = { $label }: معرِّف شبه مباشر (خاصية قد يعرفها من يعرف الضحية)، { $generalisation }؛ فارغة إذا كانت مجهولة أو حُجبت لحماية السجل.
records-field-sensitive = { $label }: المتغيّر الحساس، كما سُجّل؛ فارغ إذا كان مجهولًا.
records-field-sensitive-l-diverse = { $label }: المتغيّر الحساس، كما سُجّل؛ وتضم كل تركيبة من المعرِّفات شبه المباشرة { $l } قيم مختلفة منه على الأقل؛ فارغ إذا كان مجهولًا.
records-field-other = { $label }: كما سُجّل؛ فارغ إذا كان مجهولًا.
records-as-recorded = كما سُجّل
records-generalised = معمَّم: { $categories }
records-generalised-count = معمَّم ({ $count } فئات)
records-generalised-to = معمَّم إلى { $level }: { $categories }
records-generalised-to-count = معمَّم إلى { $level } ({ $count } فئات)

# A moved page's redirect (alias.html), and the link from a record release to the methodology.
alias-title = إعادة التوجيه إلى
alias-moved = نُقلت هذه الصفحة إلى
records-how-protected = كيف تُحمى السجلات
