<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL" sourcelanguage="en_GB">
<context>
    <name>Kiosk</name>
    <message>
        <source>Visitor</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Gość</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wykonawca</translation>
    </message>
    <message>
        <source>Parent or carer</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rodzic lub opiekun</translation>
    </message>
    <message>
        <source>Collecting a child</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Odbiór dziecka</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wolontariusz</translation>
    </message>
    <message>
        <source>Supply staff</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Personel zastępczy</translation>
    </message>
    <message>
        <source>Governor</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Członek rady szkoły</translation>
    </message>
    <message>
        <source>Meeting someone at the school</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Spotkanie z kimś w szkole</translation>
    </message>
    <message>
        <source>Working on the building or grounds</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prace w budynku lub na terenie szkoły</translation>
    </message>
    <message>
        <source>A meeting, an event or helping out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Spotkanie, wydarzenie lub pomoc</translation>
    </message>
    <message>
        <source>Picking up a pupil</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Odbiór ucznia</translation>
    </message>
    <message>
        <source>Reading, clubs or trips</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Czytanie, kółka lub wycieczki</translation>
    </message>
    <message>
        <source>Teaching or support cover</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Zastępstwo w nauczaniu lub wsparciu</translation>
    </message>
    <message>
        <source>Governing body business</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Sprawy rady szkoły</translation>
    </message>
    <message>
        <source>{0}, you&apos;re already signed in.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">{0}, Twoje wejście jest już zarejestrowane.</translation>
    </message>
    <message>
        <source>You signed in at {0}. Are you leaving now?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wejście zarejestrowano o {0}. Czy teraz wychodzisz?</translation>
    </message>
    <message>
        <source>Thank you, {0}. You&apos;re still signed in.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dziękujemy, {0}. Twoje wejście nadal jest zarejestrowane.</translation>
    </message>
    <message>
        <source>Nothing has changed. Please keep wearing your badge.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nic się nie zmieniło. Prosimy nadal nosić identyfikator.</translation>
    </message>
    <message>
        <source>Signing you in…</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rejestrujemy Twoje wejście…</translation>
    </message>
    <message>
        <source>Your badge is printing. Please wear it where it can be seen.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Twój identyfikator jest drukowany. Prosimy nosić go w widocznym miejscu.</translation>
    </message>
    <message>
        <source>Your badge will be handed to you at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Identyfikator otrzymasz w recepcji.</translation>
    </message>
    <message>
        <source>Please wait in reception; your child will be brought to you.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prosimy zaczekać w recepcji; dziecko zostanie do Ciebie przyprowadzone.</translation>
    </message>
    <message>
        <source>Please take a seat in reception; someone will come to meet you.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prosimy usiąść w recepcji; ktoś wkrótce po Ciebie przyjdzie.</translation>
    </message>
    <message>
        <source>Thank you, {0}. You&apos;re signed in.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dziękujemy, {0}. Twoje wejście zostało zarejestrowane.</translation>
    </message>
    <message>
        <source>Your visitor pass: take a photo of this code and scan it here next time.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Twoja przepustka gościa: zrób zdjęcie tego kodu i zeskanuj go tutaj następnym razem.</translation>
    </message>
    <message>
        <source>Sign out {0}?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Zarejestrować wyjście: {0}?</translation>
    </message>
    <message>
        <source>Signed in at {0}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wejście o {0}.</translation>
    </message>
    <message>
        <source>Goodbye, {0}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Do widzenia, {0}.</translation>
    </message>
    <message>
        <source>You are signed out. Thank you for visiting.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Twoje wyjście zostało zarejestrowane. Dziękujemy za wizytę.</translation>
    </message>
    <message>
        <source>Please hand your badge in at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prosimy oddać identyfikator w recepcji.</translation>
    </message>
    <message>
        <source>Signed in, {0}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wejście zapisane, {0}</translation>
    </message>
    <message>
        <source>Signed out, {0}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wyjście zapisane, {0}</translation>
    </message>
    <message>
        <source>at {0}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">o {0}</translation>
    </message>
    <message>
        <source>Are you still there?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Czy nadal tu jesteś?</translation>
    </message>
    <message>
        <source>Yes, I&apos;m still here</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Tak, nadal tu jestem</translation>
    </message>
    <message>
        <source>Please read our Code of Conduct</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prosimy przeczytać nasz Kodeks postępowania</translation>
    </message>
    <message>
        <source>This Code of Conduct has not been translated into your language yet, so it is shown in English. If you would like help with it, please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Ten Kodeks postępowania nie został jeszcze przetłumaczony na Twój język, dlatego jest wyświetlany po angielsku. Jeśli potrzebujesz pomocy, zapytaj w recepcji.</translation>
    </message>
    <message>
        <source>Code of Conduct</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Kodeks postępowania</translation>
    </message>
    <message>
        <source>Your signature (optional):</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Twój podpis (opcjonalnie):</translation>
    </message>
    <message>
        <source>Clear</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wyczyść</translation>
    </message>
    <message>
        <source>I do not agree</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nie zgadzam się</translation>
    </message>
    <message>
        <source>Scroll down</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Przewiń w dół</translation>
    </message>
    <message>
        <source>Please read to the end to continue.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Przeczytaj do końca, aby kontynuować.</translation>
    </message>
    <message>
        <source>I have read and agree</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Przeczytałem(-am) i akceptuję</translation>
    </message>
    <message>
        <source>Before you collect</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Przed odbiorem dziecka</translation>
    </message>
    <message>
        <source>I understand</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rozumiem</translation>
    </message>
    <message>
        <source>Agency</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Agencja</translation>
    </message>
    <message>
        <source>Company</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Firma</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Organizacja</translation>
    </message>
    <message>
        <source>Who are you here to see?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Z kim masz się spotkać?</translation>
    </message>
    <message>
        <source>Class or staff member</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Klasa lub pracownik</translation>
    </message>
    <message>
        <source>Work you are doing</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wykonywane prace</translation>
    </message>
    <message>
        <source>Reason for your visit</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Cel wizyty</translation>
    </message>
    <message>
        <source>Car registration</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Numer rejestracyjny samochodu</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Numer telefonu komórkowego</translation>
    </message>
    <message>
        <source>Child&apos;s full name</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Imię i nazwisko dziecka</translation>
    </message>
    <message>
        <source>Child&apos;s class</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Klasa dziecka</translation>
    </message>
    <message>
        <source>Your relationship to the child</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Kim jesteś dla dziecka</translation>
    </message>
    <message>
        <source>e.g. Mrs Patel</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">np. Mrs Patel</translation>
    </message>
    <message>
        <source>e.g. AB12 CDE</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">np. AB12 CDE</translation>
    </message>
    <message>
        <source>e.g. 07700 900123</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">np. 07700 900123</translation>
    </message>
    <message>
        <source>e.g. Year 2</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">np. Year 2</translation>
    </message>
    <message>
        <source>e.g. grandparent, aunt</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">np. dziadek, ciocia</translation>
    </message>
    <message>
        <source>Who are you today?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Kim jesteś dzisiaj?</translation>
    </message>
    <message>
        <source>Your family&apos;s collection password</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Hasło odbioru Twojej rodziny</translation>
    </message>
    <message>
        <source>Please type the collection password the child&apos;s family gave the school.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wpisz hasło odbioru, które rodzina dziecka przekazała szkole.</translation>
    </message>
    <message>
        <source>Collection password</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Hasło odbioru</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Anuluj</translation>
    </message>
    <message>
        <source>I don&apos;t know it</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nie znam go</translation>
    </message>
    <message>
        <source>Continue</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dalej</translation>
    </message>
    <message>
        <source>Please type the password, or tap “I don&apos;t know it”.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wpisz hasło lub dotknij „Nie znam go”.</translation>
    </message>
    <message>
        <source>What is your name?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Jak się nazywasz?</translation>
    </message>
    <message>
        <source>Change who you are signing in as</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Zmień rodzaj wizyty</translation>
    </message>
    <message>
        <source>First name</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Imię</translation>
    </message>
    <message>
        <source>Surname</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nazwisko</translation>
    </message>
    <message>
        <source>I&apos;ve been here before</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Byłem(-am) tu już wcześniej</translation>
    </message>
    <message>
        <source>Last 3 digits of your mobile number:</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Ostatnie 3 cyfry numeru komórkowego:</translation>
    </message>
    <message>
        <source>Last 3 digits of your mobile number</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Ostatnie 3 cyfry numeru komórkowego</translation>
    </message>
    <message>
        <source>Back</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wstecz</translation>
    </message>
    <message>
        <source>Next</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dalej</translation>
    </message>
    <message>
        <source>Signing in as: {0}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rodzaj wizyty: {0}</translation>
    </message>
    <message>
        <source>Please type your first name and your surname.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prosimy wpisać imię i nazwisko.</translation>
    </message>
    <message>
        <source>Please type the last 3 digits of your mobile number.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prosimy wpisać ostatnie 3 cyfry numeru komórkowego.</translation>
    </message>
    <message>
        <source>Welcome back, {0}. Please check your details.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Witamy ponownie, {0}. Prosimy sprawdzić swoje dane.</translation>
    </message>
    <message>
        <source>Thank you, {0}. Who are you collecting?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dziękujemy, {0}. Kogo odbierasz?</translation>
    </message>
    <message>
        <source>Thank you, {0}. A few details, please.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dziękujemy, {0}. Prosimy o kilka informacji.</translation>
    </message>
    <message>
        <source>Thank you, {0}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dziękujemy, {0}.</translation>
    </message>
    <message>
        <source>We couldn&apos;t find your earlier visit, so please fill in your details. That&apos;s fine.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nie znaleźliśmy Twojej poprzedniej wizyty, więc prosimy uzupełnić dane. Nic się nie stało.</translation>
    </message>
    <message>
        <source>(optional)</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">(opcjonalnie)</translation>
    </message>
    <message>
        <source>(type to change)</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">(wpisz, aby zmienić)</translation>
    </message>
    <message>
        <source>Please fill in the boxes marked in red.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prosimy wypełnić pola zaznaczone na czerwono.</translation>
    </message>
    <message>
        <source>Signing out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Rejestracja wyjścia</translation>
    </message>
    <message>
        <source>Hold the QR code on your badge under the scanner.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Przyłóż kod QR z identyfikatora do skanera.</translation>
    </message>
    <message>
        <source>Or type your name:</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Lub wpisz imię i nazwisko:</translation>
    </message>
    <message>
        <source>Find me</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Znajdź mnie</translation>
    </message>
    <message>
        <source>We couldn&apos;t find that name signed in today. Please check it, or ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nie znaleźliśmy dziś wejścia na to imię i nazwisko. Sprawdź je lub zapytaj w recepcji.</translation>
    </message>
    <message>
        <source>More than one person with this name is signed in. Which is you?</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Jest tu więcej niż jedna osoba o tym imieniu i nazwisku. Którą z nich jesteś?</translation>
    </message>
    <message>
        <source>{0}  ·  signed in at {1}</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">{0}  ·  wejście o {1}</translation>
    </message>
    <message>
        <source>Staff: sign in or out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Personel: wejście lub wyjście</translation>
    </message>
    <message>
        <source>Staff only: leave the kiosk</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Tylko dla personelu: zamknij kiosk</translation>
    </message>
    <message>
        <source>Scan your staff card, or type your name and kiosk PIN.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Zeskanuj kartę pracownika albo wpisz imię i nazwisko oraz PIN kiosku.</translation>
    </message>
    <message>
        <source>Your first name and surname</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Imię i nazwisko</translation>
    </message>
    <message>
        <source>Your name as on your staff account</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Imię i nazwisko jak na koncie pracownika</translation>
    </message>
    <message>
        <source>Name</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Imię i nazwisko</translation>
    </message>
    <message>
        <source>PIN</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">PIN</translation>
    </message>
    <message>
        <source>Sign in or out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wejście lub wyjście</translation>
    </message>
    <message>
        <source>Leave kiosk</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Zamknij kiosk</translation>
    </message>
    <message>
        <source>Please type your name and PIN.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wpisz imię i nazwisko oraz PIN.</translation>
    </message>
    <message>
        <source>No screening list copy yet: offline, every sign-in is held.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Brak jeszcze kopii listy kontrolnej: offline każde wpisanie się jest wstrzymane.</translation>
    </message>
    <message>
        <source>Screening list copy {0} h old, too old: every sign-in is held.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Kopia listy kontrolnej sprzed {0} h, zbyt stara: każde wpisanie się jest wstrzymane.</translation>
    </message>
    <message>
        <source>Screening list copy: {0} h old.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Kopia listy kontrolnej: sprzed {0} h.</translation>
    </message>
    <message>
        <source>Offline.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Offline.</translation>
    </message>
    <message>
        <source>To send: {0}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Do wysłania: {0}.</translation>
    </message>
    <message>
        <source>Held: {0}, call reception on {1}.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wstrzymani: {0}, zadzwoń do recepcji: {1}.</translation>
    </message>
    <message>
        <source>Held: {0}, go to reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wstrzymani: {0}, przejdź do recepcji.</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Witamy</translation>
    </message>
    <message>
        <source>Been here before? Scan your visitor pass to sign in.
