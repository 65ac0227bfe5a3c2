"""Name knowledge beyond the nicknames data: one test per rule family (issue 14)."""

from __future__ import annotations

import pytest

from kiosk.screening import Screener, WatchEntry
from kiosk.screening.compare import WEAK, compare_parts
from kiosk.screening.forenames import relation, respellings
from kiosk.screening.phonetic import (
    final_vowel,
    first_vowel_sounds,
    metaphone_keys,
    same_first_vowel,
    silent_gh_key,
    slavic_key,
    slavic_plain_key,
    sound_key,
)
from kiosk.screening.shortforms import (
    clipped_form,
    diminutive,
    keeps_start,
    loose_short_form,
    respell,
    same_cluster,
    translit_key,
)


def band(listed: str, typed: str) -> str | None:
    got = Screener([WatchEntry("X", listed)]).screen(typed)
    return got[0].band if got else None


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Gary Hollis", "Gaz Hollis"),
        ("Barry Quinn", "Baz Quinn"),
        ("Sharon Platt", "Shaz Platt"),
        ("Derek Towner", "Del Towner"),
        ("Terence Vane", "Tel Vane"),
        ("Kerry Doyle", "Kez Doyle"),
        ("Robert Fenwick", "Robbo Fenwick"),
        ("Jonathan Pike", "Jonno Pike"),
        ("Gary Hollis", "Gazza Hollis"),
    ],
)
def test_british_clipped_forms_alert_when_the_surname_agrees(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert"


def test_a_clipped_form_by_rule_with_a_misspelt_surname_is_only_shown() -> None:
    assert band("Gareth Hollis", "Gaz Hollis") == "alert"  # Gareth/Gaz is not in the table
    assert band("Gareth Hollis", "Gaz Holliss") == "review"


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Katarzyna Nowak", "Kasia Nowak"),
        ("Małgorzata Wiśniewska", "Gosia Wiśniewska"),
        ("Tomasz Zieliński", "Tomek Zielinski"),
        ("Aleksandr Petrov", "Sasha Petrov"),
        ("Alexandra Petrova", "Sascha Petrova"),  # table spells it Aleksandra, German Sascha
        ("Dmitri Volkov", "Dima Volkov"),
        ("Anastasia Orlova", "Nastja Orlova"),  # German/Polish romanisation of Nastya
        ("Wanja Voronova", "Iwan Voronova"),  # German w for v: Vanya is a short form of Ivan
        ("Jakub Dvořák", "Kuba Dvorak"),
        ("Dafydd Pritchard", "Dai Pritchard"),
        ("Ionuț Popescu", "Ionut Popescu"),
        ("Giuseppe Russo", "Peppe Russo"),
        ("Francisco Sousa", "Chico Sousa"),
        ("Mehmet Yılmaz", "Memo Yilmaz"),
        ("Harpreet Gill", "Preet Gill"),
        ("Oluwaseun Adeyemi", "Seun Adeyemi"),
        ("Chukwuemeka Obi", "Emeka Obi"),
        ("Kwadwo Mensah", "Kojo Mensah"),
        ("Maria Branco", "Marika Branco"),
        ("Ilona Török", "Ilonka Torok"),
        ("Ireneusz Wnuk", "Irek Wnuk"),
        ("Catherine Law", "Katie Law"),  # a clipped form that spells the first sound with a K
    ],
)
def test_short_forms_of_many_languages_alert(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert", (listed, typed)


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Karolina Hak", "Lina Hak"),
        ("Arnold Greer", "Noldi Greer"),  # a stem from inside the name plus -i
        ("Viorica Ionita", "Vivi Ionita"),
        ("Janina Kowal", "Janka Kowall"),  # a pet form by rule and a misspelt surname
        ("Maria Branco", "Mimi Branco"),  # a syllable doubled on the first consonant
        ("David Monteiro", "Didi Monteiro"),
        ("Emanuela Ene", "Lela Ene"),  # ... or on the last one
        ("Giovanni Sommaruga", "Nino Sommaruga"),
        ("Elisa Goncalves", "Lisl Goncalves"),  # a Bavarian -l on a stem from inside the name
        ("Alexander Swift", "Xandl Swift"),
        ("Regina Szabo", "Ina Szabo"),  # a vowel-led end that ends in a vowel
        ("Isabella Buscetta", "Ella Buscetta"),
        ("Veronika Buresova", "Vroni Buresova"),  # the start with a vowel left out, plus -i
        ("Leonard Smith", "Lennie Smith"),
    ],
)
def test_looser_short_forms_are_shown_for_review(listed: str, typed: str) -> None:
    assert band(listed, typed) == "review", (listed, typed)


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Maxim Orlov", "Max Orlov"),  # the first three letters of a longer name
        ("Ionica Albu", "Ion Albu"),
        ("Isabella Buscetta", "Isa Buscetta"),
        ("Józef Herdzik", "Jos Herdzik"),  # ... as they sound (z/s)
        ("Joseph Dey", "Yossi Dey"),  # ... and with a Y for the J
        ("Max Walters", "Maksim Walters"),  # Maks is Max as it sounds
        ("Jacqueline Wilson", "Jacky Wilson"),  # the start as it sounds plus -y
        ("Oliver Reed", "Olli Reed"),  # the start plus a pet ending
        ("Fedor Horacek", "Fedja Horacek"),
        ("Vasili Zakharov", "Vasja Zakharov"),
        ("Christine Jones", "Christl Jones"),  # Bavarian -l after a consonant
        ("Alkiviadis Vazoyra", "Alkis Vazoyra"),  # Greek -is on the start of a long name
        ("Katarina Pergande", "Kate Pergande"),  # the start and a plain -e
        ("Dorothee Bouchet", "Dora Bouchet"),
    ],
)
def test_short_forms_that_keep_the_start_of_the_name_alert_when_the_surname_agrees(
    listed: str, typed: str
) -> None:
    assert band(listed, typed) == "alert", (listed, typed)


