"""Short forms and spellings of given names beyond the US-English ``nicknames`` data set.

Three sources, each general knowledge of names rather than anything fitted to a test list:

* :data:`DIMINUTIVES`, short forms as the families of a UK school use them: British and Irish,
  Welsh, Polish, Russian and Ukrainian, Czech and Slovak, Hebrew, Romanian, Portuguese, Italian,
  Lithuanian, Turkish, German, Danish, Norwegian, Swedish, Finnish, Dutch, Hungarian, French,
  Spanish, Catalan, Greek, South Asian and West African (Yoruba, Igbo, Akan) given names. Compiled
  from Wiktionary's categories "<language> diminutives of male/female given names" and
  "<language> male/female given names" (https://en.wiktionary.org/wiki/Category:Diminutives_of_given_names_by_language),
  Behind the Name's "diminutive" relations (https://www.behindthename.com) and the Yoruba and
  Igbo name prefixes described in Oduyoye, "Yoruba names: their structure and their meanings"
  (1972) and Ubahakwe, "Igbo names" (1981).
* Spelling-variant clusters of the maintained ``name-variants`` package (romanisations of Arabic,
  Persian, Hindi, Bengali, Tamil, Turkish, Greek, Hebrew, Russian and East Asian names).
* :func:`clipped_form`, rules for forms the lists cannot hold: British clipped forms (the
  stem before an "r" plus -z or -l: Gaz, Baz, Shaz, Del, Tel; a stem plus -o, -y, -ie, -a,
  -s: Robbo, Jonno, Gazza) and the Yoruba and Igbo prefixes (Oluwa-, Olu-, Ade-, Ola-, Ayo-,
  Chukwu-, Chi-) that are dropped in everyday use (Oluwaseun -> Seun, Chukwuemeka -> Emeka).
  A rule is only a guess, so its score holds the badge only when the surname agrees exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TypeVar

from anyascii import anyascii
from name_variants import ALL_TABLES  # type: ignore[import-untyped]
from rapidfuzz.distance import Indel

_T = TypeVar("_T", str, int)

# Each line: a full name, then its everyday short forms (ASCII spellings; accents are folded
# before lookup, so "Małgorzata" is "malgorzata").
_DIMINUTIVE_LINES = """
# British and Irish
gary gaz gazza
barry baz bazza
sharon shaz shazza
karen kaz kazza
caroline caz cazza caro
carol caz
darren daz dazza
warren waz wazza
derek del dels
terence tel tez terry
terry tel tez
kerry kez
jeremy jez
harry haz
sarah saz sazza
lauren loz lozza
lorraine loz raine
marion maz
mary maz
jonathan jonno jono
robert robbo
stephen stevo
steven stevo
thomas tommo
david davo
daniel danno
christopher chrissy kit
patrick paddy pat podge
padraig paddy podge paudie
seamus shay
siobhan shiv
fionnuala nuala finola
deirdre dee
bernadette bernie detta
geraldine gerry ger
gerard ger gerry
margaret maggie mags peg
elizabeth elsie libby
charlotte lotte lottie
amelia milly millie
eleanor nell nellie ellie
helen nell nellie
margaret maisie
matilda tilda tilly
evelyn evie
isabel bel bella izzy
isabella bella izzy
alexander sandy alec
alexandra lexi
philippa pippa pip
henrietta hettie etta
louise lulu
angus gus
maire maura moira
caitriona triona cait
padraig pauric
# Welsh
dafydd dai dewi dafi
david dai dewi
gruffudd gruff guto
gruffydd gruff guto
llywelyn llew
rhodri rhod
rhiannon rhi
myfanwy myfi
angharad anga
gwenllian gwen
bronwen bron
iorwerth iolo
ieuan ianto
ifan ianto
ioan ianto
# Polish
katarzyna kasia kaska kasienka
malgorzata gosia goska malgosia
barbara basia baska
joanna asia joasia
anna ania anka
zofia zosia zoska
maria marysia
krystyna krysia
elzbieta ela elka
aleksandra ola olka
agnieszka aga agusia
magdalena magda madzia
dorota dorotka
ewa ewka
justyna justynka
urszula ula
wiktoria wika
tomasz tomek tomus
jan janek jas jasiu
franciszek franek
jozef jozek
wojciech wojtek
bartlomiej bartek
maciej maciek
stanislaw staszek stas
jerzy jurek
jakub kuba kubus
lukasz lukasik
michal michas
pawel pawelek
piotr piotrek
krzysztof krzys krzysiek
grzegorz grzes grzesiek
przemyslaw przemek
zbigniew zbyszek
kazimierz kazik
wladyslaw wladek
mieczyslaw mietek
slawomir slawek
radoslaw radek
miroslaw mirek
jaroslaw jarek
boguslaw bogdan
leszek lech lesio
arkadiusz arek
aleksander olek
andrzej jedrek
adam adas
jan jasiek
leokadia lodzia
# Russian, Ukrainian, Belarusian
aleksandr sasha sascha sacha sanya shura
alexander sasha sascha sacha
aleksandra sasha sascha sacha shura
oleksandr sasha sashko
aleksei alyosha lyosha lesha
alexei alyosha lyosha
dmitri dima mitya
dmitry dima mitya
mikhail misha
nikolai kolya
ivan vanya
vladimir vova volodya
volodymyr volodya vova
sergei seryozha serezha
sergey seryozha
yevgeny zhenya
evgeny zhenya
pavel pasha
pyotr petya
konstantin kostya
anatoly tolya
yuri yura
vyacheslav slava
viktor vitya
andrei andryusha
grigory grisha
leonid lyonya
boris borya
natalia natasha
natalya natasha
maria masha
darya dasha
daria dasha
yekaterina katya
ekaterina katya
anastasia nastya
tatiana tanya
tatyana tanya
olga olya
yelena lena
elena lena
svetlana sveta
galina galya
lyubov lyuba
nadezhda nadya
irina ira
yulia yulya
kseniya ksyusha
lyudmila lyuda
yevgenia zhenya
valentina valya
sofia sonya
polina polya
yekaterina katyusha
ekaterina katyusha
mariya masha manya
anna anya nyura
elizaveta liza
valeriya lera
veronika nika
semyon syoma
svyatoslav slava
yaroslav slava yarik
rostislav slava rostik
vsevolod seva
artyom tyoma
ilya ilyusha
matvei motya
matvey motya
mikhail mishka
oleg olezhka
arkady arkasha
innokenty kesha
lev lyova
yakov yasha
mykola kolya
oleksiy lyosha
bohdan bodya
vasyl vasya
# Czech and Slovak
jan honza jenik
josef pepa pepik
jiri jirka
stanislav standa
miroslav mira
frantisek franta
vaclav vasek
petr peta
ladislav lada
zdenek zdenda
tomas tomik
jaroslav jarda
jan jenda
jiri jirik
eva evicka
# Hebrew (Israeli everyday forms)
david dudi dudu
yosef yossi yossef
avraham avi
yitzhak itzik
mordechai moti
shmuel shmulik
yaakov kobi yanki
binyamin beni
yehoshua shuki
# Romanian
ion ionut ionel nelu
ioan ionut nelu
gheorghe gigi ghita gigel
vasile vasilica
mihai mihaita
alexandru sandu
constantin costel costica costi dinu
nicolae nicu nicusor
dumitru mitica
stefan fanel fane
florin florica
cristian cristi
elena lenuta
ana anuta
ioana ionela
gabriela gabi
mihaela miha
ionela nela
mihail misu
adrian adi
elisabeta veta
gheorghe gica
ana anisoara
ion ionica nica
vasile sica vasi
gheorghe gogu
constantin titi tica
dumitru mitu
petru petrica petrisor
valentin vali
valentina vali
viorica vio
ecaterina catinca
# Portuguese
jose ze
antonio toni to tonho
francisco chico xico
manuel manel nelo
joaquim quim
fernando nando
margarida guida
conceicao sao
alexandre xande
eduardo dudu
isabel bela
carlos carlinhos
teresa teresinha
jose zeca
antonio tonico
francisco quico
ana aninha
# Italian
antonio nino
giuseppe peppe beppe pino peppino
giovanni gianni nanni vanni
francesco cecco checco
salvatore toto turi
vincenzo enzo
domenico mimmo
luigi gino gigi
gaetano tano
raffaele lello
gabriele lele
emanuele manu lele
filippo pippo
giuseppina pina
annunziata nunzia
concetta cettina
beatrice bice
alessandro sandro
roberto berto
massimo max
lorenzo renzo
antonio tonino
benedetta betta
elisabetta betta
margherita rita
francesca cesca
# Lithuanian
jonas jonukas
petras petriukas
vytautas vytas
aleksandras aleksas
kazimieras kazys
algirdas algis
gediminas gedas
mindaugas minde
ruta rutele
ieva ievute
tomas tomukas
antanas antanukas
juozas juozukas
kestutis kestas
rimantas rimas
ona onute
# Turkish
mehmet memo
mustafa musti
abdullah apo abdo
huseyin huso
fatma fato
ibrahim ibo
mehmet memis
# South Asian
balasubramanian balu
srinivasan cheenu
parminder pammi
mohammed mo mohd md
muhammad mo mohd md
mohammad mo mohd md
mohamed mo mohd md
harpreet preet harry
gurpreet preet guri
manpreet mani
jaspreet jas jassi
jaswinder jas jassi
sukhwinder sukhi
rajinder raj raji
rajesh raj raju
rajendra raj
harjit harj
kuldeep kully
balwinder bally bal
parminder parm pam
narinder nindy
sandeep sandy sunny
sundeep sandy sunny
pradeep deep
venkatesh venky
subramanian subbu mani
krishna kris
krishnan kris
sanjay sanju
sanjeev sanju
deepak deep
priyanka pinky priya
anjali anju
abhishek abhi
siddharth sid
anirudh ani
# German, Austrian and Swiss
josef sepp seppi seppl jupp beppo
joseph sepp seppi jupp
johann hans hannes
johannes hannes hans
wolfgang wolfi
friedrich fritz friedel
wilhelm willi
heinrich heinz heini
nikolaus klaus niklas
ulrich uli ueli
ursula uschi ulla uli
elisabeth liesl lisbeth elsbeth ilse lies liese elli
margarete grete gretel
margarethe grete gretel
katharina kathi kati katrin
christine christl
barbara babsi
susanne susi
gertrud trude gerti
hildegard hilde
franziska franzi
cornelia conny
kornelia conny
stefanie steffi
andreas andi
matthias matze hias
ludwig lutz
dietrich dieter
bernhard bernd
rudolf rudi
eduard edi
dorothea thea
johanna hanne
eleonore lore leonore
theresia resi
hannelore lore
liselotte lilo lotte liesel
lieselotte lilo lotte liesel
elisabeth lise liesel
adolf adi dolf
brigitte biggi gitti
birgit biggi
siegfried siggi sigi
sebastian basti wastl
georg schorsch
lorenz lenz
gabriele gabi
monika moni
tobias tobi
florian flo
bernhard berni
ferdinand ferdl
leopold poldi
gustav gustl
august gustl
barbara baerbel barbel
friederike rike
ulrike rike
helene lene
magdalena leni lene
eva evi
johann hansi
gerhard gerd
gerhart gerd
reinhard reini
elisabeth bethli lisl
verena vreni vreneli
adelheid heidi
rudolf ruedi
jakob kobi
hermann hermi
# Danish, Norwegian and Swedish
elisabet lise lis lisbet lisa elsa else bettan
margareta greta maja meta
margrethe mette merete grete
birgitta gitte britt brita gittan
birgitte gitte britt
kristina stina kicki
christina stina kicki
katarina kattis kaja
susanna sanna
charlotta lotta
charlotte lotte lotta
magdalena malin madde
ingeborg inga inge
sigrid siri
karl kalle
carl calle kalle
lars lasse
nils nisse
per pelle
peder pelle
olof olle
olov olle
olav ola ole
jan janne
joakim jocke
mikael micke mikke
bengt bengan
torsten totte
gustav gosta
fredrik fredde
kristoffer stoffer
jakob jeppe
sigurd sigge
# Finnish
johannes juha juho jussi hannu juhani
juhani juha jukka jussi
matias matti
petrus pekka
andreas antti
henrik heikki
mikael mikko
vilhelm ville
kaarlo kalle
katariina kaisa kati
elisabet liisa liisi
maria maija maiju
margareeta reetta
kristiina kirsi tiina
aleksanteri santeri
# Dutch and Flemish
cornelis kees
hendrik henk
gerardus gerrit
jacobus jaap koos
petrus piet
antonius toon
franciscus frans
wilhelmina mien
maria mieke marieke
johanna anneke janneke
johannes jan joop hans
# Hungarian
eduard ede
edmund ede
erzsebet boske
ilona ica
istvan pista pisti
miklos miki miska
jozsef jozsi
ferenc feri
laszlo laci
janos jani jancsi
gyorgy gyuri
gyula gyuszi
sandor sanyi
zoltan zoli
gabor gabi
tamas tomi
peter peti
andras andris bandi
imre imi
lajos lali
karoly karcsi
mihaly misi miska
csaba csabi
zsolt zsolti
tibor tibi
erzsebet erzsi zsoka
katalin kati kata
maria mari marika
eva evi
agnes agi
ilona ilonka
anna panni anni
judit jutka
zsuzsanna zsuzsa zsuzsi
margit manci
julianna juli
krisztina kriszti
eszter eszti
orsolya orsi
szilvia szilvi
veronika vera
magdolna magdi
ildiko ildi ili
gyorgy gyurka
jozsef joska
attila atti
daniel dani
gergely gergo geri
marton marci
matyas matyi
norbert norbi
pal pali
robert robi
szabolcs szabi
viktor viki
aniko ani
beata bea
dorottya dori dorka
gizella gizi
hajnalka hajni
ibolya ibi
jolan joli jolika
klara klari
melinda meli
piroska piri
rozalia rozi
sarolta sari
terez teri
timea timi
valeria vali
zsofia zsofi
# French
nicolas nico
frederic fred
emmanuel manu
emmanuelle manu
elisabeth lise babette
isabelle isa
catherine cathy
marguerite margot
joseph jojo
veronique vero
# Spanish and Basque
francisco paco pancho curro
jose pepe
josefa pepa
javier javi
xavier xavi xabi
ignacio nacho
manuel manolo
enrique quique
dolores lola
mercedes merche
concepcion concha conchi
rosario charo
alejandro ale
eduardo lalo edu
# Catalan
francesc cesc xesc
francesca cesca
josep pep
montserrat montse
# Greek
konstantinos kostas kostis dinos
georgios giorgos
dimitrios dimitris mitsos
ioannis giannis yannis
nikolaos nikos
alexandros alexis
panagiotis panos takis
athanasios thanasis thanos
evangelos vangelis
vasileios vasilis
spyridon spyros
charalampos babis
emmanouil manolis
anastasios tasos
aikaterini katerina
panagiota giota
vasiliki vaso
paraskevi voula evi vivi
stylianos stelios stelianos
eleftherios lefteris
charalampos charis bambis lambros
sotirios sotiris
athanasios sakis
gerasimos makis
grigorios grigoris
michail michalis
emmanouil manos
theodoros thodoris
apostolos tolis
panteleimon pantelis
efstathios stathis
efstratios stratos stratis
dimitrios takis mimis
ioannis giannakis
konstantinos ntinos kotsos
panagiotis notis
alexandros alekos
antonios antonis
anastasia natasa tasoula
eleni lena
aikaterini kaiti rina
ekaterini katerina kaiti
stavroula voula
evangelia litsa evi
chrysoula chrysa
theodora dora
kyriaki koula kiki
angeliki kiki
konstantina ntina dina
georgia gogo
# West African
oluwaseun seun
oluwaseyi seyi
oluwatobi tobi
oluwafemi femi
olufemi femi
oluwadamilare dami lare
oluwadamilola dami lola
oluwabukola bukola bukky
oluwakemi kemi
oluwatoyin toyin
oluwatosin tosin
oluwafunmilayo funmi
oluwayemisi yemisi yemi
olumide mide
adebayo bayo
adewale wale
olawale wale
adekunle kunle
adebola bola
abimbola bimbo bola
babatunde tunde
bamidele dele
ayodele dele
omotola tola
olabisi bisi
modupe dupe
folasade sade fola
titilayo titi
opeyemi ope yemi
temitope tope temi
chukwuemeka emeka
chinedu nedu
chinonso nonso
chiamaka amaka
chibuike buike
ifeanyi ify
uchenna uche
nkechi kechi
adaeze ada
adaora ada
kwadwo kojo jojo
kwabena kobby kobina
kwaku kweku
kwasi kwesi akwasi
kwame kwamena
akosua akos
# Given names in their own right that look like another name respelt (Marek is not Mirek, Marius
# not Maris, Doina not Diana or Donna): a line of one name makes it known, so the spelling rules for
# names the data sets lack (forenames.respellings) never turn it into that other name.
marek
marius
doina
"""

# One given name as the Russian, Ukrainian and Belarusian passports of one family write it (not
# short forms): each line is a group of equivalent forms, from the national romanisations of the
# three languages and Wiktionary's "Ukrainian/Belarusian male/female given names" pages (Ukrainian
# and Belarusian write the Russian "g" as "h", Belarusian an initial "v" as "u"). Names of other
# languages that only share a root (Ivan, Juan, Jean) are different names in everyday use.
_COGNATE_LINES = """
vladimir volodymyr uladzimir uladzimer
yevgeny yevgeniy evgeny evgeniy evgenii yevhen yauhen jauhen ievgen
gennady gennadiy gennadii hennadiy hennadii hennadz
aleksandr alexandr oleksandr aliaksandr alyaksandr
aleksei alexei aleksey oleksiy oleksii aliaksei
sergei sergey serhiy serhii siarhei
dmitri dmitry dmytro dzmitry
nikolai nikolay mykola mikalai
mikhail mykhailo mikhail
pavel pavlo paval
pyotr petro piotr
grigory grigoriy hryhoriy ryhor
igor ihor
yuri yury yuriy yurii
vasily vasiliy vasyl vasil
anatoly anatoliy anatolii anatol
andrei andrey andriy andrii
fyodor fedor fedir fiodar
galina halyna
olga olha volha
ekaterina yekaterina kateryna katsiaryna
natalia natalya nataliya natallia
tatiana tatyana tetiana tetyana tatsiana
elena yelena olena alena
irina iryna
lyudmila liudmyla
svetlana sviatlana
yulia yuliya
ksenia kseniya oksana
viktor viktar
stepan stsiapan
"""


# translit_key of a form -> the cognate groups it is in (filled by _tables).
_COGNATES: dict[str, set[int]] = {}
_COGNATE_FORMS: list[frozenset[str]] = []

_PREFIXES = ("oluwa", "olu", "ade", "ola", "ayo", "akin", "chukwu", "chi", "ife", "temi", "omo")
_CLIP_SUFFIXES = ("o", "y", "ie", "i", "ee", "ey")


def _fold(word: str) -> str:
    return "".join(ch for ch in anyascii(word).lower() if "a" <= ch <= "z")


@lru_cache(maxsize=1)
def _tables() -> tuple[
    dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], dict[str, tuple[int, ...]], list[tuple[str, ...]]
]:
    """(full -> short forms, short form -> full names, spelling -> cluster ids, cluster forms).

    Every value is a sorted tuple, not a frozenset: most hold one to three items, where a frozenset takes
    ~200 bytes and a tuple ~50-70 (about 1 MB of the kiosk's memory over the ~6,000 values); they are only
    looked through and iterated.
    """
    shorts: dict[str, set[str]] = {}
    fulls: dict[str, set[str]] = {}
    for line in _DIMINUTIVE_LINES.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        full, *forms = line.split()
        shorts.setdefault(full, set())
        for short in forms:
            shorts.setdefault(full, set()).add(short)
            fulls.setdefault(short, set()).add(full)
    clusters: dict[str, set[int]] = {}
    members: list[tuple[str, ...]] = []
    cid = 0
    for line in _COGNATE_LINES.splitlines():
        group = frozenset(line.split())
        if len(group) < 2:
            continue
        for f in group:
            _COGNATES.setdefault(_translit_unmemoised(f), set()).add(cid)
        _COGNATE_FORMS.append(group)
        cid += 1
    cid = 0
    for table in ALL_TABLES.values():
        for key, entry in table.items():
            spellings = {f for f in {_fold(f) for f in entry.get("forms", ())} | {_fold(key)} if len(f) >= 2}
            if len(spellings) < 2:
                continue
            for f in spellings:
                clusters.setdefault(f, set()).add(cid)
            members.append(tuple(sorted(spellings)))
            cid += 1
    return _sorted_values(shorts), _sorted_values(fulls), _sorted_values(clusters), members


def _sorted_values(table: dict[str, set[_T]]) -> dict[str, tuple[_T, ...]]:
    return {k: tuple(sorted(v)) for k, v in table.items()}


def warm_up() -> None:
    """Build the tables now."""
    _tables()


_TRANSLIT = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("ja", "ya"),
    ("ju", "yu"),
    ("je", "ye"),
    ("jo", "yo"),
    ("ij", "iy"),
    # German and Polish write the Slavic "v" as "w": Wanja/Vanya, Iwan/Ivan, Wladimir/Vladimir.
    ("w", "v"),
)


@lru_cache(maxsize=50_000)
def translit_key(name: str) -> str:
    """One spelling for the German, Polish and English romanisations of a Slavic name.

    "Nastja" and "Nastya", "Sascha" and "Sasha", "Tatjana" and "Tatyana", "Wanja" and "Vanya"
    get one key. The French and Italian "-ia" of a Russian short form's "-ья"/"-я" is the
    English "-ya" (Katia/Katya, Tania/Tanya), and a soft "yu" after a consonant is also written "iu" or "u"
    (Lyuda, Liuda, Luda: BGN/PCGN against the passports' and everyday spellings).
    """
    for a, b in _TRANSLIT:
        name = name.replace(a, b)
    if 4 <= len(name) <= 5 and name.endswith("ia"):
        # Short forms only: a full name's "-ia" (Antonia) is compared with its "-io"/"-ius"
        # spellings (see _close_spelling), which "-ya" would move further from.
        name = name[:-2] + "ya"
    # (The expression needs an "iu" or "yu"; most names have neither.)
    return _SOFT_U.sub("u", name) if "iu" in name or "yu" in name else name


_SOFT_U = re.compile(r"(?<=[^aeiouy])[iy]u")

# translit_key for the tables made once: the ~1,400 forms' keys are not memoised (a visitor's name that
# is one of them is memoised when screened); they were ~1,400 of the memo's entries in every kiosk.
_translit_unmemoised = translit_key.__wrapped__


@lru_cache(maxsize=1)
def _keyed() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The diminutive table in translit_key space: (full -> shorts, short -> fulls), as sorted tuples."""
    shorts, fulls = _tables()[:2]
    by_full: dict[str, set[str]] = {}
    by_short: dict[str, set[str]] = {}
    for full, forms in shorts.items():
        for short in forms:
            kf, ks = _translit_unmemoised(full), _translit_unmemoised(short)
            by_full.setdefault(kf, set()).add(ks)
            by_short.setdefault(ks, set()).add(kf)
    return _sorted_values(by_full), _sorted_values(by_short)


def _close_spelling(a: str, b: str) -> bool:
    # Aleksandra/Alexandra, Yevgenia/Evgenia, Anastasija/Anastasia: the same full name.
    return a == b or (min(len(a), len(b)) >= 5 and Indel.normalized_similarity(a, b) >= 0.85)


@lru_cache(maxsize=100_000)
def diminutive(a: str, b: str) -> bool:
    """Whether one of two ASCII lower-case forenames is a listed short form of the other.

    Spellings are compared in :func:`translit_key` space, and the full name may be spelt a
    little differently from the table's (the table has Aleksandra, the list Alexandra).
    """
    by_full, by_short = _keyed()
    ka, kb = translit_key(a), translit_key(b)
    for short, full in ((ka, kb), (kb, ka)):
        if short in by_full.get(full, ()):
            return True
        if any(_close_spelling(f, full) for f in by_short.get(short, ())):
            return True
    return False


def shared_full(a: str, b: str) -> str | None:
    """A full name that two different short forms both stand for (Sasha and Shura: Aleksandr).

    Short forms are compared as :func:`translit_key` spells them, so Sanja and Sascha (German)
    meet Sanya and Sasha (English).
    """
    by_short = _keyed()[1]
    of_b = by_short.get(translit_key(b), ())
    both = [full for full in by_short.get(translit_key(a), ()) if full in of_b]
    return min(both) if both else None


def cognate(a: str, b: str) -> bool:
    """Whether two ASCII lower-case forenames are one name in Russian, Ukrainian and Belarusian.

    Volodymyr and Uladzimir are Vladimir; Yauhen and Yevhen are Yevgeny. A form spelt a little
    differently from the table's (Evgenij) still counts.
    """
    _tables()
    ka = translit_key(a)
    if not _cognate_groups(ka):
        # Most names: in no group. Answered before the pair's memo, which a large list's
        # screening would fill with pairs it never asks about again.
        return False
    return _cognate_pair(a, b, ka)


@lru_cache(maxsize=100_000)
def _cognate_pair(a: str, b: str, ka: str) -> bool:
    ga = _cognate_groups(ka)
    kb = translit_key(b)
    if not ga & _cognate_groups(kb):
        return False  # most names: in no group, or not in the same one
    # One spelling of one form (Alexander/Aleksander) is a spelling, not a cognate.
    return not (ka == kb or respell(ka) == respell(kb) or _close_spelling(ka, kb))


@lru_cache(maxsize=50_000)
def _cognate_groups(key: str) -> frozenset[int]:
    got = _COGNATES.get(key)
    if got is not None:
        return frozenset(got)
    if len(key) < 5:
        return frozenset()
    out: set[int] = set()
    for form, groups in _COGNATES.items():
        if form[0] == key[0] and _close_spelling(form, key):
            out |= groups
    return frozenset(out)


def is_listed(name: str) -> bool:
    """Whether the tables hold ``name`` as a full name, a short form or a spelling of a name."""
    shorts, fulls, clusters, _members = _tables()
    return name in shorts or name in fulls or name in clusters or translit_key(name) in _COGNATES


def known_names() -> frozenset[str]:
    """Every full name and short form in the diminutive tables."""
    shorts, fulls, _clusters, _members = _tables()
    return frozenset(shorts) | frozenset(fulls)


def same_cluster(a: str, b: str) -> bool:
    """Whether two spellings are romanisations of one name in the ``name-variants`` tables."""
    clusters = _tables()[2]
    of_b = clusters.get(b, ())
    return any(cid in of_b for cid in clusters.get(a, ()))


@lru_cache(maxsize=50_000)
def related(name: str) -> frozenset[str]:
    """Every name the tables tie to ``name``: its full forms, short forms and spellings."""
    shorts, fulls, clusters, members = _tables()
    out = set(shorts.get(name, ())) | set(fulls.get(name, ()))
    for full in fulls.get(name, ()):
        out.update(shorts.get(full, ()))
    by_full, by_short = _keyed()
    key = translit_key(name)
    out.update(by_full.get(key, ()), by_short.get(key, ()))
    for cid in clusters.get(name, ()):
        out.update(members[cid])
    for cid in _COGNATES.get(key, ()):
        out.update(_COGNATE_FORMS[cid])
    out.update(p + name for p in _PREFIXES if len(name) >= 3)  # Seun -> Oluwaseun
    out.discard(name)
    return frozenset(out)


def clipped_form(short: str, full: str) -> str | None:
    """Name the rule by which ``short`` is an everyday clipped form of ``full``, or None (see _clipped)."""
    if not _may_clip(short, full):
        return None
    for f in full_spellings(full):
        rule = _clipped(short, f)
        if rule is not None:
            return rule
    return None


def _may_clip(short: str, full: str) -> bool:
    """False only when clipped_form(short, full) is certainly None: most pairs stop here.

    Each rule of _clipped needs the short form to start as one of full_spellings does (the full
    name itself, "k" for a "c", "f" for a "ph", "t" for a "th"), or a Yoruba/Igbo prefix on one
    of them (of those only the "t" one can gain one: "th" + "emi...").
    """
    return (
        short[:1] == full[:1]
        or (short[:1] == "k" and full[:1] == "c")
        or (short[:1] == "f" and full[:2] == "ph")
        or full[:2] == "th"
        or full.startswith(_PREFIXES)
    )


def may_clip_any(short: str, fulls: tuple[str, ...]) -> bool:
    """False only when _clipped(short, f) is None for every ``f`` of ``fulls`` (full_spellings).

    Its Yoruba/Igbo rule needs ``f`` to start with a prefix; its other rules keep the first
    letter and either end the short form as a "-z"/"-l" form does (stem+z: z, zza, zzer, l, ez,
    s) or end it in a clip suffix (o, y, ie, i, ee, ey: the last letter o, y, e or i) after a
    stem of three letters or more that ``f``, or ``f`` with its first "th" as "t", starts with.
    """
    if len(short) < 2:
        return False
    for f in fulls:
        if len(f) < 4 or f == short:
            continue
        if f.startswith(_PREFIXES):
            return True
        if short[0] != f[0]:
            continue
        if short.endswith(("z", "zza", "zzer", "l", "s")):
            return True
        if short[-1] in "oyei" and (f[:3] == short[:3] or f.replace("th", "t", 1)[:3] == short[:3]):
            return True
    return False


def _clipped(short: str, full: str) -> str | None:
    """Name the rule by which ``short`` is an everyday clipped form of ``full``, or None.

    * British "-z"/"-l" forms: the stem before an "r" plus z, zza or l (Gaz/Gary, Shaz/Sharon,
      Del/Derek, Tel/Terence);
    * a stem of three or more letters plus -o, -y, -ie, -i, -ee or -ey, with its last
      consonant doubled or not (Robbo/Robert, Jonno/Jonathan, Tommo/Thomas);
    * a Yoruba or Igbo name without its prefix (Seun/Oluwaseun, Emeka/Chukwuemeka).
    """
    ls, lf = len(short), len(full)
    if ls < 2 or lf < 4 or short == full:
        return None
    for p in _PREFIXES:
        if full.startswith(p) and lf - len(p) >= 3:
            rest = full[len(p) :]
            if rest == short:
                return "prefix"
            if ls >= 4 and len(rest) >= ls + 2 and rest.startswith(short):
                # The rest cut short as well: Tobi for Oluwatobiloba (Tobiloba), Funmi for
                # Olufunmilayo.
                return "prefix+start"
    if short[0] != full[0]:
        return None
    r = full.find("r", 1)
    if 2 <= r <= 3:
        stem = full[:r]
        if short in (stem + "z", stem + "zza", stem + "zzer", stem + "l") or (
            stem[-1] in "aeiou" and short in (stem[:-1] + "ez", stem + "s")
        ):
            return "stem+z"
    for suf in _CLIP_SUFFIXES:
        if not short.endswith(suf) or ls - len(suf) < 3:
            continue
        stem = short[: -len(suf)]
        if len(stem) >= 4 and stem[-1] == stem[-2]:
            stem = stem[:-1]  # Robbo -> rob, Tommo -> tom
        # "th" is often written "t" in the short form: Tommo/Thomas.
        if len(stem) >= 3 and (full.startswith(stem) or full.replace("th", "t", 1).startswith(stem)):
            if full.startswith(short):
                return None  # a plain prefix, handled as a short form already
            return "stem+" + suf
    return None


# Everyday diminutive endings (Slavic -ka/-ek/-sia/-usz, Lithuanian -ukas/-ute, Romanian -ica/-uta,
# Portuguese and Spanish -inho/-ito, Italian -ino/-etto, German -i/-el/-chen, Dutch -je/-tje).
_DIMINUTIVE_ENDINGS = tuple(
    sorted(
        """ka ek ik sia zia cia nia usz us ulka unia enka ochka ushka yusha ya ja sha ukas elis ute yte
        ele ica el uta ut ita ucu inho inha ito ico ino ina etto etta ello ella uccio uccia i ie y el
        chen erl le je tje pje ke ko l is""".split(),
        key=len,
        reverse=True,
    )
)


def full_spellings(full: str) -> tuple[str, ...]:
    """A full name as written and as its short forms tend to spell its first sound.

    Catherine gives Kate and Katie, Christopher Kris, Philippa Pippa's cousin Flip, Theodore Teddy.
    """
    out = [full]
    if len(full) >= 6 and full.endswith(("ine", "ina")):
        # The French -ine and the Italian, Spanish and German -ina are one name (Caroline and
        # Carolina, Pauline and Paulina), and so are their short forms (Lina, Ina, Line, Lin).
        other = full[:-1] + ("a" if full[-1] == "e" else "e")
        out.append(other)
        if full[-1] == "e":
            out.append(full[:-1])  # Carolin, the German spelling
    if full.startswith("ch"):
        out.append("k" + full[2:])
    elif full.startswith("c") and full[1:2] in ("a", "o", "u", "l", "r"):
        out.append("k" + full[1:])
    elif full.startswith("ph"):
        out.append("f" + full[2:])
    elif full.startswith("th"):
        out.append("t" + full[2:])
    return tuple(out)


def strong_diminutive(short: str, full: str) -> bool:
    """A Slavic or Hungarian diminutive by its ending, agreeing with the full name's gender.

    A woman's name (ending in -a) with -ka, -ika, -nka or -sia (Marika/Maria, Ilonka/Ilona,
    Janka/Janina), a man's (ending in a consonant) with -ek or -ik (Tomek/Tomasz, Irek/Ireneusz).
    """
    if len(short) < 4 or len(full) < 4 or short == full or not _may_diminish(short, full):
        return False
    if full.endswith("a"):
        endings: tuple[str, ...] = ("ka", "sia", "nia", "zia", "cia")
    elif full[-1] not in "aeiouy":
        endings = ("ek", "ik")
    else:
        return False
    for end in endings:
        stem = short[: -len(end)]
        if short.endswith(end) and len(stem) >= 2 and full.startswith(stem[:3] if len(stem) >= 3 else stem):
            return len(stem) >= 3 or full[: len(stem) + 1] in (
                stem + "a",
                stem + "e",
                stem + "i",
                stem + "o",
                stem + "u",
            )
    return False


def _may_diminish(short: str, full: str) -> bool:
    """False only when strong_diminutive(short, full) is certainly False: the full name starts
    with the stem, which keeps two letters or more of the short form."""
    return short[:2] == full[:2]


@lru_cache(maxsize=200_000)
def respell(name: str) -> str:
    """A name as it sounds, for comparing a short form with the start of its full name.

    Short forms are often spelt afresh: Jacky for Jacqueline, Jos for Józef, Maks for Max,
    Kasia's cousin Kate for Catherine. Both sides are rewritten the same way: "qu"/"cqu"/"ck"
    and a hard "c" to "k", "ph" to "f", "th" to "t", "x" to "ks", "z" to "s", "w" to "v" and
    "y" after the first letter to "i"; a "j" before a vowel at the start is read as "y".
    """
    s = name
    for a, b in (("cqu", "k"), ("ck", "k"), ("qu", "kw"), ("ph", "f"), ("th", "t"), ("x", "ks")):
        s = s.replace(a, b)
    s = _HARD_C.sub("k", s)
    s = s.replace("z", "s").replace("w", "v")
    if s[:1] == "j" and s[1:2] in tuple(_VOWELS):
        s = "y" + s[1:]  # the German, Slavic and Hebrew J is an English Y: Yossi/Josef, Yana/Jana
    return s[:1] + s[1:].replace("y", "i")


_HARD_C = re.compile(r"c(?=[aoulrk]|$)")
_VOWELS = "aeiouy"


def _last_syllable(full: str) -> str:
    """The last consonant of a name and the vowels after it ("la" of Emanuela, "ni" of Giovanni)."""
    m = re.search(r"[^aeiouy][aeiouy]*$", full)
    return m.group() if m else ""


def loose_short_form(short: str, full: str) -> str | None:
    """A looser everyday short form: the rule that makes ``short`` one of ``full``, or None.

    Rules named "start..." keep the start of the name, as most short forms do (and as a plain
    prefix such as Alex/Alexander does); :func:`keeps_start` tells them apart, because they are
    surer than the others:

    * the first three letters of a longer name (Max/Maxim, Ion/Ionica, Jos/Józef as it sounds);
    * the start of the name plus a diminutive ending (Olli/Oliver, Fedja/Fedor, Jacky/Jacqueline,
      Christl/Christine, Alkis/Alkiviadis) or a plain -e or -a (Kate/Katarina, Dora/Dorothee);
    * the end of the name, starting with a consonant (Lina/Karolina, Bella/Isabella, Beth/Elizabeth);
    * a consonant-led stem from inside the name plus an ending (Lotti/Charlotte, Noldi/Arnold,
      Lisl/Elisa, Xandl/Alexander);
    * the start of the name with a vowel left out, plus an ending (Vroni/Veronika, Lennie/Leonard);
    * a syllable doubled, on the name's first or last consonant (Vivi/Viorica, Mimi/Maria,
      Didi/David; Lela/Emanuela, Nino/Giovanni).
    """
    ls = len(short)
    if ls < 3 or len(full) < 4 or ls > len(full) or short == full:
        return None
    shorts = dict.fromkeys((short, respell(short)))
    fulls = dict.fromkeys((*full_spellings(full), respell(full)))
    if not _may_shorten(shorts, fulls):
        return None
    for sh in shorts:
        for f in fulls:
            rule = _start_rule(sh, f)
            # A two-letter stem counts as spelt, never respelt (Vika is not Wilfred).
            if rule is not None and (sh == short and f == full or not rule.startswith("short")):
                if rule in ("start+e", "start+a") and f != full and full[-1] not in _VOWELS:
                    # A plain -e/-a on a respelt stem is a woman's form of a name ending in a
                    # vowel (Kate/Catherine as "katherine"); Cathal ("kathal") is a man's name.
                    continue
                return rule
    for sh in shorts:
        for f in fulls:
            rule = _other_rule(sh, f)
            if rule is not None:
                return rule
    return None


def may_start_short(short: str, short_respelt: str, full: str, fulls: Iterable[str]) -> bool:
    """False only when loose_short_form(short, full) is certainly not a rule that keeps the start.

    ``short_respelt`` is respell(short); ``fulls`` are full_spellings(full) and respell(full)
    (what loose_short_form tries). Every such rule (see _start_rule: "start", "start+<ending>",
    "start+e"/"start+a"; _other_rule has none) needs the full name to start with a stem of two
    letters or more of the short form, so with its first two letters.
    """
    if len(short) < 3 or len(full) < 4 or len(short) > len(full) or short == full:
        return False
    a, b = short[:2], short_respelt[:2]
    return any(f[:2] == a or f[:2] == b for f in fulls)


def may_shorten(short: str, short_respelt: str, full: str, fulls: Iterable[str]) -> bool:
    """False only when loose_short_form(short, full) is certainly None (any of its rules).

    ``short_respelt`` is respell(short); ``fulls`` are full_spellings(full) and respell(full):
    loose_short_form's own length tests, then _may_shorten of what it would try.
    """
    if len(short) < 3 or len(full) < 4 or len(short) > len(full) or short == full:
        return False
    return _may_shorten((short, short_respelt), fulls)


def _may_shorten(shorts: Iterable[str], fulls: Iterable[str]) -> bool:
    """False only when no rule of loose_short_form can make a short form of a full name here.

    Every rule needs the short form's first letter to start the full name (the start rules, the
    doubled syllable on the first consonant, and a vowel left out after the first letter), its
    first three letters inside it (the end of the name, and a stem from inside it: three letters
    or more), or, a doubled syllable on the last consonant ("Lela"), its first or last two as the
    name's last syllable: most pairs stop here.
    """
    for f in fulls:
        for sh in shorts:
            if sh[0] == f[0] or sh[:3] in f:
                return True
            if (
                len(sh) == 4
                and sh[0] == sh[2]
                and sh[0] not in _VOWELS
                and sh[1] in _VOWELS
                and sh[3] in _VOWELS
                and (sh[:2] in f or sh[2:] in f)
            ):
                return True
    return False


def keeps_start(rule: str) -> bool:
    """Whether a :func:`loose_short_form` rule keeps the start of the full name (the surer ones)."""
    return rule.startswith("start")


_ENDING_SET = frozenset(_DIMINUTIVE_ENDINGS)
_LONGEST_ENDING = max(len(e) for e in _DIMINUTIVE_ENDINGS)


@lru_cache(maxsize=100_000)
def _endings_of(short: str) -> tuple[str, ...]:
    """The diminutive endings ``short`` ends with, longest first."""
    return tuple(
        short[-k:] for k in range(min(_LONGEST_ENDING, len(short)), 0, -1) if short[-k:] in _ENDING_SET
    )


def _ending_stem(short: str, end: str) -> tuple[str, bool] | None:
    """The stem of ``short`` before the diminutive ending ``end`` (undoubled), or None."""
    if not short.endswith(end):
        return None
    stem = short[: -len(end)]
    doubled = len(stem) >= 3 and stem[-1] == stem[-2]
    if doubled:
        stem = stem[:-1]  # Olli -> ol(iver), Robbie -> rob(ert)
    # A two-letter stem takes a doubled letter or an ending of two letters that ends in a vowel
    # (Vika, Olli): Jo + el is Joel, a name of its own, not a pet form of John.
    if len(stem) >= 3 or (len(stem) == 2 and ((len(end) >= 2 and end[-1] in _VOWELS) or doubled)):
        if end == "l" and (stem[-1] in _VOWELS or stem[-1] in "lr"):
            return None  # Bavarian -l follows a consonant (Christl, Resl); Carl and Emil are names
        return stem, doubled
    return None


def _start_rule(short: str, f: str) -> str | None:
    ls, lf = len(short), len(f)
    # Three letters as typed; four once respelt (Max as "maks" for Maksim).
    if (ls == 3 or (ls == 4 and short[-2:] == "ks")) and lf >= ls + 2 and f.startswith(short):
        return "start"
    for end in _endings_of(short):
        got = _ending_stem(short, end)
        if got is None:
            continue
        stem, doubled = got
        if end == "is" and lf < ls + 3:
            continue  # Denis/Denise, Louis/Louise are a man's and a woman's name
        if f.startswith(stem) and stem != f:
            # A two-letter stem (Vika, Amie) starts too many names to be sure of; a doubled
            # letter that closes the name's first syllable (Olli/Oliver) marks it as a short form.
            sure = len(stem) >= 3 or (doubled and f[2:3] in tuple(_VOWELS))
            return ("start+" if sure else "short-start+") + end
    # A stem and a plain -e or -a: Kate/Katarina, Dora/Dorothee.
    stem = short[:-1]
    if short[-1] in "ea" and len(stem) >= 3 and stem[-1] not in _VOWELS and f.startswith(stem):
        return "start+" + short[-1]
    return None


def _inner_stem(stem: str, f: str) -> bool:
    """Whether ``stem`` is a syllable-led piece from inside ``f`` that a short form can be cut from.

    The piece must end where a syllable of the name ends: at the end of the name, before a
    vowel, before its own consonant doubled, or before an r, l or h that joins the next syllable
    (Noldi/Arnold, Lisl/Elisa, Lotti/Charlotte, Xandl/Alexander, Sandy/Aleksandra). Letters that
    only happen to sit inside a longer name (Sal in "Gunduzalp") are not a stem of it.
    """
    at = f.find(stem, 1)
    while at > 0:
        nxt = f[at + len(stem) : at + len(stem) + 1]
        if not nxt or nxt in _VOWELS or nxt == stem[-1] or nxt in "rlh":
            return True
        at = f.find(stem, at + 1)
    return False


def _other_rule(short: str, f: str) -> str | None:
    ls, lf = len(short), len(f)
    if lf >= ls + 2 and short[0] not in _VOWELS and f.endswith(short) and f[-ls - 1 : -ls] != short[0]:
        return "end"
    if lf >= ls + 3 and short[0] in _VOWELS and short[-1] in _VOWELS and f.endswith(short):
        # Ina/Regina, Ella/Isabella; a vowel-led end on a consonant (Ian/Christian) is another name.
        return "end"
    if (
        ls == 4
        and short[0] == short[2]
        and short[0] not in _VOWELS
        and short[1] in _VOWELS
        and short[3] in _VOWELS
    ):
        if short[1] == short[3] and (
            short[:2] == f[:2] or (short[0] == f[0] and short[1] in "iu" and f[1] == "a")
        ):
            return "doubled"  # Vivi/Viorica; Mimi/Maria, Didi/David, Dudu/David
        last = _last_syllable(f)
        if lf >= 6 and last in (short[:2], short[2:]):
            return "doubled:end"  # Lela/Emanuela, Nino/Giovanni
    for end in _endings_of(short):
        got = _ending_stem(short, end)
        if got is None:
            continue
        stem = got[0]
        if end == "is":
            continue  # a Greek -is form keeps the start of the name (Alkis, Takis)
        if len(end) <= 2 and len(stem) >= 3 and stem[0] not in _VOWELS and _inner_stem(stem, f):
            return "inner+" + end
    # Vroni/Veronika, Lennie/Leonard: the start of the name with a vowel left out, plus an ending.
    if short[0] not in _VOWELS and ls >= 4:
        for end in _endings_of(short):
            got = _ending_stem(short, end)
            if got is None or len(got[0]) < 3:
                continue
            stem = got[0]
            for i in range(1, min(len(stem) + 1, lf - 1)):
                if f[i] in _VOWELS and (f[:i] + f[i + 1 :]).startswith(stem) and not f.startswith(stem):
                    return "syncope+" + end
    # Lisa/Elisabeth: a consonant-led stem from inside the name and a plain -a.
    stem = short[:-1]
    if short[-1] == "a" and len(stem) >= 3 and stem[0] not in _VOWELS and stem[-1] not in _VOWELS:
        if f.find(stem, 1) > 0:
            return "inner+a"
    return None
