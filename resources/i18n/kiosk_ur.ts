<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ur_PK" sourcelanguage="en_GB">
<context>
    <name>Kiosk</name>
    <message>
        <source>Visitor</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">مہمان</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">ٹھیکیدار</translation>
    </message>
    <message>
        <source>Parent or carer</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">والدین یا سرپرست</translation>
    </message>
    <message>
        <source>Collecting a child</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">بچے کو لینا</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">رضاکار</translation>
    </message>
    <message>
        <source>Supply staff</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">عارضی عملہ</translation>
    </message>
    <message>
        <source>Governor</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">گورنر</translation>
    </message>
    <message>
        <source>Meeting someone at the school</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">اسکول میں کسی سے ملاقات</translation>
    </message>
    <message>
        <source>Working on the building or grounds</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">عمارت یا احاطے میں کام</translation>
    </message>
    <message>
        <source>A meeting, an event or helping out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">ملاقات، تقریب یا مدد</translation>
    </message>
    <message>
        <source>Picking up a pupil</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">کسی طالب علم کو لینا</translation>
    </message>
    <message>
        <source>Reading, clubs or trips</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">مطالعہ، کلب یا سیر</translation>
    </message>
    <message>
        <source>Teaching or support cover</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">تدریس یا معاونت میں عارضی کام</translation>
    </message>
    <message>
        <source>Governing body business</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">گورننگ باڈی کا کام</translation>
    </message>
    <message>
        <source>{0}, you&apos;re already signed in.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">{0}، آپ پہلے ہی سائن اِن ہیں۔</translation>
    </message>
    <message>
        <source>You signed in at {0}. Are you leaving now?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ نے {0} بجے سائن اِن کیا تھا۔ کیا آپ اب جا رہے ہیں؟</translation>
    </message>
    <message>
        <source>Thank you, {0}. You&apos;re still signed in.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">شکریہ، {0}۔ آپ ابھی بھی سائن اِن ہیں۔</translation>
    </message>
    <message>
        <source>Nothing has changed. Please keep wearing your badge.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">کچھ نہیں بدلا۔ براہِ کرم اپنا بیج پہنے رکھیں۔</translation>
    </message>
    <message>
        <source>Signing you in…</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کو سائن اِن کیا جا رہا ہے…</translation>
    </message>
    <message>
        <source>Your badge is printing. Please wear it where it can be seen.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کا بیج پرنٹ ہو رہا ہے۔ براہِ کرم اسے ایسی جگہ پہنیں جہاں نظر آئے۔</translation>
    </message>
    <message>
        <source>Your badge will be handed to you at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کا بیج آپ کو استقبالیہ پر دیا جائے گا۔</translation>
    </message>
    <message>
        <source>Please wait in reception; your child will be brought to you.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم استقبالیہ میں انتظار کریں؛ آپ کے بچے کو آپ کے پاس لایا جائے گا۔</translation>
    </message>
    <message>
        <source>Please take a seat in reception; someone will come to meet you.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم استقبالیہ میں تشریف رکھیں؛ کوئی آپ سے ملنے آئے گا۔</translation>
    </message>
    <message>
        <source>Thank you, {0}. You&apos;re signed in.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">شکریہ، {0}۔ آپ سائن اِن ہو گئے ہیں۔</translation>
    </message>
    <message>
        <source>Your visitor pass: take a photo of this code and scan it here next time.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کا وزیٹر پاس: اس کوڈ کی تصویر لے لیں اور اگلی بار اسے یہاں اسکین کریں۔</translation>
    </message>
    <message>
        <source>Sign out {0}?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">{0} کو سائن آؤٹ کریں؟</translation>
    </message>
    <message>
        <source>Signed in at {0}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">{0} بجے سائن اِن کیا۔</translation>
    </message>
    <message>
        <source>Goodbye, {0}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">خدا حافظ، {0}۔</translation>
    </message>
    <message>
        <source>You are signed out. Thank you for visiting.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ سائن آؤٹ ہو گئے ہیں۔ تشریف لانے کا شکریہ۔</translation>
    </message>
    <message>
        <source>Please hand your badge in at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم اپنا بیج استقبالیہ پر واپس کر دیں۔</translation>
    </message>
    <message>
        <source>Signed in, {0}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">سائن اِن ہو گیا، {0}</translation>
    </message>
    <message>
        <source>Signed out, {0}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">سائن آؤٹ ہو گیا، {0}</translation>
    </message>
    <message>
        <source>at {0}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">{0} بجے</translation>
    </message>
    <message>
        <source>Are you still there?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">کیا آپ ابھی یہیں ہیں؟</translation>
    </message>
    <message>
        <source>Yes, I&apos;m still here</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">جی ہاں، میں یہیں ہوں</translation>
    </message>
    <message>
        <source>Please read our Code of Conduct</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم ہمارا ضابطۂ اخلاق پڑھیں</translation>
    </message>
    <message>
        <source>This Code of Conduct has not been translated into your language yet, so it is shown in English. If you would like help with it, please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">یہ ضابطۂ اخلاق ابھی آپ کی زبان میں ترجمہ نہیں ہوا، اس لیے یہ انگریزی میں دکھایا گیا ہے۔ اگر آپ کو اسے سمجھنے میں مدد چاہیے تو براہِ کرم استقبالیہ پر پوچھیں۔</translation>
    </message>
    <message>
        <source>Code of Conduct</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">ضابطۂ اخلاق</translation>
    </message>
    <message>
        <source>Your signature (optional):</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کے دستخط (اختیاری):</translation>
    </message>
    <message>
        <source>Clear</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">مٹائیں</translation>
    </message>
    <message>
        <source>I do not agree</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">میں متفق نہیں ہوں</translation>
    </message>
    <message>
        <source>Scroll down</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">نیچے جائیں</translation>
    </message>
    <message>
        <source>Please read to the end to continue.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آگے بڑھنے کے لیے براہِ کرم آخر تک پڑھیں۔</translation>
    </message>
    <message>
        <source>I have read and agree</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">میں نے پڑھ لیا ہے اور متفق ہوں</translation>
    </message>
    <message>
        <source>Before you collect</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">بچے کو لینے سے پہلے</translation>
    </message>
    <message>
        <source>I understand</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">مجھے سمجھ آ گئی</translation>
    </message>
    <message>
        <source>Agency</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">ایجنسی</translation>
    </message>
    <message>
        <source>Company</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">کمپنی</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">ادارہ</translation>
    </message>
    <message>
        <source>Who are you here to see?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کس سے ملنے آئے ہیں؟</translation>
    </message>
    <message>
        <source>Class or staff member</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">کلاس یا عملے کا رکن</translation>
    </message>
    <message>
        <source>Work you are doing</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کون سا کام کر رہے ہیں</translation>
    </message>
    <message>
        <source>Reason for your visit</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آنے کی وجہ</translation>
    </message>
    <message>
        <source>Car registration</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">گاڑی کا رجسٹریشن نمبر</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">موبائل نمبر</translation>
    </message>
    <message>
        <source>Child&apos;s full name</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">بچے کا پورا نام</translation>
    </message>
    <message>
        <source>Child&apos;s class</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">بچے کی کلاس</translation>
    </message>
    <message>
        <source>Your relationship to the child</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">بچے سے آپ کا رشتہ</translation>
    </message>
    <message>
        <source>e.g. Mrs Patel</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">مثلاً Mrs Patel</translation>
    </message>
    <message>
        <source>e.g. AB12 CDE</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">مثلاً AB12 CDE</translation>
    </message>
    <message>
        <source>e.g. 07700 900123</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">مثلاً 07700 900123</translation>
    </message>
    <message>
        <source>e.g. Year 2</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">مثلاً Year 2</translation>
    </message>
    <message>
        <source>e.g. grandparent, aunt</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">مثلاً دادا، خالہ</translation>
    </message>
    <message>
        <source>Who are you today?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آج آپ کس حیثیت سے آئے ہیں؟</translation>
    </message>
    <message>
        <source>Your family&apos;s collection password</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کے خاندان کا وصولی کا پاس ورڈ</translation>
    </message>
    <message>
        <source>Please type the collection password the child&apos;s family gave the school.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہ کرم وہ وصولی کا پاس ورڈ ٹائپ کریں جو بچے کے خاندان نے اسکول کو دیا تھا۔</translation>
    </message>
    <message>
        <source>Collection password</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">وصولی کا پاس ورڈ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">منسوخ کریں</translation>
    </message>
    <message>
        <source>I don&apos;t know it</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">مجھے معلوم نہیں</translation>
    </message>
    <message>
        <source>Continue</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">جاری رکھیں</translation>
    </message>
    <message>
        <source>Please type the password, or tap “I don&apos;t know it”.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہ کرم پاس ورڈ ٹائپ کریں، یا “مجھے معلوم نہیں” پر ٹیپ کریں۔</translation>
    </message>
    <message>
        <source>What is your name?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کا نام کیا ہے؟</translation>
    </message>
    <message>
        <source>Change who you are signing in as</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">اپنی حیثیت تبدیل کریں</translation>
    </message>
    <message>
        <source>First name</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">پہلا نام</translation>
    </message>
    <message>
        <source>Surname</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">خاندانی نام</translation>
    </message>
    <message>
        <source>I&apos;ve been here before</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">میں پہلے بھی یہاں آ چکا ہوں</translation>
    </message>
    <message>
        <source>Last 3 digits of your mobile number:</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کے موبائل نمبر کے آخری 3 ہندسے:</translation>
    </message>
    <message>
        <source>Last 3 digits of your mobile number</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کے موبائل نمبر کے آخری 3 ہندسے</translation>
    </message>
    <message>
        <source>Back</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">واپس</translation>
    </message>
    <message>
        <source>Next</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آگے</translation>
    </message>
    <message>
        <source>Signing in as: {0}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">سائن اِن بطور: {0}</translation>
    </message>
    <message>
        <source>Please type your first name and your surname.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم اپنا پہلا نام اور خاندانی نام لکھیں۔</translation>
    </message>
    <message>
        <source>Please type the last 3 digits of your mobile number.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم اپنے موبائل نمبر کے آخری 3 ہندسے لکھیں۔</translation>
    </message>
    <message>
        <source>Welcome back, {0}. Please check your details.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">دوبارہ خوش آمدید، {0}۔ براہِ کرم اپنی تفصیلات دیکھ لیں۔</translation>
    </message>
    <message>
        <source>Thank you, {0}. Who are you collecting?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">شکریہ، {0}۔ آپ کس کو لینے آئے ہیں؟</translation>
    </message>
    <message>
        <source>Thank you, {0}. A few details, please.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">شکریہ، {0}۔ براہِ کرم چند تفصیلات بتائیں۔</translation>
    </message>
    <message>
        <source>Thank you, {0}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">شکریہ، {0}۔</translation>
    </message>
    <message>
        <source>We couldn&apos;t find your earlier visit, so please fill in your details. That&apos;s fine.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">ہمیں آپ کی پچھلی آمد کا ریکارڈ نہیں ملا، اس لیے براہِ کرم اپنی تفصیلات بھر دیں۔ کوئی بات نہیں۔</translation>
    </message>
    <message>
        <source>(optional)</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">(اختیاری)</translation>
    </message>
    <message>
        <source>(type to change)</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">(تبدیل کرنے کے لیے لکھیں)</translation>
    </message>
    <message>
        <source>Please fill in the boxes marked in red.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم سرخ نشان والے خانے پُر کریں۔</translation>
    </message>
    <message>
        <source>Signing out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">سائن آؤٹ</translation>
    </message>
    <message>
        <source>Hold the QR code on your badge under the scanner.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">اپنے بیج پر موجود QR کوڈ کو اسکینر کے نیچے رکھیں۔</translation>
    </message>
    <message>
        <source>Or type your name:</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">یا اپنا نام لکھیں:</translation>
    </message>
    <message>
        <source>Find me</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">مجھے تلاش کریں</translation>
    </message>
    <message>
        <source>We couldn&apos;t find that name signed in today. Please check it, or ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آج اس نام سے کوئی سائن اِن نہیں ملا۔ براہِ کرم نام دیکھ لیں، یا استقبالیہ پر پوچھیں۔</translation>
    </message>
    <message>
        <source>More than one person with this name is signed in. Which is you?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">اس نام کے ایک سے زیادہ لوگ سائن اِن ہیں۔ آپ کون سے ہیں؟</translation>
    </message>
    <message>
        <source>{0}  ·  signed in at {1}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">{0}  ·  {1} بجے سائن اِن</translation>
    </message>
    <message>
        <source>Staff: sign in or out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">عملہ: سائن اِن یا سائن آؤٹ</translation>
    </message>
    <message>
        <source>Staff only: leave the kiosk</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">صرف عملے کے لیے: کیوسک بند کریں</translation>
    </message>
    <message>
        <source>Scan your staff card, or type your name and kiosk PIN.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">اپنا اسٹاف کارڈ اسکین کریں، یا اپنا نام اور کیوسک PIN لکھیں۔</translation>
    </message>
    <message>
        <source>Your first name and surname</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کا پہلا نام اور خاندانی نام</translation>
    </message>
    <message>
        <source>Your name as on your staff account</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کا نام جیسا عملے کے اکاؤنٹ میں ہے</translation>
    </message>
    <message>
        <source>Name</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">نام</translation>
    </message>
    <message>
        <source>PIN</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">PIN</translation>
    </message>
    <message>
        <source>Sign in or out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">سائن اِن یا سائن آؤٹ</translation>
    </message>
    <message>
        <source>Leave kiosk</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">کیوسک بند کریں</translation>
    </message>
    <message>
        <source>Please type your name and PIN.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم اپنا نام اور PIN لکھیں۔</translation>
    </message>
    <message>
        <source>No screening list copy yet: offline, every sign-in is held.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">جانچ کی فہرست کی ابھی کوئی نقل نہیں: آف لائن، ہر سائن ان روک لیا جاتا ہے۔</translation>
    </message>
    <message>
        <source>Screening list copy {0} h old, too old: every sign-in is held.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">جانچ کی فہرست کی نقل {0} گھنٹے پرانی، بہت پرانی: ہر سائن ان روک لیا جاتا ہے۔</translation>
    </message>
    <message>
        <source>Screening list copy: {0} h old.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">جانچ کی فہرست کی نقل: {0} گھنٹے پرانی۔</translation>
    </message>
    <message>
        <source>Offline.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آف لائن۔</translation>
    </message>
    <message>
        <source>To send: {0}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">بھیجنا باقی: {0}۔</translation>
    </message>
    <message>
        <source>Held: {0}, call reception on {1}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">روکے گئے: {0}، استقبالیہ کو {1} پر فون کریں۔</translation>
    </message>
    <message>
        <source>Held: {0}, go to reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">روکے گئے: {0}، استقبالیہ جائیں۔</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">خوش آمدید</translation>
    </message>
    <message>
        <source>Been here before? Scan your visitor pass to sign in.