Leaving? Scan the QR code on your badge, or tap Sign out.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Byłeś(-aś) tu wcześniej? Zeskanuj przepustkę gościa, aby wejść.
Wychodzisz? Zeskanuj kod QR z identyfikatora lub dotknij Wyjście.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wejście</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wyjście</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Większy tekst</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wysoki kontrast</translation>
    </message>
    <message>
        <source>Staff</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Personel</translation>
    </message>
    <message>
        <source>Done</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Gotowe</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Powrót do początku</translation>
    </message>
    <message>
        <source>Yes, sign me out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Tak, wychodzę</translation>
    </message>
    <message>
        <source>No, go back</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nie, wróć</translation>
    </message>
    <message>
        <source>Sign me out</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wychodzę</translation>
    </message>
    <message>
        <source>I&apos;m staying</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Zostaję</translation>
    </message>
    <message>
        <source>Thank you.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Dziękujemy.</translation>
    </message>
    <message>
        <source>Please take a seat; someone from reception will be with you shortly.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prosimy usiąść; ktoś z recepcji wkrótce do Ciebie podejdzie.</translation>
    </message>
    <message>
        <source>Sorry, something went wrong.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Przepraszamy, coś poszło nie tak.</translation>
    </message>
    <message>
        <source>Please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prosimy zapytać w recepcji.</translation>
    </message>
    <message>
        <source>You have not been signed in, and nothing you typed has been kept.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wejście nie zostało zarejestrowane i nie zachowano niczego, co wpisano.</translation>
    </message>
    <message>
        <source>If you have any questions, please speak to reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">W razie pytań prosimy zwrócić się do recepcji.</translation>
    </message>
    <message>
        <source>Our badge printer is not working just now: your badge will be handed to you at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nasza drukarka identyfikatorów chwilowo nie działa: identyfikator otrzymasz w recepcji.</translation>
    </message>
    <message>
        <source>Staff exit (hold for three seconds)</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wyjście dla personelu (przytrzymaj trzy sekundy)</translation>
    </message>
    <message>
        <source>Shift</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Shift</translation>
    </message>
    <message>
        <source>Delete</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Usuń</translation>
    </message>
    <message>
        <source>Delete the last letter</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Usuń ostatnią literę</translation>
    </message>
    <message>
        <source>Accented letters</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Litery ze znakami diakrytycznymi</translation>
    </message>
    <message>
        <source>Space</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Spacja</translation>
    </message>
    <message>
        <source>Signature pad</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Pole podpisu</translation>
    </message>
    <message>
        <source>Sign here with your finger</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Podpisz się tutaj palcem</translation>
    </message>
    <message>
        <source>That badge was not recognised. Please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nie rozpoznano tego identyfikatora. Prosimy zapytać w recepcji.</translation>
    </message>
    <message>
        <source>That code was not recognised. Please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nie rozpoznano tego kodu. Prosimy zapytać w recepcji.</translation>
    </message>
    <message>
        <source>You are already signed out. Thank you for visiting.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Twoje wyjście jest już zarejestrowane. Dziękujemy za wizytę.</translation>
    </message>
    <message>
        <source>That visit no longer exists.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Ta wizyta już nie istnieje.</translation>
    </message>
    <message>
        <source>Please enter the name of the child you are collecting.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prosimy wpisać imię i nazwisko odbieranego dziecka.</translation>
    </message>
    <message>
        <source>Please say how you are related to the child.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prosimy podać, kim jesteś dla dziecka.</translation>
    </message>
    <message>
        <source>The Code of Conduct must be read and agreed to before signing in.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Przed wejściem trzeba przeczytać i zaakceptować Kodeks postępowania.</translation>
    </message>
    <message>
        <source>The Code of Conduct changed while you were reading it. Please read it again.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Kodeks postępowania zmienił się w trakcie czytania. Prosimy przeczytać go ponownie.</translation>
    </message>
    <message>
        <source>Please enter the first name.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prosimy wpisać imię.</translation>
    </message>
    <message>
        <source>Please enter the surname.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Prosimy wpisać nazwisko.</translation>
    </message>
    <message>
        <source>The first name must contain letters.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Imię musi zawierać litery.</translation>
    </message>
    <message>
        <source>The surname must contain letters.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nazwisko musi zawierać litery.</translation>
    </message>
    <message>
        <source>The first name contains characters that cannot be used.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Imię zawiera znaki, których nie można użyć.</translation>
    </message>
    <message>
        <source>The surname contains characters that cannot be used.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Nazwisko zawiera znaki, których nie można użyć.</translation>
    </message>
