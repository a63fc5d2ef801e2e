"""Person names without a language model: name lists, cue phrases and capitalisation.

No NER model runs (nothing may be downloaded, and a blank spaCy pipeline has no
entity recogniser). Names are found four ways, in the hubs' languages (English,
Spanish, Polish, Hindi and Urdu in Latin script, Filipino):

1. a cue phrase ("my name is", "me llamo", "nazywam się", "mera naam", "ako si",
   "Mr.", "Sra.", "Pani", or a role: "my supervisor", "la jefa", "kierownik", "TL")
   followed by capitalised words;
2. a known given name (``name_lists``, in any Polish case form) followed by
   capitalised words: "María Fernández", "Andrés Felipe Gómez", "Tomaszem Zającem";
3. a capitalised word followed by a known surname: "Bartek Sikora";
4. a capitalised word before an honorific that follows names: "Sharma ji", "Ramesh sir".

A single given name with no cue ("Pedro said") and names outside the lists with no
cue are missed: ``python -m benchmarks.redaction_quality`` measures recall per
language, and ``docs/privacy.md`` gives the figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fairshore.privacy.model import Detection
from fairshore.privacy.name_lists import fold, is_given_name, is_surname


def _word_list(block: str) -> list[str]:
    return block.split()


GIVEN_NAMES = frozenset(
    _word_list(
        """
        james john robert michael william david richard joseph thomas charles christopher
        daniel matthew anthony mark donald steven paul andrew joshua kevin brian george
        timothy ronald jason edward jeffrey ryan jacob gary nicholas eric jonathan stephen
        larry justin scott brandon benjamin samuel frank gregory raymond alexander patrick
        jack dennis jerry tyler mary patricia jennifer linda elizabeth barbara susan jessica
        sarah karen lisa nancy betty sandra margaret ashley kimberly emily donna michelle
        carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy
        angela shirley anna brenda pamela emma nicole helen samantha katherine christine
        debra rachel carolyn janet catherine maria heather diane olivia julie joyce victoria
        kelly christina lauren joan evelyn judith megan andrea cheryl hannah jacqueline
        martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy
        sophia denise doris marilyn danielle beverly isabella theresa diana natalie brittany
        charlotte marie kayla alexis lori oliver harry sophie chloe lucy jose juan luis
        carlos jorge pedro miguel alejandro andres andrés diego javier fernando ricardo
        sergio manuel francisco rafael eduardo santiago sebastian sebastián mateo camilo
        julian julián felipe nicolas nicolás esteban oscar óscar hernan hernán gustavo
        mauricio alvaro álvaro cristian jhon wilson edwin fabio jaime hector héctor raul
        raúl ramon ramón ana carmen laura lucia lucía marta paula valentina camila daniela
        natalia mariana gabriela carolina catalina juliana isabel sofia sofía fernanda
        alejandra adriana monica mónica claudia diana sandra liliana paola viviana angelica
        angélica yolanda beatriz piotr krzysztof andrzej tomasz paweł pawel marcin michał
        michal jakub łukasz lukasz grzegorz mateusz wojciech mariusz dariusz adam marek
        kamil maciej rafał rafal jacek janusz szymon bartosz przemysław kacper ryszard
        stanisław zbigniew jerzy tadeusz agnieszka katarzyna małgorzata malgorzata joanna
        ewa magdalena monika dorota krystyna aleksandra natalia zofia barbara beata jadwiga
        elżbieta elzbieta halina irena danuta karolina renata urszula weronika justyna
        izabela agata iwona wiktoria dominika zuzanna rahul amit rajesh suresh ramesh sanjay
        vijay anil sunil ajay arun ashok deepak manoj rakesh vikram ravi sachin rohit arjun
        aditya vivek nikhil karan akash siddharth abhishek anand prakash mahesh ganesh
        naveen kiran venkatesh srinivas harish pradeep gaurav priya pooja neha anjali divya
        kavita sunita anita meena rekha asha lakshmi deepika shreya swati sneha ritu nisha
        aarti kavya ananya isha riya shweta preeti jyoti shalini juan jose mark john michael
        christian jerome carlo paolo miguel rodel rommel ronaldo jun joel arnel noel renato
        rogelio eduardo ernesto antonio reynaldo danilo wilfredo maricel marites mylene
        rowena jocelyn lorna analyn rosalie cristina kristine jasmine angelica princess mary
        grace joy liezl charmaine shiela sheila rhea divina leonora nenita erlinda teresita
        imelda corazon lourdes maricris jonalyn
        """
    )
)

_CAP_WORD = r"[A-ZÁÉÍÓÚÑŁŚŻŹĆ][a-záéíóúñąćęłńóśźż]+(?:-[A-ZŁŚŻ][a-ząćęłńóśźż]+)?"
_SURNAME_PARTICLE = r"(?:(?:de|del|de la|dela|delos|van|von|da|dos)\s+)?"
_NAME = rf"{_CAP_WORD}(?:\s+{_SURNAME_PARTICLE}{_CAP_WORD}){{0,2}}"
_CUES = (
    r"my name is|my name's|this is|i am|i'm|speaking with|spoke with|spoke to|name:|customer:|"
    r"sir|madam|ma'am|señora|señor|klient|klientka|kausap ko si|hablé con|atendí a|"
    r"me llamo|mi nombre es|soy|habla|nombre:|"
    r"nazywam się|nazywam sie|jestem|z tej strony|"
    r"mera naam|mera nam|main|naam:|"
    r"ako si|ang pangalan ko ay|pangalan ko ay|ako po si|"
    r"mr\.?|mrs\.?|ms\.?|miss|dr\.?|sr\.?|sra\.?|srta\.?|don|doña|pan|pani|shri|smt\.?|"
    r"dear|hi|hello|hola|estimado|estimada|szanowny|szanowna|namaste|kumusta|po si|"
    r"regards,|saludos,|pozdrawiam,|thanks,|gracias,|dziękuję,|salamat,|"
    # Roles a worker names a person by (en, es, pl, hi/Hinglish).
    r"supervisor|supervisora|team lead|team leader|team leaderka|tl|manager|boss|colleague|"
    r"coordinador|coordinadora|jefe|jefa|gerente|líder|compañero|compañera|"
    r"kierownik|kierowniczka|koordynator|koordynatorka|szef|szefowa|przełożony|"
    r"przełożona|kolega|koleżanka|pana|panią|panem|panu"
)
_CUE_RE = re.compile(rf"(?i:\b(?:{_CUES}))\s+({_NAME})")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PARTICLES = frozenset(("de", "del", "la", "dela", "delos", "van", "von", "da", "dos"))
# Words after a name that mark it as one ("Sharma ji", "Ramesh sir").
_HONORIFICS = frozenset(("ji", "sir", "madam", "ma'am", "ma’am", "saab", "sahab", "bhai", "didi"))
# Capitalised words that follow cue phrases but are not names.
NOT_NAMES = frozenset(
    _word_list(
        """
        the a an i we you it this that my our your calling from with about here there not
        very sorry happy glad good fine okay ok thanks thank please hello yes no order
        account card el la los las un una mi tu su muy bien gracias buenos buenas por para
        con sin hola nie tak się jest dzień dobry proszę bardzo pan pani po na ang ng sa si
        ko mo ito yung hindi salamat opo hai hoon hu aap mera meri kya nahi main ji monday
        tuesday wednesday thursday friday saturday sunday january february march april may
        june july august september october november december customer agent team support
        manila bogota bogotá bengaluru krakow kraków warsaw mumbai delhi
        bank banco banca calle carrera avenida plaza santa san santo ulica team equipo
        zespół dział recursos humanos soporte support premium office oficina biuro
        quality company empresa telco floor training diwali easter wielkanoc semana
        navidad enero febrero marzo abril mayo junio julio agosto septiembre octubre
        noviembre diciembre lunes martes miércoles jueves viernes sábado domingo
        styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień
        październik listopad grudzień mój moja moje nasz nasza ten ta to też ale
        gdy kiedy dla od do w z i o u yo él ella nos les que como cuando pero
        also and but when then after before our their his her she he they
        street st road avenue ave lane drive boulevard blvd barangay village city
        """
    )
)
_NOT_NAMES_FOLDED = frozenset(map(fold, NOT_NAMES))
_HAND_GIVEN = frozenset(map(fold, GIVEN_NAMES))


class PersonNameFinder:
    """Person names from cue phrases and a gazetteer of the hubs' given names."""

    entity = "PERSON"
    name = "person_gazetteer"

    def find(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for m in _CUE_RE.finditer(text):
            start, end = self._trim(text, m.start(1), m.end(1))
            if end > start:
                out.append(self._hit(start, end, 0.75))
        out.extend(self._hit(start, end, score) for start, end, score in _list_names(text))
        return out

    @staticmethod
    def _trim(text: str, start: int, end: int) -> tuple[int, int]:
        # Stop at the first word that cannot be part of a name ("I am Very sorry").
        kept_end = start
        for word in re.finditer(r"\S+", text[start:end]):
            if word.group().lower() in NOT_NAMES:
                break
            kept_end = start + word.end()
        return start, kept_end

    def _hit(self, start: int, end: int, score: float) -> Detection:
        return Detection(
            entity=self.entity, start=start, end=end, score=score, recognizer=self.name
        )


def _capitalised(word: str) -> bool:
    # "María" yes; "AHT", "HR" (acronyms) and "el" no.
    return len(word) > 1 and word[0].isupper() and not word.isupper()


def _candidate(word: str) -> bool:
    return _capitalised(word) and fold(word) not in _NOT_NAMES_FOLDED


def _given(word: str) -> bool:
    return is_given_name(word, extra=_HAND_GIVEN)


def _list_names(text: str) -> Iterator[tuple[int, int, float]]:
    """Spans of names found through the name lists (rules 2 to 4 of the module)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
    i = 0
    while i < len(words):
        run = _name_run(text, words, i)
        start, end, word = words[i]
        score = _run_score(word, [words[k][2] for k in run[1:2]])
        if len(run) >= 2 and score:
            yield start, words[run[-1]][1], score
            i = run[-1] + 1
            continue
        if _candidate(word) and _next_is_honorific(text, words, i):
            yield start, end, 0.7
        i += 1


def _run_score(first: str, second: list[str]) -> float:
    """How sure a run of capitalised words starting with ``first`` is a name (0: not one)."""
    if _given(first):
        return 0.75  # "María Fernández"
    if second and not _given(second[0]) and is_surname(second[0]):
        return 0.65  # "Bartek Sikora"; but "Wczoraj Piotr Nowak" starts at "Piotr"
    return 0.0


def _name_run(text: str, words: list[tuple[int, int, str]], i: int) -> list[int]:
    """Indexes of up to four adjacent capitalised words from ``i`` (particles between)."""
    if not _candidate(words[i][2]):
        return []
    run, k = [i], i + 1
    while k < len(words) and len(run) < 4:
        gap = text[words[k - 1][1] : words[k][0]]
        if gap.strip() or "\n" in gap:
            break  # punctuation or a line break ends a name
        word = words[k][2]
        if word in _PARTICLES and k + 1 < len(words):
            k += 1
            continue
        if not _candidate(word) or (len(run) >= 2 and not (_given(word) or is_surname(word))):
            break
        run.append(k)
        k += 1
    return run


def _next_is_honorific(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    if i + 1 >= len(words) or text[words[i][1] : words[i + 1][0]] != " ":
        return False
    return words[i + 1][2].lower() in _HONORIFICS
