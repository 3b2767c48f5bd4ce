# كلمات الموقع الخاصة (templates/partials/header.html).
iom-worldwide = المنظمة الدولية للهجرة في العالم

# IOM Lebanon writes the Levantine month names, as Lebanese media do.
month-1 = كانون الثاني
month-2 = شباط
month-3 = آذار
month-4 = نيسان
month-5 = أيار
month-6 = حزيران
month-7 = تموز
month-8 = آب
month-9 = أيلول
month-10 = تشرين الأول
month-11 = تشرين الثاني
month-12 = كانون الأول