</context>
<context>
    <name>NamePage</name>
    <message numerus="yes">
        <source>Those digits don&apos;t match. Please try again (%n more tries).</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">
            <numerusform>Te cyfry się nie zgadzają. Spróbuj ponownie (została %n próba).</numerusform>
            <numerusform>Te cyfry się nie zgadzają. Spróbuj ponownie (zostały %n próby).</numerusform>
            <numerusform>Te cyfry się nie zgadzają. Spróbuj ponownie (zostało %n prób).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SetupCodeDialog</name>
    <message>
        <source>Set-up code</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Kod konfiguracji</translation>
    </message>
    <message>
        <source>This kiosk is not set up yet.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Ten kiosk nie jest jeszcze skonfigurowany.</translation>
    </message>
    <message>
        <source>Type the set-up code that `kiosk db upgrade` printed when the database was made. If you are visiting the school, please ask at reception.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Wpisz kod konfiguracji, który wydrukowało `kiosk db upgrade` przy tworzeniu bazy danych. Jeśli odwiedzasz szkołę, zapytaj w recepcji.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Anuluj</translation>
    </message>
    <message>
        <source>Open the set-up</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">Otwórz konfigurację</translation>
    </message>
    <message>
        <source>That is not the set-up code. Please try again.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">To nie jest kod konfiguracji. Spróbuj ponownie.</translation>
    </message>
</context>
<context>
    <name>StillThereOverlay</name>
    <message numerus="yes">
        <source>Going back to the start in %n seconds.</source>
        <translatorcomment>Draft translation: needs review by a native speaker before a school relies on it.</translatorcomment>
        <translation type="unfinished">
            <numerusform>Powrót do początku za %n sekundę.</numerusform>
            <numerusform>Powrót do początku za %n sekundy.</numerusform>
            <numerusform>Powrót do początku za %n sekund.</numerusform>
        </translation>
    </message>
</context>
</TS>
