"""Person names without a language model: a gazetteer of given names and cue phrases.

No NER model runs (nothing may be downloaded, and a blank spaCy pipeline has no
entity recogniser). Names are found two ways: (1) a cue phrase in one of the hubs'
languages ("my name is", "me llamo", "nazywam się", "mera naam", "ako si", "Mr.",
"Sra.", "Pani") followed by capitalised words; (2) a common given name from the
hubs (English, Spanish, Polish, Indian, Filipino) followed by a capitalised surname.
Names outside the gazetteer with no cue are missed: recall on names is lower than
on patterned data, and ``docs/privacy.md`` says so with the measured figure.
"""

from __future__ import annotations

import re

from fairshore.privacy.model import Detection


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
    r"regards,|saludos,|pozdrawiam,|thanks,|gracias,|dziękuję,|salamat,"
)
_CUE_RE = re.compile(rf"(?i:\b(?:{_CUES}))\s+({_NAME})")
_GIVEN_RE = re.compile(rf"\b({_CAP_WORD})\s+({_SURNAME_PARTICLE}{_CAP_WORD})")
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
        """
    )
)


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
        for m in _GIVEN_RE.finditer(text):
            first, last = m.group(1), m.group(2)
            if first.lower() in GIVEN_NAMES and last.split()[-1].lower() not in NOT_NAMES:
                out.append(self._hit(m.start(), m.end(), 0.7))
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