Leaving? Scan the QR code on your badge, or tap Sign out.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">پہلے آ چکے ہیں؟ سائن اِن کرنے کے لیے اپنا وزیٹر پاس اسکین کریں۔
جا رہے ہیں؟ اپنے بیج کا QR کوڈ اسکین کریں، یا سائن آؤٹ دبائیں۔</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">سائن اِن</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">سائن آؤٹ</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">بڑا متن</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">زیادہ کنٹراسٹ</translation>
    </message>
    <message>
        <source>Staff</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">عملہ</translation>
    </message>
    <message>
        <source>Done</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">ٹھیک ہے</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">شروع پر واپس</translation>
    </message>
    <message>
        <source>Yes, sign me out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">جی ہاں، مجھے سائن آؤٹ کریں</translation>
    </message>
    <message>
        <source>No, go back</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">نہیں، واپس جائیں</translation>
    </message>
    <message>
        <source>Sign me out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">مجھے سائن آؤٹ کریں</translation>
    </message>
    <message>
        <source>I&apos;m staying</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">ابھی رکنا ہے</translation>
    </message>
    <message>
        <source>Thank you.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">شکریہ۔</translation>
    </message>
    <message>
        <source>Please take a seat; someone from reception will be with you shortly.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم تشریف رکھیں؛ استقبالیہ سے کوئی جلد ہی آپ کے پاس آئے گا۔</translation>
    </message>
    <message>
        <source>Sorry, something went wrong.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">معذرت، کچھ غلط ہو گیا۔</translation>
    </message>
    <message>
        <source>Please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم استقبالیہ پر پوچھیں۔</translation>
    </message>
    <message>
        <source>You have not been signed in, and nothing you typed has been kept.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ سائن اِن نہیں ہوئے، اور آپ کا لکھا ہوا کچھ بھی محفوظ نہیں کیا گیا۔</translation>
    </message>
    <message>
        <source>If you have any questions, please speak to reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">اگر آپ کا کوئی سوال ہو تو براہِ کرم استقبالیہ سے بات کریں۔</translation>
    </message>
    <message>
        <source>Our badge printer is not working just now: your badge will be handed to you at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">ہمارا بیج پرنٹر اس وقت کام نہیں کر رہا: آپ کا بیج آپ کو استقبالیہ پر دیا جائے گا۔</translation>
    </message>
    <message>
        <source>Staff exit (hold for three seconds)</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">عملے کا راستہ (تین سیکنڈ دبائے رکھیں)</translation>
    </message>
    <message>
        <source>Shift</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Shift</translation>
    </message>
    <message>
        <source>Delete</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">مٹائیں</translation>
    </message>
    <message>
        <source>Delete the last letter</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آخری حرف مٹائیں</translation>
    </message>
    <message>
        <source>Accented letters</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">اعراب والے حروف</translation>
    </message>
    <message>
        <source>Space</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">وقفہ</translation>
    </message>
    <message>
        <source>Signature pad</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">دستخط کی جگہ</translation>
    </message>
    <message>
        <source>Sign here with your finger</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">یہاں انگلی سے دستخط کریں</translation>
    </message>
    <message>
        <source>That badge was not recognised. Please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">یہ بیج پہچانا نہیں گیا۔ براہِ کرم استقبالیہ پر پوچھیں۔</translation>
    </message>
    <message>
        <source>That code was not recognised. Please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">یہ کوڈ پہچانا نہیں گیا۔ براہِ کرم استقبالیہ پر پوچھیں۔</translation>
    </message>
    <message>
        <source>You are already signed out. Thank you for visiting.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ پہلے ہی سائن آؤٹ ہو چکے ہیں۔ تشریف لانے کا شکریہ۔</translation>
    </message>
    <message>
        <source>That visit no longer exists.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">یہ آمد اب ریکارڈ میں موجود نہیں۔</translation>
    </message>
    <message>
        <source>Please enter the name of the child you are collecting.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم اس بچے کا نام لکھیں جسے آپ لینے آئے ہیں۔</translation>
    </message>
    <message>
        <source>Please say how you are related to the child.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم بتائیں کہ بچے سے آپ کا کیا رشتہ ہے۔</translation>
    </message>
    <message>
        <source>The Code of Conduct must be read and agreed to before signing in.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">سائن اِن سے پہلے ضابطۂ اخلاق پڑھنا اور اس سے اتفاق کرنا ضروری ہے۔</translation>
    </message>
    <message>
        <source>The Code of Conduct changed while you were reading it. Please read it again.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">آپ کے پڑھنے کے دوران ضابطۂ اخلاق تبدیل ہو گیا۔ براہِ کرم اسے دوبارہ پڑھیں۔</translation>
    </message>
    <message>
        <source>Please enter the first name.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم پہلا نام لکھیں۔</translation>
    </message>
    <message>
        <source>Please enter the surname.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">براہِ کرم خاندانی نام لکھیں۔</translation>
    </message>
    <message>
        <source>The first name must contain letters.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">پہلے نام میں حروف ہونے چاہئیں۔</translation>
    </message>
    <message>
        <source>The surname must contain letters.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">خاندانی نام میں حروف ہونے چاہئیں۔</translation>
    </message>
    <message>
        <source>The first name contains characters that cannot be used.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">پہلے نام میں ایسے حروف ہیں جو استعمال نہیں ہو سکتے۔</translation>
    </message>
    <message>
        <source>The surname contains characters that cannot be used.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">خاندانی نام میں ایسے حروف ہیں جو استعمال نہیں ہو سکتے۔</translation>
    </message>