def test_a_short_form_by_rule_needs_more_than_a_doubtful_surname() -> None:
    assert band("Katarina Pergande", "Kate Pergamde") == "review"  # a short form and a one-letter slip
    assert band("Maxim Barlow", "Max Borlaw") is None  # a short form and a surname that only may match


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("William Ross Callahan", "Billie Callahan"),  # Bill + -ie
        ("John Stanton", "Jacky Stanton"),  # Jack + -y
        ("Frederick Mayhew", "Freddie Mayhew"),
    ],
)
def test_pet_forms_of_known_short_forms_alert(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert", (listed, typed)


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Louise Clark", "Louise Clak"),  # a letter lost from inside the surname
        ("Carole Smart", "Carole Smat"),
        ("Barrie Vishnevsky", "Barrie Wisniewski"),  # Polish and Russian romanisations
    ],
)
def test_surname_slips_and_romanisations_alert(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert", (listed, typed)


def test_sound_alike_surname_beside_a_rare_forename_is_shown() -> None:
    # Hughes and Hewes: the same Double Metaphone codes, too few letters in common for a typo.
    assert band("Rosemary Hughes", "Rosemary Hewes") == "review"
    assert band("Rosemary Hughes", "Rosemary Holmes") is None


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Sean Docherty", "Shaun Docherty"),
        ("Graham Stokes", "Graeme Stokes"),
        ("Muhammad Iqbal", "Mohamed Iqbal"),
        ("Geoffrey Lamb", "Jeffrey Lamb"),
        ("Catherine Boyd", "Katherine Boyd"),
        ("Philippa Moss", "Filipa Moss"),
        ("Yasmin Shah", "Jasmine Shah"),
        ("Hussain Mirza", "Hossein Mirza"),
        ("Claire Bose", "Clair Bose"),
        ("Anne Tully", "Ann Tully"),
        ("Vivien Thompson", "Vivien Tomson"),
        ("Bohdan Ryan", "Bohdan Ryans"),
    ],
)
def test_sound_alike_spellings_alert_when_the_surname_agrees(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert", (listed, typed)


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Susan Whitfield", "Hannah Whitfield"),
        ("Patrick Doyle", "Peter Doyle"),
        ("Paul Reynolds", "Paula Reynolds"),
        ("Maria Costa", "Mario Costa"),
        ("Daniel Frost", "Daniela Frost"),
        ("Mary Oshodi", "Marianna Oshodi"),
        ("Emily Walker", "Emma Walker"),  # linked in the nicknames data, but two names
        ("John Stanton", "Ian Stanton"),  # the Gaelic form of John, a name of its own
        ("John Gray", "Sean Gray"),
        ("Wilfred Jones", "Vika Jones"),  # a two-letter stem respelt (v/w) is not enough
        ("Caroline Smith", "Carl Smith"),
        ("Emily Frost", "Emil Frost"),
        ("Denise Holt", "Denis Holt"),
        ("Maxuben Tolor", "Max Taylor"),  # a three-letter start and a surname that only sounds alike
        ("Annie Allen", "Angus Allen"),  # Annie's doubled n does not close a syllable of Angus
        ("Louise Hart", "Louis Hart"),
        ("Danielle Moss", "Daniel Moss"),
    ],
)
def test_different_names_never_alert(listed: str, typed: str) -> None:
    assert band(listed, typed) != "alert", (listed, typed)


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Dennis Evans", "Gülden Evans"),  # a short form is never longer than its full name
        ("Lorraine Morris", "Lili Morris"),  # a doubled syllable needs the name's own sounds
        ("Christian Lowe", "Ian Lowe"),  # a vowel-led end on a consonant is another name
        ("Nikodem Jones", "Nino Jones"),  # a doubled syllable repeats one vowel (or ends the name)
        ("Sean Jones", "John Jones"),  # separate names stay apart only where the data links them
        ("Louise Peter Harris", "Louise Harkin"),  # a rare forename alone does not open weak surnames
    ],
)
def test_unrelated_names_are_not_matched(listed: str, typed: str) -> None:
    assert band(listed, typed) is None, (listed, typed)


def test_rule_helpers() -> None:
    assert clipped_form("gaz", "gary") == "stem+z"
    assert clipped_form("seun", "oluwaseun") == "prefix"
    assert clipped_form("robbo", "robert") == "stem+o"
    assert clipped_form("mark", "marcus") is None
    assert loose_short_form("lina", "karolina") == "end"
    assert loose_short_form("ian", "christian") is None  # a vowel-led end is another name
    assert loose_short_form("ina", "regina") == "end"
    assert loose_short_form("jos", "jozef") == "start" and keeps_start("start")
    assert loose_short_form("jacky", "jacqueline") == "start+i"
    assert loose_short_form("mimi", "maria") == "doubled" and not keeps_start("doubled")
    assert loose_short_form("nino", "giovanni") == "doubled:end"
    assert loose_short_form("lisl", "elisa") == "inner+l"
    assert loose_short_form("carl", "caroline") is None and loose_short_form("emil", "emily") is None
    assert loose_short_form("denis", "denise") is None
    assert loose_short_form("vika", "wilfred") is None  # respelt two-letter stem
    assert loose_short_form("vika", "viktoria") == "short-start+ka" and not keeps_start("short-start+ka")
    assert respell("jacqueline") == "yakeline" and respell("max") == "maks" and respell("jozef") == "yosef"
    assert slavic_key("wisniewski") == "visnevski" and slavic_key("vishnevsky") == "vishnevski"
    assert relation("billie", "william") == ("direct", None)
    assert relation("emma", "emily") == ("sibling", "")
    assert diminutive("nastja", "anastasia") and diminutive("sascha", "alexandra")
    assert not diminutive("sasha", "natalia")
    assert same_cluster("hussain", "hossein") and not same_cluster("hussain", "hassan")
    assert translit_key("tatjana") == translit_key("tatyana")
    assert translit_key("wanja") == translit_key("vanya") and diminutive("iwan", "wanja")
    assert loose_short_form("vroni", "veronika") == "syncope+i" and not keeps_start("syncope+i")
    assert loose_short_form("vroni", "valentina") is None
    assert metaphone_keys("geraldine") & metaphone_keys("jeraldine")
    assert final_vowel("graeme") == final_vowel("graham") == ""
    assert final_vowel("maria") == "a" and final_vowel("mario") == "o"


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Josef Huber", "Sepp Huber"),  # German
        ("Ursula Brandt", "Uschi Brandt"),
        ("Cornelia Vogel", "Conny Vogel"),
        ("Eleonore Traore", "Lore Traore"),
        ("Cornelis de Vries", "Kees de Vries"),  # Dutch
        ("István Kovács", "Pisti Kovacs"),  # Hungarian
        ("Miklós Király", "Miska Kiraly"),
        ("Ágnes Blackburn", "Ági Blackburn"),
        ("Xavier Anjos", "Xabi Anjos"),  # Basque
        ("Francisco Ruiz", "Paco Ruiz"),  # Spanish
        ("Konstantinos Pappas", "Kostas Pappas"),  # Greek
        ("Leszek Nowak", "Lech Nowak"),  # Polish
    ],
)
def test_short_forms_of_central_and_western_europe_alert(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert", (listed, typed)


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Vladimir Koshelev", "Volodymyr Koshelev"),  # Ukrainian
        ("Vladimir Koshelev", "Uladzimir Koshelev"),  # Belarusian
        ("Evgeniy Markova", "Yauhen Markova"),
        ("Gennadiy Mukhina", "Hennadz Mukhina"),  # Belarusian h for Russian g
        ("Olga Petrenko", "Olha Petrenko"),
    ],
)
def test_one_name_in_russian_ukrainian_and_belarusian_alerts(listed: str, typed: str) -> None:
    got = Screener([WatchEntry("X", listed)]).screen(typed)
    assert got and got[0].band == "alert", (listed, typed, got)
    assert any("another slavic language" in r.lower() for r in got[0].reasons), got[0].reasons