</context>
<context>
    <name>NamePage</name>
    <message numerus="yes">
        <source>Those digits don&apos;t match. Please try again (%n more tries).</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">
            <numerusform>یہ ہندسے میل نہیں کھاتے۔ براہِ کرم دوبارہ کوشش کریں (%n کوشش باقی)۔</numerusform>
            <numerusform>یہ ہندسے میل نہیں کھاتے۔ براہِ کرم دوبارہ کوشش کریں (%n کوششیں باقی)۔</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupCodeDialog</name>
    <message>
        <source>Set-up code</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">سیٹ اپ کوڈ</translation>
    </message>
    <message>
        <source>This kiosk is not set up yet.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">یہ کیوسک ابھی سیٹ اپ نہیں ہوا۔</translation>
    </message>
    <message>
        <source>Type the set-up code that `kiosk db upgrade` printed when the database was made. If you are visiting the school, please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">وہ سیٹ اپ کوڈ لکھیں جو ڈیٹا بیس بنتے وقت `kiosk db upgrade` نے چھاپا تھا۔ اگر آپ اسکول آئے ہیں تو براہِ کرم استقبالیہ پر پوچھیں۔</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">منسوخ کریں</translation>
    </message>
    <message>
        <source>Open the set-up</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">سیٹ اپ کھولیں</translation>
    </message>
    <message>
        <source>That is not the set-up code. Please try again.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">یہ سیٹ اپ کوڈ نہیں ہے۔ براہِ کرم دوبارہ کوشش کریں۔</translation>
    </message>
</context>
<context>
    <name>StillThereOverlay</name>
    <message numerus="yes">
        <source>Going back to the start in %n seconds.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">
            <numerusform>%n سیکنڈ میں شروع پر واپسی۔</numerusform>
            <numerusform>%n سیکنڈ میں شروع پر واپسی۔</numerusform>
        </translation>
    </message>
</context>
</TS>