def test_cognates_are_not_claimed_for_spellings_or_other_languages() -> None:
    from kiosk.screening.shortforms import cognate

    assert cognate("volodymyr", "vladimir") and cognate("uladzmir", "vladimir")  # a typo of the form
    assert not cognate("alexander", "aleksander")  # one form spelt two ways
    assert not cognate("ivan", "juan")  # a shared root is not one name in everyday use
    assert not cognate("olga", "helga")


def test_sasha_spellings_are_short_forms_of_one_name() -> None:
    # Sanja (German spelling of Sanya) and Sascha both stand for Aleksandr: shown to reception.
    assert relation("sanja", "sascha") == ("sibling", "aleksandr")


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Arnold Begum", "Noldi Bwgum"),  # a loose short form and a neighbouring key
        ("Pauline Barnes", "Line Barens"),  # ... and two letters swapped
        ("Regina Szabó", "Ina Szbó"),  # ... and a letter lost inside the surname
    ],
)
def test_a_loose_short_form_beside_a_surely_mistyped_surname_is_shown(listed: str, typed: str) -> None:
    assert band(listed, typed) == "review", (listed, typed)


def test_a_loose_short_form_needs_more_than_another_spelling_of_the_surname() -> None:
    # Lina for Karolina is a guess; Hewes for Hughes is a guess: two guesses are not a match.
    assert band("Karolina Hughes", "Lina Hewes") is None


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Renata Shaughnessy", "Renaa Shaughnessy"),
        ("Judith Watson", "Judih Watson"),
        ("Bogdan Morgan", "Bodan Morgan"),
    ],
)
def test_a_letter_lost_inside_a_forename_alerts(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert", (listed, typed)


def test_a_letter_lost_inside_a_forename_that_leaves_another_name_is_only_shown() -> None:
    assert band("Marina Kowalska", "Maria Kowalska") == "review"  # Maria is a name of its own


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Archibald Reed", "Archibald Reade"),
        ("Raziye Neil", "Raziye Neale"),
        ("Zoe Bayley", "Zoe Baillie"),
        ("Izzat Kerr", "Izzat Carr"),
        ("Servet Chaudhry", "Servet Chowdhury"),
    ],
)
def test_surnames_said_alike_alert_beside_the_exact_forename(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert", (listed, typed)


def test_surnames_said_alike_are_only_shown_beside_a_looser_forename() -> None:
    assert band("Archibald Reed", "Archie Reade") in ("review", "alert")
    assert band("Zoe Bayley", "Chloe Baillie") is None


def test_an_initial_beside_a_surname_only_said_alike_is_not_a_match() -> None:
    assert band("Archibald Reed", "A Reade") is None
    assert band("Archibald Reed", "A Reed") == "alert"


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Loredana Sevcenko", "Loredana Schewtschenko"),  # German romanisation, no háčeks
        ("Brigid Schewtschenko", "Brigid Shevchenko"),
        ("Daiana Sevcenko", "Daiana Shevchenko"),
        ("Olga Tschernow", "Olga Chernov"),
        ("Esther Dougherty", "Esther Doherty"),  # the Irish silent gh
        ("Sofia Doherty", "Sofia Dougherty"),
        ("Paul Docherty", "Paul Dougherty"),  # and the Scottish sounded one still
    ],
)
def test_slavic_and_irish_surname_spellings_alert_beside_the_forename(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert", (listed, typed)


def test_a_surname_without_its_hacheks_alone_does_not_alert() -> None:
    # Sevcenko/Schewtschenko by the háček rule alone is held only beside the exact forename.
    m = compare_parts("schewtschenko", "schewtschenko", "sevcenko", "sevcenko", False)
    assert m is not None and m.score < 0.85
    assert band("Loredana Sevcenko", "L Schewtschenko") is None
    assert band("Loredana Sevcenko", "Lorena Schewtschenko") != "alert"


def test_hacek_and_silent_gh_keys() -> None:
    assert slavic_plain_key("schewtschenko") == slavic_plain_key("shevchenko") == slavic_plain_key("sevcenko")
    assert slavic_plain_key("kowalczyk") == "kovalcyk"
    assert silent_gh_key("dougherty") == silent_gh_key("doherty") == sound_key("doherty")
    assert silent_gh_key("callaghan") == silent_gh_key("callahan")
    assert sound_key("dougherty") == sound_key("docherty")  # the sound key keeps the sounded gh
    assert silent_gh_key("hughes") != silent_gh_key("hewes")  # only "agh"/"ugh" before a vowel
    assert silent_gh_key("moore") == sound_key("moore")


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Gregory Leddy", "Gregg Leddy"),  # Gregg: the data set's Greg with its letter doubled
        ("Anastassios Chelios", "Tassos Chelios"),  # Greek doubles freely: Tasos/Anastasios
        ("Harry Bahri", "Harald Bahri"),  # Harald: Harold with another vowel; Harry is its short form
        ("Harald Hussain", "Harry Hussain"),
    ],
)
def test_respelt_forenames_keep_their_short_forms(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert", (listed, typed)


def test_respellings_rule() -> None:
    assert "harold" in respellings("harald")
    assert "tasos" in respellings("tassos") and "greg" in respellings("gregg")
    # The vowel rule is only for names the data sets do not know: Dan and Don are two names.
    assert "don" not in respellings("dan") and "dan" not in respellings("don")
    assert band("Daniel Smith", "Don Smith") != "alert"
    assert band("Donald Smith", "Dan Smith") != "alert"
    # It keeps the first letter and the length to one letter.
    assert all(r[0] == "h" and abs(len(r) - 6) <= 1 for r in respellings("harald"))


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Ekaterina Orlova", "Katia Orlova"),  # the French/Italian -ia of Katya
        ("Tatyana Orlova", "Tania Orlova"),
        ("Lyudmila Orlova", "Luda Orlova"),  # a soft "yu" written "u"
        ("Oluwatobiloba Adeyemi", "Tobi Adeyemi"),  # prefix dropped, the rest cut short
        ("Akinwale Adeyemi", "Wale Adeyemi"),  # the Yoruba prefix Akin-
        ("Gheorghe Ene", "Gigel Ene"),
        ("Rajesh Sharma", "Raju Sharma"),
        ("Padraig Ryan", "Paudie Ryan"),
    ],
)
def test_more_short_forms_alert(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert", (listed, typed)


def test_short_form_spelling_keys() -> None:
    assert translit_key("katia") == translit_key("katya") and translit_key("luda") == translit_key("lyuda")
    assert translit_key("yulia") != translit_key("ulia")  # an initial Yu stays
    assert translit_key("antonia") == "antonia"  # a full name's -ia is left (Antonia/Antonio)
    assert clipped_form("tobi", "oluwatobiloba") == "prefix+start"
    assert clipped_form("tob", "oluwatobiloba") is None  # three letters is too little
    assert band("Antonia Murphey", "Toni Murphey") == "alert"


def test_a_plain_e_on_a_respelt_stem_is_a_womans_form() -> None:
    assert band("Catherine Williams", "Kate Williams") == "alert"
    assert band("Ingeborg Weiss", "Inge Weiss") == "alert"  # spelt as written: no gender guess
    assert loose_short_form("kate", "cathal") is None  # Cathal ("kathal") is a man's name
    assert band("Kate Williams", "Cathal Williams") is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("reed", "reade", True),  # "ee" and "ea": one front vowel
        ("chaudhry", "chowdhury", True),  # "au" and "ow" may both be the "ow" of "cow"
        ("hughes", "hewes", True),  # a "w" closing the vowel rounds it
        ("kerr", "carr", True),  # "er" before a closing "r" is said like "ar", "ir", "ur"
        ("burke", "birk", True),
        ("meyer", "mayer", True),  # "ay" may be read "a" or "e"
        ("colley", "kelly", False),  # back "o", front "e"
        ("hill", "howell", False),
        ("brown", "bryan", False),  # "y" after a consonant is a vowel
        ("barr", "boyer", False),  # "ar" keeps its own sound
        ("ward", "ford", False),
        ("yates", "yeats", True),  # "y" starting a word is a consonant, not the vowel
    ],
)
def test_first_vowel_sounds(a: str, b: str, same: bool) -> None:
    assert same_first_vowel(a, b) is same, (a, b, first_vowel_sounds(a), first_vowel_sounds(b))


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Harold Howell", "Harold Hill"),  # one Double Metaphone code, HL, and no vowel in common
        ("Imelda Kelly", "Imelda Colley"),
        ("Osric Ford", "Osric Ward"),  # the sound key reads "w" as "f"
        ("Tamsin Boyer", "Tamsin Barr"),
        ("Edgar Musil", "Edgar Mitchell"),
    ],
)
def test_surnames_sharing_only_their_consonants_are_not_matched(listed: str, typed: str) -> None:
    assert band(listed, typed) is None, (listed, typed)


def test_surnames_one_vowel_apart_are_a_slip_to_show_not_a_spelling_to_hold() -> None:
    # Hall/Hull, Bond/Band: one letter of four changed, which the typo rule shows reception; the
    # sound keys no longer call them "another spelling" and hold the badge.
    assert band("Ottoline Hall", "Ottoline Hull") == "review"
    assert band("Ottoline Bond", "Ottoline Band") == "review"
    # Brown/Bryan: two letters of five changed, so at most a "may be" (it was "another spelling").
    brown = compare_parts("brown", "brown", "bryan", "bryan", False)
    assert brown is not None and brown.score <= WEAK and brown.kind == "typo"


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Ottoline Burke", "Ottoline Birk"),
        ("Ottoline Meyer", "Ottoline Mayer"),
        ("Ottoline Pearce", "Ottoline Pierce"),
        ("Ottoline Reilly", "Ottoline Riley"),
    ],
)
def test_surnames_said_alike_with_the_same_first_vowel_still_alert(listed: str, typed: str) -> None:
    assert band(listed, typed) == "alert", (listed, typed)
